"""Security profiles through boto3: defaults, attributes, rules, lists, search, and the profiles of entities."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from moto_connect_ext.connect.security_profiles import (
    DEFAULT_SECURITY_PROFILES,
    PERMISSIONS,
    PROFILES_PER_INSTANCE,
)
from tests.helpers import new_instance, raises
from tests.servers import server_client

ACCOUNT = "123456789012"
ASSISTANT = "11111111-2222-4333-8444-555555555555"
AGENT_ARN = f"arn:aws:wisdom:us-east-1:{ACCOUNT}:ai-agent/{ASSISTANT}/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
OTHER_AGENT_ARN = AGENT_ARN.replace("aaaaaaaa", "ffffffff")


def new_profile(connect: Any, iid: str, name: str, **kw: Any) -> str:
    return connect.create_security_profile(InstanceId=iid, SecurityProfileName=name, **kw)["SecurityProfileId"]  # type: ignore[no-any-return]


def describe(connect: Any, iid: str, sid: str) -> dict[str, Any]:
    return connect.describe_security_profile(InstanceId=iid, SecurityProfileId=sid)["SecurityProfile"]  # type: ignore[no-any-return]


def listed(connect: Any, iid: str) -> list[dict[str, Any]]:
    pages = connect.get_paginator("list_security_profiles").paginate(InstanceId=iid)
    return [p for page in pages for p in page["SecurityProfileSummaryList"]]


def permissions(connect: Any, iid: str, sid: str, page_size: int = 1000) -> list[str]:
    pages = connect.get_paginator("list_security_profile_permissions").paginate(
        InstanceId=iid, SecurityProfileId=sid, PaginationConfig={"PageSize": page_size}
    )
    return [p for page in pages for p in page["Permissions"]]


def entity_profiles(connect: Any, iid: str, arn: str, kind: str = "AI_AGENT") -> list[str]:
    pages = connect.get_paginator("list_entity_security_profiles").paginate(
        InstanceId=iid, EntityType=kind, EntityArn=arn
    )
    return [p["Id"] for page in pages for p in page["SecurityProfiles"]]


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return instance["Id"]  # type: ignore[no-any-return]


@pytest.fixture
def group(connect: Any, iid: str) -> str:
    connect.update_user_hierarchy_structure(InstanceId=iid, HierarchyStructure={"LevelOne": {"Name": "Region"}})
    return connect.create_user_hierarchy_group(InstanceId=iid, Name="EMEA")["HierarchyGroupId"]  # type: ignore[no-any-return]


def test_the_profiles_an_instance_comes_with(connect: Any, iid: str) -> None:
    found = {p["Name"]: p for p in listed(connect, iid)}
    assert set(DEFAULT_SECURITY_PROFILES) <= set(found)
    admin = found["Admin"]
    assert admin["Arn"].endswith(f"instance/{iid}/security-profile/{admin['Id']}")
    assert admin["Type"] == "CUSTOMER_MANAGED" and admin["LastModifiedRegion"] == "us-east-1"
    assert permissions(connect, iid, admin["Id"], page_size=70) == sorted(PERMISSIONS)
    assert permissions(connect, iid, found["Agent"]["Id"]) == ["BasicAgentAccess", "OutboundCallAccess"]
    assert "Users.Create" in permissions(connect, iid, found["CallCenterManager"]["Id"])
    assert "AccessMetrics" in permissions(connect, iid, found["QualityAnalyst"]["Id"])
    agent = describe(connect, iid, found["Agent"]["Id"])
    assert agent["Description"] == "Grants agents permission to access the CCP."
    assert agent["OrganizationResourceId"] == iid


def test_round_trip_of_every_attribute(connect: Any, iid: str, group: str) -> None:
    applications = [
        {"Namespace": "crm.example.com", "ApplicationPermissions": ["ACCESS"], "Type": "THIRD_PARTY_APPLICATION"},
        {"Namespace": "mcp-tools", "ApplicationPermissions": ["lookup", "refund"], "Type": "MCP"},
    ]
    modules = [{"Type": "MCP", "FlowModuleId": "module-1"}]
    agents = [{"Arn": AGENT_ARN, "Type": "THIRD_PARTY"}]
    granular = {
        "DataTableAccessControlConfiguration": {
            "PrimaryAttributeAccessControlConfiguration": {
                "PrimaryAttributeValues": [{"AccessType": "ALLOW", "AttributeName": "region", "Values": ["EU"]}]
            }
        }
    }
    created = connect.create_security_profile(
        InstanceId=iid,
        SecurityProfileName="Supervisors",
        Description="Floor supervisors",
        Permissions=["Users.View", "BasicAgentAccess", "Users.View", "ListenCallRecordings"],
        Tags={"team": "floor"},
        AllowedAccessControlTags={"site": "dublin"},
        TagRestrictedResources=["User", "Queue"],
        Applications=applications,
        HierarchyRestrictedResources=["User"],
        AllowedAccessControlHierarchyGroupId=group,
        AllowedFlowModules=modules,
        AllowedAIAgents=agents,
        GranularAccessControlConfiguration=granular,
    )
    sid = created["SecurityProfileId"]
    arn = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/security-profile/{sid}"
    assert created["SecurityProfileArn"] == arn
    described = describe(connect, iid, sid)
    assert described == {
        "Id": sid,
        "OrganizationResourceId": iid,
        "Arn": arn,
        "SecurityProfileName": "Supervisors",
        "Description": "Floor supervisors",
        "Tags": {"team": "floor"},
        "AllowedAccessControlTags": {"site": "dublin"},
        "TagRestrictedResources": ["User", "Queue"],
        "LastModifiedTime": described["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
        "HierarchyRestrictedResources": ["User"],
        "AllowedAccessControlHierarchyGroupId": group,
        "GranularAccessControlConfiguration": granular,
        "Type": "CUSTOMER_MANAGED",
    }
    # kept once each, sorted
    assert permissions(connect, iid, sid) == ["BasicAgentAccess", "ListenCallRecordings", "Users.View"]
    lists = {
        "list_security_profile_applications": ("Applications", applications),
        "list_security_profile_flow_modules": ("AllowedFlowModules", modules),
        "list_security_profile_ai_agents": ("AllowedAIAgents", agents),
    }
    for operation, (member, expected) in lists.items():
        answer = getattr(connect, operation)(InstanceId=iid, SecurityProfileId=sid)
        assert answer[member] == expected
        assert answer["LastModifiedTime"] == described["LastModifiedTime"]
        assert answer["LastModifiedRegion"] == "us-east-1"
    summary = next(p for p in listed(connect, iid) if p["Id"] == sid)
    assert summary == {
        "Id": sid,
        "Arn": arn,
        "Name": "Supervisors",
        "LastModifiedTime": described["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
        "Type": "CUSTOMER_MANAGED",
    }
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "floor"}
    connect.tag_resource(resourceArn=arn, tags={"more": "x"})
    assert describe(connect, iid, sid)["Tags"] == {"team": "floor", "more": "x"}
    # the group a profile names can be deleted; the profile keeps its ID
    connect.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=group)
    assert describe(connect, iid, sid)["AllowedAccessControlHierarchyGroupId"] == group


def test_update_replaces_what_it_is_given(connect: Any, iid: str, group: str) -> None:
    sid = new_profile(
        connect,
        iid,
        "Leads",
        Description="before",
        Permissions=["Users.View"],
        AllowedAccessControlTags={"a": "1"},
        AllowedAccessControlHierarchyGroupId=group,
    )
    before = describe(connect, iid, sid)
    connect.update_security_profile(
        InstanceId=iid,
        SecurityProfileId=sid,
        Permissions=["Queues.View", "Queues.Edit"],
        Applications=[{"Namespace": "app", "ApplicationPermissions": ["ACCESS"]}],
    )
    after = describe(connect, iid, sid)
    assert after["Description"] == "before" and after["AllowedAccessControlTags"] == {"a": "1"}
    assert after["LastModifiedTime"] > before["LastModifiedTime"]
    assert permissions(connect, iid, sid) == ["Queues.Edit", "Queues.View"]
    apps = connect.list_security_profile_applications(InstanceId=iid, SecurityProfileId=sid)["Applications"]
    assert apps == [{"Namespace": "app", "ApplicationPermissions": ["ACCESS"]}]
    connect.update_security_profile(
        InstanceId=iid,
        SecurityProfileId=sid,
        Description="after",
        Permissions=[],
        AllowedAccessControlTags={},
        AllowedAccessControlHierarchyGroupId="",
    )
    after = describe(connect, iid, sid)
    assert after["Description"] == "after" and after["AllowedAccessControlTags"] == {}
    assert "AllowedAccessControlHierarchyGroupId" not in after
    assert permissions(connect, iid, sid) == []


BAD_INPUT = {
    "unknown permission": (
        {"Permissions": ["BasicAgentAccess", "Users.Fly"]},
        "InvalidParameterException",
        "Users.Fly",
    ),
    "third-party app beyond ACCESS": (
        {"Applications": [{"Namespace": "crm", "ApplicationPermissions": ["ACCESS", "WRITE"]}]},
        "InvalidParameterException",
        "WRITE",
    ),
    "application twice": (
        {"Applications": [{"Namespace": "crm", "ApplicationPermissions": ["ACCESS"]}] * 2},
        "InvalidParameterException",
        "crm",
    ),
    "hierarchy restriction on a queue": (
        {"HierarchyRestrictedResources": ["Queue"]},
        "InvalidParameterException",
        "Queue",
    ),
    "AI agent that is not a Q in Connect agent": (
        {"AllowedAIAgents": [{"Arn": "arn:aws:lambda:us-east-1:123456789012:function:f", "Type": "THIRD_PARTY"}]},
        "InvalidParameterException",
        "ai-agent",
    ),
    "flow module twice": (
        {"AllowedFlowModules": [{"Type": "MCP", "FlowModuleId": "m"}] * 2},
        "InvalidParameterException",
        "m",
    ),
    "flow module without its id": (
        {"AllowedFlowModules": [{"Type": "MCP"}]},
        "InvalidParameterException",
        "FlowModuleId",
    ),
    "AI agent without its ARN": (
        {"AllowedAIAgents": [{"Type": "THIRD_PARTY"}]},
        "InvalidParameterException",
        "Arn",
    ),
    "application without its namespace": (
        {"Applications": [{"ApplicationPermissions": ["ACCESS"]}]},
        "InvalidParameterException",
        "Namespace",
    ),
    "unknown hierarchy group": (
        {"AllowedAccessControlHierarchyGroupId": "no-such-group"},
        "ResourceNotFoundException",
        "no-such-group",
    ),
}


@pytest.mark.parametrize(("attrs", "code", "match"), BAD_INPUT.values(), ids=list(BAD_INPUT))
def test_bad_input_is_refused_and_changes_nothing(
    connect: Any, iid: str, attrs: dict[str, Any], code: str, match: str
) -> None:
    before = listed(connect, iid)
    with raises(code, match=match):
        new_profile(connect, iid, "Rejected", **attrs)
    assert listed(connect, iid) == before
    sid = new_profile(connect, iid, "Kept", Description="kept", Permissions=["Users.View"])
    described = describe(connect, iid, sid)
    with raises(code, match=match):
        connect.update_security_profile(InstanceId=iid, SecurityProfileId=sid, Description="changed", **attrs)
    assert describe(connect, iid, sid) == described
    assert permissions(connect, iid, sid) == ["Users.View"]


def test_names_are_unique_per_instance(connect: Any, iid: str, moto_connect: Any) -> None:
    sid = new_profile(connect, iid, "Dup")
    with raises("DuplicateResourceException", 409, match="Dup"):
        new_profile(connect, iid, "Dup")
    with raises("DuplicateResourceException", 409):
        new_profile(connect, iid, "Admin")
    # another instance has its own names
    other = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="other",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    new_profile(connect, other, "Dup")
    connect.delete_security_profile(InstanceId=iid, SecurityProfileId=sid)
    new_profile(connect, iid, "Dup")


def test_at_most_100_profiles_per_instance(connect: Any, iid: str) -> None:
    have = len(listed(connect, iid))
    for n in range(PROFILES_PER_INSTANCE - have):
        new_profile(connect, iid, f"p{n}")
    with raises("LimitExceededException", 429):
        new_profile(connect, iid, "one-too-many")
    assert len(listed(connect, iid)) == PROFILES_PER_INSTANCE


OPERATIONS = {
    "describe_security_profile": {},
    "update_security_profile": {"Description": "x"},
    "delete_security_profile": {},
    "list_security_profile_permissions": {},
    "list_security_profile_applications": {},
    "list_security_profile_flow_modules": {},
    "list_security_profile_ai_agents": {},
}


def test_unknown_profile_or_instance(connect: Any, iid: str) -> None:
    sid = new_profile(connect, iid, "Gone")
    connect.delete_security_profile(InstanceId=iid, SecurityProfileId=sid)
    for operation, extra in OPERATIONS.items():
        call = getattr(connect, operation)
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=iid, SecurityProfileId=sid, **extra)
        with raises("ResourceNotFoundException", 404):
            call(InstanceId="no-such-instance", SecurityProfileId=sid, **extra)


def test_a_profile_is_named_by_id_or_arn(connect: Any, iid: str) -> None:
    created = connect.create_security_profile(InstanceId=iid, SecurityProfileName="ByArn")
    assert describe(connect, iid, created["SecurityProfileArn"])["Id"] == created["SecurityProfileId"]
    assert permissions(connect, iid, created["SecurityProfileId"]) == []


def test_list_pages_stably(connect: Any, iid: str) -> None:
    before = [p["Id"] for p in listed(connect, iid)]
    ids = [new_profile(connect, iid, f"walk{n}") for n in range(4)]
    seen: list[str] = []
    page = connect.list_security_profiles(InstanceId=iid, MaxResults=1)
    seen += [p["Id"] for p in page["SecurityProfileSummaryList"]]
    connect.delete_security_profile(InstanceId=iid, SecurityProfileId=ids[1])
    late = new_profile(connect, iid, "late")
    while page.get("NextToken"):
        page = connect.list_security_profiles(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
        seen += [p["Id"] for p in page["SecurityProfileSummaryList"]]
    assert seen == [*before, ids[0], ids[2], ids[3], late]


@pytest.fixture
def searched(connect: Any, iid: str) -> dict[str, str]:
    return {
        "alpha": new_profile(connect, iid, "Alpha Team", Description="first floor", Tags={"site": "dub", "tier": "1"}),
        "alphabet": new_profile(connect, iid, "Alphabet", Description="second floor", Tags={"site": "dub"}),
        "beta": new_profile(connect, iid, "Beta", Description="remote", Tags={"site": "lon"}),
    }


def _cond(field: str, value: str, kind: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": kind}}


SEARCHES = {
    "exact name": ({"SearchCriteria": _cond("name", "Alphabet")}, ["alphabet"]),
    "exact is case-sensitive": ({"SearchCriteria": _cond("name", "alphabet")}, []),
    "starts with, any case": ({"SearchCriteria": _cond("name", "alpha", "STARTS_WITH")}, ["alpha", "alphabet"]),
    "contains": ({"SearchCriteria": _cond("description", "FLOOR", "CONTAINS")}, ["alpha", "alphabet"]),
    "or": (
        {"SearchCriteria": {"OrConditions": [_cond("name", "Beta"), _cond("description", "first floor")]}},
        ["alpha", "beta"],
    ),
    "and": (
        {
            "SearchCriteria": {
                "AndConditions": [_cond("name", "Alpha", "STARTS_WITH"), _cond("description", "second", "CONTAINS")]
            }
        },
        ["alphabet"],
    ),
    "tag condition": (
        {"SearchFilter": {"TagFilter": {"TagCondition": {"TagKey": "site", "TagValue": "dub"}}}},
        ["alpha", "alphabet"],
    ),
    "tag key only": ({"SearchFilter": {"TagFilter": {"TagCondition": {"TagKey": "tier"}}}}, ["alpha"]),
    "tag or of ands": (
        {
            "SearchFilter": {
                "TagFilter": {
                    "OrConditions": [
                        [{"TagKey": "site", "TagValue": "dub"}, {"TagKey": "tier", "TagValue": "1"}],
                        [{"TagKey": "site", "TagValue": "lon"}],
                    ]
                }
            }
        },
        ["alpha", "beta"],
    ),
    "criteria and tags": (
        {
            "SearchCriteria": _cond("name", "Alpha", "STARTS_WITH"),
            "SearchFilter": {"TagFilter": {"AndConditions": [{"TagKey": "tier", "TagValue": "1"}]}},
        },
        ["alpha"],
    ),
}


@pytest.mark.parametrize(("request_", "expected"), SEARCHES.values(), ids=list(SEARCHES))
def test_search(
    connect: Any, iid: str, searched: dict[str, str], request_: dict[str, Any], expected: list[str]
) -> None:
    pages = list(connect.get_paginator("search_security_profiles").paginate(InstanceId=iid, **request_))
    found = [p["Id"] for page in pages for p in page["SecurityProfiles"]]
    assert found == [searched[name] for name in expected]
    assert pages[0]["ApproximateTotalCount"] == len(expected)


def test_search_results_and_errors(connect: Any, iid: str, searched: dict[str, str]) -> None:
    answer = connect.search_security_profiles(
        InstanceId=iid, SearchCriteria=_cond("resourceID", searched["beta"]), MaxResults=1
    )
    assert answer["SecurityProfiles"] == [
        {
            "Id": searched["beta"],
            "OrganizationResourceId": iid,
            "Arn": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/security-profile/{searched['beta']}",
            "SecurityProfileName": "Beta",
            "Description": "remote",
            "Tags": {"site": "lon"},
            "Type": "CUSTOMER_MANAGED",
        }
    ]
    everything = connect.search_security_profiles(InstanceId=iid, MaxResults=2)
    assert everything["ApproximateTotalCount"] == len(listed(connect, iid)) and everything["NextToken"]
    with raises("InvalidParameterException", 400, match="permissions"):
        connect.search_security_profiles(InstanceId=iid, SearchCriteria=_cond("permissions", "x"))
    with raises("ResourceNotFoundException", 404):
        connect.search_security_profiles(InstanceId="no-such-instance")


def test_ai_agents_hold_profiles(connect: Any, iid: str) -> None:
    first, second = new_profile(connect, iid, "AI one"), new_profile(connect, iid, "AI two")
    assert entity_profiles(connect, iid, AGENT_ARN) == []
    connect.associate_security_profiles(
        InstanceId=iid, SecurityProfiles=[{"Id": first}], EntityType="AI_AGENT", EntityArn=AGENT_ARN
    )
    # associating again changes nothing; profiles are kept in association order
    connect.associate_security_profiles(
        InstanceId=iid,
        SecurityProfiles=[{"Id": second}, {"Id": first}],
        EntityType="AI_AGENT",
        EntityArn=AGENT_ARN,
    )
    assert entity_profiles(connect, iid, AGENT_ARN) == [first, second]
    page = connect.list_entity_security_profiles(
        InstanceId=iid, EntityType="AI_AGENT", EntityArn=AGENT_ARN, MaxResults=1
    )
    assert page["SecurityProfiles"] == [{"Id": first}] and page["NextToken"]
    assert entity_profiles(connect, iid, OTHER_AGENT_ARN) == []
    with raises("ResourceInUseException", 409, match="AI agent"):
        connect.delete_security_profile(InstanceId=iid, SecurityProfileId=first)
    connect.disassociate_security_profiles(
        InstanceId=iid, SecurityProfiles=[{"Id": first}], EntityType="AI_AGENT", EntityArn=AGENT_ARN
    )
    assert entity_profiles(connect, iid, AGENT_ARN) == [second]
    connect.delete_security_profile(InstanceId=iid, SecurityProfileId=first)
    connect.disassociate_security_profiles(
        InstanceId=iid, SecurityProfiles=[{"Id": second}], EntityType="AI_AGENT", EntityArn=AGENT_ARN
    )
    assert entity_profiles(connect, iid, AGENT_ARN) == []
    connect.delete_security_profile(InstanceId=iid, SecurityProfileId=second)


ENTITY_ERRORS = {
    "not an AI agent ARN": (
        "AI_AGENT",
        "arn:aws:wisdom:us-east-1:123456789012:assistant/x",
        "InvalidParameterException",
    ),
    "AI agent of another Region": (
        "AI_AGENT",
        AGENT_ARN.replace("us-east-1", "eu-west-2"),
        "InvalidParameterException",
    ),
    "not a user ARN": ("USER", AGENT_ARN, "InvalidParameterException"),
    "user of another instance": (
        "USER",
        f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/other/agent/someone",
        "InvalidParameterException",
    ),
}


@pytest.mark.parametrize(("kind", "arn", "code"), ENTITY_ERRORS.values(), ids=list(ENTITY_ERRORS))
def test_entity_errors(connect: Any, iid: str, kind: str, arn: str, code: str) -> None:
    sid = new_profile(connect, iid, "Target")
    for operation in ("associate_security_profiles", "disassociate_security_profiles"):
        with raises(code):
            getattr(connect, operation)(InstanceId=iid, SecurityProfiles=[{"Id": sid}], EntityType=kind, EntityArn=arn)
    with raises(code):
        connect.list_entity_security_profiles(InstanceId=iid, EntityType=kind, EntityArn=arn)


def test_unknown_user_profile_or_instance(connect: Any, iid: str) -> None:
    sid = new_profile(connect, iid, "Target")
    user_arn = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/agent/no-such-user"
    with raises("ResourceNotFoundException", 404, match="User"):
        connect.list_entity_security_profiles(InstanceId=iid, EntityType="USER", EntityArn=user_arn)
    with raises("ResourceNotFoundException", 404):
        connect.associate_security_profiles(
            InstanceId=iid, SecurityProfiles=[{"Id": "no-such-profile"}], EntityType="AI_AGENT", EntityArn=AGENT_ARN
        )
    assert entity_profiles(connect, iid, AGENT_ARN) == []
    with raises("ResourceNotFoundException", 404):
        connect.associate_security_profiles(
            InstanceId="no-such-instance", SecurityProfiles=[{"Id": sid}], EntityType="AI_AGENT", EntityArn=AGENT_ARN
        )


@pytest.mark.skipif(
    importlib.util.find_spec("moto_connect_ext.connect.users") is None, reason="users are not served yet"
)
def test_users_hold_profiles(connect: Any, iid: str) -> None:
    found = {p["Name"]: p["Id"] for p in listed(connect, iid)}
    routing = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"]
    extra = new_profile(connect, iid, "Extra")
    user = connect.create_user(
        InstanceId=iid,
        Username="agent1",
        Password="Passw0rd!Passw0rd",
        IdentityInfo={"FirstName": "A", "LastName": "One"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[found["Agent"]],
        RoutingProfileId=routing,
    )
    arn = user["UserArn"]
    assert entity_profiles(connect, iid, arn, "USER") == [found["Agent"]]
    connect.associate_security_profiles(
        InstanceId=iid, SecurityProfiles=[{"Id": extra}], EntityType="USER", EntityArn=arn
    )
    assert entity_profiles(connect, iid, arn, "USER") == [found["Agent"], extra]
    with raises("ResourceInUseException", 409):
        connect.delete_security_profile(InstanceId=iid, SecurityProfileId=extra)
    with raises("InvalidRequestException", 400, match="at least one"):
        connect.disassociate_security_profiles(
            InstanceId=iid,
            SecurityProfiles=[{"Id": extra}, {"Id": found["Agent"]}],
            EntityType="USER",
            EntityArn=arn,
        )
    connect.disassociate_security_profiles(
        InstanceId=iid, SecurityProfiles=[{"Id": extra}], EntityType="USER", EntityArn=arn
    )
    assert entity_profiles(connect, iid, arn, "USER") == [found["Agent"]]
    connect.delete_security_profile(InstanceId=iid, SecurityProfileId=extra)


def test_security_profiles_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    created = connect.create_security_profile(InstanceId=iid, SecurityProfileName="Served", Permissions=["Users.View"])
    assert created["SecurityProfileArn"].startswith("arn:aws:connect:eu-west-2:")
    assert permissions(connect, iid, created["SecurityProfileId"]) == ["Users.View"]
    with raises("InvalidParameterException", 400, match="Nope"):
        connect.update_security_profile(
            InstanceId=iid, SecurityProfileId=created["SecurityProfileId"], Permissions=["Nope"]
        )
    with raises("DuplicateResourceException", 409):
        connect.create_security_profile(InstanceId=iid, SecurityProfileName="Served")
