//! Playback of a simulated year: a clock over an already computed outcome.
//!
//! The simulation runs once per scenario; playing only moves this clock, and every
//! view renders "the state as of `now`". Pure: no timers here, the component calls
//! [`Playback::tick`] from a gloo-timers interval, so the state machine is tested
//! natively.

use crate::engine::calendar::Instant;

/// Seconds in a day (stepping by one day is in simulated wall-clock seconds; a DST
/// day is still 86 400 s later, which is what a server's clock does).
pub const DAY: i64 = 86_400;

/// Simulated time per real second while playing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    Day,
    Week,
    Month,
    Quarter,
}

impl Speed {
    pub const ALL: [Speed; 4] = [Speed::Day, Speed::Week, Speed::Month, Speed::Quarter];

    /// Simulated seconds per real second.
    pub fn per_second(self) -> i64 {
        match self {
            Speed::Day => DAY,
            Speed::Week => 7 * DAY,
            Speed::Month => 30 * DAY,
            Speed::Quarter => 91 * DAY,
        }
    }

    /// Stable value for a `<select>`.
    pub fn key(self) -> &'static str {
        match self {
            Speed::Day => "day",
            Speed::Week => "week",
            Speed::Month => "month",
            Speed::Quarter => "quarter",
        }
    }

    pub fn from_key(k: &str) -> Option<Speed> {
        Speed::ALL.into_iter().find(|s| s.key() == k)
    }
}

/// The playback state machine: a clock in `[start, end]`, the execution instants to
/// step through, and whether it is playing.
#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    start: Instant,
    end: Instant,
    /// Execution instants, sorted (duplicates allowed: catch-ups share an instant).
    marks: Vec<Instant>,
    now: Instant,
    playing: bool,
    speed: Speed,
}

impl Playback {
    /// A stopped clock at `start`. `end` is the exclusive horizon end: the clock may sit
    /// on it, meaning "the whole year has run".
    pub fn new(start: Instant, end: Instant, mut marks: Vec<Instant>) -> Playback {
        marks.sort_unstable();
        Playback {
            start,
            end: end.max(start),
            marks,
            now: start,
            playing: false,
            speed: Speed::Week,
        }
    }

    pub fn now(&self) -> Instant {
        self.now
    }
    pub fn start(&self) -> Instant {
        self.start
    }
    pub fn end(&self) -> Instant {
        self.end
    }
    pub fn playing(&self) -> bool {
        self.playing
    }
    pub fn speed(&self) -> Speed {
        self.speed
    }
    pub fn at_end(&self) -> bool {
        self.now >= self.end
    }

    /// Starts playing; from the end, starts again from the beginning (a user pressing
    /// play on a finished year wants to watch it).
    pub fn play(&mut self) {
        if self.at_end() {
            self.now = self.start;
        }
        self.playing = true;
    }

    pub fn pause(&mut self) {
        self.playing = false;
    }

    pub fn set_speed(&mut self, speed: Speed) {
        self.speed = speed;
    }

    /// Moves to the next execution after the clock (or the end when none is left).
    pub fn step_execution(&mut self) {
        self.playing = false;
        let i = self.marks.partition_point(|m| *m <= self.now);
        self.now = self.marks.get(i).copied().unwrap_or(self.end).min(self.end);
    }

    /// Moves one day on (clamped to the end).
    pub fn step_day(&mut self) {
        self.playing = false;
        self.now = self.now.saturating_add(DAY).min(self.end);
    }

    /// Jumps to the end of the year: everything has run.
    pub fn run_to_end(&mut self) {
        self.playing = false;
        self.now = self.end;
    }

    /// Sets the clock (scrubber), clamped to the year.
    pub fn scrub(&mut self, t: Instant) {
        self.now = t.clamp(self.start, self.end);
    }

    /// Advances a playing clock by `elapsed_ms` of real time; stops at the end.
    /// Returns whether the clock moved.
    pub fn tick(&mut self, elapsed_ms: i64) -> bool {
        if !self.playing {
            return false;
        }
        let delta = self.speed.per_second().saturating_mul(elapsed_ms.max(0)) / 1000;
        let before = self.now;
        self.now = self.now.saturating_add(delta).min(self.end);
        if self.at_end() {
            self.playing = false;
        }
        self.now != before
    }

    /// Number of executions at or before the clock.
    pub fn executions_done(&self) -> usize {
        self.marks.partition_point(|m| *m <= self.now)
    }

    /// Position of the clock in the year, 0‥1000 (the scrubber's value).
    pub fn permille(&self) -> i64 {
        let span = (self.end - self.start).max(1);
        (self.now - self.start).saturating_mul(1000) / span
    }

    /// The instant of a scrubber position 0‥1000.
    pub fn at_permille(&self, p: i64) -> Instant {
        let span = self.end - self.start;
        self.start + span.saturating_mul(p.clamp(0, 1000)) / 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pb() -> Playback {
        Playback::new(0, 10 * DAY, vec![DAY, 3 * DAY, 3 * DAY, 8 * DAY])
    }

    #[test]
    fn step_execution_walks_the_executions_then_stops_at_the_end() {
        let mut p = pb();
        p.step_execution();
        assert_eq!(p.now(), DAY);
        assert_eq!(p.executions_done(), 1);
        p.step_execution();
        // Two executions at one instant (a catch-up and a planned slot) are one step.
        assert_eq!(p.now(), 3 * DAY);
        assert_eq!(p.executions_done(), 3);
        p.step_execution();
        p.step_execution();
        assert_eq!(p.now(), 10 * DAY);
        assert!(p.at_end());
        p.step_execution();
        assert_eq!(p.now(), 10 * DAY);
    }

    #[test]
    fn step_day_and_scrub_are_clamped_to_the_year() {
        let mut p = pb();
        p.step_day();
        assert_eq!(p.now(), DAY);
        p.scrub(-5);
        assert_eq!(p.now(), 0);
        p.scrub(99 * DAY);
        assert_eq!(p.now(), 10 * DAY);
        p.step_day();
        assert_eq!(p.now(), 10 * DAY);
    }

    #[test]
    fn playing_advances_with_speed_and_stops_at_the_end() {
        let mut p = pb();
        assert!(!p.tick(1000), "a paused clock does not move");
        p.set_speed(Speed::Day);
        p.play();
        assert!(p.tick(500));
        assert_eq!(p.now(), DAY / 2);
        p.set_speed(Speed::Week);
        p.tick(2000);
        assert_eq!(p.now(), 10 * DAY);
        assert!(!p.playing(), "reaching the end pauses");
        p.play();
        assert_eq!(p.now(), 0, "play at the end restarts the year");
    }

    #[test]
    fn stepping_pauses_and_run_to_end_finishes() {
        let mut p = pb();
        p.play();
        p.step_day();
        assert!(!p.playing());
        p.play();
        p.run_to_end();
        assert!(!p.playing());
        assert_eq!(p.executions_done(), 4);
    }

    #[test]
    fn permille_round_trips_through_the_scrubber() {
        let mut p = pb();
        p.scrub(p.at_permille(500));
        assert_eq!(p.now(), 5 * DAY);
        assert_eq!(p.permille(), 500);
    }
}
