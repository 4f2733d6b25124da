"""What the handlers of every Connect family share: the request's root and Search* filters."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from ...core.idempotency import without
from ...core.model import service_model
from ...core.resources import Resource
from ..exceptions import IdempotencyException, InvalidRequestException
from ..search_criteria import ConditionBuilder, criteria_matcher, tag_matcher

#: the request member naming the root of every Connect resource
ROOT = ("InstanceId",)


@functools.cache
def _reuse_error(operation: str) -> type[Exception]:
    """What a client token reused with other parameters gets: the operation's modeled
    IdempotencyException, else InvalidRequestException."""
    modeled = {e.name for e in service_model("connect").operation_model(operation).error_shapes}
    return IdempotencyException if "IdempotencyException" in modeled else InvalidRequestException


def once(
    request: Any,
    operation: str,
    make: Callable[[], Any],
    fingerprint: Any = None,
    mismatch: Callable[[], Exception] | None = None,
) -> Any:
    """``make()``'s result, or for a retry with the same ``ClientToken`` what the first call
    produced.  The request without its token is what a retry must repeat
    (``fingerprint`` overrides it); a token reused with another request gets ``mismatch()``, by
    default the operation's modeled idempotency error."""
    params = request.params
    token = params.get("ClientToken")
    error = mismatch or (
        lambda: _reuse_error(operation)(f"ClientToken {token} was already used with another {operation} request")
    )
    key = without(params, "ClientToken") if fingerprint is None else fingerprint
    result, _ = request.backend.client_tokens.once(operation, token, key, make, error)
    return result


#: ``StringCondition`` field names every Connect resource search knows
COMMON_FIELDS: dict[str, Callable[[Resource], Any]] = {
    "name": lambda r: r.attrs.get("Name"),
    "description": lambda r: r.attrs.get("Description"),
    "resourceID": lambda r: r.id,
}


def tag_filter_of(attribute_filter: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A ``ControlPlaneAttributeFilter`` as the ``ControlPlaneTagFilter`` it amounts to.

    ``OrConditions`` is a list of ``{TagConditions: [...]}`` (each an AND of tag
    conditions), ``AndCondition`` one such object, ``TagCondition`` one condition."""
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


def searcher(
    fields: Mapping[str, Callable[[Resource], Any]] | None = None,
    conditions: Mapping[str, ConditionBuilder[Resource]] | None = None,
    criteria_member: str = "SearchCriteria",
    common_fields: bool = True,
) -> Callable[[Any], Callable[[Resource], bool]]:
    """A Search* operation's filter: its ``SearchCriteria`` and the tags its ``SearchFilter`` asks for.

    ``fields`` adds to (or, without ``common_fields``, replaces) the common
    ``name``/``description``/``resourceID`` string fields; ``conditions`` builds the
    operation's own leaf conditions.  The search filter's tags come as a ``TagFilter``
    or, in newer operations, an ``AttributeFilter``."""
    readers = {**(COMMON_FIELDS if common_fields else {}), **(fields or {})}

    def build(request: Any) -> Callable[[Resource], bool]:
        params = request.params
        matches = criteria_matcher(params.get(criteria_member), readers, conditions)
        search_filter = params.get("SearchFilter") or {}
        tag_filter = search_filter.get("TagFilter")
        path = "searchFilter.tagFilter"
        if tag_filter is None:
            tag_filter = tag_filter_of(search_filter.get("AttributeFilter"))
            path = "searchFilter.attributeFilter"
        if not tag_filter:
            return matches
        tags_match = tag_matcher(tag_filter, path)
        tags = request.backend.tags
        return lambda r: matches(r) and tags_match(tags.get(r.arn))

    return build
