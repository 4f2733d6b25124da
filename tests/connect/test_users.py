"""Users through boto3: identity rules, references, settings, status, proficiencies, search."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from moto_connect_ext.connect.flows import CONTACT_FLOW
from moto_connect_ext.connect.users import USER
from tests.helpers import new_instance, raises
from tests.servers import server_client

HOURS = [{"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}}]
PASSWORD = "Passw0rd!"
NAMES = {"FirstName": "Ada", "LastName": "Lovelace"}
ACW = "AfterContactWorkConfig"


class World:
    """An instance with two routing profiles, its security profiles and a hierarchy."""

    def __init__(self, connect: Any, iid: str, arn: str) -> None:
        self.connect = connect
        self.iid = iid
        self.arn = arn
        hours = connect.create_hours_of_operation(InstanceId=iid, Name="h", TimeZone="UTC", Config=HOURS)
        self.hours = hours["HoursOfOperationId"]
        queue = connect.create_queue(InstanceId=iid, Name="q", HoursOfOperationId=self.hours)
        self.queue = queue["QueueId"]
        self.routing = [
            connect.create_routing_profile(
                InstanceId=iid,
                Name=name,
                Description=name,
                DefaultOutboundQueueId=self.queue,
                MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}],
            )["RoutingProfileId"]
            for name in ("Sales", "Support")
        ]
        listed = connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
        self.profiles = {p["Name"]: p["Id"] for p in listed}

    def user(self, username: str, **kw: Any) -> str:
        request: dict[str, Any] = {
            "Password": PASSWORD,
            "IdentityInfo": dict(NAMES),
            "SecurityProfileIds": [self.profiles["Agent"]],
            "RoutingProfileId": self.routing[0],
            **kw,
        }
        request = {k: v for k, v in request.items() if v is not None}
        return self.connect.create_user(InstanceId=self.iid, Username=username, **request)["UserId"]  # type: ignore[no-any-return]

    def describe(self, uid: str) -> dict[str, Any]:
        return self.connect.describe_user(InstanceId=self.iid, UserId=uid)["User"]  # type: ignore[no-any-return]

    def usernames(self) -> list[str]:
        pages = self.connect.get_paginator("list_users").paginate(InstanceId=self.iid)
        return [u["Username"] for page in pages for u in page["UserSummaryList"]]

    def agent_queues(self) -> list[str]:
        listed = self.connect.list_queues(InstanceId=self.iid, QueueTypes=["AGENT"])["QueueSummaryList"]
        return [q["Id"] for q in listed]

    def hierarchy(self) -> dict[str, str]:
        """Europe > France > Paris, Asia."""
        levels = {"LevelOne": {"Name": "Continent"}, "LevelTwo": {"Name": "Country"}, "LevelThree": {"Name": "City"}}
        self.connect.update_user_hierarchy_structure(InstanceId=self.iid, HierarchyStructure=levels)
        groups: dict[str, str] = {}
        for name, parent in (("Europe", None), ("France", "Europe"), ("Paris", "France"), ("Asia", None)):
            extra = {"ParentGroupId": groups[parent]} if parent else {}
            created = self.connect.create_user_hierarchy_group(InstanceId=self.iid, Name=name, **extra)
            groups[name] = created["HierarchyGroupId"]
        return groups

    def attribute(self, name: str, *values: str) -> None:
        self.connect.create_predefined_attribute(InstanceId=self.iid, Name=name, Values={"StringList": list(values)})

    def search(self, **kw: Any) -> dict[str, Any]:
        return self.connect.search_users(InstanceId=self.iid, **kw)  # type: ignore[no-any-return]

    def found(self, **kw: Any) -> list[str]:
        return sorted(u["Username"] for u in self.search(**kw)["Users"])


@pytest.fixture
def world(connect: Any, instance: dict[str, Any]) -> World:
    return World(connect, instance["Id"], instance["Arn"])


@contextmanager
def case(label: Any) -> Iterator[None]:
    """One case of a loop: a failure names it."""
    try:
        yield
    except (AssertionError, pytest.fail.Exception) as error:
        raise AssertionError(f"{label!r}: {error}") from error


def proficiency(name: str, value: str, level: float = 3.0) -> dict[str, Any]:
    return {"AttributeName": name, "AttributeValue": value, "Level": level}


def string(field: str, value: str, kind: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": kind}}


# -- create, describe, list --------------------------------------------------------------
def test_create_describe_and_list(world: World) -> None:
    groups = world.hierarchy()
    agent_arn = f"{world.arn}/security-profile/{world.profiles['Agent']}"
    info = {**NAMES, "Email": "ada@example.com", "SecondaryEmail": "ada@home.example", "Mobile": "+15555550100"}
    created = world.connect.create_user(
        InstanceId=world.iid,
        Username="ada@example.com",
        Password=PASSWORD,
        IdentityInfo=info,
        PhoneConfig={"PhoneType": "DESK_PHONE", "DeskPhoneNumber": "+15555550199", "AfterContactWorkTimeLimit": 30},
        SecurityProfileIds=[agent_arn, world.profiles["QualityAnalyst"], world.profiles["Agent"]],
        RoutingProfileId=f"{world.arn}/routing-profile/{world.routing[0]}",
        HierarchyGroupId=groups["Paris"],
        VoiceEnhancementConfigs=[{"Channel": "VOICE", "VoiceEnhancementMode": "NOISE_SUPPRESSION"}],
        Tags={"team": "blue"},
    )
    uid = created["UserId"]
    assert created["UserArn"] == f"{world.arn}/agent/{uid}"
    described = world.describe(uid)
    stamp = described.pop("LastModifiedTime")
    assert stamp.tzinfo is not None
    assert described == {
        "Id": uid,
        "Arn": created["UserArn"],
        "Username": "ada@example.com",
        "IdentityInfo": info,
        "PhoneConfig": {
            "PhoneType": "DESK_PHONE",
            "AutoAccept": False,
            "AfterContactWorkTimeLimit": 30,
            "DeskPhoneNumber": "+15555550199",
            "PersistentConnection": False,
        },
        # ARNs are kept as IDs, each profile once
        "SecurityProfileIds": [world.profiles["Agent"], world.profiles["QualityAnalyst"]],
        "RoutingProfileId": world.routing[0],
        "HierarchyGroupId": groups["Paris"],
        "Tags": {"team": "blue"},
        "AutoAcceptConfigs": [{"Channel": c, "AutoAccept": False} for c in ("VOICE", "CHAT", "TASK", "EMAIL")],
        "AfterContactWorkConfigs": [
            {"Channel": c, ACW: {"AfterContactWorkTimeLimit": 30}} for c in ("VOICE", "CHAT", "TASK", "EMAIL")
        ],
        "PhoneNumberConfigs": [{"Channel": "VOICE", "PhoneType": "DESK_PHONE", "PhoneNumber": "+15555550199"}],
        "PersistentConnectionConfigs": [{"Channel": "VOICE", "PersistentConnection": False}],
        "VoiceEnhancementConfigs": [{"Channel": "VOICE", "VoiceEnhancementMode": "NOISE_SUPPRESSION"}],
        "LastModifiedRegion": "us-east-1",
    }
    assert "Password" not in str(described)
    # a user named by its ARN; the list's summaries
    assert world.describe(created["UserArn"])["Id"] == uid
    assert world.connect.list_users(InstanceId=world.iid)["UserSummaryList"] == [
        {
            "Id": uid,
            "Arn": created["UserArn"],
            "Username": "ada@example.com",
            "LastModifiedTime": stamp,
            "LastModifiedRegion": "us-east-1",
        }
    ]
    # the routing profile counts its user
    profile = world.connect.describe_routing_profile(InstanceId=world.iid, RoutingProfileId=world.routing[0])
    assert profile["RoutingProfile"]["NumberOfAssociatedUsers"] == 1


def test_a_user_comes_with_its_agent_queue(world: World) -> None:
    before = world.agent_queues()
    uid = world.user("ada")
    assert world.agent_queues() == [*before, uid]
    listed = world.connect.list_queues(InstanceId=world.iid, QueueTypes=["AGENT"])["QueueSummaryList"]
    assert [q["QueueType"] for q in listed] == ["AGENT"] * len(listed)
    queue = world.connect.describe_queue(InstanceId=world.iid, QueueId=uid)["Queue"]
    assert queue["Status"] == "ENABLED"
    standard = world.connect.list_queues(InstanceId=world.iid, QueueTypes=["STANDARD"])["QueueSummaryList"]
    assert uid not in [q["Id"] for q in standard]
    # agent queues have no name: a standard queue may bear a username
    assert "Name" not in queue
    world.connect.create_queue(InstanceId=world.iid, Name="bob", HoursOfOperationId=world.hours)
    world.user("bob")
    world.connect.delete_user(InstanceId=world.iid, UserId=uid)
    assert uid not in world.agent_queues()


def test_the_settings_of_a_new_user(world: World) -> None:
    uid = world.user("ada", PhoneConfig=None)
    described = world.describe(uid)
    assert described["PhoneConfig"] == {
        "PhoneType": "SOFT_PHONE",
        "AutoAccept": False,
        "AfterContactWorkTimeLimit": 0,
        "PersistentConnection": False,
    }
    assert "HierarchyGroupId" not in described
    assert "Tags" not in described
    assert "VoiceEnhancementConfigs" not in described


# -- identity management -----------------------------------------------------------------
def world_of(moto_connect: Any, connect: Any, kind: str) -> World:
    if kind == "SAML":
        created = new_instance(connect, "federated", IdentityManagementType="SAML")
    else:
        created = new_instance(connect, "managed")
    if kind == "EXISTING_DIRECTORY":
        # what CreateInstance records for a directory instance (tests/connect/test_instances.py makes a
        # real one; a VPC and a directory per test would cost seconds here)
        moto_connect.backend("connect").instance(created["Id"]).identity_management_type = kind
    return World(connect, created["Id"], created["Arn"])


REFUSED = [
    ("CONNECT_MANAGED", "ada", {"Password": None}, "InvalidParameterException", "Password is required"),
    ("CONNECT_MANAGED", "ada", {"Password": "password1"}, "InvalidParameterException", "password"),
    ("CONNECT_MANAGED", "ada", {"IdentityInfo": {"FirstName": "Ada"}}, "InvalidParameterException", "LastName"),
    ("CONNECT_MANAGED", "ada", {"IdentityInfo": None}, "InvalidParameterException", "FirstName"),
    ("CONNECT_MANAGED", "a" * 21, {}, "InvalidParameterException", "at most 20"),
    ("CONNECT_MANAGED", "ada@example", {}, "InvalidParameterException", "email address"),
    (
        "CONNECT_MANAGED",
        "ada",
        {"IdentityInfo": {**NAMES, "FirstName": "Ade\u0301"}},
        "InvalidParameterException",
        "Form C",
    ),
    ("CONNECT_MANAGED", "ada", {"IdentityInfo": {**NAMES, "Email": "nope"}}, "InvalidParameterException", "email"),
    ("SAML", "ada", {}, "InvalidParameterException", "Password cannot be given"),
    (
        "SAML",
        "ada",
        {"Password": None, "IdentityInfo": {**NAMES, "Email": "a@example.com"}},
        "InvalidParameterException",
        "Email",
    ),
    ("SAML", "ada", {"Password": None, "DirectoryUserId": "x"}, "InvalidParameterException", "DirectoryUserId"),
    ("SAML", "ada lovelace", {"Password": None}, "InvalidParameterException", "at most 64"),
    ("SAML", "a" * 65, {"Password": None}, "InvalidParameterException", "at most 64"),
    ("EXISTING_DIRECTORY", "ada", {}, "InvalidParameterException", "Password cannot be given"),
]


ACCEPTED = {
    "CONNECT_MANAGED": ("jane@example.com", {}),
    "SAML": (
        "a.b-c_d@corp.example.com" + "x" * 40,
        {"Password": None, "IdentityInfo": {**NAMES, "SecondaryEmail": "a@b.co"}},
    ),
    "EXISTING_DIRECTORY": ("ada", {"Password": None, "IdentityInfo": None, "DirectoryUserId": "ada-1"}),
}


@pytest.mark.parametrize("kind", ["CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY"])
def test_identity_management(moto_connect: Any, connect: Any, kind: str) -> None:
    world = world_of(moto_connect, connect, kind)
    queues = world.agent_queues()
    for refused in (r for r in REFUSED if r[0] == kind):
        _, username, changes, code, match = refused
        with case(refused), raises(code, 400, match=match):
            world.user(username, **changes)
    assert world.usernames() == []
    assert world.agent_queues() == queues
    username, changes = ACCEPTED[kind]
    described = world.describe(world.user(username, **changes))
    assert described["Username"] == username
    if kind == "EXISTING_DIRECTORY":
        assert described["DirectoryUserId"] == "ada-1"
        assert "IdentityInfo" not in described


def test_usernames_are_unique_per_instance(world: World, connect: Any) -> None:
    uid = world.user("ada")
    with raises("DuplicateResourceException", 409, match="ada already exists"):
        world.user("ada")
    world.user("Ada")  # compared exactly
    created = new_instance(connect, "other")
    other = World(connect, created["Id"], created["Arn"])
    other.user("ada")
    world.connect.delete_user(InstanceId=world.iid, UserId=uid)
    world.user("ada")
    assert sorted(world.usernames()) == ["Ada", "ada"]


def test_update_identity_info_replaces_it(world: World) -> None:
    uid = world.user("ada", IdentityInfo={**NAMES, "Mobile": "+15555550100"})
    before = world.describe(uid)
    world.connect.update_user_identity_info(
        InstanceId=world.iid, UserId=uid, IdentityInfo={"FirstName": "Augusta", "LastName": "King"}
    )
    after = world.describe(uid)
    assert after["IdentityInfo"] == {"FirstName": "Augusta", "LastName": "King"}
    assert after["LastModifiedTime"] >= before["LastModifiedTime"]
    with raises("InvalidParameterException", 400, match="LastName"):
        world.connect.update_user_identity_info(InstanceId=world.iid, UserId=uid, IdentityInfo={"FirstName": "A"})
    assert world.describe(uid)["IdentityInfo"] == after["IdentityInfo"]


# -- references ----------------------------------------------------------------------------
def test_what_a_user_names_must_exist(world: World) -> None:
    uid = world.user("ada")
    before = world.describe(uid)
    c = world.connect
    updates = {
        "RoutingProfileId": ("nope", "Routing profile", c.update_user_routing_profile),
        "SecurityProfileIds": (["nope"], "Security profile", c.update_user_security_profiles),
        "HierarchyGroupId": ("nope", "Hierarchy group", c.update_user_hierarchy),
    }
    for member, (value, noun, update) in updates.items():
        with case(member), raises("ResourceNotFoundException", 404, match=f"{noun} not found: nope"):
            world.user("bob", **{member: value})
        with case(member), raises("ResourceNotFoundException", 404, match=noun):
            update(InstanceId=world.iid, UserId=uid, **{member: value})
    assert world.usernames() == ["ada"]
    assert world.describe(uid) == before


UNKNOWN_USER = [
    ("describe_user", {}),
    ("delete_user", {}),
    ("update_user_identity_info", {"IdentityInfo": NAMES}),
    ("update_user_phone_config", {"PhoneConfig": {"AutoAccept": True}}),
    ("update_user_config", {"AutoAcceptConfigs": [{"Channel": "CHAT", "AutoAccept": True}]}),
    ("update_user_routing_profile", {"RoutingProfileId": "x"}),
    ("update_user_security_profiles", {"SecurityProfileIds": ["x"]}),
    ("update_user_hierarchy", {}),
    ("put_user_status", {"AgentStatusId": "x"}),
    ("associate_user_proficiencies", {"UserProficiencies": [proficiency("a", "b")]}),
    ("disassociate_user_proficiencies", {"UserProficiencies": [{"AttributeName": "a", "AttributeValue": "b"}]}),
    ("update_user_proficiencies", {"UserProficiencies": [proficiency("a", "b")]}),
    ("list_user_proficiencies", {}),
]


def test_an_unknown_user(connect: Any, instance: dict[str, Any]) -> None:
    for operation, extra in UNKNOWN_USER:
        call = getattr(connect, operation)
        with case(operation), raises("ResourceNotFoundException", 404, match="User not found: nope"):
            call(InstanceId=instance["Id"], UserId="nope", **extra)
        with case(operation), raises("ResourceNotFoundException", 404, match="Instance not found"):
            call(InstanceId="missing", UserId="nope", **extra)


def test_what_users_name_cannot_be_deleted(world: World) -> None:
    groups = world.hierarchy()
    world.attribute("Language", "French")
    uid = world.user("ada", HierarchyGroupId=groups["France"], SecurityProfileIds=[world.profiles["QualityAnalyst"]])
    world.connect.associate_user_proficiencies(
        InstanceId=world.iid, UserId=uid, UserProficiencies=[proficiency("Language", "French")]
    )
    c, iid = world.connect, world.iid
    deletes = [
        lambda: c.delete_routing_profile(InstanceId=iid, RoutingProfileId=world.routing[0]),
        lambda: c.delete_security_profile(InstanceId=iid, SecurityProfileId=world.profiles["QualityAnalyst"]),
        lambda: c.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=groups["Paris"]),
        lambda: c.delete_predefined_attribute(InstanceId=iid, Name="Language"),
    ]
    for delete in (deletes[0], deletes[1], deletes[3]):
        with raises("ResourceInUseException", 409):
            delete()
    with raises("ResourceInUseException", 409):
        c.delete_user_hierarchy_group(InstanceId=iid, HierarchyGroupId=groups["France"])
    # once the user lets go, they can be deleted
    c.update_user_routing_profile(InstanceId=iid, UserId=uid, RoutingProfileId=world.routing[1])
    c.update_user_security_profiles(InstanceId=iid, UserId=uid, SecurityProfileIds=[world.profiles["Agent"]])
    c.update_user_hierarchy(InstanceId=iid, UserId=uid)
    c.disassociate_user_proficiencies(
        InstanceId=iid, UserId=uid, UserProficiencies=[{"AttributeName": "Language", "AttributeValue": "French"}]
    )
    for delete in deletes:
        delete()
    described = world.describe(uid)
    assert described["RoutingProfileId"] == world.routing[1]
    assert described["SecurityProfileIds"] == [world.profiles["Agent"]]
    assert "HierarchyGroupId" not in described


def test_updates_of_profiles_and_hierarchy(world: World) -> None:
    groups = world.hierarchy()
    uid = world.user("ada")
    c, iid = world.connect, world.iid
    before = world.describe(uid)
    c.update_user_routing_profile(
        InstanceId=iid, UserId=uid, RoutingProfileId=f"{world.arn}/routing-profile/{world.routing[1]}"
    )
    c.update_user_security_profiles(
        InstanceId=iid,
        UserId=uid,
        SecurityProfileIds=[world.profiles["Admin"], world.profiles["Admin"], world.profiles["Agent"]],
    )
    c.update_user_hierarchy(InstanceId=iid, UserId=uid, HierarchyGroupId=groups["Asia"])
    after = world.describe(uid)
    assert after["RoutingProfileId"] == world.routing[1]
    assert after["SecurityProfileIds"] == [world.profiles["Admin"], world.profiles["Agent"]]
    assert after["HierarchyGroupId"] == groups["Asia"]
    assert after["LastModifiedTime"] >= before["LastModifiedTime"]


# -- phone and channel settings -----------------------------------------------------------
def test_phone_config_and_user_config(world: World) -> None:
    uid = world.user("ada")
    c, iid = world.connect, world.iid
    c.update_user_phone_config(
        InstanceId=iid,
        UserId=uid,
        PhoneConfig={
            "PhoneType": "DESK_PHONE",
            "DeskPhoneNumber": "+15555550100",
            "AutoAccept": True,
            "AfterContactWorkTimeLimit": 60,
        },
    )
    described = world.describe(uid)
    assert described["PhoneConfig"] == {
        "PhoneType": "DESK_PHONE",
        "AutoAccept": True,
        "AfterContactWorkTimeLimit": 60,
        "DeskPhoneNumber": "+15555550100",
        "PersistentConnection": False,
    }
    # the phone config sets auto-accept and ACW on every channel
    assert {e["AutoAccept"] for e in described["AutoAcceptConfigs"]} == {True}
    assert {e[ACW]["AfterContactWorkTimeLimit"] for e in described["AfterContactWorkConfigs"]} == {60}
    # UpdateUserConfig sets the channels it names, and leaves the others
    c.update_user_config(
        InstanceId=iid,
        UserId=uid,
        AutoAcceptConfigs=[
            {"Channel": "CHAT", "AutoAccept": False},
            {"Channel": "VOICE", "AutoAccept": True, "AgentFirstCallbackAutoAccept": True},
        ],
        AfterContactWorkConfigs=[{"Channel": "TASK", ACW: {"AfterContactWorkTimeLimit": 0}}],
        PhoneNumberConfigs=[{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}],
        PersistentConnectionConfigs=[{"Channel": "VOICE", "PersistentConnection": True}],
        VoiceEnhancementConfigs=[{"Channel": "VOICE", "VoiceEnhancementMode": "VOICE_ISOLATION"}],
    )
    described = world.describe(uid)
    assert described["AutoAcceptConfigs"] == [
        {"Channel": "VOICE", "AutoAccept": True, "AgentFirstCallbackAutoAccept": True},
        {"Channel": "CHAT", "AutoAccept": False},
        {"Channel": "TASK", "AutoAccept": True},
        {"Channel": "EMAIL", "AutoAccept": True},
    ]
    assert [e[ACW]["AfterContactWorkTimeLimit"] for e in described["AfterContactWorkConfigs"]] == [60, 60, 0, 60]
    assert described["PhoneConfig"] == {
        "PhoneType": "SOFT_PHONE",
        "AutoAccept": True,
        "AfterContactWorkTimeLimit": 60,
        "PersistentConnection": True,
    }
    assert described["VoiceEnhancementConfigs"] == [{"Channel": "VOICE", "VoiceEnhancementMode": "VOICE_ISOLATION"}]


BAD_SETTINGS = [
    (
        {"PhoneConfig": {"AutoAccept": True}, "AutoAcceptConfigs": [{"Channel": "VOICE", "AutoAccept": True}]},
        "together with AutoAcceptConfigs",
    ),
    (
        {
            "PhoneConfig": {"PhoneType": "SOFT_PHONE"},
            "PhoneNumberConfigs": [{"Channel": "VOICE", "PhoneType": "SOFT_PHONE"}],
        },
        "PhoneNumberConfigs",
    ),
    (
        {"PhoneConfig": {"AfterContactWorkTimeLimit": 1}, "AfterContactWorkConfigs": [{"Channel": "CHAT", ACW: {}}]},
        "AfterContactWorkConfigs",
    ),
    (
        {
            "PhoneConfig": {"PersistentConnection": True},
            "PersistentConnectionConfigs": [{"Channel": "VOICE", "PersistentConnection": True}],
        },
        "PersistentConnectionConfigs",
    ),
    ({"PhoneConfig": {"PhoneType": "DESK_PHONE"}}, "DESK_PHONE needs its phone number"),
    ({"PhoneConfig": {"AfterContactWorkTimeLimit": 2_000_001}}, "above the maximum"),
    (
        {"AfterContactWorkConfigs": [{"Channel": "CHAT", ACW: {"AfterContactWorkTimeLimit": 2_000_001}}]},
        "above the maximum",
    ),
    ({"PhoneNumberConfigs": [{"Channel": "CHAT", "PhoneType": "SOFT_PHONE"}]}, "VOICE channel only"),
    ({"VoiceEnhancementConfigs": [{"Channel": "TASK", "VoiceEnhancementMode": "NONE"}]}, "VOICE channel only"),
    (
        {"AutoAcceptConfigs": [{"Channel": "CHAT", "AutoAccept": True, "AgentFirstCallbackAutoAccept": True}]},
        "VOICE channel only",
    ),
    (
        {"AutoAcceptConfigs": [{"Channel": "CHAT", "AutoAccept": True}, {"Channel": "CHAT", "AutoAccept": False}]},
        "more than once",
    ),
]


def test_bad_settings_are_refused(world: World) -> None:
    uid = world.user("bob")
    before = world.describe(uid)
    for request_, match in BAD_SETTINGS:
        with case(request_), raises("InvalidParameterException", 400, match=match):
            world.user("ada", **request_)
        if "PhoneConfig" in request_ and len(request_) > 1:
            continue  # the conflicts are CreateUser's
        with case(request_), raises("InvalidParameterException", 400, match=match):
            if "PhoneConfig" in request_:
                world.connect.update_user_phone_config(InstanceId=world.iid, UserId=uid, **request_)
            else:
                world.connect.update_user_config(InstanceId=world.iid, UserId=uid, **request_)
    assert world.usernames() == ["bob"]
    assert world.describe(uid) == before


def test_user_config_needs_a_setting(world: World) -> None:
    uid = world.user("ada")
    with raises("InvalidParameterException", 400, match="At least one of"):
        world.connect.update_user_config(InstanceId=world.iid, UserId=uid)


# -- delete ------------------------------------------------------------------------------
def test_delete(world: World) -> None:
    uid = world.user("ada", Tags={"k": "v"})
    arn = world.describe(uid)["Arn"]
    world.connect.tag_resource(resourceArn=arn, tags={"more": "x"})
    assert world.connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"k": "v", "more": "x"}
    world.connect.untag_resource(resourceArn=arn, tagKeys=["k"])
    assert world.describe(uid)["Tags"] == {"more": "x"}
    world.connect.delete_user(InstanceId=world.iid, UserId=arn)
    with raises("ResourceNotFoundException", 404):
        world.describe(uid)
    with raises("ResourceNotFoundException", 404):
        world.connect.list_tags_for_resource(resourceArn=arn)
    with raises("ResourceNotFoundException", 404):
        world.connect.describe_queue(InstanceId=world.iid, QueueId=uid)
    assert world.usernames() == []


def test_a_user_whose_queue_is_named_elsewhere_is_kept(world: World, moto_connect: Any) -> None:
    uid = world.user("ada")
    backend = moto_connect.backend("connect")
    flows = backend.resources.all(CONTACT_FLOW, backend.instance(world.iid))
    transfer = next(f.id for f in flows if f.attrs["Type"] == "QUEUE_TRANSFER")
    quick = world.connect.create_quick_connect(
        InstanceId=world.iid,
        Name="to ada",
        QuickConnectConfig={
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": uid, "ContactFlowId": transfer},
        },
    )
    with raises("InvalidRequestException", 400, match="agent queue"):
        world.connect.delete_user(InstanceId=world.iid, UserId=uid)
    assert world.usernames() == ["ada"]
    world.connect.delete_quick_connect(InstanceId=world.iid, QuickConnectId=quick["QuickConnectId"])
    world.connect.delete_user(InstanceId=world.iid, UserId=uid)


# -- status ------------------------------------------------------------------------------
def test_put_user_status(world: World, moto_connect: Any) -> None:
    uid = world.user("ada")
    status = world.connect.create_agent_status(InstanceId=world.iid, Name="Lunch", State="ENABLED")
    before = world.describe(uid)
    world.connect.put_user_status(InstanceId=world.iid, UserId=uid, AgentStatusId=status["AgentStatusARN"])
    backend = moto_connect.backend("connect")
    user = backend.resources.get(USER, backend.instance(world.iid), uid)
    assert user.attrs["Status"]["AgentStatusId"] == status["AgentStatusId"]
    assert user.attrs["Status"]["StartTimestamp"].tzinfo is not None
    # a status is not a change to the user's configuration
    assert world.describe(uid) == before
    with raises("ResourceNotFoundException", 404, match="Agent status not found"):
        world.connect.put_user_status(InstanceId=world.iid, UserId=uid, AgentStatusId="nope")
    world.connect.update_agent_status(InstanceId=world.iid, AgentStatusId=status["AgentStatusId"], State="DISABLED")
    with raises("InvalidRequestException", 400, match="disabled"):
        world.connect.put_user_status(InstanceId=world.iid, UserId=uid, AgentStatusId=status["AgentStatusId"])


# -- proficiencies -----------------------------------------------------------------------
def _proficiencies(world: World, uid: str, **kw: Any) -> list[dict[str, Any]]:
    return world.connect.list_user_proficiencies(InstanceId=world.iid, UserId=uid, **kw)["UserProficiencyList"]  # type: ignore[no-any-return]


def test_proficiencies(world: World) -> None:
    world.attribute("Language", "French", "English", "German")
    world.attribute("Technology", "EC2")
    uid = world.user("ada")
    c, iid = world.connect, world.iid
    listed = c.list_user_proficiencies(InstanceId=iid, UserId=uid)
    assert listed["UserProficiencyList"] == []
    c.associate_user_proficiencies(
        InstanceId=iid,
        UserId=uid,
        UserProficiencies=[proficiency("Language", "French", 3), proficiency("Technology", "EC2", 5)],
    )
    c.associate_user_proficiencies(
        InstanceId=iid, UserId=uid, UserProficiencies=[proficiency("Language", "English", 1)]
    )
    listed = c.list_user_proficiencies(InstanceId=iid, UserId=uid)
    assert listed["UserProficiencyList"] == [
        proficiency("Language", "French", 3.0),
        proficiency("Technology", "EC2", 5.0),
        proficiency("Language", "English", 1.0),
    ]
    assert listed["LastModifiedRegion"] == "us-east-1"
    c.update_user_proficiencies(InstanceId=iid, UserId=uid, UserProficiencies=[proficiency("Language", "French", 4)])
    c.disassociate_user_proficiencies(
        InstanceId=iid, UserId=uid, UserProficiencies=[{"AttributeName": "Technology", "AttributeValue": "EC2"}]
    )
    assert _proficiencies(world, uid) == [
        proficiency("Language", "French", 4.0),
        proficiency("Language", "English", 1.0),
    ]
    # pages of one, stable while proficiencies come and go
    first = c.list_user_proficiencies(InstanceId=iid, UserId=uid, MaxResults=1)
    c.associate_user_proficiencies(InstanceId=iid, UserId=uid, UserProficiencies=[proficiency("Language", "German", 2)])
    c.disassociate_user_proficiencies(
        InstanceId=iid, UserId=uid, UserProficiencies=[{"AttributeName": "Language", "AttributeValue": "French"}]
    )
    rest = [first["UserProficiencyList"][0]["AttributeValue"]]
    token = first.get("NextToken")
    while token:
        page = c.list_user_proficiencies(InstanceId=iid, UserId=uid, MaxResults=1, NextToken=token)
        rest += [p["AttributeValue"] for p in page["UserProficiencyList"]]
        token = page.get("NextToken")
    assert rest == ["French", "English", "German"]


PROFICIENCY_ERRORS = [
    ("associate", [proficiency("Nope", "French")], "ResourceNotFoundException", "Predefined attribute not found"),
    ("associate", [proficiency("Language", "Klingon")], "InvalidParameterException", "not a value"),
    ("associate", [proficiency("Language", "English", 2.5)], "InvalidParameterException", "1, 2, 3, 4 or 5"),
    ("associate", [proficiency("Language", "French")], "InvalidRequestException", "already associated"),
    ("associate", [proficiency("Language", "English")] * 2, "InvalidParameterException", "more than once"),
    ("update", [proficiency("Language", "English")], "InvalidRequestException", "not associated"),
    ("update", [proficiency("Language", "French", 1.5)], "InvalidParameterException", "1, 2, 3, 4 or 5"),
    (
        "disassociate",
        [{"AttributeName": "Language", "AttributeValue": "English"}],
        "InvalidRequestException",
        "not associated",
    ),
]


def test_proficiency_errors(world: World) -> None:
    world.attribute("Language", "French", "English")
    uid = world.user("ada")
    world.connect.associate_user_proficiencies(
        InstanceId=world.iid, UserId=uid, UserProficiencies=[proficiency("Language", "French")]
    )
    before = world.connect.list_user_proficiencies(InstanceId=world.iid, UserId=uid)
    for operation, entries, code, match in PROFICIENCY_ERRORS:
        with case((operation, entries)), raises(code, match=match):
            getattr(world.connect, f"{operation}_user_proficiencies")(
                InstanceId=world.iid, UserId=uid, UserProficiencies=entries
            )
    after = world.connect.list_user_proficiencies(InstanceId=world.iid, UserId=uid)
    assert after["UserProficiencyList"] == before["UserProficiencyList"]
    assert after["LastModifiedTime"] == before["LastModifiedTime"]


def test_at_most_ten_proficiencies(world: World) -> None:
    world.attribute("Skill", *(f"s{i}" for i in range(11)))
    uid = world.user("ada")
    world.connect.associate_user_proficiencies(
        InstanceId=world.iid, UserId=uid, UserProficiencies=[proficiency("Skill", f"s{i}") for i in range(10)]
    )
    with raises("InvalidRequestException", 400, match="at most 10 proficiencies"):
        world.connect.associate_user_proficiencies(
            InstanceId=world.iid, UserId=uid, UserProficiencies=[proficiency("Skill", "s10")]
        )
    assert len(_proficiencies(world, uid)) == 10


# -- list and search ---------------------------------------------------------------------
def test_list_users_pages_stay_right(world: World) -> None:
    ids = [world.user(f"user{i}") for i in range(4)]
    first = world.connect.list_users(InstanceId=world.iid, MaxResults=1)
    world.connect.delete_user(InstanceId=world.iid, UserId=ids[1])
    world.user("late")
    seen = [u["Username"] for u in first["UserSummaryList"]]
    token = first["NextToken"]
    while token:
        page = world.connect.list_users(InstanceId=world.iid, MaxResults=1, NextToken=token)
        seen += [u["Username"] for u in page["UserSummaryList"]]
        token = page.get("NextToken")
    assert seen == ["user0", "user2", "user3", "late"]


@pytest.fixture
def people(world: World) -> dict[str, Any]:
    """Four users over two routing profiles, the security profiles, the hierarchy and proficiencies."""
    groups = world.hierarchy()
    world.attribute("Language", "French", "English")
    sp = world.profiles
    ids = {
        "ada": world.user(
            "ada",
            IdentityInfo={"FirstName": "Ada", "LastName": "Lovelace"},
            HierarchyGroupId=groups["Europe"],
            Tags={"team": "blue", "site": "paris"},
            PhoneConfig={"AfterContactWorkTimeLimit": 7},
        ),
        "alan": world.user(
            "alan",
            IdentityInfo={"FirstName": "Alan", "LastName": "Turing"},
            HierarchyGroupId=groups["Paris"],
            SecurityProfileIds=[sp["Agent"], sp["Admin"]],
            Tags={"team": "red"},
        ),
        "grace": world.user(
            "grace",
            IdentityInfo={"FirstName": "Grace", "LastName": "Hopper"},
            HierarchyGroupId=groups["Asia"],
            RoutingProfileId=world.routing[1],
            Tags={"team": "blue"},
        ),
        "edsger": world.user(
            "edsger", IdentityInfo={"FirstName": "Edsger", "LastName": "Dijkstra"}, SecurityProfileIds=[sp["Admin"]]
        ),
    }
    c = world.connect
    c.associate_user_proficiencies(
        InstanceId=world.iid, UserId=ids["ada"], UserProficiencies=[proficiency("Language", "French", 5)]
    )
    c.associate_user_proficiencies(
        InstanceId=world.iid,
        UserId=ids["alan"],
        UserProficiencies=[proficiency("Language", "French", 2), proficiency("Language", "English", 4)],
    )
    return {"ids": ids, "groups": groups}


CRITERIA = [
    (string("Username", "ada"), ["ada"]),
    (string("username", "A", "STARTS_WITH"), ["ada", "alan"]),
    (string("FirstName", "ACE", "CONTAINS"), ["grace"]),
    (string("LastName", "Lovelace"), ["ada"]),
    (string("LastName", "lovelace"), []),
    ({"OrConditions": [string("Username", "ada"), string("LastName", "Hopper")]}, ["ada", "grace"]),
    ({"AndConditions": [string("Username", "a", "STARTS_WITH"), string("LastName", "ing", "CONTAINS")]}, ["alan"]),
    (
        {
            "ListCondition": {
                "TargetListType": "PROFICIENCIES",
                "Conditions": [string("name", "Language"), string("value", "French")],
            }
        },
        ["ada", "alan"],
    ),
    (
        {
            "ListCondition": {
                "TargetListType": "PROFICIENCIES",
                "Conditions": [
                    string("value", "French"),
                    {
                        "NumberCondition": {
                            "FieldName": "limit",
                            "MinValue": 3,
                            "ComparisonType": "GREATER_OR_EQUAL",
                        }
                    },
                ],
            }
        },
        ["ada"],
    ),
    (
        {
            "ListCondition": {
                "TargetListType": "PROFICIENCIES",
                "Conditions": [
                    {
                        "NumberCondition": {
                            "FieldName": "limit",
                            "MinValue": 3,
                            "MaxValue": 4,
                            "ComparisonType": "RANGE",
                        }
                    },
                ],
            }
        },
        ["alan"],
    ),
]


def test_search_criteria(world: World, people: dict[str, Any]) -> None:
    for criteria, expected in CRITERIA:
        found = world.search(SearchCriteria=criteria)
        assert sorted(u["Username"] for u in found["Users"]) == expected, criteria
        assert found["ApproximateTotalCount"] == len(expected), criteria


def test_search_by_ids_and_hierarchy(world: World, people: dict[str, Any]) -> None:
    ids, groups = people["ids"], people["groups"]
    sp = world.profiles
    assert world.found(SearchCriteria=string("RoutingProfileId", world.routing[1])) == ["grace"]
    assert world.found(SearchCriteria=string("SecurityProfileId", sp["Admin"])) == ["alan", "edsger"]
    assert world.found(SearchCriteria=string("resourceId", ids["grace"])) == ["grace"]
    exact = {"HierarchyGroupCondition": {"Value": groups["Europe"], "HierarchyGroupMatchType": "EXACT"}}
    assert world.found(SearchCriteria=exact) == ["ada"]
    below = {"HierarchyGroupCondition": {"Value": groups["Europe"], "HierarchyGroupMatchType": "WITH_CHILD_GROUPS"}}
    assert world.found(SearchCriteria=below) == ["ada", "alan"]
    france = {"HierarchyGroupCondition": {"Value": groups["France"], "HierarchyGroupMatchType": "WITH_CHILD_GROUPS"}}
    assert world.found(SearchCriteria=france) == ["alan"]
    assert world.found(SearchCriteria={"HierarchyGroupCondition": {"Value": "nope"}}) == []


def test_search_filters(world: World, people: dict[str, Any]) -> None:
    groups = people["groups"]
    blue = {"TagKey": "team", "TagValue": "blue"}
    assert world.found(SearchFilter={"TagFilter": {"TagCondition": blue}}) == ["ada", "grace"]
    assert world.found(
        SearchFilter={"TagFilter": {"OrConditions": [[{"TagKey": "site"}], [{"TagKey": "team", "TagValue": "red"}]]}}
    ) == ["ada", "alan"]
    attribute = {"UserAttributeFilter": {"TagCondition": blue}}
    assert world.found(SearchFilter=attribute) == ["ada", "grace"]
    europe = {"Value": groups["Europe"], "HierarchyGroupMatchType": "WITH_CHILD_GROUPS"}
    assert world.found(SearchFilter={"UserAttributeFilter": {"HierarchyGroupCondition": europe}}) == ["ada", "alan"]
    both = {"UserAttributeFilter": {"AndCondition": {"TagConditions": [blue], "HierarchyGroupCondition": europe}}}
    assert world.found(SearchFilter=both) == ["ada"]
    ors = {
        "UserAttributeFilter": {
            "OrConditions": [
                {"TagConditions": [{"TagKey": "team", "TagValue": "red"}]},
                {"HierarchyGroupCondition": {"Value": groups["Asia"]}},
            ]
        }
    }
    assert world.found(SearchFilter=ors) == ["alan", "grace"]
    # criteria and filter together
    assert world.found(
        SearchCriteria=string("Username", "g", "CONTAINS"), SearchFilter={"TagFilter": {"TagCondition": blue}}
    ) == ["grace"]


SEARCH_ERRORS = [
    ({"SearchCriteria": string("Email", "x")}, "InvalidParameterException", "not supported"),
    (
        {
            "SearchCriteria": {
                "ListCondition": {"TargetListType": "PROFICIENCIES", "Conditions": [string("level", "1")]}
            }
        },
        "InvalidParameterException",
        "not supported",
    ),
    (
        {
            "SearchCriteria": {
                "ListCondition": {
                    "TargetListType": "PROFICIENCIES",
                    "Conditions": [
                        {"NumberCondition": {"FieldName": "limit", "ComparisonType": "RANGE", "MinValue": 1}}
                    ],
                }
            }
        },
        "InvalidParameterException",
        "MaxValue",
    ),
    (
        {"SearchCriteria": {"HierarchyGroupCondition": {"HierarchyGroupMatchType": "EXACT"}}},
        "InvalidParameterException",
        "value is required",
    ),
    (
        {
            "SearchFilter": {
                "TagFilter": {"TagCondition": {"TagKey": "a"}},
                "UserAttributeFilter": {"TagCondition": {"TagKey": "a"}},
            }
        },
        "AccessDeniedException",
        "not both",
    ),
    (
        {
            "SearchFilter": {
                "UserAttributeFilter": {"TagCondition": {"TagKey": "a"}, "HierarchyGroupCondition": {"Value": "g"}}
            }
        },
        "InvalidParameterException",
        "only one",
    ),
    (
        {
            "SearchFilter": {
                "UserAttributeFilter": {"AndCondition": {"TagConditions": [{"TagKey": f"k{i}"} for i in range(26)]}}
            }
        },
        "InvalidParameterException",
        "at most 25",
    ),
]


def test_search_errors(connect: Any, instance: dict[str, Any]) -> None:
    for request_, code, match in SEARCH_ERRORS:
        with case(request_), raises(code, match=match):
            connect.search_users(InstanceId=instance["Id"], **request_)


def test_search_results_and_pages(world: World, people: dict[str, Any]) -> None:
    found = world.search(SearchCriteria=string("Username", "ada"))["Users"][0]
    assert found["IdentityInfo"] == {"FirstName": "Ada", "LastName": "Lovelace"}
    # "When returned by a SearchUsers call, AfterContactWorkTimeLimit is returned in milliseconds"
    assert found["PhoneConfig"]["AfterContactWorkTimeLimit"] == 7000
    assert world.describe(found["Id"])["PhoneConfig"]["AfterContactWorkTimeLimit"] == 7
    assert found["Tags"] == {"team": "blue", "site": "paris"}
    assert found["HierarchyGroupId"] == people["groups"]["Europe"]
    first = world.search(MaxResults=1)
    assert first["ApproximateTotalCount"] == 4
    world.connect.delete_user(InstanceId=world.iid, UserId=people["ids"]["alan"])
    world.user("zed")
    seen = [u["Username"] for u in first["Users"]]
    token = first["NextToken"]
    while token:
        page = world.search(MaxResults=1, NextToken=token)
        seen += [u["Username"] for u in page["Users"]]
        token = page.get("NextToken")
    assert seen == ["ada", "grace", "edsger", "zed"]


# -- server mode -------------------------------------------------------------------------
def test_users_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    created = new_instance(connect, "served")
    world = World(connect, created["Id"], created["Arn"])
    uid = world.user("ada", Tags={"k": "v"})
    assert world.describe(uid)["Arn"].startswith("arn:aws:connect:eu-west-2:")
    assert world.found(SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "k"}}}) == ["ada"]
    with raises("InvalidParameterException", 400, match="Password is required"):
        world.user("bob", Password=None)
    with raises("DuplicateResourceException", 409):
        world.user("ada")
    world.connect.delete_user(InstanceId=world.iid, UserId=uid)
    assert world.usernames() == []
