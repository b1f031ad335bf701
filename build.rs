//! Build information: the version's git hash, and the Windows icon resource.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Rebuild when HEAD moves, so `--version` names the right commit.
    for path in [".git/HEAD", ".git/refs/heads", ".git/index"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    let hash = Command::new("git")
        .args(["rev-parse", "--short=9", "HEAD"])
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=CAPMAP_GIT_HASH={hash}");

    // The target, not the host: cross-compiling for Windows from Linux must
    // still embed the icon.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        println!("cargo:rerun-if-changed=assets/icon.ico");
        let mut resource = winresource::WindowsResource::new();
        resource.set_icon("assets/icon.ico");
        if let Err(err) = resource.compile() {
            println!("cargo:warning=could not embed the Windows icon: {err}");
        }
    }

    deflate_fonts();
}

/// Deflates the bundled fonts into `OUT_DIR`; `src/export/fonts.rs`
/// includes them and inflates each on first use. A font compresses to half
/// its size: 0.73 MB less to ship.
fn deflate_fonts() {
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        panic!("cargo sets OUT_DIR for every build script");
    };
    for name in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] {
        let source = format!("assets/fonts/{name}");
        println!("cargo:rerun-if-changed={source}");
        let font =
            std::fs::read(&source).unwrap_or_else(|err| panic!("could not read {source}: {err}"));
        // Level 10, miniz's best: half a second for both here, once.
        let deflated = miniz_oxide::deflate::compress_to_vec(&font, 10);
        let target = std::path::Path::new(&out_dir).join(format!("{name}.deflate"));
        std::fs::write(&target, deflated)
            .unwrap_or_else(|err| panic!("could not write {}: {err}", target.display()));
    }
}
