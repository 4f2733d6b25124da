"""Rules: create (idempotent with a client token), describe, update, delete, list and search."""

from __future__ import annotations

from typing import Any

from ...core.resources import operations, resource_of
from .. import rules
from ..rules import RULE
from .common import ROOT, create_once, delete_created, with_tags


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
    "create_rule": create_once(RULE, "CreateRule", rules.create, "a rule", "RuleArn", "RuleId"),
    "update_rule": update_rule,
    "delete_rule": delete_created(RULE),
}
