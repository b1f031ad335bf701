//! Tests of `csv_import.rs`, kept apart so the file stays readable.

use super::*;

fn import(text: &str) -> Result<CsvImport, CsvImportError> {
    import_csv(text, &Portfolio::new("p"))
}

#[test]
fn a_good_file_imports_every_column() {
    let text = "Name,Description,ZONE,reuse,cost,risk,differentiation,owner,decision,rationale,tags\n\
                Secrets,\"Vault, rotation\",Regulated control,5,4,5,1,Platform,orchestrate,Leak anywhere,security;audit\n\
                \"Search engine\",\"Finds things,\nacross lines\",,2,,,,,,,\n";
    let result = import(text).unwrap();
    assert_eq!(result.capabilities.len(), 2);
    let secrets = &result.capabilities[0];
    assert_eq!(secrets.id, "secrets");
    assert_eq!(secrets.description, "Vault, rotation");
    assert_eq!(secrets.zone, Zone::RegulatedControl);
    assert_eq!(secrets.scores.reuse, Score::new(5));
    assert_eq!(secrets.decision, Decision::Orchestrate);
    assert_eq!(secrets.tags, vec!["security", "audit"]);
    assert_eq!(secrets.owner.as_deref(), Some("platform"));
    assert_eq!(
        result.new_teams,
        vec![Team {
            id: "platform".into(),
            name: "Platform".into()
        }]
    );
    let search = &result.capabilities[1];
    assert_eq!(search.name, "Search engine");
    // A description may span lines; a name may not (see below).
    assert_eq!(search.description, "Finds things,\nacross lines");
    assert_eq!(search.zone, Zone::Unplaced);
    assert_eq!(search.scores.cost, None);
}

#[test]
fn zones_are_accepted_as_people_type_them() {
    for zone in ["Regulated control", "regulated-control", "RegulatedControl"] {
        let result = import(&format!("name,zone\nA,{zone}\n")).unwrap();
        assert_eq!(result.capabilities[0].zone, Zone::RegulatedControl);
    }
}

#[test]
fn ids_are_unique_against_the_portfolio_and_each_other() {
    let mut portfolio = Portfolio::new("p");
    portfolio
        .capabilities
        .push(Capability::new("logging", "Logging").into());
    portfolio.teams.push(Team {
        id: "sre".into(),
        name: "SRE".into(),
    });
    let result = import_csv("name,owner\nLogging,sre\nLogging,SRE\n", &portfolio).unwrap();
    let ids: Vec<&str> = result.capabilities.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["logging-2", "logging-3"]);
    assert!(
        result.new_teams.is_empty(),
        "existing teams match by id or name"
    );
}

#[test]
fn bad_rows_are_located_and_nothing_is_imported() {
    let text = "name,zone,reuse\nA,commodity,3\nB,somewhere,6\n,,\"2\"\nC,,2.5\n";
    let error = import(text).unwrap_err();
    let lines: Vec<String> = error.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "line 3, column zone: `somewhere` is not a zone; use commodity, differentiator, regulated control or leave it empty",
            "line 3, column reuse: `6` is not a score; use a whole number from 1 to 5, or leave it empty",
            "line 4, column name: the name is empty",
            "line 5, column reuse: `2.5` is not a score; use a whole number from 1 to 5, or leave it empty",
        ]
    );
}

#[test]
fn the_header_must_name_known_columns_including_name() {
    let error = import("title,zone\nA,commodity\n").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("line 1, column title: unknown column")
    );
    assert!(error.to_string().contains("no `name` column"));
    assert!(import("").unwrap_err().to_string().contains("empty"));
    let error = import("name,name\nA,B\n").unwrap_err();
    assert!(error.to_string().contains("appears twice"));
}

#[test]
fn rows_with_too_many_cells_are_explained() {
    let error = import("name,zone\nA, B,commodity,extra\n").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("line 2: this row has 4 cells"),
        "{error}"
    );
}

#[test]
fn a_byte_order_mark_and_blank_lines_are_fine() {
    let result = import("\u{feff}name\nA\n\nB\n").unwrap();
    assert_eq!(result.capabilities.len(), 2);
}

fn located(error: &CsvImportError) -> Vec<String> {
    error
        .problems
        .iter()
        .map(|p| p.located(std::path::Path::new("caps.csv")))
        .collect()
}

#[test]
fn a_csv_error_names_file_line_and_column_as_editors_expect() {
    let error =
        import("name,zone,reuse\nA,somewhere,3\n,,\nB,commodity,2\n,commodity,\n").unwrap_err();
    assert_eq!(
        located(&error),
        [
            "caps.csv:2:2: `somewhere` is not a zone; use commodity, differentiator, regulated control or leave it empty (column zone)",
            "caps.csv:5: the name is empty (column name)",
        ],
        "a cell's problem gives FILE:LINE:COLUMN, a row's FILE:LINE"
    );
    let error = import("").unwrap_err();
    assert_eq!(
        located(&error),
        [
            "caps.csv: the file is empty; its first row must name the columns, e.g. name,zone,reuse,cost,risk,differentiation"
        ],
        "a problem with the whole file names only the file"
    );
}

#[test]
fn unknown_and_repeated_columns_are_located_in_the_header() {
    let error = import("name,title,zone,name\nA,x,commodity,B\n").unwrap_err();
    let located = located(&error);
    assert_eq!(located.len(), 2, "{located:?}");
    assert!(
        located[0].starts_with("caps.csv:1:2: unknown column; the columns are name, description,"),
        "the unknown column is the second: {located:?}"
    );
    assert_eq!(
        located[1], "caps.csv:1:4: this column appears twice (column name)",
        "the repeated column is the fourth"
    );
}

#[test]
fn a_csv_error_names_the_line_of_an_unclosed_quote() {
    // Quotes around a description spanning lines 2-3 and doubled quotes
    // on line 4 are fine; the quote opened on line 5 never closes.
    let text = "name,description\n\
                A,\"two\nlines\"\n\
                B,\"say \"\"hi\"\"\"\n\
                C,\"never closed\n\
                D,x\n";
    let error = import(text).unwrap_err();
    assert_eq!(error.problems.len(), 1, "{error}");
    let problem = &error.problems[0];
    assert_eq!(problem.line, 5, "{error}");
    assert!(
        problem
            .message
            .starts_with("a quote opened on this line is never closed"),
        "{error}"
    );
}

#[test]
fn cells_running_over_lines_are_located_at_their_row_and_column() {
    // A quote closed a line too late makes the zone span two lines: the
    // problem is in the row where the cell starts, in its column.
    let text = "name,zone,reuse\nA,commodity,3\nB,\"commo\ndity\",2\nC,,4\n";
    let error = import(text).unwrap_err();
    assert_eq!(
        located(&error),
        [
            "caps.csv:3:2: this cell runs over several lines; a quote opened in this row is probably not closed where it should be (column zone)"
        ],
        "the row starts on line 3 and the zone is its second cell"
    );
    // The row after a multi-line description is counted from where it
    // really starts.
    let error = import("name,description,reuse\nA,\"one\ntwo\nthree\",3\nB,,9\n").unwrap_err();
    assert_eq!(error.problems[0].line, 5, "{error}");
}

#[test]
fn every_text_and_score_column_lands_in_its_own_field() {
    let text = "name,cost,risk,differentiation,rationale,escalation_path,support_boundary,slo,tags\n\
                Payments,2,4,5,Money moves,Page the on-call,\"We run the gateway,\nyou run the checkout\",99.95% of requests,pci\n";
    let result = import(text).unwrap();
    let payments = &result.capabilities[0];
    assert_eq!(payments.scores.cost, Score::new(2), "cost");
    assert_eq!(payments.scores.risk, Score::new(4), "risk");
    assert_eq!(
        payments.scores.differentiation,
        Score::new(5),
        "differentiation"
    );
    assert_eq!(payments.rationale, "Money moves", "rationale");
    assert_eq!(
        payments.escalation_path, "Page the on-call",
        "escalation path"
    );
    assert_eq!(
        payments.support_boundary, "We run the gateway,\nyou run the checkout",
        "support boundary, over two lines"
    );
    assert_eq!(payments.slo, "99.95% of requests", "SLO");
    assert_eq!(
        payments.tags,
        vec!["pci"],
        "only the tags column gives tags"
    );
}

#[test]
fn a_semicolon_file_is_read_and_the_user_told_while_a_comma_file_gets_no_notes() {
    let result = import("name;zone;reuse\nSecrets;regulated control;4,0\n").unwrap();
    assert_eq!(result.capabilities[0].name, "Secrets", "cells split at `;`");
    assert_eq!(
        result.capabilities[0].scores.reuse,
        Score::new(4),
        "4,0 is 4"
    );
    assert_eq!(
        result.notes,
        ["cells are separated by `;`"],
        "the user is told how the file was read"
    );
    for text in ["name,zone\nSecrets,commodity\n", "name\nSecrets\n"] {
        let result = import(text).unwrap();
        assert!(
            result.notes.is_empty(),
            "nothing to tell about {text:?}: {:?}",
            result.notes
        );
    }
}

#[test]
fn a_decision_log_imports_back_without_its_computed_columns() {
    let text = "id,name,pull,recommendation,reuse\nsecrets,Secrets,4.5,Orchestrate,5\n";
    let result = import(text).unwrap();
    assert_eq!(result.capabilities[0].name, "Secrets", "the name is read");
    assert_eq!(
        result.capabilities[0].scores.reuse,
        Score::new(5),
        "and the scores"
    );
    assert_eq!(
        result.notes,
        ["left out columns capmap works out itself: id, pull, recommendation"],
        "the user is told what was left out"
    );
}

#[test]
fn control_characters_are_removed_and_the_cells_counted() {
    let text = "name,description\nSecrets\u{1b},ok\nLogs,fine\u{0}\nSearch,clean\n";
    let result = import(text).unwrap();
    let names: Vec<&str> = result
        .capabilities
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Secrets", "Logs", "Search"], "the escape is gone");
    assert_eq!(result.capabilities[1].description, "fine", "so is the NUL");
    assert_eq!(
        result.notes,
        ["removed control characters from 2 cells (NUL, escape codes and the like are not text)"],
        "two of the six cells held one"
    );
}

#[test]
fn owners_match_teams_by_id_or_name_and_new_teams_get_ids_of_their_own() {
    let mut portfolio = Portfolio::new("p");
    for (id, name) in [("sre", "Site Reliability"), ("data", "Data Platform")] {
        portfolio.teams.push(Team {
            id: id.into(),
            name: name.into(),
        });
    }
    let text = "name,owner\nA,sre\nB,site reliability\nC,Data\nD,Data!\nE,data!\n";
    let result = import_csv(text, &portfolio).unwrap();
    let owners: Vec<&str> = result
        .capabilities
        .iter()
        .map(|c| c.owner.as_deref().unwrap_or_default())
        .collect();
    assert_eq!(
        owners,
        ["sre", "sre", "data-2", "data-3", "data-3"],
        "an existing team by id or by name in any case; new teams never take a used id"
    );
    assert_eq!(
        result.new_teams,
        [
            Team {
                id: "data-2".into(),
                name: "Data".into()
            },
            Team {
                id: "data-3".into(),
                name: "Data!".into()
            },
        ],
        "each new team once, named as first written"
    );
}

#[test]
fn an_import_adds_its_teams_and_capabilities_to_the_portfolio() {
    let mut portfolio = Portfolio::new("p");
    portfolio
        .capabilities
        .push(Capability::new("logs", "Logs").into());
    let result = import_csv("name,owner\nSecrets,Security\n", &portfolio).unwrap();
    result.append_to(&mut portfolio);
    let ids: Vec<&str> = portfolio
        .capabilities
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["logs", "secrets"],
        "the new capability comes after the old"
    );
    assert_eq!(
        portfolio.teams,
        [Team {
            id: "security".into(),
            name: "Security".into()
        }],
        "with its owner"
    );
}

#[test]
fn a_log_with_formula_like_text_imports_back_exactly() {
    let mut portfolio = Portfolio::new("p");
    portfolio.teams.push(Team {
        id: "minus".into(),
        name: "-1+1 team".into(),
    });
    let texts = ["=cmd|' /C calc'!A0", "'=already quoted", "@risk", "'plain"];
    for (i, text) in texts.iter().enumerate() {
        let mut capability = Capability::new(format!("c{i}"), *text);
        capability.description = format!("+{text}");
        capability.rationale = (*text).to_owned();
        capability.owner = Some("minus".into());
        portfolio.capabilities.push(capability.into());
    }
    let log = crate::export::DecisionLog::new(
        &portfolio,
        crate::model::Date::from_ymd(2026, 2, 1).unwrap(),
    );
    let csv = crate::export::to_csv(&log).unwrap();
    let back = import_csv(&csv, &portfolio).unwrap();
    for (original, read) in portfolio.capabilities.iter().zip(&back.capabilities) {
        assert_eq!(read.name, original.name, "the name, from {csv}");
        assert_eq!(read.description, original.description, "the description");
        assert_eq!(read.rationale, original.rationale, "the rationale");
        assert_eq!(
            read.owner.as_deref(),
            Some("minus"),
            "the team -1+1, not '-1+1"
        );
    }
    assert!(
        back.new_teams.is_empty(),
        "no team made up: {:?}",
        back.new_teams
    );
}

#[test]
fn direction_overrides_are_removed_as_control_characters_are() {
    let result = import("name\nLog \u{202e}evil\n").unwrap();
    assert_eq!(result.capabilities[0].name, "Log evil", "reads as it holds");
    assert_eq!(
        result.notes,
        ["removed control characters from 1 cell (NUL, escape codes and the like are not text)"],
        "and the user is told"
    );
}

#[test]
fn rows_whose_names_are_taken_are_kept_numbered_and_counted() {
    let result = import("name\nSecrets\nsecrets\nLogs\nSecrets\n").unwrap();
    let ids: Vec<&str> = result.capabilities.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["secrets", "secrets-2", "logs", "secrets-3"],
        "every row kept"
    );
    assert_eq!(
        result.notes,
        [
            "2 rows' names were already taken, by an earlier row or the portfolio: each is still a capability of its own, with a numbered id (\"secrets\" is secrets-2)"
        ],
        "and the user is told"
    );
    let mut portfolio = Portfolio::new("p");
    portfolio
        .capabilities
        .push(Capability::new("secrets", "Secrets").into());
    let result = import_csv("name\nSecrets\n", &portfolio).unwrap();
    assert_eq!(
        result.notes,
        [
            "1 row's name was already taken, by an earlier row or the portfolio: it is still a capability of its own, with a numbered id (\"Secrets\" is secrets-2)"
        ],
        "taken in the portfolio"
    );
    assert!(
        import("name\nSecrets\nLogs\n").unwrap().notes.is_empty(),
        "nothing to say"
    );
}
