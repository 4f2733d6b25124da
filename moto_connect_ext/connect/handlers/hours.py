"""Hours of operation, their overrides, their links to parents, and their effective hours."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from ...core.errors import ValidationError
from ...core.pagination import decode_token, encode_token, limit_of
from ...core.resources import Resource, Resources, operations, parent_of, render, resource_of
from ..exceptions import InvalidParameterException, ResourceNotFoundException
from ..hours import (
    HOURS_OF_OPERATION,
    HOURS_OF_OPERATION_OVERRIDE,
    MAX_EFFECTIVE_DAYS,
    OVERRIDE_MEMBERS,
    PARENTS,
    STANDARD,
    effective_hours,
    overrides_in_effect,
    parent_ids,
    parse_date,
)
from ..search_criteria import criteria_matcher, tag_matcher
from .common import COMMON_FIELDS, ROOT, related_page, searcher

HOURS, OVERRIDE = HOURS_OF_OPERATION, HOURS_OF_OPERATION_OVERRIDE


# -- hours of operation ----------------------------------------------------------------
def _parent_configs(configs: list[Mapping[str, Any]] | None) -> list[str]:
    """The parent IDs a ``ParentHoursOfOperationConfigs`` list names (each entry must name one)."""
    ids = []
    for index, config in enumerate(configs or ()):
        ident = config.get("HoursOfOperationId")
        if ident is None:
            raise InvalidParameterException(f"ParentHoursOfOperationConfigs[{index}].HoursOfOperationId is required")
        ids.append(ident)
    return ids


def create_hours_of_operation(r: Any) -> dict[str, Any]:
    params = r.params
    attrs = {k: params[k] for k in ("Name", "Description", "TimeZone", "Config") if k in params}
    parents = _parent_configs(params.get("ParentHoursOfOperationConfigs"))
    if parents:
        attrs[PARENTS] = parents
    resources: Resources = r.backend.resources
    created = resources.create(HOURS, parent_of(HOURS, r), attrs, r.caller, params.get("Tags"))
    return render(created, "CreateHoursOfOperationResponse", resources.tags)


def update_hours_of_operation(r: Any) -> None:
    params = r.params
    changes = {k: params[k] for k in ("Name", "TimeZone", "Config") if k in params}
    if "Description" in params:
        # an empty description clears it
        changes["Description"] = params["Description"] or None
    r.backend.resources.update(resource_of(HOURS, r), changes, r.caller)


def associate_hours_of_operations(r: Any) -> None:
    """Link parents to a child; parents already linked stay as they are."""
    child = resource_of(HOURS, r)
    resources: Resources = r.backend.resources
    linked = parent_ids(child)
    for ident in _parent_configs(r.params["ParentHoursOfOperationConfigs"]):
        parent = resources.get(HOURS, child.parent, ident)
        if parent.id not in linked:
            linked.append(parent.id)
    if linked != parent_ids(child):
        resources.update(child, {PARENTS: linked}, r.caller)


def disassociate_hours_of_operations(r: Any) -> None:
    child = resource_of(HOURS, r)
    resources: Resources = r.backend.resources
    linked = parent_ids(child)
    removed = set()
    for ident in r.params["ParentHoursOfOperationIds"]:
        parent = resources.get(HOURS, child.parent, ident)
        if parent.id not in linked:
            raise ResourceNotFoundException(f"Hours of operation {parent.id} is not a parent of {child.id}")
        removed.add(parent.id)
    remaining = [i for i in linked if i not in removed]
    resources.update(child, {PARENTS: remaining or None}, r.caller)


def list_child_hours_of_operations(r: Any) -> dict[str, Any]:
    """The hours of operation that link to this one, in creation order."""
    parent = resource_of(HOURS, r)
    tags = r.backend.resources.tags
    return related_page(
        r,
        parent,
        HOURS,
        lambda h: parent.id in (h.attrs.get(PARENTS) or ()),
        "ChildHoursOfOperationsSummaryList",
        lambda h: render(h, "HoursOfOperationsIdentifier", tags),
    )


def get_effective_hours_of_operations(r: Any) -> dict[str, Any]:
    hours = resource_of(HOURS, r)
    first = parse_date(r.params["FromDate"], "FromDate")
    last = parse_date(r.params["ToDate"], "ToDate")
    if last < first:
        raise InvalidParameterException(f"ToDate {last} is before FromDate {first}")
    days = (last - first).days + 1
    if days > MAX_EFFECTIVE_DAYS:
        raise InvalidParameterException(
            f"FromDate to ToDate spans {days} days; effective hours are given for at most {MAX_EFFECTIVE_DAYS}"
        )
    effective, applied = effective_hours(
        hours.attrs["Config"], overrides_in_effect(r.backend.resources, hours), first, last
    )
    return {
        "EffectiveHoursOfOperationList": effective,
        "EffectiveOverrideHoursList": applied,
        "TimeZone": hours.attrs["TimeZone"],
    }


# -- overrides ---------------------------------------------------------------------------
def update_hours_of_operation_override(r: Any) -> None:
    params = r.params
    changes = {k: params[k] for k in OVERRIDE_MEMBERS if k in params}
    if changes.get("OverrideType") == STANDARD and "RecurrenceConfig" not in changes:
        # temporary hours do not recur: turning an event into temporary hours drops its pattern
        changes["RecurrenceConfig"] = None
    r.backend.resources.update(resource_of(OVERRIDE, r), changes, r.caller)


_list_overrides = operations(OVERRIDE, ROOT, list_="ListHoursOfOperationOverrides")["list_hours_of_operation_overrides"]


def list_hours_of_operation_overrides(r: Any) -> dict[str, Any]:
    """The standard list, with the hours' own modification stamps."""
    hours = resource_of(HOURS, r)
    return {
        **_list_overrides(r),
        "LastModifiedTime": hours.last_modified_time,
        "LastModifiedRegion": hours.last_modified_region,
    }


#: ``DateCondition`` comparisons, as predicates of (the override's date, the condition's)
DATE_COMPARISONS: dict[str, Callable[[str, str], bool]] = {
    "GREATER_THAN": lambda a, b: a > b,
    "GREATER_THAN_OR_EQUAL_TO": lambda a, b: a >= b,
    "LESS_THAN": lambda a, b: a < b,
    "LESS_THAN_OR_EQUAL_TO": lambda a, b: a <= b,
    "EQUAL_TO": lambda a, b: a == b,
}
#: ``DateCondition`` field names -> the override attribute they compare
DATE_FIELDS = {"effectivefrom": "EffectiveFrom", "effectivetill": "EffectiveTill"}


def _date_condition(condition: Mapping[str, Any]) -> Callable[[Resource], bool]:
    missing = [k for k in ("FieldName", "Value", "ComparisonType") if condition.get(k) is None]
    if missing:
        raise ValidationError(f"searchCriteria.dateCondition: {', '.join(missing)} required in a DateCondition")
    attribute = DATE_FIELDS.get(condition["FieldName"].lower())
    if attribute is None:
        raise ValidationError(
            f"searchCriteria.dateCondition.fieldName: {condition['FieldName']!r} is not supported; "
            "supported fields are effectiveFrom and effectiveTill"
        )
    value = parse_date(condition["Value"], "DateCondition.Value").isoformat()
    compare = DATE_COMPARISONS[condition["ComparisonType"]]
    return lambda o: compare(o.attrs[attribute], value)


#: ``SearchHoursOfOperationOverrides`` pages in (hours, override) creation order; a token holds both positions
_SHIFT = 32


def _overrides_in_order(resources: Resources, root: Any) -> Iterator[tuple[int, Resource]]:
    hours_store = root.children(HOURS.kind)
    for hours in resources.all(HOURS, root):
        store = hours.children(OVERRIDE.kind)
        base = hours_store.position(hours.id) << _SHIFT
        for override in resources.all(OVERRIDE, hours):
            yield base | store.position(override.id), override


def search_hours_of_operation_overrides(r: Any) -> dict[str, Any]:
    """Overrides of every hours of operation of the instance; the tag filter reads the hours' tags."""
    params = r.params
    resources: Resources = r.backend.resources
    root = r.backend.resource_root(params)
    matches = criteria_matcher(params.get("SearchCriteria"), COMMON_FIELDS, {"DateCondition": _date_condition})
    tags_match = tag_matcher((params.get("SearchFilter") or {}).get("TagFilter"))
    tags = resources.tags
    after = decode_token(params["NextToken"], "hoo") if params.get("NextToken") else -1
    limit = limit_of(params.get("MaxResults"), 100)
    page: list[Resource] = []
    token = None
    total = 0
    last = after
    for position, override in _overrides_in_order(resources, root):
        if not (matches(override) and tags_match(tags.get(getattr(override.parent, "arn", "")))):
            continue
        total += 1
        if position <= after:
            continue
        if len(page) == limit:
            token = token or encode_token("hoo", last)
            continue
        page.append(override)
        last = position
    return {
        "HoursOfOperationOverrides": [render(o, "HoursOfOperationOverride", tags) for o in page],
        "NextToken": token,
        "ApproximateTotalCount": total,
    }


HANDLERS = {
    **operations(
        HOURS,
        ROOT,
        describe="DescribeHoursOfOperation",
        list_="ListHoursOfOperations",
        search="SearchHoursOfOperations",
        delete="DeleteHoursOfOperation",
        search_filter=searcher({"timezone": lambda h: h.attrs.get("TimeZone")}),
    ),
    **operations(
        OVERRIDE,
        ROOT,
        create="CreateHoursOfOperationOverride",
        describe="DescribeHoursOfOperationOverride",
        delete="DeleteHoursOfOperationOverride",
    ),
    "create_hours_of_operation": create_hours_of_operation,
    "update_hours_of_operation": update_hours_of_operation,
    "associate_hours_of_operations": associate_hours_of_operations,
    "disassociate_hours_of_operations": disassociate_hours_of_operations,
    "list_child_hours_of_operations": list_child_hours_of_operations,
    "get_effective_hours_of_operations": get_effective_hours_of_operations,
    "update_hours_of_operation_override": update_hours_of_operation_override,
    "list_hours_of_operation_overrides": list_hours_of_operation_overrides,
    "search_hours_of_operation_overrides": search_hours_of_operation_overrides,
}
