//! Every string the page shows, in English and French, in one place.
//!
//! Components ask `tr(lang, K::Play)`; engine enums (statuses, reasons, journal
//! messages) are translated by the `*_label` helpers next to the views that use them,
//! which call back into this module.

pub use crate::engine::doc::describe::Lang;

/// Declares the key enum and its table (English, French) in one go, so a missing
/// translation is a compile error.
macro_rules! impl_keys {
    ($($k:ident => ($en:expr, $fr:expr)),* $(,)?) => {
        /// A UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($k),* }

        /// The text of `k` in `lang`.
        pub fn tr(lang: Lang, k: K) -> &'static str {
            match (k, lang) {
                $((K::$k, Lang::En) => $en, (K::$k, Lang::Fr) => $fr,)*
            }
        }

        /// Every key (tests check that no text is missing).
        pub const ALL_KEYS: &[K] = &[$(K::$k),*];
    };
}

impl_keys! {
    Title => ("Recurring vs continuous deliveries", "Diffusions récurrentes ou continues"),
    Tagline => (
        "Simulate a year of a targeting workflow (Scheduler → Query → Delivery) and watch what the platform creates.",
        "Simulez un an d'un workflow de ciblage (Planificateur → Requête → Diffusion) et voyez ce que la plateforme crée."
    ),
    Explain => (
        "A recurring delivery creates a new delivery instance from its template at every execution: a weekly newsletter gives 52 deliveries, each with its own broadLog and tracking log. A continuous delivery is one delivery to which every execution appends the newly targeted recipients: one broadLog that grows run after run, one set of KPIs whose denominators grow. Editing the content of a continuous delivery starts a new delivery object.",
        "Une diffusion récurrente crée une nouvelle instance de diffusion à partir de son modèle à chaque exécution : une newsletter hebdomadaire donne 52 diffusions, chacune avec ses propres logs de diffusion (broadLog) et de tracking. Une diffusion continue est une seule diffusion à laquelle chaque exécution ajoute les destinataires nouvellement ciblés : un seul broadLog qui grossit d'exécution en exécution, un seul jeu d'indicateurs dont les dénominateurs augmentent. Modifier le contenu d'une diffusion continue crée un nouvel objet diffusion."
    ),
    Language => ("Language", "Langue"),
    CopyLink => ("Copy link", "Copier le lien"),
    LinkCopied => ("Link copied: it opens this scenario at this date.", "Lien copié : il ouvre ce scénario à cette date."),
    CopyThisLink => ("Copy this link:", "Copiez ce lien :"),
    Export => ("Export", "Exporter"),
    ExportHint => (
        "What the tables show: the selected delivery (or all), up to the simulated clock.",
        "Ce que montrent les tableaux : la diffusion choisie (ou toutes), jusqu'à l'horloge simulée."
    ),
    YearSummary => ("Year summary (JSON)", "Bilan de l'année (JSON)"),
    DownloadScenario => ("Download scenario (JSON)", "Télécharger le scénario (JSON)"),
    ImportScenario => ("Import a scenario…", "Importer un scénario…"),
    Imported => ("Imported", "Importé :"),
    ImportFailed => ("The file could not be read.", "Le fichier n'a pas pu être lu."),
    WhatIs => ("Recurring or continuous: what is the difference?", "Récurrente ou continue : quelle différence ?"),
    Preset => ("Scenario preset", "Scénario prédéfini"),
    Custom => ("Custom scenario", "Scénario personnalisé"),
    PresetWeekly => ("Weekly newsletter (recurring)", "Newsletter hebdomadaire (récurrente)"),
    PresetBirthday => ("Birthday email, daily (recurring)", "Anniversaire, quotidien (récurrente)"),
    PresetWelcome => ("Welcome email, incremental (continuous)", "Bienvenue, requête incrémentale (continue)"),
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
        "Pourquoi autant ? Récurrente : une diffusion par exécution qui a ciblé quelqu'un. Continue : une seule diffusion, plus une par changement de contenu."
    ),
    HintRecurring => ("one new delivery instance per execution", "une nouvelle instance de diffusion par exécution"),
    HintContinuous => ("one delivery; each execution appends to it", "une seule diffusion ; chaque exécution s'y ajoute"),
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
        "Tous les champs du document de scénario. Une valeur refusée par le moteur est gardée telle quelle et son message affiché à côté ; la page garde la dernière simulation valide."
    ),
    Workflow => ("Workflow", "Workflow"),
    WorkflowHint => (
        "The targeting workflow as the platform draws it. Each transition shows what it carried at the current execution; when the query returns nobody, the delivery does not run.",
        "Le workflow de ciblage tel que la plateforme le dessine. Chaque transition montre ce qu'elle a transporté à l'exécution courante ; quand la requête ne renvoie personne, la diffusion n'est pas exécutée."
    ),
    IncrementalHint => (
        "An incremental query leaves out everyone it returned before: after the first run it only returns newcomers, so it often returns 0.",
        "Une requête incrémentale écarte tous ceux qu'elle a déjà renvoyés : après la première exécution elle ne renvoie que les nouveaux, d'où souvent 0."
    ),
    State => ("Workflow state", "État du workflow"),
    CurrentExecution => ("Current execution", "Exécution courante"),
    NoExecutionYet => ("No execution yet", "Pas encore d'exécution"),
    CaughtUp => ("caught up", "rattrapée"),
    Journal => ("Journal", "Journal"),
    JournalHint => ("Newest first, up to the clock.", "Du plus récent au plus ancien, jusqu'à l'horloge."),
    Explorer => ("Deliveries, as the platform lists them", "Les diffusions, comme la plateforme les liste"),
    ExplorerRecurring => (
        "Recurring: a folder of delivery instances, one per execution that targeted someone, each labelled with its date. Each has its own broadLog and tracking log.",
        "Récurrente : un dossier d'instances de diffusion, une par exécution ayant ciblé quelqu'un, chacune libellée avec sa date. Chacune a son broadLog et son log de tracking."
    ),
    ExplorerContinuous => (
        "Continuous: one delivery; each execution appends its newly targeted recipients to the same broadLog. A content edit starts a new delivery object (a fork).",
        "Continue : une seule diffusion ; chaque exécution ajoute ses nouveaux ciblés au même broadLog. Une modification du contenu crée un nouvel objet diffusion (une bifurcation)."
    ),
    ExplorerAggregated => (
        "Aggregated: executions whose date falls in one period share one delivery.",
        "Agrégée : les exécutions d'une même période partagent une diffusion."
    ),
    AllDeliveries => ("All deliveries", "Toutes les diffusions"),
    NoDeliveryYet => ("No delivery yet at this date.", "Pas encore de diffusion à cette date."),
    Runs => ("executions", "exécutions"),
    Rows => ("rows", "lignes"),
    ContentVersion => ("content", "contenu"),
    Fork => ("new delivery after a content change", "nouvelle diffusion après un changement de contenu"),
    Additions => ("Additions per execution", "Ajouts par exécution"),
    ShownNewest => ("Showing the newest", "Affichage des plus récentes :"),
    BroadLog => ("broadLog (send log)", "broadLog (log de diffusion)"),
    TrackingLog => ("Tracking log", "Log de tracking"),
    TrackingOff => ("Tracking is off in this scenario: no opens, clicks or random bounces.", "Le tracking est désactivé dans ce scénario : ni ouvertures, ni clics, ni rebonds aléatoires."),
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
    RowsMatching => ("row(s) match", "ligne(s) correspondent"),
    RowHint => ("Click a row to trace its recipient.", "Cliquez une ligne pour suivre son destinataire."),
    Trace => ("Recipient trace", "Parcours d'un destinataire"),
    TraceHint => (
        "Pick a recipient (or click a broadLog row) to see their year, and why any execution did or did not target them.",
        "Choisissez un destinataire (ou cliquez une ligne du broadLog) pour voir son année, et pourquoi une exécution l'a ciblé ou non."
    ),
    RecipientId => ("Recipient id", "Id du destinataire"),
    ExecutionNo => ("Execution #", "Exécution n°"),
    WhyTitle => ("At this execution", "À cette exécution"),
    UnknownRecipient => ("No recipient has this id.", "Aucun destinataire n'a cet id."),
    NoEventYet => ("Nothing yet at this date.", "Rien encore à cette date."),
    Charts => ("The year in charts", "L'année en graphiques"),
    ChartCalendar => ("Executions of the year (scenario's own mode)", "Exécutions de l'année (mode du scénario)"),
    Missed => ("missed in an outage", "manquée pendant une interruption"),
    LegendRun => ("execution", "exécution"),
    ChartRows => ("Cumulative log rows over the year", "Lignes de log cumulées sur l'année"),
    LegendRows => ("solid: broadLog rows, dashed: tracking rows; the vertical line is the clock", "plein : lignes broadLog, tirets : lignes de tracking ; la ligne verticale est l'horloge"),
    ChartRates => ("Open rate: each recurring delivery vs the continuous delivery's running rate", "Taux d'ouverture : chaque diffusion récurrente vs le taux cumulé de la diffusion continue"),
    LegendPerDelivery => ("one recurring delivery (final rate)", "une diffusion récurrente (taux final)"),
    LegendRunning => ("continuous delivery, running rate", "diffusion continue, taux cumulé"),
    ColBroadlogRow => ("BL row", "Ligne BL"),
    LogStorage => ("Log storage (approx.)", "Stockage des logs (approx.)"),
    TrackingHintCompare => (
        "Tracking is off in this scenario: switch it on in the scenario panel (Tracking) to compare open and click rates between the modes.",
        "Le tracking est désactivé dans ce scénario : activez-le dans le panneau Scénario (Tracking) pour comparer les taux d'ouverture et de clic entre les modes."
    ),
    OutageHint => (
        "While the server is down (or the workflow paused) no slot fires; at the end of the outage the missed-run policy decides: once (one late run standing for the latest missed slot), all (one late run per missed slot) or skip. The calendar and the journal show which runs happened, and when.",
        "Pendant que le serveur est arrêté (ou le workflow en pause) aucun créneau ne se déclenche ; à la fin de l'interruption la politique décide : once (une exécution tardive pour le dernier créneau manqué), all (une par créneau manqué) ou skip. Le calendrier et le journal montrent quelles exécutions ont eu lieu, et quand."
    ),
    DstHint => (
        "Times are local to the workflow's time zone: a slot in the spring-forward gap (02:30) runs at the first instant after it (03:30), a slot in the repeated autumn hour runs once, at its first occurrence.",
        "Les heures sont locales au fuseau du workflow : un créneau dans le trou du passage à l'heure d'été (02:30) s'exécute juste après (03:30), un créneau dans l'heure répétée d'automne ne s'exécute qu'une fois, à sa première occurrence."
    ),
    Scenario => ("Scenario", "Scénario"),
    Schedule => ("Schedule", "Planification"),
    NextExecutions => ("Next executions", "Prochaines exécutions"),
    RawJson => ("Scenario JSON", "JSON du scénario"),
    Apply => ("Apply", "Appliquer"),
    Invalid => ("The scenario is invalid; the last valid simulation is shown.", "Le scénario est invalide ; la dernière simulation valide est affichée."),
}

/// Lang's short code for `<html lang>` and the switch.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Fr => "fr",
    }
}

/// The label of the scenario field at a JSON path (the panel's editors).
pub fn field_label(lang: Lang, path: &str) -> &'static str {
    let (en, fr) = match path {
        "name" => ("Name", "Nom"),
        "year" => ("Year", "Année"),
        "timezone" => ("Time zone (IANA)", "Fuseau horaire (IANA)"),
        "seed" => ("Seed", "Graine"),
        "workflow.scheduler.frequency" => ("Frequency", "Fréquence"),
        "workflow.scheduler.at" => ("At (local date-time)", "Le (date-heure locale)"),
        "workflow.scheduler.times" => ("Times of day", "Heures"),
        "workflow.scheduler.every" => (
            "Every N (days / weeks / months)",
            "Tous les N (jours / semaines / mois)",
        ),
        "workflow.scheduler.days" => ("Weekdays (mon … sun)", "Jours (mon … sun)"),
        "workflow.scheduler.month_days" => {
            ("Days of month (-1 = last)", "Jours du mois (-1 = dernier)")
        }
        "workflow.scheduler.nth_weekday.nth" => (
            "Or the Nth weekday: N (1–4, -1)",
            "Ou le Nième jour : N (1–4, -1)",
        ),
        "workflow.scheduler.nth_weekday.day" => ("… weekday", "… jour"),
        "workflow.scheduler.months" => ("Months (1–12)", "Mois (1–12)"),
        "workflow.scheduler.dates" => ("Dates (MM-DD)", "Dates (MM-JJ)"),
        "workflow.scheduler.interval_minutes" => ("Every N minutes", "Toutes les N minutes"),
        "workflow.scheduler.window" => ("Window (from, to)", "Plage (de, à)"),
        "workflow.scheduler.start" => ("Valid from (date)", "Valide du (date)"),
        "workflow.scheduler.end" => ("Valid until (date)", "Valide jusqu'au (date)"),
        "workflow.scheduler.max_runs" => ("Max executions", "Exécutions max."),
        "workflow.scheduler.tick_minutes" => ("Server tick (minutes)", "Tic du serveur (minutes)"),
        "workflow.query.filter" => ("Filter", "Filtre"),
        "workflow.query.leap_day" => (
            "29 Feb birthdays in other years",
            "Anniversaires du 29 févr. les autres années",
        ),
        "workflow.query.incremental" => ("Incremental query", "Requête incrémentale"),
        "workflow.query.history_days" => (
            "History kept (days, 0 = forever)",
            "Historique conservé (jours, 0 = toujours)",
        ),
        "workflow.delivery.mode" => ("Delivery mode", "Mode de diffusion"),
        "workflow.delivery.aggregation" => (
            "Aggregation period (recurring)",
            "Période d'agrégation (récurrente)",
        ),
        "workflow.delivery.label" => ("Template label", "Libellé du modèle"),
        "workflow.delivery.content_changes" => (
            "Content edits (local date-times)",
            "Modifications du contenu (dates-heures locales)",
        ),
        "outages" => (
            "Outages (one 'from to' per line)",
            "Interruptions (une « de à » par ligne)",
        ),
        "missed_runs" => ("Missed runs", "Exécutions manquées"),
        "tracking.enabled" => (
            "Tracking (opens, clicks, bounces)",
            "Tracking (ouvertures, clics, rebonds)",
        ),
        "tracking.open_rate" => ("Open rate (0–1)", "Taux d'ouverture (0–1)"),
        "tracking.click_rate" => ("Click rate (0–1)", "Taux de clic (0–1)"),
        "tracking.optout_rate" => ("Opt-out rate (0–1)", "Taux de désinscription (0–1)"),
        "tracking.hard_bounce_rate" => ("Hard bounce rate (0–1)", "Taux de rebond dur (0–1)"),
        "tracking.soft_bounce_rate" => ("Soft bounce rate (0–1)", "Taux de rebond doux (0–1)"),
        "population.size" => ("Generated recipients", "Destinataires générés"),
        "population.signups_per_day" => ("New sign-ups per day", "Inscriptions par jour"),
        "population.birthday_known" => (
            "Share with a birthday (0–1)",
            "Part avec anniversaire (0–1)",
        ),
        "population.invalid_address_rate" => {
            ("Invalid addresses (0–1)", "Adresses invalides (0–1)")
        }
        "population.engaged_share" => ("Engaged share (0–1)", "Part d'engagés (0–1)"),
        "pressure.max_messages" => ("Pressure: max messages", "Pression : messages max."),
        "pressure.period_days" => ("… per rolling days", "… sur N jours glissants"),
        _ => ("", ""),
    };
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

use crate::engine::out::journal::{Activity, JournalMessage, WorkflowState};

/// An activity's name as the platform's workflow editor shows it.
pub fn activity(lang: Lang, a: Activity) -> &'static str {
    let (en, fr) = match a {
        Activity::Start => ("Start", "Début"),
        Activity::Scheduler => ("Scheduler", "Planificateur"),
        Activity::Query => ("Query", "Requête"),
        Activity::IncrementalQuery => ("Incremental query", "Requête incrémentale"),
        Activity::Delivery => ("Delivery", "Diffusion"),
        Activity::End => ("End", "Fin"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// A workflow state.
pub fn state(lang: Lang, s: WorkflowState) -> &'static str {
    let (en, fr) = match s {
        WorkflowState::BeingEdited => ("Being edited", "En édition"),
        WorkflowState::Started => ("Started", "Démarré"),
        WorkflowState::Paused => ("Paused (server down)", "En pause (serveur arrêté)"),
        WorkflowState::Finished => ("Finished", "Terminé"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// A journal line's message; `when` formats an instant (the scenario's local time).
pub fn journal(lang: Lang, m: &JournalMessage, count: u32, when: impl Fn(i64) -> String) -> String {
    let fr = lang == Lang::Fr;
    match *m {
        JournalMessage::WorkflowStarted => if fr {
            "Workflow démarré"
        } else {
            "Workflow started"
        }
        .into(),
        JournalMessage::Paused { until } => {
            if fr {
                format!(
                    "Serveur arrêté / workflow en pause jusqu'au {}",
                    when(until)
                )
            } else {
                format!("Server down / workflow paused until {}", when(until))
            }
        }
        JournalMessage::Resumed { missed } => {
            if fr {
                format!("Reprise : {missed} créneau(x) manqué(s) pendant l'interruption")
            } else {
                format!("Resumed: {missed} slot(s) missed during the outage")
            }
        }
        JournalMessage::SchedulerFired {
            scheduled,
            caught_up: true,
        } => {
            if fr {
                format!(
                    "Exécution de rattrapage pour le créneau du {}",
                    when(scheduled)
                )
            } else {
                format!("Caught-up run for the slot of {}", when(scheduled))
            }
        }
        JournalMessage::SchedulerFired { .. } => if fr {
            "Le planificateur s'est déclenché"
        } else {
            "The scheduler fired"
        }
        .into(),
        JournalMessage::QueryDone => {
            if fr {
                format!("{count} destinataire(s) ciblé(s) – Ok")
            } else {
                format!("{count} recipient(s) targeted – Ok")
            }
        }
        JournalMessage::QueryEmpty => {
            if fr {
                "La requête n'a renvoyé personne : la diffusion n'est pas exécutée".into()
            } else {
                "The query returned nobody: the delivery does not run".into()
            }
        }
        JournalMessage::DeliveryCreated {
            delivery,
            content_version,
        } => {
            if fr {
                format!("Diffusion n°{delivery} créée (contenu v{content_version})")
            } else {
                format!("Delivery #{delivery} created (content v{content_version})")
            }
        }
        JournalMessage::DeliveryAppended { delivery } => {
            if fr {
                format!("{count} destinataire(s) ajouté(s) à la diffusion n°{delivery}")
            } else {
                format!("{count} recipient(s) appended to delivery #{delivery}")
            }
        }
        JournalMessage::ContentVersionChanged { from, to } => {
            if fr {
                format!("Le contenu a changé (v{from} → v{to}) : nouvel objet diffusion")
            } else {
                format!("Content changed (v{from} → v{to}): a new delivery object")
            }
        }
        JournalMessage::ContentEdited { version } => {
            if fr {
                format!("Contenu modifié : le modèle passe en version {version}")
            } else {
                format!("Content edited: the template is now version {version}")
            }
        }
        JournalMessage::MessagesProcessed {
            sent,
            failed,
            ignored,
        } => {
            if fr {
                format!("{sent} envoyé(s), {failed} en échec, {ignored} ignoré(s)")
            } else {
                format!("{sent} sent, {failed} failed, {ignored} ignored")
            }
        }
        JournalMessage::WorkflowFinished => if fr {
            "Workflow terminé"
        } else {
            "Workflow finished"
        }
        .into(),
    }
}

use crate::engine::out::logs::{Device, Reason, Status, TrackingKind};
use crate::engine::out::trace::{TargetingReason, TraceEvent};

/// One event of a recipient's year.
pub fn trace_event(lang: Lang, e: &TraceEvent) -> String {
    let fr = lang == Lang::Fr;
    match *e {
        TraceEvent::Created { .. } => if fr {
            "Entre dans la base"
        } else {
            "Joined the base"
        }
        .into(),
        TraceEvent::Denylisted { .. } => if fr {
            "Désinscrit : profil en liste de blocage"
        } else {
            "Opted out: profile denylisted"
        }
        .into(),
        TraceEvent::Quarantined { .. } => if fr {
            "Adresse mise en quarantaine"
        } else {
            "Address quarantined"
        }
        .into(),
        TraceEvent::Targeted {
            execution,
            delivery,
            status: st,
            reason: r,
            ..
        } => {
            let why = r
                .map(|r| format!(" ({})", reason(lang, r)))
                .unwrap_or_default();
            if fr {
                format!(
                    "Ciblé par l'exécution n°{} → diffusion n°{delivery} : {}{why}",
                    execution + 1,
                    status(lang, st)
                )
            } else {
                format!(
                    "Targeted by execution #{} → delivery #{delivery}: {}{why}",
                    execution + 1,
                    status(lang, st)
                )
            }
        }
        TraceEvent::Tracked {
            delivery,
            kind,
            url,
            device: d,
            ..
        } => {
            let link = url
                .map(|u| format!(" {} {}", if fr { "lien" } else { "link" }, u + 1))
                .unwrap_or_default();
            format!(
                "{}{link} ({}) — {} #{delivery}",
                tracking_kind(lang, kind),
                device(lang, d),
                if fr { "diffusion" } else { "delivery" }
            )
        }
    }
}

/// Why an execution did or did not target a recipient; `when` formats an instant.
pub fn targeting(lang: Lang, r: &TargetingReason, when: impl Fn(i64) -> String) -> String {
    let fr = lang == Lang::Fr;
    match *r {
        TargetingReason::Targeted {
            broadlog_row,
            status: st,
            row_reason,
        } => {
            let why = row_reason
                .map(|x| format!(" ({})", reason(lang, x)))
                .unwrap_or_default();
            if fr {
                format!(
                    "Ciblé : ligne broadLog {} — {}{why}",
                    broadlog_row + 1,
                    status(lang, st)
                )
            } else {
                format!(
                    "Targeted: broadLog row {} — {}{why}",
                    broadlog_row + 1,
                    status(lang, st)
                )
            }
        }
        TargetingReason::NotYetInBase { created } => {
            if fr {
                format!(
                    "Pas ciblé : pas encore dans la base (créé le {})",
                    when(created)
                )
            } else {
                format!(
                    "Not targeted: not in the base yet (created {})",
                    when(created)
                )
            }
        }
        TargetingReason::InHistory { since, until } => {
            let until = until.map(&when);
            match (fr, until) {
                (true, Some(u)) => format!("Pas ciblé : dans l'historique de la requête incrémentale depuis le {} (libre à nouveau le {u})", when(since)),
                (true, None) => format!("Pas ciblé : dans l'historique de la requête incrémentale depuis le {} (conservé pour toujours)", when(since)),
                (false, Some(u)) => format!("Not targeted: in the incremental query's history since {} (free again from {u})", when(since)),
                (false, None) => format!("Not targeted: in the incremental query's history since {} (kept forever)", when(since)),
            }
        }
        TargetingReason::BirthdayMismatch { month, day } => {
            if fr {
                format!("Pas ciblé : son anniversaire ({day:02}/{month:02}) n'est pas ce jour-là")
            } else {
                format!("Not targeted: their birthday ({month:02}-{day:02}) is not that day")
            }
        }
        TargetingReason::NoBirthday => {
            if fr {
                "Pas ciblé : pas de date d'anniversaire".into()
            } else {
                "Not targeted: no birthday on file".into()
            }
        }
        TargetingReason::UnknownRecipient => if fr {
            "Aucun destinataire n'a cet id"
        } else {
            "No recipient has this id"
        }
        .into(),
        TargetingReason::UnknownExecution => if fr {
            "Aucune exécution n'a ce numéro"
        } else {
            "No execution has this number"
        }
        .into(),
    }
}

/// A broadLog status.
pub fn status(lang: Lang, s: Status) -> &'static str {
    let (en, fr) = match s {
        Status::Sent => ("Sent", "Envoyé"),
        Status::Failed => ("Failed", "En échec"),
        Status::Ignored => ("Ignored", "Ignoré"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// A broadLog failure reason, in the platform's words.
pub fn reason(lang: Lang, r: Reason) -> &'static str {
    let (en, fr) = match r {
        Reason::Sent => ("—", "—"),
        Reason::UserUnknown => ("User unknown (hard)", "Utilisateur inconnu (dur)"),
        Reason::MailboxFull => ("Mailbox full (soft)", "Boîte pleine (doux)"),
        Reason::Quarantined => ("Quarantined address", "Adresse en quarantaine"),
        Reason::Denylisted => ("Denylisted (opted out)", "En liste de blocage (désinscrit)"),
        Reason::ExcludedByArbitration => ("Excluded by arbitration", "Exclu par l'arbitrage"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// A tracking event kind.
pub fn tracking_kind(lang: Lang, k: TrackingKind) -> &'static str {
    let (en, fr) = match k {
        TrackingKind::Open => ("Open", "Ouverture"),
        TrackingKind::Click => ("Click", "Clic"),
        TrackingKind::Optout => ("Opt-out click", "Clic de désinscription"),
        TrackingKind::Mirror => ("Mirror page view", "Vue de la page miroir"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// A tracking device.
pub fn device(lang: Lang, d: Device) -> &'static str {
    let (en, fr) = match d {
        Device::Desktop => ("Desktop", "Ordinateur"),
        Device::Mobile => ("Mobile", "Mobile"),
        Device::Tablet => ("Tablet", "Tablette"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
