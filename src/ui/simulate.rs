//! The simulate/advance loop of an instance: every request of a new year (a preset, an
//! edit, an import, the compared workflow, the embed API) steps the engine's
//! comparison in short timer turns, so the page paints its progress in between; the
//! finished year is put on screen keeping the clock where it was, the focus is reset
//! by its one rule, and the actions that waited for it are applied.

use std::sync::Arc;

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

use super::handles::Instance;
use super::model::{Pending, Sim};
use super::playback::Playback;
use super::state::config::InstanceConfig;
use super::state::focus::Reset;

/// Real milliseconds the engine may work in one timer turn before the page paints.
const TURN_MS: f64 = 30.0;
/// Milliseconds an edit waits for typing to pause before it is simulated.
const TYPING_MS: u32 = 250;

/// What one computation is for.
#[derive(Clone, Copy)]
struct Job {
    /// The instance's first year (the configuration's first view applies to it).
    first: bool,
    generation: u64,
    /// `js_sys::Date::now()` when it started.
    t0: f64,
}

/// Follows the instance's requests and simulates each newest one. `config` gives the
/// first year's view (instant, explorer mode and delivery, autoplay).
pub fn watch(i: Instance, config: InstanceConfig) {
    let config = Arc::new(config);
    Effect::new(move |prev: Option<()>| {
        let (generation, immediate) = i.run.requested();
        let run = i.run;
        if !i.doc.with_untracked(|d| d.is_valid()) {
            // Drop a simulation of an older draft that is still running: no outcome
            // will come, so waiting actions apply to what is on screen.
            run.timer.set_value(None);
            run.work.set_value(None);
            run.set_status(|s| s.idle());
            run.settle(None);
            return;
        }
        let first = prev.is_none();
        run.set_status(|s| s.started());
        let delay = if first || immediate { 0 } else { TYPING_MS };
        let config = config.clone();
        run.timer.set_value(Some(Timeout::new(delay, move || {
            let job = Job {
                first,
                generation,
                t0: js_sys::Date::now(),
            };
            start(i, job, config);
        })));
    });
}

/// Prepares the year of the document as it is now, then steps it.
fn start(i: Instance, job: Job, config: Arc<InstanceConfig>) {
    let Some(draft) = i
        .doc
        .alive()
        .then(|| i.doc.with_untracked(|d| d.draft().clone()))
    else {
        return;
    };
    let run = i.run;
    match Pending::new(draft, run.compared_untracked()) {
        Ok(p) => {
            let progress = p.progress();
            run.set_status(|s| s.advanced(progress));
            run.work.set_value(Some(p));
            run.timer
                .set_value(Some(Timeout::new(0, move || advance(i, job, config))));
        }
        Err(e) => {
            run.work.set_value(None);
            run.set_status(|s| s.refused(e));
            run.settle(Some(job.generation));
        }
    }
}

/// Simulates for one short turn; when the year is done in every mode, shows it and
/// applies the actions that waited for it.
fn advance(i: Instance, job: Job, config: Arc<InstanceConfig>) {
    let run = i.run;
    let turn = js_sys::Date::now();
    let more = run.work.try_update_value(|w| {
        w.as_mut().map(|p| {
            // A few executions at a time, until the turn's time is spent.
            let mut more = p.step(8);
            while more && js_sys::Date::now() - turn < TURN_MS {
                more = p.step(8);
            }
            (more, p.progress())
        })
    });
    match more.flatten() {
        None => {}
        Some((true, progress)) => {
            run.set_status(|s| s.advanced(progress));
            run.timer
                .set_value(Some(Timeout::new(0, move || advance(i, job, config))));
        }
        Some((false, _)) => {
            let Some(sim) = run
                .work
                .try_update_value(|w| w.take())
                .flatten()
                .map(Pending::finish)
            else {
                return;
            };
            show(i, sim, job.first.then_some(&*config));
            run.set_status(|s| s.shown(js_sys::Date::now() - job.t0));
            run.settle(Some(job.generation));
        }
    }
}

/// Puts a finished year on screen, keeping the clock where it was (a new scenario's
/// starts on 1 January: nothing was on screen).
fn show(i: Instance, sim: Sim, first: Option<&InstanceConfig>) {
    let keep = i.run.with_untracked(|_| ()).is_some();
    let (now, speed) = i.clock.with_untracked(|p| (p.now(), p.speed()));
    let mut next = Playback::new(sim.cal.horizon_start, sim.cal.horizon_end, sim.marks());
    next.set_speed(speed);
    if keep {
        next.scrub(now);
    }
    i.focus.update(|f| {
        f.reset_for(Some(&sim), Reset::Stale);
        if let Some(config) = first {
            config.first_view(&sim, f, &mut next);
            // Reduced motion: the year does not play by itself.
            if i.layout.get_untracked().reduced_motion {
                next.pause();
            }
        }
    });
    i.run.show(Arc::new(sim));
    i.clock.update(|p| *p = next);
}
