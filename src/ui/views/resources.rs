//! The resources folder: each workflow's delivery template with its content versions,
//! as the platform lists them (`ui::folder` computes what is in it as of the clock).
//! Editing the creative in the workflow updates this template; a version links to the
//! journal line of its edit.

use leptos::prelude::*;

use super::heading::Heading;
use super::landing::click_of;

use crate::engine::calendar::Calendar;
use crate::engine::sim::Side;
use crate::ui::derived::compare::side_label;
use crate::ui::folder::{id_ranges, versions, DeliveryUse, Version};
use crate::ui::format;
use crate::ui::handles::{Clock, Locale, Nav, Run};
use crate::ui::i18n::{count, fill, tr, Lang, K};
use crate::ui::state::landing::Landed;

#[component]
pub fn Resources() -> impl IntoView {
    let locale = expect_context::<Locale>();
    let run = expect_context::<Run>();
    let clock = expect_context::<Clock>();
    // One template per workflow (the delivery templates folder of a v2 document holds
    // each workflow's).
    let folder = Memo::new(move |_| {
        let t = clock.now();
        run.with(|s| {
            let templates = s
                .scenario
                .workflows()
                .iter()
                .map(|w| (w.delivery.label.clone(), versions(s, w.index, t)))
                .collect::<Vec<_>>();
            (s.cal, templates)
        })
    });
    view! {
        <section class="cs-resources" data-testid="resources" data-section="resources" tabindex="-1">
            <Heading depth=1 text=locale.sig(K::Resources) />
            <p class="cs-hint">{locale.text(K::ResourcesHint)}</p>
            {move || {
                let lang = locale.get();
                let (cal, templates) = folder.get()?;
                Some(templates.into_iter().map(|(label, vs)| view! { <Template lang cal label vs /> }).collect_view())
            }}
        </section>
    }
}

/// One delivery template and its versions.
#[component]
fn Template(lang: Lang, cal: Calendar, label: String, vs: Vec<Version>) -> impl IntoView {
    let name = if label.is_empty() {
        tr(lang, K::DefaultTemplate).to_string()
    } else {
        label
    };
    let caption = fill(
        tr(lang, K::ResourcesCaption),
        &[
            ("template", &name),
            (
                "versions",
                &count(lang, vs.len() as u64, K::VersionOne, K::VersionMany),
            ),
        ],
    );
    view! {
        <p class="cs-path">{tr(lang, K::ResourcesPath)} " › " <strong>{name.clone()}</strong></p>
        <p class="cs-caption" data-testid="resources-caption">{caption}</p>
        <table class="cs-table cs-folder" data-landing-anchor>
            <thead>
                <tr>
                    <th scope="col" class="cs-left">{tr(lang, K::VersionCol)}</th>
                    <th scope="col" class="cs-left">{tr(lang, K::EditedOn)}</th>
                    <th scope="col" class="cs-left">{tr(lang, K::UsedBy)}</th>
                </tr>
            </thead>
            <tbody>{vs.into_iter().map(|v| view! { <VersionRow lang cal v /> }).collect_view()}</tbody>
        </table>
    }
}

#[component]
fn VersionRow(lang: Lang, cal: Calendar, v: Version) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let edited = match v.edited {
        // The version's edit in the journal: the clock goes to it.
        Some(at) => view! {
            <button
                class="cs-link"
                data-testid="template-version-edit"
                on:click=move |ev| {
                    nav.run.dispatch(move || {
                        nav.clock.go(at);
                        nav.focus.update(|f| f.execution = None);
                    });
                    nav.land(click_of(&ev), Landed::Instant(at));
                }
            >
                {format::date_time(lang, cal.local(at))}
            </button>
        }
        .into_any(),
        None => view! { <span>{tr(lang, K::InitialContent)}</span> }.into_any(),
    };
    let uses = v
        .used_by
        .into_iter()
        .map(|(m, us)| view! { <li><strong>{tr(lang, side_label(m))}</strong> {tr(lang, K::Colon)} {uses_text(lang, m, &us)}</li> })
        .collect_view();
    view! {
        <tr data-testid="template-version" data-version=v.version.to_string()>
            <td class="cs-left">{format!("v{}", v.version)}</td>
            <td class="cs-left">{edited}</td>
            <td class="cs-left"><ul class="cs-uses">{uses}</ul></td>
        </tr>
    }
}

/// Which deliveries of one mode used a version: a continuous delivery with its
/// executions, recurring ones as ranges of ids.
fn uses_text(lang: Lang, m: Side, us: &[DeliveryUse]) -> String {
    if us.is_empty() {
        return tr(lang, K::NoDeliveryYet).to_string();
    }
    if m == Side::Continuous {
        return us
            .iter()
            .map(|u| {
                fill(
                    tr(lang, K::ContinuousPart),
                    &[
                        ("id", &u.id.to_string()),
                        (
                            "runs",
                            &count(lang, u.runs as u64, K::ExecutionOne, K::ExecutionMany),
                        ),
                        ("first", &(u.first + 1).to_string()),
                        ("last", &(u.last + 1).to_string()),
                    ],
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
    }
    let ids: Vec<u32> = us.iter().map(|u| u.id).collect();
    format!(
        "{} ({})",
        id_ranges(&ids),
        count(lang, ids.len() as u64, K::DeliveryOne, K::DeliveryMany)
    )
}
