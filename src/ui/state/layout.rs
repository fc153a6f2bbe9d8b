//! Which panels an instance shows and how: its view (everything, or one of the
//! documentation widget's views), the compact layout, the scenario editors.

/// Which panels a widget shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Everything: scenario editor, playback, comparison, canvas, explorer, logs, charts.
    #[default]
    Full,
    /// Playback and the side-by-side comparison only (the documentation widget).
    Compare,
    /// Playback, the workflow canvas and its journal.
    Workflow,
    /// Playback, the delivery explorer and the log tables.
    Logs,
}

impl View {
    /// All views with their configuration names.
    pub const ALL: [(View, &'static str); 4] = [
        (View::Full, "full"),
        (View::Compare, "compare"),
        (View::Workflow, "workflow"),
        (View::Logs, "logs"),
    ];

    /// The configuration name.
    pub fn name(self) -> &'static str {
        View::ALL
            .iter()
            .find(|(v, _)| *v == self)
            .map_or("full", |(_, n)| n)
    }

    /// The view of a configuration name.
    pub fn from_name(name: &str) -> Option<View> {
        View::ALL.iter().find(|(_, n)| *n == name).map(|(v, _)| *v)
    }
}

/// A panel of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Compare,
    Workflow,
    Explorer,
    Resources,
    Trace,
    Charts,
    Scenario,
    /// The Questions menu (the full page's header).
    Questions,
}

/// How an instance is laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub view: View,
    /// Panels stack, fewer explanations open (narrow embeds).
    pub compact: bool,
    /// No scenario editors.
    pub read_only: bool,
}

impl Layout {
    /// Whether the layout shows `panel`.
    ///
    /// ```
    /// use campaign_sim::ui::state::layout::{Layout, Panel, View};
    /// let logs = Layout { view: View::Logs, ..Layout::default() };
    /// assert!(logs.shows(Panel::Explorer) && logs.shows(Panel::Trace));
    /// assert!(!logs.shows(Panel::Compare));
    /// assert!(Layout::default().shows(Panel::Scenario));
    /// ```
    pub fn shows(&self, panel: Panel) -> bool {
        match (self.view, panel) {
            (View::Full, Panel::Scenario) => !self.read_only,
            (View::Full, _) => true,
            (View::Compare, Panel::Compare)
            | (View::Workflow, Panel::Workflow)
            | (View::Logs, Panel::Explorer | Panel::Trace) => true,
            _ => false,
        }
    }
}
