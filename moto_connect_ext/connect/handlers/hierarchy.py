"""The user hierarchy: its groups on the resource layer, its structure on the instance."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...core.resources import ModeledError, Resource, operations, resource_of
from ..hierarchy import HIERARCHY_GROUP, children_of, update_structure
from ..search_criteria import criteria_matcher, tag_matcher
from .common import ROOT

#: the ``StringCondition`` fields SearchUserHierarchyGroups documents
FIELDS: dict[str, Callable[[Resource], Any]] = {
    "name": lambda g: g.attrs.get("Name"),
    "parentId": lambda g: g.attrs.get("ParentGroupId"),
    "levelId": lambda g: g.attrs.get("LevelId"),
    "resourceID": lambda g: g.id,
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


def _search_filter(r: Any) -> Callable[[Resource], bool]:
    matches = criteria_matcher(r.params.get("SearchCriteria"), FIELDS)
    tag_filter = tag_filter_of((r.params.get("SearchFilter") or {}).get("AttributeFilter"))
    if not tag_filter:
        return matches
    tags_match = tag_matcher(tag_filter, "searchFilter.attributeFilter")
    tags = r.backend.tags
    return lambda g: matches(g) and tags_match(tags.get(g.arn))


def delete_user_hierarchy_group(r: Any) -> None:
    group = resource_of(HIERARCHY_GROUP, r)
    children = children_of(r.backend.resources, group)
    if children:
        raise ModeledError(
            "ResourceInUseException",
            f"Hierarchy group {group.id} has {len(children)} child group(s); delete them first",
        )
    # users that name the group keep it too (the layer's references)
    r.backend.resources.delete(group)


def describe_user_hierarchy_structure(r: Any) -> dict[str, Any]:
    return {"HierarchyStructure": dict(r.backend.resource_root(r.params).hierarchy_structure)}


def update_user_hierarchy_structure(r: Any) -> None:
    instance = r.backend.resource_root(r.params)
    update_structure(r.backend.resources, instance, r.params["HierarchyStructure"], r.caller)


HANDLERS = {
    **operations(
        HIERARCHY_GROUP,
        ROOT,
        create="CreateUserHierarchyGroup",
        describe="DescribeUserHierarchyGroup",
        list_="ListUserHierarchyGroups",
        search="SearchUserHierarchyGroups",
        updates={"UpdateUserHierarchyGroupName": ("Name",)},
        search_filter=_search_filter,
    ),
    "delete_user_hierarchy_group": delete_user_hierarchy_group,
    "describe_user_hierarchy_structure": describe_user_hierarchy_structure,
    "update_user_hierarchy_structure": update_user_hierarchy_structure,
}
