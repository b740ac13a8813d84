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

/// Horizontal bars with their fraction and percentage written out, each under its label: a
/// label has the chart's whole width (a name beside its bar would have a third of it), so it is
/// shortened only when longer than that, at its end, and keeps its full name as a `<title>`.
#[component]
pub fn BarChart(
    /// The chart's accessible name.
    title: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    const WIDTH: f64 = 640.0;
    const ROW: f64 = 40.0;
    const LABEL_Y: f64 = 14.0;
    const BAR_Y: f64 = 20.0;
    const BAR: f64 = 14.0;
    // A letter may reach left of its origin (the bar of a "T"): labels start a little in.
    const INSET: f64 = 3.0;
    let text_room = bars
        .iter()
        .map(|b| text_width(&b.text, FONT))
        .fold(0.0, f64::max)
        + 12.0;
    let plot = WIDTH - text_room;
    let height = ROW * bars.len() as f64 + 24.0;
    let grid = (0..=4)
        .map(|i| {
            let x = plot * f64::from(i) / 4.0;
            let anchor = match i {
                0 => "start",
                4 => "end",
                _ => "middle",
            };
            view! {
                <line class="grid" x1=x x2=x y1="0" y2=height - 18.0/>
                <text class="axis" x=x y=height - 4.0 text-anchor=anchor>{format!("{} %", i * 25)}</text>
            }
        })
        .collect_view();
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, bar)| {
            let y = ROW * i as f64;
            let w = bar
                .share
                .map(|s| (s.clamp(0.0, 1.0) * plot).max(1.0))
                .unwrap_or(0.0);
            let class = if bar.strong { "bar strong" } else { "bar" };
            view! {
                {label(&bar.label, INSET, y + LABEL_Y, "start", WIDTH - INSET, "label")}
                <rect class=class x="0" y=y + BAR_Y width=w height=BAR/>
                <text class="value" x=w + 6.0 y=y + BAR_Y + BAR - 3.0>{bar.text}</text>
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
            let text = format!("{} {}", dot.name, dot.text);
            // Beside the diamond on the side with room (right of it unless that runs out).
            let (label_x, anchor, room) = if x + 12.0 + text_width(&text, FONT) <= WIDTH {
                (x + 12.0, "start", WIDTH - x - 12.0)
            } else {
                (x - 12.0, "end", x - 12.0)
            };
            own_view = Some(view! {
                <path class="dot own" d=format!("M {x} {} L {} {y} L {x} {} L {} {y} Z", y - 10.0, x + 10.0, y + 10.0, x - 10.0)/>
                {label(&text, label_x, y - 14.0, anchor, room, "own-label")}
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
        let text = format!("median {text}");
        // Centred over its line, but never past either edge.
        let half = text_width(&text, AXIS_FONT) / 2.0;
        let centre = x.clamp(half, WIDTH - half);
        view! {
            <line class="median" x1=x x2=x y1="16" y2=AXIS_Y/>
            <text class="axis" x=centre y="12" text-anchor="middle">{text}</text>
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
                {label(&s.name, LEFT + 36.0, legend_y, "start", WIDTH - LEFT - 36.0, "label")}
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

/// The font size of the charts' labels and of their axes, in the SVG's units (style/main.css
/// `svg.chart` and style/chart.css `.axis`).
const FONT: f64 = 13.0;
const AXIS_FONT: f64 = 11.0;

/// A label at (x, y) that never runs past `room` units from x: shortened at its end with "…"
/// when too long, its full name kept as the `<title>` of the group (tooltip; the `<text>` itself
/// holds only what is drawn, so the chart's own text reads as shown).
fn label(
    text: &str,
    x: f64,
    y: f64,
    anchor: &'static str,
    room: f64,
    class: &'static str,
) -> impl IntoView {
    let shown = shorten(text, room, FONT);
    view! {
        <g class="chart-label">
            <title>{text.to_owned()}</title>
            <text class=class x=x y=y text-anchor=anchor>{shown}</text>
        </g>
    }
}

/// A generous estimate of a text's width in a proportional sans-serif font of `size` units:
/// narrow letters a third of the size, capitals and m/w most of it, the rest 0.6 — wider than
/// the fonts' real averages (about 0.5), so that a label estimated to fit does fit.
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' | 'i' | 'l' | 'j' | 't' | 'f' | 'r' | '.' | ',' | ':' | ';' | '(' | ')' | '\''
            | '|' | '!' => 0.34,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.9,
            c if c.is_uppercase() => 0.75,
            _ => 0.6,
        })
        .sum::<f64>()
        * size
}

/// The text as it fits in `room` units: whole, or cut at its end (never its start) with "…".
fn shorten(text: &str, room: f64, size: f64) -> String {
    if text_width(text, size) <= room {
        return text.to_owned();
    }
    let mut shown = String::new();
    for c in text.chars() {
        shown.push(c);
        if text_width(&shown, size) + text_width("…", size) > room {
            shown.pop();
            break;
        }
    }
    let mut shown = shown.trim_end().to_owned();
    shown.push('…');
    shown
}
