//! Text-length and list-length caps of the document: a hostile or accidental
//! megabyte label would otherwise be copied into every row shown. (The size of a
//! year, estimated before it runs, is `engine::sim::limits`.)

use super::{Errors, Scenario};

/// Longest `name`, workflow name and delivery label, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest recipient email, in bytes (RFC 5321's limit for a forward path).
pub const MAX_EMAIL_BYTES: usize = 254;
/// Most list entries in scheduler lists, outages and content changes.
pub const MAX_LIST_ITEMS: usize = 10_000;

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
