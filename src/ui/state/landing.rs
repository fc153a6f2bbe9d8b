//! Where a click that moved the view landed: the card shown next to the click (the
//! execution's journal lines, the trace's sentence, a day's what-ifs), so its result
//! is seen without a scroll hunt, and where that card goes on the screen.

use chrono::NaiveDate;

use crate::engine::calendar::Instant;

/// What a click brought into focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landed {
    /// An execution of the year (index from 0): a journal line, a chart point, a
    /// delivery, a date typed in the trace or the go-to control.
    Execution(usize),
    /// A day of the calendar (its executions, if any, and what-ifs on it).
    Day(NaiveDate),
    /// A send-log row: its recipient at its execution.
    Row { recipient: u64, execution: usize },
    /// An instant of the journal (a template edit in the resources folder).
    Instant(Instant),
}

impl Landed {
    /// Whether it still means the same in the year simulated again after an edit: a
    /// day does (its card then shows what the edit did to it); an execution number,
    /// a row or an instant of the previous year does not.
    pub fn survives_edit(self) -> bool {
        matches!(self, Landed::Day(_))
    }
}

/// A box on the screen, in CSS pixels from the viewport's top left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// A landing: what, next to which element (its box when clicked), and whether the
/// click came from the keyboard (the card then takes the focus, and gives it back).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Landing {
    pub landed: Landed,
    pub anchor: Rect,
    pub keyboard: bool,
}

/// A click that moves the view: the box the card goes next to (the clicked element's
/// group: the calendar, the journal, the list it is in, so the card covers none of
/// its neighbours) and whether it came from the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Click {
    pub anchor: Rect,
    pub keyboard: bool,
}

impl Click {
    /// Its landing on `landed`.
    pub fn lands(self, landed: Landed) -> Landing {
        Landing {
            landed,
            anchor: self.anchor,
            keyboard: self.keyboard,
        }
    }
}

/// Space kept between the card and the anchor or the edges, px.
pub const GAP: f64 = 8.0;

/// Where the card goes and how tall it may be (it scrolls inside beyond that), in px
/// relative to the instance's frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placement {
    pub left: f64,
    pub top: f64,
    pub max_height: f64,
}

/// The least room worth showing a card in beside its anchor, px.
pub const MIN_ROOM: f64 = 160.0;

/// Where a card of size `card` goes for an anchor, relative to the instance's frame
/// (`frame`, the box the card is positioned in), in a viewport of `viewport` (width,
/// height): below the anchor when it fits there, else on the side with more room (at
/// most that room tall, scrolling inside), so it covers none of the anchor; over the
/// anchor but in sight only when neither side has [`MIN_ROOM`]. Left-aligned with the
/// anchor, kept inside the frame and the viewport sideways; never taller than 70% of
/// the viewport.
///
/// ```
/// use campaign_sim::ui::state::landing::{place, Placement, Rect};
/// let frame = Rect { x: 0.0, y: -500.0, w: 1000.0, h: 3000.0 };
/// let anchor = Rect { x: 100.0, y: 200.0, w: 20.0, h: 20.0 };
/// // Below the anchor: 228 px from the viewport's top, 728 from the frame's.
/// let p = place(anchor, frame, (300.0, 200.0), (1000.0, 800.0));
/// assert_eq!((p.left, p.top), (100.0, 728.0));
/// ```
pub fn place(anchor: Rect, frame: Rect, card: (f64, f64), viewport: (f64, f64)) -> Placement {
    let (w, h) = card;
    let tallest = viewport.1 * 0.7;
    let below = anchor.y + anchor.h + GAP;
    let room_below = (viewport.1 - GAP - below).min(tallest);
    let room_above = (anchor.y - 2.0 * GAP).min(tallest);
    let (top, max_height) =
        if h <= room_below || (room_below >= room_above && room_below >= MIN_ROOM) {
            (below, room_below)
        } else if room_above >= MIN_ROOM {
            (anchor.y - GAP - h.min(room_above), room_above)
        } else {
            let shown = h.min(tallest);
            ((viewport.1 - GAP - shown).max(GAP), tallest)
        };
    // Inside the frame and the viewport, the frame's left edge winning.
    let left_edge = frame.x.max(0.0) + GAP;
    let right_edge = (frame.x + frame.w).min(viewport.0) - GAP;
    let left = anchor.x.min(right_edge - w).max(left_edge);
    Placement {
        left: left - frame.x,
        top: top - frame.y,
        max_height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIEW: (f64, f64) = (1400.0, 900.0);
    const FRAME: Rect = Rect {
        x: 20.0,
        y: -1200.0,
        w: 1360.0,
        h: 4000.0,
    };

    fn at(x: f64, y: f64) -> Rect {
        Rect {
            x,
            y,
            w: 40.0,
            h: 24.0,
        }
    }

    #[test]
    fn the_card_goes_below_its_anchor_when_it_fits() {
        let p = place(at(300.0, 100.0), FRAME, (360.0, 240.0), VIEW);
        assert_eq!(p.left, 280.0, "left-aligned with the anchor, in the frame");
        assert_eq!(p.top, 100.0 + 24.0 + GAP + 1200.0);
        assert_eq!(p.max_height, 900.0 * 0.7, "at most 70% of the viewport");
    }

    #[test]
    fn near_the_bottom_it_goes_above() {
        let p = place(at(300.0, 800.0), FRAME, (360.0, 240.0), VIEW);
        assert_eq!(
            p.top + FRAME.y + 240.0 + GAP,
            800.0,
            "its bottom a gap above the anchor"
        );
    }

    #[test]
    fn too_tall_for_either_side_it_takes_the_roomier_one_and_scrolls() {
        // A tall anchor (the calendar) in the middle: 300 px above, 260 below.
        let anchor = Rect {
            x: 40.0,
            y: 316.0,
            w: 700.0,
            h: 308.0,
        };
        let p = place(anchor, FRAME, (400.0, 420.0), VIEW);
        assert_eq!(p.max_height, 316.0 - 2.0 * GAP);
        assert_eq!(p.top + FRAME.y, GAP, "above, from the top of the viewport");
        assert!(
            p.top + FRAME.y + p.max_height <= anchor.y - GAP,
            "the anchor stays uncovered"
        );
        // More room below: below, as tall as that room.
        let low = Rect { y: 200.0, ..anchor };
        let q = place(low, FRAME, (400.0, 420.0), VIEW);
        assert_eq!(
            (q.top + FRAME.y, q.max_height),
            (516.0, 900.0 - GAP - 516.0)
        );
    }

    #[test]
    fn without_room_on_either_side_it_stays_in_sight_over_the_anchor() {
        let tall = Rect {
            x: 40.0,
            y: 100.0,
            w: 700.0,
            h: 720.0,
        };
        let p = place(tall, FRAME, (360.0, 300.0), VIEW);
        assert_eq!(
            p.top + FRAME.y + 300.0,
            900.0 - GAP,
            "against the viewport's bottom"
        );
        let p = place(tall, FRAME, (360.0, 2000.0), VIEW);
        assert_eq!(
            (p.top + FRAME.y, p.max_height),
            (900.0 - GAP - 630.0, 630.0)
        );
    }

    #[test]
    fn it_never_leaves_the_frame_or_the_viewport_sideways() {
        let p = place(at(1350.0, 100.0), FRAME, (360.0, 240.0), VIEW);
        assert_eq!(
            p.left + FRAME.x + 360.0,
            1380.0 - GAP,
            "against the right edge"
        );
        let narrow = Rect {
            x: 0.0,
            y: 0.0,
            w: 400.0,
            h: 2000.0,
        };
        let p = place(at(10.0, 100.0), narrow, (384.0, 240.0), (400.0, 800.0));
        assert_eq!(
            p.left, GAP,
            "a card wider than the room starts at the left edge"
        );
    }

    #[test]
    fn only_a_day_survives_an_edit() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        assert!(Landed::Day(day).survives_edit());
        assert!(!Landed::Execution(3).survives_edit());
        assert!(!Landed::Row {
            recipient: 1,
            execution: 0
        }
        .survives_edit());
        assert!(!Landed::Instant(0).survives_edit());
    }
}
