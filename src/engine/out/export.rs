//! Exports: the broadLog and the tracking log as CSV (column names close to the
//! platform's), in chunks so a large log never becomes one giant string.
//!
//! Every cell goes through [`csv_cell`], which quotes per RFC 4180 and neutralises
//! spreadsheet formulas (a cell starting with `=`, `+`, `-`, `@`, tab or carriage
//! return gets a leading `'`), so an exported log opened in a spreadsheet never runs
//! what a recipient typed.

use super::outcome::Outcome;
use crate::engine::calendar::Instant;
use crate::engine::record::logs::{FailureType, Reason};
use std::borrow::Cow;

/// broadLog CSV columns, named like the platform's send-log fields.
pub const BROADLOG_COLUMNS: [&str; 8] = [
    "id",
    "deliveryId",
    "recipientId",
    "email",
    "eventDate",
    "status",
    "failureType",
    "failureReason",
];

/// Tracking-log CSV columns.
pub const TRACKING_COLUMNS: [&str; 9] = [
    "id",
    "broadLogId",
    "deliveryId",
    "recipientId",
    "email",
    "logDate",
    "type",
    "url",
    "device",
];

/// Rows per chunk of an export.
pub const CHUNK_ROWS: usize = 4096;

/// Which rows an export takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportFilter {
    /// Only this delivery's rows (`None`: every delivery).
    pub delivery: Option<u32>,
    /// Only rows at or before this instant (`None`: the whole year).
    pub as_of: Option<Instant>,
}

/// Export file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// The broadLog rows an export takes, in append order (by execution, so a delivery's
/// rows are found through its executions without scanning the whole log).
fn broadlog_rows(o: &Outcome, f: ExportFilter) -> impl Iterator<Item = usize> + '_ {
    o.executions()
        .iter()
        .filter(move |e| f.delivery.is_none() || e.delivery == f.delivery)
        .filter(move |e| f.as_of.is_none_or(|t| e.at <= t))
        .flat_map(|e| e.rows())
}

/// The cells of broadLog row `i`, in [`BROADLOG_COLUMNS`] order.
fn broadlog_cells(o: &Outcome, i: usize) -> Option<[String; 8]> {
    let r = o.broadlog().row(i)?;
    Some([
        r.id.to_string(),
        r.delivery.to_string(),
        r.recipient_id.to_string(),
        o.recipients().email(r.recipient),
        o.calendar().rfc3339(r.at),
        r.status.name().to_string(),
        r.failure_type
            .map(FailureType::name)
            .unwrap_or("")
            .to_string(),
        r.reason.map(Reason::name).unwrap_or("").to_string(),
    ])
}

/// The cells of tracking row `i`, in [`TRACKING_COLUMNS`] order.
fn tracking_cells(o: &Outcome, i: usize) -> Option<[String; 9]> {
    let r = o.tracking().row(i)?;
    Some([
        (i + 1).to_string(),
        (u64::from(r.broadlog_row) + 1).to_string(),
        r.delivery.to_string(),
        r.recipient_id.to_string(),
        o.recipients().email(r.recipient),
        o.calendar().rfc3339(r.at),
        r.kind.name().to_string(),
        r.url.map(|u| format!("link{}", u + 1)).unwrap_or_default(),
        r.device.name().to_string(),
    ])
}

/// Chunks of an export of `rows` with `columns`: CSV (header first) or a JSON array of
/// objects. Concatenated, the chunks are the file.
fn chunks<'a, const N: usize>(
    chunk_rows: usize,
    format: Format,
    columns: [&'static str; N],
    rows: impl Iterator<Item = [String; N]> + 'a,
) -> impl Iterator<Item = String> + 'a {
    let mut rows = rows.peekable();
    let mut started = false;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut out = String::new();
        if !started {
            started = true;
            match format {
                Format::Csv => push_csv_line(&mut out, columns),
                Format::Json => out.push('['),
            }
        }
        for _ in 0..chunk_rows.max(1) {
            let Some(cells) = rows.next() else {
                break;
            };
            match format {
                Format::Csv => push_csv_line(&mut out, cells.iter().map(String::as_str)),
                Format::Json => {
                    if !out.is_empty() && !out.ends_with('[') {
                        out.push(',');
                    }
                    let obj: serde_json::Map<String, serde_json::Value> = columns
                        .iter()
                        .zip(cells)
                        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
                        .collect();
                    out.push_str(&serde_json::Value::Object(obj).to_string());
                }
            }
        }
        if rows.peek().is_none() {
            done = true;
            if format == Format::Json {
                out.push(']');
            }
        } else if format == Format::Json {
            // The next chunk starts a new element.
            out.push(',');
        }
        Some(out)
    })
}

/// The broadLog as CSV or JSON chunks (see [`ExportFilter`]).
pub fn broadlog_export(
    o: &Outcome,
    filter: ExportFilter,
    format: Format,
) -> impl Iterator<Item = String> + '_ {
    let rows = broadlog_rows(o, filter).filter_map(move |i| broadlog_cells(o, i));
    chunks(CHUNK_ROWS, format, BROADLOG_COLUMNS, rows)
}

/// The tracking log as CSV or JSON chunks (see [`ExportFilter`]).
pub fn tracking_export(
    o: &Outcome,
    filter: ExportFilter,
    format: Format,
) -> impl Iterator<Item = String> + '_ {
    let end = match filter.as_of {
        Some(t) => o.tracking().count_until(t),
        None => o.tracking().len(),
    };
    let rows = (0..end)
        .filter(move |&i| {
            filter.delivery.is_none() || o.tracking().row(i).map(|r| r.delivery) == filter.delivery
        })
        .filter_map(move |i| tracking_cells(o, i));
    chunks(CHUNK_ROWS, format, TRACKING_COLUMNS, rows)
}

/// One CSV cell: formula-neutralised, then quoted when it holds a comma, a quote or a
/// line break.
///
/// ```
/// use campaign_sim::engine::out::export::csv_cell;
/// assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_cell("plain"), "plain");
/// ```
pub fn csv_cell(value: &str) -> Cow<'_, str> {
    let risky = matches!(
        value.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    let needs_quotes = value.contains([',', '"', '\n', '\r']);
    if !risky && !needs_quotes {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 4);
    if needs_quotes {
        out.push('"');
    }
    if risky {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if needs_quotes {
        out.push('"');
    }
    Cow::Owned(out)
}

/// Appends one CSV line (cells joined by commas, CRLF-terminated as RFC 4180 says).
pub fn push_csv_line<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    let mut first = true;
    for cell in cells {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&csv_cell(cell));
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let cell = csv_cell(bad);
            let inner = cell.trim_start_matches('"');
            assert!(inner.starts_with('\''), "{bad:?} → {cell:?}");
        }
    }

    #[test]
    fn quotes_commas_and_newlines_are_quoted() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(
            csv_cell("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
    }

    fn outcome(doc: &str) -> Outcome {
        let s = crate::engine::doc::parse(doc).expect("valid test scenario");
        crate::engine::sim::simulate(&s).expect("simulates")
    }

    const WEEKLY: &str = r#"{"timezone":"Europe/Paris","tracking":{"enabled":true},
        "recipients":[{"id":1,"email":"=cmd|' /C calc'!A0@x.test"},{"id":2,"email":"b@x.test","bounce":"hard"}],
        "workflow":{"scheduler":{"frequency":"weekly","days":["mon"],"times":["09:00"]}}}"#;

    #[test]
    fn broadlog_csv_has_one_line_per_row_and_neutralised_cells() {
        let o = outcome(WEEKLY);
        let text: String = broadlog_export(&o, ExportFilter::default(), Format::Csv).collect();
        let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], BROADLOG_COLUMNS.join(","));
        assert_eq!(lines.len() - 1, o.broadlog().len());
        assert!(lines[1].starts_with("1,1,1,'=cmd|' /C calc'!A0@x.test,2026-01-05T09:00:00+01:00,"));
        // The hard bounce of the first Monday, then quarantined on later Mondays.
        assert!(
            lines[2].ends_with(",failed,hard,user_unknown"),
            "{}",
            lines[2]
        );
        assert!(
            lines[4].ends_with(",ignored,ignored,quarantined"),
            "{}",
            lines[4]
        );
    }

    #[test]
    fn export_by_delivery_and_as_of() {
        let o = outcome(WEEKLY);
        let filter = ExportFilter {
            delivery: Some(2),
            as_of: None,
        };
        let text: String = broadlog_export(&o, filter, Format::Csv).collect();
        assert_eq!(
            text.matches("\r\n").count(),
            1 + 2,
            "header + the 2 rows of delivery 2"
        );
        let first_monday = o.executions()[0].at;
        let filter = ExportFilter {
            delivery: None,
            as_of: Some(first_monday),
        };
        let text: String = broadlog_export(&o, filter, Format::Csv).collect();
        assert_eq!(text.matches("\r\n").count(), 1 + 2);
    }

    #[test]
    fn json_export_is_one_valid_array_across_chunks() {
        let o = outcome(WEEKLY);
        for (text, rows) in [
            (
                broadlog_export(&o, ExportFilter::default(), Format::Json).collect::<String>(),
                o.broadlog().len(),
            ),
            (
                tracking_export(&o, ExportFilter::default(), Format::Json).collect::<String>(),
                o.tracking().len(),
            ),
        ] {
            let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
            assert_eq!(v.as_array().map(Vec::len), Some(rows));
        }
        let empty = ExportFilter {
            delivery: Some(999),
            as_of: None,
        };
        let text: String = broadlog_export(&o, empty, Format::Json).collect();
        assert_eq!(text, "[]");
    }

    #[test]
    fn small_chunks_concatenate_to_the_same_file() {
        let rows = || (0..10).map(|i| [i.to_string(), format!("=x{i}")]);
        for format in [Format::Csv, Format::Json] {
            let whole: String = chunks(1000, format, ["a", "b"], rows()).collect();
            let parts: Vec<String> = chunks(3, format, ["a", "b"], rows()).collect();
            assert_eq!(parts.len(), 4, "10 rows in chunks of 3");
            assert_eq!(parts.concat(), whole);
        }
        let json: String = chunks(3, Format::Json, ["a", "b"], rows()).collect();
        let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(v[9]["b"], "=x9", "JSON keeps the text as it is");
    }

    #[test]
    fn tracking_csv_points_to_broadlog_rows() {
        let o = outcome(WEEKLY);
        let text: String = tracking_export(&o, ExportFilter::default(), Format::Csv).collect();
        assert_eq!(text.matches("\r\n").count(), 1 + o.tracking().len());
        assert!(text.starts_with(&TRACKING_COLUMNS.join(",")));
    }

    #[test]
    fn lines_end_with_crlf() {
        let mut s = String::new();
        push_csv_line(&mut s, ["id", "=x", "a,b"]);
        assert_eq!(s, "id,'=x,\"a,b\"\r\n");
    }
}
