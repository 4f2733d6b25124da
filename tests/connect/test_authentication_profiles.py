"""Authentication profiles through boto3: the default profile, its updates and their checks."""

from __future__ import annotations

from typing import Any

import pytest
from moto.backends import get_backend

from moto_connect_ext.connect.authentication_profiles import DEFAULT_PROFILE, check_ip, seed_defaults
from moto_connect_ext.connect.exceptions import InvalidParameterException
from moto_connect_ext.core.caller import Caller
from tests.helpers import new_instance, raises
from tests.servers import server_client

ACCOUNT = "123456789012"


def listed(connect: Any, iid: str) -> list[dict[str, Any]]:
    pages = connect.get_paginator("list_authentication_profiles").paginate(InstanceId=iid)
    return [p for page in pages for p in page["AuthenticationProfileSummaryList"]]


def describe(connect: Any, iid: str, pid: str) -> dict[str, Any]:
    return connect.describe_authentication_profile(InstanceId=iid, AuthenticationProfileId=pid)[  # type: ignore[no-any-return]
        "AuthenticationProfile"
    ]


def default_of(connect: Any, iid: str, region: str = "us-east-1") -> str:
    """The instance's default profile (seeded here while new instances do not come with it)."""
    found = [p for p in listed(connect, iid) if p["IsDefault"]]
    if not found:
        backend: Any = get_backend("connect")[ACCOUNT][region]
        seed_defaults(backend.resources, backend.instance(iid), Caller(ACCOUNT, region, "aws"))
        found = [p for p in listed(connect, iid) if p["IsDefault"]]
    return found[0]["Id"]  # type: ignore[no-any-return]


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return instance["Id"]  # type: ignore[no-any-return]


@pytest.fixture
def pid(connect: Any, iid: str) -> str:
    return default_of(connect, iid)


def test_the_default_profile(connect: Any, iid: str, pid: str) -> None:
    arn = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/authentication-profile/{pid}"
    described = describe(connect, iid, pid)
    assert described == {
        "Id": pid,
        "Arn": arn,
        "Name": "Default Authentication Profile",
        "Description": "A basic default Authentication Profile",
        "AllowedIps": [],
        "BlockedIps": [],
        "IsDefault": True,
        "CreatedTime": described["CreatedTime"],
        "LastModifiedTime": described["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
        "PeriodicSessionDuration": 60,
        "MaxSessionDuration": 720,
        "SessionInactivityDuration": 60,
        "SessionInactivityHandlingEnabled": False,
    }
    assert listed(connect, iid) == [
        {
            "Id": pid,
            "Arn": arn,
            "Name": "Default Authentication Profile",
            "IsDefault": True,
            "LastModifiedTime": described["LastModifiedTime"],
            "LastModifiedRegion": "us-east-1",
        }
    ]
    page = connect.list_authentication_profiles(InstanceId=iid, MaxResults=1)
    assert len(page["AuthenticationProfileSummaryList"]) == 1 and "NextToken" not in page
    connect.tag_resource(resourceArn=arn, tags={"k": "v"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"k": "v"}


def test_update_changes_only_what_it_is_given(connect: Any, iid: str, pid: str) -> None:
    before = describe(connect, iid, pid)
    connect.update_authentication_profile(
        InstanceId=iid,
        AuthenticationProfileId=pid,
        AllowedIps=["2001:db8::/32", "2001:db8:ffff::1"],
        BlockedIps=["2001:db8:1::/48"],
        SessionInactivityHandlingEnabled=True,
        SessionInactivityDuration=30,
    )
    after = describe(connect, iid, pid)
    assert after["AllowedIps"] == ["2001:db8::/32", "2001:db8:ffff::1"]
    assert after["BlockedIps"] == ["2001:db8:1::/48"]
    assert (after["SessionInactivityHandlingEnabled"], after["SessionInactivityDuration"]) == (True, 30)
    assert after["LastModifiedTime"] > before["LastModifiedTime"]
    assert after["CreatedTime"] == before["CreatedTime"]
    unchanged = ("Name", "Description", "PeriodicSessionDuration", "MaxSessionDuration", "IsDefault")
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    connect.update_authentication_profile(
        InstanceId=iid,
        AuthenticationProfileId=pid,
        Name="Contact centre",
        Description="Office only",
        AllowedIps=[],
        PeriodicSessionDuration=10,
    )
    after = describe(connect, iid, pid)
    assert (after["Name"], after["Description"], after["AllowedIps"]) == ("Contact centre", "Office only", [])
    assert (after["PeriodicSessionDuration"], after["BlockedIps"]) == (10, ["2001:db8:1::/48"])
    assert listed(connect, iid)[0]["Name"] == "Contact centre"


BAD_UPDATES = {
    "range with host bits": ({"AllowedIps": ["2001:db8::1/32"]}, "InvalidParameterException", "2001:db8::1/32"),
    "not an address": ({"BlockedIps": ["nonsense"]}, "InvalidParameterException", "nonsense"),
    "address twice": (
        {"AllowedIps": ["2001:db8::/32", "2001:DB8::/32"]},
        "InvalidParameterException",
        "more than once",
    ),
}


@pytest.mark.parametrize(("changes", "code", "match"), BAD_UPDATES.values(), ids=list(BAD_UPDATES))
def test_bad_updates_change_nothing(
    connect: Any, iid: str, pid: str, changes: dict[str, Any], code: str, match: str
) -> None:
    before = describe(connect, iid, pid)
    with raises(code, 400, match=match):
        connect.update_authentication_profile(InstanceId=iid, AuthenticationProfileId=pid, Name="changed", **changes)
    assert describe(connect, iid, pid) == before


def test_unknown_profile_or_instance(connect: Any, iid: str, pid: str) -> None:
    with raises("ResourceNotFoundException", 404):
        connect.describe_authentication_profile(InstanceId=iid, AuthenticationProfileId="no-such-profile")
    with raises("ResourceNotFoundException", 404):
        connect.update_authentication_profile(InstanceId=iid, AuthenticationProfileId="no-such-profile", Name="x")
    with raises("ResourceNotFoundException", 404):
        connect.describe_authentication_profile(InstanceId="no-such-instance", AuthenticationProfileId=pid)
    with raises("ResourceNotFoundException", 404):
        connect.list_authentication_profiles(InstanceId="no-such-instance")


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("111.222.0.0/16", True),
        ("200.255.40.50", True),
        ("2001:db8::/32", True),
        ("::1", True),
        ("10.0.0.1/24", False),
        ("10.0.0.0/33", False),
        ("300.1.1.1", False),
        ("abc", False),
    ],
)
def test_ip_formats(value: str, valid: bool) -> None:
    if valid:
        check_ip("AllowedIps", value)
    else:
        with pytest.raises(InvalidParameterException):
            check_ip("AllowedIps", value)


def test_ipv4_ranges_go_through_the_api(connect: Any, iid: str, pid: str) -> None:
    """The model's IpCidr pattern leaves out the dot; the service takes IPv4 (the guide's examples)."""
    connect.update_authentication_profile(
        InstanceId=iid, AuthenticationProfileId=pid, AllowedIps=["111.222.0.0/16"], BlockedIps=["200.255.40.50"]
    )
    described = describe(connect, iid, pid)
    assert (described["AllowedIps"], described["BlockedIps"]) == (["111.222.0.0/16"], ["200.255.40.50"])
    with raises("InvalidParameterException", 400, match="regular expression pattern"):
        connect.update_authentication_profile(InstanceId=iid, AuthenticationProfileId=pid, AllowedIps=["10.0.0.1 "])


def test_default_values_are_the_documented_ones() -> None:
    assert (DEFAULT_PROFILE["PeriodicSessionDuration"], DEFAULT_PROFILE["MaxSessionDuration"]) == (60, 720)
    assert DEFAULT_PROFILE["IsDefault"] is True


def test_authentication_profiles_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    pid = default_of(connect, iid, "eu-west-2")
    assert describe(connect, iid, pid)["Arn"].startswith("arn:aws:connect:eu-west-2:")
    connect.update_authentication_profile(InstanceId=iid, AuthenticationProfileId=pid, BlockedIps=["2001:db8::/32"])
    assert describe(connect, iid, pid)["BlockedIps"] == ["2001:db8::/32"]
    with raises("InvalidParameterException", 400):
        connect.update_authentication_profile(
            InstanceId=iid, AuthenticationProfileId=pid, BlockedIps=["2001:db8::1/32"]
        )
