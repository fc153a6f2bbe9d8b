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

#[cfg(feature = "full")]
pub use origin::{take_origin, Return};

/// Where the keyboard's focus goes back when a card closes (the full page's cards).
#[cfg(feature = "full")]
mod origin {
    use std::cell::RefCell;

    use wasm_bindgen::JsCast;

    /// Where the focus goes back: the element that had it, or (when the view drew it
    /// again meanwhile, as a table does its rows) the element in its place, found by its
    /// `data-*` attributes in the instance.
    pub struct Return {
        el: web_sys::HtmlElement,
        selector: String,
        frame: web_sys::Element,
    }

    impl Return {
        pub fn new(el: web_sys::HtmlElement) -> Self {
            let mut selector = String::new();
            for name in el
                .get_attribute_names()
                .iter()
                .filter_map(|n| n.as_string())
            {
                if let (true, Some(v)) = (name.starts_with("data-"), el.get_attribute(&name)) {
                    let v = v.replace('\\', "\\\\").replace('"', "\\\"");
                    selector.push_str(&format!("[{name}=\"{v}\"]"));
                }
            }
            let frame = el
                .closest(".cs")
                .ok()
                .flatten()
                .unwrap_or_else(|| el.clone().into());
            Return {
                el,
                selector,
                frame,
            }
        }

        pub fn focus(self) {
            let el = if self.el.is_connected() || self.selector.is_empty() {
                Some(self.el)
            } else {
                self.frame
                    .query_selector(&self.selector)
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            };
            if let Some(el) = el {
                let _ = el.focus();
            }
        }
    }

    thread_local! {
        /// The element a keyboard click came from (the page has one keyboard focus), kept
        /// at the click: the view it moves may draw that element again before the card
        /// opens.
        static ORIGIN: RefCell<Option<Return>> = const { RefCell::new(None) };
    }

    /// Where the focus goes back when the card of the last keyboard click closes.
    pub fn take_origin() -> Option<Return> {
        ORIGIN.with(|o| o.borrow_mut().take())
    }

    pub fn remember(target: Option<web_sys::EventTarget>) {
        let el = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
        ORIGIN.with(|o| *o.borrow_mut() = el.map(Return::new));
    }
}

#[cfg(not(feature = "full"))]
fn remember(_: Option<web_sys::EventTarget>) {}

#[cfg(feature = "full")]
use origin::remember;

/// The click a mouse event is: where its card goes, and whether the keyboard made it
/// (a button pressed with Enter or Space clicks with `detail` 0).
pub fn click_of(ev: &web_sys::MouseEvent) -> Click {
    if ev.detail() == 0 {
        remember(ev.current_target());
    }
    Click {
        anchor: anchor_of(ev.current_target()),
        keyboard: ev.detail() == 0,
    }
}

/// The click a key press on an element is (a row opened with Enter).
pub fn key_click_of(ev: &web_sys::KeyboardEvent) -> Click {
    remember(ev.current_target());
    Click {
        anchor: anchor_of(ev.current_target()),
        keyboard: true,
    }
}

/// A move of the view made from `el` (a field typed in, a form sent): `keyboard` when
/// the card should take the focus (a form sent, not a field still being typed in).
pub fn click_at(el: &web_sys::Element, keyboard: bool) -> Click {
    // The card takes the focus from wherever it is then (the form's field or button).
    remember(None);
    Click {
        anchor: rect_of(el),
        keyboard,
    }
}
