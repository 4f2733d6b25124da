"""What the handlers of every Connect family share: the request's root and Search* filters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...core.resources import Resource
from ..search_criteria import ConditionBuilder, criteria_matcher, tag_matcher

#: the request member naming the root of every Connect resource
ROOT = ("InstanceId",)

#: ``StringCondition`` field names every Connect resource search knows
COMMON_FIELDS: dict[str, Callable[[Resource], Any]] = {
    "name": lambda r: r.attrs.get("Name"),
    "description": lambda r: r.attrs.get("Description"),
    "resourceID": lambda r: r.id,
}


def searcher(
    fields: Mapping[str, Callable[[Resource], Any]] | None = None,
    conditions: Mapping[str, ConditionBuilder[Resource]] | None = None,
    criteria_member: str = "SearchCriteria",
) -> Callable[[Any], Callable[[Resource], bool]]:
    """A Search* operation's filter: its ``SearchCriteria`` and the ``TagFilter`` of its ``SearchFilter``.

    ``fields`` adds to (or overrides) the common ``name``/``description``/``resourceID``
    string fields; ``conditions`` builds the operation's own leaf conditions."""
    readers = {**COMMON_FIELDS, **(fields or {})}

    def build(request: Any) -> Callable[[Resource], bool]:
        params = request.params
        matches = criteria_matcher(params.get(criteria_member), readers, conditions)
        tag_filter = (params.get("SearchFilter") or {}).get("TagFilter")
        if not tag_filter:
            return matches
        tags_match = tag_matcher(tag_filter)
        tags = request.backend.tags
        return lambda r: matches(r) and tags_match(tags.get(r.arn))

    return build
