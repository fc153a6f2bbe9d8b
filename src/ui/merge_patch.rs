//! JSON Merge Patch (RFC 7396): how a lesson step edits the scenario document.
//!
//! A patch object sets each of its members on the target (recursively for objects),
//! and a member whose value is `null` removes that member; any other patch (an array,
//! a string, a number) replaces the target as a whole. Pure, tested natively against
//! the RFC's own examples.

use serde_json::Value;

/// Applies `patch` to `target` in place (RFC 7396, section 2).
///
/// ```
/// use campaign_sim::ui::merge_patch::merge_patch;
/// use serde_json::json;
/// let mut doc = json!({"tracking": {"enabled": false}, "outages": []});
/// merge_patch(&mut doc, &json!({"tracking": {"enabled": true}, "outages": null}));
/// assert_eq!(doc, json!({"tracking": {"enabled": true}}));
/// ```
pub fn merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(members) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(t) = target {
        for (name, value) in members {
            if value.is_null() {
                t.remove(name);
            } else {
                merge_patch(t.entry(name.as_str()).or_insert(Value::Null), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patched(target: Value, patch: Value) -> Value {
        let mut t = target;
        merge_patch(&mut t, &patch);
        t
    }

    /// RFC 7396, Appendix A: every example, in order.
    #[test]
    fn the_rfc_examples() {
        let cases = [
            (json!({"a":"b"}), json!({"a":"c"}), json!({"a":"c"})),
            (json!({"a":"b"}), json!({"b":"c"}), json!({"a":"b","b":"c"})),
            (json!({"a":"b"}), json!({"a":null}), json!({})),
            (
                json!({"a":"b","b":"c"}),
                json!({"a":null}),
                json!({"b":"c"}),
            ),
            (json!({"a":["b"]}), json!({"a":"c"}), json!({"a":"c"})),
            (json!({"a":"c"}), json!({"a":["b"]}), json!({"a":["b"]})),
            (
                json!({"a":{"b":"c"}}),
                json!({"a":{"b":"d","c":null}}),
                json!({"a":{"b":"d"}}),
            ),
            (json!({"a":[{"b":"c"}]}), json!({"a":[1]}), json!({"a":[1]})),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a":"b"}), json!(["c"]), json!(["c"])),
            (json!({"a":"foo"}), json!(null), json!(null)),
            (json!({"a":"foo"}), json!("bar"), json!("bar")),
            (json!({"e":null}), json!({"a":1}), json!({"e":null,"a":1})),
            (json!([1, 2]), json!({"a":"b","c":null}), json!({"a":"b"})),
            (
                json!({}),
                json!({"a":{"bb":{"ccc":null}}}),
                json!({"a":{"bb":{}}}),
            ),
        ];
        for (target, patch, want) in cases {
            assert_eq!(
                patched(target.clone(), patch.clone()),
                want,
                "{target} + {patch}"
            );
        }
    }

    #[test]
    fn a_scenario_edit_keeps_what_it_does_not_name() {
        let doc = json!({"name": "n", "workflow": {"scheduler": {"frequency": "weekly", "days": ["mon"], "times": ["09:00"]}}});
        let out = patched(
            doc,
            json!({"workflow": {"scheduler": {"frequency": "daily", "days": null, "times": ["02:30"]}}}),
        );
        assert_eq!(
            out,
            json!({"name": "n", "workflow": {"scheduler": {"frequency": "daily", "times": ["02:30"]}}})
        );
    }
}
