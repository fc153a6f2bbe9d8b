//! The state of the simulation behind the page: whether a year is being computed (and
//! how far), why the engine refused one, how long the last one took, and whether the
//! first year has been shown. The year itself is [`crate::ui::model::Sim`]; the
//! actions waiting for the newest one are in [`crate::ui::queue::ActionQueue`].

use crate::engine::doc::ScenarioError;

/// What the page says about the simulation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunStatus {
    /// (executions done, executions in all, every mode counted) while simulating.
    pub progress: Option<(usize, usize)>,
    /// Why the engine refused to simulate the draft (shown with the scenario's errors).
    pub refused: Vec<ScenarioError>,
    /// How long the last simulation took, ms (wall clock of the page).
    pub ms: Option<f64>,
    /// The first year is on screen (the instance is interactive).
    pub ready: bool,
}

impl RunStatus {
    /// A computation starts.
    pub fn started(&mut self) {
        self.progress = Some((0, 1));
    }

    /// The engine has prepared the year: `(done, total)` executions.
    pub fn advanced(&mut self, progress: (usize, usize)) {
        self.refused.clear();
        self.progress = Some(progress);
    }

    /// The year is on screen, after `ms` of computation.
    pub fn shown(&mut self, ms: f64) {
        self.progress = None;
        self.ms = Some(ms);
        self.ready = true;
    }

    /// The engine refused the draft (e.g. the year would not fit in memory).
    pub fn refused(&mut self, errors: Vec<ScenarioError>) {
        self.progress = None;
        self.refused = errors;
    }

    /// Nothing will be computed (the draft is invalid).
    pub fn idle(&mut self) {
        self.progress = None;
    }

    /// Whether a year is being computed.
    pub fn busy(&self) -> bool {
        self.progress.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_goes_from_busy_to_shown() {
        let mut s = RunStatus::default();
        s.started();
        assert!(s.busy() && !s.ready);
        s.advanced((3, 10));
        assert_eq!(s.progress, Some((3, 10)));
        s.shown(12.0);
        assert!(!s.busy() && s.ready);
        assert_eq!(s.ms, Some(12.0));
        s.refused(vec![ScenarioError {
            path: String::new(),
            reason: "too big".into(),
        }]);
        assert_eq!(s.refused.len(), 1);
        assert!(s.ready, "the last year stays on screen");
    }
}
