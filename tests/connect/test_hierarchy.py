"""The user hierarchy (structure and groups) through boto3."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest

from moto_connect_ext.connect import hierarchy as hierarchy_rules
from tests.helpers import RAW, new_instance, raises
from tests.servers import server_client

LEVELS = ("LevelOne", "LevelTwo", "LevelThree", "LevelFour", "LevelFive")
NAMES = ("Continent", "Country", "Region", "Site", "Team")


def structure(count: int = 5, names: tuple[str, ...] = NAMES) -> dict[str, Any]:
    return {level: {"Name": name} for level, name in zip(LEVELS[:count], names, strict=False)}


def new_group(connect: Any, iid: str, name: str, parent: str | None = None, **kw: Any) -> str:
    extra = {"ParentGroupId": parent} if parent else {}
    return connect.create_user_hierarchy_group(InstanceId=iid, Name=name, **extra, **kw)["HierarchyGroupId"]  # type: ignore[no-any-return]


def describe(connect: Any, iid: str, gid: str) -> dict[str, Any]:
    return connect.describe_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=gid)["HierarchyGroup"]  # type: ignore[no-any-return]


def levels_of(connect: Any, iid: str) -> dict[str, Any]:
    return connect.describe_user_hierarchy_structure(InstanceId=iid)["HierarchyStructure"]  # type: ignore[no-any-return]


def names_listed(connect: Any, iid: str) -> list[str]:
    listed = connect.list_user_hierarchy_groups(InstanceId=iid)["UserHierarchyGroupSummaryList"]
    return [g["Name"] for g in listed]


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


@pytest.fixture
def levels(connect: Any, iid: str) -> None:
    connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure=structure())


@pytest.fixture
def tree(connect: Any, iid: str, levels: None) -> dict[str, str]:
    """Europe > France > Paris, Europe > Spain, Asia."""
    europe = new_group(connect, iid, "Europe")
    france = new_group(connect, iid, "France", europe)
    return {
        "Europe": europe,
        "France": france,
        "Paris": new_group(connect, iid, "Paris", france),
        "Spain": new_group(connect, iid, "Spain", europe),
        "Asia": new_group(connect, iid, "Asia"),
    }


# -- the structure -----------------------------------------------------------------------
def test_structure_round_trip(connect: Any, iid: str, instance: dict[str, Any]) -> None:
    assert levels_of(connect, iid) == {}
    connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure=structure(3))
    described = levels_of(connect, iid)
    assert list(described) == ["LevelOne", "LevelTwo", "LevelThree"]
    for number, (level, name) in enumerate(zip(LEVELS[:3], NAMES[:3], strict=True), start=1):
        assert described[level] == {
            "Id": str(number),
            "Arn": f"{instance['Arn']}/agent-group-level/{number}",
            "Name": name,
            "LastModifiedTime": described[level]["LastModifiedTime"],
            "LastModifiedRegion": "us-east-1",
        }
        assert described[level]["LastModifiedTime"].tzinfo is not None
    # renaming one level stamps that level only; a level left out is removed
    connect.update_user_hierarchy_structure(
        InstanceId=iid, HierarchyStructure={"LevelOne": {"Name": "Continent"}, "LevelTwo": {"Name": "Nation"}}
    )
    renamed = levels_of(connect, iid)
    assert [v["Name"] for v in renamed.values()] == ["Continent", "Nation"]
    assert renamed["LevelOne"]["LastModifiedTime"] == described["LevelOne"]["LastModifiedTime"]
    assert renamed["LevelTwo"]["LastModifiedTime"] >= described["LevelTwo"]["LastModifiedTime"]
    connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={})
    assert levels_of(connect, iid) == {}


@pytest.mark.parametrize(
    "given",
    [("LevelTwo",), ("LevelOne", "LevelThree"), ("LevelOne", "LevelTwo", "LevelThree", "LevelFive")],
)
def test_structure_levels_have_no_gaps(connect: Any, iid: str, levels: None, given: tuple[str, ...]) -> None:
    before = levels_of(connect, iid)
    with raises("InvalidParameterException", 400, match="without gaps"):
        connect.update_user_hierarchy_structure(
            InstanceId=iid, HierarchyStructure={level: {"Name": "x"} for level in given}
        )
    assert levels_of(connect, iid) == before


def test_a_level_with_groups_cannot_be_removed(connect: Any, iid: str, tree: dict[str, str]) -> None:
    before = levels_of(connect, iid)
    with raises("ResourceInUseException", 409, match="Level 3 (Region) still has 1 hierarchy group"):
        connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure=structure(2))
    assert levels_of(connect, iid) == before
    # renaming a level that has groups is fine; removing the empty levels below it too
    connect.update_user_hierarchy_structure(
        InstanceId=iid, HierarchyStructure=structure(3, ("Continent", "Country", "City"))
    )
    assert [v["Name"] for v in levels_of(connect, iid).values()] == ["Continent", "Country", "City"]
    connect.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=tree["Paris"])
    connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure=structure(2))
    assert len(levels_of(connect, iid)) == 2


def test_level_names_have_at_most_50_characters(connect: Any, iid: str, levels: None) -> None:
    # UpdateUserHierarchyStructure: a level's name "Must not be more than 50 characters"
    before = levels_of(connect, iid)
    with raises("InvalidParameterException", 400, match="not be more than 50"):
        connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={"LevelOne": {"Name": "x" * 51}})
    assert levels_of(connect, iid) == before
    connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={"LevelOne": {"Name": "x" * 50}})


def test_group_names_have_at_most_100_characters(connect: Any, iid: str, tree: dict[str, str]) -> None:
    # CreateUserHierarchyGroup, UpdateUserHierarchyGroupName: "Must not be more than 100 characters"
    with raises("InvalidParameterException", 400, match="not be more than 100"):
        new_group(connect, iid, "g" * 101)
    with raises("InvalidParameterException", 400, match="not be more than 100"):
        connect.update_user_hierarchy_group_name(InstanceId=iid, HierarchyGroupId=tree["Asia"], Name="g" * 101)
    assert describe(connect, iid, tree["Asia"])["Name"] == "Asia"
    connect.update_user_hierarchy_group_name(InstanceId=iid, HierarchyGroupId=tree["Asia"], Name="g" * 100)


def test_structure_of_an_unknown_instance(connect: Any) -> None:
    with raises("ResourceNotFoundException", 404):
        connect.describe_user_hierarchy_structure(InstanceId="missing")
    with raises("ResourceNotFoundException", 404):
        connect.update_user_hierarchy_structure(InstanceId="missing", HierarchyStructure=structure(1))


# -- groups ------------------------------------------------------------------------------
def test_a_five_level_tree(connect: Any, iid: str, instance: dict[str, Any], levels: None) -> None:
    created = connect.create_user_hierarchy_group(InstanceId=iid, Name="Europe", Tags={"team": "emea"})
    gid = created["HierarchyGroupId"]
    assert created["HierarchyGroupArn"] == f"{instance['Arn']}/agent-group/{gid}"
    chain = [gid]
    for name in ("France", "Ile-de-France", "Paris", "Night shift"):
        # the parent is named by its ID or by its ARN
        parent = chain[-1] if len(chain) % 2 else f"{instance['Arn']}/agent-group/{chain[-1]}"
        chain.append(new_group(connect, iid, name, parent))
    leaf = describe(connect, iid, chain[-1])
    assert leaf["LevelId"] == "5"
    assert leaf["Name"] == "Night shift"
    assert leaf["LastModifiedRegion"] == "us-east-1"
    assert "Tags" not in leaf
    path = leaf["HierarchyPath"]
    assert list(path) == list(LEVELS)
    assert [path[level]["Id"] for level in LEVELS] == chain
    assert [path[level]["Name"] for level in LEVELS] == ["Europe", "France", "Ile-de-France", "Paris", "Night shift"]
    assert path["LevelOne"] == {
        "Id": gid,
        "Arn": created["HierarchyGroupArn"],
        "Name": "Europe",
        "LastModifiedTime": path["LevelOne"]["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    root = describe(connect, iid, gid)
    assert root == {
        "Id": gid,
        "Arn": created["HierarchyGroupArn"],
        "Name": "Europe",
        "LevelId": "1",
        "HierarchyPath": {"LevelOne": path["LevelOne"]},
        "Tags": {"team": "emea"},
        "LastModifiedTime": root["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    assert describe(connect, iid, f"{instance['Arn']}/agent-group/{chain[2]}")["LevelId"] == "3"
    # there is no sixth level
    with raises("InvalidRequestException", 400, match="no level 6"):
        new_group(connect, iid, "Too deep", chain[-1])


@pytest.mark.parametrize(("count", "depth"), [(0, 1), (1, 2), (3, 4)])
def test_groups_only_at_a_level_the_structure_defines(connect: Any, iid: str, count: int, depth: int) -> None:
    if count:
        connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure=structure(count))
    parent = None
    for number in range(1, depth):
        parent = new_group(connect, iid, f"g{number}", parent)
    with raises("InvalidRequestException", 400, match=f"no level {depth}"):
        new_group(connect, iid, "refused", parent)
    assert "refused" not in names_listed(connect, iid)


def test_what_a_group_names_must_exist(connect: Any, iid: str, levels: None) -> None:
    with raises("ResourceNotFoundException", 404, match="Hierarchy group not found: nope"):
        new_group(connect, iid, "Orphan", "nope")
    assert names_listed(connect, iid) == []
    with raises("ResourceNotFoundException", 404):
        new_group(connect, "missing", "Europe")
    for call in (connect.describe_user_hierarchy_group, connect.delete_user_hierarchy_group):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=iid, HierarchyGroupId="nope")
    with raises("ResourceNotFoundException", 404):
        connect.update_user_hierarchy_group_name(InstanceId=iid, HierarchyGroupId="nope", Name="x")
    with raises("ResourceNotFoundException", 404):
        connect.list_user_hierarchy_groups(InstanceId="missing")


def test_names_are_unique_among_the_groups_of_one_parent(connect: Any, iid: str, tree: dict[str, str]) -> None:
    with raises("DuplicateResourceException", 409, match="Europe already exists at level one"):
        new_group(connect, iid, "Europe")
    with raises("DuplicateResourceException", 409, match=f"under group {tree['Europe']}"):
        new_group(connect, iid, "France", tree["Europe"])
    # the same name under another parent, or a parent's name, is fine; names are case-sensitive
    new_group(connect, iid, "France", tree["Asia"])
    new_group(connect, iid, "Paris", tree["Paris"])
    new_group(connect, iid, "europe")
    assert names_listed(connect, iid).count("France") == 2


def test_rename(connect: Any, iid: str, tree: dict[str, str]) -> None:
    before = describe(connect, iid, tree["France"])
    with raises("DuplicateResourceException", 409):
        connect.update_user_hierarchy_group_name(InstanceId=iid, HierarchyGroupId=tree["France"], Name="Spain")
    assert describe(connect, iid, tree["France"]) == before
    connect.update_user_hierarchy_group_name(InstanceId=iid, HierarchyGroupId=tree["France"], Name="France")
    connect.update_user_hierarchy_group_name(InstanceId=iid, HierarchyGroupId=tree["France"], Name="Asia")
    renamed = describe(connect, iid, tree["France"])
    assert renamed["Name"] == "Asia"
    assert renamed["LevelId"] == "2"
    assert renamed["LastModifiedTime"] >= before["LastModifiedTime"]
    # the children's paths follow
    assert describe(connect, iid, tree["Paris"])["HierarchyPath"]["LevelTwo"]["Name"] == "Asia"
    # the freed name can be taken again
    new_group(connect, iid, "France", tree["Europe"])


def test_delete(connect: Any, iid: str, tree: dict[str, str]) -> None:
    arn = describe(connect, iid, tree["Paris"])["Arn"]
    connect.tag_resource(resourceArn=arn, tags={"k": "v"})
    with raises("ResourceInUseException", 409, match="has 2 child group(s)"):
        connect.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=tree["Europe"])
    assert describe(connect, iid, tree["Europe"])["Name"] == "Europe"
    connect.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=arn)
    with raises("ResourceNotFoundException", 404):
        describe(connect, iid, tree["Paris"])
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=arn)
    for name in ("France", "Spain", "Europe"):
        connect.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=tree[name])
    assert names_listed(connect, iid) == ["Asia"]
    # a deleted group's name is free again
    new_group(connect, iid, "Europe")


def test_the_group_quota(connect: Any, iid: str, levels: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hierarchy_rules, "GROUPS_PER_INSTANCE", 2)
    parent = new_group(connect, iid, "a")
    new_group(connect, iid, "b", parent)
    once = boto3.client("connect", region_name="us-east-1", config=RAW)  # 429 is not retried
    with raises("LimitExceededException", 429, match="already has 2 hierarchy groups"):
        new_group(once, iid, "c")
    assert names_listed(connect, iid) == ["a", "b"]


def test_the_group_quota_is_aws_default() -> None:
    assert hierarchy_rules.GROUPS_PER_INSTANCE == 500


def test_path_of(moto_connect: Any, iid: str, tree: dict[str, str]) -> None:
    backend = moto_connect.backend("connect")
    instance = backend.instance(iid)
    paris = backend.resources.get(hierarchy_rules.HIERARCHY_GROUP, instance, tree["Paris"])
    path = hierarchy_rules.path_of(backend.resources, paris)
    assert [g.id for g in path] == [tree["Europe"], tree["France"], tree["Paris"]]
    asia = backend.resources.get(hierarchy_rules.HIERARCHY_GROUP, instance, tree["Asia"])
    assert hierarchy_rules.path_of(backend.resources, asia) == [asia]
    assert [g.id for g in hierarchy_rules.children_of(backend.resources, path[0])] == [tree["France"], tree["Spain"]]


# -- listing and searching ---------------------------------------------------------------
def test_list_pages_are_stable(connect: Any, iid: str, tree: dict[str, str]) -> None:
    listed = connect.list_user_hierarchy_groups(InstanceId=iid)["UserHierarchyGroupSummaryList"]
    assert [g["Name"] for g in listed] == ["Europe", "France", "Paris", "Spain", "Asia"]
    assert set(listed[0]) == {"Id", "Arn", "Name", "LastModifiedTime", "LastModifiedRegion"}
    seen: list[str] = []
    page = connect.list_user_hierarchy_groups(InstanceId=iid, MaxResults=1)
    seen += [g["Name"] for g in page["UserHierarchyGroupSummaryList"]]
    # between pages: a group not yet seen goes, a new one comes
    connect.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=tree["Paris"])
    new_group(connect, iid, "Oceania")
    while page.get("NextToken"):
        page = connect.list_user_hierarchy_groups(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
        seen += [g["Name"] for g in page["UserHierarchyGroupSummaryList"]]
    assert seen == ["Europe", "France", "Spain", "Asia", "Oceania"]


def _string(field: str, value: str, comparison: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": comparison}}


def _with_ids(value: Any, ids: dict[str, str]) -> Any:
    """``{Name}`` placeholders in criteria replaced by the IDs of the groups so named."""
    if isinstance(value, dict):
        return {k: _with_ids(v, ids) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_ids(v, ids) for v in value]
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return ids[value[1:-1]]
    return value


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        (None, ["Europe", "France", "Paris", "Spain", "Asia"]),
        (_string("name", "Paris"), ["Paris"]),
        (_string("name", "paris"), []),
        (_string("name", "A", "CONTAINS"), ["France", "Paris", "Spain", "Asia"]),
        (_string("name", "eu", "STARTS_WITH"), ["Europe"]),
        (_string("levelId", "2"), ["France", "Spain"]),
        (_string("LEVELID", "1"), ["Europe", "Asia"]),
        (_string("parentId", "{Europe}"), ["France", "Spain"]),
        (_string("resourceID", "{Asia}"), ["Asia"]),
        ({"AndConditions": [_string("levelId", "2"), _string("name", "S", "STARTS_WITH")]}, ["Spain"]),
        ({"OrConditions": [_string("levelId", "3"), _string("name", "Asia")]}, ["Paris", "Asia"]),
        (
            {"OrConditions": [{"AndConditions": [_string("levelId", "1"), _string("name", "a", "CONTAINS")]}]},
            ["Asia"],
        ),
    ],
)
def test_search_criteria(
    connect: Any, iid: str, tree: dict[str, str], criteria: dict[str, Any] | None, expected: list[str]
) -> None:
    request = {"SearchCriteria": _with_ids(criteria, tree)} if criteria is not None else {}
    found = connect.search_user_hierarchy_groups(InstanceId=iid, **request)
    assert [g["Name"] for g in found["UserHierarchyGroups"]] == expected
    assert found["ApproximateTotalCount"] == len(expected)


def test_search_results_and_their_shape(connect: Any, iid: str, tree: dict[str, str]) -> None:
    connect.tag_resource(resourceArn=describe(connect, iid, tree["Paris"])["Arn"], tags={"site": "paris"})
    found = connect.search_user_hierarchy_groups(InstanceId=iid, SearchCriteria=_string("name", "Paris"))
    assert found["UserHierarchyGroups"] == [describe(connect, iid, tree["Paris"])]
    assert found["UserHierarchyGroups"][0]["Tags"] == {"site": "paris"}
    assert "NextToken" not in found


@pytest.mark.parametrize(
    "criteria",
    [_string("description", "x"), _string("parentGroupId", "x"), {"StringCondition": {"FieldName": "name"}}],
)
def test_search_refuses_unknown_fields(connect: Any, iid: str, levels: None, criteria: dict[str, Any]) -> None:
    with raises("InvalidParameterException", 400):
        connect.search_user_hierarchy_groups(InstanceId=iid, SearchCriteria=criteria)


def test_search_by_tags_and_pages(connect: Any, iid: str, tree: dict[str, str]) -> None:
    def arn(name: str) -> str:
        return str(describe(connect, iid, tree[name])["Arn"])

    connect.tag_resource(resourceArn=arn("Europe"), tags={"region": "emea", "tier": "1"})
    connect.tag_resource(resourceArn=arn("France"), tags={"region": "emea"})
    connect.tag_resource(resourceArn=arn("Asia"), tags={"region": "apac", "tier": "1"})

    def search(attribute_filter: dict[str, Any], **kw: Any) -> list[str]:
        found = connect.search_user_hierarchy_groups(
            InstanceId=iid, SearchFilter={"AttributeFilter": attribute_filter}, **kw
        )
        return [g["Name"] for g in found["UserHierarchyGroups"]]

    assert search({"TagCondition": {"TagKey": "region", "TagValue": "emea"}}) == ["Europe", "France"]
    assert search({"TagCondition": {"TagKey": "tier"}}) == ["Europe", "Asia"]
    assert search(
        {"AndCondition": {"TagConditions": [{"TagKey": "region", "TagValue": "emea"}, {"TagKey": "tier"}]}}
    ) == ["Europe"]
    either = {
        "OrConditions": [
            {"TagConditions": [{"TagKey": "region", "TagValue": "apac"}]},
            {"TagConditions": [{"TagKey": "region", "TagValue": "emea"}, {"TagKey": "tier", "TagValue": "2"}]},
        ]
    }
    assert search(either) == ["Asia"]
    assert search({"TagCondition": {"TagKey": "tier"}}, SearchCriteria=_string("levelId", "1")) == ["Europe", "Asia"]
    # pages of one, stable while groups come and go
    first = connect.search_user_hierarchy_groups(InstanceId=iid, MaxResults=1, SearchCriteria=_string("levelId", "2"))
    assert [g["Name"] for g in first["UserHierarchyGroups"]] == ["France"]
    assert first["ApproximateTotalCount"] == 2
    new_group(connect, iid, "Italy", tree["Europe"])
    rest = connect.search_user_hierarchy_groups(
        InstanceId=iid, MaxResults=1, SearchCriteria=_string("levelId", "2"), NextToken=first["NextToken"]
    )
    assert [g["Name"] for g in rest["UserHierarchyGroups"]] == ["Spain"]
    last = connect.search_user_hierarchy_groups(
        InstanceId=iid, MaxResults=1, SearchCriteria=_string("levelId", "2"), NextToken=rest["NextToken"]
    )
    assert [g["Name"] for g in last["UserHierarchyGroups"]] == ["Italy"]
    assert "NextToken" not in last


def test_tags(connect: Any, iid: str, tree: dict[str, str]) -> None:
    arn = describe(connect, iid, tree["Spain"])["Arn"]
    connect.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2"})
    connect.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    assert describe(connect, iid, tree["Spain"])["Tags"] == {"b": "2"}
    connect.delete_instance(InstanceId=iid)
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=arn)


def test_hierarchy_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect")
    iid = new_instance(connect, "served")["Id"]
    connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure=structure(2))
    assert levels_of(connect, iid)["LevelTwo"]["Name"] == "Country"
    parent = new_group(connect, iid, "Europe", Tags={"k": "v"})
    child = new_group(connect, iid, "France", parent)
    found = connect.search_user_hierarchy_groups(InstanceId=iid, SearchCriteria=_string("levelId", "2"))
    assert found["UserHierarchyGroups"][0]["HierarchyPath"]["LevelOne"]["Name"] == "Europe"
    assert isinstance(found["UserHierarchyGroups"][0]["LastModifiedTime"], dt.datetime)
    with raises("ResourceInUseException", 409):
        connect.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=parent)
    connect.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=child)
    assert names_listed(connect, iid) == ["Europe"]
