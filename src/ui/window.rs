//! Table windowing: which rows of a long log to put in the DOM for a scroll offset.
//!
//! A year of broadLog rows can be millions long; the table renders a fixed-height
//! spacer and only the rows in view plus a margin, so the DOM stays at a few hundred
//! rows whatever the log size.

use std::ops::Range;

/// A page of `page` items of a list of `total`, placed so `anchor` (the item in focus,
/// e.g. the selected delivery) sits in it, then moved by `shift` whole pages (the
/// "earlier" / "later" buttons). Clamped to the list: a short list is one page.
///
/// ```
/// use campaign_sim::ui::window::page_around;
/// assert_eq!(page_around(52, 51, 12, 0), 40..52); // the newest at the end
/// assert_eq!(page_around(52, 10, 12, 0), 4..16);  // the anchor in the middle
/// assert_eq!(page_around(52, 10, 12, -1), 0..12);
/// assert_eq!(page_around(5, 4, 12, 3), 0..5);
/// ```
pub fn page_around(total: usize, anchor: usize, page: usize, shift: i64) -> Range<usize> {
    if total == 0 || page == 0 {
        return 0..0;
    }
    let page = page.min(total);
    let last_start = total - page;
    let centred = anchor
        .min(total - 1)
        .saturating_sub(page / 2)
        .min(last_start) as i64;
    let start = (centred + shift.saturating_mul(page as i64)).clamp(0, last_start as i64) as usize;
    start..start + page
}

/// Never more rows than this in the DOM, whatever the viewport.
pub const MAX_RENDERED: usize = 200;

/// The rows to render for a scroll offset (pixels), a viewport height, a fixed row
/// height, the row count and an overscan margin (rows above and below the view).
///
/// ```
/// use campaign_sim::ui::window::rows_in_view;
/// assert_eq!(rows_in_view(0.0, 300.0, 30.0, 1_000_000, 5), 0..15);
/// assert_eq!(rows_in_view(3000.0, 300.0, 30.0, 1_000_000, 5), 95..115);
/// ```
pub fn rows_in_view(
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
    total: usize,
    overscan: usize,
) -> Range<usize> {
    if total == 0 || row_height <= 0.0 || !row_height.is_finite() {
        return 0..0;
    }
    let top = if scroll_top.is_finite() {
        scroll_top.max(0.0)
    } else {
        0.0
    };
    let view = if viewport.is_finite() {
        viewport.max(0.0)
    } else {
        0.0
    };
    let first = ((top / row_height).floor() as usize).min(total);
    let visible = (view / row_height).ceil() as usize;
    let start = first.saturating_sub(overscan).min(total);
    let end = first
        .saturating_add(visible)
        .saturating_add(overscan)
        .min(total)
        .min(start.saturating_add(MAX_RENDERED));
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_million_rows_render_a_bounded_window() {
        let r = rows_in_view(30.0 * 500_000.0, 600.0, 30.0, 1_000_000, 10);
        assert_eq!(r, 499_990..500_030);
        let huge = rows_in_view(0.0, 1e9, 30.0, 1_000_000, 10);
        assert_eq!(huge.len(), MAX_RENDERED);
    }

    #[test]
    fn the_end_of_the_log_is_reachable_and_nothing_past_it() {
        let r = rows_in_view(30.0 * 995.0, 600.0, 30.0, 1000, 10);
        assert_eq!(r, 985..1000);
        let past = rows_in_view(1e12, 600.0, 30.0, 1000, 10);
        assert_eq!(past, 990..1000);
    }

    #[test]
    fn degenerate_inputs_give_no_rows_instead_of_panicking() {
        assert_eq!(rows_in_view(0.0, 600.0, 30.0, 0, 10), 0..0);
        assert_eq!(rows_in_view(0.0, 600.0, 0.0, 10, 10), 0..0);
        assert_eq!(rows_in_view(f64::NAN, f64::NAN, 30.0, 10, 2), 0..2);
    }
}
