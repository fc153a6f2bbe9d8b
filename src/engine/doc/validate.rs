//! The whole document's check: every part's own check, in document order, given the
//! path it sits at, and the text and list caps that span the parts ([`validate_text`]);
//! a scenario that passed is a [`Validated`].

use super::delivery::validate_pressure;
use super::error::{Errors, ScenarioError};
use super::limits::{MAX_EMAIL_BYTES, MAX_LIST_ITEMS, MAX_NAME_CHARS};
use super::population::validate_population;
use super::recipients::validate_recipients;
use super::scenario::{parse_timezone, unknown_zone, year_error, Scenario, YEAR_MAX, YEAR_MIN};
use super::scheduler::validate_outages;
use super::tracking::validate_tracking;
use super::workflow::validate_workflows;

/// Checks every limit of the contract (and of the project's extensions) and returns
/// all problems found, in document order. Each part of the document has its own
/// check, given the path it sits at; an extension adds its check as one more line here.
pub fn validate(s: &Scenario) -> Vec<ScenarioError> {
    let mut e = Errors::default();
    validate_document(s, &mut e);
    validate_text(s, &mut e);
    validate_recipients(&s.recipients, &mut e);
    validate_workflows(s.workflow.as_ref(), s.workflows.as_deref(), &mut e);
    validate_outages(&s.outages, &mut e);
    validate_tracking(&s.tracking, &mut e);
    if let Some(p) = &s.population {
        validate_population(p, &mut e);
    }
    if let Some(p) = &s.pressure {
        validate_pressure(p, &mut e);
    }
    e.0
}

fn validate_document(s: &Scenario, e: &mut Errors) {
    if !(YEAR_MIN..=YEAR_MAX).contains(&s.year) {
        e.0.push(year_error(s.year));
    }
    if parse_timezone(&s.timezone).is_none() {
        e.push("timezone", unknown_zone(&s.timezone));
    }
}

/// A scenario that passed [`validate`]. It only gives shared access to the
/// scenario, so it cannot be changed into an invalid one afterwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Validated(Scenario);

impl Validated {
    /// Validates `s`: every problem, in document order, as [`validate`] returns them.
    pub fn new(s: Scenario) -> Result<Validated, Vec<ScenarioError>> {
        let errors = validate(&s);
        if errors.is_empty() {
            Ok(Validated(s))
        } else {
            Err(errors)
        }
    }

    /// A scenario [`validate`] already passed (the page's reading validated it).
    pub(super) fn trusted(s: Scenario) -> Validated {
        Validated(s)
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.0
    }

    /// The scenario, to edit (it must be validated again).
    pub fn into_inner(self) -> Scenario {
        self.0
    }
}

impl std::ops::Deref for Validated {
    type Target = Scenario;
    fn deref(&self) -> &Scenario {
        &self.0
    }
}

/// Checks the text-length and list-length caps.
pub fn validate_text(s: &Scenario, e: &mut Errors) {
    // Paths are formatted only for an error.
    let chars = |e: &mut Errors, path: &dyn std::fmt::Display, v: &str, max: usize| {
        let n = v.chars().count();
        if n > max {
            e.push(
                path.to_string(),
                format!("is {n} characters long; the limit is {max}"),
            );
        }
    };
    chars(e, &"name", &s.name, MAX_NAME_CHARS);
    chars(e, &"timezone", &s.timezone, 64);
    let workflows = s.workflows();
    for w in &workflows {
        let label = format_args!("{}.delivery.label", w.path);
        chars(e, &label, &w.delivery.label, MAX_NAME_CHARS);
    }
    for i in 0..s.recipients.len() {
        let email = s.recipients.email(i);
        if email.len() > MAX_EMAIL_BYTES {
            e.push(
                format!("recipients[{i}].email"),
                format!(
                    "is {} bytes long; an address has at most {MAX_EMAIL_BYTES}",
                    email.len()
                ),
            );
        }
        // Byte test for ASCII addresses (the usual case); `char::is_control` also
        // covers C1 controls, which only occur in non-ASCII text.
        let control = if email.is_ascii() {
            email.bytes().any(|b| b.is_ascii_control())
        } else {
            email.chars().any(char::is_control)
        };
        if control {
            e.push(
                format!("recipients[{i}].email"),
                "contains a control character",
            );
        }
    }
    let too_long = |e: &mut Errors, path: &dyn std::fmt::Display, n: usize| {
        if n > MAX_LIST_ITEMS {
            e.push(
                path.to_string(),
                format!("has {n} entries; the limit is {MAX_LIST_ITEMS}"),
            );
        }
    };
    for w in &workflows {
        let sc = w.scheduler;
        for (list, n) in [
            ("scheduler.times", sc.times.len()),
            ("scheduler.days", sc.days.len()),
            ("scheduler.month_days", sc.month_days.len()),
            ("scheduler.dates", sc.dates.len()),
            ("delivery.content_changes", w.delivery.content_changes.len()),
        ] {
            too_long(e, &format_args!("{}.{list}", w.path), n);
        }
    }
    too_long(e, &"outages", s.outages.len());
}
