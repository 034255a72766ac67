//! The statistics page's pyramid, drawn with the shared chart helpers of `sid_core::chart`.

use plotters::prelude::*;
use sid_core::chart::{svg, BLUE, FONT, ROSE, WIDTH};

use super::AgeGroup;

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
