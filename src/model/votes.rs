//! Blind scoring: each participant's four answers, hidden until the
//! facilitator reveals them; then the median becomes the score and the
//! spread shows where the room disagrees.

use serde::{Deserialize, Serialize};

use super::{Capability, Portfolio, Question, Score, Scores, ScoringSettings, centralization_pull};

/// Someone in the room who votes.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Stable, unique slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What they bring to the review board, when the facilitator noted it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<super::Role>,
}

/// One participant's answers for one capability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// Participant id.
    pub participant: String,
    /// Their answers; any may be missing.
    pub scores: Scores,
}

/// The lowest and highest vote on one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread {
    /// Lowest vote.
    pub low: u8,
    /// Highest vote.
    pub high: u8,
}

impl Spread {
    /// How far apart the room is: 0 when everyone agrees, 4 at most.
    #[must_use]
    pub fn width(self) -> u8 {
        self.high - self.low
    }
}

/// The median of some votes, rounded half up to a whole score (2 and 3
/// give 3); `None` without votes.
#[must_use]
pub fn median(values: &[u8]) -> Option<Score> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let doubled = if n % 2 == 1 {
        2 * u16::from(sorted[n / 2])
    } else {
        u16::from(sorted[n / 2 - 1]) + u16::from(sorted[n / 2])
    };
    // doubled / 2 rounded half up.
    Score::new(u8::try_from(doubled.div_ceil(2)).unwrap_or(Score::MAX))
}

impl Capability {
    /// Every vote on one question.
    #[must_use]
    pub fn votes_on(&self, question: Question) -> Vec<u8> {
        self.votes
            .iter()
            .filter_map(|v| v.scores.get(question))
            .map(Score::get)
            .collect()
    }

    /// The median of the votes on each question (missing where nobody voted).
    #[must_use]
    pub fn vote_medians(&self) -> Scores {
        let mut scores = Scores::default();
        for question in Question::ALL {
            scores.set(question, median(&self.votes_on(question)));
        }
        scores
    }

    /// Lowest and highest vote on a question, once two or more voted.
    #[must_use]
    pub fn spread(&self, question: Question) -> Option<Spread> {
        let votes = self.votes_on(question);
        if votes.len() < 2 {
            return None;
        }
        Some(Spread {
            low: *votes.iter().min()?,
            high: *votes.iter().max()?,
        })
    }

    /// How much the room disagrees: the widest spread over the four
    /// questions, then the sum of all spreads (for ranking ties).
    #[must_use]
    pub fn disagreement(&self) -> (u8, u8) {
        let widths: Vec<u8> = Question::ALL
            .iter()
            .filter_map(|q| self.spread(*q))
            .map(Spread::width)
            .collect();
        (
            widths.iter().copied().max().unwrap_or(0),
            widths.iter().sum(),
        )
    }

    /// The lowest and highest centralization pull among the participants
    /// who answered reuse, cost and risk (for the chart's whiskers).
    #[must_use]
    pub fn pull_spread(&self, settings: &ScoringSettings) -> Option<(f64, f64)> {
        let pulls: Vec<f64> = self
            .votes
            .iter()
            .filter_map(|v| centralization_pull(&v.scores, settings))
            .collect();
        if pulls.len() < 2 {
            return None;
        }
        let low = pulls.iter().copied().fold(f64::INFINITY, f64::min);
        let high = pulls.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Some((low, high))
    }

    /// Records (or replaces) one participant's vote; all-empty removes it.
    pub fn set_vote(&mut self, participant: &str, scores: Scores) {
        self.votes.retain(|v| v.participant != participant);
        if scores != Scores::default() {
            self.votes.push(Vote {
                participant: participant.to_owned(),
                scores,
            });
        }
    }

    /// Reveals the votes: the medians become the scores.
    pub fn reveal_votes(&mut self) {
        self.votes_revealed = true;
        let medians = self.vote_medians();
        for question in Question::ALL {
            if let Some(score) = medians.get(question) {
                self.scores.set(question, Some(score));
            }
        }
    }
}

/// Revealed capabilities ranked by disagreement, widest first; only those
/// where the room disagrees at all.
#[must_use]
pub fn discuss_first(portfolio: &Portfolio) -> Vec<&Capability> {
    let mut ranked: Vec<&Capability> = portfolio
        .capabilities
        .iter()
        .filter(|c| c.votes_revealed && c.disagreement().0 > 0)
        .map(AsRef::as_ref)
        .collect();
    ranked.sort_by_key(|c| std::cmp::Reverse(c.disagreement()));
    ranked
}

/// Reads "5451" (or "5 4 5 1", "5,4,5,1") as four answers in question
/// order; fewer digits leave the rest unanswered. `None` when a character
/// is not a digit 1-5 or there are more than four.
#[must_use]
pub fn parse_vote_digits(text: &str) -> Option<Scores> {
    let digits: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if digits.len() > Question::ALL.len() {
        return None;
    }
    let mut scores = Scores::default();
    for (question, c) in Question::ALL.into_iter().zip(digits) {
        let value = u8::try_from(c.to_digit(10)?).ok()?;
        scores.set(question, Some(Score::new(value)?));
    }
    Some(scores)
}

/// The answers as typed digits: "5451", with "-" where one is missing.
#[must_use]
pub fn vote_digits(scores: &Scores) -> String {
    let text: String = Question::ALL
        .iter()
        .map(|q| scores.get(*q).map_or('-', |s| char::from(b'0' + s.get())))
        .collect();
    text.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(who: &str, digits: &str) -> Vote {
        Vote {
            participant: who.into(),
            scores: parse_vote_digits(digits).unwrap(),
        }
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[4]), Score::new(4));
        assert_eq!(median(&[5, 1, 3]), Score::new(3));
        assert_eq!(median(&[2, 3]), Score::new(3), "half rounds up");
        assert_eq!(median(&[1, 1, 5, 5]), Score::new(3));
        assert_eq!(median(&[1, 2, 2, 5]), Score::new(2));
    }

    #[test]
    fn an_even_count_meets_halfway_between_the_middle_two_votes() {
        // The middle two are added, not multiplied: every pair above fits
        // either way (2 and 3 give 3 both ways, 1 and 5 too).
        assert_eq!(median(&[3, 3]), Score::new(3));
        assert_eq!(median(&[4, 5]), Score::new(5));
        assert_eq!(median(&[1, 2, 4, 5]), Score::new(3));
    }

    #[test]
    fn votes_reveal_to_their_medians_and_show_their_spread() {
        let mut capability = Capability::new("c", "C");
        capability.votes = vec![vote("ana", "5451"), vote("bo", "3452"), vote("cy", "4441")];
        assert!(!capability.votes_revealed);
        assert_eq!(
            capability.scores,
            Scores::default(),
            "hidden votes change nothing"
        );
        capability.reveal_votes();
        assert!(capability.votes_revealed);
        assert_eq!(capability.scores, parse_vote_digits("4451").unwrap());
        assert_eq!(
            capability.spread(Question::Reuse),
            Some(Spread { low: 3, high: 5 })
        );
        assert_eq!(
            capability.spread(Question::Cost),
            Some(Spread { low: 4, high: 4 })
        );
        assert_eq!(capability.disagreement(), (2, 4));
        let (low, high) = capability.pull_spread(&ScoringSettings::default()).unwrap();
        assert!((low - 4.0).abs() < 1e-9 && (high - 14.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_pull_spread_needs_two_voters_who_answered_reuse_cost_and_risk() {
        let settings = ScoringSettings::default();
        let mut capability = Capability::new("c", "C");
        capability.votes = vec![vote("ana", "3331")];
        assert_eq!(capability.pull_spread(&settings), None);
        capability.votes.push(vote("bo", "5551"));
        assert_eq!(capability.pull_spread(&settings), Some((3.0, 5.0)));
    }

    #[test]
    fn a_missing_answer_is_not_a_vote() {
        let mut capability = Capability::new("c", "C");
        capability.votes = vec![vote("ana", "55"), vote("bo", "3")];
        assert_eq!(capability.votes_on(Question::Cost), vec![5]);
        assert_eq!(capability.spread(Question::Cost), None);
        assert_eq!(capability.vote_medians().risk, None);
    }

    #[test]
    fn discuss_first_ranks_the_widest_disagreement() {
        let mut portfolio = Portfolio::new("p");
        for (id, votes) in [
            ("calm", ["3333", "3333"]),
            ("split", ["1111", "5555"]),
            ("mild", ["3333", "4333"]),
        ] {
            let mut c = Capability::new(id, id);
            c.votes = votes
                .iter()
                .enumerate()
                .map(|(i, d)| vote(&format!("p{i}"), d))
                .collect();
            c.reveal_votes();
            portfolio.capabilities.push(c.into());
        }
        let mut hidden = Capability::new("hidden", "hidden");
        hidden.votes = vec![vote("a", "1111"), vote("b", "5555")];
        portfolio.capabilities.push(hidden.into());
        let ids: Vec<&str> = discuss_first(&portfolio)
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(ids, ["split", "mild"]);
    }

    #[test]
    fn typed_digits_parse_and_print() {
        assert_eq!(vote_digits(&parse_vote_digits("5 4,5 1").unwrap()), "5451");
        assert_eq!(vote_digits(&parse_vote_digits("54").unwrap()), "54");
        assert!(parse_vote_digits("5461").is_none(), "6 is not a score");
        assert!(parse_vote_digits("54512").is_none());
        assert!(parse_vote_digits("x").is_none());
        assert_eq!(parse_vote_digits(""), Some(Scores::default()));
    }

    #[test]
    fn setting_a_vote_replaces_and_clearing_removes() {
        let mut capability = Capability::new("c", "C");
        capability.set_vote("ana", parse_vote_digits("5451").unwrap());
        capability.set_vote("ana", parse_vote_digits("1111").unwrap());
        assert_eq!(capability.votes.len(), 1);
        assert_eq!(capability.votes[0].scores.reuse, Score::new(1));
        capability.set_vote("ana", Scores::default());
        assert!(capability.votes.is_empty());
    }
}
