"""Contact evaluations: start, update, submit, describe, delete, list by contact, search (the rules
are in ``connect/contact_evaluations.py``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...core.errors import ValidationError
from ...core.pagination import limit_of
from ...core.resources import Resource, parent_of, render, resource_of
from .. import contact_evaluations as evaluations
from ..contact_evaluations import CONTACT_EVALUATION
from ..exceptions import ResourceConflictException
from ..federation import access_key_of, caller_identity
from ..search_criteria import criteria_matcher, tag_matcher
from .common import once, reused, tag_filter_of, with_next


def _identity(r: Any) -> str:
    return caller_identity(r.caller, access_key_of(r.headers))[1]


def _answer(evaluation: Resource) -> dict[str, Any]:
    return {"EvaluationId": evaluation.id, "EvaluationArn": evaluation.arn}


def start_contact_evaluation(r: Any) -> dict[str, Any]:
    instance = parent_of(CONTACT_EVALUATION, r)
    identity = _identity(r)
    evaluation = once(
        r,
        "StartContactEvaluation",
        lambda: evaluations.start(r.backend.resources, instance, r.params, r.caller, identity),
        mismatch=reused(r, ResourceConflictException, "with other parameters"),
    )
    return _answer(evaluation)


def update_contact_evaluation(r: Any) -> dict[str, Any]:
    evaluation = resource_of(CONTACT_EVALUATION, r)
    evaluations.update(r.backend.resources, evaluation, r.params, r.caller, _identity(r))
    return _answer(evaluation)


def submit_contact_evaluation(r: Any) -> dict[str, Any]:
    evaluation = resource_of(CONTACT_EVALUATION, r)
    evaluations.submit(r.backend.resources, evaluation, r.params, r.caller, _identity(r))
    return _answer(evaluation)


def describe_contact_evaluation(r: Any) -> dict[str, Any]:
    evaluation = resource_of(CONTACT_EVALUATION, r)
    return {
        "Evaluation": render(evaluation, "Evaluation", r.backend.resources.tags),
        "EvaluationForm": evaluations.content_of(evaluation),
    }


def delete_contact_evaluation(r: Any) -> None:
    evaluations.delete(r.backend.resources, resource_of(CONTACT_EVALUATION, r))


def list_contact_evaluations(r: Any) -> dict[str, Any]:
    instance = parent_of(CONTACT_EVALUATION, r)
    resources = r.backend.resources
    contact_id = evaluations.by_contact(resources, instance, r.params["ContactId"])
    page, token = resources.page(
        CONTACT_EVALUATION, instance, r.params.get("NextToken"), 100, lambda e: e.attrs["ContactId"] == contact_id
    )
    return with_next(token, EvaluationSummaryList=[render(e, "EvaluationSummary", resources.tags) for e in page])


def _attribute_filter(search_filter: Mapping[str, Any], tags: Any) -> Callable[[Resource], bool] | None:
    """The search filter: tags (``AttributeFilter``), or tags and the evaluated agent
    (``ContactEvaluationAttributeFilter``)."""
    tag_filter = tag_filter_of(search_filter.get("AttributeFilter"))
    if tag_filter:
        tags_match = tag_matcher(tag_filter, "searchFilter.attributeFilter")
        return lambda e: tags_match(tags.get(e.arn) or {})
    own = search_filter.get("ContactEvaluationAttributeFilter")
    if not own:
        return None

    def group(part: Mapping[str, Any]) -> Callable[[Resource], bool]:
        tag_part = tag_matcher({"AndConditions": part.get("TagConditions") or []}, "searchFilter")
        agents = [_agent_of(c) for c in part.get("AttributeConditions") or ()]
        return lambda e: tag_part(tags.get(e.arn) or {}) and all(e.attrs.get("_ContactAgentId") == a for a in agents)

    tests: list[Callable[[Resource], bool]] = []
    if own.get("OrConditions"):
        groups = [group(g) for g in own["OrConditions"]]
        tests.append(lambda e: any(g(e) for g in groups))
    if own.get("AndCondition"):
        tests.append(group(own["AndCondition"]))
    if own.get("TagCondition"):
        tests.append(group({"TagConditions": [own["TagCondition"]]}))
    if own.get("ContactEvaluationAttributeCondition"):
        tests.append(group({"AttributeConditions": [own["ContactEvaluationAttributeCondition"]]}))
    return lambda e: all(t(e) for t in tests)


def _agent_of(condition: Mapping[str, Any]) -> str:
    """The agent a ``ContactEvaluationAttributeCondition`` names (its key is ``ContactAgentId``,
    its comparison ``EXACT``, the only values the model allows); a condition without its key
    or value is refused."""
    value = (condition.get("AttributeValue") or {}).get("StringValue")
    if not condition.get("AttributeKey") or not value:
        raise ValidationError(
            "searchFilter: AttributeKey and AttributeValue.StringValue are required in a "
            "ContactEvaluationAttributeCondition"
        )
    return str(value)


def search_contact_evaluations(r: Any) -> dict[str, Any]:
    instance = parent_of(CONTACT_EVALUATION, r)
    resources = r.backend.resources
    matches = criteria_matcher(r.params.get("SearchCriteria"), evaluations.STRING_FIELDS, evaluations.CONDITIONS)
    extra = _attribute_filter(r.params.get("SearchFilter") or {}, resources.tags)

    def keep(evaluation: Resource) -> bool:
        return matches(evaluation) and (extra is None or extra(evaluation))

    p = r.params
    page, token, total = resources.search_page(
        CONTACT_EVALUATION, instance, p.get("NextToken"), limit_of(p.get("MaxResults"), 100), keep
    )
    return with_next(
        token,
        EvaluationSearchSummaryList=[evaluations.search_summary(e, resources.tags.get(e.arn)) for e in page],
        ApproximateTotalCount=total,
    )


HANDLERS = {
    "start_contact_evaluation": start_contact_evaluation,
    "update_contact_evaluation": update_contact_evaluation,
    "submit_contact_evaluation": submit_contact_evaluation,
    "describe_contact_evaluation": describe_contact_evaluation,
    "delete_contact_evaluation": delete_contact_evaluation,
    "list_contact_evaluations": list_contact_evaluations,
    "search_contact_evaluations": search_contact_evaluations,
}
