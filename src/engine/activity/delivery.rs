//! The Delivery activity: which delivery an execution appends to (routing by mode,
//! aggregation period and content version), and how the platform labels it.

use super::port::{Context, Handoff, Lines, Port};
use super::send::Send;
use crate::engine::calendar::{Calendar, Instant};
use crate::engine::doc::{parse_local_datetime, Aggregation, DeliverySpec, Mode};
use crate::engine::record::delivery::{BroadlogCounts, DeliveryRecord};
use crate::engine::record::journal::{Activity, JournalMessage};
use crate::engine::record::logs::Reason;
use chrono::NaiveDate;

pub use crate::engine::record::delivery::Period;

/// The template's content versions: the instants of its edits, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContentVersions {
    edits: Vec<Instant>,
}

impl ContentVersions {
    /// The edits of a delivery's `content_changes` (all of them, also those before
    /// the horizon).
    pub fn of(content_changes: &[String], cal: &Calendar) -> ContentVersions {
        let mut edits: Vec<Instant> = content_changes
            .iter()
            .filter_map(|c| parse_local_datetime(c))
            .map(|l| cal.instant(l))
            .collect();
        edits.sort_unstable();
        ContentVersions { edits }
    }

    /// The version in force at `t`: 1 + edits at or before `t` ([`version_at`]).
    pub fn at(&self, t: Instant) -> u32 {
        version_at(&self.edits, t)
    }

    /// The versions that exist at `t` ([`versions_until`]).
    pub fn until(&self, t: Instant) -> Vec<(u32, Option<Instant>)> {
        versions_until(&self.edits, t)
    }

    /// The edit instants, sorted.
    pub fn edits(&self) -> &[Instant] {
        &self.edits
    }
}

/// The content version in force at `t` with a template edited at `edits` (sorted):
/// 1 + the edits at or before `t` (an edit at exactly an execution's instant applies to
/// it; edits before the horizon count).
pub fn version_at(edits: &[Instant], t: Instant) -> u32 {
    1 + edits.partition_point(|e| *e <= t) as u32
}

/// The versions of a template edited at `edits` (sorted) that exist at `t`, oldest
/// first: (version, the edit that made it; `None` for version 1, the template as
/// first written). An edit after `t` has not happened yet.
///
/// ```
/// use campaign_sim::engine::activity::delivery::versions_until;
/// assert_eq!(versions_until(&[100, 200], 150), vec![(1, None), (2, Some(100))]);
/// assert_eq!(versions_until(&[100, 200], 200).len(), 3);
/// ```
pub fn versions_until(edits: &[Instant], t: Instant) -> Vec<(u32, Option<Instant>)> {
    (1..=version_at(edits, t))
        .map(|v| {
            let edit = v
                .checked_sub(2)
                .and_then(|k| edits.get(k as usize))
                .copied();
            (v, edit)
        })
        .collect()
}

/// The label of a delivery as the platform names instances: a recurring instance
/// gets its date (or its period when aggregated), a continuous delivery keeps the
/// template label, with its version after an edit.
pub fn label(
    template: &str,
    recurring: bool,
    date: NaiveDate,
    period: Option<Period>,
    version: u32,
) -> String {
    let base = if template.is_empty() {
        "Delivery"
    } else {
        template
    };
    if recurring {
        let when = period.map_or_else(|| date.format("%Y-%m-%d").to_string(), |p| p.code());
        format!("{base} – {when}")
    } else if version > 1 {
        format!("{base} (v{version})")
    } else {
        base.to_string()
    }
}

/// What the Delivery activity decided for an execution that reached it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Routing {
    /// The delivery the execution's rows go to.
    pub delivery: u32,
    /// A new delivery was created (with this label, period and content version);
    /// `None`: the rows are appended to an existing one.
    pub created: Option<NewDelivery>,
    /// A continuous delivery whose content changed: (its version, the version in
    /// force), so a new delivery object starts.
    pub version_changed: Option<(u32, u32)>,
}

/// A delivery the activity creates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDelivery {
    pub label: String,
    pub period: Option<Period>,
    pub content_version: u32,
    /// A continuous delivery started because the content changed: the delivery it
    /// replaces (later executions append to the new one).
    pub replaces: Option<u32>,
}

/// The Delivery activity of one workflow: its mode, aggregation, template label and
/// content versions, and the delivery it currently appends to.
#[derive(Clone, Debug)]
pub struct Delivery {
    mode: Mode,
    /// Recurring only (continuous deliveries are not aggregated).
    aggregation: Aggregation,
    label: String,
    versions: ContentVersions,
    /// (delivery id, its period, its content version).
    current: Option<(u32, Option<Period>, u32)>,
}

impl Delivery {
    /// The delivery of `spec`, simulated in `mode` with `aggregation` (a compared
    /// variant may differ from the spec's own mode).
    pub fn new(spec: &DeliverySpec, mode: Mode, aggregation: Aggregation, cal: &Calendar) -> Self {
        Delivery {
            mode,
            aggregation: if mode == Mode::Recurring {
                aggregation
            } else {
                Aggregation::None
            },
            label: spec.label.clone(),
            versions: ContentVersions::of(&spec.content_changes, cal),
            current: None,
        }
    }

    /// The mode simulated.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The aggregation simulated (`None` for a continuous delivery).
    pub fn aggregation(&self) -> Aggregation {
        self.aggregation
    }

    /// The template's content versions.
    pub fn versions(&self) -> &ContentVersions {
        &self.versions
    }

    /// Routes an execution at `at` (local date `date`) that reached the activity:
    /// recurring, a new delivery per execution (or per period when aggregated);
    /// continuous, the current delivery until the content version changes. A new
    /// delivery gets the id `next_id` (ids run across every workflow).
    pub fn route(&mut self, at: Instant, date: NaiveDate, next_id: u32) -> Routing {
        let version = self.versions.at(at);
        let period = Period::of(self.aggregation, date);
        let mut version_changed = None;
        let mut replaces = None;
        let reuse = match (self.current, self.mode) {
            (Some((_, p, _)), Mode::Recurring) => {
                self.aggregation != Aggregation::None && p == period
            }
            (Some((id, _, v)), Mode::Continuous) => {
                if v != version {
                    version_changed = Some((v, version));
                    replaces = Some(id);
                }
                v == version
            }
            (None, _) => false,
        };
        if let (true, Some((id, _, _))) = (reuse, self.current) {
            return Routing {
                delivery: id,
                created: None,
                version_changed,
            };
        }
        let recurring = self.mode == Mode::Recurring;
        self.current = Some((next_id, period, version));
        Routing {
            delivery: next_id,
            created: Some(NewDelivery {
                label: label(&self.label, recurring, date, period, version),
                period,
                content_version: version,
                replaces,
            }),
            version_changed,
        }
    }
}

/// The Delivery activity's port: routes the execution to a delivery (creating it
/// when the mode, the period or the content version asks for one), then the send log
/// appends one broadLog row per recipient handed in. It hands on the recipients; its
/// transition shows the messages sent.
impl Port for Delivery {
    fn kind(&self) -> Activity {
        Activity::Delivery
    }

    fn step<'a>(&'a mut self, cx: &mut Context<'a, '_>, handed: &'a [u32]) -> Handoff<'a> {
        let (at, execution, workflow) = (cx.execution.at, cx.index, cx.workflow);
        let count = handed.len() as u32;
        let run = &mut *cx.run;
        let routing = self.route(at, cx.cal.local_date(at), run.deliveries.len() as u32 + 1);
        let mut lines = Lines::default();
        if let Some((from, to)) = routing.version_changed {
            lines.push(JournalMessage::ContentVersionChanged { from, to }, 0);
        }
        let id = routing.delivery;
        match routing.created {
            Some(new) => {
                let content_version = new.content_version;
                lines.push(
                    JournalMessage::DeliveryCreated {
                        delivery: id,
                        content_version,
                    },
                    count,
                );
                run.deliveries.push(DeliveryRecord {
                    id,
                    workflow,
                    label: new.label,
                    created: at,
                    content_version,
                    runs: 0,
                    broadlog: BroadlogCounts::default(),
                    period: new.period,
                    first_execution: execution,
                    last_execution: execution,
                    replaces: new.replaces,
                });
            }
            None => lines.push(JournalMessage::DeliveryAppended { delivery: id }, count),
        }
        let send = Send {
            at,
            execution,
            delivery: id,
            arbitrated: cx.arbitrated,
        };
        let by_reason =
            run.send
                .append(handed, send, cx.pop, &mut run.state, run.tracking.as_mut());
        let mut counts = BroadlogCounts::default();
        for (r, k) in Reason::ALL.iter().zip(by_reason) {
            counts.add_n(*r, k);
        }
        let rec = &mut cx.record;
        rec.delivery = Some(id);
        rec.rows_end = run.send.len() as u32;
        (rec.sent, rec.failed, rec.ignored) = (counts.sent, counts.failed, counts.ignored);
        if let Some(d) = run.deliveries.get_mut(id as usize - 1) {
            d.runs += 1;
            d.last_execution = execution;
            d.broadlog.total += counts.total;
            d.broadlog.sent += counts.sent;
            d.broadlog.failed += counts.failed;
            d.broadlog.ignored += counts.ignored;
        }
        lines.push(
            JournalMessage::MessagesProcessed {
                sent: counts.sent,
                failed: counts.failed,
                ignored: counts.ignored,
            },
            counts.total,
        );
        Handoff {
            recipients: Some(handed),
            count: counts.sent,
            lines,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_week_of_new_year_days_belongs_to_previous_year() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(Period::of(Aggregation::Week, d).unwrap().code(), "2026-W53");
        let d = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap();
        assert_eq!(Period::of(Aggregation::Week, d).unwrap().code(), "2025-W01");
    }

    fn cal() -> Calendar {
        Calendar::new(crate::tz::Zone::named("UTC").unwrap(), 2026)
    }

    fn at(d: u32, h: u32) -> (Instant, NaiveDate) {
        let date = NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        (cal().instant(date.and_hms_opt(h, 0, 0).unwrap()), date)
    }

    #[test]
    fn recurring_creates_one_delivery_per_execution_or_per_period() {
        let spec = DeliverySpec::default();
        let mut d = Delivery::new(&spec, Mode::Recurring, Aggregation::None, &cal());
        let (t, day) = at(5, 9);
        assert_eq!(d.route(t, day, 1).delivery, 1);
        assert!(d.route(t + 3600, day, 2).created.is_some());
        let mut m = Delivery::new(&spec, Mode::Recurring, Aggregation::Month, &cal());
        assert!(m.route(t, day, 1).created.is_some());
        let (t2, day2) = at(12, 9);
        let r = m.route(t2, day2, 2);
        assert_eq!((r.delivery, r.created), (1, None));
    }

    #[test]
    fn continuous_appends_until_the_content_changes() {
        let spec = DeliverySpec {
            mode: Mode::Continuous,
            label: "Welcome".into(),
            content_changes: vec!["2026-01-10T00:00".into()],
            ..DeliverySpec::default()
        };
        let mut d = Delivery::new(&spec, Mode::Continuous, Aggregation::Month, &cal());
        assert_eq!(d.aggregation(), Aggregation::None);
        let (t, day) = at(5, 9);
        assert_eq!(d.route(t, day, 1).created.unwrap().label, "Welcome");
        assert_eq!(d.route(t + 3600, day, 2).created, None);
        let (t2, day2) = at(12, 9);
        let r = d.route(t2, day2, 2);
        assert_eq!(r.version_changed, Some((1, 2)));
        let new = r.created.unwrap();
        assert_eq!((r.delivery, new.content_version), (2, 2));
        assert_eq!(new.replaces, Some(1));
        assert_eq!(new.label, "Welcome (v2)");
    }

    #[test]
    fn labels_name_the_instance() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        assert_eq!(label("News", true, d, None, 1), "News – 2026-01-05");
        let m = Period::of(Aggregation::Month, d);
        assert_eq!(label("News", true, d, m, 1), "News – 2026-01");
        assert_eq!(label("Welcome", false, d, None, 2), "Welcome (v2)");
    }

    /// The port alone: an execution handed two recipients creates delivery 1 and
    /// appends their rows; the next one, after a content edit, starts delivery 2.
    #[test]
    fn the_port_routes_then_writes_the_send_log() {
        use crate::engine::activity::port::{Context, Port, Run};
        use crate::engine::activity::scheduler::Execution;
        use crate::engine::base::population::{BaseSpec, Population};
        use crate::engine::base::state::RecipientState;
        use crate::engine::doc::{Recipient, Recipients};
        use crate::engine::record::execution::ExecutionRecord;
        let recipients: Recipients = (1..=2)
            .map(|id| Recipient {
                id,
                email: format!("r{id}@x.test"),
                ..Recipient::default()
            })
            .collect();
        let cal = cal();
        let spec = BaseSpec {
            recipients: &recipients,
            generated: None,
            seed: 0,
        };
        let pop = Population::build(spec, &cal);
        let mut run = Run {
            state: RecipientState::new(&pop, false, None),
            ..Run::default()
        };
        let spec = DeliverySpec {
            mode: Mode::Continuous,
            content_changes: vec!["2026-01-10T00:00".into()],
            ..DeliverySpec::default()
        };
        let mut d = Delivery::new(&spec, Mode::Continuous, Aggregation::None, &cal);
        let step = |d: &mut Delivery, run: &mut Run, at: Instant, index: u32| {
            let execution = Execution {
                at,
                scheduled: at,
                caught_up: false,
                dst: None,
            };
            let mut cx = Context {
                execution,
                index,
                workflow: 0,
                arbitrated: true,
                pop: &pop,
                cal: &cal,
                run,
                record: ExecutionRecord {
                    workflow: 0,
                    at,
                    scheduled: at,
                    caught_up: false,
                    targeted: 2,
                    delivery: None,
                    rows_start: 0,
                    rows_end: 0,
                    content_version: 1,
                    sent: 0,
                    failed: 0,
                    ignored: 0,
                },
            };
            let out = d.step(&mut cx, &[0, 1]);
            (
                out.recipients.map(<[u32]>::len),
                out.count,
                out.lines.len(),
                cx.record,
            )
        };
        let (t, _) = at(5, 9);
        let (handed, sent, lines, rec) = step(&mut d, &mut run, t, 0);
        assert_eq!((handed, sent, lines), (Some(2), 2, 2));
        assert_eq!((rec.delivery, rec.rows_end, rec.sent), (Some(1), 2, 2));
        let (t2, _) = at(12, 9);
        let (_, _, lines, rec) = step(&mut d, &mut run, t2, 1);
        // Version changed, delivery created, messages processed.
        assert_eq!((lines, rec.delivery, rec.rows_end), (3, Some(2), 4));
        assert_eq!(run.deliveries.len(), 2);
        assert_eq!(run.deliveries[1].content_version, 2);
        // The new continuous delivery says which one it replaces; the first none.
        assert_eq!(
            (run.deliveries[0].replaces, run.deliveries[1].replaces),
            (None, Some(1))
        );
        assert_eq!(d.kind(), Activity::Delivery);
    }
}
