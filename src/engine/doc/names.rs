//! The document's named values (`"weekly"`, `"mon"`, `"marketing"`…): the unit enums
//! of the document deserialised by one shared function instead of one derived
//! deserialiser each (nine of them were about 10 KB of the web page's code). It reads
//! what serde's derive reads (a name, or serde_json's `{"name": null}` form) and words
//! every error the same way. (A JSON identifier is always a string: the derive's
//! integer and byte forms are not needed.)

use serde::de::{DeserializeSeed, Deserializer, EnumAccess, Error, VariantAccess, Visitor};

/// The position in `names` of the variant a deserialiser holds, as serde's derive for
/// a unit enum called `name` would find it.
pub fn variant_index<'de, D: Deserializer<'de>>(
    d: D,
    name: &'static str,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    d.deserialize_enum(name, names, Named { name, names })
}

#[derive(Clone, Copy)]
struct Named {
    name: &'static str,
    names: &'static [&'static str],
}

impl<'de> Visitor<'de> for Named {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "enum {}", self.name)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (index, variant) = data.variant_seed(self)?;
        variant.unit_variant()?;
        Ok(index)
    }
}

/// The variant's identifier.
impl<'de> DeserializeSeed<'de> for Named {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(Identifier(self.names))
    }
}

struct Identifier(&'static [&'static str]);

impl<'de> Visitor<'de> for Identifier {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|n| *n == v)
            .ok_or_else(|| E::unknown_variant(v, self.0))
    }
}

/// `Deserialize` for a unit enum of the document from its variants and their names
/// (the names `Serialize` writes: a test round-trips every variant).
macro_rules! by_name {
    ($ty:ident, [$first:ident = $first_name:literal $(, $variant:ident = $name:literal)* $(,)?]) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$first_name $(, $name)*];
                const VALUES: &[$ty] = &[$ty::$first $(, $ty::$variant)*];
                let i = $crate::engine::doc::names::variant_index(d, stringify!($ty), NAMES)?;
                // `i` is a position in NAMES, as long as VALUES.
                Ok(VALUES.get(i).copied().unwrap_or($ty::$first))
            }
        }
    };
}

pub(crate) use by_name;

#[cfg(test)]
mod tests {
    use super::super::{
        Aggregation, Bounce, Filter, Frequency, LeapDay, MissedRuns, Mode, Typology, Weekday,
    };
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(all: &[T]) {
        for v in all {
            let text = serde_json::to_string(v).unwrap();
            assert_eq!(&serde_json::from_str::<T>(&text).unwrap(), v, "{text}");
            // serde_json's map form of a unit variant, as the derive accepts it.
            let map = format!("{{{text}:null}}");
            assert_eq!(&serde_json::from_str::<T>(&map).unwrap(), v, "{map}");
        }
    }

    #[test]
    fn every_variant_reads_back_what_it_writes() {
        use Frequency::*;
        round_trip(&[Once, Daily, Weekly, Monthly, Yearly, Periodic]);
        use Weekday::*;
        round_trip(&[Mon, Tue, Wed, Thu, Fri, Sat, Sun]);
        round_trip(&[MissedRuns::Once, MissedRuns::All, MissedRuns::Skip]);
        round_trip(&[Filter::All, Filter::Birthday]);
        round_trip(&[LeapDay::Mar1, LeapDay::Feb28, LeapDay::Skip]);
        round_trip(&[Mode::Recurring, Mode::Continuous]);
        round_trip(&[
            Aggregation::None,
            Aggregation::Day,
            Aggregation::Week,
            Aggregation::Month,
        ]);
        round_trip(&[Bounce::None, Bounce::Hard]);
        round_trip(&[Typology::Marketing, Typology::Transactional]);
    }

    #[test]
    fn errors_read_as_the_derive_words_them() {
        let e = |json: &str| {
            serde_json::from_str::<Weekday>(json)
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            e(r#""mun""#),
            "unknown variant `mun`, expected one of `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun` at line 1 column 5"
        );
        assert_eq!(
            serde_json::from_str::<Mode>(r#""x""#)
                .unwrap_err()
                .to_string(),
            "unknown variant `x`, expected `recurring` or `continuous` at line 1 column 3"
        );
        for (json, message) in [
            ("5", "expected value at line 1 column 1"),
            ("null", "expected value at line 1 column 1"),
            (
                r#"{"mon": 1}"#,
                "invalid type: integer `1`, expected unit at line 1 column 9",
            ),
            (
                r#"{"mon": null, "tue": null}"#,
                "expected value at line 1 column 12",
            ),
        ] {
            assert_eq!(e(json), message, "{json}");
        }
    }
}
