//! The standalone page's "copy link" button: the URL already holds the state; the
//! click writes it at once and puts it on the clipboard (or shows it to copy by hand
//! where the browser refuses clipboard access).

use leptos::prelude::*;

use crate::ui::handles::{Locale, Run};
use crate::ui::i18n::K;
use crate::ui::persist::Persist;

#[component]
pub fn CopyLink() -> impl IntoView {
    let Some(persist) = use_context::<Persist>() else {
        return ().into_any();
    };
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let shown = RwSignal::new(None::<(bool, String)>);
    // Through the action queue: a link describes the outcome on screen, so while a
    // newer one is computed it waits for it.
    let copy = move |_| {
        run.dispatch(move || {
            let Some(link) = persist.write_now() else {
                return;
            };
            let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
                shown.set(Some((false, link)));
                return;
            };
            let promise = clipboard.write_text(&link);
            leptos::task::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                shown.set(Some((ok, link)));
            });
        })
    };
    let status = move || {
        shown.get().map(|(ok, link)| {
            if ok {
                view! { <span class="cs-hint" role="status" data-testid="link-status">{locale.t(K::LinkCopied)}</span> }.into_any()
            } else {
                view! {
                    <label class="cs-hint" data-testid="link-status">
                        {locale.t(K::CopyThisLink)} " "
                        <input readonly data-testid="share-link" prop:value=link on:focus:target=move |ev| ev.target().select() />
                    </label>
                }
                .into_any()
            }
        })
    };
    view! {
        <div class="cs-share">
            <button data-testid="copy-link" on:click=copy>{locale.text(K::CopyLink)}</button>
            {status}
        </div>
    }
    .into_any()
}
