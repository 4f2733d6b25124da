"""Predefined attributes through boto3: names as IDs, values, system attributes, search."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from moto_connect_ext.connect import predefined_attributes
from moto_connect_ext.connect.predefined_attributes import (
    PREDEFINED_ATTRIBUTE,
    SYSTEM_ATTRIBUTES,
    system_attribute_seeds,
    text_problem,
)
from moto_connect_ext.core.caller import Caller
from tests.connect.test_queues import new_user
from tests.helpers import RAW, raises


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


def _create(connect: Any, iid: str, name: str, *values: str, **kw: Any) -> None:
    connect.create_predefined_attribute(InstanceId=iid, Name=name, Values={"StringList": list(values)}, **kw)


def _describe(connect: Any, iid: str, name: str) -> dict[str, Any]:
    return dict(connect.describe_predefined_attribute(InstanceId=iid, Name=name)["PredefinedAttribute"])


def _names(connect: Any, iid: str) -> list[str]:
    listed = connect.list_predefined_attributes(InstanceId=iid)["PredefinedAttributeSummaryList"]
    return [a["Name"] for a in listed]


@pytest.fixture
def system(moto_connect: Any, iid: str) -> None:
    """The instance's system attributes (created here unless the instance came with them)."""
    backend = moto_connect.backend("connect")
    root = backend.instance(iid)
    for attrs in system_attribute_seeds():
        if root.children(PREDEFINED_ATTRIBUTE.kind).get(attrs["Name"]) is None:
            caller = Caller("123456789012", "us-east-1", "aws")
            backend.resources.create(PREDEFINED_ATTRIBUTE, root, attrs, caller, resource_id=attrs["Name"])


def test_round_trip(connect: Any, iid: str) -> None:
    before = _names(connect, iid)
    _create(
        connect,
        iid,
        "Business unit",
        "Sales",
        "Billing",
        Purposes=["routing"],
        AttributeConfiguration={"EnableValueValidationOnAssociation": True},
    )
    described = _describe(connect, iid, "Business unit")
    created = described.pop("LastModifiedTime")
    assert described == {
        "Name": "Business unit",
        "Values": {"StringList": ["Sales", "Billing"]},
        "Purposes": ["routing"],
        "AttributeConfiguration": {"EnableValueValidationOnAssociation": True, "IsReadOnly": False},
        "LastModifiedRegion": "us-east-1",
    }
    assert _names(connect, iid) == [*before, "Business unit"]
    connect.update_predefined_attribute(
        InstanceId=iid, Name="Business unit", Values={"StringList": ["Sales", "Accounts", "Marketing"]}
    )
    connect.update_predefined_attribute(InstanceId=iid, Name="Business unit", Purposes=["segments", "routing"])
    connect.update_predefined_attribute(
        InstanceId=iid, Name="Business unit", AttributeConfiguration={"EnableValueValidationOnAssociation": False}
    )
    updated = _describe(connect, iid, "Business unit")
    assert updated["Values"] == {"StringList": ["Sales", "Accounts", "Marketing"]}
    assert updated["Purposes"] == ["segments", "routing"]
    assert updated["AttributeConfiguration"] == {"EnableValueValidationOnAssociation": False, "IsReadOnly": False}
    assert updated["LastModifiedTime"] > created
    summary = connect.list_predefined_attributes(InstanceId=iid)["PredefinedAttributeSummaryList"][-1]
    assert summary == {
        "Name": "Business unit",
        "LastModifiedTime": updated["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }


def test_minimal_attribute_and_names_with_punctuation(connect: Any, iid: str) -> None:
    connect.create_predefined_attribute(InstanceId=iid, Name="team/tier 2: l'équipe")
    described = _describe(connect, iid, "team/tier 2: l'équipe")
    assert "Values" not in described and "Purposes" not in described
    assert described["AttributeConfiguration"] == {"EnableValueValidationOnAssociation": False, "IsReadOnly": False}
    connect.delete_predefined_attribute(InstanceId=iid, Name="team/tier 2: l'équipe")
    assert "team/tier 2: l'équipe" not in _names(connect, iid)


def test_names_are_unique_whatever_their_case(connect: Any, iid: str) -> None:
    _create(connect, iid, "Language", "English")
    with raises("DuplicateResourceException", 409, match="named language already exists"):
        _create(connect, iid, "language", "French")
    assert _describe(connect, iid, "Language")["Values"] == {"StringList": ["English"]}
    with raises("ResourceNotFoundException", 404):
        _describe(connect, iid, "language")  # the ID is the name as given
    connect.delete_predefined_attribute(InstanceId=iid, Name="Language")
    _create(connect, iid, "language", "French")


BAD_INPUT = [
    ("aws:team", [], "cannot start with aws:"),
    ("connect:Team", [], "cannot start with connect:"),
    ("team#1", [], "cannot contain '#'"),
    ("team", ["a", "b", "a"], "'a' is given twice"),
    ("team", ["connect:Chat"], "cannot start with connect:"),
    ("team", ["50%"], "cannot contain '%'"),
]


def test_names_and_values_follow_the_documented_pattern(connect: Any, iid: str) -> None:
    before = _names(connect, iid)
    for name, values, match in BAD_INPUT:
        with raises("InvalidParameterException", 400, match=match):
            _create(connect, iid, name, *values)
    assert _names(connect, iid) == before


def test_updates_are_checked_like_creates(connect: Any, iid: str) -> None:
    _create(connect, iid, "team", "a")
    for values, match in ((["b", "b"], "given twice"), (["aws:x"], "cannot start with aws:")):
        with raises("InvalidParameterException", 400, match=match):
            connect.update_predefined_attribute(InstanceId=iid, Name="team", Values={"StringList": values})
    assert _describe(connect, iid, "team")["Values"] == {"StringList": ["a"]}


def _proficiencies(connect: Any, iid: str, uid: str) -> list[tuple[str, str]]:
    listed = connect.list_user_proficiencies(InstanceId=iid, UserId=uid)["UserProficiencyList"]
    return [(p["AttributeName"], p["AttributeValue"]) for p in listed]


def test_a_value_an_agent_uses_cannot_be_removed(connect: Any, iid: str, system: None) -> None:
    _create(connect, iid, "Technology", "EC2", "S3", "Lambda")
    _create(connect, iid, "Region", "EC2")  # the same value under another attribute
    connect.update_predefined_attribute(
        InstanceId=iid, Name="connect:Language", Values={"StringList": ["French", "German"]}
    )
    ada, grace = new_user(connect, iid, "ada"), new_user(connect, iid, "grace")
    level = {"Level": 3}
    connect.associate_user_proficiencies(
        InstanceId=iid,
        UserId=ada,
        UserProficiencies=[
            {"AttributeName": "Technology", "AttributeValue": "EC2", **level},
            {"AttributeName": "connect:Language", "AttributeValue": "French", **level},
        ],
    )
    connect.associate_user_proficiencies(
        InstanceId=iid,
        UserId=grace,
        UserProficiencies=[{"AttributeName": "Technology", "AttributeValue": "EC2", **level}],
    )
    refused = [
        ("Technology", ["S3", "Lambda"], "'EC2'"),
        ("Technology", [], "'EC2'"),
        ("connect:Language", ["German"], "'French'"),
    ]
    for name, values, match in refused:
        before = _describe(connect, iid, name)
        with raises("InvalidRequestException", 400, match=match):
            connect.update_predefined_attribute(
                InstanceId=iid,
                Name=name,
                Values={"StringList": values},
                AttributeConfiguration={"EnableValueValidationOnAssociation": True},
            )
        assert _describe(connect, iid, name) == before, name  # nothing changed, the configuration included
    # values nobody uses can go, in any order; another attribute's EC2 is not this one's
    connect.update_predefined_attribute(InstanceId=iid, Name="Technology", Values={"StringList": ["Lambda", "EC2"]})
    connect.update_predefined_attribute(InstanceId=iid, Name="Region", Values={"StringList": []})
    connect.update_predefined_attribute(InstanceId=iid, Name="connect:Language", Values={"StringList": ["French"]})
    assert _describe(connect, iid, "Technology")["Values"] == {"StringList": ["Lambda", "EC2"]}
    # once no agent uses it, the value can be removed
    ec2 = [{"AttributeName": "Technology", "AttributeValue": "EC2"}]
    connect.disassociate_user_proficiencies(InstanceId=iid, UserId=ada, UserProficiencies=ec2)
    with raises("InvalidRequestException", 400, match="1 user"):
        connect.update_predefined_attribute(InstanceId=iid, Name="Technology", Values={"StringList": ["Lambda"]})
    connect.delete_user(InstanceId=iid, UserId=grace)
    connect.update_predefined_attribute(InstanceId=iid, Name="Technology", Values={"StringList": ["Lambda"]})
    assert _describe(connect, iid, "Technology")["Values"] == {"StringList": ["Lambda"]}
    assert _proficiencies(connect, iid, ada) == [("connect:Language", "French")]


def test_up_to_500_values(connect: Any, iid: str) -> None:
    values = [f"value {i}" for i in range(500)]
    _create(connect, iid, "many", *values)
    assert len(_describe(connect, iid, "many")["Values"]["StringList"]) == 500
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    with raises("InvalidParameterException", 400, match="length less than or equal to 500"):
        raw.update_predefined_attribute(InstanceId=iid, Name="many", Values={"StringList": [*values, "one more"]})


def test_quota(connect: Any, iid: str, system: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(predefined_attributes, "ATTRIBUTES_PER_INSTANCE", 2)
    _create(connect, iid, "first")
    _create(connect, iid, "second")  # system attributes do not count
    with raises("LimitExceededException", 429, match="2 predefined attributes"):
        _create(connect, iid, "third")
    connect.delete_predefined_attribute(InstanceId=iid, Name="first")
    _create(connect, iid, "third")


def test_unknown_attribute_or_instance(connect: Any, iid: str) -> None:
    calls = [
        lambda: connect.describe_predefined_attribute(InstanceId=iid, Name="missing"),
        lambda: connect.update_predefined_attribute(InstanceId=iid, Name="missing", Purposes=[]),
        lambda: connect.delete_predefined_attribute(InstanceId=iid, Name="missing"),
        lambda: connect.create_predefined_attribute(InstanceId="no-such-instance", Name="x"),
        lambda: connect.list_predefined_attributes(InstanceId="no-such-instance"),
        lambda: connect.search_predefined_attributes(InstanceId="no-such-instance"),
    ]
    for call in calls:
        with raises("ResourceNotFoundException", 404):
            call()


def test_system_attributes(connect: Any, iid: str, system: None) -> None:
    subtype = _describe(connect, iid, "connect:Subtype")
    assert subtype["AttributeConfiguration"]["IsReadOnly"] is True
    assert set(_names(connect, iid)) >= set(SYSTEM_ATTRIBUTES)
    with raises("InvalidParameterException", 400, match="cannot start with connect:"):
        _create(connect, iid, "connect:Language")
    for name in SYSTEM_ATTRIBUTES:
        with raises("InvalidRequestException", 400, match="cannot be deleted"):
            connect.delete_predefined_attribute(InstanceId=iid, Name=name)
    own = list(subtype["Values"]["StringList"])
    with raises("InvalidRequestException", 400, match="does not take custom values"):
        connect.update_predefined_attribute(
            InstanceId=iid, Name="connect:Subtype", Values={"StringList": [*own, "custom"]}
        )
    with raises("InvalidRequestException", 400, match="cannot be removed"):
        connect.update_predefined_attribute(InstanceId=iid, Name="connect:Subtype", Values={"StringList": own[1:]})
    # connect:Language takes values of the customer's own, under the customer pattern
    connect.update_predefined_attribute(InstanceId=iid, Name="connect:Language", Values={"StringList": ["Welsh"]})
    assert _describe(connect, iid, "connect:Language")["Values"] == {"StringList": ["Welsh"]}
    with raises("InvalidParameterException", 400, match="cannot start with connect:"):
        connect.update_predefined_attribute(
            InstanceId=iid, Name="connect:Language", Values={"StringList": ["connect:Welsh"]}
        )
    # its configuration can change, but it stays read-only
    connect.update_predefined_attribute(
        InstanceId=iid, Name="connect:Language", AttributeConfiguration={"EnableValueValidationOnAssociation": True}
    )
    assert _describe(connect, iid, "connect:Language")["AttributeConfiguration"] == {
        "EnableValueValidationOnAssociation": True,
        "IsReadOnly": True,
    }
    assert _describe(connect, iid, "connect:Subtype") == subtype


def test_list_pages_stay_stable(connect: Any, iid: str) -> None:
    mine = [f"attr-{i}" for i in range(5)]
    for name in mine:
        _create(connect, iid, name)
    seen: list[str] = []
    token = None
    while True:
        kw = {"NextToken": token} if token else {}
        page = connect.list_predefined_attributes(InstanceId=iid, MaxResults=1, **kw)
        assert len(page["PredefinedAttributeSummaryList"]) <= 1
        seen += [a["Name"] for a in page["PredefinedAttributeSummaryList"]]
        if seen and seen[-1] == "attr-1":
            connect.delete_predefined_attribute(InstanceId=iid, Name="attr-3")
            _create(connect, iid, "attr-late")
        token = page.get("NextToken")
        if not token:
            break
    assert [n for n in seen if n.startswith("attr-")] == ["attr-0", "attr-1", "attr-2", "attr-4", "attr-late"]


def test_search(connect: Any, iid: str) -> None:
    for name in ("Skill: billing", "Skill: refunds", "Language"):
        _create(connect, iid, name, "x")

    def search(criteria: dict[str, Any] | None = None, **kw: Any) -> tuple[list[str], int]:
        request = {"SearchCriteria": criteria} if criteria is not None else {}
        found = connect.search_predefined_attributes(InstanceId=iid, **request, **kw)
        names = [a["Name"] for a in found["PredefinedAttributes"]]
        return names, found["ApproximateTotalCount"]

    def name(value: str, comparison: str) -> dict[str, Any]:
        return {"StringCondition": {"FieldName": "name", "Value": value, "ComparisonType": comparison}}

    assert search(name("Language", "EXACT")) == (["Language"], 1)
    assert search(name("language", "EXACT")) == ([], 0)
    assert search(name("skill:", "STARTS_WITH")) == (["Skill: billing", "Skill: refunds"], 2)
    assert search(name("FUND", "CONTAINS")) == (["Skill: refunds"], 1)
    either = {"OrConditions": [name("Language", "EXACT"), name("billing", "CONTAINS")]}
    assert search(either) == (["Skill: billing", "Language"], 2)
    both = {"AndConditions": [name("Skill", "STARTS_WITH"), name("refunds", "CONTAINS")]}
    assert search(both) == (["Skill: refunds"], 1)
    page = connect.search_predefined_attributes(
        InstanceId=iid, SearchCriteria=name("Skill", "STARTS_WITH"), MaxResults=1
    )
    assert len(page["PredefinedAttributes"]) == 1 and page["ApproximateTotalCount"] == 2 and page["NextToken"]
    everything, total = search()
    assert set(everything) >= {"Skill: billing", "Skill: refunds", "Language"} and total == len(everything)
    with raises("InvalidParameterException", 400, match="supported fields are name"):
        search({"StringCondition": {"FieldName": "description", "Value": "x", "ComparisonType": "EXACT"}})


def test_tags_and_delete(connect: Any, instance: dict[str, Any], iid: str) -> None:
    _create(connect, iid, "team", "a")
    arn = f"{instance['Arn']}/predefined-attribute/team"
    connect.tag_resource(resourceArn=arn, tags={"owner": "ops"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"owner": "ops"}
    connect.delete_predefined_attribute(InstanceId=iid, Name="team")
    with raises("ResourceNotFoundException", 404):
        _describe(connect, iid, "team")
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=arn)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Language", None),
        ("a_b.c:d/e=f+g-h@i'j k", None),
        ("日本語 ٣", None),
        ("AWS:upper", None),
        ("aws:x", "cannot start with aws:"),
        ("connect:x", "cannot start with connect:"),
        ("a,b", "cannot contain ','"),
        ("tab\there", "cannot contain '\\t'"),
    ],
)
def test_text_problem(text: str, problem: str | None) -> None:
    found = text_problem(text)
    assert (found is None) if problem is None else (found is not None and problem in found)
