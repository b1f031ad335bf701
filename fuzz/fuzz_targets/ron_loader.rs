//! Any bytes given to the portfolio loader: it must answer with a portfolio
//! or a located error, never panic or hang. A portfolio it accepts must save
//! and load back unchanged.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.ron");
    let Ok(portfolio) = capmap::io::load_bytes(data, path) else {
        return;
    };
    let text = capmap::io::to_ron(&portfolio).expect("an accepted portfolio saves");
    let again = capmap::io::from_ron(&text, path).expect("what was saved loads again");
    assert_eq!(again, portfolio, "a save and load changed the portfolio");
    let text_again = capmap::io::to_ron(&again).expect("saves again");
    assert_eq!(text, text_again, "saving twice gave different text");
});
