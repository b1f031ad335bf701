//! Tests of `portfolio.rs`, kept apart so the file stays readable.

use super::*;

#[test]
fn by_id_finds_what_capability_finds_also_when_two_share_an_id() {
    let mut p = Portfolio::new("p");
    p.capabilities.push(Capability::new("ci", "CI").into());
    p.capabilities.push(Capability::new("logs", "Logs").into());
    p.capabilities
        .push(Capability::new("ci", "Second CI").into());
    let by_id = p.by_id();
    assert_eq!(by_id.len(), 2, "one entry per id");
    for id in ["ci", "logs", "nope"] {
        assert_eq!(
            by_id.get(id).map(|c| c.name.as_str()),
            p.capability(id).map(|c| c.name.as_str()),
            "{id}"
        );
    }
}

#[test]
fn same_as_agrees_with_equality_whether_capabilities_are_shared_or_copied() {
    let mut p = Portfolio::new("p");
    p.capabilities.push(Capability::new("ci", "CI").into());
    p.capabilities.push(Capability::new("logs", "Logs").into());
    let shared = p.clone();
    assert!(p.same_as(&shared), "a copy sharing every capability");
    let mut copied = p.clone();
    copied.capabilities = p
        .capabilities
        .iter()
        .map(|c| Arc::new(Capability::clone(c)))
        .collect();
    assert!(
        p.same_as(&copied),
        "equal capabilities in other allocations"
    );
    let mut renamed = p.clone();
    Arc::make_mut(&mut renamed.capabilities[1]).name = "Logging".into();
    assert!(!p.same_as(&renamed), "one capability changed");
    assert!(
        Arc::ptr_eq(&p.capabilities[0], &renamed.capabilities[0]),
        "the capability not changed is still shared"
    );
    let mut shorter = p.clone();
    shorter.capabilities.pop();
    assert!(!p.same_as(&shorter), "one capability fewer");
    let mut other = p.clone();
    other.notes = "n".into();
    assert!(!p.same_as(&other), "a portfolio field changed");
    for q in [&shared, &copied, &renamed, &shorter, &other] {
        assert_eq!(p.same_as(q), p == *q, "same_as and == agree");
    }
}

#[test]
fn the_board_reads_column_by_column_from_the_left() {
    let mut p = Portfolio::new("p");
    for (id, zone) in [
        ("auth", Zone::RegulatedControl),
        ("ci", Zone::Commodity),
        ("new", Zone::Unplaced),
        ("logs", Zone::Commodity),
    ] {
        let mut c = Capability::new(id, id);
        c.zone = zone;
        p.capabilities.push(c.into());
    }
    assert_eq!(p.column(Zone::Commodity), ["ci", "logs"]);
    // Unplaced, Commodity, Differentiator, Regulated control.
    assert_eq!(p.board_order(), ["new", "ci", "logs", "auth"]);
}

#[test]
fn unique_ids_match_the_one_at_a_time_search() {
    let names = ["ci", "ci", "ci-2", "ci", "logs", "ci-3", "ci", "ci-2"];
    let mut taken: Vec<String> = vec!["ci-4".into()];
    let mut ids = UniqueIds::new(taken.iter().map(String::as_str));
    for name in names {
        let expected = unique_id(name, |id| taken.iter().any(|t| t == id));
        assert_eq!(ids.claim(name), expected, "for {name} after {taken:?}");
        taken.push(expected);
    }
    assert_eq!(
        taken[1..],
        [
            "ci", "ci-2", "ci-2-2", "ci-3", "logs", "ci-3-2", "ci-5", "ci-2-3"
        ]
    );
}

#[test]
fn slugs_are_lowercase_ascii_with_single_dashes() {
    assert_eq!(slugify("CI/CD templates", "x"), "ci-cd-templates");
    assert_eq!(slugify("  Secrets -- vault! ", "x"), "secrets-vault");
    assert_eq!(slugify("日本", "capability"), "capability");
}

fn ids(portfolio: &Portfolio) -> Vec<(&str, Zone)> {
    portfolio
        .capabilities
        .iter()
        .map(|c| (c.id.as_str(), c.zone))
        .collect()
}

fn board() -> Portfolio {
    let mut portfolio = Portfolio::new("p");
    for (id, zone) in [
        ("a", Zone::Commodity),
        ("b", Zone::Unplaced),
        ("c", Zone::Commodity),
    ] {
        let mut c = Capability::new(id, id);
        c.zone = zone;
        portfolio.capabilities.push(c.into());
    }
    portfolio
}

#[test]
fn moving_a_card_places_it_before_another_or_at_the_end_of_its_zone() {
    let mut p = board();
    assert!(p.move_capability("b", Zone::Commodity, Some("c")));
    assert_eq!(
        ids(&p),
        [
            ("a", Zone::Commodity),
            ("b", Zone::Commodity),
            ("c", Zone::Commodity)
        ]
    );
    let mut p = board();
    assert!(p.move_capability("b", Zone::Commodity, None));
    assert_eq!(
        ids(&p),
        [
            ("a", Zone::Commodity),
            ("c", Zone::Commodity),
            ("b", Zone::Commodity)
        ]
    );
    let mut p = board();
    assert!(p.move_capability("a", Zone::RegulatedControl, None));
    assert_eq!(p.capabilities[2].id, "a");
    assert_eq!(p.capabilities[2].zone, Zone::RegulatedControl);
    assert!(!p.move_capability("missing", Zone::Commodity, None));
    assert!(!p.move_capability("a", Zone::Commodity, Some("a")));
}

#[test]
fn reordering_skips_cards_of_other_zones() {
    let mut p = board();
    assert!(p.reorder_within_zone("c", -1));
    assert_eq!(
        ids(&p),
        [
            ("c", Zone::Commodity),
            ("b", Zone::Unplaced),
            ("a", Zone::Commodity)
        ]
    );
    assert!(!p.reorder_within_zone("c", -1));
    assert!(!p.reorder_within_zone("b", 1));
    assert!(!p.reorder_within_zone("c", 0), "0 moves nothing");
}

#[test]
fn moving_down_from_the_middle_skips_other_zones_too() {
    let mut p = Portfolio::new("p");
    for (id, zone) in [
        ("top", Zone::Commodity),
        ("a", Zone::Commodity),
        ("x", Zone::Differentiator),
        ("b", Zone::Commodity),
    ] {
        let mut c = Capability::new(id, id);
        c.zone = zone;
        p.capabilities.push(c.into());
    }
    assert!(p.reorder_within_zone("a", 1));
    assert_eq!(p.column(Zone::Commodity), ["top", "b", "a"]);
    assert_eq!(p.capabilities[2].id, "x", "the other zone's card stays put");
}

#[test]
fn a_renamed_capability_keeps_its_own_id_and_never_takes_another() {
    let mut p = Portfolio::new("p");
    p.capabilities.push(Capability::new("ci", "CI").into());
    p.capabilities.push(Capability::new("logs", "Logs").into());
    assert_eq!(p.id_for_name("ci", "CI"), "ci", "its own id is free to it");
    assert_eq!(p.id_for_name("ci", "Logs"), "logs-2");
}

#[test]
fn two_participants_with_one_name_get_two_ids() {
    let mut p = Portfolio::new("p");
    assert_eq!(p.add_participant("Bo"), "bo");
    assert_eq!(p.add_participant("Bo"), "bo-2");
    assert_eq!(p.participants.len(), 2);
}

#[test]
fn removing_a_team_clears_its_references() {
    let mut p = board();
    p.teams.push(Team {
        id: "sre".into(),
        name: "SRE".into(),
    });
    std::sync::Arc::make_mut(&mut p.capabilities[0]).owner = Some("sre".into());
    std::sync::Arc::make_mut(&mut p.capabilities[1]).duplicated_by =
        vec!["sre".into(), "other".into()];
    // Run by that team alone, owned by nobody.
    std::sync::Arc::make_mut(&mut p.capabilities[2]).duplicated_by = vec!["sre".into()];
    assert!(p.remove_team("sre"));
    assert!(p.teams.is_empty());
    assert_eq!(p.capabilities[0].owner, None);
    assert_eq!(p.capabilities[1].duplicated_by, vec!["other"]);
    assert!(p.capabilities[2].duplicated_by.is_empty());
    assert!(!p.remove_team("sre"));
}

#[test]
fn new_ids_never_collide() {
    let mut portfolio = Portfolio::new("p");
    portfolio
        .capabilities
        .push(Capability::new("logging", "Logging").into());
    portfolio
        .capabilities
        .push(Capability::new("logging-2", "Logging").into());
    assert_eq!(portfolio.new_capability_id("Logging"), "logging-3");
    assert_eq!(portfolio.new_capability_id("Secrets"), "secrets");
}
