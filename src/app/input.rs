//! Keys, dropped files and the window's close button, turned into
//! commands before the frame is drawn.

use eframe::egui::{self, KeyboardShortcut};

use super::ErrorReport;
use super::files::Pending;
use super::{CapmapApp, Command};

/// egui drops the keyboard focus on Escape before a text field sees the
/// text typed in the same frame, so a fast "…sting⎋" would lose "sting".
/// Splits `events` at an Escape that follows typed text: what comes before
/// stays, the Escape and everything after it is returned for next frame.
#[must_use]
pub fn defer_escape_after_text(events: &mut Vec<egui::Event>) -> Vec<egui::Event> {
    let mut typed = false;
    let split = events.iter().position(|event| match event {
        egui::Event::Text(_) | egui::Event::Paste(_) => {
            typed = true;
            false
        }
        egui::Event::Key {
            key: egui::Key::Escape,
            pressed: true,
            ..
        } => typed,
        _ => false,
    });
    split.map(|at| events.split_off(at)).unwrap_or_default()
}

/// Takes out of typed, pasted and composed text what is not text: control
/// characters (an escape sequence pasted from a terminal) and direction
/// overrides ([`crate::model::is_forbidden_control`]). egui's fields take
/// a paste as it comes, so without this a name could hold what no file may
/// (a saved portfolio would then not open again) or what reads reversed in
/// every export. Line breaks stay: each field decides about those.
pub fn keep_only_text(events: &mut [egui::Event]) {
    let clean = |text: &mut String| {
        if text
            .chars()
            .any(|c| crate::model::is_forbidden_control(c, true))
        {
            text.retain(|c| !crate::model::is_forbidden_control(c, true));
        }
    };
    for event in events {
        match event {
            egui::Event::Text(text)
            | egui::Event::Paste(text)
            | egui::Event::Ime(egui::ImeEvent::Commit(text)) => clean(text),
            egui::Event::AccessKitActionRequest(request) => {
                if let Some(egui::accesskit::ActionData::Value(value)) = &mut request.data {
                    let mut text = value.to_string();
                    clean(&mut text);
                    *value = text.into_boxed_str();
                }
            }
            _ => {}
        }
    }
}

impl CapmapApp {
    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(file) = dropped.first() {
            let path = file.path();
            if path.as_os_str().is_empty() {
                return;
            }
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
            {
                self.queue.push(Command::OpenPath(path.to_owned()));
            } else {
                self.modals.error = Some(ErrorReport::new(
                    "Not a portfolio".to_owned(),
                    format!("{}: capmap opens .ron portfolio files.", path.display()),
                ));
            }
        }
    }

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.modals.is_open()
            || self.dialogs.is_open()
            // An open menu, right-click menu or drop-down gets the keys
            // first, as in any native app: Escape closes it, and letters
            // and digits never reach the board behind it.
            || egui::Popup::is_any_open(ctx)
        {
            return;
        }
        if self.presenting {
            let table = std::mem::take(&mut self.presentation_shortcuts);
            self.take_keys(ctx, &table, |_, _| true);
            self.presentation_shortcuts = table;
            return;
        }
        if self.modals.help
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.modals.help = false;
            return;
        }
        let typing = self.was_typing || ctx.text_edit_focused();
        // Enter belongs to a focused button (keyboard navigation) if any.
        let something_focused = ctx.memory(|m| m.focused().is_some());
        let table = std::mem::take(&mut self.shortcuts);
        self.take_keys(ctx, &table, |shortcut, command| {
            let enter_taken = something_focused
                && shortcut.logical_key == egui::Key::Enter
                && !shortcut.modifiers.command;
            (!typing || command.works_while_typing()) && !enter_taken
        });
        self.shortcuts = table;
    }

    /// Turns this frame's key presses into commands, in the order they were
    /// typed (C 5 4 5 1 typed in one frame must score in that order, and
    /// 3 3 must count twice), and removes them so no widget sees them too.
    pub(super) fn take_keys(
        &mut self,
        ctx: &egui::Context,
        table: &[(KeyboardShortcut, Command)],
        allowed: impl Fn(&KeyboardShortcut, &Command) -> bool,
    ) {
        ctx.input_mut(|input| {
            let mut kept = Vec::with_capacity(input.events.len());
            for event in std::mem::take(&mut input.events) {
                let command = match &event {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } => table
                        .iter()
                        .find(|(shortcut, command)| {
                            shortcut.logical_key == *key
                                && modifiers.matches_logically(shortcut.modifiers)
                                && allowed(shortcut, command)
                        })
                        .map(|(_, command)| command.clone()),
                    _ => None,
                };
                match command {
                    Some(command) => self.queue.push(command),
                    None => kept.push(event),
                }
            }
            input.events = kept;
        });
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allowed_to_close
            && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modals.unsaved = Some(Pending::Quit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape() -> egui::Event {
        egui::Event::Key {
            key: egui::Key::Escape,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    #[test]
    fn an_escape_after_typed_text_waits_for_the_next_frame() {
        let mut events = vec![
            egui::Event::Text("ing".into()),
            escape(),
            egui::Event::Text("x".into()),
        ];
        let later = defer_escape_after_text(&mut events);
        assert_eq!(events, vec![egui::Event::Text("ing".into())]);
        assert_eq!(later, vec![escape(), egui::Event::Text("x".into())]);
    }

    #[test]
    fn what_is_not_text_is_taken_out_of_typed_pasted_and_composed_text() {
        let mut events = vec![
            egui::Event::Paste("Log \u{202e}evil\u{1b}[31m\nnext\tline".into()),
            egui::Event::Text("\u{9b}a".into()),
            egui::Event::Ime(egui::ImeEvent::Commit("\u{2066}\u{5d0}\u{200f}".into())),
            egui::Event::AccessKitActionRequest(egui::accesskit::ActionRequest {
                action: egui::accesskit::Action::ReplaceSelectedText,
                target_node: egui::accesskit::NodeId(1),
                target_tree: egui::accesskit::TreeId::ROOT,
                data: Some(egui::accesskit::ActionData::Value("x\u{0}y".into())),
            }),
            escape(),
        ];
        keep_only_text(&mut events);
        assert_eq!(
            events[0],
            egui::Event::Paste("Log evil[31m\nnext\tline".into()),
            "line breaks and tabs stay"
        );
        assert_eq!(events[1], egui::Event::Text("a".into()));
        assert_eq!(
            events[2],
            egui::Event::Ime(egui::ImeEvent::Commit("\u{5d0}\u{200f}".into())),
            "a right-to-left mark stays"
        );
        let egui::Event::AccessKitActionRequest(request) = &events[3] else {
            panic!("still a request: {:?}", events[3]);
        };
        assert_eq!(
            request.data,
            Some(egui::accesskit::ActionData::Value("xy".into())),
            "a screen reader's text too"
        );
        assert_eq!(events[4], escape(), "keys are not text");
    }

    #[test]
    fn the_app_takes_what_is_not_text_out_before_its_fields_see_it() {
        let mut app = CapmapApp::new(crate::model::Portfolio::new("p"), None);
        let ctx = egui::Context::default();
        let mut raw = egui::RawInput {
            events: vec![egui::Event::Paste("a\u{202e}b".into())],
            ..Default::default()
        };
        eframe::App::raw_input_hook(&mut app, &ctx, &mut raw);
        assert_eq!(
            raw.events,
            vec![egui::Event::Paste("ab".into())],
            "the paste a field gets"
        );
    }

    #[test]
    fn an_escape_alone_or_first_is_not_held_back() {
        let mut events = vec![escape(), egui::Event::Text("a".into())];
        assert!(defer_escape_after_text(&mut events).is_empty());
        assert_eq!(events.len(), 2);
        let mut none: Vec<egui::Event> = Vec::new();
        assert!(defer_escape_after_text(&mut none).is_empty());
    }
}
