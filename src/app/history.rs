//! The open document and its undo history.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::{Applied, Edit, Portfolio};

/// Revision numbers are unique across every document of the process, so a
/// revision tells one state of one document from any other, even after
/// another file was opened.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn fresh_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// How many undo steps are kept.
pub const UNDO_LIMIT: usize = 200;

#[derive(Clone, Debug)]
struct Snapshot {
    portfolio: Portfolio,
    revision: u64,
}

/// The portfolio being edited, where it lives, and how to go back.
#[derive(Debug)]
pub struct Document {
    /// The portfolio as it is now.
    portfolio: Portfolio,
    /// The file it was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// How that file looked when it was last read or written here.
    pub disk_stamp: Option<crate::io::DiskStamp>,
    /// Changes with every edit; equal to `saved_revision` when unchanged
    /// since the last save (undoing back to it counts as unchanged).
    revision: u64,
    saved_revision: u64,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The typing that goes on as one undo step (see `Edit::typing_key`).
    open_group: Option<String>,
    /// Capabilities added since the last save, by every id each has had,
    /// to the id it was added with: until saved, their ids follow their
    /// names; once saved, an id never changes.
    fresh: HashMap<String, String>,
}

impl Document {
    /// A document for `portfolio`, unchanged, stored at `path`.
    #[must_use]
    pub fn new(portfolio: Portfolio, path: Option<PathBuf>) -> Self {
        let disk_stamp = path.as_deref().and_then(crate::io::disk_stamp);
        let revision = fresh_revision();
        Self {
            portfolio,
            path,
            disk_stamp,
            revision,
            saved_revision: revision,
            undo: Vec::new(),
            redo: Vec::new(),
            open_group: None,
            fresh: HashMap::new(),
        }
    }

    /// A document whose contents exist nowhere on disk yet (an imported
    /// spreadsheet): it counts as unsaved until it is saved.
    #[must_use]
    pub fn unsaved(portfolio: Portfolio) -> Self {
        Self {
            saved_revision: u64::MAX,
            ..Self::new(portfolio, None)
        }
    }

    /// Unsaved work restored after a crash: it belongs to `path` but is
    /// not on disk there.
    #[must_use]
    pub fn unsaved_at(portfolio: Portfolio, path: Option<PathBuf>) -> Self {
        Self {
            path,
            ..Self::unsaved(portfolio)
        }
    }

    /// Changes with every edit, undo and redo, and differs between
    /// documents; tells autosave whether there is anything new to write and
    /// the app whether what it worked out from the portfolio still holds.
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when the file on disk changed since it was read or written
    /// here (another facilitator saved over it, a git pull…).
    #[must_use]
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, self.disk_stamp) {
            (Some(path), Some(stamp)) => crate::io::disk_stamp(path) != Some(stamp),
            _ => false,
        }
    }

    /// The portfolio, read-only: change it through [`Self::apply`].
    #[must_use]
    pub fn portfolio(&self) -> &Portfolio {
        &self.portfolio
    }

    /// True when there are changes since the last save.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    /// Records that the portfolio as it is now was saved to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.disk_stamp = crate::io::disk_stamp(&path);
        self.path = Some(path);
        self.saved_revision = self.revision;
        self.fresh.clear();
    }

    /// Records that the capability `id` was just added: its id follows its
    /// name until the document is saved.
    pub fn add_fresh(&mut self, id: &str) {
        self.fresh.insert(id.to_owned(), id.to_owned());
    }

    /// For a capability added since the last save, the id it was added
    /// with (stable while its id follows its name).
    #[must_use]
    pub fn fresh_origin(&self, id: &str) -> Option<&str> {
        self.fresh.get(id).map(String::as_str)
    }

    /// Records that a fresh capability's id changed from `old` to `new`.
    pub fn rename_fresh(&mut self, old: &str, new: &str) {
        if let Some(origin) = self.fresh.get(old).cloned() {
            self.fresh.insert(new.to_owned(), origin);
        }
    }

    /// Applies `edit` as one undo step, or as part of the open step when
    /// it goes on typing into the same field (see [`Edit::typing_key`]).
    /// `None`, and no step, when it changed nothing.
    pub fn apply(&mut self, edit: Edit) -> Option<Applied> {
        let group = edit.typing_key(&self.portfolio);
        let before = self.portfolio.clone();
        let applied = edit.apply(&mut self.portfolio);
        if applied.is_none() || self.portfolio.same_as(&before) {
            self.portfolio = before;
            return None;
        }
        let continues = group.is_some() && group == self.open_group;
        if !continues {
            self.undo.push(Snapshot {
                portfolio: before,
                revision: self.revision,
            });
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.open_group = group;
        self.revision = fresh_revision();
        applied
    }

    /// Ends the open group, so the next edit is its own undo step.
    pub fn close_group(&mut self) {
        self.open_group = None;
    }

    /// Steps back; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(snapshot) = self.undo.pop() else {
            return false;
        };
        let current = self.swap_in(snapshot);
        self.redo.push(current);
        true
    }

    /// Steps forward again; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(snapshot) = self.redo.pop() else {
            return false;
        };
        let current = self.swap_in(snapshot);
        self.undo.push(current);
        true
    }

    /// How many steps can be undone.
    #[must_use]
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// True when there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    fn swap_in(&mut self, snapshot: Snapshot) -> Snapshot {
        self.open_group = None;
        let current = Snapshot {
            portfolio: std::mem::replace(&mut self.portfolio, snapshot.portfolio),
            revision: self.revision,
        };
        self.revision = snapshot.revision;
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> Document {
        Document::new(Portfolio::new("p"), None)
    }

    #[test]
    fn revisions_never_repeat_across_documents() {
        let first = document();
        let second = document();
        assert_ne!(first.revision(), second.revision());
        let imported = Document::unsaved(Portfolio::new("q"));
        assert!(imported.is_dirty());
        assert_ne!(imported.revision(), second.revision());
    }

    fn add(doc: &mut Document, name: &str) {
        doc.apply(Edit::AddCapability { name: name.into() });
    }

    fn rename(doc: &mut Document, name: &str) -> Option<Applied> {
        let mut capability = crate::model::Capability::clone(&doc.portfolio().capabilities[0]);
        capability.name = name.into();
        doc.apply(Edit::UpdateCapability {
            capability: Box::new(capability),
            added_as: None,
        })
    }

    #[test]
    fn an_undo_step_copies_only_the_capability_the_edit_changed() {
        let mut doc = document();
        for name in ["a", "b", "c"] {
            add(&mut doc, name);
        }
        let id = doc.portfolio().capabilities[1].id.clone();
        let applied = doc.apply(Edit::SetScore {
            id,
            question: crate::model::Question::Reuse,
            score: crate::model::Score::new(4),
        });
        assert!(applied.is_some(), "the score changed");
        let step = &doc.undo.last().expect("an undo step").portfolio;
        let now = &doc.portfolio().capabilities;
        let shared: Vec<bool> = step
            .capabilities
            .iter()
            .zip(now)
            .map(|(a, b)| std::sync::Arc::ptr_eq(a, b))
            .collect();
        assert_eq!(
            shared,
            [true, false, true],
            "only the rescored one is copied"
        );
        assert!(doc.undo(), "undo");
        assert_eq!(
            doc.portfolio().capabilities[1]
                .scores
                .get(crate::model::Question::Reuse),
            None,
            "undo brings the old score back"
        );
    }

    #[test]
    fn undo_and_redo_walk_the_edits() {
        let mut doc = document();
        add(&mut doc, "a");
        add(&mut doc, "b");
        assert!(doc.is_dirty());
        assert!(doc.undo());
        assert_eq!(doc.portfolio().capabilities.len(), 1);
        assert!(doc.undo());
        assert!(!doc.is_dirty(), "back at the opened state");
        assert!(!doc.undo());
        assert!(doc.redo());
        assert!(doc.redo());
        assert_eq!(doc.portfolio().capabilities.len(), 2);
        assert!(!doc.redo());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut doc = document();
        add(&mut doc, "a");
        doc.undo();
        add(&mut doc, "b");
        assert!(!doc.can_redo());
    }

    #[test]
    fn grouped_edits_are_one_step_until_the_group_closes() {
        let mut doc = document();
        add(&mut doc, "a");
        for name in ["N", "Na", "Nam", "Name"] {
            rename(&mut doc, name);
        }
        assert_eq!(doc.undo_len(), 2, "typing the name is one step");
        doc.close_group();
        rename(&mut doc, "Other");
        assert_eq!(doc.undo_len(), 3);
        doc.undo();
        assert_eq!(doc.portfolio().capabilities[0].name, "Name");
        doc.undo();
        assert_eq!(doc.portfolio().capabilities[0].name, "a");
    }

    #[test]
    fn edits_that_change_nothing_leave_no_step() {
        let mut doc = document();
        add(&mut doc, "a");
        doc.mark_saved(PathBuf::from("x.ron"));
        let revision = doc.revision();
        assert_eq!(rename(&mut doc, "a"), None, "the same name again");
        let nobody = Edit::DeleteCapability {
            id: "nobody".into(),
        };
        assert_eq!(doc.apply(nobody), None);
        assert_eq!(doc.undo_len(), 1);
        assert_eq!(doc.revision(), revision);
        assert!(!doc.is_dirty());
    }

    #[test]
    fn saving_marks_clean_and_undo_past_it_is_dirty_again() {
        let mut doc = document();
        add(&mut doc, "a");
        doc.mark_saved(PathBuf::from("x.ron"));
        assert!(!doc.is_dirty());
        doc.undo();
        assert!(doc.is_dirty());
        doc.redo();
        assert!(!doc.is_dirty());
    }

    #[test]
    fn an_unsaved_document_is_dirty_until_saved() {
        let mut doc = Document::unsaved(Portfolio::new("imported"));
        assert!(doc.is_dirty());
        doc.mark_saved(PathBuf::from("x.ron"));
        assert!(!doc.is_dirty());
    }

    #[test]
    fn at_least_a_hundred_steps_are_kept() {
        let mut doc = document();
        for i in 0..150 {
            add(&mut doc, &format!("c{i}"));
        }
        let mut steps = 0;
        while doc.undo() {
            steps += 1;
        }
        assert_eq!(steps, 150);
        assert!(doc.portfolio().capabilities.is_empty());
    }
}
