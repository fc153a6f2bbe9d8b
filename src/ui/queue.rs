//! One rule for every user action and every embed API call: an action applies to the
//! outcome of the newest scenario.
//!
//! Each change of the scenario (a preset, a field, a typed document, an import,
//! `setScenario`) *requests* a new outcome and gets a generation number. Until that
//! generation is *settled* (its outcome is on screen, or the engine refused it, or the
//! document turned out invalid and nothing will be computed), actions wait in the queue,
//! in order; settling the newest generation hands them back to be applied, to the new
//! outcome. With nothing pending an action is applied at once. Settling an older
//! generation (a computation overtaken by a newer change) releases nothing.
//!
//! Pure and generic over the action type, so the rule is tested natively; the page
//! stores closures (`ui::app::dispatch`).

use std::collections::VecDeque;

/// The queue of actions waiting for the newest outcome.
#[derive(Debug)]
pub struct ActionQueue<A> {
    requested: u64,
    settled: u64,
    waiting: VecDeque<A>,
}

impl<A> Default for ActionQueue<A> {
    fn default() -> Self {
        ActionQueue {
            requested: 0,
            settled: 0,
            waiting: VecDeque::new(),
        }
    }
}

impl<A> ActionQueue<A> {
    /// A scenario change: a new outcome is requested. Returns its generation.
    ///
    /// ```
    /// use campaign_sim::ui::queue::ActionQueue;
    /// let mut q = ActionQueue::default();
    /// let g = q.request();
    /// assert_eq!(q.submit("run to end"), None); // waits for generation `g`
    /// assert_eq!(q.settle(g), vec!["run to end"]);
    /// assert_eq!(q.submit("pause"), Some("pause")); // nothing pending: apply now
    /// ```
    pub fn request(&mut self) -> u64 {
        self.requested += 1;
        self.requested
    }

    /// The newest generation requested.
    pub fn newest(&self) -> u64 {
        self.requested
    }

    /// Whether an outcome newer than the one on screen is on its way.
    pub fn pending(&self) -> bool {
        self.settled < self.requested
    }

    /// An action: handed back to be applied now when nothing is pending, else kept
    /// until the newest generation settles.
    pub fn submit(&mut self, action: A) -> Option<A> {
        if self.pending() {
            self.waiting.push_back(action);
            None
        } else {
            Some(action)
        }
    }

    /// Generation `generation` is settled (shown, refused or invalid). When it is the
    /// newest, every waiting action is handed back, in the order it was submitted;
    /// an older generation releases nothing (its outcome will not stay on screen).
    pub fn settle(&mut self, generation: u64) -> Vec<A> {
        if generation < self.requested {
            return Vec::new();
        }
        self.settled = self.settled.max(generation);
        self.waiting.drain(..).collect()
    }

    /// Settles whatever is newest (the draft became invalid: no outcome will come, the
    /// actions apply to what is on screen).
    pub fn settle_newest(&mut self) -> Vec<A> {
        self.settle(self.requested)
    }

    /// Actions waiting.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_nothing_pending_an_action_applies_at_once() {
        let mut q: ActionQueue<u32> = ActionQueue::default();
        assert!(!q.pending());
        assert_eq!(q.submit(1), Some(1));
        assert_eq!(q.waiting(), 0);
    }

    #[test]
    fn actions_made_while_computing_apply_in_order_to_the_new_outcome() {
        let mut q = ActionQueue::default();
        let g = q.request();
        assert!(q.pending());
        assert_eq!(q.submit("run to end"), None);
        assert_eq!(q.submit("step"), None);
        assert_eq!(q.settle(g), vec!["run to end", "step"]);
        assert!(!q.pending());
        assert_eq!(q.submit("pause"), Some("pause"));
    }

    #[test]
    fn an_overtaken_computation_releases_nothing() {
        let mut q = ActionQueue::default();
        let first = q.request();
        assert_eq!(q.submit("export"), None);
        let second = q.request();
        // The first outcome arrives after the second change: still pending.
        assert!(q.settle(first).is_empty());
        assert!(q.pending());
        assert_eq!(q.submit("copy link"), None);
        assert_eq!(q.settle(second), vec!["export", "copy link"]);
    }

    #[test]
    fn an_invalid_draft_settles_and_releases_to_the_outcome_on_screen() {
        let mut q = ActionQueue::default();
        q.request();
        assert_eq!(q.submit(7), None);
        assert_eq!(q.settle_newest(), vec![7]);
        assert!(!q.pending());
    }
}
