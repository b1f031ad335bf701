//! Any text given to the CSV importer, against the example portfolio: it
//! must import every row or refuse with located problems, never panic. What
//! it imports must leave a portfolio that passes validation and saves.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use capmap::model::Portfolio;
use libfuzzer_sys::fuzz_target;

static EXAMPLE: LazyLock<Portfolio> = LazyLock::new(|| {
    capmap::io::from_ron(capmap::io::EXAMPLE_PORTFOLIO, Path::new("example.ron"))
        .expect("the example loads")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut portfolio = EXAMPLE.clone();
    let Ok(import) = capmap::io::import_csv(text, &portfolio) else {
        return;
    };
    import.append_to(&mut portfolio);
    let problems = capmap::model::validate(&portfolio);
    assert!(problems.is_empty(), "an import left problems: {problems:?}");
    let saved = capmap::io::to_ron(&portfolio).expect("saves");
    let loaded = capmap::io::from_ron(&saved, Path::new("example.ron")).expect("loads back");
    assert_eq!(loaded, portfolio);
});
