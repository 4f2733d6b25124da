"""The users' rules as pure functions: identity checks, channel settings, search matchers."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import users
from moto_connect_ext.connect.exceptions import InvalidParameterException
from moto_connect_ext.connect.search_criteria import lift_string_conditions
from moto_connect_ext.core.errors import ValidationError
from moto_connect_ext.core.resources import Container, Resource


class _Instance(Container):
    id = "instance"


def user(**attrs: Any) -> Resource:
    return Resource(users.USER, "u", "arn:aws:connect:us-east-1:1:instance/i/agent/u", _Instance(), attrs)


@pytest.mark.parametrize(
    ("identity", "username", "ok"),
    [
        ("CONNECT_MANAGED", "a" * 20, True),
        ("CONNECT_MANAGED", "a" * 21, False),
        ("CONNECT_MANAGED", "t@example.com", True),
        ("CONNECT_MANAGED", "t@example", False),
        ("CONNECT_MANAGED", "@example.com", False),
        ("EXISTING_DIRECTORY", "a" * 21, False),
        ("SAML", "a" * 64, True),
        ("SAML", "a" * 65, False),
        ("SAML", "first.last-1_x@corp.example.com", True),
        ("SAML", "first last", False),
        ("SAML", "user+tag@example.com", False),
    ],
)
def test_usernames(identity: str, username: str, ok: bool) -> None:
    if ok:
        users.check_username(identity, username)
    else:
        with pytest.raises(InvalidParameterException):
            users.check_username(identity, username)


@pytest.mark.parametrize(
    ("identity", "password", "ok"),
    [
        ("CONNECT_MANAGED", "Passw0rd", True),
        ("CONNECT_MANAGED", None, False),
        ("SAML", None, True),
        ("SAML", "Passw0rd", False),
        ("EXISTING_DIRECTORY", "Passw0rd", False),
    ],
)
def test_passwords(identity: str, password: str | None, ok: bool) -> None:
    if ok:
        users.check_password(identity, password)
    else:
        with pytest.raises(InvalidParameterException):
            users.check_password(identity, password)


def test_phone_config_sets_every_channel_and_voice() -> None:
    attrs: dict[str, Any] = users.default_channel_configs()
    attrs["AutoAcceptConfigs"][0]["AgentFirstCallbackAutoAccept"] = True
    changes = users.phone_config_changes(
        attrs, {"AutoAccept": True, "AfterContactWorkTimeLimit": 9, "DeskPhoneNumber": "+15555550100"}
    )
    assert [e["AutoAccept"] for e in changes["AutoAcceptConfigs"]] == [True] * 4
    # what the phone config does not say is kept
    assert changes["AutoAcceptConfigs"][0]["AgentFirstCallbackAutoAccept"] is True
    assert {e["AfterContactWorkConfig"]["AfterContactWorkTimeLimit"] for e in changes["AfterContactWorkConfigs"]} == {9}
    assert changes["PhoneNumberConfigs"] == [
        {"Channel": "VOICE", "PhoneType": "SOFT_PHONE", "PhoneNumber": "+15555550100"}
    ]
    assert "PersistentConnectionConfigs" not in changes
    assert users.phone_config(user(**{**attrs, **changes})) == {
        "PhoneType": "SOFT_PHONE",
        "AutoAccept": True,
        "AfterContactWorkTimeLimit": 9,
        "DeskPhoneNumber": "+15555550100",
        "PersistentConnection": False,
    }


def test_channel_lists_merge_by_channel_in_channel_order() -> None:
    attrs = {"AutoAcceptConfigs": [{"Channel": "EMAIL", "AutoAccept": True}]}
    changes = users.merge_channel_configs(
        attrs, {"AutoAcceptConfigs": [{"Channel": "CHAT", "AutoAccept": False}], "PhoneNumberConfigs": []}
    )
    assert changes == {
        "AutoAcceptConfigs": [{"Channel": "CHAT", "AutoAccept": False}, {"Channel": "EMAIL", "AutoAccept": True}]
    }
    with pytest.raises(InvalidParameterException, match="more than once"):
        users.merge_channel_configs(
            attrs, {"AutoAcceptConfigs": [{"Channel": "CHAT", "AutoAccept": b} for b in (1, 0)]}
        )


@pytest.mark.parametrize(
    ("condition", "levels"),
    [
        ({"ComparisonType": "GREATER_OR_EQUAL", "MinValue": 3}, [3, 4, 5]),
        ({"ComparisonType": "GREATER", "MinValue": 3}, [4, 5]),
        ({"ComparisonType": "LESSER_OR_EQUAL", "MaxValue": 2}, [1, 2]),
        ({"ComparisonType": "LESSER", "MaxValue": 2}, [1]),
        ({"ComparisonType": "EQUAL", "MinValue": 4}, [4]),
        ({"ComparisonType": "EQUAL", "MaxValue": 4}, [4]),
        ({"ComparisonType": "NOT_EQUAL", "MinValue": 4}, [1, 2, 3, 5]),
        ({"ComparisonType": "RANGE", "MinValue": 2, "MaxValue": 4}, [2, 3, 4]),
    ],
)
def test_number_conditions(condition: dict[str, Any], levels: list[int]) -> None:
    test = users.number_matcher({"FieldName": "limit", **condition})
    assert [level for level in range(1, 6) if test(float(level))] == levels


@pytest.mark.parametrize(
    "condition",
    [
        {"FieldName": "level", "ComparisonType": "EQUAL", "MinValue": 1},
        {"FieldName": "limit", "MinValue": 1},
        {"FieldName": "limit", "ComparisonType": "GREATER", "MaxValue": 1},
        {"FieldName": "limit", "ComparisonType": "RANGE", "MinValue": 4, "MaxValue": 2},
    ],
)
def test_bad_number_conditions(condition: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        users.number_matcher(condition)


def test_a_list_condition_needs_one_proficiency_meeting_every_condition() -> None:
    agent = user(
        Proficiencies=[
            {"AttributeName": "Language", "AttributeValue": "French", "Level": 2.0},
            {"AttributeName": "Skill", "AttributeValue": "Billing", "Level": 5.0},
        ]
    )
    french = {"StringCondition": {"FieldName": "value", "Value": "French", "ComparisonType": "EXACT"}}
    expert = {"NumberCondition": {"FieldName": "limit", "MinValue": 4, "ComparisonType": "GREATER_OR_EQUAL"}}

    def matches(*conditions: dict[str, Any]) -> bool:
        return users.proficiency_matcher({"TargetListType": "PROFICIENCIES", "Conditions": list(conditions)})(agent)

    assert matches(french)
    assert matches(expert)
    # French at 2 and Billing at 5 are two proficiencies: no single one is both
    assert not matches(french, expert)
    assert matches()
    assert not users.proficiency_matcher({"TargetListType": "PROFICIENCIES"})(user())
    with pytest.raises(ValidationError):
        matches({})


def test_string_conditions_on_a_list_field_are_lifted_everywhere() -> None:
    on_profile = {"StringCondition": {"FieldName": "securityProfileId", "Value": "p", "ComparisonType": "EXACT"}}
    on_name = {"StringCondition": {"FieldName": "Username", "Value": "a", "ComparisonType": "EXACT"}}
    criteria = {"OrConditions": [on_profile, {"AndConditions": [on_name, on_profile]}]}
    lifted = lift_string_conditions(criteria, {k: k for k in users.LIST_FIELDS}, users._LIST_CONDITION)
    moved = {users._LIST_CONDITION: {**on_profile["StringCondition"], "FieldName": "securityprofileid"}}
    assert lifted is not None
    assert lifted["OrConditions"][0] == moved
    assert lifted["OrConditions"][1]["AndConditions"] == [on_name, moved]
    holder = user(SecurityProfileIds=["x", "p"], Username="a")
    assert users._list_field_matcher(on_profile["StringCondition"])(holder)
