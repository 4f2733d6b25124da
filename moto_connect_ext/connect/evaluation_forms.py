"""Evaluation forms: versioned documents of sections and questions, checked as AWS documents them.

A form (``instance/<id>/evaluation-form/<form id>``) is a resource of its instance that
holds numbered versions.  CreateEvaluationForm makes version 1, a DRAFT.  A version is
updated in place while it is unlocked; ActivateEvaluationForm makes a version ACTIVE
(the form's previously active version goes back to DRAFT) and locks it for good, so a
change to a locked version is made with ``CreateNewVersion`` (a new version, numbered
after the latest).  A form has at most one ACTIVE version, the one new contact
evaluations are started against.  DeleteEvaluationForm deletes one version (not the
active one; the last one takes the form with it) or the whole form (none active).

The content (``Items``: sections holding questions and subsections) is checked in two
layers:

* structure, always: questions sit in sections, sections nest two levels deep and are
  not empty, at most 100 sections and 100 questions, RefIds unique in the form and
  option RefIds unique in their question, each question's ``QuestionTypeProperties``
  match its ``QuestionType``, numeric ranges and option ranges are sound, scores are
  0-10, weights 0-100, automation and automatic-fail targets name options and sections
  of the form, enablement conditions name other questions and their options, review
  recipients are users of the instance, the AI version is one the instance offers;
* completeness, skipped for a version saved ``AsDraft`` but always checked when a
  version is activated: with scoring enabled, weights add up to 100 (question weights
  over the form for QUESTION_ONLY, top-level section weights for SECTION_ONLY, none for
  POINTS_BASED, whose scored options carry points), numeric options cover the
  question's range, automated evaluation needs automation on every question.

StartEvaluationFormValidation runs both layers over a version and reports every problem
as a finding (GetEvaluationFormValidation); the run moves IN_PROGRESS -> COMPLETED
through moto's state manager (model ``connect::evaluation-form-validation``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.errors import ValidationError
from ..core.moto_compat import StatefulModel, register_transition
from ..core.resources import Container, Resource, Resources, ResourceType
from .exceptions import InvalidParameterException, ResourceConflictException, ResourceNotFoundException
from .search_criteria import NUMBER_COMPARISONS
from .users import USER

VALIDATION_MODEL = "connect::evaluation-form-validation"
register_transition(VALIDATION_MODEL, "immediate")

#: documented limits of a form's content
MAX_SECTIONS = 100
MAX_QUESTIONS = 100
MAX_ITEMS = 100
#: sections and subsections ("two level nesting")
MAX_SECTION_DEPTH = 2
MIN_SELECT_OPTIONS = 2
MAX_SELECT_OPTIONS = 256
MAX_OPTION_SCORE = 10

#: the members of a version's content (what Create/Update take, what Describe shows)
CONTENT_MEMBERS = (
    "Title",
    "Description",
    "Items",
    "ScoringStrategy",
    "AutoEvaluationConfiguration",
    "ReviewConfiguration",
    "TargetConfiguration",
    "LanguageConfiguration",
    "AIVersion",
)
#: QuestionType -> the member of QuestionTypeProperties it needs (None: no properties member)
TYPE_PROPERTIES = {
    "TEXT": "Text",
    "NUMERIC": "Numeric",
    "SINGLESELECT": "SingleSelect",
    "MULTISELECT": "MultiSelect",
    "DATETIME": None,
}
SCORED_TYPES = ("NUMERIC", "SINGLESELECT", "MULTISELECT")

#: the AI versions automated evaluations can use, by contact interaction type
AI_VERSIONS: dict[str, tuple[tuple[str, str, dt.datetime], ...]] = {
    kind: (
        ("1.0", "ACTIVE", dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc)),
        ("2.0", "LATEST", dt.datetime(2025, 11, 6, tzinfo=dt.timezone.utc)),
    )
    for kind in ("AGENT", "AUTOMATED", "CUSTOMER")
}

#: form attributes (private ones are never rendered)
VERSIONS = "_Versions"


# -- the versions of a form ----------------------------------------------------------------
@dataclass
class Finding:
    """One problem of a form's content (a validation finding; the first error refuses a write)."""

    code: str
    description: str
    ref_id: str | None = None
    prop: str | None = None
    severity: str = "ERROR"
    #: a structural problem (refused even as a draft) rather than an incomplete form
    structural: bool = True

    def render(self) -> dict[str, Any]:
        out: dict[str, Any] = {"IssueCode": self.code, "Description": self.description, "Severity": self.severity}
        if self.ref_id is not None:
            item: dict[str, str] = {"RefId": self.ref_id}
            if self.prop is not None:
                item["Property"] = self.prop
            out["Items"] = [item]
        return out


class ValidationRun(StatefulModel):
    """One StartEvaluationFormValidation run over a version: its findings, its status."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(VALIDATION_MODEL, [("IN_PROGRESS", "COMPLETED")], initial="IN_PROGRESS")
        self.findings = findings
        self.started = now()


@dataclass
class Version:
    number: int
    content: dict[str, Any]
    created_by: str
    status: str = "DRAFT"
    locked: bool = False
    created: dt.datetime = field(default_factory=now)
    modified: dt.datetime = field(default_factory=now)
    modified_by: str = ""
    validation: ValidationRun | None = None


def versions(form: Resource) -> dict[int, Version]:
    found: dict[int, Version] = form.attrs[VERSIONS]
    return found


def latest(form: Resource) -> Version:
    return versions(form)[max(versions(form))]


def active(form: Resource) -> Version | None:
    return next((v for v in versions(form).values() if v.status == "ACTIVE"), None)


def version(form: Resource, number: int | None) -> Version:
    """A version of the form (the latest when ``number`` is None)."""
    if number is None:
        return latest(form)
    found = versions(form).get(number)
    if found is None:
        raise ResourceNotFoundException(f"Evaluation form {form.id} has no version {number}")
    return found


def _latest_member(member: str) -> Callable[[Resource], Any]:
    return lambda form: latest(form).content.get(member)


def _search_status(form: Resource) -> str:
    return "ACTIVE" if active(form) is not None else "DRAFT"


EVALUATION_FORM = ResourceType(
    kind="evaluation-form",
    name_member=None,
    computed={
        "Title": _latest_member("Title"),
        "Description": _latest_member("Description"),
        "LatestVersion": lambda f: max(versions(f)),
        "ActiveVersion": lambda f: v.number if (v := active(f)) else None,
        "Status": _search_status,
        "LastModifiedTime": lambda f: max(v.modified for v in versions(f).values()),
        "LastModifiedBy": lambda f: max(versions(f).values(), key=lambda v: v.modified).modified_by,
        "AutoEvaluationEnabled": lambda f: bool(
            (latest(f).content.get("AutoEvaluationConfiguration") or {}).get("Enabled")
        ),
        "EvaluationFormLanguage": lambda f: (latest(f).content.get("LanguageConfiguration") or {}).get("FormLanguage"),
        "ContactInteractionType": lambda f: (latest(f).content.get("TargetConfiguration") or {}).get(
            "ContactInteractionType"
        ),
        "AIVersion": _latest_member("AIVersion"),
    },
    not_found_error=lambda ident, _parent: ResourceNotFoundException(f"Evaluation form not found: {ident}"),
)


# -- the content's items -------------------------------------------------------------------
@dataclass(frozen=True)
class Item:
    """One section or question of a form, where it sits."""

    kind: str  # "Section" or "Question"
    body: Mapping[str, Any]
    #: RefIds of the sections holding it, outermost first
    sections: tuple[str, ...]

    @property
    def ref_id(self) -> str:
        return str(self.body["RefId"])


def walk(items: list[Mapping[str, Any]], sections: tuple[str, ...] = ()) -> Iterator[Item]:
    """Every item of a form, depth first, in document order."""
    for entry in items:
        for kind in ("Section", "Question"):
            body = entry.get(kind)
            if body is None:
                continue
            yield Item(kind, body, sections)
            if kind == "Section":
                yield from walk(body.get("Items") or [], (*sections, body["RefId"]))


def questions(content: Mapping[str, Any]) -> dict[str, Item]:
    return {i.ref_id: i for i in walk(content["Items"]) if i.kind == "Question"}


def properties(question: Mapping[str, Any]) -> Mapping[str, Any]:
    """The question's own type properties (``Numeric``, ``SingleSelect``...), or {}."""
    member = TYPE_PROPERTIES.get(question["QuestionType"])
    if member is None:
        return {}
    props: Mapping[str, Any] = (question.get("QuestionTypeProperties") or {}).get(member) or {}
    return props


def option_ref_ids(question: Mapping[str, Any]) -> list[str]:
    return [o["RefId"] for o in properties(question).get("Options") or () if "RefId" in o]


def scoring_enabled(content: Mapping[str, Any]) -> bool:
    return (content.get("ScoringStrategy") or {}).get("Status") == "ENABLED"


def scoring_mode(content: Mapping[str, Any]) -> str | None:
    return (content.get("ScoringStrategy") or {}).get("Mode") if scoring_enabled(content) else None


def is_scored(question: Mapping[str, Any]) -> bool:
    excluded = (question.get("ScoringConfiguration") or {}).get("IsExcludedFromScoring")
    return question["QuestionType"] in SCORED_TYPES and not excluded


# -- checking the content ------------------------------------------------------------------
class _Checker:
    """Collects the findings of one version's content."""

    def __init__(self, resources: Resources, instance: Container, content: Mapping[str, Any]) -> None:
        self.resources = resources
        self.instance = instance
        self.content = content
        self.findings: list[Finding] = []
        self.items = list(walk(content["Items"]))
        self.by_ref: dict[str, Item] = {}

    def add(self, code: str, description: str, ref_id: str | None = None, prop: str | None = None) -> None:
        self.findings.append(Finding(code, description, ref_id, prop))

    def incomplete(self, code: str, description: str, ref_id: str | None = None, prop: str | None = None) -> None:
        self.findings.append(Finding(code, description, ref_id, prop, structural=False))

    def warn(self, code: str, description: str, ref_id: str | None = None, prop: str | None = None) -> None:
        self.findings.append(Finding(code, description, ref_id, prop, "WARNING", structural=False))

    # structure --------------------------------------------------------------------------
    def structure(self) -> None:
        top = self.content["Items"]
        if not top:
            self.add("EMPTY_FORM", "An evaluation form needs at least one section")
        if len(top) > MAX_ITEMS:
            self.add("TOO_MANY_ITEMS", f"An evaluation form has at most {MAX_ITEMS} top-level items")
        for entry in top:
            if entry.get("Question") is not None:
                ref = entry["Question"].get("RefId")
                self.add("QUESTION_OUTSIDE_SECTION", f"Question {ref} must be contained in a section", ref)
        sections = [i for i in self.items if i.kind == "Section"]
        count = len(self.items) - len(sections)
        if len(sections) > MAX_SECTIONS:
            self.add("TOO_MANY_SECTIONS", f"An evaluation form has at most {MAX_SECTIONS} sections ({len(sections)})")
        if count > MAX_QUESTIONS:
            self.add("TOO_MANY_QUESTIONS", f"An evaluation form has at most {MAX_QUESTIONS} questions ({count})")
        for item in self.items:
            ref = item.ref_id
            if ref in self.by_ref:
                self.add("DUPLICATE_REF_ID", f"RefId {ref} is used by more than one item of the form", ref, "RefId")
            self.by_ref.setdefault(ref, item)
        for item in self.items:
            weight = item.body.get("Weight")
            if weight is not None and not 0 <= weight <= 100:
                self.add(
                    "INVALID_WEIGHT", f"The weight of {item.ref_id} must be between 0 and 100", item.ref_id, "Weight"
                )
            if item.kind == "Section":
                self.section(item)
            else:
                self.question(item)
            if item.body.get("Enablement") is not None:
                self.enablement(item, item.body["Enablement"])
        self.thresholds(self.content.get("ScoringStrategy") or {}, None)
        self.review()
        self.ai_version()

    def section(self, item: Item) -> None:
        ref = item.ref_id
        if len(item.sections) >= MAX_SECTION_DEPTH:
            self.add(
                "NESTING_TOO_DEEP",
                f"Section {ref} is nested too deeply: forms have sections and subsections only",
                ref,
            )
        children = item.body.get("Items") or []
        if not children:
            self.add("EMPTY_SECTION", f"Section {ref} has no items", ref, "Items")
        if len(children) > MAX_ITEMS:
            self.add("TOO_MANY_ITEMS", f"Section {ref} has more than {MAX_ITEMS} items", ref, "Items")
        self.thresholds(item.body, ref)

    def question(self, item: Item) -> None:
        body, ref = item.body, item.ref_id
        kind = body["QuestionType"]
        given = [k for k, v in (body.get("QuestionTypeProperties") or {}).items() if v is not None]
        wanted = TYPE_PROPERTIES[kind]
        stray = [g for g in given if g != wanted]
        if stray:
            self.add(
                "QUESTION_TYPE_PROPERTIES_MISMATCH",
                f"Question {ref} is of type {kind} and cannot have {', '.join(stray)} properties",
                ref,
                "QuestionTypeProperties",
            )
            return
        if wanted is not None and wanted not in given and kind != "TEXT":
            self.add(
                "MISSING_QUESTION_TYPE_PROPERTIES",
                f"Question {ref} of type {kind} needs QuestionTypeProperties.{wanted}",
                ref,
                "QuestionTypeProperties",
            )
            return
        props = properties(body)
        if kind == "NUMERIC":
            self.numeric(ref, props)
        elif kind in ("SINGLESELECT", "MULTISELECT"):
            self.select(ref, kind, props)
        if body.get("Weight") and not is_scored(body):
            self.add("WEIGHT_NOT_ALLOWED", f"Question {ref} is not scored and cannot have a weight", ref, "Weight")
        self.thresholds(body.get("ScoringConfiguration") or {}, ref)
        points = (body.get("ScoringConfiguration") or {}).get("PointsConfiguration") or {}
        low, high = points.get("MinPointValue"), points.get("MaxPointValue")
        if low is not None and high is not None and low > high:
            self.add(
                "INVALID_POINTS", f"Question {ref}: MinPointValue is above MaxPointValue", ref, "ScoringConfiguration"
            )
        source = ((props.get("Automation") or {}).get("AnswerSource") or {}).get("SourceType")
        if source == "GEN_AI" and not body.get("Instructions"):
            self.warn(
                "MISSING_INSTRUCTIONS",
                f"Question {ref} is answered by generative AI and has no instructions to guide it",
                ref,
                "Instructions",
            )

    def _options(self, ref: str, options: list[Mapping[str, Any]]) -> None:
        for option in options:
            score = option.get("Score")
            if score is not None and not 0 <= score <= MAX_OPTION_SCORE:
                self.add(
                    "INVALID_SCORE", f"Question {ref}: answer scores are between 0 and {MAX_OPTION_SCORE}", ref, "Score"
                )
            target = (option.get("AutomaticFailConfiguration") or {}).get("TargetSection")
            if target is not None:
                holder = self.by_ref[ref].sections
                if target not in holder:
                    self.add(
                        "INVALID_AUTOMATIC_FAIL_TARGET",
                        f"Question {ref}: the automatic fail target {target} is not a section holding the question",
                        ref,
                        "AutomaticFailConfiguration",
                    )
                if not option.get("AutomaticFail"):
                    self.add(
                        "INVALID_AUTOMATIC_FAIL_TARGET",
                        f"Question {ref}: an automatic fail target needs AutomaticFail on its option",
                        ref,
                        "AutomaticFailConfiguration",
                    )

    def numeric(self, ref: str, props: Mapping[str, Any]) -> None:
        low, high = props["MinValue"], props["MaxValue"]
        if low >= high:
            self.add("INVALID_NUMERIC_RANGE", f"Question {ref}: MinValue {low} must be below MaxValue {high}", ref)
            return
        options = list(props.get("Options") or ())
        self._options(ref, options)
        spans = sorted((o["MinValue"], o["MaxValue"]) for o in options)
        for a, b in spans:
            if a > b or a < low or b > high:
                self.add(
                    "INVALID_OPTION_RANGE",
                    f"Question {ref}: the option range {a}-{b} is not within {low}-{high}",
                    ref,
                    "Options",
                )
                return
        for (_, b), (c, d) in itertools.pairwise(spans):
            if c <= b:
                self.add("OVERLAPPING_OPTIONS", f"Question {ref}: the option ranges overlap at {c}-{min(b, d)}", ref)
                return
        if spans and scoring_enabled(self.content):
            covered = spans[0][0] == low and spans[-1][1] == high
            covered = covered and all(c == b + 1 for (_, b), (c, _) in itertools.pairwise(spans))
            if not covered:
                self.incomplete(
                    "OPTIONS_DO_NOT_COVER_RANGE",
                    f"Question {ref}: the option ranges must cover the whole range {low}-{high}",
                    ref,
                    "Options",
                )
        automation = props.get("Automation") or {}
        if automation.get("PropertyValue") and automation.get("AnswerSource"):
            self.add(
                "INVALID_AUTOMATION", f"Question {ref}: numeric automation is a PropertyValue or an AnswerSource", ref
            )

    def select(self, ref: str, kind: str, props: Mapping[str, Any]) -> None:
        options = list(props.get("Options") or ())
        if not MIN_SELECT_OPTIONS <= len(options) <= MAX_SELECT_OPTIONS:
            self.add(
                "INVALID_OPTION_COUNT",
                f"Question {ref}: a {kind} question has {MIN_SELECT_OPTIONS} to {MAX_SELECT_OPTIONS} options",
                ref,
                "Options",
            )
        refs = [o["RefId"] for o in options]
        dupes = sorted({r for r in refs if refs.count(r) > 1})
        if dupes:
            self.add(
                "DUPLICATE_OPTION_REF_ID", f"Question {ref}: option RefIds must be unique ({', '.join(dupes)})", ref
            )
        self._options(ref, options)
        automation = props.get("Automation") or {}
        named: list[str] = []
        for option in automation.get("Options") or ():
            rule = option.get("RuleCategory") or option.get("AutomationRule") or {}
            named.extend(rule.get("OptionRefIds") or ([rule["OptionRefId"]] if "OptionRefId" in rule else []))
            if option.get("AutomationRule") is not None:
                self.enablement(self.by_ref[ref], {"Condition": option["AutomationRule"]["Condition"]})
        if automation.get("DefaultOptionRefId"):
            named.append(automation["DefaultOptionRefId"])
        named.extend(automation.get("DefaultOptionRefIds") or ())
        unknown = sorted(set(named) - set(refs))
        if unknown:
            self.add(
                "UNKNOWN_OPTION_REF_ID",
                f"Question {ref}: automation names options the question does not have ({', '.join(unknown)})",
                ref,
                "Automation",
            )

    def enablement(self, item: Item, config: Mapping[str, Any]) -> None:
        for expression in _expressions(config.get("Condition") or {}):
            source = expression["Source"]
            if source["Type"] != "QUESTION_REF_ID":
                continue
            target_ref = source.get("RefId")
            target = self.by_ref.get(target_ref or "")
            if target is None or target.kind != "Question":
                self.add(
                    "INVALID_ENABLEMENT_SOURCE",
                    f"Item {item.ref_id}: the condition's source {target_ref} is not a question of the form",
                    item.ref_id,
                    "Enablement",
                )
                continue
            if target_ref == item.ref_id or target_ref in _descendants(item):
                self.add(
                    "INVALID_ENABLEMENT_SOURCE",
                    f"Item {item.ref_id}: a condition cannot depend on the item itself",
                    item.ref_id,
                    "Enablement",
                )
            options = set(option_ref_ids(target.body))
            for value in expression["Values"]:
                if value["Type"] == "OPTION_REF_ID" and value.get("RefId") not in options:
                    self.add(
                        "UNKNOWN_OPTION_REF_ID",
                        f"Item {item.ref_id}: question {target_ref} has no option {value.get('RefId')}",
                        item.ref_id,
                        "Enablement",
                    )

    def thresholds(self, holder: Mapping[str, Any], ref: str | None) -> None:
        seen: set[str] = set()
        for threshold in holder.get("ScoreThresholds") or ():
            category = threshold["PerformanceCategory"]
            low, high = threshold.get("MinScorePercentage", 0), threshold.get("MaxScorePercentage", 100)
            where = f"Item {ref}" if ref else "The scoring strategy"
            if category in seen:
                self.add("INVALID_SCORE_THRESHOLDS", f"{where} has more than one {category} threshold", ref)
            seen.add(category)
            if not 0 <= low <= high <= 100:
                self.add(
                    "INVALID_SCORE_THRESHOLDS",
                    f"{where}: the {category} threshold must be within 0-100 with its minimum below its maximum",
                    ref,
                )

    def review(self) -> None:
        for recipient in (self.content.get("ReviewConfiguration") or {}).get("ReviewNotificationRecipients") or ():
            user_id = (recipient.get("Value") or {}).get("UserId")
            if not user_id or self.resources.find(USER, self.instance, user_id) is None:
                self.add("UNKNOWN_REVIEW_RECIPIENT", f"ReviewConfiguration: User not found: {user_id}")

    def ai_version(self) -> None:
        name = self.content.get("AIVersion")
        if name is None:
            return
        kind = (self.content.get("TargetConfiguration") or {}).get("ContactInteractionType", "AGENT")
        if name not in {n for n, _, _ in AI_VERSIONS[kind]}:
            self.add("UNKNOWN_AI_VERSION", f"AIVersion {name} is not available for {kind} evaluation forms")

    # completeness -----------------------------------------------------------------------
    def weights_add_up(self, mode: str, weighed: list[Item], what: str) -> None:
        """With ``mode`` scoring the weights of ``weighed`` (``what``, as the finding names them) add up to 100."""
        total = sum(i.body.get("Weight") or 0 for i in weighed)
        if abs(total - 100) > 0.01:
            self.incomplete(
                "WEIGHTS_DO_NOT_ADD_UP",
                f"With {mode} scoring the weights of {what} must add up to 100 (they add up to {total:g})",
            )

    def weights_refused(self, unweighed: Callable[[Item], bool], why: str) -> None:
        """Every item the scoring mode gives no weight (``unweighed``) and that has one is a finding."""
        for item in self.items:
            if item.body.get("Weight") is not None and unweighed(item):
                self.incomplete("WEIGHT_NOT_ALLOWED", f"{item.kind} {item.ref_id}: {why}", item.ref_id, "Weight")

    def completeness(self) -> None:
        mode = scoring_mode(self.content)
        scored = [i for i in self.items if i.kind == "Question" and is_scored(i.body)]
        if mode == "QUESTION_ONLY":
            self.weights_add_up(mode, scored, "the scored questions")
            self.weights_refused(lambda i: i.kind == "Section", "with QUESTION_ONLY scoring sections have no weight")
        elif mode == "SECTION_ONLY":
            top = [i for i in self.items if i.kind == "Section" and not i.sections]
            self.weights_add_up(mode, top, "the sections")
            self.weights_refused(
                lambda i: i.kind == "Question" or bool(i.sections),
                "with SECTION_ONLY scoring only sections carry weights",
            )
        elif mode == "POINTS_BASED":
            self.weights_refused(lambda i: True, "POINTS_BASED scoring uses points, not weights")
            for item in scored:
                options = properties(item.body).get("Options") or ()
                if not options or any(o.get("PointsConfiguration") is None for o in options):
                    self.incomplete(
                        "MISSING_POINTS",
                        f"Question {item.ref_id}: with POINTS_BASED scoring every answer option needs points",
                        item.ref_id,
                        "Options",
                    )
        if (self.content.get("AutoEvaluationConfiguration") or {}).get("Enabled"):
            for item in self.items:
                if item.kind == "Question" and not (properties(item.body).get("Automation")):
                    self.incomplete(
                        "MISSING_AUTOMATION",
                        f"Question {item.ref_id}: automated evaluation needs automation on every question",
                        item.ref_id,
                        "Automation",
                    )


def _expressions(condition: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for operand in condition.get("Operands") or ():
        if operand.get("Expression") is not None:
            yield operand["Expression"]
        if operand.get("Condition") is not None:
            yield from _expressions(operand["Condition"])


def _descendants(item: Item) -> set[str]:
    if item.kind != "Section":
        return set()
    return {i.ref_id for i in walk(item.body.get("Items") or [])}


def findings(resources: Resources, instance: Container, content: Mapping[str, Any]) -> list[Finding]:
    """Every problem of a version's content, structural ones first."""
    checker = _Checker(resources, instance, content)
    checker.structure()
    if not any(f.structural for f in checker.findings):
        checker.completeness()
    return checker.findings


def check_content(resources: Resources, instance: Container, content: Mapping[str, Any], draft: bool) -> None:
    """Refuse content with a structural problem (or, unless ``draft``, an incomplete one)."""
    for finding in findings(resources, instance, content):
        if finding.severity == "ERROR" and (finding.structural or not draft):
            raise InvalidParameterException(finding.description)


# -- the operations' rules -----------------------------------------------------------------
def content_of(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: params[k] for k in CONTENT_MEMBERS if params.get(k) is not None}


def create(
    resources: Resources,
    instance: Container,
    params: Mapping[str, Any],
    caller: Caller,
    identity: str,
) -> Resource:
    content = content_of(params)
    check_content(resources, instance, content, bool(params.get("AsDraft")))
    first = Version(1, content, identity, modified_by=identity)
    attrs = {VERSIONS: {1: first}, "CreatedBy": identity}
    return resources.create(EVALUATION_FORM, instance, attrs, caller, params.get("Tags"))


def update(
    resources: Resources,
    form: Resource,
    params: Mapping[str, Any],
    caller: Caller,
    identity: str,
) -> Version:
    """Update a version in place (unlocked) or make a new version from the request."""
    current = version(form, params["EvaluationFormVersion"])
    content = content_of(params)
    check_content(resources, form.parent, content, bool(params.get("AsDraft")))
    if params.get("CreateNewVersion"):
        number = max(versions(form)) + 1
        made = Version(number, content, identity, modified_by=identity)
        versions(form)[number] = made
    else:
        if current.locked:
            raise ResourceConflictException(
                f"Version {current.number} of evaluation form {form.id} is locked (it has been activated); "
                "update it with CreateNewVersion"
            )
        current.content = content
        current.modified, current.modified_by = now(), identity
        current.validation = None
        made = current
    resources.touch(form, caller)
    return made


def activate(resources: Resources, form: Resource, number: int, caller: Caller, identity: str) -> Version:
    chosen = version(form, number)
    if chosen.status == "ACTIVE":
        raise ResourceConflictException(f"Version {number} of evaluation form {form.id} is already active")
    check_content(resources, form.parent, chosen.content, draft=False)
    previous = active(form)
    if previous is not None:
        previous.status = "DRAFT"
        previous.modified, previous.modified_by = now(), identity
    chosen.status, chosen.locked = "ACTIVE", True
    chosen.modified, chosen.modified_by = now(), identity
    form.attrs["LastActivatedTime"], form.attrs["LastActivatedBy"] = chosen.modified, identity
    resources.touch(form, caller)
    return chosen


def deactivate(resources: Resources, form: Resource, number: int, caller: Caller, identity: str) -> Version:
    chosen = version(form, number)
    if chosen.status != "ACTIVE":
        raise ResourceConflictException(f"Version {number} of evaluation form {form.id} is not active")
    chosen.status = "DRAFT"
    chosen.modified, chosen.modified_by = now(), identity
    resources.touch(form, caller)
    return chosen


def delete(resources: Resources, form: Resource, number: int | None) -> None:
    """Delete one version (not the active one) or the whole form (no active version)."""
    if number is None:
        if active(form) is not None:
            raise ResourceConflictException(
                f"Evaluation form {form.id} has an active version ({active(form).number}); deactivate it first"  # type: ignore[union-attr]
            )
        resources.delete(form)
        return
    chosen = version(form, number)
    if chosen.status == "ACTIVE":
        raise ResourceConflictException(
            f"Version {number} of evaluation form {form.id} is active; deactivate it before deleting it"
        )
    if len(versions(form)) == 1:
        resources.delete(form)
        return
    del versions(form)[number]


def start_validation(resources: Resources, form: Resource, number: int) -> Version:
    chosen = version(form, number)
    run = chosen.validation
    if run is not None and run.status == "IN_PROGRESS":
        raise ResourceConflictException(f"A validation of version {number} of evaluation form {form.id} is in progress")
    chosen.validation = ValidationRun(findings(resources, form.parent, chosen.content))
    return chosen


def validation_result(form: Resource, number: int | None) -> dict[str, Any]:
    chosen = version(form, number)
    run = chosen.validation
    if run is None:
        raise ResourceNotFoundException(
            f"Version {chosen.number} of evaluation form {form.id} has not been validated "
            "(StartEvaluationFormValidation)"
        )
    status = str(run.status)
    out: dict[str, Any] = {
        "Status": status,
        "EvaluationFormId": form.id,
        "EvaluationFormVersion": chosen.number,
        "StartedTime": run.started,
    }
    if status == "COMPLETED":
        out["Findings"] = [f.render() for f in run.findings]
    return out


# -- rendering -----------------------------------------------------------------------------
def render_version(form: Resource, chosen: Version, tags: Mapping[str, str] | None, full: bool) -> dict[str, Any]:
    """A version as ``EvaluationForm`` (``full``) or ``EvaluationFormVersionSummary``."""
    out: dict[str, Any] = {
        "EvaluationFormId": form.id,
        "EvaluationFormArn": form.arn,
        "EvaluationFormVersion": chosen.number,
        "Locked": chosen.locked,
        "Status": chosen.status,
        "CreatedTime": chosen.created,
        "CreatedBy": chosen.created_by,
        "LastModifiedTime": chosen.modified,
        "LastModifiedBy": chosen.modified_by,
    }
    if full:
        out.update(chosen.content)
        if tags:
            out["Tags"] = dict(tags)
        if chosen.validation is not None:
            out["LatestValidationStatus"] = str(chosen.validation.status)
            out["LastValidationTime"] = chosen.validation.started
    return out


def render_content(form_id: str, form_arn: str, chosen: Version) -> dict[str, Any]:
    """A version as ``EvaluationFormContent`` (what a contact evaluation was made against)."""
    return {
        "EvaluationFormVersion": chosen.number,
        "EvaluationFormId": form_id,
        "EvaluationFormArn": form_arn,
        **chosen.content,
    }


def ai_versions(kind: str) -> list[dict[str, Any]]:
    return [
        {"AIVersionName": name, "AIVersionLifecycle": {"Status": status, "StartOfLifeTime": start}}
        for name, status, start in AI_VERSIONS[kind]
    ]


# -- search conditions beyond StringCondition ----------------------------------------------
DATETIME_TESTS: dict[str, tuple[tuple[str, ...], Callable[[Any, Any, Any], bool]]] = {
    "GREATER_THAN": (("MinValue",), lambda v, lo, hi: v > lo),
    "GREATER_THAN_OR_EQUAL_TO": (("MinValue",), lambda v, lo, hi: v >= lo),
    "LESS_THAN": (("MaxValue",), lambda v, lo, hi: v < hi),
    "LESS_THAN_OR_EQUAL_TO": (("MaxValue",), lambda v, lo, hi: v <= hi),
    "EQUAL_TO": (("MinValue",), lambda v, lo, hi: v == lo),
    "RANGE": (("MinValue", "MaxValue"), lambda v, lo, hi: lo <= v <= hi),
}


def parse_datetime(text: str, where: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(f"{where}: {text!r} is not a date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _reader(fields: Mapping[str, Callable[[Resource], Any]], name: Any, where: str) -> Callable[[Resource], Any]:
    lookup = {k.lower(): v for k, v in fields.items()}
    read = lookup.get(str(name).lower()) if name is not None else None
    if read is None:
        raise ValidationError(f"{where}.fieldName: {name!r} is not supported; supported fields are {', '.join(fields)}")
    return read


def _ranged(
    tests: Mapping[str, tuple[tuple[str, ...], Callable[[Any, Any, Any], bool]]],
    fields: Mapping[str, Callable[[Resource], Any]],
    where: str,
    convert: Callable[[Any], Any] = lambda v: v,
) -> Callable[[Mapping[str, Any]], Callable[[Resource], bool]]:
    def build(condition: Mapping[str, Any]) -> Callable[[Resource], bool]:
        read = _reader(fields, condition.get("FieldName"), where)
        kind = str(condition.get("ComparisonType"))
        if kind not in tests:
            raise ValidationError(f"{where}.comparisonType is required")
        needed, test = tests[kind]
        bounds = {n: condition.get(n) for n in ("MinValue", "MaxValue")}
        missing = [n for n in needed if bounds[n] is None]
        if missing:
            raise ValidationError(f"{where}: {' and '.join(missing)} required for comparison {kind}")
        low = convert(bounds["MinValue"]) if bounds["MinValue"] is not None else None
        high = convert(bounds["MaxValue"]) if bounds["MaxValue"] is not None else None
        if kind == "RANGE" and low is not None and high is not None and low > high:
            raise ValidationError(f"{where}: MinValue is above MaxValue")

        def keep(resource: Resource) -> bool:
            value = read(resource)
            return value is not None and bool(test(value, low, high))

        return keep

    return build


def conditions(
    numbers: Mapping[str, Callable[[Resource], Any]] | None = None,
    decimals: Mapping[str, Callable[[Resource], Any]] | None = None,
    booleans: Mapping[str, Callable[[Resource], Any]] | None = None,
    datetimes: Mapping[str, Callable[[Resource], Any]] | None = None,
) -> dict[str, Callable[[Any], Callable[[Resource], bool]]]:
    """Builders of Number/Decimal/Boolean/DateTime conditions over the named fields."""
    out: dict[str, Callable[[Any], Callable[[Resource], bool]]] = {}
    if numbers:
        out["NumberCondition"] = _ranged(NUMBER_COMPARISONS, numbers, "searchCriteria.numberCondition")
    if decimals:
        out["DecimalCondition"] = _ranged(NUMBER_COMPARISONS, decimals, "searchCriteria.decimalCondition")
    if datetimes:
        where = "searchCriteria.dateTimeCondition"
        out["DateTimeCondition"] = _ranged(DATETIME_TESTS, datetimes, where, lambda v: parse_datetime(v, where))
    if booleans:
        flags = booleans

        def boolean(condition: Mapping[str, Any]) -> Callable[[Resource], bool]:
            read = _reader(flags, condition.get("FieldName"), "searchCriteria.booleanCondition")
            if condition.get("ComparisonType") not in ("IS_TRUE", "IS_FALSE"):
                raise ValidationError("searchCriteria.booleanCondition.comparisonType is required")
            wanted = condition["ComparisonType"] == "IS_TRUE"
            return lambda r: bool(read(r)) == wanted

        out["BooleanCondition"] = boolean
    return out
