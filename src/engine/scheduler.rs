//! Planned slots, outages and missed runs: the Scheduler activity.
