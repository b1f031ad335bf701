//! Small widgets the panels share.

use eframe::egui::{self, Color32, RichText, Ui};

/// A coloured pill with short text, e.g. a recorded decision.
pub fn badge(ui: &mut Ui, text: &str, color: Color32) -> egui::Response {
    let text = RichText::new(text).color(Color32::WHITE).small().strong();
    egui::Frame::new()
        .fill(color)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| ui.label(text))
        .response
}

/// A pill with only an outline, for what is suggested rather than
/// recorded (a recommendation the room has not decided on).
pub fn outlined_badge(ui: &mut Ui, text: &str, color: Color32) -> egui::Response {
    let text = RichText::new(text).small().strong();
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, color))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| ui.label(text))
        .response
}

/// A text field for a value that must parse (a date, a list): the text is
/// kept as typed while it does not parse, shown in red, and the value only
/// changes once it does. Returns the new value when it changed.
pub fn parsed_text_edit<T: PartialEq>(
    ui: &mut Ui,
    label: &str,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: &T,
    format: impl Fn(&T) -> String,
    parse: impl Fn(&str) -> Result<T, String>,
    width: f32,
) -> Option<T> {
    let id = ui.scope_id().with(id_salt);
    let formatted = format(value);
    let mut text: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| formatted.clone());
    let parsed = parse(&text);
    let invalid = parsed.is_err();
    let mut edit = egui::TextEdit::singleline(&mut text).desired_width(width);
    if invalid {
        edit = edit.text_color(ui.visuals().error_fg_color);
    }
    let label = ui.label(label);
    let response = ui.add(edit).labelled_by(label.id);
    if let Err(message) = &parsed {
        response.clone().on_hover_text(message);
    }
    let mut result = None;
    if response.changed()
        && let Ok(new_value) = parse(&text)
        && new_value != *value
    {
        result = Some(new_value);
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text));
    } else {
        // Not being edited: show the document's value next time.
        ui.data_mut(|d| d.remove::<String>(id));
    }
    result
}

/// A text field with its label above it (or beside it in a horizontal
/// layout), linked for screen readers.
pub fn labelled(ui: &mut Ui, label: &str, edit: egui::TextEdit<'_>) -> egui::Response {
    // Named by its label, not by how many widgets came before it: a
    // warning that appears or goes above the field (a conflict resolved by
    // the first letter of a rationale) must not take the keyboard focus
    // away in the middle of typing.
    let edit = edit.id_salt(("labelled field", label));
    let label = ui.label(label);
    ui.add(edit).labelled_by(label.id)
}
