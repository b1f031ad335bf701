//! `capmap merge` as git's merge driver, run by real git: two branches of
//! one portfolio, merged with the driver `capmap git-setup` configures.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use capmap::io;
use capmap::model::{Decision, Pick, Portfolio, Zone};

const EXAMPLE: &str = "assets/examples/platform-2026-q4.ron";
const FILE: &str = "platform.ron";

fn capmap(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capmap"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn example() -> Portfolio {
    io::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE)).unwrap()
}

/// A repository holding the example on `main`, set up with
/// `capmap git-setup`, and two branches made from it by `ours` and
/// `theirs`, checked out on the first.
fn repository(
    ours: impl FnOnce(&mut Portfolio),
    theirs: impl FnOnce(&mut Portfolio),
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    git_ok(&root, &["init", "-q", "-b", "main"]);
    git_ok(&root, &["config", "user.email", "facilitator@example.org"]);
    git_ok(&root, &["config", "user.name", "Facilitator"]);
    let setup = capmap(&root, &["git-setup"]);
    assert!(setup.status.success(), "{}", text(&setup.stderr));
    let said = text(&setup.stdout);
    assert!(said.contains("merge.capmap.driver"), "{said}");
    assert!(said.contains("*.ron merge=capmap"), "{said}");
    let file = root.join(FILE);
    io::save(&example(), &file).unwrap();
    std::fs::remove_file(io::backup_path(&file)).ok();
    git_ok(&root, &["add", "."]);
    git_ok(&root, &["commit", "-q", "-m", "Q4 as the room left it"]);
    for (branch, edit) in [
        (
            "theirs",
            Box::new(theirs) as Box<dyn FnOnce(&mut Portfolio)>,
        ),
        ("ours", Box::new(ours)),
    ] {
        git_ok(&root, &["checkout", "-q", "-b", branch, "main"]);
        let mut p = io::load(&file).unwrap();
        edit(&mut p);
        io::save(&p, &file).unwrap();
        std::fs::remove_file(io::backup_path(&file)).ok();
        git_ok(&root, &["commit", "-q", "-am", branch]);
    }
    (dir, file)
}

fn set(p: &mut Portfolio, id: &str, f: impl FnOnce(&mut capmap::model::Capability)) {
    f(p.capability_mut(id).expect("the example has it"));
}

#[test]
fn git_setup_writes_the_attributes_once_and_configures_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git_ok(root, &["init", "-q"]);
    std::fs::write(root.join(".gitattributes"), "*.png binary").unwrap();
    let sub = root.join("quarters");
    std::fs::create_dir(&sub).unwrap();
    for _ in 0..2 {
        let out = capmap(&sub, &["git-setup"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let attributes = std::fs::read_to_string(root.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.png binary\n*.ron merge=capmap\n");
    let driver = text(&git(root, &["config", "merge.capmap.driver"]).stdout);
    assert!(
        driver.trim().ends_with("merge %O %A %B --name %P"),
        "{driver}"
    );
    let program = driver.trim().trim_end_matches(" merge %O %A %B --name %P");
    assert!(Path::new(program.trim_matches('\'')).exists(), "{driver}");
}

#[test]
fn git_setup_outside_a_repository_says_so_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = capmap(dir.path(), &["git-setup"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not in a git repository"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.path().join(".gitattributes").exists());
}

#[test]
fn neighbouring_edits_of_one_capability_merge_in_git_without_a_conflict() {
    let (dir, file) = repository(
        |p| set(p, "identity-sso", |c| c.decision = Decision::Hybrid),
        |p| {
            set(p, "identity-sso", |c| {
                c.rationale = "Kept central for the audit.".into();
            });
        },
    );
    let root = dir.path();
    // The two edits are on neighbouring lines: a plain text merge fails.
    for (name, rev) in [("b", "main"), ("o", "ours"), ("t", "theirs")] {
        let out = git(root, &["show", &format!("{rev}:{FILE}")]);
        std::fs::write(root.join(name), out.stdout).unwrap();
    }
    let text_merge = git(root, &["merge-file", "-p", "o", "b", "t"]);
    assert_eq!(text_merge.status.code(), Some(1), "git alone conflicts");
    for name in ["b", "o", "t"] {
        std::fs::remove_file(root.join(name)).unwrap();
    }
    let out = git(root, &["merge", "--no-edit", "theirs"]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let merged = io::load(&file).unwrap();
    let identity = merged.capability("identity-sso").unwrap();
    assert_eq!(identity.decision, Decision::Hybrid, "this branch's change");
    assert_eq!(identity.rationale, "Kept central for the audit.", "theirs");
    assert!(merged.conflicts.is_empty());
    let check = capmap(root, &["check", FILE]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert!(!root.join(format!("{FILE}.bak")).exists(), "no litter");
}

#[test]
fn additions_removals_reorders_and_votes_on_two_branches_merge_in_git() {
    let (dir, file) = repository(
        |p| {
            p.capabilities.retain(|c| c.id != "ci-cd-templates");
            let mut flags = capmap::model::Capability::new("feature-flags-2", "Flag service");
            flags.zone = Zone::Differentiator;
            p.capabilities.insert(0, Arc::new(flags));
        },
        |p| {
            p.capabilities.reverse();
            p.capabilities.push(Arc::new(capmap::model::Capability::new(
                "chaos",
                "Chaos testing",
            )));
        },
    );
    let root = dir.path();
    let out = git(root, &["merge", "--no-edit", "theirs"]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let merged = io::load(&file).unwrap();
    assert!(merged.capability("ci-cd-templates").is_none());
    assert!(merged.capability("feature-flags-2").is_some());
    assert!(merged.capability("chaos").is_some());
    assert_eq!(merged.capabilities.len(), example().capabilities.len() + 1);
    let mut reversed: Vec<&str> = example()
        .capabilities
        .iter()
        .map(|c| c.id.clone())
        .collect::<Vec<_>>()
        .leak()
        .iter()
        .rev()
        .map(String::as_str)
        .filter(|id| *id != "ci-cd-templates")
        .collect();
    reversed.push("chaos");
    let got: Vec<&str> = merged
        .capabilities
        .iter()
        .map(|c| c.id.as_str())
        .filter(|id| *id != "feature-flags-2")
        .collect();
    assert_eq!(got, reversed, "their reorder stands, with both additions");
}

#[test]
fn a_true_conflict_fails_the_merge_opens_lists_both_values_and_resolves() {
    let (dir, file) = repository(
        |p| set(p, "identity-sso", |c| c.zone = Zone::Commodity),
        |p| set(p, "identity-sso", |c| c.zone = Zone::Differentiator),
    );
    let root = dir.path();
    let out = git(root, &["merge", "--no-edit", "theirs"]);
    assert!(!out.status.success(), "git stops for the conflict");
    let said = text(&out.stdout) + &text(&out.stderr);
    assert!(said.contains("1 conflict to settle"), "{said}");
    assert!(
        said.contains(
            "Identity and single sign-on: zone: this branch Commodity, the other Differentiator"
        ),
        "{said}"
    );

    let mut merged = io::load(&file).expect("the conflicted file opens");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(
        merged.capability("identity-sso").unwrap().zone,
        Zone::Commodity
    );
    let check = capmap(root, &["check", FILE]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "check fails until it is settled"
    );
    let problems = text(&check.stderr);
    let line = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .position(|l| l.trim_start().starts_with("at:"))
        .unwrap()
        + 1;
    assert!(
        problems.starts_with(&format!("{FILE}:{line}:")),
        "located at the conflict: {problems}"
    );

    merged.resolve_conflict(0, Pick::Theirs).unwrap();
    io::save(&merged, &file).unwrap();
    let check = capmap(root, &["check", FILE]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    assert_eq!(
        io::load(&file)
            .unwrap()
            .capability("identity-sso")
            .unwrap()
            .zone,
        Zone::Differentiator
    );
    git_ok(root, &["commit", "-qam", "settled"]);
}

#[test]
fn a_file_that_is_no_portfolio_is_left_alone_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE);
    let ours = root.join("ours.ron");
    std::fs::write(&ours, "not a portfolio").unwrap();
    let out = capmap(
        root,
        &[
            "merge",
            example.to_str().unwrap(),
            "ours.ron",
            example.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is left as this branch had it"));
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), "not a portfolio");
}

#[test]
fn a_file_added_on_both_branches_merges_from_an_empty_base() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("base.ron"), "").unwrap();
    let example_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(EXAMPLE);
    std::fs::copy(&example_path, root.join("ours.ron")).unwrap();
    std::fs::copy(&example_path, root.join("theirs.ron")).unwrap();
    let out = capmap(root, &["merge", "base.ron", "ours.ron", "theirs.ron"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(io::load(&root.join("ours.ron")).unwrap(), example());
}

#[test]
fn a_conflicted_file_round_trips_through_ron() {
    let base = example();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    set(&mut ours, "identity-sso", |c| {
        c.scores.risk = capmap::model::Score::new(1);
    });
    set(&mut theirs, "identity-sso", |c| {
        c.scores.risk = capmap::model::Score::new(2);
    });
    ours.teams.retain(|t| t.id != "mobile");
    set(&mut theirs, "identity-sso", |c| {
        c.owner = Some("mobile".into());
    });
    let merged = capmap::model::merge(&base, &ours, &theirs)
        .unwrap()
        .portfolio;
    assert_eq!(merged.conflicts.len(), 2, "{:#?}", merged.conflicts);
    let text = io::to_ron(&merged).unwrap();
    assert!(text.contains("format: 2"), "older builds refuse it");
    let back = io::from_ron(&text, Path::new("merged.ron")).unwrap();
    assert_eq!(back, merged);
    assert_eq!(io::conflict_places(&text).len(), 2);
}
