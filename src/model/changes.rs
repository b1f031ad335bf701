//! Which capabilities an edit replaced, told apart by pointer: an edit (and
//! its undo) shares every capability it did not touch, so what is worked out
//! per capability (counts, chart points) can be kept for all the others.

use std::sync::Arc;

use super::{Capability, FastHashMap, Portfolio, fast_map};

/// A portfolio before and after an edit, with the capabilities the edit
/// replaced found once: the counts and the chart are both brought up to
/// date from it, and finding them is a pass over every capability.
#[derive(Debug)]
pub struct Changed<'a> {
    before: &'a Portfolio,
    after: &'a Portfolio,
    capabilities: CapabilityChanges<'a>,
}

impl<'a> Changed<'a> {
    /// What changed from `before` to `after`.
    #[must_use]
    pub fn between(before: &'a Portfolio, after: &'a Portfolio) -> Self {
        Self {
            before,
            after,
            capabilities: capability_changes(&before.capabilities, &after.capabilities),
        }
    }

    /// The portfolio before the edit.
    #[must_use]
    pub fn before(&self) -> &'a Portfolio {
        self.before
    }

    /// The portfolio after it.
    #[must_use]
    pub fn after(&self) -> &'a Portfolio {
        self.after
    }

    /// The capabilities it replaced, added and removed.
    #[must_use]
    pub fn capabilities(&self) -> &CapabilityChanges<'a> {
        &self.capabilities
    }
}

/// The capabilities one list has and another has not, compared by pointer,
/// as multisets: order does not matter, so a reorder changes nothing here.
#[derive(Debug, Default)]
pub struct CapabilityChanges<'a> {
    /// In the list before and not after (replaced or removed).
    pub removed: Vec<&'a Arc<Capability>>,
    /// In the list after and not before (new or replacing another).
    pub added: Vec<&'a Arc<Capability>>,
    /// How many capabilities both lists start with, the same ones.
    pub same_start: usize,
    /// How many they end with, the same ones, after those.
    pub same_end: usize,
    /// For each capability between those in the list after: where it was
    /// in the list before, or `None` when it is new there.
    middle_was: Vec<Option<usize>>,
    /// The lengths of the lists before and after.
    lengths: (usize, usize),
}

impl CapabilityChanges<'_> {
    /// How many capabilities went out and came in.
    #[must_use]
    pub fn len(&self) -> usize {
        self.removed.len() + self.added.len()
    }

    /// Nothing went out or came in.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.added.is_empty()
    }

    /// Where the `i`th capability of the list after was in the list
    /// before, or `None` when it was not there (or `i` is past the end).
    #[must_use]
    pub fn was_at(&self, i: usize) -> Option<usize> {
        let (before, after) = self.lengths;
        if i < self.same_start {
            Some(i)
        } else if i >= after {
            None
        } else if i >= after - self.same_end {
            Some(before - (after - i))
        } else {
            self.middle_was.get(i - self.same_start).copied().flatten()
        }
    }
}

/// What changed from `before` to `after`, in time linear in the lists:
/// the common start and end are skipped by pointer, and only the middle,
/// usually a few capabilities long, is matched through a map.
#[must_use]
pub fn capability_changes<'a>(
    before: &'a [Arc<Capability>],
    after: &'a [Arc<Capability>],
) -> CapabilityChanges<'a> {
    let lengths = (before.len(), after.len());
    let same_start = before
        .iter()
        .zip(after)
        .take_while(|(a, b)| Arc::ptr_eq(a, b))
        .count();
    let same_end = before[same_start..]
        .iter()
        .rev()
        .zip(after[same_start..].iter().rev())
        .take_while(|(a, b)| Arc::ptr_eq(a, b))
        .count();
    let old = same_start..before.len() - same_end;
    let new = same_start..after.len() - same_end;
    // Where each capability of the middle before is, the first of equal
    // pointers in the map and the next one chained from it (a list may
    // hold one capability twice).
    let mut first: FastHashMap<*const Capability, usize> = fast_map(old.len());
    let mut next = vec![None; old.len()];
    for j in old.clone().rev() {
        next[j - same_start] = first.insert(Arc::as_ptr(&before[j]), j);
    }
    let mut kept = vec![false; old.len()];
    let mut changes = CapabilityChanges {
        same_start,
        same_end,
        lengths,
        ..CapabilityChanges::default()
    };
    for i in new {
        let was = match first.get_mut(&Arc::as_ptr(&after[i])) {
            Some(head) if !kept[*head - same_start] => {
                let j = *head;
                kept[j - same_start] = true;
                if let Some(following) = next[j - same_start] {
                    *head = following;
                }
                Some(j)
            }
            _ => None,
        };
        if was.is_none() {
            changes.added.push(&after[i]);
        }
        changes.middle_was.push(was);
    }
    changes.removed = old
        .filter(|&j| !kept[j - same_start])
        .map(|j| &before[j])
        .collect();
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<Arc<Capability>> {
        names
            .iter()
            .map(|n| Arc::new(Capability::new(*n, *n)))
            .collect()
    }

    fn names(capabilities: &[&Arc<Capability>]) -> Vec<String> {
        capabilities.iter().map(|c| c.id.clone()).collect()
    }

    #[test]
    fn a_change_between_two_portfolios_keeps_both_and_what_the_edit_replaced() {
        let mut before = Portfolio::new("p");
        before.capabilities = list(&["a", "b", "c"]);
        let mut after = before.clone();
        after.capabilities[1] = Arc::new(Capability::new("b", "B changed"));
        let changed = Changed::between(&before, &after);
        assert!(
            std::ptr::eq(changed.before(), &raw const before),
            "the one before"
        );
        assert!(
            std::ptr::eq(changed.after(), &raw const after),
            "the one after"
        );
        let capabilities = changed.capabilities();
        assert_eq!(names(&capabilities.removed), ["b"], "the old b went");
        assert!(
            Arc::ptr_eq(capabilities.added[0], &after.capabilities[1]),
            "the new b came"
        );
        assert_eq!(
            (0..4).map(|i| capabilities.was_at(i)).collect::<Vec<_>>(),
            [Some(0), None, Some(2), None],
            "a and c kept where they were"
        );
    }

    #[test]
    fn a_list_that_only_grew_or_only_shrank_has_changed() {
        let all = list(&["a", "b", "c"]);
        let grew = capability_changes(&all[..2], &all);
        assert!(!grew.is_empty(), "one added, none removed");
        assert_eq!(grew.len(), 1, "one in");
        let shrank = capability_changes(&all, &all[1..]);
        assert!(!shrank.is_empty(), "one removed, none added");
        assert_eq!(shrank.len(), 1, "one out");
    }

    #[test]
    fn a_second_copy_in_a_reordered_middle_is_new() {
        let before = list(&["a", "b", "c"]);
        let after = [&before[2], &before[0], &before[0], &before[1]].map(Arc::clone);
        let changes = capability_changes(&before, &after);
        assert_eq!(names(&changes.added), ["a"], "the second a is new");
        assert!(changes.removed.is_empty(), "nothing went");
        assert_eq!(
            (0..4).map(|i| changes.was_at(i)).collect::<Vec<_>>(),
            [Some(2), Some(0), None, Some(1)],
            "the first a was at 0, the second nowhere"
        );
    }

    #[test]
    fn an_unchanged_list_has_no_changes_even_with_equal_copies_elsewhere() {
        let before = list(&["a", "b", "c"]);
        let after = before.clone();
        assert!(capability_changes(&before, &after).is_empty(), "shared");
        let copies = list(&["a", "b", "c"]);
        let changes = capability_changes(&before, &copies);
        assert_eq!(changes.len(), 6, "equal values but other pointers");
    }

    #[test]
    fn a_replaced_capability_is_one_out_and_one_in() {
        let before = list(&["a", "b", "c", "d"]);
        let mut after = before.clone();
        after[2] = Arc::new(Capability::new("c", "C changed"));
        let changes = capability_changes(&before, &after);
        assert_eq!(names(&changes.removed), ["c"], "the old one");
        assert_eq!(names(&changes.added), ["c"], "the new one");
        assert!(
            Arc::ptr_eq(changes.added[0], &after[2]),
            "the new one is the list's own"
        );
        assert!(Arc::ptr_eq(changes.removed[0], &before[2]), "the old one");
        assert_eq!(
            (changes.same_start, changes.same_end),
            (2, 1),
            "a, b before it and d after"
        );
    }

    #[test]
    fn a_reorder_changes_nothing_and_insertions_and_removals_are_found() {
        let before = list(&["a", "b", "c", "d", "e"]);
        let mut after = before.clone();
        after.swap(0, 4);
        assert!(capability_changes(&before, &after).is_empty(), "a swap");
        let changes = capability_changes(&before, &after);
        assert_eq!(
            (changes.same_start, changes.same_end),
            (0, 0),
            "the ends swapped"
        );
        let moved = after.remove(1);
        after.insert(3, moved);
        assert!(capability_changes(&before, &after).is_empty(), "a move");

        let mut after = before.clone();
        after.remove(0);
        after.push(Arc::new(Capability::new("f", "F")));
        after.insert(2, Arc::new(Capability::new("g", "G")));
        let changes = capability_changes(&before, &after);
        assert_eq!(names(&changes.removed), ["a"], "removed");
        assert_eq!(names(&changes.added), ["g", "f"], "added, in list order");
        assert_eq!(
            (changes.same_start, changes.same_end),
            (0, 0),
            "the first went, the last came"
        );
        after.remove(after.len() - 1);
        let changes = capability_changes(&before, &after);
        assert_eq!(
            (changes.same_start, changes.same_end),
            (0, 2),
            "d and e end both"
        );

        let changes = capability_changes(&before, &[]);
        assert_eq!(changes.removed.len(), 5, "all removed");
        let changes = capability_changes(&[], &before);
        assert_eq!(changes.added.len(), 5, "all added");
    }

    #[test]
    fn each_capability_after_knows_where_it_was_before() {
        let before = list(&["a", "b", "c", "d", "e"]);
        let mut after = before.clone();
        let moved = after.remove(1);
        after.insert(3, moved);
        after[2] = Arc::new(Capability::new("new", "New"));
        after.push(Arc::new(Capability::new("f", "F")));
        // a c new b e f, from a b c d e
        let changes = capability_changes(&before, &after);
        let was: Vec<Option<usize>> = (0..=after.len()).map(|i| changes.was_at(i)).collect();
        assert_eq!(
            was,
            [Some(0), Some(2), None, Some(1), Some(4), None, None],
            "a stays, c and b moved, e kept, the new ones and past the end nowhere"
        );
        for (i, capability) in after.iter().enumerate() {
            if let Some(j) = changes.was_at(i) {
                assert!(Arc::ptr_eq(capability, &before[j]), "{i} was at {j}");
            }
        }
        let shorter = capability_changes(&before, &before[..3]);
        assert_eq!(shorter.was_at(2), Some(2), "the start kept");
        assert_eq!(shorter.was_at(3), None, "past the end");
        let tail = capability_changes(&before, &before[2..]);
        assert_eq!(tail.same_end, 3, "c, d, e end both");
        assert_eq!(
            (tail.was_at(0), tail.was_at(2)),
            (Some(2), Some(4)),
            "the end is found from the end"
        );
    }

    #[test]
    fn one_capability_listed_twice_counts_twice() {
        let before = list(&["a", "b"]);
        let mut after = before.clone();
        after.push(Arc::clone(&before[0]));
        let changes = capability_changes(&before, &after);
        assert_eq!(names(&changes.added), ["a"], "the second copy is new");
        assert!(changes.removed.is_empty(), "nothing went");
        let changes = capability_changes(&after, &before);
        assert_eq!(names(&changes.removed), ["a"], "one copy went");
        assert!(changes.added.is_empty(), "nothing came");
        let twice = vec![Arc::clone(&before[0]), Arc::clone(&before[0])];
        let one = [Arc::clone(&before[1])];
        let changes = capability_changes(&one, &twice);
        assert_eq!(names(&changes.added), ["a", "a"], "both copies are new");
        let changes = capability_changes(&twice, &twice[..1]);
        assert_eq!(changes.removed.len(), 1, "one of two copies went");
        let three = vec![
            Arc::clone(&before[1]),
            Arc::clone(&before[0]),
            Arc::clone(&before[0]),
            Arc::clone(&before[1]),
        ];
        let swapped = vec![
            Arc::clone(&before[0]),
            Arc::clone(&before[1]),
            Arc::clone(&before[1]),
            Arc::clone(&before[0]),
        ];
        let changes = capability_changes(&three, &swapped);
        assert!(changes.is_empty(), "the same copies, reordered");
        let was: Vec<_> = (0..4).map(|i| changes.was_at(i)).collect();
        assert_eq!(
            was,
            [Some(1), Some(0), Some(3), Some(2)],
            "each copy matched once"
        );
    }
}
