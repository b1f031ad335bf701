//! How a capability card looks on the board: zone stripe, name, a badge
//! with the room's decision (filled) or, while undecided, the
//! recommendation (outlined), and small markers. Everything a card shows is
//! gathered in a [`CardLook`] first, so the drawing can be kept between
//! frames and redone exactly when something on the card changes.
//!
//! A card shorter than [`CARD_HEIGHT`] (presentation mode fitting a long
//! column on the wall) keeps its name to one line, and below
//! [`TWO_ROW_CARD_HEIGHT`] puts everything on a single row.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use eframe::egui::{
    self, Color32, CornerRadius, FontId, Galley, Rect, Shape, Stroke, StrokeKind, pos2, vec2,
};

use super::board::CARD_HEIGHT;
use super::card_name::name_galley;
use super::kept_mesh::{KeptGalleys, KeptMeshes};
use super::{
    CONFLICT_COLOR, OVERDUE_COLOR, PanelContext, decision_color, recommendation_color, zone_color,
};
use crate::model::{Capability, Conflict, Decision, conflicts_for, locate};

/// A card's text kept across frames under `key` (what it is laid out
/// from), or laid out by `layout` and kept: a card built again (moved by
/// part of a pixel, scrolled back into view) does not shape it again.
fn kept_galley(ctx: &egui::Context, key: u64, layout: impl FnOnce() -> Arc<Galley>) -> Arc<Galley> {
    KeptGalleys::get(ctx, "capmap card texts", key, layout)
}

/// Rounding of a card's corners. At 4 points egui draws a corner with 5
/// vertices instead of 9, and a board shows dozens of cards.
pub const CARD_CORNER: u8 = 4;

/// The lowest card that still has the name above the badge row.
pub const TWO_ROW_CARD_HEIGHT: f32 = 44.0;

/// The lowest card: one row, name and badge side by side.
pub const ONE_ROW_CARD_HEIGHT: f32 = 26.0;

/// Height of the badge pill.
const BADGE_HEIGHT: f32 = 16.0;

/// Everything drawn on one card.
pub struct CardLook<'a> {
    rect: Rect,
    name: &'a str,
    stripe: Color32,
    fill: Color32,
    stroke: Stroke,
    name_color: Color32,
    text_color: Color32,
    badge: &'static str,
    badge_color: Color32,
    /// Filled for the room's decision, outlined for a recommendation the
    /// room has not decided on yet.
    decided: bool,
    /// `Some(severe)` when the card has conflicts.
    conflict: Option<bool>,
    overdue: bool,
    duplication: usize,
    /// "new" or "moved" when comparing with last quarter.
    tag: Option<&'static str>,
}

impl Hash for CardLook<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // The size only: where the card is goes to the kept mesh apart,
        // so a card that only moved is moved, not drawn again.
        for v in [self.rect.width(), self.rect.height()] {
            v.to_bits().hash(state);
        }
        self.stroke.width.to_bits().hash(state);
        (self.name, self.stripe, self.fill, self.stroke.color).hash(state);
        (
            self.name_color,
            self.text_color,
            self.badge,
            self.badge_color,
            self.decided,
        )
            .hash(state);
        (self.conflict, self.overdue, self.duplication, self.tag).hash(state);
    }
}

impl<'a> CardLook<'a> {
    /// How `capability` looks in `rect`, highlighted when selected or
    /// dragged.
    pub fn of(
        visuals: &egui::Visuals,
        capability: &'a Capability,
        cx: &PanelContext<'_>,
        rect: Rect,
        highlighted: bool,
    ) -> Self {
        let (fill, stroke) = if highlighted {
            (
                visuals.selection.bg_fill.gamma_multiply(0.35),
                Stroke::new(2.0, visuals.selection.stroke.color),
            )
        } else {
            (
                visuals.extreme_bg_color,
                Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            )
        };
        let (badge, badge_color, conflicts) = match locate(capability, &cx.portfolio.scoring) {
            Some(a) => (
                a.recommendation.label(),
                recommendation_color(a.recommendation),
                conflicts_for(capability, a.recommendation),
            ),
            None => ("to score", visuals.weak_text_color(), Vec::new()),
        };
        // What the room decided replaces the recommendation on the card.
        let decision = capability.decision;
        let (badge, badge_color, decided) = if decision == Decision::Undecided {
            (badge, badge_color, false)
        } else {
            let color = decision_color(decision).unwrap_or_else(|| visuals.text_color());
            (decision.label(), color, true)
        };
        // Against the other quarter: new or moved since the earlier one,
        // or (the other being later) dropped or moved by then.
        let tag = cx.comparison.and_then(|comparison| {
            match (
                comparison.other.capability(&capability.id),
                comparison.other_is_later,
            ) {
                (None, false) => Some("new"),
                (None, true) => Some("dropped later"),
                (Some(other), _) if other.zone != capability.zone => Some("moved"),
                (Some(_), _) => None,
            }
        });
        Self {
            rect,
            name: &capability.name,
            stripe: zone_color(capability.zone),
            fill,
            stroke,
            name_color: visuals.strong_text_color(),
            text_color: visuals.text_color(),
            badge,
            badge_color,
            decided,
            conflict: (!conflicts.is_empty()).then(|| conflicts.iter().any(Conflict::is_severe)),
            // An exception or the decision past its review date.
            overdue: capability.overdue_exceptions(cx.today).next().is_some()
                || capability.review_overdue(cx.portfolio.quarter.as_deref(), cx.today),
            duplication: capability.duplication(),
            tag,
        }
    }

    /// Paints the card, from the kept mesh when it looks as last drawn.
    pub fn paint_kept(&self, painter: &egui::Painter, id: &str) {
        let ctx = painter.ctx();
        let store = egui::Id::unique("capmap board card meshes");
        let mesh = KeptMeshes::get_or_build(
            ctx,
            store,
            id,
            egui::util::hash(self),
            self.rect.min,
            || self.shapes(ctx),
        );
        painter.add(Shape::Mesh(mesh));
    }

    /// Paints the card afresh (a card being dragged moves every frame).
    pub fn paint(&self, painter: &egui::Painter) {
        painter.extend(self.shapes(painter.ctx()));
    }

    /// The card as shapes.
    fn shapes(&self, ctx: &egui::Context) -> Vec<Shape> {
        let rect = self.rect;
        let mut shapes = vec![
            Shape::Rect(egui::epaint::RectShape::new(
                rect,
                CornerRadius::same(CARD_CORNER),
                self.fill,
                self.stroke,
                StrokeKind::Inside,
            )),
            Shape::rect_filled(
                Rect::from_min_size(rect.min, vec2(5.0, rect.height())),
                CornerRadius {
                    nw: CARD_CORNER,
                    sw: CARD_CORNER,
                    ne: 0,
                    se: 0,
                },
                self.stripe,
            ),
        ];
        if rect.height() < TWO_ROW_CARD_HEIGHT {
            self.one_row(ctx, &mut shapes);
        } else {
            self.two_rows(ctx, &mut shapes);
        }
        shapes
    }

    /// The usual card: the name (two lines when the card is full height)
    /// above a row with the badge and the markers.
    fn two_rows(&self, ctx: &egui::Context, shapes: &mut Vec<Shape>) {
        let rect = self.rect;
        // Compared with last quarter: a tag in the top-right corner, with
        // the name wrapped short of it.
        let text_left = rect.left() + 11.0;
        let tag_galley = self.tag.map(|t| layout(ctx, t, 10.0, Color32::BLACK));
        let tag_room = tag_galley.as_ref().map_or(0.0, |g| g.size().x + 10.0);
        if let Some(galley) = tag_galley {
            let right = rect.right() - 4.0;
            tag_pill(shapes, galley, right, rect.top() + 11.5);
        }
        let name_rows = if rect.height() >= CARD_HEIGHT { 2 } else { 1 };
        let name = self.name_galley(ctx, rect.right() - 6.0 - text_left - tag_room, name_rows);
        shapes.push(Shape::galley(
            pos2(text_left, rect.top() + 5.0),
            name,
            self.text_color,
        ));

        // Bottom row: the badge, then markers.
        let row_y = rect.bottom() - 11.0;
        let badge = self.badge_galley(ctx);
        let badge_rect = self.paint_badge(shapes, badge, pos2(text_left, row_y - 8.0));
        let mut x = badge_rect.right() + 6.0;
        // Markers as small drawn icons so they fit narrow cards; the card's
        // tooltip spells them out.
        let right_edge = rect.right() - 4.0;
        if let Some(severe) = self.conflict
            && x + 14.0 <= right_edge
        {
            warning_icon(ctx, shapes, pos2(x + 7.0, row_y), severe);
            x += 17.0;
        }
        if self.overdue && x + 14.0 <= right_edge {
            clock_icon(shapes, pos2(x + 7.0, row_y));
            x += 17.0;
        }
        if self.duplication > 0 {
            let galley = self.duplication_galley(ctx);
            if x + galley.size().x <= right_edge {
                let at = pos2(x, row_y - galley.size().y / 2.0);
                shapes.push(Shape::galley(at, galley, self.text_color));
            }
        }
    }

    /// A low card: the badge at the right end, the markers and tag that fit
    /// before it, and the name, on one line, in the rest.
    fn one_row(&self, ctx: &egui::Context, shapes: &mut Vec<Shape>) {
        // The name keeps at least this much room; markers give way first.
        const NAME_ROOM: f32 = 60.0;
        let rect = self.rect;
        let text_left = rect.left() + 11.0;
        let row_y = rect.center().y;
        let badge = self.badge_galley(ctx);
        let badge_width = badge.size().x + 10.0;
        let badge_rect = self.paint_badge(
            shapes,
            badge,
            pos2(rect.right() - 5.0 - badge_width, row_y - BADGE_HEIGHT / 2.0),
        );
        let mut right = badge_rect.left() - 4.0;
        let fits = |right: f32, width: f32| right - width >= text_left + NAME_ROOM;
        if let Some(severe) = self.conflict
            && fits(right, 14.0)
        {
            warning_icon(ctx, shapes, pos2(right - 7.0, row_y), severe);
            right -= 17.0;
        }
        if self.overdue && fits(right, 14.0) {
            clock_icon(shapes, pos2(right - 7.0, row_y));
            right -= 17.0;
        }
        if self.duplication > 0 {
            let galley = self.duplication_galley(ctx);
            let width = galley.size().x;
            if fits(right, width) {
                let at = pos2(right - width, row_y - galley.size().y / 2.0);
                shapes.push(Shape::galley(at, galley, self.text_color));
                right -= width + 4.0;
            }
        }
        if let Some(tag) = self.tag {
            let galley = layout(ctx, tag, 10.0, Color32::BLACK);
            if fits(right, galley.size().x + 6.0) {
                right -= tag_pill(shapes, galley, right, row_y) + 4.0;
            }
        }
        let name = self.name_galley(ctx, right - text_left, 1);
        let at = pos2(text_left, row_y - name.size().y / 2.0);
        shapes.push(Shape::galley(at, name, self.text_color));
    }

    /// The name in at most `rows` lines of `width`, cut with an ellipsis.
    fn name_galley(&self, ctx: &egui::Context, width: f32, rows: usize) -> Arc<Galley> {
        let key = egui::util::hash((self.name, self.name_color, width.to_bits(), rows));
        kept_galley(ctx, key, || {
            name_galley(ctx, self.name, self.name_color, width, rows)
        })
    }

    /// The badge's text, white on a decision's fill, plain on an outline.
    fn badge_galley(&self, ctx: &egui::Context) -> Arc<Galley> {
        let color = if self.decided {
            Color32::WHITE
        } else {
            self.text_color
        };
        // On a narrow card the badge shrinks (to 8 points) rather than
        // stick out of it.
        let room = self.rect.width() - 16.0;
        let key = egui::util::hash((self.badge, color, room.to_bits()));
        kept_galley(ctx, key, || {
            let full = layout(ctx, self.badge, 11.0, color);
            if full.size().x <= room {
                return full;
            }
            let size = (11.0 * room / full.size().x).max(8.0);
            layout(ctx, self.badge, size, color)
        })
    }

    /// Paints the badge pill from its top-left corner `min`; returns its
    /// rectangle. A decision is a filled pill, a recommendation the room
    /// has not decided on only an outline, so the two never look alike.
    fn paint_badge(&self, shapes: &mut Vec<Shape>, text: Arc<Galley>, min: egui::Pos2) -> Rect {
        let badge_rect = Rect::from_min_size(min, vec2(text.size().x + 10.0, BADGE_HEIGHT));
        if self.decided {
            shapes.push(Shape::rect_filled(badge_rect, 8.0, self.badge_color));
        } else {
            shapes.push(Shape::rect_stroke(
                badge_rect,
                8.0,
                Stroke::new(1.5, self.badge_color),
                StrokeKind::Inside,
            ));
        }
        let at = badge_rect.center() - text.size() / 2.0;
        shapes.push(Shape::galley(at, text, self.text_color));
        badge_rect
    }

    fn duplication_galley(&self, ctx: &egui::Context) -> Arc<Galley> {
        layout(
            ctx,
            &format!("×{}", self.duplication),
            11.0,
            self.text_color,
        )
    }
}

/// One line of text, unwrapped.
pub(super) fn layout(ctx: &egui::Context, text: &str, size: f32, color: Color32) -> Arc<Galley> {
    ctx.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), FontId::proportional(size), color))
}

/// The yellow "new"/"moved" pill, its right edge at `right` and centred on
/// `center_y`; returns its width.
fn tag_pill(shapes: &mut Vec<Shape>, galley: Arc<Galley>, right: f32, center_y: f32) -> f32 {
    let size = vec2(galley.size().x + 6.0, 13.0);
    let tag_rect = Rect::from_min_size(pos2(right - size.x, center_y - size.y / 2.0), size);
    shapes.push(Shape::rect_filled(
        tag_rect,
        4.0,
        Color32::from_rgb(0xf0, 0xe4, 0x42),
    ));
    let at = tag_rect.center() - galley.size() / 2.0;
    shapes.push(Shape::galley(at, galley, Color32::BLACK));
    size.x
}

/// A warning triangle with "!"; a heavier outline when severe.
fn warning_icon(ctx: &egui::Context, shapes: &mut Vec<Shape>, center: egui::Pos2, severe: bool) {
    let points = vec![
        center + vec2(0.0, -7.0),
        center + vec2(7.0, 6.0),
        center + vec2(-7.0, 6.0),
    ];
    let outline = if severe {
        Stroke::new(2.0, Color32::WHITE)
    } else {
        Stroke::NONE
    };
    shapes.push(Shape::convex_polygon(points, CONFLICT_COLOR, outline));
    let mark = ctx.fonts_mut(|f| {
        f.layout_no_wrap("!".to_owned(), FontId::proportional(10.0), Color32::WHITE)
    });
    let at = center + vec2(0.0, 1.0) - mark.size() / 2.0;
    shapes.push(Shape::galley(at, mark, Color32::WHITE));
}

/// A small clock: an exception or the decision past its review date.
fn clock_icon(shapes: &mut Vec<Shape>, center: egui::Pos2) {
    shapes.push(Shape::circle_filled(center, 7.0, OVERDUE_COLOR));
    let hand = Stroke::new(1.5, Color32::BLACK);
    shapes.push(Shape::line_segment(
        [center, center + vec2(0.0, -4.5)],
        hand,
    ));
    shapes.push(Shape::line_segment([center, center + vec2(3.5, 0.0)], hand));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Portfolio, Question, Score, Zone};
    use crate::ui::ViewState;

    /// Runs `f` with the panels' context for a portfolio of `capability`.
    fn with_cx<R>(
        capability: &Capability,
        baseline: Option<&Portfolio>,
        f: impl FnOnce(&PanelContext<'_>) -> R,
    ) -> R {
        let mut portfolio = Portfolio::new("p");
        portfolio.capabilities.push(capability.clone().into());
        let view = ViewState::default();
        let mut commands = Vec::new();
        let cx = PanelContext {
            portfolio: &portfolio,
            view: &view,
            today: Date::from_ymd(2026, 11, 27).unwrap(),
            commands: &mut commands,
            comparison: baseline.map(crate::model::Comparison::earlier),
            chart: crate::ui::ChartView::default(),
        };
        f(&cx)
    }

    fn look_hash(
        capability: &Capability,
        baseline: Option<&Portfolio>,
        visuals: &egui::Visuals,
        highlighted: bool,
    ) -> u64 {
        with_cx(capability, baseline, |cx| {
            let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(120.0, 62.0));
            egui::util::hash(CardLook::of(visuals, capability, cx, rect, highlighted))
        })
    }

    /// Everything a card shows is in its look: a change to any of it gives
    /// another hash, so the kept drawing is redone.
    #[test]
    fn every_visible_change_changes_the_look() {
        let dark = egui::Visuals::dark();
        let card = Capability::new("a", "Secrets");
        let base = look_hash(&card, None, &dark, false);
        assert_eq!(base, look_hash(&card, None, &dark, false), "stable");

        let mut renamed = card.clone();
        renamed.name = "Secrets vault".into();
        let mut moved = card.clone();
        moved.zone = Zone::Commodity;
        let mut scored = card.clone();
        for question in Question::ALL {
            scored.scores.set(question, Score::new(5));
        }
        let mut duplicated = card.clone();
        duplicated.duplicated_by = vec!["team".into()];
        let mut last_quarter = Portfolio::new("q");
        last_quarter.capabilities.push(card.clone().into());
        let mut decided = card.clone();
        decided.decision = Decision::Operate;
        let changes = [
            look_hash(&renamed, None, &dark, false),
            look_hash(&moved, None, &dark, false),
            look_hash(&scored, None, &dark, false),
            look_hash(&duplicated, None, &dark, false),
            look_hash(&card, None, &dark, true),
            look_hash(&card, None, &egui::Visuals::light(), false),
            look_hash(&moved, Some(&last_quarter), &dark, false),
            look_hash(&decided, None, &dark, false),
        ];
        for (i, changed) in changes.iter().enumerate() {
            assert_ne!(*changed, base, "change {i} kept the old look");
        }
    }

    /// The badge pills drawn for `capability`: (filled, outlined) colours.
    fn badges(capability: &Capability, height: f32) -> (Vec<Color32>, Vec<Color32>) {
        let ctx = egui::Context::default();
        let mut shapes = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(200.0, height));
            shapes = with_cx(capability, None, |cx| {
                CardLook::of(ui.visuals(), capability, cx, rect, false).shapes(ui.ctx())
            });
        });
        output.textures_delta.clear();
        let pill = |r: &egui::epaint::RectShape| r.rect.height() == BADGE_HEIGHT;
        let filled = shapes.iter().filter_map(|s| match s {
            Shape::Rect(r) if pill(r) && r.fill != Color32::TRANSPARENT => Some(r.fill),
            _ => None,
        });
        let outlined = shapes.iter().filter_map(|s| match s {
            Shape::Rect(r) if pill(r) && r.fill == Color32::TRANSPARENT => Some(r.stroke.color),
            _ => None,
        });
        (filled.collect(), outlined.collect())
    }

    /// A decision is a filled pill in its colour, a recommendation not yet
    /// decided on only an outline, on full-size and one-row cards alike.
    #[test]
    fn a_decision_is_filled_and_a_recommendation_outlined() {
        let mut card = Capability::new("a", "Secrets");
        for question in Question::ALL {
            card.scores.set(question, Score::new(5));
        }
        card.scores.differentiation = Score::new(1);
        let orchestrate = recommendation_color(crate::model::Recommendation::Orchestrate);
        for height in [CARD_HEIGHT, TWO_ROW_CARD_HEIGHT, ONE_ROW_CARD_HEIGHT] {
            assert_eq!(
                badges(&card, height),
                (vec![], vec![orchestrate]),
                "{height}"
            );
        }
        card.decision = Decision::Operate;
        let operate = recommendation_color(crate::model::Recommendation::Operate);
        for height in [CARD_HEIGHT, TWO_ROW_CARD_HEIGHT, ONE_ROW_CARD_HEIGHT] {
            assert_eq!(badges(&card, height), (vec![operate], vec![]), "{height}");
        }
    }

    /// Deciding what the card already recommends keeps the badge's words
    /// and colour; only the fill tells the two apart, so the fill is in
    /// the look too.
    #[test]
    fn deciding_as_recommended_changes_the_look() {
        let dark = egui::Visuals::dark();
        let mut card = Capability::new("a", "Secrets");
        for question in Question::ALL {
            card.scores.set(question, Score::new(5));
        }
        card.scores.differentiation = Score::new(1);
        let recommended = look_hash(&card, None, &dark, false);
        card.decision = Decision::Orchestrate;
        assert_ne!(look_hash(&card, None, &dark, false), recommended);
        card.decision = Decision::Undecided;
        assert_eq!(look_hash(&card, None, &dark, false), recommended);
    }

    /// A decision past its review date gets the clock an overdue
    /// exception gets; one still due does not.
    #[test]
    fn a_decision_past_its_review_date_shows_the_clock() {
        let clocks = |capability: &Capability| {
            let ctx = egui::Context::default();
            let mut count = 0;
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(200.0, CARD_HEIGHT));
                let shapes = with_cx(capability, None, |cx| {
                    CardLook::of(ui.visuals(), capability, cx, rect, false).shapes(ui.ctx())
                });
                count = shapes
                    .iter()
                    .filter(|s| matches!(s, Shape::Circle(c) if c.fill == OVERDUE_COLOR))
                    .count();
            });
            output.textures_delta.clear();
            count
        };
        let mut card = Capability::new("a", "Secrets");
        card.decision = Decision::Operate;
        card.review_on = Date::from_ymd(2026, 11, 27);
        assert_eq!(clocks(&card), 0, "due today is not yet overdue");
        card.review_on = Date::from_ymd(2026, 11, 26);
        assert_eq!(clocks(&card), 1, "due yesterday is");
    }
}
