//! Performance targets (see docs/performance.md): a full app frame at 200,
//! 1,000 and 10,000 capabilities against egui's own demo as the reference,
//! the frames that show an edit, load + validate and atomic save of 10,000
//! capabilities, and the chart PNG at 1920x1080. Run with `cargo bench`.

#![expect(clippy::unwrap_used, reason = "a bench may fail loudly")]

use std::hint::black_box;

#[path = "shared/scene.rs"]
mod scene;

use capmap::app::{CapmapApp, Command, example_portfolio};
use capmap::export::{ChartOptions, chart_png};
use capmap::io;
use capmap::model::{Date, Portfolio};
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use scene::{card_held, input, portfolio_of, rescore, with_events, zone_change};

/// An app on `n` capabilities in its own context, after the frames that
/// settle fonts, layout and the chart's label placement.
fn settled(n: usize) -> (egui::Context, CapmapApp) {
    let ctx = egui::Context::default();
    let mut app = CapmapApp::new(portfolio_of(n), None);
    app.set_today(Date::from_ymd(2026, 11, 27));
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
    }
    (ctx, app)
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for n in [200, 1_000, 10_000] {
        let ctx = egui::Context::default();
        let mut app = CapmapApp::new(portfolio_of(n), None);
        app.set_today(Date::from_ymd(2026, 11, 27));
        // Settle fonts, layout and the chart's label placement first.
        for _ in 0..3 {
            let _ = ctx.run_ui(input(), |ui| app.show(ui));
        }
        group.bench_function(format!("capmap {n} capabilities"), |b| {
            b.iter(|| {
                let output = ctx.run_ui(input(), |ui| app.show(ui));
                black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
            });
        });
    }
    let ctx = egui::Context::default();
    let mut demo = egui_demo_lib::DemoWindows::default();
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| demo.ui(ui));
    }
    group.bench_function("egui demo windows (reference)", |b| {
        b.iter(|| {
            let output = ctx.run_ui(input(), |ui| demo.ui(ui));
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
        });
    });
    group.finish();
}

/// The frames that show an edit: a capability rescored, so counts, chart
/// geometry and the label layout are all worked out again (the command is
/// applied after one frame and shown by the next).
fn edits(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    group.sample_size(20);
    for n in [200, 1_000, 10_000] {
        let (ctx, mut app) = settled(n);
        let id = app.portfolio().capabilities[1].id.clone();
        let mut high = false;
        group.bench_function(format!("rescore shown, {n} capabilities"), |b| {
            b.iter(|| {
                high = !high;
                app.send(rescore(&id, high));
                let _ = ctx.run_ui(input(), |ui| app.show(ui));
                let output = ctx.run_ui(input(), |ui| app.show(ui));
                black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
            });
        });
    }
    // A card moved to another zone, and that move undone: one per
    // iteration, each shown by the next two frames.
    for n in [200, 10_000] {
        let (ctx, mut app) = settled(n);
        let id = app.portfolio().capabilities[1].id.clone();
        let mut moved = false;
        group.bench_function(
            format!("zone change or its undo shown, {n} capabilities"),
            |b| {
                b.iter(|| {
                    moved = !moved;
                    app.send(zone_change(&id, moved));
                    let _ = ctx.run_ui(input(), |ui| app.show(ui));
                    let output = ctx.run_ui(input(), |ui| app.show(ui));
                    black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
                });
            },
        );
    }
    // The frame that shows each edit, alone: the command is applied at the
    // end of the frame that took it in (untimed, with nothing else in it)
    // and shown by the next one, which is timed with its tessellation.
    for n in [200, 1_000, 10_000] {
        let (ctx, mut app) = settled(n);
        let id = app.portfolio().capabilities[1].id.clone();
        let mut high = false;
        group.bench_function(
            format!("the frame showing a rescore, {n} capabilities"),
            |b| {
                b.iter_custom(|iters| {
                    frame_showing(&ctx, &mut app, iters, || {
                        high = !high;
                        rescore(&id, high)
                    })
                });
            },
        );
    }
    for n in [200, 10_000] {
        let (ctx, mut app) = settled(n);
        let id = app.portfolio().capabilities[1].id.clone();
        let mut moved = false;
        group.bench_function(
            format!("the frame showing a zone change or its undo, {n} capabilities"),
            |b| {
                b.iter_custom(|iters| {
                    frame_showing(&ctx, &mut app, iters, || {
                        moved = !moved;
                        zone_change(&id, moved)
                    })
                });
            },
        );
    }
    // Another capability selected (a click, an arrow key walking the
    // dots): the chart redraws its ring and callout, the inspector shows
    // the new one.
    for n in [200, 10_000] {
        let (ctx, mut app) = settled(n);
        let ids: Vec<String> = app.portfolio().capabilities[1..3]
            .iter()
            .map(|c| c.id.clone())
            .collect();
        let mut k = 0;
        group.bench_function(
            format!("the frame showing a new selection, {n} capabilities"),
            |b| {
                b.iter_custom(|iters| {
                    frame_showing(&ctx, &mut app, iters, || {
                        k = (k + 1) % 2;
                        Command::Select(Some(ids[k].clone()))
                    })
                });
            },
        );
    }
    group.finish();
}

/// `iters` times: sends `command()`, draws the frame that applies it, then
/// times the frame that shows it. Returns the time of those frames alone.
fn frame_showing(
    ctx: &egui::Context,
    app: &mut CapmapApp,
    iters: u64,
    mut command: impl FnMut() -> Command,
) -> std::time::Duration {
    let mut total = std::time::Duration::ZERO;
    for _ in 0..iters {
        app.send(command());
        let _ = ctx.run_ui(input(), |ui| app.show(ui));
        let start = std::time::Instant::now();
        let output = ctx.run_ui(input(), |ui| app.show(ui));
        black_box(ctx.tessellate(output.shapes, output.pixels_per_point));
        total += start.elapsed();
    }
    total
}

/// Every frame while a card is dragged over the board: the pointer
/// swings between two columns with the button held.
fn drags(c: &mut Criterion) {
    let mut group = c.benchmark_group("drag");
    group.sample_size(20);
    for n in [200, 10_000] {
        let mut app = CapmapApp::new(portfolio_of(n), None);
        app.set_today(Date::from_ymd(2026, 11, 27));
        let ctx = egui::Context::default();
        let swing = card_held(&ctx, &mut app);
        let mut k = 0;
        group.bench_function(
            format!("card dragged over the board, {n} capabilities"),
            |b| {
                b.iter(|| {
                    k = (k + 1) % 2;
                    let moved = with_events(vec![egui::Event::PointerMoved(swing[k])]);
                    let output = ctx.run_ui(moved, |ui| app.show(ui));
                    black_box(ctx.tessellate(output.shapes, output.pixels_per_point))
                });
            },
        );
        // Measured a drag, not pointer moves: the card is still held.
        assert!(ctx.dragged_id().is_some(), "a card is being dragged");
    }
    group.finish();
}

fn files(c: &mut Criterion) {
    let portfolio = portfolio_of(10_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    io::save(&portfolio, &path).unwrap();
    let mut group = c.benchmark_group("file");
    group.sample_size(20);
    group.bench_function("load + validate 10,000 capabilities", |b| {
        b.iter(|| black_box(io::load(&path).unwrap()));
    });
    group.bench_function("atomic save 10,000 capabilities", |b| {
        b.iter(|| io::save(black_box(&portfolio), &path).unwrap());
    });
    // Ten thousand rows with one name: every id after the first collides.
    let same_name = format!("name,owner\n{}", "CI,Platform\n".repeat(10_000));
    let empty = Portfolio::new("import");
    group.bench_function("CSV import 10,000 rows of one name", |b| {
        b.iter(|| black_box(io::import_csv(&same_name, &empty).unwrap()));
    });
    group.finish();
}

fn export(c: &mut Criterion) {
    let portfolio = example_portfolio();
    let today = Date::from_ymd(2026, 11, 27).unwrap();
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.bench_function("chart PNG 1920x1080", |b| {
        b.iter(|| {
            black_box(chart_png(&portfolio, today, 1920, 1080, ChartOptions::default()).unwrap())
        });
    });
    group.finish();
}

criterion_group!(benches, frames, edits, drags, files, export);
criterion_main!(benches);
