"""SearchResourceTags: the tags used on an instance's resources, optionally of some types.

The resource types are the ones the API Reference lists, spelled in lower case with
hyphens ("Note that lowercase and - are required"): ``agent`` (users),
``agent-state`` (agent statuses), ``routing-profile``, ``standard-queue`` (queues of
type ``STANDARD``, not agent queues), ``security-profile``, ``operating-hours``,
``prompt``, ``contact-flow``, ``flow-module``, ``transfer-destination`` (quick
connects) and ``metric`` (custom metric definitions).  No types, or
an empty list, searches them all; another name is ``InvalidParameterException``.

The answer lists each distinct tag (key and value) once, in the order the types are
listed above and the resources were created.  ``TagSearchCondition`` narrows it: its
``tagKey`` and ``tagValue`` are compared as the ``tagKeyComparisonType`` and
``tagValueComparisonType`` say (``EXACT`` exactly, ``STARTS_WITH`` and ``CONTAINS``
ignoring case, as Connect's other searches do; ``EXACT`` when a value comes without
its comparison type); a comparison type without its value is refused.  More than
1,000 matching tags is ``MaximumResultReturnedException`` ("Maximum number (1000) of
tags have been returned with current request").  The walk is linear in the
instance's resources of the types searched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..core.resources import Container, ModeledError, Resource
from ..core.tagging import Tags
from .exceptions import InvalidParameterException

#: "Maximum number (1000) of tags have been returned with current request"
MAX_TAGS = 1000


def _standard(queue: Resource) -> bool:
    return queue.attrs.get("QueueType", "STANDARD") == "STANDARD"


#: each searchable resource type: the kind of resource it is, and which of them it covers
RESOURCE_TYPES: dict[str, tuple[str | None, Callable[[Resource], bool] | None]] = {
    "agent": ("user", None),
    "agent-state": ("agent-status", None),
    "routing-profile": ("routing-profile", None),
    "standard-queue": ("queue", _standard),
    "security-profile": ("security-profile", None),
    "operating-hours": ("hours-of-operation", None),
    "prompt": ("prompt", None),
    "contact-flow": ("contact-flow", None),
    "flow-module": ("flow-module", None),
    "transfer-destination": ("quick-connect", None),
    "metric": ("metric", None),
}


def _comparison(name: str, value: str | None, comparison: str | None) -> Callable[[str], bool] | None:
    if value is None:
        if comparison is not None:
            raise InvalidParameterException(f"{name}ComparisonType is given without {name}")
        return None
    if comparison in (None, "EXACT"):
        return lambda found: found == value
    lowered = value.lower()
    if comparison == "STARTS_WITH":
        return lambda found: found.lower().startswith(lowered)
    return lambda found: lowered in found.lower()


def tag_condition(condition: Mapping[str, Any] | None) -> Callable[[str, str], bool]:
    """A predicate over (key, value) for a ``TagSearchCondition`` (None: every tag)."""
    condition = condition or {}
    key = _comparison("tagKey", condition.get("tagKey"), condition.get("tagKeyComparisonType"))
    value = _comparison("tagValue", condition.get("tagValue"), condition.get("tagValueComparisonType"))
    return lambda k, v: (key is None or key(k)) and (value is None or value(v))


def _types(resource_types: Iterable[str] | None) -> list[str]:
    asked = list(resource_types or ())
    unknown = [t for t in asked if t not in RESOURCE_TYPES]
    if unknown:
        raise InvalidParameterException(
            f"Unsupported resource type {unknown[0]!r}: the resource types are {', '.join(RESOURCE_TYPES)}"
        )
    return [t for t in RESOURCE_TYPES if t in asked] if asked else list(RESOURCE_TYPES)


def search_tags(
    tags: Tags,
    instance: Container,
    resource_types: Iterable[str] | None,
    condition: Mapping[str, Any] | None,
) -> list[dict[str, str]]:
    """Every distinct tag of the instance's resources of the types asked for that the condition accepts."""
    matches = tag_condition(condition)
    found: dict[tuple[str, str], None] = {}
    for name in _types(resource_types):
        kind, covers = RESOURCE_TYPES[name]
        if kind is None:
            continue
        for resource in instance.children(kind).values():
            if covers is not None and not covers(resource):
                continue
            for key, value in tags.get(resource.arn).items():
                if (key, value) not in found and matches(key, value):
                    found[(key, value)] = None
                    if len(found) > MAX_TAGS:
                        raise ModeledError(
                            "MaximumResultReturnedException",
                            f"More than {MAX_TAGS} tags match: narrow the search with ResourceTypes or SearchCriteria",
                        )
    return [{"key": key, "value": value} for key, value in found]
