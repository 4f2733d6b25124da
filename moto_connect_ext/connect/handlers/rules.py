"""Rules: create (idempotent with a client token), describe, update, delete, list and search."""

from __future__ import annotations

from typing import Any

from ...core.resources import Resource, operations, parent_of, resource_of
from .. import rules
from ..exceptions import InvalidRequestException
from ..rules import RULE
from ..search_criteria import tag_matcher
from .common import ROOT, delete_created, once, reused, tag_filter_of


def create_rule(r: Any) -> dict[str, Any]:
    p = r.params
    instance = parent_of(RULE, r)
    rule = once(
        r,
        "CreateRule",
        lambda: rules.create(r.backend.resources, instance, p, r.caller, p.get("Tags")),
        mismatch=reused(r, InvalidRequestException, "to create a rule with other parameters"),
    )
    return {"RuleArn": rule.arn, "RuleId": rule.id}


def update_rule(r: Any) -> None:
    rules.update(r.backend.resources, resource_of(RULE, r), r.params, r.caller)


def _listed(r: Any) -> Any:
    return rules.list_filter(r.params.get("PublishStatus"), r.params.get("EventSourceName"))


def _searched(r: Any) -> Any:
    matches = rules.search_matcher(r.params.get("SearchCriteria"))
    tag_filter = tag_filter_of((r.params.get("SearchFilter") or {}).get("AttributeFilter"))
    if not tag_filter:
        return matches
    tags_match = tag_matcher(tag_filter, "searchFilter.attributeFilter")
    tags = r.backend.tags

    def keep(rule: Resource) -> bool:
        return matches(rule) and tags_match(tags.get(rule.arn))

    return keep


HANDLERS = {
    **operations(
        RULE,
        ROOT,
        describe="DescribeRule",
        list_="ListRules",
        search="SearchRules",
        list_filter=_listed,
        search_filter=_searched,
    ),
    "create_rule": create_rule,
    "update_rule": update_rule,
    "delete_rule": delete_created(RULE),
}
