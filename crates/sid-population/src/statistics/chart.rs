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

/// The population pyramid: men to the left, women to the right, youngest at the bottom.
pub fn pyramid(groups: &[AgeGroup]) -> String {
    let widest = groups
        .iter()
        .map(|g| g.male.max(g.female))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = groups.len() as f64;
    svg(640, 420, |root| {
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(50)
            .caption(
                "Piramida penduduk (laki-laki | perempuan)",
                ("sans-serif", 16),
            )
            .build_cartesian_2d(-widest..widest, 0f64..n)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_mesh()
            .label_style(("sans-serif", 14))
            .x_labels(5)
            .x_label_formatter(&|x| format!("{:.0}", x.abs()))
            .y_labels(groups.len())
            .y_label_formatter(&|y| {
                groups
                    .get(y.floor() as usize)
                    .map(|g| g.label.clone())
                    .unwrap_or_default()
            })
            .draw()
            .map_err(|e| e.to_string())?;
        let bars = groups.iter().enumerate().flat_map(|(i, g)| {
            let y = i as f64;
            [
                Rectangle::new([(-(g.male as f64), y + 0.1), (0.0, y + 0.9)], BLUE.filled()),
                Rectangle::new([(0.0, y + 0.1), (g.female as f64, y + 0.9)], ROSE.filled()),
            ]
        });
        chart.draw_series(bars).map_err(|e| e.to_string())?;
        Ok(())
    })
}

/// Counts per category as horizontal bars, largest first (at most `limit`).
pub fn bars(title: &str, counts: &[Count], limit: usize) -> String {
    let mut top: Vec<&Count> = counts.iter().collect();
    top.sort_by_key(|c| std::cmp::Reverse(c.count));
    top.truncate(limit);
    let widest = top.first().map_or(1, |c| c.count.max(1)) as f64;
    let n = top.len().max(1) as f64;
    let height = 60 + 28 * top.len() as u32;
    svg(640, height, |root| {
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(25)
            .y_label_area_size(200)
            .caption(title, ("sans-serif", 16))
            .build_cartesian_2d(0f64..widest * 1.05, 0f64..n)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_mesh()
            .label_style(("sans-serif", 14))
            .x_labels(5)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_labels(top.len())
            .y_label_formatter(&|y| {
                let i = top.len().saturating_sub(1 + y.floor() as usize);
                top.get(i)
                    .map(|c| c.name.to_lowercase())
                    .unwrap_or_default()
            })
            .draw()
            .map_err(|e| e.to_string())?;
        let bars = top.iter().enumerate().map(|(i, c)| {
            let y = (top.len() - 1 - i) as f64;
            Rectangle::new([(0.0, y + 0.15), (c.count as f64, y + 0.85)], BLUE.filled())
        });
        chart.draw_series(bars).map_err(|e| e.to_string())?;
        Ok(())
    })
}
