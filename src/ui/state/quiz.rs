//! The learner's answers in the open lesson (lessons that ask): which steps are
//! revealed, whether each question was right at the first try, and the feedback on
//! the last answer. Pure; the lesson runner keeps one per open lesson.

use std::collections::{BTreeMap, BTreeSet};

use crate::ui::quiz::Feedback;

/// How lessons are played: predict first, or shown at once.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LessonMode {
    /// A step that asks is shown with its question first; it reveals once answered.
    #[default]
    Check,
    /// Every step is shown as it comes.
    Guided,
}

impl LessonMode {
    /// `check` or `guided` (the `data-mode` of the switch).
    pub fn name(self) -> &'static str {
        match self {
            LessonMode::Check => "check",
            LessonMode::Guided => "guided",
        }
    }
}

/// What the page says under a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Said {
    /// The answer was judged.
    Judged(Feedback),
    /// The response could not be judged ("type a number"): nothing is recorded.
    Unjudged(&'static str),
}

/// The answers of one open lesson.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuizState {
    /// Steps (from 0) already answered: shown whole.
    revealed: BTreeSet<usize>,
    /// Per question answered: right at the first try.
    first: BTreeMap<usize, bool>,
    /// The last thing said, and the step it is about.
    said: Option<(usize, Said)>,
}

impl QuizState {
    /// Whether step `k` is still asking (in `mode`, if it has a question).
    ///
    /// ```
    /// use campaign_sim::ui::state::quiz::{LessonMode, QuizState};
    /// let q = QuizState::default();
    /// assert!(q.asking(LessonMode::Check, 2, true));
    /// assert!(!q.asking(LessonMode::Guided, 2, true));
    /// assert!(!q.asking(LessonMode::Check, 2, false));
    /// ```
    pub fn asking(&self, mode: LessonMode, k: usize, asks: bool) -> bool {
        mode == LessonMode::Check && asks && !self.revealed.contains(&k)
    }

    /// Step `k` was answered with `feedback`: it is revealed; its first try is kept.
    /// Returns whether this is the step's first reveal (the page then shows it whole).
    pub fn judged(&mut self, k: usize, feedback: Feedback) -> bool {
        self.first.entry(k).or_insert(feedback.correct);
        self.said = Some((k, Said::Judged(feedback)));
        self.revealed.insert(k)
    }

    /// The response to step `k` could not be judged.
    pub fn unjudged(&mut self, k: usize, why: &'static str) {
        self.said = Some((k, Said::Unjudged(why)));
    }

    /// What is said under step `k`'s question, if anything.
    pub fn said(&self, k: usize) -> Option<&Said> {
        self.said.as_ref().filter(|(s, _)| *s == k).map(|(_, s)| s)
    }

    /// (step, right at the first try) of every question answered, in step order.
    pub fn first_tries(&self) -> Vec<(usize, bool)> {
        self.first.iter().map(|(k, r)| (*k, *r)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fb(correct: bool) -> Feedback {
        Feedback {
            correct,
            verdict: String::new(),
            right: String::new(),
            why: String::new(),
        }
    }

    #[test]
    fn a_question_is_revealed_by_its_first_answer_and_scored_by_it() {
        let mut q = QuizState::default();
        assert!(q.asking(LessonMode::Check, 1, true));
        q.unjudged(1, "type a number");
        assert!(
            q.asking(LessonMode::Check, 1, true),
            "an unjudged response reveals nothing"
        );
        assert!(q.judged(1, fb(false)), "the first answer reveals the step");
        assert!(!q.asking(LessonMode::Check, 1, true));
        assert!(!q.judged(1, fb(true)), "trying again reveals nothing new");
        assert_eq!(q.first_tries(), vec![(1, false)], "the first try counts");
        assert!(matches!(q.said(1), Some(Said::Judged(f)) if f.correct));
        assert_eq!(q.said(2), None);
        assert_eq!(LessonMode::Guided.name(), "guided");
    }
}
