//! The layers run one way: app → ui → export/io → model. A module may use
//! the layers below it, never one above; the model never sees egui.

#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

use std::path::Path;

/// Every Rust file under `src/DIR`, with its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                pending.push(entry.unwrap().path());
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path.display().to_string(), text));
        }
    }
    assert!(!files.is_empty(), "no sources under src/{dir}");
    files
}

#[test]
fn no_layer_uses_one_above_it() {
    let rules: [(&str, &[&str]); 6] = [
        ("ui", &["crate::app"]),
        // The headless commands sit beside the app, on io and export.
        ("cli", &["crate::app", "crate::ui", "egui", "eframe"]),
        ("export", &["crate::app", "crate::ui", "crate::cli"]),
        ("io", &["crate::app", "crate::ui", "crate::cli"]),
        (
            "model",
            &[
                "crate::app",
                "crate::ui",
                "crate::cli",
                "crate::export",
                "crate::io",
            ],
        ),
        ("model", &["egui", "eframe"]),
    ];
    let mut broken = Vec::new();
    for (dir, forbidden) in rules {
        for (file, text) in sources(dir) {
            for (number, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for word in forbidden {
                    if code.contains(word) {
                        broken.push(format!("{file}:{}: {}", number + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "layers used upwards:\n{}",
        broken.join("\n")
    );
}
