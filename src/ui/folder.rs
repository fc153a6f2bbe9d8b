//! The delivery template in the platform's resources folder, as of the clock: each
//! content version (the initial one, then one per edit of the creative in the
//! workflow), and which deliveries of each mode used it — for a continuous delivery,
//! which of its executions. Pure: it reads the outcomes' deliveries and edits.

use super::model::Sim;
use crate::engine::calendar::Instant;
use crate::engine::sim::Side;

/// One delivery that used a version, and the executions that appended to it so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryUse {
    pub id: u32,
    /// First and last execution (indexes) that appended to it, and how many did.
    pub first: usize,
    pub last: usize,
    pub runs: usize,
}

/// One content version of the template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub version: u32,
    /// When the creative was edited to make this version (`None`: the initial content).
    pub edited: Option<Instant>,
    /// Per compared mode, the deliveries created with this version.
    pub used_by: Vec<(Side, Vec<DeliveryUse>)>,
}

/// The versions of workflow `workflow`'s template that exist at `as_of` (an edit after
/// the clock has not happened yet), with the deliveries created by then.
pub fn versions(sim: &Sim, workflow: usize, as_of: Instant) -> Vec<Version> {
    let Some(own) = sim.outcome(sim.own()) else {
        return Vec::new();
    };
    // Which versions exist by then is the Delivery's rule (the engine's).
    let Some(existing) = own.workflows().get(workflow).map(|w| w.versions_at(as_of)) else {
        return Vec::new();
    };
    existing
        .into_iter()
        .map(|(v, edited)| Version {
            version: v,
            edited,
            // The compared workflow is used in every column, each in that column's
            // mode; another workflow runs in its own mode everywhere: one line, from
            // the document's own year.
            used_by: sim
                .columns
                .iter()
                .enumerate()
                .filter(|(i, _)| workflow == sim.compared || *i == sim.own())
                .map(|(_, c)| {
                    let o = &c.outcome;
                    let done = o.executions_until(as_of);
                    let uses = o
                        .deliveries()
                        .iter()
                        .filter(|d| {
                            usize::from(d.workflow) == workflow
                                && d.content_version == v
                                && d.created <= as_of
                        })
                        .map(|d| {
                            let runs: Vec<usize> = o
                                .executions()
                                .get(..done)
                                .unwrap_or(&[])
                                .iter()
                                .enumerate()
                                .skip(d.first_execution as usize)
                                .take_while(|(i, _)| *i <= d.last_execution as usize)
                                .filter(|(_, e)| e.delivery == Some(d.id))
                                .map(|(i, _)| i)
                                .collect();
                            DeliveryUse {
                                id: d.id,
                                first: runs.first().copied().unwrap_or(d.first_execution as usize),
                                last: runs.last().copied().unwrap_or(d.first_execution as usize),
                                runs: runs.len(),
                            }
                        })
                        .collect();
                    let mode = if workflow == sim.compared {
                        c.side
                    } else {
                        sim.side_of(workflow)
                    };
                    (mode, uses)
                })
                .collect(),
        })
        .collect()
}

/// Delivery ids as compact ranges: `[1, 2, 3, 5]` → `"#1–#3, #5"`.
pub fn id_ranges(ids: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&a) = ids.get(i) {
        let mut b = a;
        while ids.get(i + 1) == Some(&(b + 1)) {
            b += 1;
            i += 1;
        }
        out.push(if a == b {
            format!("#{a}")
        } else {
            format!("#{a}–#{b}")
        });
        i += 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::doc::parse;
    use crate::ui::presets::preset;

    fn sim(edit: &str) -> Sim {
        let mut s = parse(preset("weekly-newsletter-recurring").unwrap().json).unwrap();
        if let Some(w) = s.workflow.as_mut() {
            w.delivery.content_changes = vec![edit.to_string()];
        }
        Sim::new(s).unwrap()
    }

    #[test]
    fn an_edit_makes_a_second_version_used_by_the_later_deliveries() {
        let s = sim("2026-06-15T10:00");
        let end = s.cal.horizon_end;
        let v = versions(&s, 0, end);
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].edited, None);
        assert_eq!(
            s.cal.rfc3339(v[1].edited.unwrap()),
            "2026-06-15T10:00:00+02:00"
        );
        let of = |k: usize, m: Side| {
            v[k].used_by
                .iter()
                .find(|(x, _)| *x == m)
                .map(|(_, u)| u.clone())
                .unwrap()
        };
        // Recurring: Mondays up to 8 Jun are v1 (#1–#23), from 22 Jun v2 (#24–#52)…
        let r1: Vec<u32> = of(0, Side::Recurring).iter().map(|u| u.id).collect();
        let r2: Vec<u32> = of(1, Side::Recurring).iter().map(|u| u.id).collect();
        assert_eq!(id_ranges(&r1), "#1–#24");
        assert_eq!(id_ranges(&r2), "#25–#52");
        // …continuous: one delivery per version, each with its executions.
        let c1 = of(0, Side::Continuous);
        let c2 = of(1, Side::Continuous);
        assert_eq!((c1.len(), c2.len()), (1, 1));
        assert_eq!(
            (c1[0].id, c1[0].first, c1[0].last, c1[0].runs),
            (1, 0, 23, 24)
        );
        assert_eq!(
            (c2[0].id, c2[0].first, c2[0].last, c2[0].runs),
            (2, 24, 51, 28)
        );
    }

    #[test]
    fn before_the_edit_the_folder_holds_one_version() {
        let s = sim("2026-06-15T10:00");
        let before = s.cal.horizon_start + 100 * 86_400;
        assert_eq!(versions(&s, 0, before).len(), 1);
        assert_eq!(id_ranges(&[]), "");
        assert_eq!(id_ranges(&[4]), "#4");
        assert_eq!(id_ranges(&[1, 2, 3, 5, 7, 8]), "#1–#3, #5, #7–#8");
    }

    #[test]
    fn a_workflow_not_compared_is_listed_once_in_its_own_mode() {
        let s =
            Sim::new(parse(preset("several-workflows-one-base").unwrap().json).unwrap()).unwrap();
        let end = s.cal.horizon_end;
        // The compared newsletter: one line per column.
        assert_eq!(versions(&s, 0, end)[0].used_by.len(), 2);
        // The birthday mail (recurring) and the welcome mail (continuous): one line each.
        let birthday = &versions(&s, 1, end)[0].used_by;
        assert_eq!(birthday.len(), 1);
        assert_eq!(birthday[0].0, Side::Recurring);
        let welcome = &versions(&s, 2, end)[0].used_by;
        assert_eq!(welcome.len(), 1);
        assert_eq!(welcome[0].0, Side::Continuous);
        assert_eq!(welcome[0].1.len(), 1, "one continuous delivery");
    }
}
