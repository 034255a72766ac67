//! The statistics page's charts, drawn by plotters as SVG (text is left to the browser's fonts).

use plotters::prelude::*;

use super::{AgeGroup, Count};

const BLUE: RGBColor = RGBColor(11, 95, 165);
const ROSE: RGBColor = RGBColor(196, 62, 110);

fn svg(
    width: u32,
    height: u32,
    draw: impl FnOnce(DrawingArea<SVGBackend, plotters::coord::Shift>) -> Result<(), String>,
) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        if draw(root.clone())
            .and_then(|_| root.present().map_err(|e| e.to_string()))
            .is_err()
        {
            return String::new();
        }
    }
    out
}

/// Drawn this wide: on a phone (about 350 px of content) the 16 px labels stay about 13 px.
const WIDTH: u32 = 420;
/// The tables' bars sit inside a card, about 320 px wide on a phone: drawn near that width,
/// their labels keep nearly their full size.
const BARS_WIDTH: u32 = 340;
const FONT: u32 = 16;

/// The population pyramid: men to the left, women to the right, youngest at the bottom; one
/// label per age group (a segmented axis, so that none is thinned away).
pub fn pyramid(groups: &[AgeGroup]) -> String {
    let widest = groups
        .iter()
        .map(|g| g.male.max(g.female))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = groups.len();
    svg(WIDTH, 44 + 24 * n as u32, |root| {
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(24)
            .y_label_area_size(50)
            .caption(
                "Piramida penduduk (laki-laki | perempuan)",
                ("sans-serif", FONT + 1),
            )
            .build_cartesian_2d(-widest..widest, (0..n).into_segmented())
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_mesh()
            .label_style(("sans-serif", FONT))
            .x_labels(5)
            .x_label_formatter(&|x| format!("{:.0}", x.abs()))
            .y_labels(n)
            .y_label_formatter(&|y| {
                match y {
                    SegmentValue::CenterOf(i) => groups.get(*i).map(|g| g.label.clone()),
                    _ => None,
                }
                .unwrap_or_default()
            })
            .draw()
            .map_err(|e| e.to_string())?;
        let bars = groups.iter().enumerate().flat_map(|(i, g)| {
            let (low, high) = (|| SegmentValue::Exact(i), || SegmentValue::Exact(i + 1));
            [
                Rectangle::new([(-(g.male as f64), low()), (0.0, high())], BLUE.filled()),
                Rectangle::new([(0.0, low()), (g.female as f64, high())], ROSE.filled()),
            ]
        });
        chart.draw_series(bars).map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// Counts per category (at most `limit`), largest first when `ranked`, else in their order (age
/// bands, family sizes): each category's full name on its own line above its bar, the count at
/// the bar's end, so that long names need no room beside the bars and none is cut or thinned at
/// phone width.
pub fn bars(title: &str, counts: &[Count], limit: usize, ranked: bool) -> String {
    const ROW: i32 = 46;
    // Room for the title, when there is one.
    let first = if title.is_empty() { 4 } else { 32 };
    let mut top: Vec<&Count> = counts.iter().collect();
    if ranked {
        top.sort_by_key(|c| std::cmp::Reverse(c.count));
    }
    top.truncate(limit);
    let widest = top.iter().map(|c| c.count).max().unwrap_or(1).max(1) as f64;
    let height = first as u32 + ROW as u32 * top.len() as u32 + 6;
    svg(BARS_WIDTH, height, |root| {
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let label = ("sans-serif", FONT).into_font().color(&BLACK);
        let err = |e: DrawingAreaErrorKind<_>| e.to_string();
        root.draw(&Text::new(
            title.to_string(),
            (8, 6),
            ("sans-serif", FONT + 1).into_font().color(&BLACK),
        ))
        .map_err(err)?;
        // Room after the longest bar for its count.
        let span = f64::from(BARS_WIDTH) - 16.0 - 56.0;
        for (i, c) in top.iter().enumerate() {
            let y = first + ROW * i as i32;
            let end = 8 + (span * c.count as f64 / widest).round().max(1.0) as i32;
            root.draw(&Text::new(c.name.to_lowercase(), (8, y), label.clone()))
                .map_err(err)?;
            root.draw(&Rectangle::new([(8, y + 21), (end, y + 39)], BLUE.filled()))
                .map_err(err)?;
            root.draw(&Text::new(
                c.count.to_string(),
                (end + 6, y + 21),
                label.clone(),
            ))
            .map_err(err)?;
        }
        Ok(())
    })
}
