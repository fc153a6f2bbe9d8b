//! The four worked scenarios, embedded at compile time so the page is self-contained.
//! Option values of the preset picker are the file names without `.json`.

use super::i18n::K;

/// A named preset scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// The scenario file name without `.json` (the `<select>` value).
    pub name: &'static str,
    /// Its label in the picker.
    pub label: K,
    /// The scenario document.
    pub json: &'static str,
}

pub const PRESETS: [Preset; 4] = [
    Preset {
        name: "weekly-newsletter-recurring",
        label: K::PresetWeekly,
        json: include_str!("../../presets/weekly-newsletter-recurring.json"),
    },
    Preset {
        name: "birthday-daily-recurring",
        label: K::PresetBirthday,
        json: include_str!("../../presets/birthday-daily-recurring.json"),
    },
    Preset {
        name: "welcome-continuous-incremental",
        label: K::PresetWelcome,
        json: include_str!("../../presets/welcome-continuous-incremental.json"),
    },
    Preset {
        name: "several-workflows-one-base",
        label: K::PresetSeveral,
        json: include_str!("../../presets/several-workflows-one-base.json"),
    },
];

/// The preset called `name`.
pub fn preset(name: &str) -> Option<Preset> {
    PRESETS.into_iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::doc::parse;

    #[test]
    fn every_preset_is_a_valid_scenario() {
        for p in PRESETS {
            assert!(parse(p.json).is_ok(), "{}", p.name);
        }
        assert!(preset("weekly-newsletter-recurring").is_some());
        assert!(preset("nope").is_none());
    }
}
