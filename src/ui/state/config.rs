//! An instance's configuration: a plain value, read once when it is mounted (the full
//! page's link or storage, an embed's options or attributes). What can change later
//! lives in the instance's state, not here.

use crate::engine::doc::ScenarioError;
use crate::engine::sim::Side;
use crate::ui::i18n::Lang;
use crate::ui::model::Sim;
use crate::ui::nav::parse_instant;
use crate::ui::playback::Playback;
use crate::ui::presets::PRESETS;
use crate::ui::state::focus::Focus;
use crate::ui::state::layout::Layout;

/// What to show and how; the full page uses the default.
#[derive(Clone, Debug, PartialEq)]
pub struct InstanceConfig {
    /// A preset name (see [`crate::ui::presets`]); ignored when `scenario` is set.
    pub preset: String,
    /// A scenario document (JSON text) to start with.
    pub scenario: Option<String>,
    pub lang: Lang,
    pub layout: Layout,
    /// Start playing as soon as the first year is simulated.
    pub autoplay: bool,
    /// Initial simulated instant (local date-time or date, RFC 3339, or `end`).
    pub instant: Option<String>,
    /// Problems of the embed configuration, shown inside the instance.
    pub config_errors: Vec<ScenarioError>,
    /// The explorer's initial delivery mode (`recurring`, `continuous`, `aggregated`).
    pub mode: Option<String>,
    /// The explorer's initially selected delivery (in that mode).
    pub delivery: Option<u32>,
    /// The standalone page: state in the URL and the last scenario in localStorage
    /// (never for widgets, which must not share URL keys).
    pub persist: bool,
    /// A lesson to open at once (an embed's `lesson`): its id and the option that
    /// named it (`config.lesson`, `data-lesson`), for an unknown id's message.
    pub lesson: Option<(String, String)>,
}

impl Default for InstanceConfig {
    fn default() -> Self {
        InstanceConfig {
            preset: PRESETS[0].name.to_string(),
            scenario: None,
            lang: Lang::En,
            layout: Layout::default(),
            autoplay: false,
            instant: None,
            config_errors: Vec::new(),
            mode: None,
            delivery: None,
            persist: false,
            lesson: None,
        }
    }
}

impl InstanceConfig {
    /// What the configuration asks of the first simulated year: the clock at its
    /// `instant`, the explorer on its mode and delivery, playing when `autoplay`.
    ///
    /// ```
    /// use campaign_sim::ui::{model::Sim, playback::Playback, state::{config::InstanceConfig, focus::Focus}};
    /// let sim = Sim::new(campaign_sim::engine::doc::parse(campaign_sim::ui::presets::PRESETS[0].json).unwrap()).unwrap();
    /// let cfg = InstanceConfig { instant: Some("end".into()), mode: Some("continuous".into()), delivery: Some(1), ..InstanceConfig::default() };
    /// let (mut focus, mut clock) = (Focus::default(), Playback::new(sim.cal.horizon_start, sim.cal.horizon_end, sim.marks()));
    /// cfg.first_view(&sim, &mut focus, &mut clock);
    /// assert!(clock.at_end());
    /// assert_eq!((focus.column, focus.selected()), (1, Some(1)));
    /// ```
    pub fn first_view(&self, sim: &Sim, focus: &mut Focus, clock: &mut Playback) {
        let cal = sim.cal;
        match self.instant.as_deref() {
            Some("end") => clock.run_to_end(),
            Some(t) => {
                if let Some(at) = parse_instant(t, |l| cal.instant(l)) {
                    clock.scrub(at);
                }
            }
            None => {}
        }
        let column = self
            .mode
            .as_deref()
            .and_then(Side::from_name)
            .and_then(|m| sim.column_of(m));
        if let Some(c) = column {
            focus.set_column(c);
            focus.delivery = self.delivery.map(|d| (c, d));
        }
        if self.autoplay {
            clock.play();
        }
    }
}
