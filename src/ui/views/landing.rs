//! The clicks that move the view, read where they happen (both bundles): the box a
//! landing card goes next to and whether the keyboard made them. The card and the
//! section index, for the full page's long scroll, are `land_card`'s.

use wasm_bindgen::JsCast;

use crate::ui::state::landing::{Click, Rect};

/// An element's box on the screen.
pub fn rect_of(el: &web_sys::Element) -> Rect {
    let r = el.get_bounding_client_rect();
    Rect {
        x: r.left(),
        y: r.top(),
        w: r.width(),
        h: r.height(),
    }
}

/// The box a card goes next to for a click on `target`: its group's (the closest
/// `data-landing-anchor`: the calendar, the journal, the list it is in), else its own.
fn anchor_of(target: Option<web_sys::EventTarget>) -> Rect {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return Rect::default();
    };
    let group = el.closest("[data-landing-anchor]").ok().flatten();
    rect_of(group.as_ref().unwrap_or(&el))
}

/// The click a mouse event is: where its card goes, and whether the keyboard made it
/// (a button pressed with Enter or Space clicks with `detail` 0).
pub fn click_of(ev: &web_sys::MouseEvent) -> Click {
    Click {
        anchor: anchor_of(ev.current_target()),
        keyboard: ev.detail() == 0,
    }
}

/// The click a key press on an element is (a row opened with Enter).
pub fn key_click_of(ev: &web_sys::KeyboardEvent) -> Click {
    Click {
        anchor: anchor_of(ev.current_target()),
        keyboard: true,
    }
}

/// A move of the view made from `el` (a field typed in, a form sent): `keyboard` when
/// the card should take the focus (a form sent, not a field still being typed in).
pub fn click_at(el: &web_sys::Element, keyboard: bool) -> Click {
    Click {
        anchor: rect_of(el),
        keyboard,
    }
}
