//! Three-way merge of two portfolios that grew from one (two branches in
//! git), capability by capability and field by field.
//!
//! Items in a list are matched by id (capabilities, teams, participants),
//! by participant (votes), by metric (targets) or, when they have none of
//! these, by their whole value (tags, exceptions, controls). A field both
//! sides changed differently, an item one side changed and the other
//! removed, and a list both sides reordered differently are conflicts: the
//! merged portfolio keeps this branch's value (and every changed item) and
//! lists each conflict in [`Portfolio::conflicts`], where the app offers
//! both values and `capmap check` refuses the file until none is left.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Capability, Portfolio, validate};
use removal::{Item, Removal};

mod removal;
mod resolve;
#[cfg(test)]
mod tests;

pub use resolve::{Pick, value_text};

/// The last step of a conflict's place when both sides reordered a list
/// differently: never an id, which cannot hold parentheses.
pub const ORDER: &str = "(order)";

/// One thing both branches changed differently, kept in the file until the
/// facilitator picks a side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeConflict {
    /// Where, from the portfolio down: field names, and the key of each
    /// list item on the way (`["capabilities", "identity", "zone"]`).
    pub at: Vec<String>,
    /// The value both branches started from; `None` when it did not exist.
    #[serde(default)]
    pub base: Option<Value>,
    /// This branch's value; `None` when this branch removed it.
    #[serde(default)]
    pub ours: Option<Value>,
    /// The other branch's value; `None` when it removed it.
    #[serde(default)]
    pub theirs: Option<Value>,
}

/// Why two portfolios could not be merged into one capmap can open.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The merged portfolio broke a rule neither side broke alone, and
    /// putting back what either side removed did not mend it.
    #[error("the merged portfolio would not be valid: {}", join_problems(.0))]
    Invalid(Vec<super::Problem>),
    /// A portfolio could not be turned into values or back (it cannot
    /// today: every portfolio is plain data).
    #[error("{0}")]
    Data(String),
}

fn join_problems(problems: &[super::Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The result of a merge: the portfolio (with its new conflicts listed in
/// it) and how many conflicts the merge itself found.
#[derive(Clone, Debug)]
pub struct Merged {
    /// The merged portfolio.
    pub portfolio: Portfolio,
    /// Conflicts this merge added (the portfolio may hold older ones).
    pub new_conflicts: usize,
}

/// Merges `ours` and `theirs`, both grown from `base`.
///
/// # Errors
/// [`MergeError::Invalid`] when the merged portfolio would break a rule
/// (an owner that the other side removed is put back with a conflict
/// first; this is what remains).
pub fn merge(base: &Portfolio, ours: &Portfolio, theirs: &Portfolio) -> Result<Merged, MergeError> {
    let mut merger = Merger::default();
    let mut capabilities = merger.capabilities(base, ours, theirs);
    let mut rest = merger
        .value(
            &mut Vec::new(),
            Some(&rest_value(base)?),
            Some(&rest_value(ours)?),
            Some(&rest_value(theirs)?),
        )
        .unwrap_or(Value::Object(Map::new()));
    let build = |rest: &Value, capabilities: &[Arc<Capability>], conflicts: &[MergeConflict]| {
        let mut portfolio: Portfolio =
            serde_json::from_value(rest.clone()).map_err(|e| MergeError::Data(e.to_string()))?;
        portfolio.capabilities = capabilities.to_vec();
        portfolio.conflicts.extend_from_slice(conflicts);
        Ok::<_, MergeError>(portfolio)
    };
    let mut portfolio = build(&rest, &capabilities, &merger.conflicts)?;
    let mut problems = validate(&portfolio);
    // What one side removed may still be used by the other (an owner, a
    // voter, a control ticked): put removals back one by one while that
    // leaves fewer problems, each as a conflict. Bounded: a merge with
    // thousands of removals and problems gives up rather than validate
    // thousands of times.
    let mut removals = std::mem::take(&mut merger.removals);
    let mut tries = 0;
    while !problems.is_empty() && tries < 200 && !removals.is_empty() {
        let mut mended = false;
        for index in 0..removals.len() {
            tries += 1;
            let removal = &removals[index];
            let mut trial_rest = rest.clone();
            let mut trial_capabilities = capabilities.clone();
            removal.put_back(&mut trial_rest, &mut trial_capabilities);
            let mut trial_conflicts = merger.conflicts.clone();
            trial_conflicts.push(removal.conflict());
            let trial = build(&trial_rest, &trial_capabilities, &trial_conflicts)?;
            let left = validate(&trial);
            if left.len() < problems.len() {
                let removal = removals.remove(index);
                merger.conflicts.push(removal.conflict());
                (rest, capabilities, portfolio, problems) =
                    (trial_rest, trial_capabilities, trial, left);
                mended = true;
                break;
            }
            if tries >= 200 {
                break;
            }
        }
        if !mended {
            break;
        }
    }
    if problems.is_empty() {
        Ok(Merged {
            portfolio,
            new_conflicts: merger.conflicts.len(),
        })
    } else {
        Err(MergeError::Invalid(problems))
    }
}

/// The portfolio as values, without its capabilities (merged apart, so
/// that only the capabilities that changed are ever turned into values).
fn rest_value(portfolio: &Portfolio) -> Result<Value, MergeError> {
    let mut value = serde_json::to_value(Portfolio {
        capabilities: Vec::new(),
        ..portfolio.clone()
    })
    .map_err(|e| MergeError::Data(e.to_string()))?;
    if let Value::Object(map) = &mut value {
        map.remove("capabilities");
        // Left out of the file while it is the default, but a list all the
        // same: spelt out, so removing a control merges like any removal.
        map.insert(
            "minimum_standard".to_owned(),
            Value::from(portfolio.minimum_standard.clone()),
        );
    }
    Ok(value)
}

fn capability_value(capability: &Capability) -> Value {
    serde_json::to_value(capability).unwrap_or(Value::Null)
}

/// The key a list item is matched by across the three versions.
pub(super) fn item_key(item: &Value) -> String {
    if let Value::Object(map) = item {
        for field in ["id", "participant", "metric"] {
            if let Some(Value::String(key)) = map.get(field) {
                return key.clone();
            }
        }
    }
    serde_json::to_string(item).unwrap_or_default()
}

/// Merges one item all three versions may hold, by key: base, ours,
/// theirs.
type MergeItem<'a, 'f, T> =
    dyn FnMut(&mut Merger, &str, Option<&'a T>, Option<&'a T>, Option<&'a T>) -> Option<T> + 'f;

#[derive(Default)]
struct Merger {
    conflicts: Vec<MergeConflict>,
    removals: Vec<Removal>,
}

/// Three versions of one list: keys in order, and the items by key.
struct Versions<'a, T> {
    order: [Vec<String>; 3],
    items: [HashMap<String, &'a T>; 3],
}

impl<'a, T> Versions<'a, T> {
    fn new(lists: [&'a [T]; 3], key: impl Fn(&T) -> String) -> Self {
        let mut order: [Vec<String>; 3] = Default::default();
        let mut items: [HashMap<String, &T>; 3] = Default::default();
        for (side, list) in lists.into_iter().enumerate() {
            for item in list {
                // The first of two items with one key is the one kept.
                let k = key(item);
                if let std::collections::hash_map::Entry::Vacant(slot) =
                    items[side].entry(k.clone())
                {
                    slot.insert(item);
                    order[side].push(k);
                }
            }
        }
        Self { order, items }
    }

    fn get(&self, side: usize, key: &str) -> Option<&'a T> {
        self.items[side].get(key).copied()
    }

    fn has(&self, side: usize, key: &str) -> bool {
        self.items[side].contains_key(key)
    }
}

const BASE: usize = 0;
const OURS: usize = 1;
const THEIRS: usize = 2;

impl Merger {
    fn capabilities(
        &mut self,
        base: &Portfolio,
        ours: &Portfolio,
        theirs: &Portfolio,
    ) -> Vec<Arc<Capability>> {
        let versions = Versions::new(
            [&base.capabilities, &ours.capabilities, &theirs.capabilities],
            |c: &Arc<Capability>| c.id.clone(),
        );
        let path = vec!["capabilities".to_owned()];
        self.list(&path, &versions, &mut |merger, key, b, o, t| {
            match (o, t) {
                (Some(o), Some(t)) if o == t => Some(Arc::clone(o)),
                (Some(o), Some(t)) => {
                    let mut at = vec!["capabilities".to_owned(), key.to_owned()];
                    let merged = merger.value(
                        &mut at,
                        b.map(|b| capability_value(b)).as_ref(),
                        Some(&capability_value(o)),
                        Some(&capability_value(t)),
                    );
                    // Both sides' fields are valid, so their mix parses;
                    // should it not, this branch's version stands.
                    merged
                        .and_then(|v| serde_json::from_value::<Capability>(v).ok())
                        .map_or_else(|| Some(Arc::clone(o)), |c| Some(Arc::new(c)))
                }
                (Some(one), None) | (None, Some(one)) => Some(Arc::clone(one)),
                (None, None) => None,
            }
        })
        .into_iter()
        .map(|(_, item)| item)
        .collect()
    }

    /// The merged list: every kept item with its key, in the merged order.
    fn list<'a, T: PartialEq + ListItem>(
        &mut self,
        path: &[String],
        versions: &Versions<'a, T>,
        merge_item: &mut MergeItem<'a, '_, T>,
    ) -> Vec<(String, T)> {
        let mut kept: HashMap<String, T> = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for key in versions.order.iter().flatten() {
            if !seen.insert(key) {
                continue;
            }
            let (b, o, t) = (
                versions.get(BASE, key),
                versions.get(OURS, key),
                versions.get(THEIRS, key),
            );
            let mut at = path.to_vec();
            at.push(key.clone());
            let item = match (b, o, t) {
                (Some(b), Some(kept_side), None) | (Some(b), None, Some(kept_side))
                    if kept_side == b =>
                {
                    // Removed on one side, untouched on the other.
                    let after = versions.order[BASE]
                        .iter()
                        .take_while(|k| *k != key)
                        .last()
                        .cloned();
                    self.removals.push(Removal {
                        list: if path == ["capabilities"] {
                            Vec::new()
                        } else {
                            path.to_vec()
                        },
                        key: key.clone(),
                        item: b.to_item(),
                        after,
                        by_ours: t.is_some(),
                    });
                    None
                }
                (Some(b), Some(o), None) => {
                    self.conflicts.push(MergeConflict {
                        at,
                        base: Some(b.to_value()),
                        ours: Some(o.to_value()),
                        theirs: None,
                    });
                    Some(o.clone_item())
                }
                (Some(b), None, Some(t)) => {
                    self.conflicts.push(MergeConflict {
                        at,
                        base: Some(b.to_value()),
                        ours: None,
                        theirs: Some(t.to_value()),
                    });
                    Some(t.clone_item())
                }
                (_, None, None) => None,
                _ => merge_item(self, key, b, o, t),
            };
            if let Some(item) = item {
                kept.insert(key.clone(), item);
            }
        }
        let order = self.order(path, versions, &kept);
        order
            .into_iter()
            .filter_map(|key| kept.remove(&key).map(|item| (key, item)))
            .collect()
    }

    /// The merged order: the one side that reordered what all three hold
    /// (or the base's order), each other item after the item before it on
    /// the first side that has it.
    fn order<T>(
        &mut self,
        path: &[String],
        versions: &Versions<'_, T>,
        kept: &HashMap<String, T>,
    ) -> Vec<String> {
        let everywhere =
            |k: &str| versions.has(BASE, k) && versions.has(OURS, k) && versions.has(THEIRS, k);
        let common: [Vec<&str>; 3] = std::array::from_fn(|side| {
            versions.order[side]
                .iter()
                .map(String::as_str)
                .filter(|k| everywhere(k))
                .collect()
        });
        let ours_moved = common[OURS] != common[BASE];
        let theirs_moved = common[THEIRS] != common[BASE];
        let primary = if ours_moved && theirs_moved && common[OURS] != common[THEIRS] {
            let mut at = path.to_vec();
            at.push(ORDER.to_owned());
            let keys = |side: usize| Value::from(common[side].clone());
            self.conflicts.push(MergeConflict {
                at,
                base: Some(keys(BASE)),
                ours: Some(keys(OURS)),
                theirs: Some(keys(THEIRS)),
            });
            OURS
        } else if theirs_moved && !ours_moved {
            THEIRS
        } else if ours_moved {
            OURS
        } else {
            BASE
        };
        let placed: Vec<&str> = common[primary]
            .iter()
            .copied()
            .filter(|k| kept.contains_key(*k))
            .collect();
        let placed_set: HashSet<&str> = placed.iter().copied().collect();
        // Each other kept item hangs after the nearest kept item before it
        // on the first side that has it (ours, theirs, then the base).
        let mut after: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
        let mut hung: HashSet<&str> = HashSet::new();
        for side in [OURS, THEIRS, BASE] {
            let mut previous: Option<&str> = None;
            for key in &versions.order[side] {
                let key = key.as_str();
                if !kept.contains_key(key) {
                    continue;
                }
                if !placed_set.contains(key) && hung.insert(key) {
                    after.entry(previous).or_default().push(key);
                }
                previous = Some(key);
            }
        }
        let mut order: Vec<String> = Vec::with_capacity(kept.len());
        emit_after(&mut after, None, &mut order);
        for key in placed {
            order.push(key.to_owned());
            emit_after(&mut after, Some(key), &mut order);
        }
        order
    }

    /// Merges one value; `None` means absent (a field not set, an item
    /// removed).
    fn value(
        &mut self,
        at: &mut Vec<String>,
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Option<Value> {
        let (base, ours, theirs) = (present(base), present(ours), present(theirs));
        if ours == theirs {
            return ours.cloned();
        }
        // A list emptied on one side is left out of the file: merge it as
        // the empty list it is, not as a field one side cleared.
        let no_items = Value::Array(Vec::new());
        let is_list = |v: Option<&Value>| matches!(v, Some(Value::Array(_)));
        let (base, ours, theirs) = if is_list(ours) || is_list(theirs) || is_list(base) {
            (
                Some(base.unwrap_or(&no_items)),
                Some(ours.unwrap_or(&no_items)),
                Some(theirs.unwrap_or(&no_items)),
            )
        } else {
            (base, ours, theirs)
        };
        if ours == theirs {
            return ours.cloned();
        }
        // Lists and records are merged item by item even when one side left
        // them alone, so that what the other side removed is on record and
        // can come back should it still be used.
        let containers = matches!(
            (ours, theirs),
            (Some(Value::Object(_)), Some(Value::Object(_)))
                | (Some(Value::Array(_)), Some(Value::Array(_)))
        );
        if !containers && theirs == base {
            return ours.cloned();
        }
        if !containers && ours == base {
            return theirs.cloned();
        }
        match (ours, theirs) {
            (Some(Value::Object(o)), Some(Value::Object(t))) => {
                let b = match base {
                    Some(Value::Object(b)) => Some(b),
                    _ => None,
                };
                let mut keys: Vec<&String> = o.keys().chain(t.keys()).collect();
                keys.sort();
                keys.dedup();
                let mut merged = Map::new();
                for key in keys {
                    at.push(key.clone());
                    let value = self.value(at, b.and_then(|b| b.get(key)), o.get(key), t.get(key));
                    at.pop();
                    if let Some(value) = value {
                        merged.insert(key.clone(), value);
                    }
                }
                Some(Value::Object(merged))
            }
            (Some(Value::Array(o)), Some(Value::Array(t))) => {
                let empty = Vec::new();
                let b = match base {
                    Some(Value::Array(b)) => b,
                    _ => &empty,
                };
                let versions = Versions::new([b.as_slice(), o, t], item_key);
                let path: &[String] = at;
                let merged = self.list(path, &versions, &mut |merger, key, b, o, t| {
                    let mut at = path.to_vec();
                    at.push(key.to_owned());
                    merger.value(&mut at, b, o, t)
                });
                Some(Value::Array(
                    merged.into_iter().map(|(_, item)| item).collect(),
                ))
            }
            _ => {
                self.conflicts.push(MergeConflict {
                    at: at.clone(),
                    base: base.cloned(),
                    ours: ours.cloned(),
                    theirs: theirs.cloned(),
                });
                ours.cloned()
            }
        }
    }
}

/// Appends what hangs after `start`, each followed by what hangs after it,
/// depth first without recursion: a run of 100,000 added items is a chain
/// 100,000 deep.
fn emit_after<'k>(
    after: &mut HashMap<Option<&'k str>, Vec<&'k str>>,
    start: Option<&'k str>,
    order: &mut Vec<String>,
) {
    let mut stack: Vec<&str> = after.remove(&start).unwrap_or_default();
    stack.reverse();
    while let Some(key) = stack.pop() {
        order.push(key.to_owned());
        if let Some(mut children) = after.remove(&Some(key)) {
            children.reverse();
            stack.extend(children);
        }
    }
}

/// `None` for a value that is absent or null (an unset optional field).
fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}

/// What the list merge needs of an item.
trait ListItem {
    fn to_value(&self) -> Value;
    fn to_item(&self) -> Item;
    fn clone_item(&self) -> Self;
}

impl ListItem for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
    fn to_item(&self) -> Item {
        Item::Value(self.clone())
    }
    fn clone_item(&self) -> Self {
        self.clone()
    }
}

impl ListItem for Arc<Capability> {
    fn to_value(&self) -> Value {
        capability_value(self)
    }
    fn to_item(&self) -> Item {
        Item::Capability(Arc::clone(self))
    }
    fn clone_item(&self) -> Self {
        Arc::clone(self)
    }
}
