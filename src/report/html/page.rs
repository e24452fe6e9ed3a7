//! The page's frame: one HTML document with its style inline, and the anchors that
//! link a person's name to their week.
//!
//! No JavaScript and nothing fetched: the file opens from disk on a phone, offline,
//! with no console to go wrong. CSS `:target` shows the one week or list whose anchor
//! is in the address, so "find your own week" is two links: the list, then the name.

use maud::{DOCTYPE, Markup, PreEscaped, html};

/// Narrow screens first: the grid scrolls sideways inside its box, text wraps.
pub(super) const STYLE: &str = r#"
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; background: #fff; }
body { margin: 0 auto; max-width: 70rem; padding: 0.5rem 0.75rem 3rem; line-height: 1.4; }
h1 { font-size: 1.4rem; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin: 1rem 0 0.5rem; }
h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
nav.tabs { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0.5rem 0; }
nav.tabs a, .back { display: inline-block; padding: 0.45rem 0.7rem; border-radius: 0.4rem; background: #e8eef6; color: #0b3d91; text-decoration: none; font-weight: 600; }
.tab, .week { display: none; }
.tab:target, .week:target { display: block; }
ul.names { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.3rem; }
ul.names a { display: block; padding: 0.5rem; border: 1px solid #c9d3df; border-radius: 0.4rem; text-decoration: none; color: #0b3d91; }
ul.names small { display: block; color: #57606a; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.25rem 0 0.75rem; }
th, td { border: 1px solid #c9d3df; padding: 0.3rem 0.4rem; vertical-align: top; text-align: left; }
th { background: #f3f6fa; }
table.grid { table-layout: fixed; min-width: 36rem; width: 100%; }
table.grid td { height: 3.2rem; font-size: 0.85rem; }
.time { color: #57606a; font-size: 0.75rem; }
.lesson { background: #dff3e4; border-left: 4px solid #2f9e44; padding: 0.15rem 0.3rem; margin-top: 0.15rem; border-radius: 0.2rem; }
.lesson.remote { background: #e3ecfb; border-left-color: #1c7ed6; }
.lesson small { display: block; color: #3d444d; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.full { color: #b42318; font-weight: 600; }
.banner { padding: 0.6rem 0.8rem; border-radius: 0.4rem; margin: 0.5rem 0; }
.banner.ok { background: #dff3e4; }
.banner.bad { background: #fde2e1; color: #7a1212; }
.muted { color: #57606a; }
#overview { display: block; }
body:has(:target) #overview:not(:target) { display: none; }
figure.chart { margin: 0.75rem 0; }
figure.chart figcaption { color: #57606a; font-size: 0.85rem; margin-bottom: 0.25rem; }
figure.chart svg { display: block; width: 100%; height: auto; }
svg.trips { min-width: 36rem; }
svg .grid { stroke: #e3e8ef; stroke-width: 1; }
svg .axis { fill: #57606a; font-size: 10px; }
svg .drawn-run polyline { fill: none; stroke: #1c7ed6; stroke-width: 2; }
svg .drawn-run.bought polyline { stroke: #e8590c; }
svg .drawn-run.full polyline { stroke: #c92a2a; stroke-width: 3.5; }
svg .drawn-run .load { font-size: 10px; font-weight: 600; fill: #1b1f24; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg .drawn-run.full .load { fill: #b42318; }
svg .band { fill: #fff; }
svg .band.alt { fill: #f3f6fa; }
svg .axis.small { font-size: 8.5px; }
svg .head { font-size: 11px; font-weight: 600; fill: #0b3d91; }
svg .course { font-size: 10.5px; fill: #1b1f24; }
svg .course.received { fill: #1c7ed6; font-style: italic; }
svg .link { fill: none; stroke: #1c7ed6; stroke-width: 1; opacity: 0.55; }
.cost-bar svg { height: 1.8rem; border-radius: 0.25rem; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1rem; font-size: 0.85rem; }
.swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 0.15rem; margin-right: 0.3rem; vertical-align: -0.1rem; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.tabs, .back { display: none; }
  .scroll { overflow: visible; }
  table { page-break-inside: auto; }
  tr, figure.chart { break-inside: avoid; }
  svg.trips, svg.valley { min-width: 0 !important; }
  table.grid { min-width: 0; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The whole self-contained document around `body`, with the stylesheet `style`: the
/// plan report's and the sweep comparison's pages share it.
pub fn document(title: &str, style: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(style)) }
            }
            body { (body) }
        }
    }
}

/// A fragment id for an entity: `student-S12`. Ids are free text in instance files,
/// so every byte outside `[A-Za-z0-9_-]` is written as `.xx` (hex), which keeps anchors
/// unique and valid in any address bar.
pub fn anchor(kind: &str, id: &str) -> String {
    let mut out = String::with_capacity(kind.len() + id.len() + 1);
    out.push_str(kind);
    out.push('-');
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!(".{byte:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_unique_and_plain() {
        assert_eq!(anchor("student", "S12"), "student-S12");
        assert_eq!(anchor("room", "P 1"), "room-P.201");
        assert_ne!(anchor("room", "P 1"), anchor("room", "P.201"));
        assert_eq!(anchor("site", "Ylitornio-ä"), "site-Ylitornio-.c3.a4");
    }
}
