//! Guided lessons on the page: the runner that applies a step's plan
//! (`ui::lesson::plan`) through the action queue, and the [`Lessons`] handle the
//! Questions menu and the lesson panel (`ui::views::lesson_panel`) read.
//!
//! Lesson files are fetched when a lesson is opened (`ui::assets`), never compiled in.
//! Every step is applied as the whole lesson replayed up to it (Back is exact): the
//! step's scenario document is set when it differs from the page's, then, once its
//! outcome is on screen (`Run::dispatch`), the view starts fresh and the step's view
//! operations apply in order; last, the step's element is outlined and scrolled to.
//!
//! In *Check yourself* mode a step that asks is first shown with its scenario only
//! (`ui::lesson::plan_before_answer`) and its question; the learner's answer is judged
//! against the engine's value on that year (`ui::quiz`), the step then reveals (its
//! whole plan), and the answer is sent to the host page as an xAPI-shaped statement
//! (`campaign-sim-answer`); finishing the lesson sends `campaign-sim-lesson-complete`
//! with its score. Every step shown sends `campaign-sim-lesson-step`.

use std::sync::Arc;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::assets::fetch_text;
use super::events::emit;
use super::handles::Instance;
use super::i18n::{code, Lang};
use super::lesson::{
    index_path, lesson_path, parse_index, parse_lesson, plan, plan_before_answer, Clock,
    IndexEntry, Lesson, Op, Plan,
};
use super::quiz::{self, Response};
use super::state::focus::Reset;
use super::state::quiz::{LessonMode, QuizState};

/// The CSS class of the outlined element.
const TARGET: &str = "cs-lesson-target";
/// Tries to find the element to outline (the view may still be drawing it).
const HIGHLIGHT_TRIES: u32 = 20;

/// What the lesson panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown {
    Closed,
    Loading,
    /// The lesson could not be opened: why (unknown id, missing or bad file).
    Failed(String),
    Open {
        lesson: Arc<Lesson>,
        step: usize,
    },
}

type IndexResult = Option<Result<Arc<Vec<IndexEntry>>, String>>;

/// The lessons of one instance (a context of that instance only).
#[derive(Clone, Copy)]
pub struct Lessons {
    pub shown: RwSignal<Shown>,
    /// The Questions menu of each language (en, fr), once fetched.
    pub(crate) index: RwSignal<[IndexResult; 2]>,
    /// Whether the Questions menu is open.
    pub(crate) menu_open: RwSignal<bool>,
    /// The scenario document when the lesson was opened (what steps before the first
    /// preset apply to).
    base: StoredValue<Value>,
    /// Counts opens and steps: a file or an outline meant for an older one is dropped.
    token: StoredValue<u64>,
    /// The panel's slot (sticky at the top of the instance): the instance is found
    /// from it, and the outlined element is scrolled to below it.
    pub(crate) slot: NodeRef<leptos::html::Div>,
    /// Check yourself or Guided: for every lesson opened until it is changed.
    pub mode: RwSignal<LessonMode>,
    /// The learner's answers in the open lesson.
    pub quiz: RwSignal<QuizState>,
    /// The instance the lessons drive.
    i: Instance,
}

pub(crate) fn slot_of(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Fr => 1,
    }
}

impl Lessons {
    /// Creates the instance's lessons and opens the configured one (an embed's
    /// `lesson`: its id and the option that named it).
    pub fn provide(i: Instance, initial: Option<(String, String)>) -> Lessons {
        let l = Lessons {
            shown: RwSignal::new(Shown::Closed),
            index: RwSignal::new([None, None]),
            menu_open: RwSignal::new(false),
            base: StoredValue::new(Value::Null),
            token: StoredValue::new(0),
            slot: NodeRef::new(),
            mode: RwSignal::new(LessonMode::default()),
            quiz: RwSignal::new(QuizState::default()),
            i,
        };
        follow_language(l);
        // The menu's list, fetched when the menu is first opened in a language.
        Effect::new(move |_| {
            let lang = i.locale.get();
            if l.menu_open.get() && l.index.with(|x| x[slot_of(lang)].is_none()) {
                leptos::task::spawn_local(async move {
                    let _ = index(l, lang).await;
                });
            }
        });
        if let Some((id, option)) = initial {
            l.open(id, Some(option), false);
        }
        l
    }

    /// Opens lesson `id` at its first step. `scroll`: bring the outlined element into
    /// view (not when a widget opens its lesson as the host page loads).
    pub fn open(self, id: String, option: Option<String>, scroll: bool) {
        open(self, id, option, scroll);
    }

    /// Shows step `k` of the open lesson.
    pub fn go(self, k: usize) {
        go(self, k, true);
    }

    /// Whether the open lesson's step `k` is still asking (it has a question, the mode
    /// is Check yourself, and it has not been answered).
    pub fn asking(self, k: usize) -> bool {
        let asks = match self.shown.get() {
            Shown::Open { lesson, .. } => lesson.steps.get(k).is_some_and(|s| s.ask.is_some()),
            _ => false,
        };
        self.quiz.with(|q| q.asking(self.mode.get(), k, asks))
    }

    /// The learner answers the open step's question.
    pub fn answer(self, response: Answering) {
        answer(self, response);
    }

    /// Switches between Check yourself and Guided; the open step is shown again in the
    /// new mode.
    pub fn set_mode(self, mode: LessonMode) {
        self.mode.set(mode);
        if let Shown::Open { step, .. } = self.shown.get_untracked() {
            go(self, step, false);
        }
    }

    /// Leaves the lesson (the page stays as the last step left it).
    pub fn close(self) {
        close(self);
    }

    /// Finishes the lesson (Next on its last step): its result goes to the host page.
    pub fn finish(self) {
        finish(self);
    }
}

/// Switching language while a lesson is open reloads that lesson in the other
/// language, at the same step (the page state stays: both files have the same steps).
fn follow_language(l: Lessons) {
    Effect::new(move |prev: Option<Lang>| {
        let lang = l.i.locale.get();
        if prev.is_some_and(|p| p != lang) {
            if let Shown::Open { lesson, step } = l.shown.get_untracked() {
                let token = next_token(l);
                let id = lesson.id.clone();
                leptos::task::spawn_local(async move {
                    let loaded = load(l, &id, lang, None).await;
                    if l.token.try_get_value() != Some(token) {
                        return;
                    }
                    match loaded {
                        Ok(lesson) => {
                            let step = step.min(lesson.steps.len() - 1);
                            let highlight = lesson.steps[step].highlight.clone();
                            l.shown.set(Shown::Open { lesson, step });
                            outline(l, token, highlight, false, 0);
                        }
                        Err(e) => l.shown.set(Shown::Failed(e)),
                    }
                });
            }
        }
        lang
    });
}

fn next_token(l: Lessons) -> u64 {
    l.token.update_value(|t| *t += 1);
    l.token.get_value()
}

/// The Questions menu of `lang`, fetched once.
async fn index(l: Lessons, lang: Lang) -> Result<Arc<Vec<IndexEntry>>, String> {
    if let Some(done) = l.index.with_untracked(|i| i[slot_of(lang)].clone()) {
        return done;
    }
    let path = index_path(code(lang));
    let result = fetch_text(&path).await.and_then(|text| {
        parse_index(&text)
            .map(Arc::new)
            .map_err(|e| format!("{path}: {e}"))
    });
    l.index.update(|i| i[slot_of(lang)] = Some(result.clone()));
    result
}

/// Fetches and checks lesson `id` in `lang`. `option` names the embed option that
/// asked for it (`config.lesson`, `data-lesson`), for an unknown id's message.
async fn load(
    l: Lessons,
    id: &str,
    lang: Lang,
    option: Option<&str>,
) -> Result<Arc<Lesson>, String> {
    let list = index(l, lang).await?;
    if !list.iter().any(|e| e.id == id) {
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_str()).collect();
        let what = format!(
            "\"{}\" is not a lesson ({})",
            id.chars().take(40).collect::<String>(),
            ids.join(", ")
        );
        return Err(match option {
            Some(o) => format!("{o}: {what}"),
            None => what,
        });
    }
    let path = lesson_path(id, code(lang));
    let text = fetch_text(&path).await?;
    // The panel's own words too: the lesson shows once they are here.
    super::i18n::load(lang).await?;
    parse_lesson(&text, Some(id))
        .map(Arc::new)
        .map_err(|e| format!("{path}: {e}"))
}

fn open(l: Lessons, id: String, option: Option<String>, scroll: bool) {
    let token = next_token(l);
    l.shown.set(Shown::Loading);
    l.menu_open.set(false);
    l.quiz.set(QuizState::default());
    // What the steps before the first preset apply to: the page's document now.
    let base = l.i.doc.with_untracked(|d| {
        d.with_value(|v| v.cloned())
            .or_else(|| serde_json::to_value(d.draft()).ok())
            .unwrap_or(Value::Null)
    });
    l.base.set_value(base);
    leptos::task::spawn_local(async move {
        // The language asked for, not the one shown while its texts are fetched: a
        // French widget's lesson is French from its first paint.
        let lang = l.i.locale.wanted_untracked();
        let loaded = load(l, &id, lang, option.as_deref()).await;
        // try_: the widget may have been unmounted meanwhile (a removed <campaign-sim>).
        if l.token.try_get_value() != Some(token) {
            return;
        }
        match loaded {
            Ok(lesson) => {
                l.shown.set(Shown::Open { lesson, step: 0 });
                go(l, 0, scroll);
                if scroll {
                    focus(l, "lesson-next");
                }
            }
            Err(e) => l.shown.set(Shown::Failed(e)),
        }
    });
}

/// Shows step `k` of the open lesson and applies it.
fn go(l: Lessons, k: usize, scroll: bool) {
    let Shown::Open { lesson, .. } = l.shown.get_untracked() else {
        return;
    };
    let k = k.min(lesson.steps.len() - 1);
    l.shown.set(Shown::Open {
        lesson: lesson.clone(),
        step: k,
    });
    let token = next_token(l);
    let asks = lesson.steps[k].ask.is_some();
    let asking = l
        .quiz
        .with_untracked(|q| q.asking(l.mode.get_untracked(), k, asks));
    let p = l.base.with_value(|base| {
        if asking {
            plan_before_answer(&lesson, k, base)
        } else {
            plan(&lesson, k, base)
        }
    });
    let highlight = p.highlight.clone();
    apply(l.i, p, move || outline(l, token, highlight, scroll, 0));
    let detail = serde_json::json!({"lesson": lesson.id, "step": k + 1, "steps": lesson.steps.len(), "asking": asking});
    if let Some(root) = root(l) {
        emit(&root, "campaign-sim-lesson-step", &detail);
    }
}

/// A learner's response, as the panel read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answering {
    /// The number field's text, as typed.
    Number(String),
    /// The index of the choice picked.
    Choice(usize),
}

/// Judges the open step's answer on the year on screen (through the action queue:
/// the step's year), reveals the step on its first answer, and sends the statement.
fn answer(l: Lessons, response: Answering) {
    let Shown::Open { lesson, step } = l.shown.get_untracked() else {
        return;
    };
    let i = l.i;
    i.run.dispatch(move || {
        let (Some(sim), Some(ask)) = (
            i.run.sim_untracked(),
            lesson.steps.get(step).and_then(|s| s.ask.clone()),
        ) else {
            return;
        };
        let lang = i.locale.get_untracked();
        let r = match &response {
            Answering::Number(t) => Response::Number(t),
            Answering::Choice(c) => Response::Choice(*c),
        };
        let value = quiz::answer(&ask, &sim);
        let Some(o) = sim.outcome(0) else { return };
        match quiz::check(&ask, value.as_ref(), r) {
            Err(n) => l
                .quiz
                .update(|q| q.unjudged(step, quiz::not_an_answer(lang, n))),
            Ok(correct) => {
                let fb = quiz::feedback(lang, &ask, value.as_ref(), correct, o);
                let mut first = false;
                l.quiz.update(|q| first = q.judged(step, fb));
                if let (Some(root), Some(statement)) = (
                    root(l),
                    super::xapi::answered(&lesson, step, lang, value.as_ref(), r),
                ) {
                    emit(&root, "campaign-sim-answer", &statement);
                }
                if first {
                    go(l, step, false);
                }
            }
        }
    });
}

/// Finishes the lesson: its score goes to the host page, and it closes.
pub(crate) fn finish(l: Lessons) {
    if let Shown::Open { lesson, .. } = l.shown.get_untracked() {
        let tries = l.quiz.with_untracked(|q| q.first_tries());
        let statement = super::xapi::completed(&lesson, l.i.locale.get_untracked(), &tries);
        if let Some(root) = root(l) {
            emit(&root, "campaign-sim-lesson-complete", &statement);
        }
    }
    close(l);
}

fn close(l: Lessons) {
    next_token(l);
    l.quiz.set(QuizState::default());
    l.shown.set(Shown::Closed);
    clear_outline(l);
    focus(l, "questions-menu");
}

/// Puts the plan's document on the page (when it differs), then, on its outcome, a
/// fresh view with the plan's operations applied in order; then `done`.
fn apply(i: Instance, p: Plan, done: impl FnOnce() + 'static) {
    if i.doc
        .with_untracked(|d| d.with_value(|v| v != Some(&p.doc)))
    {
        // A preset's own document selects it in the picker and keeps its text.
        let doc = p.doc.clone();
        i.doc.change(i.run, true, move |d| d.set_value(&doc));
    }
    let (ops, workflow) = (p.ops, p.workflow);
    i.run.dispatch(move || {
        let Some(sim) = i.run.sim_untracked() else {
            done();
            return;
        };
        // The view a step starts with: clock on 1 January, paused, the first mode,
        // nothing selected or filtered; then the workflow shown, by its name.
        i.focus.update(|f| {
            f.reset_for(Some(&sim), Reset::Fresh);
            f.workflow = workflow.and_then(|w| sim.workflow_names().iter().position(|n| *n == w));
        });
        i.clock.go(sim.cal.horizon_start);
        for op in ops {
            apply_op(i, &sim, op);
        }
        done();
    });
}

fn apply_op(i: Instance, sim: &super::model::Sim, op: Op) {
    match op {
        Op::Mode(m) => {
            i.focus.update(|f| {
                f.set_side(sim, m);
            });
        }
        Op::Clock(Clock::End) => i.clock.update(|p| p.run_to_end()),
        Op::Clock(Clock::At(local)) => i.clock.go(sim.cal.instant(local)),
        Op::Jump(text) => {
            let column = i.focus.with_untracked(|f| f.column);
            if let Some(e) = sim
                .outcome(column)
                .and_then(|o| super::nav::resolve(o, &text))
            {
                i.nav().jump_now(e);
            }
        }
        Op::Delivery(d) => i.focus.update(|f| f.select_delivery(sim, d as u32)),
        Op::Execution(n) => i.focus.update(|f| f.focus_execution(Some(n - 1))),
        Op::Recipient(r) => i.focus.update(|f| f.recipient = Some(r)),
        Op::Filters { status, reason } => i.focus.update(|f| {
            f.filters.status = status;
            f.filters.reason = reason;
        }),
    }
}

/// The instance's root element (`.cs`), found from the panel's slot.
fn root(l: Lessons) -> Option<web_sys::Element> {
    let slot: web_sys::Element = l.slot.try_get_untracked().flatten()?.into();
    slot.closest(".cs").ok().flatten()
}

fn clear_outline(l: Lessons) {
    let Some(nodes) = root(l).and_then(|r| r.query_selector_all(&format!(".{TARGET}")).ok()) else {
        return;
    };
    for i in 0..nodes.length() {
        if let Some(el) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = el.class_list().remove_1(TARGET);
        }
    }
}

/// Outlines every element of the instance whose `data-testid` is `testid` and, with
/// `scroll`, brings the first one into view below the panel. The view may still be
/// drawing it: tries again a few times.
fn outline(l: Lessons, token: u64, testid: Option<String>, scroll: bool, attempt: u32) {
    Timeout::new(if attempt == 0 { 30 } else { 100 }, move || {
        if l.token.try_get_value() != Some(token) {
            return;
        }
        clear_outline(l);
        let Some(t) = testid else {
            return;
        };
        let nodes =
            root(l).and_then(|r| r.query_selector_all(&format!("[data-testid=\"{t}\"]")).ok());
        let Some(nodes) = nodes.filter(|n| n.length() > 0) else {
            if attempt < HIGHLIGHT_TRIES {
                outline(l, token, Some(t), scroll, attempt + 1);
            }
            return;
        };
        let mut first = None;
        for i in 0..nodes.length() {
            if let Some(el) = nodes
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                // A table or chart in a horizontal scroll box: the box would clip the
                // outline, so the box gets it.
                let el = match el.parent_element() {
                    Some(p) if p.class_list().contains("cs-scroll") => p,
                    _ => el,
                };
                let _ = el.class_list().add_1(TARGET);
                first.get_or_insert(el);
            }
        }
        if let (true, Some(el)) = (scroll, first) {
            scroll_below_panel(l, &el);
        }
    })
    .forget();
}

/// Scrolls the page so that `el` is in view below the (sticky) lesson panel: centred
/// in the space left when it fits (what is around it is context), else its top just
/// below the panel.
fn scroll_below_panel(l: Lessons, el: &web_sys::Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let panel = root(l).map_or(0.0, |r| sticky_height(&r));
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0);
    let r = el.get_bounding_client_rect();
    let free_top = panel + 12.0;
    let free = height - free_top;
    if r.top() < free_top || r.bottom() > height {
        let margin = ((free - r.height()) / 2.0).max(0.0);
        window.scroll_by_with_x_and_y(0.0, r.top() - free_top - margin);
    }
}

/// The height of what sticks at the top of instance `root` while the page scrolls:
/// the full page's section index and the lesson panel's slot (0 for what it lacks).
pub fn sticky_height(root: &web_sys::Element) -> f64 {
    [".cs-index", ".cs-lesson-slot"]
        .iter()
        .filter_map(|s| root.query_selector(s).ok().flatten())
        .map(|e| e.get_bounding_client_rect().height())
        .sum()
}

/// Focuses the instance's element with `data-testid` `testid`, once drawn.
fn focus(l: Lessons, testid: &'static str) {
    Timeout::new(60, move || {
        let el = root(l)
            .and_then(|r| {
                r.query_selector(&format!("[data-testid=\"{testid}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = el {
            let _ = el.focus();
        }
    })
    .forget();
}
