//! Bad input and round trips at scale: generated portfolios survive
//! save/load unchanged, and thousands of damaged files are each refused
//! with a location, never a panic.

#![expect(
    clippy::unwrap_used,
    reason = "helpers outside #[test] functions should fail loudly too"
)]

use std::path::Path;

use capmap::io::{self, LoadError};
use capmap::model::{
    Capability, Date, Decision, Exception, Participant, Portfolio, Question, Score, Team, Zone,
};

const EXAMPLES: [&str; 2] = [
    "assets/examples/platform-2026-q4.ron",
    "assets/examples/platform-2027-q1.ron",
];

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn text(&mut self) -> String {
        const PIECES: [&str; 14] = [
            "a", "Zürich", " ", "\"", "\\", "\n", "\t", "(", ")", "#![", "r#\"", "日本", "é", "🙂",
        ];
        (0..self.below(12))
            .map(|_| PIECES[self.below(PIECES.len())])
            .collect()
    }

    /// Text for a field on one line (a name, a tag): no line break, which
    /// only the fields that span lines may hold.
    fn line(&mut self) -> String {
        self.text().replace('\n', " ")
    }

    fn score(&mut self) -> Option<Score> {
        if self.chance(20) {
            None
        } else {
            Score::new(1 + self.below(5) as u8)
        }
    }
}

fn generated(rng: &mut Rng) -> Portfolio {
    let mut portfolio = Portfolio::new(format!("p{}", rng.line()));
    if rng.chance(50) {
        portfolio.quarter = Some(rng.line());
    }
    portfolio.notes = rng.text();
    portfolio.scoring.reuse_weight = rng.below(40) as f64 / 8.0;
    portfolio.scoring.threshold = 1.0 + rng.below(40) as f64 / 10.0;
    for i in 0..rng.below(5) {
        portfolio.teams.push(Team {
            id: format!("team-{i}"),
            name: format!("t{}", rng.line()),
        });
    }
    for i in 0..rng.below(3) {
        portfolio.participants.push(Participant {
            id: format!("p{i}"),
            name: format!("v{}", rng.line()),
        });
    }
    for i in 0..rng.below(8) {
        let mut c = Capability::new(format!("cap-{i}"), format!("c{}", rng.line()));
        c.description = rng.text();
        c.zone = Zone::ALL[rng.below(4)];
        for q in Question::ALL {
            c.scores.set(q, rng.score());
        }
        c.decision = Decision::ALL[rng.below(Decision::ALL.len())];
        c.rationale = rng.text();
        if !portfolio.teams.is_empty() && rng.chance(60) {
            c.owner = Some(portfolio.teams[rng.below(portfolio.teams.len())].id.clone());
            c.duplicated_by = portfolio
                .teams
                .iter()
                .take(rng.below(3))
                .map(|t| t.id.clone())
                .collect();
        }
        c.slo = rng.text();
        for _ in 0..rng.below(3) {
            c.exceptions.push(Exception {
                reason: format!("r{}", rng.text()),
                approved_by: rng.line(),
                review_by: Date::from_ymd(
                    2020 + i32::try_from(rng.below(10)).unwrap(),
                    1 + rng.below(12) as u8,
                    1 + rng.below(28) as u8,
                )
                .unwrap(),
            });
        }
        c.tags = (0..rng.below(3)).map(|_| rng.line()).collect();
        for participant in &portfolio.participants {
            if rng.chance(50) {
                let mut scores = capmap::model::Scores::default();
                for q in Question::ALL {
                    scores.set(q, rng.score());
                }
                c.set_vote(&participant.id, scores);
            }
        }
        c.votes_revealed = rng.chance(30);
        if rng.chance(30) {
            c.metrics.toil_hours_per_month = Some(rng.below(1000) as f64 / 7.0);
        }
        portfolio.capabilities.push(c);
    }
    portfolio
}

#[test]
fn generated_portfolios_round_trip_and_save_byte_identically() {
    let mut rng = Rng(0x5eed_cafe_f00d);
    for round in 0..400 {
        let portfolio = generated(&mut rng);
        let text = io::to_ron(&portfolio).unwrap();
        let loaded = io::from_ron(&text, Path::new("gen.ron"))
            .unwrap_or_else(|e| panic!("round {round}: {e}\n{text}"));
        assert_eq!(loaded, portfolio, "round {round}");
        assert_eq!(
            io::to_ron(&loaded).unwrap(),
            text,
            "round {round}: not byte-identical"
        );
    }
}

/// Every refusal must say where: a line and column inside the file, or the
/// rule problems with their places.
fn assert_located(result: &Result<Portfolio, LoadError>, text: &[u8], what: &str) {
    let lines = text.split(|b| *b == b'\n').count();
    match result {
        Ok(_) | Err(LoadError::NewerFormat { .. }) => {}
        Err(LoadError::Syntax { line, column, .. }) => {
            assert!(
                *line >= 1 && *column >= 1 && *line <= lines + 1,
                "{what}: {line}:{column}"
            );
        }
        Err(LoadError::Invalid { problems, .. }) => assert!(!problems.is_empty(), "{what}"),
        Err(other) => panic!("{what}: unexpected {other}"),
    }
}

#[test]
fn thousands_of_damaged_files_are_refused_with_a_place_never_a_panic() {
    let mut variants = 0;
    for example in EXAMPLES {
        let original = std::fs::read(example).unwrap();
        let path = Path::new(example);
        let mut check = |bytes: &[u8], what: String| {
            assert_located(&io::load_bytes(bytes, path), bytes, &what);
            variants += 1;
        };
        // Truncated anywhere.
        for end in (0..original.len()).step_by(89) {
            check(&original[..end], format!("truncated at {end}"));
        }
        // Flipped bytes.
        for (i, position) in (0..original.len()).step_by(113).enumerate() {
            let replacement = [b'(', b')', b'"', b',', 0xFF, b'9', b'\\', b':', b'['][i % 9];
            let mut bytes = original.clone();
            bytes[position] = replacement;
            check(&bytes, format!("byte {position} set to {replacement}"));
        }
        // Lines deleted and duplicated.
        let text = String::from_utf8(original.clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for skip in (0..lines.len()).step_by(2) {
            let deleted: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, l)| *l)
                .collect();
            check(
                deleted.join("\n").as_bytes(),
                format!("line {} deleted", skip + 1),
            );
            let mut doubled = lines.clone();
            doubled.insert(skip, lines[skip]);
            check(
                doubled.join("\n").as_bytes(),
                format!("line {} duplicated", skip + 1),
            );
        }
        // Hostile numbers in every number's place.
        for hostile in [
            "-1",
            "0",
            "6",
            "2.5",
            "1e309",
            "NaN",
            "inf",
            "99999999999999999999",
            "-0",
        ] {
            for field in [
                "reuse: 5",
                "risk: 3",
                "threshold: 3.0",
                "reuse_weight: 1.0",
                "format: 1",
            ] {
                let key = field.split(':').next().unwrap();
                let damaged = text.replacen(field, &format!("{key}: {hostile}"), 1);
                check(damaged.as_bytes(), format!("{key} = {hostile}"));
            }
        }
    }
    assert!(variants > 2000, "only {variants} variants");
}

#[test]
fn deep_nesting_bom_and_non_utf8_get_clear_messages() {
    let deep = format!(
        "(format: 1, portfolio: (name: \"x\", notes: {}1{}))",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let error = io::load_bytes(deep.as_bytes(), Path::new("deep.ron")).unwrap_err();
    assert!(matches!(error, LoadError::Syntax { .. }), "{error}");

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(std::fs::read(EXAMPLES[0]).unwrap());
    assert!(io::load_bytes(&bom, Path::new("bom.ron")).is_ok());

    let latin1 = b"(format: 1, portfolio: (name: \"Z\xfcrich\"))";
    let error = io::load_bytes(latin1, Path::new("latin1.ron")).unwrap_err();
    assert!(error.to_string().contains("not UTF-8"), "{error}");
    assert!(error.to_string().starts_with("latin1.ron:1:"), "{error}");
}
