//! Text-length and list-length caps of the document: a hostile or accidental
//! megabyte label would otherwise be copied into every row shown. The whole
//! document's check of them is `validate::validate_text` (it reads every part; the
//! parts' own checks read these caps). (The size of a year, estimated before it runs,
//! is `engine::sim::limits`.)

/// Longest `name`, workflow name and delivery label, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest recipient email, in bytes (RFC 5321's limit for a forward path).
pub const MAX_EMAIL_BYTES: usize = 254;
/// Most list entries in scheduler lists, outages and content changes.
pub const MAX_LIST_ITEMS: usize = 10_000;
