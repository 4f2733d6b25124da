"""Agent statuses: the layer's standard operations, the type filter and the search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, operations, resource_of
from ..agent_statuses import AGENT_STATUS
from ..exceptions import InvalidParameterException
from .common import ROOT, listed_in, searcher

#: the ``StringCondition`` fields SearchAgentStatuses documents besides name, description and resourceID
FIELDS: dict[str, Callable[[Resource], Any]] = {
    "state": lambda s: s.attrs.get("State"),
    "type": lambda s: s.attrs.get("Type"),
    "displayOrder": lambda s: None if s.attrs.get("DisplayOrder") is None else str(s.attrs["DisplayOrder"]),
}


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
        list_filter=listed_in("AgentStatusTypes", "Type"),
        search_filter=searcher(FIELDS),
    ),
    "update_agent_status": _update,
}
