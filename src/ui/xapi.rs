//! The results of lessons that ask, shaped as xAPI 1.0.3 statements (verb, object,
//! result, context), for a course platform to record who understood (issue 22). Pure:
//! the page sends each as the `detail` of a DOM event (`campaign-sim-answer` after
//! each answer, `campaign-sim-lesson-complete` when the lesson is finished); the host
//! adds the actor, the id and the timestamp (the engine and the page read no clock).
//!
//! Activity ids are URNs: `urn:campaign-sim:lesson:<lesson id>` for a lesson and
//! `urn:campaign-sim:lesson:<lesson id>:step:<n>` (n from 1) for one of its questions.
//! Language maps are keyed by the page's language code (`en`, `fr`).

use serde_json::{json, Value};

use super::i18n::{code, Lang};
use super::lesson::{AskKind, Lesson};
use super::quiz::{check, response_text, Response};
use crate::engine::quiz::Answer;

/// The ADL verb of an answer.
pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
/// The ADL verb of a finished lesson.
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
/// The activity type of a question (an interaction, with its `interactionType`).
pub const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
/// The activity type of a lesson.
pub const LESSON: &str = "http://adlnet.gov/expapi/activities/lesson";

/// The activity id of a lesson.
pub fn lesson_iri(id: &str) -> String {
    format!("urn:campaign-sim:lesson:{id}")
}

/// The activity id of step `n` (from 1) of a lesson.
pub fn step_iri(id: &str, n: usize) -> String {
    format!("{}:step:{n}", lesson_iri(id))
}

fn verb(id: &str, display: &str) -> Value {
    json!({"id": id, "display": {"en-US": display}})
}

fn score(raw: usize, max: usize) -> Value {
    json!({"raw": raw, "max": max, "min": 0, "scaled": raw as f64 / max as f64})
}

/// The `campaign-sim-answer` detail: the learner answered step `k` (from 0) of
/// `lesson` with `response`, judged against `answer` (the engine's value,
/// `ui::quiz::answer`). `None` when step `k` asks nothing or the response cannot be
/// judged (`ui::quiz::check`'s error: the page asks again and records nothing).
///
/// ```
/// use campaign_sim::ui::{i18n::Lang, lesson::parse_lesson, quiz::Response, xapi};
/// let l = parse_lesson(r#"{"id":"demo","question":1,"title":"Demo","steps":[
///   {"narration":"a","notice":"n","ask":{"prompt":"Which?","choices":[
///     {"text":"One","value":"1"},{"text":"Two","value":"2"}],"answer":1}}]}"#, None).unwrap();
/// let s = xapi::answered(&l, 0, Lang::En, None, Response::Choice(1)).unwrap();
/// assert_eq!(s["object"]["id"], "urn:campaign-sim:lesson:demo:step:1");
/// assert_eq!(s["result"]["response"], "2");
/// assert_eq!(s["result"]["success"], true);
/// ```
pub fn answered(
    lesson: &Lesson,
    k: usize,
    lang: Lang,
    answer: Option<&Answer>,
    response: Response<'_>,
) -> Option<Value> {
    let ask = lesson.steps.get(k)?.ask.as_ref()?;
    let success = check(ask, answer, response).ok()?;
    let lang = code(lang);
    let mut definition = json!({
        "name": {lang: ask.prompt},
        "type": INTERACTION,
    });
    match &ask.kind {
        AskKind::Number(_) => {
            definition["interactionType"] = json!("numeric");
            definition["correctResponsesPattern"] = json!([answer?.value.text()]);
        }
        AskKind::Choice {
            choices, answer, ..
        } => {
            definition["interactionType"] = json!("choice");
            definition["correctResponsesPattern"] = json!([choices.get(*answer)?.value]);
            definition["choices"] = choices
                .iter()
                .map(|c| json!({"id": c.value, "description": {lang: c.text}}))
                .collect();
        }
    }
    Some(json!({
        "verb": verb(ANSWERED, "answered"),
        "object": {
            "id": step_iri(&lesson.id, k + 1),
            "objectType": "Activity",
            "definition": definition,
        },
        "result": {
            "success": success,
            "response": response_text(ask, response),
            "score": score(usize::from(success), 1),
        },
        "context": {
            "language": lang,
            "contextActivities": {
                "parent": [{"id": lesson_iri(&lesson.id), "objectType": "Activity"}],
            },
        },
    }))
}

/// The `campaign-sim-lesson-complete` detail: `lesson` was finished; `first_tries`
/// lists, for the questions answered, (step index from 0, right at the first try).
/// The score counts the questions right at the first try over every question of the
/// lesson (one not answered counts as not right); `success` when all are right. A
/// lesson without questions has no score and succeeds.
///
/// ```
/// use campaign_sim::ui::{i18n::Lang, lesson::parse_lesson, xapi};
/// let l = parse_lesson(r#"{"id":"demo","question":1,"title":"Demo","steps":[
///   {"narration":"a","notice":"n"}]}"#, None).unwrap();
/// let s = xapi::completed(&l, Lang::En, &[]);
/// assert_eq!(s["result"], serde_json::json!({"completion": true, "success": true}));
/// ```
pub fn completed(lesson: &Lesson, lang: Lang, first_tries: &[(usize, bool)]) -> Value {
    let questions: Vec<usize> = lesson.asks().map(|(i, _)| i).collect();
    let right = questions
        .iter()
        .filter(|q| {
            first_tries
                .iter()
                .find(|(i, _)| i == *q)
                .is_some_and(|(_, r)| *r)
        })
        .count();
    let mut result = json!({"completion": true, "success": right == questions.len()});
    if !questions.is_empty() {
        result["score"] = score(right, questions.len());
    }
    let lang = code(lang);
    json!({
        "verb": verb(COMPLETED, "completed"),
        "object": {
            "id": lesson_iri(&lesson.id),
            "objectType": "Activity",
            "definition": {"name": {lang: lesson.title}, "type": LESSON},
        },
        "result": result,
        "context": {"language": lang},
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::quiz::{Answer, Value as Quantity, Why};
    use crate::ui::lesson::parse_lesson;

    fn lesson() -> Lesson {
        let text =
            json!({"id": "q1-deliveries", "question": 1, "title": "Why 52 deliveries?", "steps": [
            {"narration": "a", "notice": "n",
             "ask": {"prompt": "How many deliveries in December?",
                     "number": {"quantity": "deliveries", "mode": "recurring"}}},
            {"narration": "b", "notice": "n"},
            {"narration": "c", "notice": "n",
             "ask": {"prompt": "Quelle journée ?", "answer": 1, "choices": [
                {"text": "Celle du 1er mars", "value": "2026-03-01"},
                {"text": "Celle du 2 mars", "value": "2026-03-02"}]}}]})
            .to_string();
        parse_lesson(&text, None).unwrap()
    }

    fn fifty_two() -> Answer {
        Answer {
            value: Quantity::Number(52),
            why: Why::Executions {
                executions: 52,
                reached: 52,
                nobody: 0,
                caught_up: 0,
                missed: 0,
            },
        }
    }

    #[test]
    fn a_number_answer_is_a_numeric_interaction() {
        let l = lesson();
        let s = answered(
            &l,
            0,
            Lang::En,
            Some(&fifty_two()),
            Response::Number(" 51 "),
        )
        .unwrap();
        assert_eq!(
            s,
            json!({
                "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
                "object": {
                    "id": "urn:campaign-sim:lesson:q1-deliveries:step:1",
                    "objectType": "Activity",
                    "definition": {
                        "name": {"en": "How many deliveries in December?"},
                        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "interactionType": "numeric",
                        "correctResponsesPattern": ["52"]
                    }
                },
                "result": {
                    "success": false,
                    "response": "51",
                    "score": {"raw": 0, "max": 1, "min": 0, "scaled": 0.0}
                },
                "context": {
                    "language": "en",
                    "contextActivities": {
                        "parent": [{"id": "urn:campaign-sim:lesson:q1-deliveries", "objectType": "Activity"}]
                    }
                }
            })
        );
        // Nothing to record: a step without a question, a response that is no number.
        assert_eq!(answered(&l, 1, Lang::En, None, Response::Number("1")), None);
        assert_eq!(
            answered(
                &l,
                0,
                Lang::En,
                Some(&fifty_two()),
                Response::Number("many")
            ),
            None
        );
        assert_eq!(
            answered(&l, 0, Lang::En, None, Response::Number("52")),
            None
        );
    }

    #[test]
    fn a_choice_answer_lists_its_choices() {
        let s = answered(&lesson(), 2, Lang::Fr, None, Response::Choice(1)).unwrap();
        assert_eq!(
            s,
            json!({
                "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
                "object": {
                    "id": "urn:campaign-sim:lesson:q1-deliveries:step:3",
                    "objectType": "Activity",
                    "definition": {
                        "name": {"fr": "Quelle journée ?"},
                        "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                        "interactionType": "choice",
                        "correctResponsesPattern": ["2026-03-02"],
                        "choices": [
                            {"id": "2026-03-01", "description": {"fr": "Celle du 1er mars"}},
                            {"id": "2026-03-02", "description": {"fr": "Celle du 2 mars"}}
                        ]
                    }
                },
                "result": {
                    "success": true,
                    "response": "2026-03-02",
                    "score": {"raw": 1, "max": 1, "min": 0, "scaled": 1.0}
                },
                "context": {
                    "language": "fr",
                    "contextActivities": {
                        "parent": [{"id": "urn:campaign-sim:lesson:q1-deliveries", "objectType": "Activity"}]
                    }
                }
            })
        );
    }

    #[test]
    fn a_finished_lesson_scores_its_first_tries() {
        let l = lesson();
        // Step 1 wrong then right (the first try counts), step 3 right.
        let s = completed(&l, Lang::En, &[(0, false), (2, true), (0, true)]);
        assert_eq!(
            s,
            json!({
                "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed"}},
                "object": {
                    "id": "urn:campaign-sim:lesson:q1-deliveries",
                    "objectType": "Activity",
                    "definition": {
                        "name": {"en": "Why 52 deliveries?"},
                        "type": "http://adlnet.gov/expapi/activities/lesson"
                    }
                },
                "result": {
                    "completion": true,
                    "success": false,
                    "score": {"raw": 1, "max": 2, "min": 0, "scaled": 0.5}
                },
                "context": {"language": "en"}
            })
        );
        let all = completed(&l, Lang::En, &[(0, true), (2, true)]);
        assert_eq!(all["result"]["success"], true);
        assert_eq!(all["result"]["score"]["scaled"], 1.0);
        // A question not answered counts as not right.
        let one = completed(&l, Lang::En, &[(2, true)]);
        assert_eq!(one["result"]["score"]["raw"], 1);
        assert_eq!(one["result"]["success"], false);
    }
}
