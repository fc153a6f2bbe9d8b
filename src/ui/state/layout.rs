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

impl Panel {
    /// The panels in the page's order (the section index lists those shown).
    pub const PAGE: [Panel; 7] = [
        Panel::Compare,
        Panel::Workflow,
        Panel::Explorer,
        Panel::Resources,
        Panel::Trace,
        Panel::Charts,
        Panel::Scenario,
    ];

    /// Its name (the section's `data-section`).
    pub fn name(self) -> &'static str {
        match self {
            Panel::Compare => "compare",
            Panel::Workflow => "workflow",
            Panel::Explorer => "explorer",
            Panel::Resources => "resources",
            Panel::Trace => "trace",
            Panel::Charts => "charts",
            Panel::Scenario => "scenario",
            Panel::Questions => "questions",
        }
    }
}

/// The parts of an instance's own header (`chrome="title lang"`, `"none"`, `"all"`),
/// so four widgets on one docs page do not repeat four headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chrome {
    pub title: bool,
    pub tagline: bool,
    /// The EN/FR switch.
    pub lang: bool,
    /// The preset picker.
    pub preset: bool,
}

impl Chrome {
    /// Every part (the default).
    pub const ALL: Chrome = Chrome {
        title: true,
        tagline: true,
        lang: true,
        preset: true,
    };
    /// No header at all.
    pub const NONE: Chrome = Chrome {
        title: false,
        tagline: false,
        lang: false,
        preset: false,
    };
}

impl Chrome {
    /// The names a list may hold.
    pub const NAMES: [&'static str; 4] = ["title", "tagline", "lang", "preset"];

    /// Reads `all`, `none` or a list of [`Chrome::NAMES`] (spaces or commas between);
    /// the error names the first word that is none of them.
    ///
    /// ```
    /// use campaign_sim::ui::state::layout::Chrome;
    /// assert_eq!(Chrome::parse(["title, lang"]).unwrap(), Chrome { title: true, lang: true, ..Chrome::NONE });
    /// assert_eq!(Chrome::parse(["none"]).unwrap(), Chrome::NONE);
    /// assert!(Chrome::parse(["logo"]).unwrap_err().starts_with("\"logo\" is not"));
    /// ```
    pub fn parse<'a>(words: impl IntoIterator<Item = &'a str>) -> Result<Chrome, String> {
        let words: Vec<&str> = words
            .into_iter()
            .flat_map(|w| w.split([' ', ',']))
            .filter(|w| !w.is_empty())
            .collect();
        match words.as_slice() {
            ["all"] => return Ok(Chrome::ALL),
            [] | ["none"] => return Ok(Chrome::NONE),
            _ => {}
        }
        let mut c = Chrome::NONE;
        for w in words {
            match w {
                "title" => c.title = true,
                "tagline" => c.tagline = true,
                "lang" => c.lang = true,
                "preset" => c.preset = true,
                other => {
                    return Err(format!(
                        "\"{}\" is not a part of the header (all, none, or a list of {})",
                        other.chars().take(40).collect::<String>(),
                        Chrome::NAMES.join(", ")
                    ))
                }
            }
        }
        Ok(c)
    }
}

impl Default for Chrome {
    fn default() -> Self {
        Chrome::ALL
    }
}

/// How an instance is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    pub view: View,
    /// Panels stack, fewer explanations open (narrow embeds).
    pub compact: bool,
    /// No scenario editors.
    pub read_only: bool,
    /// Which parts of its own header it shows.
    pub chrome: Chrome,
    /// The level of its title (1 to 6; its panels one below), or `None`: no headings.
    pub heading: Option<u8>,
    /// The reader asked for reduced motion: no animated playback (stepping works).
    pub reduced_motion: bool,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            view: View::Full,
            compact: false,
            read_only: false,
            chrome: Chrome::ALL,
            heading: Some(1),
            reduced_motion: false,
        }
    }
}

impl Layout {
    /// The heading level of a heading `depth` levels below the title (`None`: no
    /// headings). Without its title (`chrome` leaves it out) the panels take the
    /// title's level, so the outline never skips one after the host's own heading.
    ///
    /// ```
    /// use campaign_sim::ui::state::layout::{Chrome, Layout};
    /// let widget = Layout { heading: Some(2), ..Layout::default() };
    /// assert_eq!((widget.level(0), widget.level(1), widget.level(2)), (Some(2), Some(3), Some(4)));
    /// let bare = Layout { chrome: Chrome::NONE, ..widget };
    /// assert_eq!((bare.level(1), bare.level(2)), (Some(2), Some(3)));
    /// assert_eq!(Layout { heading: Some(6), ..widget }.level(2), Some(6));
    /// assert_eq!(Layout { heading: None, ..widget }.level(1), None);
    /// ```
    pub fn level(&self, depth: u8) -> Option<u8> {
        let lift = u8::from(depth > 0 && !self.chrome.title);
        self.heading.map(|l| (l + depth - lift).min(6))
    }

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
