"""The user hierarchy: an instance's structure of levels and its tree of hierarchy groups.

An instance starts with an empty structure (no levels, no groups).
UpdateUserHierarchyStructure names up to five levels, from level one down without
gaps; the request is the whole structure, so a level left out is removed, and a
level that still has groups cannot be removed (Administrator Guide, "Define your
organization's hierarchy levels": "you must delete the groups before you can
delete the level"; ``ResourceInUseException``).  A level's ID is its number and
its ARN ``instance/{id}/agent-group-level/{n}`` (the format of the level ARNs in
the API reference's examples and CloudFormation's ``HierarchyLevelArn`` pattern).

A hierarchy group is created at level one without a ``ParentGroupId``, otherwise
one level below its parent (CreateUserHierarchyGroup: "The user hierarchy is
created at level one if the parent group ID is null"), and only at a level the
structure defines.  Names are unique among the groups of one parent: AWS does not
document the scope, and its bulk user upload names groups by their path from level
one, so two parents may each have a group of the same name.  A group with child
groups or users cannot be deleted (DeleteUserHierarchyGroup: "It must not be
associated with any agents or have any active child groups").  An instance has at
most 500 groups across all levels ("User hierarchy groups per instance", the
default quota).  A group's name has at most 100 characters and a level's at most 50
(the API reference: "Must not be more than 100 characters", "... 50 characters";
the model does not bound them, so the rule is here: ``InvalidParameterException``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.resources import Container, ModeledError, Quota, Ref, Resource, Resources, ResourceType
from .exceptions import DuplicateResourceException, InvalidParameterException, InvalidRequestException

#: the members of a HierarchyStructure / HierarchyPath, level one first
LEVELS = ("LevelOne", "LevelTwo", "LevelThree", "LevelFour", "LevelFive")
#: "User hierarchy groups per instance" (Connect service quotas; default)
GROUPS_PER_INSTANCE = 500
#: "Must not be more than 100 characters" (CreateUserHierarchyGroup, UpdateUserHierarchyGroupName: Name)
GROUP_NAME_MAX = 100
#: "Must not be more than 50 characters" (UpdateUserHierarchyStructure: each level's Name)
LEVEL_NAME_MAX = 50
KIND = "hierarchy-group"


def _groups(instance: Container) -> Any:
    return instance.children(KIND)


def _parent_group(group: Resource) -> Resource | None:
    parent_id = group.attrs.get("ParentGroupId")
    return None if parent_id is None else _groups(group.parent).get(parent_id)


def _path(group: Resource) -> list[Resource]:
    path = [group]
    parent = _parent_group(group)
    while parent is not None:
        path.append(parent)
        parent = _parent_group(parent)
    path.reverse()
    return path


def path_of(resources: Resources, group: Resource) -> list[Resource]:
    """The groups from level one down to ``group`` (root first, the group last)."""
    return _path(group)


def children_of(resources: Resources, group: Resource) -> list[Resource]:
    """The groups whose parent is ``group``."""
    return [g for g in resources.all(HIERARCHY_GROUP, group.parent) if g.attrs.get("ParentGroupId") == group.id]


def summary(group: Resource) -> dict[str, Any]:
    """A group as a ``HierarchyGroupSummary``."""
    return {
        "Id": group.id,
        "Arn": group.arn,
        "Name": group.name,
        "LastModifiedTime": group.last_modified_time,
        "LastModifiedRegion": group.last_modified_region,
    }


def hierarchy_path(group: Resource) -> dict[str, Any]:
    """A group's ``HierarchyPath``: the summary of each group from level one down to it."""
    return {level: summary(g) for level, g in zip(LEVELS, _path(group), strict=False)}


def _check(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    parent_id = attrs.get("ParentGroupId")
    if current is None:
        level = 1 if parent_id is None else int(_groups(instance)[parent_id].attrs["LevelId"]) + 1
        structure = instance.hierarchy_structure
        if level > len(LEVELS) or LEVELS[level - 1] not in structure:
            where = "at level one" if parent_id is None else f"under group {parent_id}"
            raise InvalidRequestException(
                f"The hierarchy structure of the instance has no level {level}: "
                f"define it with UpdateUserHierarchyStructure before creating a group {where}"
            )
        attrs["LevelId"] = str(level)
    name = attrs["Name"]
    if len(name) > GROUP_NAME_MAX:
        raise InvalidParameterException(
            f"The name of a hierarchy group must not be more than {GROUP_NAME_MAX} characters, not {len(name)}"
        )
    for sibling in resources.all(HIERARCHY_GROUP, instance):
        if sibling is not current and sibling.attrs.get("ParentGroupId") == parent_id and sibling.name == name:
            under = "at level one" if parent_id is None else f"under group {parent_id}"
            raise DuplicateResourceException(f"A hierarchy group named {name} already exists {under}")


HIERARCHY_GROUP = ResourceType(
    kind=KIND,
    arn_path="instance/{root}/agent-group/{id}",
    # a group names its parent; the parent cannot be deleted while it has children
    refs=(Ref("ParentGroupId", KIND),),
    computed={"HierarchyPath": hierarchy_path},
    check=_check,
    quota=Quota.most(lambda: GROUPS_PER_INSTANCE, "hierarchy groups", "LimitExceededException", first=True),
)


def _at_level(number: int) -> Callable[[Resource], bool]:
    level_id = str(number)
    return lambda g: bool(g.attrs["LevelId"] == level_id)


def update_structure(
    resources: Resources, instance: Any, requested: Mapping[str, Mapping[str, Any]], caller: Caller
) -> None:
    """Set the instance's levels to ``requested`` (a ``HierarchyStructureUpdate``), all or nothing.

    Levels left out are removed; a level keeps its stamp unless its name changes."""
    given = [level in requested for level in LEVELS]
    for number, level in enumerate(LEVELS[1:], start=1):
        if given[number] and not given[number - 1]:
            raise InvalidParameterException(
                f"Hierarchy levels are defined from LevelOne down without gaps: {level} is given "
                f"without {LEVELS[number - 1]}"
            )
    for level in LEVELS:
        if level in requested and len(requested[level]["Name"]) > LEVEL_NAME_MAX:
            raise InvalidParameterException(
                f"{level}: the name of a hierarchy level must not be more than {LEVEL_NAME_MAX} characters, "
                f"not {len(requested[level]['Name'])}"
            )
    current: dict[str, Any] = instance.hierarchy_structure
    for number, level in enumerate(LEVELS, start=1):
        if level in current and level not in requested:
            in_use = resources.count(HIERARCHY_GROUP, instance, _at_level(number))
            if in_use:
                raise ModeledError(
                    "ResourceInUseException",
                    f"Level {number} ({current[level]['Name']}) still has {in_use} hierarchy group(s); "
                    "delete them before removing the level",
                )
    stamp = now()
    updated: dict[str, Any] = {}
    for number, level in enumerate(LEVELS, start=1):
        if level not in requested:
            continue
        name = requested[level]["Name"]
        old = current.get(level)
        if old is not None and old["Name"] == name:
            updated[level] = old
        else:
            updated[level] = {
                "Id": str(number),
                "Arn": f"{instance.arn}/agent-group-level/{number}",
                "Name": name,
                "LastModifiedTime": stamp,
                "LastModifiedRegion": caller.region,
            }
    instance.hierarchy_structure = updated
