"""Agent statuses: the layer's standard operations, the type filter and the search."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...core.resources import Resource, operations, resource_of
from ..agent_statuses import AGENT_STATUS
from ..exceptions import InvalidParameterException
from ..search_criteria import criteria_matcher, tag_matcher
from .common import COMMON_FIELDS, ROOT

#: the ``StringCondition`` fields SearchAgentStatuses documents
FIELDS: dict[str, Callable[[Resource], Any]] = {
    **COMMON_FIELDS,
    "state": lambda s: s.attrs.get("State"),
    "type": lambda s: s.attrs.get("Type"),
    "displayOrder": lambda s: None if s.attrs.get("DisplayOrder") is None else str(s.attrs["DisplayOrder"]),
}


def _type_filter(r: Any) -> Callable[[Resource], bool] | None:
    types = r.params.get("AgentStatusTypes")
    if not types:
        return None
    wanted = frozenset(types)
    return lambda s: s.attrs["Type"] in wanted


def tag_filter_of(attribute_filter: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A ``ControlPlaneAttributeFilter`` as the ``ControlPlaneTagFilter`` it amounts to.

    ``OrConditions`` is a list of ``{TagConditions: [...]}`` (each an AND of tag
    conditions), ``AndCondition`` one such object, ``TagCondition`` a single condition."""
    if not attribute_filter:
        return None
    out: dict[str, Any] = {}
    ors = attribute_filter.get("OrConditions")
    if ors is not None:
        out["OrConditions"] = [group.get("TagConditions") or [] for group in ors]
    ands = attribute_filter.get("AndCondition")
    if ands is not None:
        out["AndConditions"] = ands.get("TagConditions") or []
    if attribute_filter.get("TagCondition") is not None:
        out["TagCondition"] = attribute_filter["TagCondition"]
    return out


def _search_filter(r: Any) -> Callable[[Resource], bool]:
    matches = criteria_matcher(r.params.get("SearchCriteria"), FIELDS)
    tag_filter = tag_filter_of((r.params.get("SearchFilter") or {}).get("AttributeFilter"))
    if not tag_filter:
        return matches
    tags_match = tag_matcher(tag_filter, "searchFilter.attributeFilter")
    tags = r.backend.tags
    return lambda s: matches(s) and tags_match(tags.get(s.arn))


def _update(r: Any) -> None:
    p = r.params
    changes: dict[str, Any] = {k: p[k] for k in ("Name", "State", "DisplayOrder") if k in p}
    if "Description" in p:
        # UpdateAgentStatus takes an empty description: it clears the description
        changes["Description"] = p["Description"] or None
    if p.get("ResetOrderNumber"):
        if "DisplayOrder" in p:
            raise InvalidParameterException("DisplayOrder and ResetOrderNumber cannot be given together")
        changes["DisplayOrder"] = None
    r.backend.resources.update(resource_of(AGENT_STATUS, r), changes, r.caller)


HANDLERS = {
    **operations(
        AGENT_STATUS,
        ROOT,
        create="CreateAgentStatus",
        describe="DescribeAgentStatus",
        list_="ListAgentStatuses",
        search="SearchAgentStatuses",
        list_filter=_type_filter,
        search_filter=_search_filter,
    ),
    "update_agent_status": _update,
}
