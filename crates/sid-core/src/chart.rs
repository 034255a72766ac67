//! Charts drawn by plotters as SVG (text is left to the browser's fonts), sized so that their
//! labels stay readable on a phone.

use plotters::prelude::*;

pub const BLUE: RGBColor = RGBColor(11, 95, 165);
pub const ROSE: RGBColor = RGBColor(196, 62, 110);

/// An SVG of `width` × `height` drawn by `draw`; empty if drawing fails.
pub fn svg(
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
pub const WIDTH: u32 = 420;
/// The tables' bars sit inside a card, about 320 px wide on a phone: drawn near that width,
/// their labels keep nearly their full size.
const BARS_WIDTH: u32 = 340;
pub const FONT: u32 = 16;

/// One bar: its name, its length, and the figure written at its end.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// Bars (at most `limit`), longest first when `ranked`, else in their order: each name on its
/// own line above its bar, the figure at the bar's end, so that long names need no room beside
/// the bars and none is cut or thinned at phone width.
pub fn bars(title: &str, bars: &[Bar], limit: usize, ranked: bool) -> String {
    const ROW: i32 = 46;
    // Room for the title, when there is one.
    let first = if title.is_empty() { 4 } else { 32 };
    let mut top: Vec<&Bar> = bars.iter().collect();
    if ranked {
        top.sort_by(|a, b| b.value.total_cmp(&a.value));
    }
    top.truncate(limit);
    let widest = top.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0);
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
        // Room after the longest bar for its figure.
        let span = f64::from(BARS_WIDTH) - 16.0 - 56.0;
        for (i, b) in top.iter().enumerate() {
            let y = first + ROW * i as i32;
            let end = 8 + (span * b.value / widest).round().max(1.0) as i32;
            root.draw(&Text::new(b.label.to_lowercase(), (8, y), label.clone()))
                .map_err(err)?;
            root.draw(&Rectangle::new([(8, y + 21), (end, y + 39)], BLUE.filled()))
                .map_err(err)?;
            root.draw(&Text::new(
                b.shown.clone(),
                (end + 6, y + 21),
                label.clone(),
            ))
            .map_err(err)?;
        }
        Ok(())
    })
}
