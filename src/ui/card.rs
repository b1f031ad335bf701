//! How a capability card looks on the board: zone stripe, name, the
//! recommendation badge and small markers. Everything a card shows is
//! gathered in a [`CardLook`] first, so the drawing can be kept between
//! frames and redone exactly when something on the card changes.

use std::hash::{Hash, Hasher};

use eframe::egui::{
    self, Color32, CornerRadius, FontId, Rect, Shape, Stroke, StrokeKind, pos2, vec2,
};

use super::kept_mesh::KeptMeshes;
use super::{CONFLICT_COLOR, OVERDUE_COLOR, PanelContext, recommendation_color, zone_color};
use crate::model::{Capability, Conflict, conflicts_for, locate};

/// Rounding of a card's corners. At 4 points egui draws a corner with 5
/// vertices instead of 9, and a board shows dozens of cards.
pub const CARD_CORNER: u8 = 4;

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
    /// `Some(severe)` when the card has conflicts.
    conflict: Option<bool>,
    overdue: bool,
    duplication: usize,
    /// "new" or "moved" when comparing with last quarter.
    tag: Option<&'static str>,
}

impl Hash for CardLook<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for v in [
            self.rect.min.x,
            self.rect.min.y,
            self.rect.max.x,
            self.rect.max.y,
        ] {
            v.to_bits().hash(state);
        }
        self.stroke.width.to_bits().hash(state);
        (self.name, self.stripe, self.fill, self.stroke.color).hash(state);
        (
            self.name_color,
            self.text_color,
            self.badge,
            self.badge_color,
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
            None => (
                "to score",
                visuals.weak_text_color().gamma_multiply(0.6),
                Vec::new(),
            ),
        };
        let tag = cx
            .baseline
            .and_then(|baseline| match baseline.capability(&capability.id) {
                None => Some("new"),
                Some(before) if before.zone != capability.zone => Some("moved"),
                Some(_) => None,
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
            conflict: (!conflicts.is_empty()).then(|| conflicts.iter().any(Conflict::is_severe)),
            overdue: capability.overdue_exceptions(cx.today).next().is_some(),
            duplication: capability.duplication(),
            tag,
        }
    }

    /// Paints the card, from the kept mesh when it looks as last drawn.
    pub fn paint_kept(&self, painter: &egui::Painter, id: &str) {
        let ctx = painter.ctx();
        let store = egui::Id::unique("capmap board card meshes");
        let mesh =
            KeptMeshes::get_or_build(ctx, store, id, egui::util::hash(self), || self.shapes(ctx));
        painter.add(Shape::Mesh(mesh));
    }

    /// Paints the card afresh (a card being dragged moves every frame).
    pub fn paint(&self, painter: &egui::Painter) {
        painter.extend(self.shapes(painter.ctx()));
    }

    /// The card as shapes.
    fn shapes(&self, ctx: &egui::Context) -> Vec<Shape> {
        let layout = |text: &str, size: f32, color: Color32| {
            ctx.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), FontId::proportional(size), color))
        };
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

        // Compared with last quarter: a tag in the top-right corner, with
        // the name wrapped short of it.
        let text_left = rect.left() + 11.0;
        let tag_galley = self.tag.map(|t| layout(t, 10.0, Color32::BLACK));
        let tag_room = tag_galley.as_ref().map_or(0.0, |g| g.size().x + 10.0);
        if let Some(galley) = tag_galley {
            let tag_rect = Rect::from_min_size(
                pos2(rect.right() - galley.size().x - 10.0, rect.top() + 5.0),
                vec2(galley.size().x + 6.0, 13.0),
            );
            shapes.push(Shape::rect_filled(
                tag_rect,
                4.0,
                Color32::from_rgb(0xf0, 0xe4, 0x42),
            ));
            let at = tag_rect.center() - galley.size() / 2.0;
            shapes.push(Shape::galley(at, galley, Color32::BLACK));
        }
        // The name: up to two lines, cut with an ellipsis.
        let mut job = egui::text::LayoutJob::simple(
            self.name.to_owned(),
            FontId::proportional(14.0),
            self.name_color,
            rect.right() - 6.0 - text_left - tag_room,
        );
        job.wrap.max_rows = 2;
        job.wrap.break_anywhere = false;
        let name = ctx.fonts_mut(|f| f.layout_job(job));
        shapes.push(Shape::galley(
            pos2(text_left, rect.top() + 5.0),
            name,
            self.text_color,
        ));

        // Bottom row: recommendation badge, then markers.
        let row_y = rect.bottom() - 11.0;
        let badge = layout(self.badge, 11.0, Color32::WHITE);
        let badge_rect = Rect::from_min_size(
            pos2(text_left, row_y - 8.0),
            vec2(badge.size().x + 10.0, 16.0),
        );
        shapes.push(Shape::rect_filled(badge_rect, 8.0, self.badge_color));
        let at = badge_rect.center() - badge.size() / 2.0;
        shapes.push(Shape::galley(at, badge, Color32::WHITE));
        let mut x = badge_rect.right() + 6.0;
        // Markers as small drawn icons so they fit narrow cards; the card's
        // tooltip spells them out.
        let right_edge = rect.right() - 4.0;
        if let Some(severe) = self.conflict
            && x + 14.0 <= right_edge
        {
            warning_icon(ctx, &mut shapes, pos2(x + 7.0, row_y), severe);
            x += 17.0;
        }
        if self.overdue && x + 14.0 <= right_edge {
            clock_icon(&mut shapes, pos2(x + 7.0, row_y));
            x += 17.0;
        }
        if self.duplication > 0 {
            let galley = layout(&format!("×{}", self.duplication), 11.0, self.text_color);
            if x + galley.size().x <= right_edge {
                let at = pos2(x, row_y - galley.size().y / 2.0);
                shapes.push(Shape::galley(at, galley, self.text_color));
            }
        }
        shapes
    }
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

/// A small clock: an exception past its review date.
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

    fn look_hash(
        capability: &Capability,
        baseline: Option<&Portfolio>,
        visuals: &egui::Visuals,
        highlighted: bool,
    ) -> u64 {
        let mut portfolio = Portfolio::new("p");
        portfolio.capabilities.push(capability.clone());
        let view = ViewState::default();
        let mut commands = Vec::new();
        let cx = PanelContext {
            portfolio: &portfolio,
            view: &view,
            today: Date::from_ymd(2026, 11, 27).unwrap(),
            commands: &mut commands,
            baseline,
        };
        let rect = Rect::from_min_size(pos2(10.0, 20.0), vec2(120.0, 62.0));
        egui::util::hash(CardLook::of(visuals, capability, &cx, rect, highlighted))
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
        last_quarter.capabilities.push(card.clone());
        let changes = [
            look_hash(&renamed, None, &dark, false),
            look_hash(&moved, None, &dark, false),
            look_hash(&scored, None, &dark, false),
            look_hash(&duplicated, None, &dark, false),
            look_hash(&card, None, &dark, true),
            look_hash(&card, None, &egui::Visuals::light(), false),
            look_hash(&moved, Some(&last_quarter), &dark, false),
        ];
        for (i, changed) in changes.iter().enumerate() {
            assert_ne!(*changed, base, "change {i} kept the old look");
        }
    }
}
