//! What one branch removed and the other may still use: kept aside during
//! a merge, and put back where it was (with a conflict) when the merged
//! portfolio needs it.

use std::sync::Arc;

use serde_json::Value;

use super::{MergeConflict, capability_value, item_key, resolve};
use crate::model::Capability;

/// A list item one side removed cleanly, which may have to come back.
pub(super) struct Removal {
    /// The list it was in (empty for the capabilities).
    pub(super) list: Vec<String>,
    /// Its key in that list.
    pub(super) key: String,
    /// The item as the base had it.
    pub(super) item: Item,
    /// The key before it in the base, to put it back where it was.
    pub(super) after: Option<String>,
    /// Whether it was this branch (not the other) that removed it.
    pub(super) by_ours: bool,
}

/// A removed item: a value from a list, or a capability.
pub(super) enum Item {
    Value(Value),
    Capability(Arc<Capability>),
}

impl Removal {
    /// Puts the item back after the item before it in the base (first when
    /// that one is gone too).
    pub(super) fn put_back(&self, rest: &mut Value, capabilities: &mut Vec<Arc<Capability>>) {
        match &self.item {
            Item::Capability(capability) => {
                let at = self
                    .after
                    .as_ref()
                    .and_then(|a| capabilities.iter().position(|c| c.id == *a))
                    .map_or(0, |i| i + 1);
                capabilities.insert(at, Arc::clone(capability));
            }
            Item::Value(item) => {
                if let Some(Value::Array(list)) = resolve::find_mut(rest, &self.list) {
                    let at = self
                        .after
                        .as_ref()
                        .and_then(|a| list.iter().position(|i| item_key(i) == *a))
                        .map_or(0, |i| i + 1);
                    list.insert(at, item.clone());
                }
            }
        }
    }

    /// The conflict saying one side removed it and the other still uses it.
    pub(super) fn conflict(&self) -> MergeConflict {
        let mut at = if self.list.is_empty() {
            vec!["capabilities".to_owned()]
        } else {
            self.list.clone()
        };
        at.push(self.key.clone());
        let value = match &self.item {
            Item::Value(v) => v.clone(),
            Item::Capability(c) => capability_value(c),
        };
        // Removed on one side, still used as it was on the other.
        let (ours, theirs) = if self.by_ours {
            (None, Some(value.clone()))
        } else {
            (Some(value.clone()), None)
        };
        MergeConflict {
            at,
            base: Some(value),
            ours,
            theirs,
        }
    }
}
