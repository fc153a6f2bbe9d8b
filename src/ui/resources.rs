//! The resources folder: the delivery template with its content versions, as the
//! platform lists them (`ui::folder` computes what is in it as of the clock). Editing
//! the creative in the workflow updates this template; a version links to the journal
//! line of its edit.

use leptos::prelude::*;

use super::app::{dispatch, Ctx};
use super::folder::{id_ranges, versions};
use super::format;
use super::i18n::{count, fill, tr, K};
use super::model::ModeKey;

fn mode_key(m: ModeKey) -> K {
    match m {
        ModeKey::Recurring => K::Recurring,
        ModeKey::Continuous => K::Continuous,
        ModeKey::Aggregated => K::Aggregated,
    }
}

pub fn resources(ctx: Ctx) -> impl IntoView {
    let now = Memo::new(move |_| ctx.playback.with(|p| p.now()));
    // One template per workflow (the delivery templates folder of a v2 document holds
    // each workflow's).
    let folder = Memo::new(move |_| {
        let t = now.get();
        ctx.sim.with(|s| {
            s.as_ref().map(|s| {
                let templates = s
                    .scenario
                    .workflows()
                    .iter()
                    .map(|w| (w.delivery.label.clone(), versions(s, w.index, t)))
                    .collect::<Vec<_>>();
                (s.cal, templates)
            })
        })
    });
    view! {
        <section class="cs-resources" data-testid="resources">
            <h2>{move || ctx.t(K::Resources)}</h2>
            <p class="cs-hint">{move || ctx.t(K::ResourcesHint)}</p>
            {move || {
                let lang = ctx.lang.get();
                let (cal, templates) = folder.get()?;
                Some(templates.into_iter().map(|(label, vs)| template(ctx, lang, cal, label, vs)).collect_view())
            }}
        </section>
    }
}

/// One delivery template and its versions.
fn template(
    ctx: Ctx,
    lang: super::i18n::Lang,
    cal: crate::engine::calendar::Calendar,
    label: String,
    vs: Vec<super::folder::Version>,
) -> impl IntoView {
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
        <p class="cs-path">
            {tr(lang, K::ResourcesPath)} " › " <strong>{name.clone()}</strong>
        </p>
        <p class="cs-caption" data-testid="resources-caption">{caption}</p>
        <table class="cs-table cs-folder">
            <thead>
                <tr>
                    <th scope="col" class="cs-left">{tr(lang, K::VersionCol)}</th>
                    <th scope="col" class="cs-left">{tr(lang, K::EditedOn)}</th>
                    <th scope="col" class="cs-left">{tr(lang, K::UsedBy)}</th>
                </tr>
            </thead>
            <tbody>
                {vs.into_iter().map(|v| {
                    let edited = match v.edited {
                        Some(at) => {
                            let when = format::date_time(lang, cal.local(at));
                            // The version's edit in the journal: the clock goes to it.
                            view! {
                                <button
                                    class="cs-link"
                                    data-testid="template-version-edit"
                                    on:click=move |_| dispatch(ctx, move |ctx| {
                                        ctx.playback.update(|p| {
                                            p.pause();
                                            p.scrub(at);
                                        });
                                        ctx.execution.set(None);
                                    })
                                >
                                    {when}
                                </button>
                            }.into_any()
                        }
                        None => view! { <span>{tr(lang, K::InitialContent)}</span> }.into_any(),
                    };
                    let uses = v.used_by.into_iter().map(|(m, us)| {
                        let ids: Vec<u32> = us.iter().map(|u| u.id).collect();
                        let text = if us.is_empty() {
                            tr(lang, K::NoDeliveryYet).to_string()
                        } else if m == ModeKey::Continuous {
                            us.iter()
                                .map(|u| fill(tr(lang, K::ContinuousPart), &[
                                    ("id", &u.id.to_string()),
                                    ("runs", &count(lang, u.runs as u64, K::ExecutionOne, K::ExecutionMany)),
                                    ("first", &(u.first + 1).to_string()),
                                    ("last", &(u.last + 1).to_string()),
                                ]))
                                .collect::<Vec<_>>()
                                .join("; ")
                        } else {
                            format!(
                                "{} ({})",
                                id_ranges(&ids),
                                count(lang, ids.len() as u64, K::DeliveryOne, K::DeliveryMany)
                            )
                        };
                        view! { <li><strong>{tr(lang, mode_key(m))}</strong> ": " {text}</li> }
                    }).collect_view();
                    view! {
                        <tr data-testid="template-version" data-version=v.version.to_string()>
                            <td class="cs-left">{format!("v{}", v.version)}</td>
                            <td class="cs-left">{edited}</td>
                            <td class="cs-left"><ul class="cs-uses">{uses}</ul></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
