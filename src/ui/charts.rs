//! Charts as inline SVG drawn in Rust: bars, a strip plot of peers, trend lines. Each is an
//! image with a name (role="img") shown beside a table or text with the same numbers; shapes,
//! dash patterns and labels carry the meaning, so they read in greyscale too. Colours come from
//! CSS classes (the CSP forbids inline styles).

use leptos::prelude::*;

/// One bar: a label, a share 0–1 (none: no answers), and the text written at its end.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub share: Option<f64>,
    pub text: String,
    /// Drawn darker (the total).
    pub strong: bool,
}

/// Horizontal bars with their fraction and percentage written out.
#[component]
pub fn BarChart(
    /// The chart's accessible name.
    title: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    const WIDTH: f64 = 640.0;
    const LABEL: f64 = 230.0;
    const ROW: f64 = 26.0;
    const BAR: f64 = 16.0;
    const TEXT_ROOM: f64 = 120.0;
    let plot = WIDTH - LABEL - TEXT_ROOM;
    let height = ROW * bars.len() as f64 + 24.0;
    let grid = (0..=4)
        .map(|i| {
            let x = LABEL + plot * f64::from(i) / 4.0;
            view! {
                <line class="grid" x1=x x2=x y1="0" y2=height - 18.0/>
                <text class="axis" x=x y=height - 4.0 text-anchor="middle">{format!("{} %", i * 25)}</text>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = ROW * i as f64 + 4.0;
            let w = bar.share.map(|s| (s.clamp(0.0, 1.0) * plot).max(1.0)).unwrap_or(0.0);
            let class = if bar.strong { "bar strong" } else { "bar" };
            view! {
                <text class="label" x=LABEL - 8.0 y=y + BAR - 3.0 text-anchor="end">{shorten(&bar.label, 32)}</text>
                <rect class=class x=LABEL y=y width=w height=BAR/>
                <text class="value" x=LABEL + w + 6.0 y=y + BAR - 3.0>{bar.text}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart bars" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title>
            {grid}
            {rows}
        </svg>
    }
}

/// One unit in a strip plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Dot {
    pub name: String,
    /// 0–1.
    pub share: f64,
    pub own: bool,
    /// The share as text, rounded on the exact fraction ("65 %").
    pub text: String,
}

/// The peers' shares as dots on one axis, the own unit a larger diamond with its name, the
/// median a dashed line.
#[component]
pub fn StripPlot(
    title: String,
    dots: Vec<Dot>,
    /// The median as a share and its text.
    median: Option<(f64, String)>,
) -> impl IntoView {
    const WIDTH: f64 = 640.0;
    const LEFT: f64 = 20.0;
    const PLOT: f64 = 600.0;
    const HEIGHT: f64 = 120.0;
    const AXIS_Y: f64 = 80.0;
    let x_of = |share: f64| LEFT + share.clamp(0.0, 1.0) * PLOT;
    // Stack dots with equal shares so each stays visible.
    let mut stacked: Vec<(f64, u32)> = Vec::new();
    let mut others = Vec::new();
    let mut own_view = None;
    for dot in &dots {
        let x = x_of(dot.share);
        if dot.own {
            let y = AXIS_Y - 14.0;
            let label_anchor = if dot.share > 0.8 { "end" } else { "start" };
            let label_x = if dot.share > 0.8 { x - 12.0 } else { x + 12.0 };
            own_view = Some(view! {
                <path class="dot own" d=format!("M {x} {} L {} {y} L {x} {} L {} {y} Z", y - 10.0, x + 10.0, y + 10.0, x - 10.0)/>
                <text class="own-label" x=label_x y=y - 14.0 text-anchor=label_anchor>
                    {format!("{} {}", dot.name, dot.text)}
                </text>
            });
        } else {
            let level = stacked
                .iter()
                .filter(|(sx, _)| (sx - x).abs() < 6.0)
                .map(|(_, l)| *l + 1)
                .max()
                .unwrap_or(0);
            stacked.push((x, level));
            let y = AXIS_Y - 8.0 - f64::from(level.min(5)) * 9.0;
            others.push(view! {
                <circle class="dot" cx=x cy=y r="4">
                    <title>{format!("{} {}", dot.name, dot.text)}</title>
                </circle>
            });
        }
    }
    let ticks = (0..=4)
        .map(|i| {
            let x = LEFT + PLOT * f64::from(i) / 4.0;
            view! {
                <line class="tick" x1=x x2=x y1=AXIS_Y y2=AXIS_Y + 5.0/>
                <text class="axis" x=x y=AXIS_Y + 20.0 text-anchor="middle">{format!("{} %", i * 25)}</text>
            }
        })
        .collect_view();
    let median_view = median.map(|(m, text)| {
        let x = x_of(m);
        view! {
            <line class="median" x1=x x2=x y1="12" y2=AXIS_Y/>
            <text class="axis" x=x y="10" text-anchor="middle">{format!("median {text}")}</text>
        }
    });
    view! {
        <svg class="chart strip" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=title>
            <line class="axis-line" x1=LEFT x2=LEFT + PLOT y1=AXIS_Y y2=AXIS_Y/>
            {ticks}
            {median_view}
            {others}
            {own_view}
        </svg>
    }
}

/// One line of a trend chart: percentages per year.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    /// (year, percent 0–100 and its text); a year without a value breaks the line.
    pub points: Vec<(u16, Option<(f64, String)>)>,
}

/// How many series a trend chart tells apart by colour, dash and marker: the total and six
/// quality groups (the kvalitetsdimensioner of the model of 2023–, or the kvalitetsområden).
const STYLES: usize = 7;

/// Lines over the years, each with its own marker shape and dash pattern, and a legend.
#[component]
pub fn TrendChart(title: String, series: Vec<Series>) -> impl IntoView {
    const WIDTH: f64 = 640.0;
    const LEFT: f64 = 44.0;
    const RIGHT: f64 = 20.0;
    const TOP: f64 = 12.0;
    const PLOT_H: f64 = 180.0;
    let years: Vec<u16> = {
        let mut y: Vec<u16> = series
            .iter()
            .flat_map(|s| s.points.iter().map(|(year, _)| *year))
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let legend_rows = series.len() as f64;
    let height = TOP + PLOT_H + 30.0 + legend_rows * 20.0;
    let plot_w = WIDTH - LEFT - RIGHT;
    let year_list = years.clone();
    let x_of = move |year: u16| {
        let years = &year_list;
        let n = years.len().max(1) as f64;
        let i = years.iter().position(|y| *y == year).unwrap_or(0) as f64;
        if n <= 1.0 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i / (n - 1.0)
        }
    };
    let y_of = |p: f64| TOP + PLOT_H * (1.0 - p.clamp(0.0, 100.0) / 100.0);
    let grid = (0..=4)
        .map(|i| {
            let y = y_of(f64::from(i) * 25.0);
            view! {
                <line class="grid" x1=LEFT x2=WIDTH - RIGHT y1=y y2=y/>
                <text class="axis" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{format!("{} %", i * 25)}</text>
            }
        })
        .collect_view();
    let year_labels = years
        .clone()
        .into_iter()
        .map(|year| {
            view! { <text class="axis" x=x_of(year) y=TOP + PLOT_H + 18.0 text-anchor="middle">{year.to_string()}</text> }
        })
        .collect_view();
    let lines = series
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let style = i % STYLES;
            let mut d = String::new();
            let mut pen_down = false;
            let mut markers = Vec::new();
            for (year, value) in &s.points {
                match value {
                    Some((p, text)) => {
                        let (x, y) = (x_of(*year), y_of(*p));
                        d.push_str(&format!("{} {x:.1} {y:.1} ", if pen_down { "L" } else { "M" }));
                        pen_down = true;
                        markers.push(marker(style, x, y, format!("{} {year}: {text}", s.name)));
                    }
                    None => pen_down = false,
                }
            }
            let legend_y = TOP + PLOT_H + 36.0 + i as f64 * 20.0;
            view! {
                <path class=format!("trend s{style}") d=d/>
                {markers}
                <line class=format!("trend s{style}") x1=LEFT x2=LEFT + 28.0 y1=legend_y - 4.0 y2=legend_y - 4.0/>
                {marker(style, LEFT + 14.0, legend_y - 4.0, s.name.clone())}
                <text class="label" x=LEFT + 36.0 y=legend_y>{s.name.clone()}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart trend-chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title>
            {grid}
            {year_labels}
            {lines}
        </svg>
    }
}

/// A marker of one of seven shapes (circle, square, triangle, diamond, cross, ring, triangle
/// pointing down).
fn marker(style: usize, x: f64, y: f64, label: String) -> impl IntoView {
    let class = format!("marker s{style}");
    let d = match style {
        0 => format!("M {} {y} a 5 5 0 1 0 10 0 a 5 5 0 1 0 -10 0", x - 5.0),
        1 => format!("M {} {} h 10 v 10 h -10 Z", x - 5.0, y - 5.0),
        2 => format!(
            "M {x} {} L {} {} L {} {} Z",
            y - 6.0,
            x + 6.0,
            y + 5.0,
            x - 6.0,
            y + 5.0
        ),
        3 => format!(
            "M {x} {} L {} {y} L {x} {} L {} {y} Z",
            y - 6.0,
            x + 6.0,
            y + 6.0,
            x - 6.0
        ),
        4 => format!(
            "M {} {} L {} {} M {} {} L {} {}",
            x - 5.0,
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0,
            y + 5.0,
            x + 5.0,
            y - 5.0
        ),
        5 => format!(
            "M {} {y} a 6 6 0 1 0 12 0 a 6 6 0 1 0 -12 0 M {} {y} a 2 2 0 1 0 4 0 a 2 2 0 1 0 -4 0",
            x - 6.0,
            x - 2.0
        ),
        _ => format!(
            "M {x} {} L {} {} L {} {} Z",
            y + 6.0,
            x + 6.0,
            y - 5.0,
            x - 6.0,
            y - 5.0
        ),
    };
    view! { <path class=class d=d><title>{label}</title></path> }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}
