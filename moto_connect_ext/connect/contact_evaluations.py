"""Contact evaluations: a contact of the instance evaluated against the active version of a form.

StartContactEvaluation needs a contact that exists (the contact core's ``find``) and a form
with an ACTIVE version; the evaluation keeps that version (locked, so it never changes) and
starts DRAFT.  Answers and notes are merged by UpdateContactEvaluation (drafts only) and
SubmitContactEvaluation (which may resubmit); an empty object removes one.  Each answer is
checked against its question: TEXT takes ``StringValue``, NUMERIC ``NumericValue`` within
its range, SINGLESELECT ``StringValue`` naming an option, MULTISELECT ``StringValues`` naming
options, DATETIME ``DateTimeValue``; ``NotApplicable`` only where the question enables it.
Notes go on sections and questions, 1,024 characters per question of the form in all.

Conditional items (``Enablement``) are worked out from the answers (QUESTION_REF_ID sources)
and the contact (CHANNEL, INITIATION_METHOD), the evaluation's type (EVALUATION_TYPE); a
source the emulator cannot resolve takes the item's DefaultAction.  On submit every enabled
question but TEXT ones must be answered, and the scores are computed (``scores``):

* a question scores its answer's option score over the question's best option score (a
  numeric answer falls in an option range; without ranges it scales over MinValue-MaxValue;
  several options: the chosen scores over all positive ones), or its points (POINTS_BASED);
* QUESTION_ONLY: sections and the total are the weighted mean of their questions;
  SECTION_ONLY: a section is the plain mean of its items, the total the weighted mean of the
  top-level sections; POINTS_BASED: earned over maximum base points (bonus points count as
  earned only);
* not-applicable and disabled items leave the mean, their weight shared by the others
  (``AppliedWeight``); an item whose items are all not applicable is not applicable;
* an automatic-fail answer scores 0 for its target section (``AutomaticFailConfiguration``)
  or, without one, for the whole evaluation, and flags every item above it;
* a score's ``PerformanceCategory`` comes from the item's (or the strategy's) thresholds.

Submitted evaluations show in the contact's ``ContactEvaluations`` (IN_PROGRESS, COMPLETE,
DELETED).  With automated evaluation (a form that enables it, a voice or chat contact) the
evaluation's ``AutoEvaluationStatus`` moves IN_PROGRESS -> SUCCEEDED through moto's state
manager (model ``connect::contact-evaluation-automation``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, lifecycle, register_transition
from ..core.resources import Container, Resource, Resources, ResourceType
from . import contacts
from . import evaluation_forms as forms
from .evaluation_forms import EVALUATION_FORM, Item
from .exceptions import InvalidParameterException, ResourceConflictException, ResourceNotFoundException
from .users import USER

AUTOMATION_MODEL = "connect::contact-evaluation-automation"
register_transition(AUTOMATION_MODEL, "immediate")

#: note characters per question of the form, in all the notes of an evaluation
NOTE_CHARS_PER_QUESTION = 1024
#: channels automated evaluations analyse
AUTOMATED_CHANNELS = ("VOICE", "CHAT")

#: private attributes
VERSION = "_Version"
FORM_ARN = "_FormArn"
AUTOMATION = "_Automation"
OVERALL = "_Score"
SUBMITTED = "_SubmittedTime"


#: an automated evaluation's progress
Automation = lifecycle(AUTOMATION_MODEL, [("IN_PROGRESS", "SUCCEEDED")], initial="IN_PROGRESS")


def version_of(evaluation: Resource) -> forms.Version:
    found: forms.Version = evaluation.attrs[VERSION]
    return found


def _automation(evaluation: Resource) -> dict[str, Any] | None:
    run: StatefulModel | None = evaluation.attrs.get(AUTOMATION)
    if run is None:
        return None
    return {"AutoEvaluationEnabled": True, "AutoEvaluationStatus": str(run.status)}


def _metadata(evaluation: Resource) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ContactId": evaluation.attrs["ContactId"],
        "EvaluatorArn": evaluation.attrs["EvaluatorArn"],
    }
    if evaluation.attrs.get("_ContactAgentId"):
        out["ContactAgentId"] = evaluation.attrs["_ContactAgentId"]
    if evaluation.attrs.get(OVERALL) is not None:
        out["Score"] = evaluation.attrs[OVERALL]
    automation = _automation(evaluation)
    if automation is not None:
        out["AutoEvaluation"] = automation
    return out


CONTACT_EVALUATION = ResourceType(
    kind="contact-evaluation",
    id_param="EvaluationId",
    name_member=None,
    computed={
        "Metadata": _metadata,
        "Score": lambda e: e.attrs.get(OVERALL),
        "AutoEvaluationEnabled": lambda e: e.attrs.get(AUTOMATION) is not None,
        "AutoEvaluationStatus": lambda e: (a or {}).get("AutoEvaluationStatus") if (a := _automation(e)) else None,
        "ItemEnablementStatus": lambda e: enablement(e)[0] or None,
    },
    not_found_error=lambda ident, _parent: ResourceNotFoundException(f"Contact evaluation not found: {ident}"),
)


# -- who acts --------------------------------------------------------------------------------
def evaluator(resources: Resources, instance: Container, given: Mapping[str, Any] | None, identity: str) -> str:
    """The ARN recorded as the evaluator: the Connect user given (a user of the instance), else the caller."""
    arn = (given or {}).get("ConnectUserArn")
    if not arn:
        return identity
    parsed = parse_arn(arn)
    parts = parsed["resource"].split("/") if parsed else []
    user = None
    if len(parts) == 4 and (parts[0], parts[1], parts[2]) == ("instance", instance.id, "agent"):
        user = resources.find(USER, instance, parts[3])
    if user is None or user.arn != arn:
        raise InvalidParameterException(f"ConnectUserArn {arn} is not a user of this instance")
    return arn


# -- starting ------------------------------------------------------------------------------------
def start(
    resources: Resources,
    instance: Container,
    params: Mapping[str, Any],
    caller: Caller,
    identity: str,
) -> Resource:
    contact = contacts.find(resources, instance, params["ContactId"])
    form = resources.get(EVALUATION_FORM, instance, params["EvaluationFormId"])
    chosen = forms.active(form)
    if chosen is None:
        raise ResourceConflictException(
            f"Evaluation form {form.id} has no active version: activate one to start evaluations"
        )
    automated = bool((params.get("AutoEvaluationConfiguration") or {}).get("Enabled"))
    if automated:
        if not (chosen.content.get("AutoEvaluationConfiguration") or {}).get("Enabled"):
            raise InvalidParameterException(
                f"Automated evaluation is not enabled on version {chosen.number} of evaluation form {form.id}"
            )
        if contact.attrs.get("Channel") not in AUTOMATED_CHANNELS:
            raise InvalidParameterException(
                f"Automated evaluations analyse voice and chat contacts; contact {contact.id} is a "
                f"{contact.attrs.get('Channel')} contact"
            )
    attrs: dict[str, Any] = {
        "ContactId": contact.id,
        "EvaluationFormId": form.id,
        "EvaluationFormVersion": chosen.number,
        "EvaluationFormTitle": chosen.content["Title"],
        "Status": "DRAFT",
        "EvaluationType": "STANDARD",
        "EvaluatorArn": identity,
        "Answers": {},
        "Notes": {},
        "_ContactAgentId": contact.attrs.get("AgentId"),
        VERSION: chosen,
        FORM_ARN: form.arn,
    }
    if automated:
        attrs[AUTOMATION] = Automation()
    evaluation = resources.create(CONTACT_EVALUATION, instance, attrs, caller, params.get("Tags"))
    contact.attrs.setdefault("ContactEvaluations", {})[evaluation.id] = {
        "FormId": form.id,
        "EvaluationArn": evaluation.arn,
        "Status": "IN_PROGRESS",
        "StartTimestamp": evaluation.created_time,
    }
    return evaluation


# -- answers and notes ---------------------------------------------------------------------------
def _check_answer(question: Mapping[str, Any], value: Mapping[str, Any]) -> dict[str, Any]:
    ref, kind = question["RefId"], question["QuestionType"]
    given = {k: v for k, v in value.items() if v is not None}
    if len(given) != 1:
        raise InvalidParameterException(f"Answers[{ref}]: an answer value has exactly one member")
    ((member, data),) = given.items()
    if member == "NotApplicable":
        if data is not True or not question.get("NotApplicableEnabled"):
            raise InvalidParameterException(f"Answers[{ref}]: question {ref} does not accept a not-applicable answer")
        return {"NotApplicable": True}
    props = forms.properties(question)
    expected = {
        "TEXT": "StringValue",
        "NUMERIC": "NumericValue",
        "SINGLESELECT": "StringValue",
        "MULTISELECT": "StringValues",
        "DATETIME": "DateTimeValue",
    }[kind]
    if member != expected:
        raise InvalidParameterException(
            f"Answers[{ref}]: question {ref} is a {kind} question, answered with {expected}"
        )
    options = forms.option_ref_ids(question)
    if kind == "NUMERIC":
        low, high = props["MinValue"], props["MaxValue"]
        if not low <= data <= high:
            raise InvalidParameterException(f"Answers[{ref}]: {data:g} is outside the question's range {low}-{high}")
    elif kind == "SINGLESELECT" and data not in options:
        raise InvalidParameterException(f"Answers[{ref}]: question {ref} has no option {data}")
    elif kind == "MULTISELECT":
        unknown = [v for v in data if v not in options]
        if not data or unknown or len(set(data)) != len(data):
            raise InvalidParameterException(
                f"Answers[{ref}]: StringValues name distinct options of question {ref} "
                f"({', '.join(options)}); {', '.join(unknown) or 'none or repeated'} given"
            )
    elif kind == "DATETIME":
        forms.parse_datetime(data, f"Answers[{ref}].DateTimeValue")
    return {member: data}


def merge(evaluation: Resource, answers: Mapping[str, Any] | None, notes: Mapping[str, Any] | None) -> dict[str, Any]:
    """The evaluation's answers and notes with the request's merged in (changes, not yet applied)."""
    content = version_of(evaluation).content
    questions = forms.questions(content)
    merged_answers = dict(evaluation.attrs["Answers"])
    for ref, answer in (answers or {}).items():
        question = questions.get(ref)
        if question is None:
            raise InvalidParameterException(f"Answers: {ref} is not a question of the evaluation form")
        value = (answer or {}).get("Value")
        if not value:
            merged_answers.pop(ref, None)
            continue
        merged_answers[ref] = {"Value": _check_answer(question.body, value)}
    refs = {i.ref_id for i in forms.walk(content["Items"])}
    merged_notes = dict(evaluation.attrs["Notes"])
    for ref, note in (notes or {}).items():
        if ref not in refs:
            raise InvalidParameterException(f"Notes: {ref} is not a section or question of the evaluation form")
        if not note or note.get("Value") is None:
            merged_notes.pop(ref, None)
        else:
            merged_notes[ref] = {"Value": note["Value"]}
    allowed = NOTE_CHARS_PER_QUESTION * len(questions)
    used = sum(len(n["Value"]) for n in merged_notes.values())
    if used > allowed:
        raise InvalidParameterException(
            f"Notes: {used} characters in all; an evaluation of {len(questions)} questions has at most {allowed}"
        )
    return {"Answers": merged_answers, "Notes": merged_notes}


def update(
    resources: Resources, evaluation: Resource, params: Mapping[str, Any], caller: Caller, identity: str
) -> None:
    if evaluation.attrs["Status"] != "DRAFT":
        raise ResourceConflictException(
            f"Contact evaluation {evaluation.id} is {evaluation.attrs['Status']}: only drafts are updated "
            "(SubmitContactEvaluation resubmits)"
        )
    changes = merge(evaluation, params.get("Answers"), params.get("Notes"))
    changes["EvaluatorArn"] = evaluator(resources, evaluation.parent, params.get("UpdatedBy"), identity)
    resources.update(evaluation, changes, caller)


def submit(
    resources: Resources, evaluation: Resource, params: Mapping[str, Any], caller: Caller, identity: str
) -> None:
    changes = merge(evaluation, params.get("Answers"), params.get("Notes"))
    content = version_of(evaluation).content
    _, enabled = enablement(evaluation, changes["Answers"])
    missing = [
        ref
        for ref, item in forms.questions(content).items()
        if ref in enabled and item.body["QuestionType"] != "TEXT" and ref not in changes["Answers"]
    ]
    if missing:
        raise InvalidParameterException(
            f"Contact evaluation {evaluation.id} cannot be submitted: questions {', '.join(missing)} have no answer"
        )
    item_scores, overall = scores(content, changes["Answers"], enabled)
    changes.update(
        {
            "Status": "SUBMITTED",
            "Scores": item_scores or None,
            OVERALL: overall,
            SUBMITTED: now(),
            "EvaluatorArn": evaluator(resources, evaluation.parent, params.get("SubmittedBy"), identity),
        }
    )
    resources.update(evaluation, changes, caller)
    entry = _contact_entry(resources, evaluation)
    if entry is not None:
        entry.update({"Status": "COMPLETE", "EndTimestamp": evaluation.attrs[SUBMITTED]})


def delete(resources: Resources, evaluation: Resource) -> None:
    entry = _contact_entry(resources, evaluation)
    resources.delete(evaluation)
    if entry is not None:
        entry.update({"Status": "DELETED", "DeleteTimestamp": now()})


def _contact_entry(resources: Resources, evaluation: Resource) -> dict[str, Any] | None:
    contact = resources.find(contacts.CONTACT, evaluation.parent, evaluation.attrs["ContactId"])
    if contact is None:
        return None
    found: dict[str, Any] | None = (contact.attrs.get("ContactEvaluations") or {}).get(evaluation.id)
    return found


# -- conditional items ---------------------------------------------------------------------------
def _answer_values(question: Mapping[str, Any], answer: Mapping[str, Any] | None) -> list[Any] | None:
    value = (answer or {}).get("Value") or {}
    if not value or value.get("NotApplicable"):
        return None
    if "StringValues" in value:
        return list(value["StringValues"])
    return [next(iter(value.values()))]


def _source_values(evaluation: Resource, source: Mapping[str, Any], answers: Mapping[str, Any]) -> list[Any] | None:
    kind = source["Type"]
    if kind == "QUESTION_REF_ID":
        question = forms.questions(version_of(evaluation).content).get(source.get("RefId") or "")
        return None if question is None else _answer_values(question.body, answers.get(question.ref_id))
    if kind == "EVALUATION_METADATA" and source.get("EvaluationMetadataField") == "EVALUATION_TYPE":
        return [evaluation.attrs["EvaluationType"]]
    if kind == "CONTACT" and source.get("ContactField") in ("CHANNEL", "INITIATION_METHOD"):
        contact = evaluation.parent.children(contacts.CONTACT.kind).get(evaluation.attrs["ContactId"])
        member = "Channel" if source["ContactField"] == "CHANNEL" else "InitiationMethod"
        return None if contact is None else [contact.attrs.get(member)]
    return None  # Contact Lens data, AI metrics, form metadata: not resolved by the emulator


def _compare(values: list[Any], comparator: str, targets: list[Any]) -> bool:
    if comparator == "IN":
        return any(v in targets for v in values)
    if comparator == "NOT_IN":
        return not any(v in targets for v in values)
    if comparator == "ALL_IN":
        return all(t in values for t in targets)
    if comparator == "EXACT":
        return set(values) == set(targets)
    if not values or not targets:
        return False
    value, target = values[0], targets[0]
    try:
        return {
            "GREATER_THAN": lambda: value > target,
            "LESS_THAN": lambda: value < target,
            "GREATER_THAN_OR_EQUAL_TO": lambda: value >= target,
            "LESS_THAN_OR_EQUAL_TO": lambda: value <= target,
            "EQUAL_TO": lambda: value == target,
            "NOT_EQUAL_TO": lambda: value != target,
        }[comparator]()
    except TypeError:
        return False


_TARGET_MEMBERS = ("RefId", "StringValue", "NumericValue", "BooleanValue", "DateTimeValue")


def _condition(evaluation: Resource, condition: Mapping[str, Any], answers: Mapping[str, Any]) -> bool | None:
    results: list[bool | None] = []
    for operand in condition.get("Operands") or ():
        if operand.get("Condition") is not None:
            results.append(_condition(evaluation, operand["Condition"], answers))
            continue
        expression = operand["Expression"]
        values = _source_values(evaluation, expression["Source"], answers)
        if values is None:
            results.append(None)
            continue
        targets = [next((t[m] for m in _TARGET_MEMBERS if t.get(m) is not None), None) for t in expression["Values"]]
        results.append(_compare(values, expression["Comparator"], targets))
    if None in results:
        return None
    return any(results) if condition.get("Operator") == "OR" else all(results)


def enablement(evaluation: Resource, answers: Mapping[str, Any] | None = None) -> tuple[dict[str, str], set[str]]:
    """(ItemEnablementStatus of the conditional items, RefIds of every enabled item)."""
    answers = evaluation.attrs["Answers"] if answers is None else answers
    statuses: dict[str, str] = {}
    enabled: set[str] = set()
    for item in forms.walk(version_of(evaluation).content["Items"]):
        config = item.body.get("Enablement")
        on = all(s in enabled for s in item.sections)
        if config is not None:
            result = _condition(evaluation, config["Condition"], answers)
            action = config["Action"]
            otherwise = config.get("DefaultAction") or ("DISABLE" if action == "ENABLE" else "ENABLE")
            chosen = action if result else otherwise
            statuses[item.ref_id] = "ENABLED" if chosen == "ENABLE" else "DISABLED"
            on = on and chosen == "ENABLE"
        if on:
            enabled.add(item.ref_id)
    return statuses, enabled


# -- scores --------------------------------------------------------------------------------------
def _options_by_ref(question: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {o["RefId"]: o for o in forms.properties(question).get("Options") or ()}


def _chosen(question: Mapping[str, Any], value: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    kind = question["QuestionType"]
    if kind == "NUMERIC":
        number = value["NumericValue"]
        return [o for o in forms.properties(question).get("Options") or () if o["MinValue"] <= number <= o["MaxValue"]]
    options = _options_by_ref(question)
    picked = value.get("StringValues") or [value.get("StringValue")]
    return [options[p] for p in picked if p in options]


def _question_score(question: Mapping[str, Any], value: Mapping[str, Any], mode: str) -> dict[str, Any]:
    """A question's score: percentage (or points), automatic fail and its target section."""
    kind = question["QuestionType"]
    props = forms.properties(question)
    options = list(props.get("Options") or ())
    chosen = _chosen(question, value)
    out: dict[str, Any] = {}
    failing = next((o for o in chosen if o.get("AutomaticFail")), None)
    if failing is not None:
        out["AutomaticFail"] = True
        out["_Target"] = (failing.get("AutomaticFailConfiguration") or {}).get("TargetSection")
    if mode == "POINTS_BASED":
        points = [(o.get("PointsConfiguration") or {}) for o in options]
        earned = sum((o.get("PointsConfiguration") or {}).get("PointValue", 0) for o in chosen)
        base = [p.get("PointValue", 0) for p in points if not p.get("IsBonus")]
        declared = (question.get("ScoringConfiguration") or {}).get("PointsConfiguration") or {}
        if declared.get("IsBonus"):
            maximum = 0
        elif declared.get("MaxPointValue") is not None:
            maximum = declared["MaxPointValue"]
        else:
            maximum = sum(base) if kind == "MULTISELECT" else max(base, default=0)
        out.update({"EarnedPoints": earned, "MaxBasePoint": maximum})
        out["Percentage"] = min(100.0, 100.0 * earned / maximum) if maximum else (100.0 if earned else 0.0)
        return out
    if kind == "NUMERIC" and not options:
        low, high = props["MinValue"], props["MaxValue"]
        out["Percentage"] = 100.0 * (value["NumericValue"] - low) / (high - low)
        return out
    scores = [o.get("Score") or 0 for o in options]
    if kind == "MULTISELECT":
        best = sum(s for s in scores if s > 0)
        got = sum(o.get("Score") or 0 for o in chosen)
    else:
        best = max(scores, default=0)
        got = chosen[0].get("Score") or 0 if chosen else 0
    out["Percentage"] = 100.0 * got / best if best else 0.0
    return out


def _category(holder: Mapping[str, Any], percentage: float) -> str | None:
    for threshold in holder.get("ScoreThresholds") or ():
        if threshold.get("MinScorePercentage", 0) <= percentage <= threshold.get("MaxScorePercentage", 100):
            return str(threshold["PerformanceCategory"])
    return None


class _Scorer:
    def __init__(self, content: Mapping[str, Any], answers: Mapping[str, Any], enabled: set[str]) -> None:
        self.content = content
        self.answers = answers
        self.enabled = enabled
        self.mode = forms.scoring_mode(content) or ""
        self.scores: dict[str, dict[str, Any]] = {}
        #: automatic fails whose target is the whole evaluation
        self.form_fail = False

    def item(self, entry: Mapping[str, Any], sections: tuple[str, ...]) -> dict[str, Any] | None:
        """The score of one item (None: the item does not take part in scoring)."""
        if entry.get("Section") is not None:
            return self.section(entry["Section"], sections)
        question = entry["Question"]
        ref = question["RefId"]
        if ref not in self.enabled or not forms.is_scored(question):
            return None
        value = (self.answers.get(ref) or {}).get("Value") or {}
        if not value or value.get("NotApplicable"):
            score: dict[str, Any] = {"NotApplicable": True}
        else:
            score = _question_score(question, value, self.mode)
            if score.get("AutomaticFail") and score["_Target"] is None:
                self.form_fail = True
        score["_Weight"] = score["_QWeight"] = question.get("Weight") or 0
        score["_Holder"] = question.get("ScoringConfiguration") or {}
        score["_Kind"] = "Question"
        self.scores[ref] = score
        return score

    def section(self, body: Mapping[str, Any], sections: tuple[str, ...]) -> dict[str, Any] | None:
        ref = body["RefId"]
        if ref not in self.enabled or body.get("IsExcludedFromScoring"):
            return None
        children = [s for e in body.get("Items") or () if (s := self.item(e, (*sections, ref))) is not None]
        if not children:
            return None
        score = self.combine(children)
        fails = [c for c in children if c.get("AutomaticFail")]
        if fails:
            score["AutomaticFail"] = True
        targeted = any(s.get("_Target") == ref for s in self.scores.values() if s.get("AutomaticFail"))
        if targeted or (self.form_fail and fails):
            score["Percentage"] = 0.0
            score.pop("NotApplicable", None)
        score["_Weight"] = body.get("Weight") or 0
        score["_QWeight"] = sum(c["_QWeight"] for c in children if not c.get("NotApplicable"))
        score["_Holder"] = body
        score["_Kind"] = "Section"
        self.scores[ref] = score
        return score

    def combine(self, children: list[dict[str, Any]]) -> dict[str, Any]:
        live = [c for c in children if not c.get("NotApplicable")]
        if not live:
            return {"NotApplicable": True}
        if self.mode == "POINTS_BASED":
            earned = sum(c.get("EarnedPoints", 0) for c in live)
            maximum = sum(c.get("MaxBasePoint", 0) for c in live)
            percentage = min(100.0, 100.0 * earned / maximum) if maximum else (100.0 if earned else 0.0)
            return {"EarnedPoints": earned, "MaxBasePoint": maximum, "Percentage": percentage}
        weights = [float(c["_QWeight"]) if self.mode == "QUESTION_ONLY" else 1.0 for c in live]
        total = sum(weights)
        if not total:
            return {"Percentage": sum(c["Percentage"] for c in live) / len(live)}
        return {"Percentage": sum(w * c["Percentage"] for w, c in zip(weights, live, strict=True)) / total}

    def overall(self) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
        top = [e["Section"] for e in self.content["Items"] if e.get("Section") is not None]
        results = []
        for body in top:
            result = self.section(body, ())
            if result is not None:
                results.append((body, result))
        live = [(b, r) for b, r in results if not r.get("NotApplicable")]
        overall: dict[str, Any]
        if not live:
            overall = {"NotApplicable": True}
        elif self.mode == "SECTION_ONLY":
            total = sum(r["_Weight"] for _, r in live)
            mean = sum(r["_Weight"] * r["Percentage"] for _, r in live) / total if total else 0.0
            overall = {"Percentage": mean}
            for _, r in live:
                r["AppliedWeight"] = 100.0 * r["_Weight"] / total if total else 0.0
        else:
            overall = self.combine([r for _, r in live])
        if self.mode == "QUESTION_ONLY":
            applicable = [q for q in self.scores.values() if q["_Kind"] == "Question" and not q.get("NotApplicable")]
            total = sum(q["_Weight"] for q in applicable)
            for q in applicable:
                q["AppliedWeight"] = 100.0 * q["_Weight"] / total if total else 0.0
        if any(s.get("AutomaticFail") for s in self.scores.values()):
            overall["AutomaticFail"] = True
        if self.form_fail:
            overall["Percentage"] = 0.0
        return self.scores, overall


def _public(score: dict[str, Any], holder: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in score.items() if not k.startswith("_")}
    if "Percentage" in out:
        out["Percentage"] = round(out["Percentage"], 2)
        category = _category(holder, out["Percentage"])
        if category is not None:
            out["PerformanceCategory"] = category
    if "AppliedWeight" in out:
        out["AppliedWeight"] = round(out["AppliedWeight"], 2)
    return out


def scores(
    content: Mapping[str, Any], answers: Mapping[str, Any], enabled: set[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, Any] | None]:
    """(Scores of the items, the overall score) of submitted answers; nothing with scoring disabled."""
    if not forms.scoring_enabled(content):
        return {}, None
    scorer = _Scorer(content, answers, enabled)
    item_scores, overall = scorer.overall()
    public = {ref: _public(score, score["_Holder"]) for ref, score in item_scores.items()}
    return public, _public(overall, content.get("ScoringStrategy") or {})


# -- rendering and search ------------------------------------------------------------------------
def content_of(evaluation: Resource) -> dict[str, Any]:
    return forms.render_content(
        evaluation.attrs["EvaluationFormId"], evaluation.attrs[FORM_ARN], version_of(evaluation)
    )


def search_summary(evaluation: Resource, tags: Mapping[str, str] | None) -> dict[str, Any]:
    attrs = evaluation.attrs
    metadata: dict[str, Any] = {"ContactId": attrs["ContactId"], "EvaluatorArn": attrs["EvaluatorArn"]}
    if attrs.get("_ContactAgentId"):
        metadata["ContactAgentId"] = attrs["_ContactAgentId"]
    overall = attrs.get(OVERALL) or {}
    for member, name in (
        ("Percentage", "ScorePercentage"),
        ("AutomaticFail", "ScoreAutomaticFail"),
        ("NotApplicable", "ScoreNotApplicable"),
        ("EarnedPoints", "EarnedPoints"),
        ("MaxBasePoint", "MaxBasePoint"),
        ("PerformanceCategory", "PerformanceCategory"),
    ):
        if overall.get(member) is not None:
            metadata[name] = overall[member]
    automation = _automation(evaluation)
    if automation is not None:
        metadata.update(automation)
    out: dict[str, Any] = {
        "EvaluationId": evaluation.id,
        "EvaluationArn": evaluation.arn,
        "EvaluationFormId": attrs["EvaluationFormId"],
        "EvaluationFormVersion": attrs["EvaluationFormVersion"],
        "EvaluationFormTitle": attrs["EvaluationFormTitle"],
        "Metadata": metadata,
        "Status": attrs["Status"],
        "EvaluationType": attrs["EvaluationType"],
        "CreatedTime": evaluation.created_time,
        "LastModifiedTime": evaluation.last_modified_time,
    }
    if tags:
        out["Tags"] = dict(tags)
    return out


#: SearchContactEvaluations' fields
STRING_FIELDS = {
    "evaluationId": lambda e: e.id,
    "contactId": lambda e: e.attrs["ContactId"],
    "evaluationFormId": lambda e: e.attrs["EvaluationFormId"],
    "evaluationFormTitle": lambda e: e.attrs["EvaluationFormTitle"],
    "status": lambda e: e.attrs["Status"],
    "evaluatorArn": lambda e: e.attrs["EvaluatorArn"],
    "contactAgentId": lambda e: e.attrs.get("_ContactAgentId"),
    "evaluationType": lambda e: e.attrs["EvaluationType"],
}
CONDITIONS = forms.conditions(
    numbers={"evaluationFormVersion": lambda e: e.attrs["EvaluationFormVersion"]},
    decimals={"evaluationScore": lambda e: (e.attrs.get(OVERALL) or {}).get("Percentage")},
    booleans={
        "autoEvaluationEnabled": lambda e: e.attrs.get(AUTOMATION) is not None,
        "evaluationScoreAutomaticFail": lambda e: (e.attrs.get(OVERALL) or {}).get("AutomaticFail"),
        "evaluationScoreNotApplicable": lambda e: (e.attrs.get(OVERALL) or {}).get("NotApplicable"),
    },
    datetimes={
        "createdTime": lambda e: e.created_time,
        "lastModifiedTime": lambda e: e.last_modified_time,
        "submittedTime": lambda e: e.attrs.get(SUBMITTED),
    },
)


def by_contact(resources: Resources, instance: Container, contact_id: str) -> str:
    """The contact's ID, checked to be a contact of the instance."""
    return contacts.find(resources, instance, contact_id).id


def questions_of(evaluation: Resource) -> dict[str, Item]:
    return forms.questions(version_of(evaluation).content)
