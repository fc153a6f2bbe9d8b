//! What the embed API (`crate::embed`) does to a mounted instance: playback
//! commands, moving the clock, replacing the scenario, and the app configuration an
//! embed configuration asks for. Everything goes through the instance's own signals.

use leptos::prelude::*;

use super::app::{dispatch, set_draft, AppConfig, Handle};
use super::i18n::Lang;
use crate::embed_config::EmbedConfig;
use crate::engine::doc::{self, ScenarioError};

/// A playback command from the host page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Play,
    Pause,
}

/// Plays or pauses the instance (once the newest outcome is on screen).
pub fn control(h: &Handle, cmd: Command) {
    dispatch(h.ctx, move |ctx| {
        ctx.playback.update(|p| match cmd {
            Command::Play => p.play(),
            Command::Pause => p.pause(),
        })
    });
}

/// Moves the instance's clock to `instant`: an RFC 3339 instant, or a local
/// date-time / date in the scenario's time zone.
pub fn run_to(h: &Handle, instant: &str) -> Result<(), ScenarioError> {
    let cal = h
        .ctx
        .draft
        .with_untracked(|s| s.calendar())
        .map_err(|e| ScenarioError {
            path: "scenario".to_string(),
            reason: e.reason,
        })?;
    let at = parse_instant(instant, |local| cal.instant(local)).ok_or_else(|| ScenarioError {
        path: "instant".to_string(),
        reason: format!(
            "{:?} is not an RFC 3339 instant, a local date-time YYYY-MM-DDTHH:MM or a date YYYY-MM-DD",
            instant.chars().take(40).collect::<String>()
        ),
    })?;
    // Applied to the newest outcome: after `setScenario` in the same tick, to its year.
    dispatch(h.ctx, move |ctx| {
        ctx.playback.update(|p| {
            p.pause();
            p.scrub(at);
        })
    });
    Ok(())
}

/// Reads an instant written as RFC 3339, a local date-time or a local date (midnight).
pub fn parse_instant(
    text: &str,
    local_to_instant: impl Fn(chrono::NaiveDateTime) -> i64,
) -> Option<i64> {
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(dt.timestamp());
    }
    if let Some(local) = doc::parse_local_datetime(text) {
        return Some(local_to_instant(local));
    }
    doc::parse_date(text)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(local_to_instant)
}

/// Puts `text` in the instance's scenario editor; a valid document becomes the
/// scenario being simulated, an invalid one stays in the editor with its error.
/// Returns the document's problems, for the host page.
pub fn set_scenario_text(h: &Handle, text: String) -> Result<(), Vec<ScenarioError>> {
    let result = match doc::parse(&text) {
        Ok(s) => {
            h.ctx.preset.set(String::new());
            h.ctx.raw_error.set(None);
            set_draft(h.ctx, s, true);
            Ok(())
        }
        Err(errors) => {
            h.ctx.raw_error.set(errors.first().cloned());
            Err(errors)
        }
    };
    h.ctx.raw.set(text);
    result
}

impl AppConfig {
    /// The app configuration an embed configuration asks for; `errors` are the
    /// configuration's problems, shown inside the widget.
    pub fn from_embed(cfg: &EmbedConfig, errors: &[ScenarioError]) -> AppConfig {
        AppConfig {
            preset: cfg.preset.clone(),
            scenario: cfg.scenario.clone(),
            lang: if cfg.lang == "fr" { Lang::Fr } else { Lang::En },
            compact: cfg.compact,
            autoplay: cfg.autoplay,
            view: cfg.view,
            read_only: cfg.read_only,
            instant: cfg.instant.clone(),
            config_errors: errors.to_vec(),
            lesson: cfg.lesson.clone().map(|id| (id, cfg.source.path("lesson"))),
            ..AppConfig::default()
        }
    }
}
