"""The user hierarchy: its groups on the resource layer, its structure on the instance."""

from __future__ import annotations

from typing import Any

from ...core.resources import ModeledError, operations, resource_of
from ..hierarchy import HIERARCHY_GROUP, children_of, update_structure
from .common import ROOT, searcher

#: the ``StringCondition`` fields SearchUserHierarchyGroups documents
_search_filter = searcher(
    {
        "name": lambda g: g.attrs.get("Name"),
        "parentId": lambda g: g.attrs.get("ParentGroupId"),
        "levelId": lambda g: g.attrs.get("LevelId"),
        "resourceID": lambda g: g.id,
    },
    common_fields=False,
)


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
