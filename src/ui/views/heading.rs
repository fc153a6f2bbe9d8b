//! Headings at the instance's level: the title at the layout's heading level (a
//! widget's `heading-level`, 2 by default; the full page's 1), its panels one level
//! below (at the title's own level when the header leaves the title out), their parts
//! two; `none` makes them plain paragraphs, so a widget fits the host page's outline.

use leptos::prelude::*;

use crate::ui::handles::LayoutHandle;

/// A heading `depth` levels below the instance's title (0: the title).
#[component]
pub fn Heading(
    depth: u8,
    #[prop(into)] text: Signal<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let layout = expect_context::<LayoutHandle>();
    let level = Memo::new(move |_| layout.get().level(depth));
    move || match level.get() {
        Some(1) => view! { <h1 class=class>{text}</h1> }.into_any(),
        Some(2) => view! { <h2 class=class>{text}</h2> }.into_any(),
        Some(3) => view! { <h3 class=class>{text}</h3> }.into_any(),
        Some(4) => view! { <h4 class=class>{text}</h4> }.into_any(),
        Some(5) => view! { <h5 class=class>{text}</h5> }.into_any(),
        Some(_) => view! { <h6 class=class>{text}</h6> }.into_any(),
        None => view! { <p class=format!("cs-h cs-h{depth} {class}")>{text}</p> }.into_any(),
    }
}
