//! The narrow handles an instance's views ask for, each a `Copy` wrapper over one or a
//! few signals of that instance (like todomvc's `provide_context(set_todos)`): each is
//! provided as its own context, so a view takes only what it reads.
//!
//! - [`Locale`]: the language and its texts;
//! - [`DocHandle`]: the scenario being edited ([`Document`]);
//! - [`Run`]: the simulated year, the simulation's status and the action queue (every
//!   user action and embed call goes through [`Run::dispatch`]);
//! - [`FocusHandle`]: what the page looks at ([`Focus`]);
//! - [`Clock`]: playback, and the one shared "now";
//! - [`LayoutHandle`]: which panels, how.
//!
//! [`Instance`] gathers them for what drives a whole instance (the mount, the lesson
//! runner, the embed API); views never take it.

use std::sync::Arc;

use gloo_timers::callback::{Interval, Timeout};
use leptos::prelude::*;

use super::i18n::{tr, Lang, K};
use super::model::{Pending, Sim};
use super::playback::Playback;
use super::queue::ActionQueue;
use super::state::document::Document;
use super::state::focus::{Focus, Reset};
use super::state::landing::{Click, Landed};
use super::state::layout::Layout;
use super::state::run::RunStatus;
use crate::engine::calendar::Instant;
use crate::engine::doc::ScenarioError;
use crate::engine::out::outcome::Outcome;

/// A user action or embed API call, applied to the newest outcome.
pub type Action = Box<dyn FnOnce()>;

/// Real milliseconds between two playback ticks.
const TICK_MS: u32 = 100;

/// The instance's language.
#[derive(Clone, Copy)]
pub struct Locale {
    /// The language shown.
    lang: RwSignal<Lang>,
    /// The language asked for (shown once its texts are here).
    wanted: RwSignal<Lang>,
}

impl Locale {
    /// The instance shows `shown` until the texts of `wanted` are here.
    pub fn new(shown: Lang, wanted: Lang) -> Locale {
        Locale {
            lang: RwSignal::new(shown),
            wanted: RwSignal::new(wanted),
        }
    }
    /// The language asked for (tracked): what a lesson is fetched in.
    pub fn wanted(self) -> Lang {
        self.wanted.get()
    }
    pub fn wanted_untracked(self) -> Lang {
        self.wanted.get_untracked()
    }
    /// Whether the language shown is the one asked for (tracked).
    pub fn settled(self) -> bool {
        self.lang.get() == self.wanted.get()
    }
    /// The language (tracked).
    pub fn get(self) -> Lang {
        self.lang.get()
    }
    pub fn get_untracked(self) -> Lang {
        self.lang.get_untracked()
    }
    /// The text of `k` in the instance's language (tracked).
    pub fn t(self, k: K) -> &'static str {
        tr(self.lang.get(), k)
    }
    /// The text of `k`, as a view or an attribute that follows the language. Every call
    /// returns the same closure type, so the page's many static texts share one
    /// rendering code instead of one per text (a `move || locale.t(k)` each was one).
    pub fn text(self, k: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(k)
    }
    /// The text of `k` as a signal (it follows the language).
    pub fn sig(self, k: K) -> Signal<String> {
        Signal::derive(move || self.t(k).to_string())
    }
    /// Switches the instance to `lang`. A language whose texts are not here yet
    /// (French, fetched from `i18n/fr.json` the first time) is switched to once the file
    /// is read: the switch is an action ([`Run::dispatch`]) behind a generation of its
    /// own, so actions made meanwhile apply after it, and the page is never
    /// half-translated (it stays in English if the file cannot be read, with a console
    /// warning).
    pub fn switch(self, run: Run, lang: Lang) {
        let locale = self;
        self.wanted.try_set(lang);
        if super::i18n::ready(lang) {
            run.dispatch(move || locale.set(lang));
            return;
        }
        let generation = run.hold();
        run.dispatch(move || {
            // Released by a newer outcome before the file came: still wait for it.
            if super::i18n::ready(lang) {
                locale.set(lang);
            } else {
                leptos::task::spawn_local(async move {
                    if super::i18n::load(lang).await.is_ok() {
                        locale.set(lang);
                    }
                });
            }
        });
        leptos::task::spawn_local(async move {
            if let Err(e) = super::i18n::load(lang).await {
                web_sys::console::warn_1(&format!("campaign-sim: {e}").into());
            }
            run.settle(generation);
        });
    }

    /// Sets the language now (its texts must be here: `i18n::ready`).
    pub fn set(self, lang: Lang) {
        self.lang.try_set(lang);
    }
}

/// The scenario being edited.
#[derive(Clone, Copy)]
pub struct DocHandle {
    doc: RwSignal<Document>,
}

impl DocHandle {
    pub fn new(d: Document) -> DocHandle {
        DocHandle {
            doc: RwSignal::new(d),
        }
    }
    /// Reads the document (tracked).
    pub fn with<R>(self, f: impl FnOnce(&Document) -> R) -> R {
        self.doc.with(f)
    }
    pub fn with_untracked<R>(self, f: impl FnOnce(&Document) -> R) -> R {
        self.doc.with_untracked(f)
    }
    /// Whether the instance is still alive (its signals not released).
    pub fn alive(self) -> bool {
        self.doc.try_with_untracked(|_| ()).is_some()
    }
    /// Changes the document and asks for its year: at once for a whole document (a
    /// preset, an import, the embed API), after typing pauses for an edit.
    pub fn change(self, run: Run, immediate: bool, f: impl FnOnce(&mut Document)) {
        self.doc.update(f);
        run.request(immediate);
    }
}

/// The simulated year, its status, and the queue of actions waiting for it.
#[derive(Clone, Copy)]
pub struct Run {
    sim: RwSignal<Option<Arc<Sim>>, LocalStorage>,
    status: RwSignal<RunStatus>,
    /// The workflow whose delivery modes are compared (several workflows on one base).
    compared: RwSignal<usize>,
    /// Each request of a new year: its generation (from the queue) and whether it is
    /// simulated at once rather than after typing pauses.
    change: RwSignal<(u64, bool)>,
    queue: StoredValue<ActionQueue<Action>, LocalStorage>,
    pub(crate) work: StoredValue<Option<Pending>, LocalStorage>,
    pub(crate) timer: StoredValue<Option<Timeout>, LocalStorage>,
}

impl Run {
    /// A run whose first year is requested from the start: an action made before it
    /// is shown (a host page's `runTo` right after `mount`) waits for it.
    pub fn new() -> Run {
        let mut queue = ActionQueue::default();
        let first = queue.request();
        Run {
            sim: RwSignal::new_local(None),
            status: RwSignal::new(RunStatus::default()),
            compared: RwSignal::new(0),
            change: RwSignal::new((first, true)),
            queue: StoredValue::new_local(queue),
            work: StoredValue::new_local(None),
            timer: StoredValue::new_local(None),
        }
    }

    /// Applies `action` to the newest outcome: at once when none is being computed,
    /// else once it is on screen (see `ui::queue`). Every control, selection, export,
    /// copied link and embed API call goes through here, so none is applied to an
    /// outcome that is about to be replaced.
    pub fn dispatch(self, action: impl FnOnce() + 'static) {
        let now = self
            .queue
            .try_update_value(|q| q.submit(Box::new(action) as Action))
            .flatten();
        if let Some(a) = now {
            a();
        }
    }

    /// Generation `generation` is settled (its outcome is shown, or none will come):
    /// the actions that waited for it are applied, in order.
    pub fn settle(self, generation: Option<u64>) {
        let ready = self
            .queue
            .try_update_value(|q| match generation {
                Some(g) => q.settle(g),
                None => q.settle_newest(),
            })
            .unwrap_or_default();
        for a in ready {
            a();
        }
    }

    /// A new year is requested (simulated by `ui::simulate`).
    pub fn request(self, immediate: bool) {
        if let Some(g) = self.queue.try_update_value(|q| q.request()) {
            self.change.set((g, immediate));
        }
    }

    /// A generation that waits for something other than a year (the French texts):
    /// actions made meanwhile wait for [`Run::settle`] of it.
    pub fn hold(self) -> Option<u64> {
        self.queue.try_update_value(|q| q.request())
    }

    /// The latest request (tracked): the simulation loop follows it.
    pub fn requested(self) -> (u64, bool) {
        self.change.get()
    }

    /// The workflow whose modes the columns compare (tracked).
    pub fn compared(self) -> usize {
        self.compared.get()
    }

    /// Compares the delivery modes of workflow `w` instead: a new year is simulated,
    /// and actions made meanwhile apply to it.
    pub fn set_compared(self, w: usize) {
        self.compared.set(w);
        self.request(true);
    }

    pub(crate) fn compared_untracked(self) -> usize {
        self.compared.get_untracked()
    }

    /// The year on screen (tracked).
    pub fn sim(self) -> Option<Arc<Sim>> {
        self.sim.get()
    }
    pub fn sim_untracked(self) -> Option<Arc<Sim>> {
        self.sim.try_get_untracked().flatten()
    }
    /// Reads the year on screen, if any (tracked).
    pub fn with<R>(self, f: impl FnOnce(&Sim) -> R) -> Option<R> {
        self.sim.with(|s| s.as_deref().map(f))
    }
    pub fn with_untracked<R>(self, f: impl FnOnce(&Sim) -> R) -> Option<R> {
        self.sim
            .try_with_untracked(|s| s.as_deref().map(f))
            .flatten()
    }
    /// Reads one column's outcome (tracked).
    pub fn with_outcome<R>(self, column: usize, f: impl FnOnce(&Sim, &Outcome) -> R) -> Option<R> {
        self.sim.with(|s| {
            let s = s.as_deref()?;
            s.outcome(column).map(|o| f(s, o))
        })
    }
    /// Reads the year as the document describes it (tracked).
    pub fn with_own<R>(self, f: impl FnOnce(&Sim, &Outcome) -> R) -> Option<R> {
        self.sim.with(|s| {
            let s = s.as_deref()?;
            s.own_outcome().map(|o| f(s, o))
        })
    }
    pub(crate) fn show(self, sim: Arc<Sim>) {
        self.sim.set(Some(sim));
    }
    /// A new scenario starts from nothing on screen (the clock restarts with it).
    pub(crate) fn clear(self) {
        self.sim.set(None);
    }

    /// The simulation's status (tracked).
    pub fn status<R>(self, f: impl FnOnce(&RunStatus) -> R) -> R {
        self.status.with(f)
    }
    pub(crate) fn set_status(self, f: impl FnOnce(&mut RunStatus)) {
        self.status.try_update(f);
    }
}

impl Default for Run {
    fn default() -> Self {
        Run::new()
    }
}

/// What the page looks at.
#[derive(Clone, Copy)]
pub struct FocusHandle {
    focus: RwSignal<Focus>,
}

impl FocusHandle {
    pub fn new() -> FocusHandle {
        FocusHandle {
            focus: RwSignal::new(Focus::default()),
        }
    }
    /// Reads the focus (tracked).
    pub fn with<R>(self, f: impl FnOnce(&Focus) -> R) -> R {
        self.focus.with(f)
    }
    pub fn with_untracked<R>(self, f: impl FnOnce(&Focus) -> R) -> R {
        self.focus.with_untracked(f)
    }
    pub fn update(self, f: impl FnOnce(&mut Focus)) {
        self.focus.try_update(f);
    }
    /// One field of the focus as a memo (views follow only what they show).
    pub fn select<T: PartialEq + Clone + Send + Sync + 'static>(
        self,
        f: fn(&Focus) -> T,
    ) -> Memo<T> {
        let focus = self.focus;
        Memo::new(move |_| focus.with(f))
    }
}

impl Default for FocusHandle {
    fn default() -> Self {
        FocusHandle::new()
    }
}

/// The playback clock, and the one shared "now".
#[derive(Clone, Copy)]
pub struct Clock {
    playback: RwSignal<Playback>,
    now: Memo<Instant>,
}

impl Clock {
    pub fn new() -> Clock {
        let playback = RwSignal::new(Playback::new(0, 0, Vec::new()));
        let now = Memo::new(move |_| playback.with(|p| p.now()));
        Clock { playback, now }
    }
    /// The simulated instant (tracked; changes only when the clock moves).
    pub fn now(self) -> Instant {
        self.now.get()
    }
    pub fn now_untracked(self) -> Instant {
        self.now.get_untracked()
    }
    /// The memo of "now", for a view that derives from it.
    pub fn now_memo(self) -> Memo<Instant> {
        self.now
    }
    /// Reads the playback (tracked).
    pub fn with<R>(self, f: impl FnOnce(&Playback) -> R) -> R {
        self.playback.with(f)
    }
    pub fn with_untracked<R>(self, f: impl FnOnce(&Playback) -> R) -> R {
        self.playback.with_untracked(f)
    }
    pub fn update(self, f: impl FnOnce(&mut Playback)) {
        self.playback.try_update(f);
    }
    /// Pauses and puts the clock at `t`.
    pub fn go(self, t: Instant) {
        self.update(|p| {
            p.pause();
            p.scrub(t);
        });
    }
    /// A playback control from the page or the host, applied to the newest outcome.
    pub fn act(self, run: Run, f: impl FnOnce(&mut Playback) + 'static) {
        run.dispatch(move || self.update(f));
    }
    /// Runs a gloo-timers interval while the playback is playing.
    pub fn drive(self) {
        let timer: StoredValue<Option<Interval>, LocalStorage> = StoredValue::new_local(None);
        let playback = self.playback;
        Effect::new(move |_| {
            let playing = playback.with(|p| p.playing());
            if playing && timer.with_value(|t| t.is_none()) {
                let iv = Interval::new(TICK_MS, move || {
                    playback.update(|p| {
                        p.tick(i64::from(TICK_MS));
                    });
                });
                timer.set_value(Some(iv));
            } else if !playing {
                timer.set_value(None);
            }
        });
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::new()
    }
}

/// Which panels, how.
#[derive(Clone, Copy)]
pub struct LayoutHandle {
    layout: RwSignal<Layout>,
}

impl LayoutHandle {
    pub fn new(l: Layout) -> LayoutHandle {
        LayoutHandle {
            layout: RwSignal::new(l),
        }
    }
    /// Reads the layout (tracked).
    pub fn get(self) -> Layout {
        self.layout.get()
    }
    pub fn get_untracked(self) -> Layout {
        self.layout.get_untracked()
    }
    pub fn update(self, f: impl FnOnce(&mut Layout)) {
        self.layout.try_update(f);
    }
}

/// The problems of an instance's configuration, shown inside it (an option fixed in
/// place takes its problem away).
#[derive(Clone, Copy)]
pub struct Problems {
    errors: RwSignal<Vec<ScenarioError>>,
}

impl Problems {
    pub fn new(errors: Vec<ScenarioError>) -> Problems {
        Problems {
            errors: RwSignal::new(errors),
        }
    }
    /// The problems (tracked).
    pub fn get(self) -> Vec<ScenarioError> {
        self.errors.get()
    }
    /// The option at `path` was set again: its old problems go, `now` are its new ones.
    pub fn replace(self, path: &str, now: Vec<ScenarioError>) {
        self.errors.try_update(|e| {
            e.retain(|p| p.path != path);
            e.extend(now);
        });
    }
}

/// Moving through the year: the simulated year, the focus and the clock together
/// (what a jump, a click on a delivery or a chart point needs).
#[derive(Clone, Copy)]
pub struct Nav {
    pub run: Run,
    pub focus: FocusHandle,
    pub clock: Clock,
}

impl Nav {
    /// Jumps to an execution of the year: the clock moves to it, the explorer (in its
    /// mode) selects the delivery it appended to and filters the send log to its rows,
    /// the journal highlights its lines and the trace explains it. `find` names the
    /// execution from the outcome on screen (a number, a date, a chart point…); through
    /// the action queue, so a jump made while a new year is computed lands in that year.
    /// `found` hears whether an execution was found.
    pub fn jump(
        self,
        find: impl FnOnce(&Outcome) -> Option<usize> + 'static,
        found: impl FnOnce(bool) + 'static,
    ) {
        self.run.dispatch(move || {
            let column = self.focus.with_untracked(|f| f.column);
            let e = self
                .run
                .with_untracked(|s| s.outcome(column).and_then(find))
                .flatten();
            if let Some(e) = e {
                self.jump_now(e);
            }
            found(e.is_some());
        });
    }

    /// [`Nav::jump`] made by `click`: its card opens next to it, on `landed` (`None`:
    /// the execution found). A day opens its card even when no execution is found.
    pub fn jump_at(
        self,
        click: Click,
        landed: Option<Landed>,
        find: impl FnOnce(&Outcome) -> Option<usize> + 'static,
        found: impl FnOnce(bool) + 'static,
    ) {
        self.jump(find, move |ok| {
            found(ok);
            let landed = landed.or_else(|| {
                ok.then(|| self.focus.with_untracked(|f| f.trace_execution))
                    .flatten()
                    .map(Landed::Execution)
            });
            if let Some(landed) = landed {
                self.focus.update(|f| f.landing = Some(click.lands(landed)));
            }
        });
    }

    /// Opens the card of `click` on `landed`, through the queue (after what the click
    /// did to the focus).
    pub fn land(self, click: Click, landed: Landed) {
        self.focus(move |f| f.landing = Some(click.lands(landed)));
    }

    /// [`Nav::jump`] to execution `e`, applied at once (from inside a dispatched action).
    pub fn jump_now(self, e: usize) {
        let Some(sim) = self.run.sim_untracked() else {
            return;
        };
        let mut at = None;
        self.focus.update(|f| at = f.jump(&sim, e));
        if let Some(at) = at {
            self.clock.go(at);
        }
    }

    /// Opens delivery `id` of `column` (a click in the delivery list); its card, on the
    /// execution the clock goes to, opens next to `click`.
    pub fn open_delivery(self, column: usize, id: u32, click: Click) {
        self.run.dispatch(move || {
            let Some(sim) = self.run.sim_untracked() else {
                return;
            };
            let now = self.clock.now_untracked();
            let mut at = None;
            self.focus.update(|f| {
                at = f.open_delivery(&sim, column, id, now);
                if at.is_some() {
                    f.landing = f.trace_execution.map(|e| click.lands(Landed::Execution(e)));
                }
            });
            if let Some(at) = at {
                self.clock.go(at);
            }
        });
    }

    /// Changes the focus, applied to the newest outcome.
    pub fn focus(self, f: impl FnOnce(&mut Focus) + 'static) {
        let focus = self.focus;
        self.run.dispatch(move || focus.update(f));
    }
}

/// Every handle of one instance, for what drives the whole instance (the mount, the
/// lesson runner, the embed API). Views take the narrow handles instead.
#[derive(Clone, Copy)]
pub struct Instance {
    pub locale: Locale,
    pub doc: DocHandle,
    pub run: Run,
    pub focus: FocusHandle,
    pub clock: Clock,
    pub layout: LayoutHandle,
    pub problems: Problems,
}

impl Instance {
    /// The instance's moves through the year.
    pub fn nav(self) -> Nav {
        Nav {
            run: self.run,
            focus: self.focus,
            clock: self.clock,
        }
    }

    /// Provides each handle as its own context (for the views under the caller).
    pub fn provide(self) {
        provide_context(self.locale);
        provide_context(self.doc);
        provide_context(self.run);
        provide_context(self.focus);
        provide_context(self.clock);
        provide_context(self.layout);
        provide_context(self.problems);
        provide_context(self.nav());
        provide_context(self.loader());
    }

    /// The instance's scenario loader.
    pub fn loader(self) -> Loader {
        Loader {
            doc: self.doc,
            run: self.run,
            focus: self.focus,
        }
    }
}

/// Puts another whole scenario in the instance (the preset picker, an imported file,
/// the embed API's `setScenario`, a lesson's step).
#[derive(Clone, Copy)]
pub struct Loader {
    pub doc: DocHandle,
    pub run: Run,
    pub focus: FocusHandle,
}

impl Loader {
    /// Another scenario: the preset `name` (a picker choice) from 1 January, with a
    /// fresh selection.
    pub fn load_preset(self, name: String) {
        if super::presets::preset(&name).is_none() {
            // "Custom scenario": the picker says so, the document stays.
            self.doc.doc.update(|d| {
                d.load_preset(&name);
            });
            return;
        }
        self.run.clear();
        self.focus.update(|f| f.reset_for(None, Reset::NewScenario));
        self.run.compared.set(0);
        self.doc.change(self.run, true, |d| {
            d.load_preset(&name);
        });
    }

    /// A whole new document (an import, the embed API's `setScenario`).
    pub fn set_document(self, text: String) {
        self.focus.update(|f| f.reset_for(None, Reset::NewScenario));
        self.doc.change(self.run, true, |d| d.set_new_text(text));
    }
}
