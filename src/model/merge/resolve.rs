//! Settling a merge conflict: the facilitator picks one side's value (or
//! keeps what the portfolio holds now), and the conflict is gone.

use std::sync::Arc;

use serde_json::Value;

use super::{MergeConflict, ORDER, capability_value, item_key, rest_value};
use crate::model::{Capability, Edit, Portfolio, validate};

/// Which value settles a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// This branch's value.
    Ours,
    /// The other branch's value.
    Theirs,
    /// The value the portfolio holds now (this branch's, or what the
    /// facilitator has typed since).
    Current,
}

impl Portfolio {
    /// Settles conflict number `index` with `pick` and removes it from the
    /// list.
    ///
    /// # Errors
    /// Says why when there is no such conflict, when its place no longer
    /// exists, or when the value picked would break a rule (a team removed
    /// that a capability still names as owner); the portfolio is then left
    /// as it was.
    pub fn resolve_conflict(&mut self, index: usize, pick: Pick) -> Result<(), String> {
        let Some(conflict) = self.conflicts.get(index).cloned() else {
            return Err(format!("there is no conflict number {}", index + 1));
        };
        let mut trial = self.clone();
        trial.conflicts.remove(index);
        let value = match pick {
            Pick::Current => {
                *self = trial;
                return Ok(());
            }
            Pick::Ours => conflict.ours,
            Pick::Theirs => conflict.theirs,
        };
        set_at(&mut trial, &conflict.at, value)?;
        let problems = validate(&trial);
        if let Some(problem) = problems.first() {
            return Err(format!("that would leave the portfolio invalid: {problem}"));
        }
        *self = trial;
        Ok(())
    }
}

/// Puts `value` at `at` (`None` removes what is there).
fn set_at(portfolio: &mut Portfolio, at: &[String], value: Option<Value>) -> Result<(), String> {
    let gone = || format!("{} is no longer in the portfolio", at.join(" › "));
    let bad = |e: serde_json::Error| format!("the value picked does not fit: {e}");
    match at {
        [list, order] if list == "capabilities" && order == ORDER => {
            let Some(Value::Array(keys)) = value else {
                return Err("an order needs a list of ids".to_owned());
            };
            let rank: std::collections::HashMap<&str, usize> = keys
                .iter()
                .filter_map(Value::as_str)
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect();
            // Stable: capabilities the order does not name keep their
            // places relative to each other, after the ones it names.
            portfolio
                .capabilities
                .sort_by_key(|c| rank.get(c.id.as_str()).copied().unwrap_or(usize::MAX));
            Ok(())
        }
        [list, id] if list == "capabilities" => match value {
            None => Edit::DeleteCapability { id: id.clone() }
                .apply(portfolio)
                .map(|_| ())
                .ok_or_else(gone),
            Some(value) => {
                let capability: Capability = serde_json::from_value(value).map_err(bad)?;
                match portfolio.capabilities.iter_mut().find(|c| c.id == *id) {
                    Some(slot) => *slot = Arc::new(capability),
                    None => portfolio.capabilities.push(Arc::new(capability)),
                }
                Ok(())
            }
        },
        [list, id, field @ ..] if list == "capabilities" => {
            let slot = portfolio
                .capabilities
                .iter_mut()
                .find(|c| c.id == *id)
                .ok_or_else(gone)?;
            let mut tree = capability_value(slot);
            set_in(&mut tree, field, value).ok_or_else(gone)?;
            *slot = Arc::new(serde_json::from_value(tree).map_err(bad)?);
            Ok(())
        }
        _ => {
            let mut tree = rest_value(portfolio).map_err(|e| e.to_string())?;
            set_in(&mut tree, at, value).ok_or_else(gone)?;
            let mut rest: Portfolio = serde_json::from_value(tree).map_err(bad)?;
            rest.capabilities = std::mem::take(&mut portfolio.capabilities);
            *portfolio = rest;
            Ok(())
        }
    }
}

/// The value at `path` in `root`, following field names through objects
/// and item keys through lists.
pub(super) fn find_mut<'a>(root: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    path.iter().try_fold(root, |value, step| match value {
        Value::Object(map) => map.get_mut(step),
        Value::Array(list) => list.iter_mut().find(|item| item_key(item) == *step),
        _ => None,
    })
}

/// Puts `value` at `path` in `root`; `None` when the place is gone.
fn set_in(root: &mut Value, path: &[String], value: Option<Value>) -> Option<()> {
    let (step, parent) = path.split_last()?;
    match find_mut(root, parent)? {
        Value::Object(map) => {
            match value {
                Some(value) => map.insert(step.clone(), value),
                None => map.remove(step),
            };
            Some(())
        }
        Value::Array(list) if step == ORDER => {
            let Some(Value::Array(keys)) = value else {
                return None;
            };
            let keys: Vec<String> = keys
                .iter()
                .map(|k| k.as_str().unwrap_or_default().to_owned())
                .collect();
            list.sort_by_key(|item| {
                let key = item_key(item);
                keys.iter().position(|k| *k == key).unwrap_or(usize::MAX)
            });
            Some(())
        }
        Value::Array(list) => {
            let found = list.iter().position(|item| item_key(item) == *step);
            match (found, value) {
                (Some(i), Some(value)) => list[i] = value,
                (None, Some(value)) => list.push(value),
                (Some(i), None) => {
                    list.remove(i);
                }
                (None, None) => {}
            }
            Some(())
        }
        _ => None,
    }
}

impl MergeConflict {
    /// Where the conflict is, for people: "Identity: zone", "Team
    /// Platform: name", "The order of the capabilities".
    #[must_use]
    pub fn place(&self, portfolio: &Portfolio) -> String {
        let words = |steps: &[String]| {
            steps
                .iter()
                .map(|s| {
                    if s == ORDER {
                        "order".to_owned()
                    } else {
                        s.replace('_', " ")
                    }
                })
                .collect::<Vec<_>>()
                .join(" › ")
        };
        match self.at.as_slice() {
            [list, order] if list == "capabilities" && order == ORDER => {
                "The order of the capabilities".to_owned()
            }
            [list, id, rest @ ..] if list == "capabilities" => {
                let name = portfolio
                    .capability(id)
                    .map_or(id.as_str(), |c| c.name.as_str());
                if rest.is_empty() {
                    name.to_owned()
                } else {
                    format!("{name}: {}", words(rest))
                }
            }
            [list, id, rest @ ..] if list == "teams" || list == "participants" => {
                let (kind, name) = if list == "teams" {
                    ("Team", portfolio.team(id).map(|t| t.name.as_str()))
                } else {
                    (
                        "Participant",
                        portfolio
                            .participants
                            .iter()
                            .find(|p| p.id == *id)
                            .map(|p| p.name.as_str()),
                    )
                };
                let name = name.unwrap_or(id.as_str());
                if rest.is_empty() {
                    format!("{kind} {name}")
                } else {
                    format!("{kind} {name}: {}", words(rest))
                }
            }
            [field] => format!("The portfolio's {}", words(std::slice::from_ref(field))),
            steps => words(steps),
        }
    }

    /// The value the portfolio holds at the conflict's place now; `None`
    /// when nothing is there.
    #[must_use]
    pub fn current(&self, portfolio: &Portfolio) -> Option<Value> {
        match self.at.as_slice() {
            [list, order] if list == "capabilities" && order == ORDER => Some(Value::from(
                portfolio
                    .capabilities
                    .iter()
                    .map(|c| c.id.clone())
                    .collect::<Vec<_>>(),
            )),
            [list, id, rest @ ..] if list == "capabilities" => {
                let mut value = capability_value(portfolio.capability(id)?);
                find_mut(&mut value, rest).map(Value::take)
            }
            at => {
                let mut value = rest_value(portfolio).ok()?;
                find_mut(&mut value, at).map(Value::take)
            }
        }
        .filter(|v| !v.is_null())
    }

    /// One of the conflict's values for people: "removed it", "changed it"
    /// or "still uses it" for a whole item, names in order for an order, else [`value_text`].
    #[must_use]
    pub fn text(&self, value: Option<&Value>, portfolio: &Portfolio) -> String {
        if self.is_removal() {
            return match value {
                None => "removed it",
                Some(kept) if Some(kept) == self.base.as_ref() => "still uses it",
                Some(_) => "changed it",
            }
            .to_owned();
        }
        if self.at.last().is_some_and(|s| s == ORDER)
            && let Some(Value::Array(ids)) = value
        {
            let names: Vec<Value> = ids
                .iter()
                .map(|id| {
                    let id = id.as_str().unwrap_or_default();
                    Value::from(portfolio.capability(id).map_or(id, |c| c.name.as_str()))
                })
                .collect();
            return value_text(Some(&Value::Array(names)));
        }
        value_text(value)
    }

    /// Whether the conflict is about a whole item one side removed.
    #[must_use]
    pub fn is_removal(&self) -> bool {
        self.ours.is_none() != self.theirs.is_none()
            && self.at.len() >= 2
            && self.base.as_ref().is_some_and(Value::is_object)
    }
}

/// A value as a short text for people: a name for an item, a list joined
/// with commas, "not set" for nothing. At most about 200 characters.
#[must_use]
pub fn value_text(value: Option<&Value>) -> String {
    let mut text = match value {
        None | Some(Value::Null) => "not set".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.to_owned(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) if items.is_empty() => "none".to_owned(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| value_text(Some(i)))
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Object(map)) => match map.get("name").and_then(Value::as_str) {
            Some(name) => name.to_owned(),
            None => map
                .iter()
                .map(|(k, v)| format!("{}: {}", k.replace('_', " "), value_text(Some(v))))
                .collect::<Vec<_>>()
                .join("; "),
        },
    };
    if text.chars().count() > 200 {
        text = text.chars().take(199).collect::<String>() + "…";
    }
    text
}
