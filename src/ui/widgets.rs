//! Small widgets the panels share.

use eframe::egui::{self, Color32, RichText, Ui};

use super::kept_mesh::KeptGalleys;

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
/// changes once it does. Left with text that does not parse, the field
/// keeps it, red, and says below why it was not taken: the value stays
/// what it was, and the facilitator sees so, rather than the typing
/// vanishing. An edit elsewhere (an undo) puts the document's value back.
/// Returns the new value when it changed.
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
    // The text typed, with the value it was typed over: kept only while
    // that is still the document's value.
    let mut text: String = match ui.data(|d| d.get_temp::<(String, String)>(id)) {
        Some((typed, over)) if over == formatted => typed,
        _ => formatted.clone(),
    };
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
    let (result, not_taken) = match parse(&text) {
        Ok(new_value) => (
            (response.changed() && new_value != *value).then_some(new_value),
            None,
        ),
        Err(message) => (None, Some(message)),
    };
    let over = result.as_ref().map_or(formatted, &format);
    if let Some(message) = not_taken.as_ref().filter(|_| !response.has_focus()) {
        ui.label(
            RichText::new(format!("not taken: {message}"))
                .small()
                .color(ui.visuals().error_fg_color),
        );
    }
    if response.has_focus() || not_taken.is_some() {
        ui.data_mut(|d| d.insert_temp(id, (text, over)));
    } else {
        // Not being edited: show the document's value next time.
        ui.data_mut(|d| d.remove::<(String, String)>(id));
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

/// A label on one line whose text changes with the document (a count):
/// laid out once per text and kept across frames, so an edit that moves a
/// count back and forth, or to a value shown before, shapes nothing. egui
/// forgets a text not drawn in the last frame, and shaping even a short
/// label costs about 40,000 instructions: a card moved to another zone
/// changed a dozen counts in the status bar.
pub fn kept_label(ui: &mut Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
    let job = std::sync::Arc::unwrap_or_clone(text.into().into_layout_job(
        ui.style(),
        egui::FontSelection::Default,
        ui.text_valign(),
    ));
    let galley = KeptGalleys::get(
        ui.ctx(),
        "capmap kept labels",
        egui::util::hash(&job),
        || ui.fonts_mut(|f| f.layout_job(job)),
    );
    // In a wrapping row with no room left for it, it moves to the next
    // row whole: never "4 conflicts (1" at the end of one row and
    // "severe)" at the start of the next. Its size is rounded up to whole
    // pixels, so one that only just fits is left to egui's label, which
    // measures the row without rounding.
    let room = ui.available_size_before_wrap().x;
    let wrapping =
        ui.layout().main_wrap() && ui.layout().main_dir() == egui::Direction::LeftToRight;
    if wrapping && galley.size().x > room && galley.size().x <= room + 2.0 {
        return ui.label(egui::WidgetText::LayoutJob(std::sync::Arc::new(
            galley.job.as_ref().clone(),
        )));
    }
    ui.label(galley)
}

/// Galleys kept for text fields: a description laid out again at every
/// keystroke is a new one each time, so far fewer than for labels.
const KEPT_FIELD_TEXTS: usize = 512;

/// A layouter for a text field in `font` that keeps what it lays out
/// across frames, laid out exactly as egui's own (uncoloured: the field
/// colours it when drawn). egui forgets a text not drawn in the last
/// frame, so selecting another capability shaped its name, description,
/// rationale and notes again: most of the frame that shows a new selection.
/// Selecting one shown before now shapes nothing.
///
/// `font` is the one given to the field (`TextEdit::font`), `None` for its
/// own: the style's override or the body font.
pub fn kept_field_layouter(
    font: Option<egui::TextStyle>,
    multiline: bool,
) -> impl FnMut(&Ui, &dyn egui::TextBuffer, f32) -> std::sync::Arc<egui::Galley> {
    move |ui: &Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
        let style = ui.style();
        let font_id = match &font {
            Some(font) => font.resolve(style),
            None => style
                .override_font_id
                .clone()
                .unwrap_or_else(|| egui::TextStyle::Body.resolve(style)),
        };
        let line_height =
            ui.fonts_mut(|f| f.row_height(&font_id)) + ui.spacing().extra_text_line_spacing;
        let mut job = if multiline {
            egui::text::LayoutJob::simple(
                text.as_str().to_owned(),
                font_id,
                Color32::PLACEHOLDER,
                wrap_width,
            )
        } else {
            egui::text::LayoutJob::simple_singleline(
                text.as_str().to_owned(),
                font_id,
                Color32::PLACEHOLDER,
            )
        };
        job.keep_trailing_whitespace = true;
        for section in &mut job.sections {
            section.format.line_height = Some(line_height);
        }
        KeptGalleys::shared_bounded(
            ui.ctx(),
            egui::Id::unique("capmap kept field texts"),
            KEPT_FIELD_TEXTS,
        )
        .lock()
        .get_or_layout(egui::util::hash(&job), || {
            ui.fonts_mut(|f| f.layout_job(job))
        })
    }
}

/// A small, weak sentence that changes a word at a time (counts, names),
/// drawn word by word and broken between words like a label. egui keeps a
/// text's layout only while it is drawn every frame: as one label, a
/// sentence of 150 letters was shaped again whole whenever a count in it
/// changed (0.7 M instructions, a third of the frame showing an edit);
/// word by word, kept across frames, only the words that changed are.
/// Screen readers get the whole sentence as one label.
pub fn sentence(ui: &mut Ui, text: &str) -> egui::Response {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let color = ui.visuals().weak_text_color();
    let words: Vec<_> = {
        let store = KeptGalleys::shared(ui.ctx(), egui::Id::unique("capmap sentence words"));
        let mut kept = store.lock();
        text.split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| {
                kept.get_or_layout(egui::util::hash((&font, color, w)), || {
                    ui.fonts_mut(|f| f.layout_no_wrap(w.to_owned(), font.clone(), color))
                })
            })
            .collect()
    };
    let (space, row_height) = ui.fonts_mut(|f| (f.glyph_width(&font, ' '), f.row_height(&font)));
    let widths: Vec<f32> = words.iter().map(|g| g.size().x).collect();
    let (places, used_width) = flow(&widths, space, ui.available_width());
    let rows = places.last().map_or(1, |p| p.0 + 1);
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(used_width, rows as f32 * row_height),
        egui::Sense::hover(),
    );
    if ui.is_rect_visible(rect) {
        for (galley, (row, x)) in words.into_iter().zip(places) {
            let at = rect.min + egui::vec2(x, row as f32 * row_height);
            ui.painter().galley(at, galley, color);
        }
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, ui.is_enabled(), text));
    response
}

/// Where words of `widths` go, one `space` apart, in rows of at most
/// `max_width` (a word wider than a row gets a row of its own): each
/// word's row and left edge, and the width of the widest row.
fn flow(widths: &[f32], space: f32, max_width: f32) -> (Vec<(usize, f32)>, f32) {
    let mut places = Vec::with_capacity(widths.len());
    let (mut row, mut x, mut widest) = (0, 0.0_f32, 0.0_f32);
    for &w in widths {
        if x > 0.0 && x + space + w > max_width {
            row += 1;
            x = 0.0;
        }
        let left = if x > 0.0 { x + space } else { 0.0 };
        places.push((row, left));
        x = left + w;
        widest = widest.max(x);
    }
    (places, widest)
}

#[cfg(test)]
mod tests {
    use super::{KeptGalleys, flow, kept_field_layouter, kept_label};
    use eframe::egui;

    /// One pass of `ctx` drawing `draw` in a 300-point-wide window; returns
    /// the response.
    fn pass<R>(ctx: &egui::Context, mut draw: impl FnMut(&mut egui::Ui) -> R) -> R {
        let mut response = None;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(300.0, 300.0),
            )),
            ..Default::default()
        };
        ctx.run_ui(input, |ui| response = Some(draw(ui)))
            .textures_delta
            .clear();
        response.expect("drawn")
    }

    /// The galleys of `text` in a field laid out by egui and by
    /// [`kept_field_layouter`], 200 points wide.
    fn fields(
        ctx: &egui::Context,
        text: &str,
        font: Option<&egui::TextStyle>,
        multiline: bool,
    ) -> [std::sync::Arc<egui::Galley>; 2] {
        fn field<'t>(
            text: &'t mut String,
            font: Option<&egui::TextStyle>,
            multiline: bool,
        ) -> egui::TextEdit<'t> {
            let edit = if multiline {
                egui::TextEdit::multiline(text)
            } else {
                egui::TextEdit::singleline(text)
            };
            match font {
                Some(font) => edit.font(font.clone()),
                None => edit,
            }
        }
        pass(ctx, |ui| {
            ui.set_width(200.0);
            // Spacing between lines, as a theme may set: the field keeps it.
            ui.spacing_mut().extra_text_line_spacing = 3.0;
            let (mut a, mut b) = (text.to_owned(), text.to_owned());
            let own = field(&mut a, font, multiline).show(ui).galley;
            let mut layouter = kept_field_layouter(font.cloned(), multiline);
            let kept = field(&mut b, font, multiline)
                .layouter(&mut layouter)
                .show(ui)
                .galley;
            [own, kept]
        })
    }

    #[test]
    fn a_kept_field_is_laid_out_as_egui_lays_it_out() {
        let ctx = egui::Context::default();
        let text = "Runtime toggles and gradual rollouts so teams can ship dark and enable \
                    features per market or customer segment.\nSecond line  ";
        // Spaces at the end are kept, as egui keeps them while typing.
        let name = "Feature flags   ";
        for (text, font, multiline) in [
            (text, None, true),
            (name, None, true),
            (name, Some(egui::TextStyle::Heading), false),
        ] {
            let [own, kept] = fields(&ctx, text, font.as_ref(), multiline);
            let glyphs = |g: &egui::Galley| -> Vec<(char, egui::Pos2)> {
                g.rows
                    .iter()
                    .flat_map(|row| {
                        row.glyphs
                            .iter()
                            .map(move |c| (c.chr, c.pos + row.pos.to_vec2()))
                    })
                    .collect()
            };
            assert!(
                own.rows.len() > 1 || text == name,
                "{font:?}: the text wraps"
            );
            assert_eq!(own.rect, kept.rect, "{font:?}: the same size");
            let rows = |g: &egui::Galley| -> Vec<egui::Rect> {
                g.rows
                    .iter()
                    .map(eframe::epaint::text::PlacedRow::rect)
                    .collect()
            };
            assert_eq!(rows(&own), rows(&kept), "{text:?}, {font:?}: the same rows");
            assert_eq!(
                glyphs(&own),
                glyphs(&kept),
                "{font:?}: every letter in the same place"
            );
        }
    }

    #[test]
    fn a_kept_field_keeps_its_text_while_another_capability_is_shown() {
        let ctx = egui::Context::default();
        let [_, first] = fields(&ctx, "Feature flags", None, true);
        let _ = fields(&ctx, "Audit trail", None, true);
        let _ = fields(&ctx, "Audit trail", None, true);
        let [_, again] = fields(&ctx, "Feature flags", None, true);
        assert!(
            std::sync::Arc::ptr_eq(&first, &again),
            "shown again two frames later: not laid out again"
        );
    }

    #[test]
    fn a_kept_label_keeps_its_text_while_another_is_shown() {
        let ctx = egui::Context::default();
        let kept = || {
            KeptGalleys::shared(&ctx, egui::Id::unique("capmap kept labels"))
                .lock()
                .len()
        };
        let _ = pass(&ctx, |ui| kept_label(ui, "Commodity 11"));
        let _ = pass(&ctx, |ui| kept_label(ui, "Commodity 12"));
        let _ = pass(&ctx, |ui| kept_label(ui, "Commodity 13"));
        assert_eq!(
            kept(),
            3,
            "each count's text kept, not only the last frame's"
        );
    }

    #[test]
    fn a_kept_label_with_no_room_left_in_its_row_moves_to_the_next_whole() {
        let ctx = egui::Context::default();
        let count = "4 conflicts (1 severe)";
        let row = |ui: &mut egui::Ui, kept: bool| {
            ui.horizontal_wrapped(|ui| {
                let first = ui.label("Orchestrate 13, Hybrid 2, Operate 4, Rationalize 2");
                let count = if kept {
                    kept_label(ui, count)
                } else {
                    ui.label(count)
                };
                (first, count)
            })
            .inner
        };
        let (_, as_label) = pass(&ctx, |ui| row(ui, false));
        assert!(
            as_label.rect.height() > 30.0,
            "egui's label breaks: {:?}",
            as_label.rect
        );
        let (first, as_kept) = pass(&ctx, |ui| row(ui, true));
        assert!(
            as_kept.rect.top() >= first.rect.bottom() - 0.5,
            "on the next row: {:?} after {:?}",
            as_kept.rect,
            first.rect
        );
        assert!(
            as_kept.rect.height() < 20.0,
            "on one row: {:?}",
            as_kept.rect
        );
        assert!(
            (as_kept.rect.left() - first.rect.left()).abs() < 0.5,
            "at the start of it: {:?}",
            as_kept.rect
        );
    }

    #[test]
    fn words_share_a_row_while_they_fit_and_break_between_words() {
        let (places, widest) = flow(&[10.0, 20.0, 30.0, 5.0], 2.0, 40.0);
        assert_eq!(
            places,
            vec![(0, 0.0), (0, 12.0), (1, 0.0), (1, 32.0)],
            "the third word goes to the next row, the fourth fits beside it"
        );
        assert!((widest - 37.0).abs() < 1e-6, "the widest row: {widest}");
    }

    #[test]
    fn a_word_wider_than_a_row_takes_a_row_of_its_own() {
        let (places, widest) = flow(&[5.0, 100.0, 5.0], 1.0, 50.0);
        assert_eq!(
            places,
            vec![(0, 0.0), (1, 0.0), (2, 0.0)],
            "the long word alone on its row, the words around it on theirs"
        );
        assert!((widest - 100.0).abs() < 1e-6, "the widest row: {widest}");
        assert_eq!(flow(&[], 1.0, 50.0).0, vec![], "no words, no places");
    }

    #[test]
    fn a_row_exactly_full_keeps_its_last_word() {
        let (places, _) = flow(&[10.0, 10.0], 5.0, 25.0);
        assert_eq!(places, vec![(0, 0.0), (0, 15.0)], "10 + 5 + 10 fills 25");
    }
}
