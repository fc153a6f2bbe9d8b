//! Every string the page shows, in English and French, in one place.
//!
//! Components ask `tr(lang, K::Play)`; engine enums (statuses, reasons, journal
//! messages) are translated by the `*_label` helpers next to the views that use them,
//! which call back into this module.

pub use crate::engine::doc::describe::Lang;

/// Declares the key enum and its table (English, French) in one go, so a missing
/// translation is a compile error. The French column is compiled into native builds
/// only (tests, and the generation of `i18n/fr.json`); the browser fetches that file
/// when French is chosen ([`load`]).
macro_rules! impl_keys {
    ($($k:ident => ($en:expr, $fr:expr)),* $(,)?) => {
        /// A UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($k),* }

        /// The English text of `k`.
        fn en(k: K) -> &'static str {
            match k { $(K::$k => $en,)* }
        }

        /// The French text of `k`, as written in this table (native builds).
        #[cfg(not(target_arch = "wasm32"))]
        pub fn fr_table(k: K) -> &'static str {
            match k { $(K::$k => $fr,)* }
        }

        /// Every key (tests check that no text is missing).
        pub const ALL_KEYS: &[K] = &[$(K::$k),*];

        /// The keys' names, in the order of [`ALL_KEYS`] (the keys of `i18n/fr.json`).
        pub const KEY_NAMES: &[&str] = &[$(stringify!($k)),*];
    };
}

/// The text of `k` in `lang`. In the browser, French comes from `i18n/fr.json` once
/// [`load`] has read it; the page switches to French only then ([`ready`]), so a key
/// is never shown half-translated (before the file, every key is English).
pub fn tr(lang: Lang, k: K) -> &'static str {
    match lang {
        Lang::En => en(k),
        Lang::Fr => fr(k),
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn fr(k: K) -> &'static str {
    fr_table(k)
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The French texts of `i18n/fr.json`, in [`ALL_KEYS`] order (read once per page,
    /// shared by every instance).
    static FRENCH: std::cell::OnceCell<Vec<&'static str>> = const { std::cell::OnceCell::new() };
}

#[cfg(target_arch = "wasm32")]
fn fr(k: K) -> &'static str {
    FRENCH
        .with(|t| t.get().and_then(|v| v.get(k as usize).copied()))
        .unwrap_or_else(|| en(k))
}

/// Whether `lang`'s texts are here (English always; French once [`load`]ed).
pub fn ready(lang: Lang) -> bool {
    #[cfg(target_arch = "wasm32")]
    if lang == Lang::Fr {
        return FRENCH.with(|t| t.get().is_some());
    }
    let _ = lang;
    true
}

/// Reads `i18n/fr.json` (an object: key name → French text): every key of [`KEY_NAMES`]
/// must be there, as text.
pub fn parse_french(json: &str) -> Result<Vec<String>, String> {
    let v: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("i18n/fr.json: {e}"))?;
    KEY_NAMES
        .iter()
        .map(|name| {
            v.get(name)
                .and_then(|t| t.as_str())
                .map(str::to_string)
                .ok_or_else(|| format!("i18n/fr.json: no text for {name}"))
        })
        .collect()
}

/// Fetches and installs `lang`'s texts if they are not here yet (French:
/// `i18n/fr.json`, next to the widget's files; once per page).
#[cfg(target_arch = "wasm32")]
pub async fn load(lang: Lang) -> Result<(), String> {
    if ready(lang) {
        return Ok(());
    }
    let texts = parse_french(&super::assets::fetch_text("i18n/fr.json").await?)?;
    let texts: Vec<&'static str> = texts
        .into_iter()
        .map(|t| &*Box::leak(t.into_boxed_str()))
        .collect();
    FRENCH.with(|t| {
        let _ = t.set(texts);
    });
    Ok(())
}

impl_keys! {
    Title => ("Recurring vs continuous deliveries", "Diffusions récurrentes ou continues"),
    Tagline => (
        "Simulate a year of a targeting workflow (Scheduler → Query → Delivery) and watch what the platform creates.",
        "Simulez un an d'un workflow de ciblage (Planificateur → Requête → Diffusion) et voyez ce que la plateforme crée."
    ),
    Explain => (
        "A recurring delivery creates a new delivery instance from its template at every execution: a weekly newsletter gives 52 deliveries, each with its own broadLog and tracking log. A continuous delivery is one delivery to which every execution appends the newly targeted recipients: one broadLog that grows run after run, one set of KPIs whose denominators grow. Editing the content of a continuous delivery starts a new delivery object.",
        "Une diffusion récurrente crée une nouvelle instance de diffusion à partir de son modèle à chaque exécution\u{a0}: une newsletter hebdomadaire donne 52 diffusions, chacune avec ses propres logs de diffusion (broadLog) et de tracking. Une diffusion continue est une seule diffusion à laquelle chaque exécution ajoute les destinataires nouvellement ciblés\u{a0}: un seul broadLog qui grossit d'exécution en exécution, un seul jeu d'indicateurs dont les dénominateurs augmentent. Modifier le contenu d'une diffusion continue crée un nouvel objet diffusion."
    ),
    Language => ("Language", "Langue"),
    CopyLink => ("Copy link", "Copier le lien"),
    LinkCopied => ("Link copied: it opens this scenario at this date.", "Lien copié\u{a0}: il ouvre ce scénario à cette date."),
    CopyThisLink => ("Copy this link:", "Copiez ce lien\u{a0}:"),
    Export => ("Export", "Exporter"),
    ExportHint => (
        "What the tables show: the selected delivery (or all), up to the simulated clock.",
        "Ce que montrent les tableaux\u{a0}: la diffusion choisie (ou toutes), jusqu'à l'horloge simulée."
    ),
    YearSummary => ("Year summary (JSON)", "Bilan de l'année (JSON)"),
    DownloadScenario => ("Download scenario (JSON)", "Télécharger le scénario (JSON)"),
    ImportScenario => ("Import a scenario…", "Importer un scénario…"),
    Imported => ("Imported", "Importé\u{a0}:"),
    ImportFailed => ("The file could not be read.", "Le fichier n'a pas pu être lu."),
    WhatIs => ("Recurring or continuous: what is the difference?", "Récurrente ou continue\u{a0}: quelle différence\u{a0}?"),
    Preset => ("Scenario preset", "Scénario prédéfini"),
    Custom => ("Custom scenario", "Scénario personnalisé"),
    PresetWeekly => ("Weekly newsletter (recurring)", "Newsletter hebdomadaire (récurrente)"),
    PresetBirthday => ("Birthday email, daily (recurring)", "Anniversaire, quotidien (récurrente)"),
    PresetWelcome => ("Welcome email, incremental (continuous)", "Bienvenue, requête incrémentale (continue)"),
    PresetSeveral => ("Four workflows on one base, at most 2 marketing emails a week", "Quatre workflows sur une base, 2 e-mails marketing par semaine au plus"),
    Play => ("Play", "Lecture"),
    Pause => ("Pause", "Pause"),
    StepExecution => ("Next execution", "Exécution suivante"),
    StepDay => ("+1 day", "+1 jour"),
    RunToEnd => ("Run to end", "Jusqu'à la fin"),
    Restart => ("Back to 1 Jan", "Retour au 1er janv."),
    Speed => ("Speed", "Vitesse"),
    SpeedDay => ("1 day / s", "1 jour / s"),
    SpeedWeek => ("1 week / s", "1 semaine / s"),
    SpeedMonth => ("1 month / s", "1 mois / s"),
    SpeedQuarter => ("1 quarter / s", "1 trimestre / s"),
    Scrubber => ("Simulated date", "Date simulée"),
    Clock => ("Simulated clock", "Horloge simulée"),
    ExecutionsSoFar => ("executions so far", "exécutions jusqu'ici"),
    Simulating => ("Simulating the year…", "Simulation de l'année…"),
    SimulatedIn => ("year simulated in", "année simulée en"),
    Recurring => ("Recurring", "Récurrente"),
    Continuous => ("Continuous", "Continue"),
    Aggregated => ("Recurring, aggregated", "Récurrente, agrégée"),
    Deliveries => ("Deliveries", "Diffusions"),
    DeliveryUnit => ("Delivery", "Diffusion"),
    Colon => (": ", "\u{a0}: "),
    BroadlogRows => ("broadLog rows", "lignes broadLog"),
    Indicator => ("Indicator", "Indicateur"),
    TrackingRows => ("Tracking rows", "lignes de tracking"),
    Sent => ("Sent", "Envoyés"),
    Failed => ("Failed", "En échec"),
    Ignored => ("Ignored", "Ignorés"),
    OpenRate => ("Open rate", "Taux d'ouverture"),
    ClickRate => ("Click rate", "Taux de clic"),
    Compare => ("Side by side, as of the clock", "Côte à côte, à la date de l'horloge"),
    CompareHint => (
        "Same recipients, schedule and seed, run once per delivery mode. Highlighted values differ between the modes.",
        "Mêmes destinataires, planification et graine, exécutés une fois par mode de diffusion. Les valeurs surlignées diffèrent entre les modes."
    ),
    WhyCount => (
        "Why this many? Recurring: one delivery per execution that targeted someone. Continuous: one delivery, plus one per content change.",
        "Pourquoi autant\u{a0}? Récurrente\u{a0}: une diffusion par exécution qui a ciblé quelqu'un. Continue\u{a0}: une seule diffusion, plus une par changement de contenu."
    ),
    HintRecurring => ("one new delivery instance per execution", "une nouvelle instance de diffusion par exécution"),
    HintContinuous => ("one delivery; each execution appends to it", "une seule diffusion\u{a0}; chaque exécution s'y ajoute"),
    HintAggregated => ("executions of one period share a delivery", "les exécutions d'une même période partagent une diffusion"),
    GroupGeneral => ("Scenario", "Scénario"),
    GroupScheduler => ("Scheduler", "Planificateur"),
    GroupQuery => ("Query", "Requête"),
    GroupDelivery => ("Delivery", "Diffusion"),
    GroupOutages => ("Outages and missed runs", "Interruptions et exécutions manquées"),
    GroupTracking => ("Tracking", "Tracking"),
    GroupPopulation => ("Recipients", "Destinataires"),
    ExplicitRecipients => ("recipients listed in the document (edit them in the JSON)", "destinataires listés dans le document (modifiables dans le JSON)"),
    ScenarioHint => (
        "Every field of the scenario document. A value the engine rejects is kept as typed and its message shown next to it; the page keeps showing the last valid simulation.",
        "Tous les champs du document de scénario. Une valeur refusée par le moteur est gardée telle quelle et son message affiché à côté\u{a0}; la page garde la dernière simulation valide."
    ),
    Workflow => ("Workflow", "Workflow"),
    WorkflowHint => (
        "The targeting workflow as the platform draws it. Each transition shows what it carried at the current execution; when the query returns nobody, the delivery does not run.",
        "Le workflow de ciblage tel que la plateforme le dessine. Chaque transition montre ce qu'elle a transporté à l'exécution courante\u{a0}; quand la requête ne renvoie personne, la diffusion n'est pas exécutée."
    ),
    IncrementalHint => (
        "An incremental query leaves out everyone it returned before: after the first run it only returns newcomers, so it often returns 0.",
        "Une requête incrémentale écarte tous ceux qu'elle a déjà renvoyés\u{a0}: après la première exécution elle ne renvoie que les nouveaux, d'où souvent 0."
    ),
    State => ("Workflow state", "État du workflow"),
    CurrentExecution => ("Current execution", "Exécution courante"),
    NoExecutionYet => ("No execution yet", "Pas encore d'exécution"),
    CaughtUp => ("caught up", "rattrapée"),
    Journal => ("Journal", "Journal"),
    JournalHint => ("The last lines up to the clock, oldest first, with the UTC offset then. Click a line to go to its execution.", "Les dernières lignes jusqu'à l'horloge, de la plus ancienne à la plus récente, avec le décalage UTC d'alors. Cliquez une ligne pour aller à son exécution."),
    Explorer => ("Deliveries, as the platform lists them", "Les diffusions, comme la plateforme les liste"),
    ExplorerRecurring => (
        "Recurring: a folder of delivery instances, one per execution that targeted someone, each labelled with its date. Each has its own broadLog and tracking log.",
        "Récurrente\u{a0}: un dossier d'instances de diffusion, une par exécution ayant ciblé quelqu'un, chacune libellée avec sa date. Chacune a son broadLog et son log de tracking."
    ),
    ExplorerContinuous => (
        "Continuous: one delivery; each execution appends its newly targeted recipients to the same broadLog. A content edit starts a new delivery object (a fork).",
        "Continue\u{a0}: une seule diffusion\u{a0}; chaque exécution ajoute ses nouveaux ciblés au même broadLog. Une modification du contenu crée un nouvel objet diffusion (une bifurcation)."
    ),
    ExplorerAggregated => (
        "Aggregated: executions whose date falls in one period share one delivery.",
        "Agrégée\u{a0}: les exécutions d'une même période partagent une diffusion."
    ),
    AllDeliveries => ("All deliveries", "Toutes les diffusions"),
    NoDeliveryYet => ("No delivery yet at this date.", "Pas encore de diffusion à cette date."),
    ContentVersion => ("content", "contenu"),
    Fork => ("new delivery after a content change", "nouvelle diffusion après un changement de contenu"),
    Additions => ("Additions per execution", "Ajouts par exécution"),
    BroadLog => ("broadLog (send log)", "broadLog (log de diffusion)"),
    TrackingLog => ("Tracking log", "Log de tracking"),
    TrackingOff => ("Tracking is off in this scenario: no opens, clicks or random bounces.", "Le tracking est désactivé dans ce scénario\u{a0}: ni ouvertures, ni clics, ni rebonds aléatoires."),
    Status => ("Status", "Statut"),
    Reason => ("Reason", "Raison"),
    Any => ("Any", "Tous"),
    From => ("From", "Du"),
    To => ("To", "Au"),
    SortBy => ("Sort", "Tri"),
    SortDateAsc => ("Date ↑", "Date ↑"),
    SortDateDesc => ("Date ↓", "Date ↓"),
    SortRecipient => ("Recipient", "Destinataire"),
    ColRow => ("Row", "Ligne"),
    ColDelivery => ("Deliv.", "Diff."),
    ColRecipient => ("Recipient", "Destinataire"),
    ColDate => ("Event date", "Date de l'événement"),
    ColExecution => ("Exec.", "Exéc."),
    ColFailure => ("Failure type", "Type d'erreur"),
    ColEvent => ("Event", "Événement"),
    ColUrl => ("URL", "URL"),
    ColDevice => ("Device", "Appareil"),
    RowHint => ("Click a row to trace its recipient at its execution.", "Cliquez une ligne pour suivre son destinataire lors de son exécution."),
    Trace => ("Recipient trace", "Parcours d'un destinataire"),
    TraceHint => (
        "Pick a recipient (or click a broadLog row) to see their year, and why any execution did or did not target them.",
        "Choisissez un destinataire (ou cliquez une ligne du broadLog) pour voir son année, et pourquoi une exécution l'a ciblé ou non."
    ),
    RecipientId => ("Recipient id", "Id du destinataire"),
    AdditionsLatest => ("The latest {shown} of {total}.", "Les {shown} dernières sur {total}."),
    ShowAll => ("Show all", "Tout afficher"),
    TraceUnknown => ("No execution of this year by that name: type its number (5, #5) or a date (2 Feb, 2026-02-02).", "Aucune exécution de l'année sous ce nom\u{a0}: tapez son numéro (5, n°5) ou une date (2 févr., 2026-02-02)."),
    AdditionLine => ("#{n} {at}: +{rows}", "#{n} {at}\u{a0}: +{rows}"),
    WhyTitle => ("At execution #{n} ({at}): ", "À l'exécution n°{n} ({at})\u{a0}: "),
    UnknownRecipient => ("No recipient has this id.", "Aucun destinataire n'a cet id."),
    NoEventYet => ("Nothing yet at this date.", "Rien encore à cette date."),
    Charts => ("The year in charts", "L'année en graphiques"),
    ChartCalendar => ("Executions of the year (scenario's own mode)", "Exécutions de l'année (mode du scénario)"),
    Missed => ("missed in an outage", "manquée pendant une interruption"),
    LegendRun => ("ran, reached the delivery", "exécutée, diffusion lancée"),
    ChartRows => ("Cumulative log rows over the year", "Lignes de log cumulées sur l'année"),
    LegendRows => ("solid: broadLog rows, dashed: tracking rows; the vertical line is the clock", "plein\u{a0}: lignes broadLog, tirets\u{a0}: lignes de tracking\u{a0}; la ligne verticale est l'horloge"),
    ChartRates => ("Open rate: each recurring delivery vs the continuous delivery's running rate", "Taux d'ouverture\u{a0}: chaque diffusion récurrente vs le taux cumulé de la diffusion continue"),
    LegendPerDelivery => ("one recurring delivery (final rate)", "une diffusion récurrente (taux final)"),
    LegendRunning => ("continuous delivery, running rate", "diffusion continue, taux cumulé"),
    ColBroadlogRow => ("BL row", "Ligne BL"),
    LogStorage => ("Log storage (approx.)", "Stockage des logs (approx.)"),
    TrackingHintCompare => (
        "Tracking is off in this scenario: switch it on in the scenario panel (Tracking) to compare open and click rates between the modes.",
        "Le tracking est désactivé dans ce scénario\u{a0}: activez-le dans le panneau Scénario (Tracking) pour comparer les taux d'ouverture et de clic entre les modes."
    ),
    OutageHint => (
        "While the server is down (or the workflow paused) no slot fires; at the end of the outage the missed-run policy decides: once (one late run standing for the latest missed slot), all (one late run per missed slot) or skip. The calendar and the journal show which runs happened, and when.",
        "Pendant que le serveur est arrêté (ou le workflow en pause) aucun créneau ne se déclenche\u{a0}; à la fin de l'interruption la politique décide\u{a0}: once (une exécution tardive pour le dernier créneau manqué), all (une par créneau manqué) ou skip. Le calendrier et le journal montrent quelles exécutions ont eu lieu, et quand."
    ),
    DstHint => (
        "Times are local to the workflow's time zone: a slot in the spring-forward gap (02:30) runs at the first instant after it (03:30), a slot in the repeated autumn hour runs once, at its first occurrence.",
        "Les heures sont locales au fuseau du workflow\u{a0}: un créneau dans le trou du passage à l'heure d'été (02:30) s'exécute juste après (03:30), un créneau dans l'heure répétée d'automne ne s'exécute qu'une fois, à sa première occurrence."
    ),
    Scenario => ("Scenario", "Scénario"),
    Schedule => ("Schedule", "Planification"),
    NextExecutions => ("Next executions", "Prochaines exécutions"),
    RawJson => ("Scenario JSON", "JSON du scénario"),
    Apply => ("Apply", "Appliquer"),
    Invalid => ("The scenario is invalid; the last valid simulation is shown.", "Le scénario est invalide\u{a0}; la dernière simulation valide est affichée."),
    // The engine's words: activities, states, statuses, reasons, tracking.
    ActStart => ("Start", "Début"),
    ActScheduler => ("Scheduler", "Planificateur"),
    ActQuery => ("Query", "Requête"),
    ActIncrementalQuery => ("Incremental query", "Requête incrémentale"),
    ActDelivery => ("Delivery", "Diffusion"),
    ActEnd => ("End", "Fin"),
    StateEdited => ("Being edited", "En édition"),
    StateStarted => ("Started", "Démarré"),
    StatePaused => ("Paused (server down)", "En pause (serveur arrêté)"),
    StateFinished => ("Finished", "Terminé"),
    StSent => ("Sent", "Envoyé"),
    StFailed => ("Failed", "En échec"),
    StIgnored => ("Ignored", "Ignoré"),
    RsSent => ("—", "—"),
    RsUserUnknown => ("User unknown (hard)", "Utilisateur inconnu (dur)"),
    RsMailboxFull => ("Mailbox full (soft)", "Boîte pleine (doux)"),
    RsQuarantined => ("Quarantined address", "Adresse en quarantaine"),
    RsDenylisted => ("Denylisted (opted out)", "En liste de blocage (désinscrit)"),
    RsArbitration => ("Excluded by arbitration", "Exclu par l'arbitrage"),
    TkOpen => ("Open", "Ouverture"),
    TkClick => ("Click", "Clic"),
    TkOptout => ("Opt-out click", "Clic de désinscription"),
    TkMirror => ("Mirror page view", "Vue de la page miroir"),
    DevDesktop => ("Desktop", "Ordinateur"),
    DevMobile => ("Mobile", "Mobile"),
    DevTablet => ("Tablet", "Tablette"),
    // Journal lines.
    JStarted => ("Workflow started", "Workflow démarré"),
    JPaused => ("Server down / workflow paused until {until}", "Serveur arrêté / workflow en pause jusqu'au {until}"),
    JResumed => ("Resumed: {missed} during the outage", "Reprise\u{a0}: {missed} pendant l'interruption"),
    MissedSlotOne => ("{n} slot missed", "{n} créneau manqué"),
    MissedSlotMany => ("{n} slots missed", "{n} créneaux manqués"),
    JCaughtUp => ("Caught-up run for the slot of {slot}", "Exécution de rattrapage pour le créneau du {slot}"),
    JDstGap => ("{time} does not exist on {day} (clocks go forward): ran at {at}", "{time} n'existe pas le {day} (passage à l'heure d'été)\u{a0}: exécutée à {at}"),
    JDstTwice => ("{time} occurs twice on {day} (clocks go back): ran at the first, {at}", "{time} existe deux fois le {day} (retour à l'heure d'hiver)\u{a0}: exécutée à la première, {at}"),
    SlotDayNotTaken => ("the birthdays of {day}, the slot's day, are not taken", "les anniversaires du {day}, jour du créneau, ne sont pas pris"),
    BirthdaysOf => ("birthdays of {day}", "anniversaires du {day}"),
    JFired => ("The scheduler fired", "Le planificateur s'est déclenché"),
    JQueryDone => ("{recipients} targeted – Ok", "Ciblage\u{a0}: {recipients} – Ok"),
    JQueryEmpty => ("The query returned nobody: the delivery does not run", "La requête n'a renvoyé personne\u{a0}: la diffusion n'est pas exécutée"),
    JCreated => ("Delivery #{delivery} created (content v{version})", "Diffusion n°{delivery} créée (contenu v{version})"),
    JAppended => ("{recipients} appended to delivery #{delivery}", "Ajout de {recipients} à la diffusion n°{delivery}"),
    JContentChanged => ("Content changed (v{from} → v{to}): a new delivery object", "Le contenu a changé (v{from} → v{to})\u{a0}: nouvel objet diffusion"),
    JContentEdited => ("Content edited: the template is now version {version}", "Contenu modifié\u{a0}: le modèle passe en version {version}"),
    JProcessed => ("{sent} sent, {failed} failed, {ignored} ignored", "envoyés\u{a0}: {sent}, en échec\u{a0}: {failed}, ignorés\u{a0}: {ignored}"),
    JFinished => ("Workflow finished", "Workflow terminé"),
    // A recipient's events.
    TJoined => ("Joined the base", "Entre dans la base"),
    TDenylisted => ("Opted out: profile denylisted", "Désinscrit\u{a0}: profil en liste de blocage"),
    TQuarantined => ("Address quarantined", "Adresse mise en quarantaine"),
    TTargeted => ("Targeted by execution #{execution} → delivery #{delivery}: {status}{why}", "Ciblé par l'exécution n°{execution} → diffusion n°{delivery}\u{a0}: {status}{why}"),
    TLink => (" link {n}", " lien {n}"),
    TTracked => ("{kind}{link} ({device}) — delivery #{delivery}", "{kind}{link} ({device}) — diffusion n°{delivery}"),
    // Why (not) targeted.
    WTargeted => ("Targeted ({rule}): broadLog row {row} — {status}{why}", "Ciblé ({rule})\u{a0}: ligne broadLog {row} — {status}{why}"),
    MatchedInBase => ("the query takes everyone in the base", "la requête prend toute la base"),
    MatchedNotInHistory => ("the incremental query had not returned them before, or its history had let them go", "la requête incrémentale ne l'avait pas encore renvoyé, ou son historique l'avait oublié"),
    MatchedBirthday => ("the query took the birthdays of {day}", "la requête a pris les anniversaires du {day}"),
    WNotYet => ("Not targeted: not in the base yet (created {created})", "Pas ciblé\u{a0}: pas encore dans la base (créé le {created})"),
    WHistoryUntil => ("Not targeted: in the incremental query's history since {since} (free again from {until})", "Pas ciblé\u{a0}: dans l'historique de la requête incrémentale depuis le {since} (libre à nouveau le {until})"),
    WHistoryForever => ("Not targeted: in the incremental query's history since {since} (kept forever)", "Pas ciblé\u{a0}: dans l'historique de la requête incrémentale depuis le {since} (conservé pour toujours)"),
    WBirthday => ("Not targeted: the query took the birthdays of {on}, theirs is {birthday}", "Pas ciblé\u{a0}: la requête a pris les anniversaires du {on}, le sien est le {birthday}"),
    WNoBirthday => ("Not targeted: no birthday on file", "Pas ciblé\u{a0}: pas de date d'anniversaire"),
    WUnknownRecipient => ("No recipient has this id", "Aucun destinataire n'a cet id"),
    WUnknownExecution => ("No execution has this number", "Aucune exécution n'a ce numéro"),
    // Counts: `{n}` is the number, formatted; `count` picks the form (French: 0 and 1
    // are singular).
    RowOne => ("{n} row", "{n} ligne"),
    RowMany => ("{n} rows", "{n} lignes"),
    ExecutionOne => ("{n} execution", "{n} exécution"),
    ExecutionMany => ("{n} executions", "{n} exécutions"),
    RecipientOne => ("{n} recipient", "{n} destinataire"),
    RecipientMany => ("{n} recipients", "{n} destinataires"),
    DeliveryOne => ("{n} delivery", "{n} diffusion"),
    DeliveryMany => ("{n} deliveries", "{n} diffusions"),
    RowMatchOne => ("{n} row matches", "{n} ligne correspond"),
    RowMatchMany => ("{n} rows match", "{n} lignes correspondent"),
    SlotOne => ("{n} slot", "{n} créneau"),
    SlotMany => ("{n} slots", "{n} créneaux"),
    // Finding one run.
    AllExecutions => ("All executions", "Toutes les exécutions"),
    GoToDate => ("Go to date", "Aller à la date"),
    GoToTime => ("time (optional)", "heure (facultative)"),
    Go => ("Go", "Aller"),
    GoToHint => ("The execution on that day (the last one at or before its end), or at or before the time you give.", "L'exécution de ce jour (la dernière au plus tard à sa fin), ou au plus tard à l'heure indiquée."),
    NoExecutionThen => ("No execution ran at or before that date.", "Aucune exécution n'a eu lieu à cette date ou avant."),
    LandExecution => ("Execution #{n}, {at}", "Exécution n°{n}, {at}"),
    LandRow => ("Recipient #{id} at execution #{n}, {at}", "Destinataire n°{id} à l'exécution n°{n}, {at}"),
    LandNoRun => ("No execution that day.", "Aucune exécution ce jour-là."),
    LandLastBefore => ("The clock went to the last one before it: #{n}, {at}.", "L'horloge est allée à la dernière d'avant\u{a0}: n°{n}, {at}."),
    LandNothingBefore => ("None before it either: the clock did not move.", "Aucune avant non plus\u{a0}: l'horloge n'a pas bougé."),
    LandSeeIn => ("See it in", "Voir dans"),
    LandClose => ("Close", "Fermer"),
    LandDownDay => ("Server down this day", "Serveur arrêté ce jour-là"),
    LandDownDays => ("Server down these 3 days", "Serveur arrêté ces 3 jours"),
    LandUp => ("Server back up (remove the outage)", "Serveur rétabli (retirer l'interruption)"),
    LandWhatIf => ("What if", "Et si"),
    SectionIndex => ("Go to", "Aller à"),
    SecCompare => ("Compare", "Comparer"),
    SecWorkflow => ("Workflow & journal", "Workflow et journal"),
    SecExplorer => ("Deliveries & logs", "Diffusions et logs"),
    SecResources => ("Resources", "Ressources"),
    SecTrace => ("Trace", "Parcours"),
    SecCharts => ("Charts", "Graphiques"),
    SecScenario => ("Scenario", "Scénario"),
    JumpHint => ("Click a day, a journal line, a dot or a delivery to go to its execution.", "Cliquez un jour, une ligne du journal, un point ou une diffusion pour aller à son exécution."),
    ExecutionOrDate => ("Execution (number or date)", "Exécution (numéro ou date)"),
    NoSuchExecution => ("No execution of the year matches: type a number (1, #5) or a date (2026-02-02).", "Aucune exécution de l'année ne correspond\u{a0}: tapez un numéro (1, n°5) ou une date (2026-02-02)."),
    CalendarCaption => ("{runs} this year: {sent} reached the delivery, {nobody} targeted nobody, {caught} ran late after an outage, and {missed} fell in an outage.", "{runs} cette année\u{a0}: {sent} ont atteint la diffusion, {nobody} n'ont ciblé personne, {caught} ont tourné en retard après une interruption, et {missed} sont tombés pendant une interruption."),
    LegendNobody => ("ran, targeted nobody", "exécutée, personne ciblé"),
    SeveralWorkflowsForm => ("This scenario has several workflows (its \u{201c}workflows\u{201d} list): each one's scheduler, query and delivery are edited in the JSON text below.", "Ce scénario a plusieurs workflows (sa liste \u{ab}\u{a0}workflows\u{a0}\u{bb})\u{a0}: le planificateur, la requête et la diffusion de chacun se modifient dans le texte JSON ci-dessous."),
    LegendNoSlot => ("no execution that day", "aucune exécution ce jour-là"),
    RowsOverlap => ("Both modes wrote {rows} (and {tracking} of tracking): the same people got the same sends, only grouped into other deliveries, so the lines lie on top of each other (the wide pale line is recurring, the thin one continuous).", "Les deux modes ont écrit {rows} (et {tracking} de tracking)\u{a0}: les mêmes personnes ont reçu les mêmes envois, seulement regroupés en d'autres diffusions, donc les courbes se superposent (la large courbe pâle est la récurrente, la fine la continue)."),
    RowsDiffer => ("Recurring wrote {rec}, continuous {con}.", "La récurrente a écrit {rec}, la continue {con}."),
    RatesOff => ("Tracking is off in this scenario: no opens are recorded, so there is no open rate to compare.", "Le tracking est désactivé dans ce scénario\u{a0}: aucune ouverture n'est enregistrée, il n'y a donc pas de taux d'ouverture à comparer."),
    RatesNone => ("No message has been sent yet: no rate.", "Aucun message envoyé pour l'instant\u{a0}: pas de taux."),
    RatesCaption => ("Each dot is one recurring delivery's open rate over its own {each} messages, so it jumps from week to week; the line is the continuous delivery's single rate over every message so far ({total} at the end), so it barely moves. Same people, same opens: only the denominator differs.", "Chaque point est le taux d'ouverture d'une diffusion récurrente sur ses propres {each} messages, il varie donc d'une semaine à l'autre\u{a0}; la courbe est le taux unique de la diffusion continue sur tous les messages jusque-là ({total} à la fin), elle bouge donc à peine. Mêmes personnes, mêmes ouvertures\u{a0}: seul le dénominateur change."),
    Earlier => ("◀ Earlier", "◀ Plus anciennes"),
    Later => ("Later ▶", "Plus récentes ▶"),
    PageOf => ("{from}–{to} of {total}", "{from}–{to} sur {total}"),
    AdditionsCaption => ("{runs} appended {rows} to this one delivery so far; pick one to see only the rows it added.", "{runs} ont ajouté {rows} à cette seule diffusion jusqu'ici\u{a0}; choisissez-en une pour ne voir que les lignes qu'elle a ajoutées."),
    CaughtUpFor => ("(caught up: the slot of {slot})", "(rattrapée\u{a0}: créneau du {slot})"),
    NotTracked => ("n/a (tracking off)", "n/d (tracking désactivé)"),
    WhyNow => ("So far: {done}, {reached} of which targeted someone. Recurring created one delivery for each of those: {rec}. Continuous created {con}: the first, plus {forks} after content changes.", "Jusqu'ici\u{a0}: {done}, dont {reached} ont ciblé quelqu'un. La récurrente a créé une diffusion pour chacune\u{a0}: {rec}. La continue a créé {con}\u{a0}: la première, plus {forks} après des changements de contenu."),
    ShowAllEvents => ("Show all {n} events", "Afficher les {n} événements"),
    Resources => ("Resources: the delivery template", "Ressources\u{a0}: le modèle de diffusion"),
    ResourcesHint => ("Editing the creative in the workflow updates the delivery template in the resources folder: each edit is a new content version, and every delivery keeps the version in force when it was created.", "Modifier le contenu dans le workflow met à jour le modèle de diffusion dans le dossier des ressources\u{a0}: chaque modification est une nouvelle version du contenu, et chaque diffusion garde la version en vigueur à sa création."),
    DefaultTemplate => ("Delivery", "Diffusion"),
    ResourcesPath => ("Resources › Templates › Delivery templates", "Ressources › Modèles › Modèles de diffusion"),
    ResourcesCaption => ("As of the clock the template \"{template}\" has {versions}; click an edit date to see it in the journal.", "À la date de l'horloge, le modèle «\u{a0}{template}\u{a0}» compte {versions}\u{a0}; cliquez une date de modification pour la voir dans le journal."),
    EditedOn => ("Edited", "Modifié le"),
    VersionCol => ("Content version", "Version du contenu"),
    VersionOne => ("{n} content version", "{n} version de contenu"),
    VersionMany => ("{n} content versions", "{n} versions de contenu"),
    UsedBy => ("Used by", "Utilisé par"),
    InitialContent => ("initial content", "contenu initial"),
    ContinuousPart => ("#{id}: {runs}, from #{first} to #{last}", "n°{id}\u{a0}: {runs}, de la n°{first} à la n°{last}"),
    Workflows => ("Workflows", "Workflows"),
    AllWorkflows => ("All workflows", "Tous les workflows"),
    CompareWorkflow => ("Compare the delivery modes of", "Comparer les modes de diffusion de"),
    ShowWorkflow => ("Show in the explorer, journal and trace", "Afficher dans l'explorateur, le journal et le parcours"),
    ComparingOne => ("The columns compare \"{name}\" as recurring and as continuous; the {others} other workflows run unchanged in both, on the same recipients, with the pressure rule across them. The counts are this workflow's.", "Les colonnes comparent «\u{a0}{name}\u{a0}» en récurrente et en continue\u{a0}; les {others} autres workflows tournent à l'identique des deux côtés, sur les mêmes destinataires, avec la règle de pression entre eux. Les chiffres sont ceux de ce workflow."),
    Marketing => ("marketing", "marketing"),
    Transactional => ("transactional (not counted by the pressure rule)", "transactionnel (hors règle de pression)"),
    WorkflowTitle => ("{name} · priority {priority} · {typology} · {runs}", "{name} · priorité {priority} · {typology} · {runs}"),
    ArbitrationWhy => ("The quota was full: {emails} in the last {days}: {list}", "Le quota était atteint\u{a0}: {emails} en {days}\u{a0}: {list}"),
    MarketingEmailOne => ("{n} marketing email", "{n} e-mail marketing"),
    MarketingEmailMany => ("{n} marketing emails", "{n} e-mails marketing"),
    DayOne => ("{n} day", "{n} jour"),
    DayMany => ("{n} days", "{n} jours"),
    ResetPreset => ("Reset to \u{201c}{preset}\u{201d}", "Revenir à «\u{a0}{preset}\u{a0}»"),
    OutageAdd => ("Add an outage on the clock\u{2019}s day", "Ajouter une interruption le jour de l\u{2019}horloge"),
    OutageRemove => ("Remove", "Supprimer"),
    RanFirstPriority => ("ran first: priority {priority} above {over}", "passé avant\u{a0}: priorité {priority} au-dessus de {over}"),
    RanFirstPosition => ("ran first: the same priority {priority}, listed earlier", "passé avant\u{a0}: même priorité {priority}, placé plus haut dans la liste"),
    RanFirstSame => ("ran first: an earlier run of the same workflow", "passé avant\u{a0}: une exécution antérieure du même workflow"),
    DstForwardDay => ("clocks go forward ({before} → {after}): a run planned in the skipped hour runs an hour later", "passage à l'heure d'été ({before} → {after})\u{a0}: une exécution prévue dans l'heure sautée a lieu une heure plus tard"),
    DstBackDay => ("clocks go back ({before} → {after}): a run planned in the repeated hour runs at its first occurrence", "passage à l'heure d'hiver ({before} → {after})\u{a0}: une exécution prévue dans l'heure répétée a lieu à sa première occurrence"),
    LegendDst => ("clocks change", "changement d'heure"),
    LegendFuture => ("not yet", "pas encore"),
    ReducedMotion => (
        "Playback is off (your system asks for reduced motion): step through the year or drag the slider.",
        "La lecture est désactivée (votre système demande moins d'animations)\u{a0}: avancez pas à pas ou faites glisser le curseur."
    ),
    FullPageOnly => (
        "The scenario editor, charts, exports and links are in the full simulator (campaign-sim-web.js).",
        "L'éditeur de scénario, les graphiques, les exports et les liens sont dans le simulateur complet (campaign-sim-web.js)."
    ),
    TargetedNobody => ("This execution targeted nobody: no delivery ran, so it wrote no row.", "Cette exécution n'a ciblé personne\u{a0}: aucune diffusion n'a tourné, elle n'a écrit aucune ligne."),
    // Guided lessons.
    Questions => ("Questions", "Questions"),
    QuestionsHint => ("Guided lessons: each answers one question in a few steps.", "Leçons guidées\u{a0}: chacune répond à une question en quelques étapes."),
    QuestionsLoading => ("Loading the questions…", "Chargement des questions…"),
    Lesson => ("Lesson", "Leçon"),
    LessonQuestion => ("Question {n}", "Question n°{n}"),
    LessonLoading => ("Loading the lesson…", "Chargement de la leçon…"),
    LessonStep => ("Step {k} of {n}", "Étape {k} sur {n}"),
    LessonNotice => ("What to notice:", "À remarquer\u{a0}:"),
    LessonBack => ("◀ Back", "◀ Retour"),
    LessonNext => ("Next ▶", "Suivant ▶"),
    LessonFinish => ("Finish ✓", "Terminer ✓"),
    LessonClose => ("Leave the lesson", "Quitter la leçon"),
    LessonInvalid => ("This step's scenario is invalid:", "Le scénario de cette étape est invalide\u{a0}:"),
    // Lessons that ask (issue 22)
    QuizModeCheck => ("Check yourself", "Vérifiez-vous"),
    QuizModeGuided => ("Guided", "Guidé"),
    QuizModeHint => ("Check yourself: a lesson asks you to predict before it shows. Guided: it shows at once.", "Vérifiez-vous\u{a0}: la leçon vous demande de prédire avant de montrer. Guidé\u{a0}: elle montre tout de suite."),
    QuizPredict => ("Predict first:", "Prédisez d'abord\u{a0}:"),
    QuizYourAnswer => ("Your answer", "Votre réponse"),
    QuizCheck => ("Check", "Vérifier"),
    QuizTryAgain => ("Try again", "Réessayer"),
    QuizRight => ("Right.", "Bonne réponse."),
    QuizWrong => ("Not quite.", "Pas tout à fait."),
    QuizAnswer => ("The answer: {answer}.", "La réponse\u{a0}: {answer}."),
    QuizTypeNumber => ("Type a number in digits, e.g. 52.", "Tapez un nombre en chiffres, par exemple 52."),
    QuizPickChoice => ("Pick one of the answers.", "Choisissez une des réponses."),
    QuizNoValue => ("This question names nothing the simulated year has.", "Cette question désigne quelque chose que l'année simulée n'a pas."),
    QuizWhyRecurring => ("{executions} so far, {reached} of which targeted someone: the recurring mode created one delivery for each of those, {deliveries}.", "{executions} jusque-là, dont {reached} ont ciblé quelqu'un\u{a0}: le mode récurrent a créé une diffusion pour chacune, soit {deliveries}."),
    QuizWhyAggregated => ("{executions} so far, {reached} of which targeted someone: those of one aggregation period share one delivery, {deliveries}.", "{executions} jusque-là, dont {reached} ont ciblé quelqu'un\u{a0}: celles d'une même période d'agrégation partagent une diffusion, soit {deliveries}."),
    QuizWhyContinuous => ("{executions} so far, {reached} of which targeted someone: each appended its recipients to the same continuous delivery, {deliveries}.", "{executions} jusque-là, dont {reached} ont ciblé quelqu'un\u{a0}: chacune a ajouté ses destinataires à la même diffusion continue, soit {deliveries}."),
    QuizWhyContinuousForks => ("{executions} so far, {reached} of which targeted someone: each appended its recipients to the continuous delivery in force; the first one, plus {forks} started after content changes, {deliveries}.", "{executions} jusque-là, dont {reached} ont ciblé quelqu'un\u{a0}: chacune a ajouté ses destinataires à la diffusion continue en vigueur\u{a0}; la première, plus {forks} créées après des changements de contenu, soit {deliveries}."),
    QuizWhyRows => ("{runs} appended {rows}, one per recipient their query returned: {processed}.", "{runs} ont ajouté {rows}, une par destinataire renvoyé par leur requête\u{a0}: {processed}."),
    QuizWhyRowsOf => ("{runs} appended {rows} to delivery #{delivery}, one per recipient their query returned: {processed}.", "{runs} ont ajouté {rows} à la diffusion n°{delivery}, une par destinataire renvoyé par leur requête\u{a0}: {processed}."),
    QuizWhyTracking => ("{rows} of tracking: the opens ({opens}), clicks ({clicks}) and other events of the {sent} messages sent, arriving hours or days after each send.", "{rows} de tracking\u{a0}: les ouvertures ({opens}), les clics ({clicks}) et les autres événements des {sent} messages envoyés, arrivés des heures ou des jours après chaque envoi."),
    QuizWhyExecutions => ("{executions} by then: {reached} reached the delivery, {nobody} targeted nobody, {caught} ran late after an outage, and {missed} fell in an outage.", "{executions} à cette date\u{a0}: {reached} ont atteint la diffusion, {nobody} n'ont ciblé personne, {caught} ont tourné en retard après une interruption, et {missed} sont tombés pendant une interruption."),
    QuizOutagePart => ("{missed} fell in the outage from {from} to {to}", "{missed} pendant l'interruption du {from} au {to}"),
    QuizWhyOutages => ("{outages}; {caught} ran late when the server came back.", "{outages}\u{a0}; {caught} en retard au retour du serveur."),
    QuizNoOutage => ("No outage by then: no slot was missed.", "Aucune interruption à cette date\u{a0}: aucun créneau manqué."),
    QuizWhyArbitration => ("{excluded} of {rows} excluded by arbitration (the pressure rule): recipients {list}.", "{excluded} sur {rows} exclues par l'arbitrage (la règle de pression)\u{a0}: destinataires {list}."),
    QuizWhyArbitrationNone => ("None of {rows} was excluded by arbitration.", "Aucune des {rows} n'a été exclue par l'arbitrage."),
    QuizWhyAppended => ("Execution #{n}'s query returned {recipients}, one broadLog row each, appended to delivery #{delivery}: {processed}.", "La requête de l'exécution n°{n} a renvoyé {recipients}, une ligne de broadLog chacun, ajoutées à la diffusion n°{delivery}\u{a0}: {processed}."),
    QuizWhyAppendedNone => ("Execution #{n}'s query returned nobody: the delivery did not run and no row was written.", "La requête de l'exécution n°{n} n'a renvoyé personne\u{a0}: la diffusion n'a pas tourné, aucune ligne n'a été écrite."),
    QuizWhyQueryDay => ("Execution #{n} ran on {date}, so its query took the {birthdays}{slot}: a query evaluates \"today\" when it runs.", "L'exécution n°{n} a tourné le {date}, sa requête a donc pris les {birthdays}{slot}\u{a0}: une requête évalue «\u{a0}aujourd'hui\u{a0}» au moment où elle tourne."),
    QuizWhyExecutionTime => ("Execution #{n} ran on {at} {offset}", "L'exécution n°{n} a tourné le {at} {offset}"),
    // Posters and the element (issues 20, 21)
    PosterStart => ("Start the simulator", "Démarrer le simulateur"),
    PosterLoading => ("Loading the simulator…", "Chargement du simulateur…"),
    PosterExecutions => ("{executions} in the year, {reached} of which targeted someone", "{executions} dans l'année, dont {reached} ont ciblé quelqu'un"),
    PosterLesson => ("Question {n} · {steps}, answered in the simulator", "Question n°{n} · {steps}, réponse dans le simulateur"),
    PosterStepOne => ("{n} step", "{n} étape"),
    PosterStepMany => ("{n} steps", "{n} étapes"),
    PosterOwnScenario => ("A scenario of this page: start the simulator to see its year, execution by execution.", "Un scénario propre à cette page\u{a0}: démarrez le simulateur pour voir son année, exécution par exécution."),
    PosterRetry => ("Retry", "Réessayer"),
    FailGlue => ("The simulator's script did not load: {file} ({reason}).", "Le script du simulateur ne s'est pas chargé\u{a0}: {file} ({reason})."),
    FailWasm => ("The simulator did not load: {file} ({reason}).", "Le simulateur ne s'est pas chargé\u{a0}: {file} ({reason})."),
    FailPoster => ("This widget's poster did not load: {file} ({reason}).", "L'affiche de ce widget ne s'est pas chargée\u{a0}: {file} ({reason})."),
    FailLesson => ("The lesson did not load: {file} ({reason}).", "La leçon ne s'est pas chargée\u{a0}: {file} ({reason})."),
    FailFrench => ("The French texts did not load: {file} ({reason}).", "Les textes en français ne se sont pas chargés\u{a0}: {file} ({reason})."),
    FailNoWasm => ("This browser cannot run WebAssembly, which the simulator needs.", "Ce navigateur n'exécute pas WebAssembly, dont le simulateur a besoin."),
    FailCheck => ("The files must sit next to campaign-sim.js, or set a base path (setBasePath).", "Les fichiers doivent se trouver à côté de campaign-sim.js, ou indiquez leur emplacement (setBasePath)."),
}

/// A template with `{name}` placeholders filled in.
///
/// ```
/// use campaign_sim::ui::i18n::fill;
/// assert_eq!(fill("{n} of {m}", &[("n", "1"), ("m", "2")]), "1 of 2");
/// ```
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if args.iter().any(|(k, _)| *k == name) => {
                if let Some((_, v)) = args.iter().find(|(k, _)| *k == name) {
                    out.push_str(v);
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `n` with its noun in the right number: English singular for 1, French for 0 and 1
/// ("1 row", "2 rows", "0 ligne", "1 ligne", "2 lignes").
pub fn count(lang: Lang, n: u64, one: K, many: K) -> String {
    let singular = match lang {
        Lang::En => n == 1,
        Lang::Fr => n <= 1,
    };
    let n_text = super::format::int(lang, n);
    fill(
        tr(lang, if singular { one } else { many }),
        &[("n", &n_text)],
    )
}

/// Lang's short code for `<html lang>` and the switch.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Fr => "fr",
    }
}

/// The scenario panel's field labels: (JSON path, English, French).
const FIELD_LABELS: &[(&str, &str, &str)] = &[
    ("name", "Name", "Nom"),
    ("year", "Year", "Année"),
    ("timezone", "Time zone (IANA)", "Fuseau horaire (IANA)"),
    ("seed", "Seed", "Graine"),
    ("workflow.scheduler.frequency", "Frequency", "Fréquence"),
    (
        "workflow.scheduler.at",
        "At (local date-time)",
        "Le (date-heure locale)",
    ),
    ("workflow.scheduler.times", "Times of day", "Heures"),
    (
        "workflow.scheduler.every",
        "Every N (days / weeks / months)",
        "Tous les N (jours / semaines / mois)",
    ),
    (
        "workflow.scheduler.days",
        "Weekdays (mon … sun)",
        "Jours (mon … sun)",
    ),
    (
        "workflow.scheduler.month_days",
        "Days of month (-1 = last)",
        "Jours du mois (-1 = dernier)",
    ),
    (
        "workflow.scheduler.nth_weekday.nth",
        "Or the Nth weekday: N (1–4, -1)",
        "Ou le Nième jour : N (1–4, -1)",
    ),
    ("workflow.scheduler.nth_weekday.day", "… weekday", "… jour"),
    ("workflow.scheduler.months", "Months (1–12)", "Mois (1–12)"),
    ("workflow.scheduler.dates", "Dates (MM-DD)", "Dates (MM-JJ)"),
    (
        "workflow.scheduler.interval_minutes",
        "Every N minutes",
        "Toutes les N minutes",
    ),
    (
        "workflow.scheduler.window",
        "Window (from, to)",
        "Plage (de, à)",
    ),
    (
        "workflow.scheduler.start",
        "Valid from (date)",
        "Valide du (date)",
    ),
    (
        "workflow.scheduler.end",
        "Valid until (date)",
        "Valide jusqu'au (date)",
    ),
    (
        "workflow.scheduler.max_runs",
        "Max executions",
        "Exécutions max.",
    ),
    (
        "workflow.scheduler.tick_minutes",
        "Server tick (minutes)",
        "Tic du serveur (minutes)",
    ),
    ("workflow.query.filter", "Filter", "Filtre"),
    (
        "workflow.query.leap_day",
        "29 Feb birthdays in other years",
        "Anniversaires du 29 févr. les autres années",
    ),
    (
        "workflow.query.incremental",
        "Incremental query",
        "Requête incrémentale",
    ),
    (
        "workflow.query.history_days",
        "History kept (days, 0 = forever)",
        "Historique conservé (jours, 0 = toujours)",
    ),
    (
        "workflow.delivery.mode",
        "Delivery mode",
        "Mode de diffusion",
    ),
    (
        "workflow.delivery.aggregation",
        "Aggregation period (recurring)",
        "Période d'agrégation (récurrente)",
    ),
    (
        "workflow.delivery.label",
        "Template label",
        "Libellé du modèle",
    ),
    (
        "workflow.delivery.content_changes",
        "Content edits (local date-times)",
        "Modifications du contenu (dates-heures locales)",
    ),
    (
        "outages",
        "Outages (one 'from to' per line)",
        "Interruptions (une « de à » par ligne)",
    ),
    ("missed_runs", "Missed runs", "Exécutions manquées"),
    (
        "tracking.enabled",
        "Tracking (opens, clicks, bounces)",
        "Tracking (ouvertures, clics, rebonds)",
    ),
    (
        "tracking.open_rate",
        "Open rate (0–1)",
        "Taux d'ouverture (0–1)",
    ),
    (
        "tracking.click_rate",
        "Click rate (0–1)",
        "Taux de clic (0–1)",
    ),
    (
        "tracking.optout_rate",
        "Opt-out rate (0–1)",
        "Taux de désinscription (0–1)",
    ),
    (
        "tracking.hard_bounce_rate",
        "Hard bounce rate (0–1)",
        "Taux de rebond dur (0–1)",
    ),
    (
        "tracking.soft_bounce_rate",
        "Soft bounce rate (0–1)",
        "Taux de rebond doux (0–1)",
    ),
    (
        "population.size",
        "Generated recipients",
        "Destinataires générés",
    ),
    (
        "population.signups_per_day",
        "New sign-ups per day",
        "Inscriptions par jour",
    ),
    (
        "population.birthday_known",
        "Share with a birthday (0–1)",
        "Part avec anniversaire (0–1)",
    ),
    (
        "population.invalid_address_rate",
        "Invalid addresses (0–1)",
        "Adresses invalides (0–1)",
    ),
    (
        "population.engaged_share",
        "Engaged share (0–1)",
        "Part d'engagés (0–1)",
    ),
    (
        "pressure.max_messages",
        "Pressure: max messages",
        "Pression : messages max.",
    ),
    (
        "pressure.period_days",
        "… per rolling days",
        "… sur N jours glissants",
    ),
];

/// The label of the scenario field at a JSON path (the panel's editors).
pub fn field_label(lang: Lang, path: &str) -> &'static str {
    let (en, fr) = FIELD_LABELS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map_or(("", ""), |(_, en, fr)| (*en, *fr));
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

use crate::engine::out::journal::{Activity, JournalMessage, WorkflowState};

pub fn activity(lang: Lang, a: Activity) -> &'static str {
    tr(
        lang,
        match a {
            Activity::Start => K::ActStart,
            Activity::Scheduler => K::ActScheduler,
            Activity::Query => K::ActQuery,
            Activity::IncrementalQuery => K::ActIncrementalQuery,
            Activity::Delivery => K::ActDelivery,
            Activity::End => K::ActEnd,
        },
    )
}

/// A workflow state.
pub fn state(lang: Lang, s: WorkflowState) -> &'static str {
    tr(
        lang,
        match s {
            WorkflowState::BeingEdited => K::StateEdited,
            WorkflowState::Started => K::StateStarted,
            WorkflowState::Paused => K::StatePaused,
            WorkflowState::Finished => K::StateFinished,
        },
    )
}

/// "birthdays of 2 Mar": the day a birthday query evaluated.
pub fn birthdays_of(lang: Lang, d: chrono::NaiveDate) -> String {
    fill(
        tr(lang, K::BirthdaysOf),
        &[("day", &{
            use chrono::Datelike;
            super::format::day_month(lang, d.month(), d.day())
        })],
    )
}

/// A query line with the day its filter evaluated and, for a late run, the slot's day
/// whose birthdays it did not take.
fn with_day(
    lang: Lang,
    line: String,
    day: Option<chrono::NaiveDate>,
    slot_day: Option<chrono::NaiveDate>,
) -> String {
    use chrono::Datelike;
    let Some(d) = day else {
        return line;
    };
    let mut out = format!("{line} · {}", birthdays_of(lang, d));
    if let Some(s) = slot_day {
        out.push_str(" · ");
        out.push_str(&fill(
            tr(lang, K::SlotDayNotTaken),
            &[("day", &super::format::day_month(lang, s.month(), s.day()))],
        ));
    }
    out
}

/// A Scheduler's line: it fired (or caught up a slot), and the daylight-saving rule it
/// applied to the slot, if any.
fn fired(
    lang: Lang,
    (scheduled, caught_up): (i64, bool),
    dst: Option<crate::engine::activity::scheduler::DstShift>,
    when: impl Fn(i64) -> String,
) -> String {
    use chrono::{Datelike, Timelike};
    let t = |k: K| tr(lang, k);
    let fired = if caught_up {
        fill(t(K::JCaughtUp), &[("slot", &when(scheduled))])
    } else {
        t(K::JFired).into()
    };
    let Some(d) = dst else { return fired };
    let planned = format!("{:02}:{:02}", d.planned.hour(), d.planned.minute());
    let day = super::format::day_month(lang, d.planned.month(), d.planned.day());
    let at = format!(
        "{:02}:{:02} {}",
        d.ran.hour(),
        d.ran.minute(),
        super::format::utc_offset(d.offset)
    );
    let note = fill(
        t(if d.gap { K::JDstGap } else { K::JDstTwice }),
        &[("time", &planned), ("day", &day), ("at", &at)],
    );
    format!("{fired} · {note}")
}

/// A journal line's message; `when` formats an instant (the scenario's local time).
pub fn journal(
    lang: Lang,
    m: &JournalMessage,
    count_: u32,
    when: impl Fn(i64) -> String,
) -> String {
    let t = |k: K| tr(lang, k);
    let n = |v: u32| super::format::int(lang, u64::from(v));
    let recipients = || count(lang, u64::from(count_), K::RecipientOne, K::RecipientMany);
    match *m {
        JournalMessage::WorkflowStarted => t(K::JStarted).into(),
        JournalMessage::Paused { until } => fill(t(K::JPaused), &[("until", &when(until))]),
        JournalMessage::Resumed { missed } => fill(
            t(K::JResumed),
            &[(
                "missed",
                &count(lang, u64::from(missed), K::MissedSlotOne, K::MissedSlotMany),
            )],
        ),
        JournalMessage::SchedulerFired {
            scheduled,
            caught_up,
            dst,
        } => fired(lang, (scheduled, caught_up), dst, when),
        JournalMessage::QueryDone { day, slot_day } => {
            let done = fill(t(K::JQueryDone), &[("recipients", &recipients())]);
            with_day(lang, done, day, slot_day)
        }
        JournalMessage::QueryEmpty { day, slot_day } => {
            with_day(lang, t(K::JQueryEmpty).into(), day, slot_day)
        }
        JournalMessage::DeliveryCreated {
            delivery,
            content_version,
        } => fill(
            t(K::JCreated),
            &[
                ("delivery", &delivery.to_string()),
                ("version", &content_version.to_string()),
            ],
        ),
        JournalMessage::DeliveryAppended { delivery } => fill(
            t(K::JAppended),
            &[
                ("recipients", &recipients()),
                ("delivery", &delivery.to_string()),
            ],
        ),
        JournalMessage::ContentVersionChanged { from, to } => fill(
            t(K::JContentChanged),
            &[("from", &from.to_string()), ("to", &to.to_string())],
        ),
        JournalMessage::ContentEdited { version } => {
            fill(t(K::JContentEdited), &[("version", &version.to_string())])
        }
        JournalMessage::MessagesProcessed {
            sent,
            failed,
            ignored,
        } => fill(
            t(K::JProcessed),
            &[
                ("sent", &n(sent)),
                ("failed", &n(failed)),
                ("ignored", &n(ignored)),
            ],
        ),
        JournalMessage::WorkflowFinished => t(K::JFinished).into(),
    }
}

use crate::engine::out::logs::{Device, Reason, Status, TrackingKind};
use crate::engine::out::trace::{Matched, TargetingReason, TraceEvent};

/// " (reason)" after a status, or nothing for a sent row.
fn why(lang: Lang, r: Option<Reason>) -> String {
    r.map(|r| format!(" ({})", reason(lang, r)))
        .unwrap_or_default()
}

/// One event of a recipient's year.
pub fn trace_event(lang: Lang, e: &TraceEvent) -> String {
    let t = |k: K| tr(lang, k);
    match *e {
        TraceEvent::Created { .. } => t(K::TJoined).into(),
        TraceEvent::Denylisted { .. } => t(K::TDenylisted).into(),
        TraceEvent::Quarantined { .. } => t(K::TQuarantined).into(),
        TraceEvent::Targeted {
            execution,
            delivery,
            status: st,
            reason: r,
            ..
        } => fill(
            t(K::TTargeted),
            &[
                ("execution", &(execution + 1).to_string()),
                ("delivery", &delivery.to_string()),
                ("status", status(lang, st)),
                ("why", &why(lang, r)),
            ],
        ),
        TraceEvent::Tracked {
            delivery,
            kind,
            url,
            device: d,
            ..
        } => {
            let link = url
                .map(|u| fill(t(K::TLink), &[("n", &(u + 1).to_string())]))
                .unwrap_or_default();
            fill(
                t(K::TTracked),
                &[
                    ("kind", tracking_kind(lang, kind)),
                    ("link", &link),
                    ("device", device(lang, d)),
                    ("delivery", &delivery.to_string()),
                ],
            )
        }
    }
}

/// Why an execution did or did not target a recipient; `when` formats an instant.
pub fn targeting(lang: Lang, r: &TargetingReason, when: impl Fn(i64) -> String) -> String {
    let t = |k: K| tr(lang, k);
    match *r {
        TargetingReason::Targeted {
            broadlog_row,
            status: st,
            row_reason,
            because,
        } => {
            let rule = match because {
                Matched::InBase => t(K::MatchedInBase).to_string(),
                Matched::NotInHistory => t(K::MatchedNotInHistory).to_string(),
                Matched::Birthday { on_month, on_day } => fill(
                    t(K::MatchedBirthday),
                    &[("day", &super::format::day_month(lang, on_month, on_day))],
                ),
            };
            fill(
                t(K::WTargeted),
                &[
                    ("row", &(broadlog_row + 1).to_string()),
                    ("status", status(lang, st)),
                    ("why", &why(lang, row_reason)),
                    ("rule", &rule),
                ],
            )
        }
        TargetingReason::NotYetInBase { created } => {
            fill(t(K::WNotYet), &[("created", &when(created))])
        }
        TargetingReason::InHistory { since, until } => match until {
            Some(u) => fill(
                t(K::WHistoryUntil),
                &[("since", &when(since)), ("until", &when(u))],
            ),
            None => fill(t(K::WHistoryForever), &[("since", &when(since))]),
        },
        TargetingReason::BirthdayMismatch {
            month,
            day,
            on_month,
            on_day,
        } => fill(
            t(K::WBirthday),
            &[
                ("birthday", &super::format::day_month(lang, month, day)),
                ("on", &super::format::day_month(lang, on_month, on_day)),
            ],
        ),
        TargetingReason::NoBirthday => t(K::WNoBirthday).into(),
        TargetingReason::UnknownRecipient => t(K::WUnknownRecipient).into(),
        TargetingReason::UnknownExecution => t(K::WUnknownExecution).into(),
    }
}

/// A broadLog status.
pub fn status(lang: Lang, s: Status) -> &'static str {
    tr(
        lang,
        match s {
            Status::Sent => K::StSent,
            Status::Failed => K::StFailed,
            Status::Ignored => K::StIgnored,
        },
    )
}

/// A broadLog failure reason, in the platform's words.
pub fn reason(lang: Lang, r: Reason) -> &'static str {
    tr(
        lang,
        match r {
            Reason::Sent => K::RsSent,
            Reason::UserUnknown => K::RsUserUnknown,
            Reason::MailboxFull => K::RsMailboxFull,
            Reason::Quarantined => K::RsQuarantined,
            Reason::Denylisted => K::RsDenylisted,
            Reason::ExcludedByArbitration => K::RsArbitration,
        },
    )
}

/// A tracking event kind.
pub fn tracking_kind(lang: Lang, k: TrackingKind) -> &'static str {
    tr(
        lang,
        match k {
            TrackingKind::Open => K::TkOpen,
            TrackingKind::Click => K::TkClick,
            TrackingKind::Optout => K::TkOptout,
            TrackingKind::Mirror => K::TkMirror,
        },
    )
}

/// A tracking device.
pub fn device(lang: Lang, d: Device) -> &'static str {
    tr(
        lang,
        match d {
            Device::Desktop => K::DevDesktop,
            Device::Mobile => K::DevMobile,
            Device::Tablet => K::DevTablet,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number_in_both_languages() {
        assert_eq!(count(Lang::En, 1, K::RowOne, K::RowMany), "1 row");
        assert_eq!(count(Lang::En, 0, K::RowOne, K::RowMany), "0 rows");
        assert_eq!(count(Lang::En, 2080, K::RowOne, K::RowMany), "2,080 rows");
        assert_eq!(count(Lang::Fr, 0, K::RowOne, K::RowMany), "0 ligne");
        assert_eq!(
            count(Lang::Fr, 1, K::ExecutionOne, K::ExecutionMany),
            "1 exécution"
        );
        assert_eq!(
            count(Lang::Fr, 2080, K::RowOne, K::RowMany),
            "2\u{202f}080 lignes"
        );
        assert_eq!(fill("{a}{b}{a}", &[("a", "x"), ("b", "y")]), "xyx");
        // An unknown or unclosed placeholder is left as written.
        assert_eq!(fill("{x} {", &[("n", "1")]), "{x} {");
    }

    #[test]
    fn every_key_has_two_non_empty_texts_and_most_differ() {
        let mut same = 0;
        for k in ALL_KEYS {
            let (en, fr) = (tr(Lang::En, *k), tr(Lang::Fr, *k));
            assert!(!en.is_empty() && !fr.is_empty(), "{k:?}");
            if en == fr {
                same += 1;
            }
        }
        // A few words are the same in both ("Pause"); a table of copies is a bug.
        assert!(same * 10 < ALL_KEYS.len(), "{same} untranslated keys");
    }

    /// `i18n/fr.json` is generated from the key table above (the one source): this test
    /// fails when the committed file differs from the table, and rewrites it when run
    /// with `CAMPAIGN_SIM_WRITE_I18N=1`
    /// (`CAMPAIGN_SIM_WRITE_I18N=1 cargo test --lib i18n`).
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_committed_french_file_is_the_key_table() {
        let mut map = serde_json::Map::new();
        for (k, name) in ALL_KEYS.iter().zip(KEY_NAMES) {
            map.insert(name.to_string(), fr_table(*k).into());
        }
        let expected = serde_json::to_string_pretty(&map).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/fr.json");
        if std::env::var_os("CAMPAIGN_SIM_WRITE_I18N").is_some() {
            std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n")).unwrap();
            std::fs::write(path, &expected).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == expected,
            "i18n/fr.json differs from the key table in src/ui/i18n.rs; regenerate it with \
             CAMPAIGN_SIM_WRITE_I18N=1 cargo test --lib i18n"
        );
        // And the page reads it back, key for key.
        let read = parse_french(&committed).unwrap();
        for (k, text) in ALL_KEYS.iter().zip(&read) {
            assert_eq!(fr_table(*k), text);
        }
        assert!(parse_french("{}")
            .unwrap_err()
            .contains("no text for Title"));
    }
}
