"""Rules: create (idempotent with a client token), describe, update, delete, list and search."""

from __future__ import annotations

from typing import Any

from ...core.resources import operations, parent_of, resource_of
from .. import rules
from ..exceptions import InvalidRequestException
from ..rules import RULE
from .common import ROOT, delete_created, once, reused, with_tags


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
    return with_tags(r, rules.search_matcher(r.params.get("SearchCriteria")))


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
