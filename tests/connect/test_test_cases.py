"""Connect test cases through boto3: create, describe, update, delete, list, search, tags."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest

from tests.helpers import RAW, new_instance, raises

VOICE = {
    "Type": "VOICE_CALL",
    "VoiceCallEntryPointParameters": {
        "SourcePhoneNumber": "+15555550100",
        "DestinationPhoneNumber": "+15555550199",
        "FlowId": "11111111-2222-3333-4444-555555555555",
    },
}
CHAT = {"Type": "CHAT", "ChatEntryPointParameters": {"FlowId": "11111111-2222-3333-4444-555555555555"}}


def content(*observations: str) -> str:
    """Valid Testing-language content: a chain of MessageReceived observations."""
    names = observations or ("greeting",)
    chain = []
    for index, name in enumerate(names):
        obs: dict[str, Any] = {
            "Identifier": name,
            "Event": {
                "Identifier": f"{name}-event",
                "Type": "MessageReceived",
                "Actor": "System",
                "Properties": {"Text": f"say {name}", "MatchingCriteria": "Inclusion"},
            },
            "Actions": [
                {
                    "Identifier": f"{name}-press",
                    "Type": "SendInstruction",
                    "Parameters": {
                        "ActionType": "SendInstruction",
                        "Actor": "Customer",
                        "Instruction": {"Type": "DtmfInput", "Properties": {"Value": "1"}},
                    },
                },
            ],
            "Usage": {"Type": "ANY"},
        }
        if index + 1 < len(names):
            obs["Transitions"] = {"NextObservations": [names[index + 1]]}
        chain.append(obs)
    return json.dumps({"Version": "2025-06-21", "Metadata": {}, "Observations": chain})


CONTENT = content()


def create(connect: Any, instance: dict[str, Any], name: str = "greeting test", **kw: Any) -> dict[str, Any]:
    kw.setdefault("Content", CONTENT)
    kw.setdefault("EntryPoint", VOICE)
    return connect.create_test_case(InstanceId=instance["Id"], Name=name, **kw)  # type: ignore[no-any-return]


def names_of(connect: Any, instance: dict[str, Any]) -> list[str]:
    return [s["Name"] for s in connect.list_test_cases(InstanceId=instance["Id"])["TestCaseSummaryList"]]


# -- create / describe ---------------------------------------------------------
def test_create_and_describe(connect: Any, instance: dict[str, Any]) -> None:
    created = connect.create_test_case(
        InstanceId=instance["Arn"],
        Name="greeting test",
        Description="checks the greeting",
        Content=CONTENT,
        EntryPoint=VOICE,
        InitializationData='{"customerType": "gold"}',
        Tags={"team": "qa"},
    )
    test_case_id = created["TestCaseId"]
    assert created["TestCaseArn"] == f"{instance['Arn']}/test-case/{test_case_id}"
    before = dt.datetime.now(dt.timezone.utc)
    described = connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id)["TestCase"]
    assert described["Id"] == test_case_id
    assert described["Arn"] == created["TestCaseArn"]
    assert described["Name"] == "greeting test"
    assert described["Description"] == "checks the greeting"
    assert described["Content"] == CONTENT
    assert described["EntryPoint"] == VOICE
    assert described["InitializationData"] == '{"customerType": "gold"}'
    assert described["Status"] == "PUBLISHED"  # the default status
    assert described["Tags"] == {"team": "qa"}
    assert described["TestCaseSha256"] == hashlib.sha256(CONTENT.encode()).hexdigest()
    assert described["LastModifiedRegion"] == "us-east-1"
    assert abs((described["LastModifiedTime"] - before).total_seconds()) < 5


def test_saved_content_is_stored_as_is(connect: Any, instance: dict[str, Any]) -> None:
    draft = connect.create_test_case(InstanceId=instance["Id"], Name="draft", Content="not json at all", Status="SAVED")
    described = connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=draft["TestCaseId"])["TestCase"]
    assert described["Status"] == "SAVED"
    assert described["Content"] == "not json at all"
    assert "EntryPoint" not in described and "Tags" not in described and "Description" not in described
    assert described["TestCaseSha256"] == hashlib.sha256(b"not json at all").hexdigest()


def test_header_members_are_honoured(connect: Any, instance: dict[str, Any]) -> None:
    when = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.timezone.utc)
    created = create(connect, instance, LastModifiedTime=when, LastModifiedRegion="us-west-2")
    described = connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=created["TestCaseId"])["TestCase"]
    assert described["LastModifiedTime"] == when
    assert described["LastModifiedRegion"] == "us-west-2"
    summary = connect.list_test_cases(InstanceId=instance["Id"])["TestCaseSummaryList"][0]
    assert (summary["LastModifiedTime"], summary["LastModifiedRegion"]) == (when, "us-west-2")


def test_chat_entry_point(connect: Any, instance: dict[str, Any]) -> None:
    created = create(connect, instance, EntryPoint=CHAT)
    described = connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=created["TestCaseId"])["TestCase"]
    assert described["EntryPoint"] == CHAT


def test_names_are_unique_per_instance(connect: Any, instance: dict[str, Any]) -> None:
    create(connect, instance, "same")
    with raises("DuplicateResourceException", 409, match="same"):
        create(connect, instance, "same", Status="SAVED")
    other = new_instance(connect, "other-centre")
    create(connect, {"Id": other["Id"]}, "same")
    assert names_of(connect, instance) == ["same"]


def test_publishing_invalid_content_lists_the_problems(connect: Any, instance: dict[str, Any]) -> None:
    bad = json.dumps({"Version": "1999-01-01", "Observations": [{"Identifier": "x", "Event": {"Type": "Nope"}}]})
    with raises("InvalidTestCaseException", 400) as info:
        connect.create_test_case(InstanceId=instance["Id"], Name="bad", Content=bad, InitializationData="[1]")
    problems = [p["message"] for p in info.value.response["Problems"]]
    assert "$.Version: '1999-01-01' is not supported; expected one of 2019-10-30, 2025-06-21" in problems
    assert any(p.startswith("$.Observations[0].Event.Type: 'Nope' is not supported") for p in problems)
    assert "$.Observations[0].Event.Actor: is required" in problems
    assert "EntryPoint: is required to publish a test case" in problems
    assert "InitializationData: must be a JSON object, not an array" in problems
    with raises("InvalidTestCaseException", 400) as info:
        create(connect, instance, Content="{oops")
    assert info.value.response["Problems"][0]["message"].startswith("$: Content is not valid JSON")
    assert names_of(connect, instance) == []


def _with_completion(properties: dict[str, Any]) -> str:
    doc = json.loads(content())
    doc["Observations"][0]["Transitions"] = {"NextObservations": ["done"]}
    event = {"Identifier": "done-event", "Type": "TestCompleted", "Actor": "System", "Properties": properties}
    doc["Observations"].append({"Identifier": "done", "Event": event})
    return json.dumps(doc)


def test_a_test_completed_event_can_be_observed(connect: Any, instance: dict[str, Any]) -> None:
    created = create(connect, instance, Content=_with_completion({}))
    described = connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=created["TestCaseId"])
    assert described["TestCase"]["Status"] == "PUBLISHED"
    with raises("InvalidTestCaseException", 400) as info:
        create(connect, instance, "other", Content=_with_completion({"Reason": "x"}))
    assert [p["message"] for p in info.value.response["Problems"]] == [
        "$.Observations[1].Event.Properties: must be an empty object for a TestCompleted event"
    ]
    assert names_of(connect, instance) == ["greeting test"]


@pytest.mark.parametrize(
    ("entry_point", "problem"),
    [
        ({"Type": "CHAT"}, "EntryPoint.ChatEntryPointParameters.FlowId: is required for a CHAT test"),
        (
            {"Type": "VOICE_CALL", "VoiceCallEntryPointParameters": {"SourcePhoneNumber": "+15555550100"}},
            "EntryPoint.VoiceCallEntryPointParameters: a FlowId or a DestinationPhoneNumber is required",
        ),
    ],
)
def test_publishing_needs_a_complete_entry_point(
    connect: Any, instance: dict[str, Any], entry_point: dict[str, Any], problem: str
) -> None:
    with raises("InvalidTestCaseException", 400) as info:
        create(connect, instance, EntryPoint=entry_point)
    assert info.value.response["Problems"][0]["message"].startswith(problem)
    create(connect, instance, EntryPoint=entry_point, Status="SAVED")  # a draft may be incomplete


@pytest.mark.parametrize(
    ("entry_point", "match"),
    [
        (
            {"Type": "VOICE_CALL", "ChatEntryPointParameters": {"FlowId": "f"}},
            "cannot be given when EntryPoint.Type is VOICE_CALL",
        ),
        (
            {"Type": "CHAT", "VoiceCallEntryPointParameters": {"FlowId": "f"}},
            "cannot be given when EntryPoint.Type is CHAT",
        ),
        ({"ChatEntryPointParameters": {"FlowId": "f"}}, "EntryPoint.Type is required"),
        ({"Type": "SMS"}, "Member must satisfy enum value set"),
        (
            {"Type": "VOICE_CALL", "VoiceCallEntryPointParameters": {"SourcePhoneNumber": "555-0100"}},
            "regular expression pattern",
        ),
        ({"Type": "CHAT", "ChatEntryPointParameters": {"FlowId": "f" * 501}}, "length less than or equal to 500"),
    ],
)
def test_malformed_entry_points_are_refused_whatever_the_status(
    moto_connect: Any, instance: dict[str, Any], entry_point: dict[str, Any], match: str
) -> None:
    raw = moto_connect.client("connect", config=RAW)
    for status in ("SAVED", "PUBLISHED"):
        with raises("InvalidParameterException", 400, match=match):
            create(raw, instance, EntryPoint=entry_point, Status=status)
    assert names_of(raw, instance) == []


def test_create_errors(moto_connect: Any, connect: Any, instance: dict[str, Any]) -> None:
    with raises("ResourceNotFoundException", 404):
        create(connect, {"Id": "00000000-0000-0000-0000-000000000000"})
    raw = moto_connect.client("connect", config=RAW)
    with raises("InvalidParameterException", 400, match="regular expression pattern"):
        create(raw, {"Id": "not-an-instance-id"})
    with raises("InvalidParameterException", 400, match="length greater than or equal to 1"):
        create(raw, instance, "")
    with raises(
        "InvalidParameterException", 400, match="'content' failed to satisfy constraint: Member must not be null"
    ):
        raw.create_test_case(InstanceId=instance["Id"], Name="no content")
    with raises("InvalidParameterException", 400, match="enum value set"):
        create(raw, instance, Status="DRAFT")
    with raises("InvalidParameterException", 400, match="regular expression pattern"):
        create(raw, instance, Tags={"aws:reserved": "x"})
    with raises("InvalidParameterException", 400, match="regular expression pattern"):
        create(raw, instance, LastModifiedRegion="Mars")
    assert names_of(connect, instance) == []


def test_test_case_id_is_for_replica_regions(moto_connect: Any) -> None:
    east = moto_connect.client("connect", region_name="us-east-1")
    west = moto_connect.client("connect", region_name="us-west-2")
    plain = new_instance(east, "plain")
    with raises("InvalidRequestException", 400, match="Global Resiliency"):
        create(east, plain, TestCaseId="11111111-1111-1111-1111-111111111111")
    primary = east.create_instance(
        IdentityManagementType="SAML",
        InstanceAlias="primary",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )
    east.replicate_instance(InstanceId=primary["Id"], ReplicaRegion="us-west-2", ReplicaAlias="secondary")
    original = create(east, primary, LastModifiedRegion="us-east-1")
    copy = create(west, primary, TestCaseId=original["TestCaseId"], LastModifiedRegion="us-east-1")
    assert copy["TestCaseId"] == original["TestCaseId"]
    assert copy["TestCaseArn"] == original["TestCaseArn"].replace("us-east-1", "us-west-2")
    described = west.describe_test_case(InstanceId=primary["Id"], TestCaseId=original["TestCaseId"])["TestCase"]
    assert described["LastModifiedRegion"] == "us-east-1"
    with raises("DuplicateResourceException", 409, match=original["TestCaseId"]):
        create(west, primary, "another name", TestCaseId=original["TestCaseId"])


# -- versions ------------------------------------------------------------------
def test_saved_draft_beside_published_version(connect: Any, instance: dict[str, Any]) -> None:
    test_case_id = create(connect, instance)["TestCaseId"]
    draft_content = content("greeting", "menu")
    connect.update_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, Content=draft_content, Status="SAVED")

    def describe(**kw: Any) -> dict[str, Any]:
        return connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, **kw)["TestCase"]  # type: ignore[no-any-return]

    assert (describe()["Status"], describe()["Content"]) == ("PUBLISHED", CONTENT)
    assert (describe(Status="PUBLISHED")["Content"]) == CONTENT
    assert (describe(Status="SAVED")["Status"], describe(Status="SAVED")["Content"]) == ("SAVED", draft_content)
    assert describe(Status="SAVED")["TestCaseSha256"] == hashlib.sha256(draft_content.encode()).hexdigest()
    assert connect.list_test_cases(InstanceId=instance["Id"])["TestCaseSummaryList"][0]["Status"] == "PUBLISHED"
    # an update without Status keeps working on the draft, unvalidated
    connect.update_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, Content="{draft}")
    assert describe(Status="SAVED")["Content"] == "{draft}"
    assert describe()["Content"] == CONTENT
    # publishing the (now invalid) draft is refused and changes nothing
    with raises("InvalidTestCaseException", 400):
        connect.update_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, Status="PUBLISHED")
    assert describe(Status="SAVED")["Content"] == "{draft}"
    connect.update_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, Content=draft_content)
    connect.update_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, Status="PUBLISHED")
    assert (describe()["Status"], describe()["Content"]) == ("PUBLISHED", draft_content)
    with raises("ResourceNotFoundException", 404, match="no SAVED version"):
        describe(Status="SAVED")


def test_saved_only_test_case(connect: Any, instance: dict[str, Any]) -> None:
    test_case_id = create(connect, instance, Status="SAVED")["TestCaseId"]
    with raises("ResourceNotFoundException", 404, match="no PUBLISHED version"):
        connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, Status="PUBLISHED")
    assert connect.list_test_cases(InstanceId=instance["Id"])["TestCaseSummaryList"][0]["Status"] == "SAVED"


def test_update_metadata_and_content(connect: Any, instance: dict[str, Any]) -> None:
    test_case_id = create(connect, instance, Description="old")["TestCaseId"]
    when = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    connect.update_test_case(
        InstanceId=instance["Id"],
        TestCaseId=test_case_id,
        Name="renamed",
        Description="new",
        EntryPoint=CHAT,
        InitializationData="{}",
        LastModifiedTime=when,
        LastModifiedRegion="eu-west-2",
    )
    described = connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id)["TestCase"]
    assert (described["Name"], described["Description"], described["Status"]) == ("renamed", "new", "PUBLISHED")
    assert described["EntryPoint"] == CHAT
    assert described["Content"] == CONTENT  # untouched members are kept
    assert described["InitializationData"] == "{}"
    assert (described["LastModifiedTime"], described["LastModifiedRegion"]) == (when, "eu-west-2")


def test_update_errors(moto_connect: Any, connect: Any, instance: dict[str, Any]) -> None:
    test_case_id = create(connect, instance, "first")["TestCaseId"]
    create(connect, instance, "second")
    with raises("DuplicateResourceException", 409, match="second"):
        connect.update_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, Name="second", Content="{}")
    with raises("InvalidTestCaseException", 400):
        connect.update_test_case(
            InstanceId=instance["Id"], TestCaseId=test_case_id, Content='{"Version": "2025-06-21"}'
        )
    with raises("InvalidParameterException", 400, match="cannot be given"):
        connect.update_test_case(
            InstanceId=instance["Id"],
            TestCaseId=test_case_id,
            EntryPoint={"Type": "CHAT", **{k: v for k, v in VOICE.items() if k != "Type"}},
        )
    described = connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id)["TestCase"]
    assert (described["Name"], described["Content"], described["EntryPoint"]) == ("first", CONTENT, VOICE)
    with raises("ResourceNotFoundException", 404, match="Test case not found"):
        connect.update_test_case(InstanceId=instance["Id"], TestCaseId="missing", Name="x")
    with raises("ResourceNotFoundException", 404, match="Instance not found"):
        connect.update_test_case(InstanceId="00000000-0000-0000-0000-000000000000", TestCaseId=test_case_id, Name="x")
    raw = moto_connect.client("connect", config=RAW)
    with raises("InvalidParameterException", 400, match="length greater than or equal to 1"):
        raw.update_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id, Name="")


# -- delete / list ---------------------------------------------------------------
def test_delete(connect: Any, instance: dict[str, Any]) -> None:
    created = create(connect, instance, Tags={"k": "v"})
    connect.delete_test_case(InstanceId=instance["Arn"], TestCaseId=created["TestCaseId"])
    assert names_of(connect, instance) == []
    with raises("ResourceNotFoundException", 404):
        connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=created["TestCaseId"])
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=created["TestCaseArn"])
    with raises("ResourceNotFoundException", 404):
        connect.delete_test_case(InstanceId=instance["Id"], TestCaseId=created["TestCaseId"])
    create(connect, instance)  # the name is free again


def test_list_pages(connect: Any, instance: dict[str, Any]) -> None:
    for name in ("a", "b", "c"):
        create(connect, instance, name)
    first = connect.list_test_cases(InstanceId=instance["Id"], MaxResults=2)
    assert [s["Name"] for s in first["TestCaseSummaryList"]] == ["a", "b"]
    second = connect.list_test_cases(InstanceId=instance["Id"], MaxResults=2, NextToken=first["NextToken"])
    assert [s["Name"] for s in second["TestCaseSummaryList"]] == ["c"]
    assert "NextToken" not in second
    paginated = connect.get_paginator("list_test_cases") if connect.can_paginate("list_test_cases") else None
    if paginated is not None:
        names = [
            s["Name"]
            for page in paginated.paginate(InstanceId=instance["Id"], PaginationConfig={"PageSize": 1})
            for s in page["TestCaseSummaryList"]
        ]
        assert names == ["a", "b", "c"]
    with raises("InvalidParameterException", 400, match="pagination token"):
        connect.list_test_cases(InstanceId=instance["Id"], NextToken="garbage")
    with raises("ResourceNotFoundException", 404):
        connect.list_test_cases(InstanceId="00000000-0000-0000-0000-000000000000")
    with raises("InvalidParameterException", 400, match="less than or equal to 1000"):
        connect.list_test_cases(InstanceId=instance["Id"], MaxResults=1001)


# -- search ----------------------------------------------------------------------
@pytest.fixture
def three(connect: Any, instance: dict[str, Any]) -> dict[str, str]:
    ids = {}
    ids["alpha"] = create(connect, instance, "Alpha greeting", Description="checks hours", Tags={"team": "a"})[
        "TestCaseId"
    ]
    ids["beta"] = create(connect, instance, "beta menu", Description="menu flow", Tags={"team": "b", "env": "prod"})[
        "TestCaseId"
    ]
    ids["gamma"] = create(connect, instance, "gamma draft", Content="draft", Status="SAVED", Tags={"team": "a"})[
        "TestCaseId"
    ]
    return ids


def search(connect: Any, instance: dict[str, Any], **kw: Any) -> list[str]:
    found = connect.search_test_cases(InstanceId=instance["Id"], **kw)
    assert found["ApproximateTotalCount"] == len(found["TestCases"])
    return [t["Name"] for t in found["TestCases"]]


def string(field: str, value: str, kind: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": kind}}


def test_search_by_strings(connect: Any, instance: dict[str, Any], three: dict[str, str]) -> None:
    assert search(connect, instance) == ["Alpha greeting", "beta menu", "gamma draft"]
    assert search(connect, instance, SearchCriteria=string("name", "beta menu")) == ["beta menu"]
    assert search(connect, instance, SearchCriteria=string("name", "BETA MENU")) == []
    assert search(connect, instance, SearchCriteria=string("name", "alpha", "STARTS_WITH")) == ["Alpha greeting"]
    assert search(connect, instance, SearchCriteria=string("description", "MENU", "CONTAINS")) == ["beta menu"]
    assert search(connect, instance, SearchCriteria=string("resourceID", three["gamma"])) == ["gamma draft"]


def test_search_by_status_and_combinations(connect: Any, instance: dict[str, Any], three: dict[str, str]) -> None:
    assert search(connect, instance, SearchCriteria={"StatusCondition": "SAVED"}) == ["gamma draft"]
    assert search(connect, instance, SearchCriteria={"StatusCondition": "PUBLISHED"}) == ["Alpha greeting", "beta menu"]
    either = {"OrConditions": [string("name", "gamma", "CONTAINS"), string("description", "hours", "CONTAINS")]}
    assert search(connect, instance, SearchCriteria=either) == ["Alpha greeting", "gamma draft"]
    both = {"AndConditions": [string("name", "a", "CONTAINS"), {"StatusCondition": "PUBLISHED"}]}
    assert search(connect, instance, SearchCriteria=both) == ["Alpha greeting", "beta menu"]
    nested = {"AndConditions": [either, {"StatusCondition": "SAVED"}]}
    assert search(connect, instance, SearchCriteria=nested) == ["gamma draft"]
    # a published test case with a draft matches SAVED through its draft, and shows it
    connect.update_test_case(InstanceId=instance["Id"], TestCaseId=three["alpha"], Content="wip", Status="SAVED")
    found = connect.search_test_cases(InstanceId=instance["Id"], SearchCriteria={"StatusCondition": "SAVED"})[
        "TestCases"
    ]
    assert [(t["Name"], t["Status"], t["Content"]) for t in found] == [
        ("Alpha greeting", "SAVED", "wip"),
        ("gamma draft", "SAVED", "draft"),
    ]


def test_search_by_tags(connect: Any, instance: dict[str, Any], three: dict[str, str]) -> None:
    def tagged(tag_filter: dict[str, Any]) -> list[str]:
        return search(connect, instance, SearchFilter={"TagFilter": tag_filter})

    assert tagged({"TagCondition": {"TagKey": "team", "TagValue": "a"}}) == ["Alpha greeting", "gamma draft"]
    assert tagged({"TagCondition": {"TagKey": "env"}}) == ["beta menu"]
    assert tagged({"AndConditions": [{"TagKey": "team", "TagValue": "b"}, {"TagKey": "env", "TagValue": "prod"}]}) == [
        "beta menu"
    ]
    assert tagged({"AndConditions": [{"TagKey": "team", "TagValue": "a"}, {"TagKey": "env"}]}) == []
    assert tagged(
        {
            "OrConditions": [
                [{"TagKey": "env", "TagValue": "prod"}],
                [{"TagKey": "team", "TagValue": "a"}, {"TagKey": "nope"}],
            ]
        }
    ) == ["beta menu"]
    found = search(
        connect,
        instance,
        SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "team", "TagValue": "a"}}},
        SearchCriteria={"StatusCondition": "PUBLISHED"},
    )
    assert found == ["Alpha greeting"]
    # tags found by search come from the live tag set
    connect.untag_resource(resourceArn=_arn(connect, instance, three["alpha"]), tagKeys=["team"])
    assert tagged({"TagCondition": {"TagKey": "team", "TagValue": "a"}}) == ["gamma draft"]


def _arn(connect: Any, instance: dict[str, Any], test_case_id: str) -> str:
    return connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id)["TestCase"]["Arn"]  # type: ignore[no-any-return]


def test_search_pages(connect: Any, instance: dict[str, Any], three: dict[str, str]) -> None:
    first = connect.search_test_cases(InstanceId=instance["Arn"], MaxResults=2)
    assert [t["Name"] for t in first["TestCases"]] == ["Alpha greeting", "beta menu"]
    assert first["ApproximateTotalCount"] == 3
    second = connect.search_test_cases(InstanceId=instance["Arn"], MaxResults=2, NextToken=first["NextToken"])
    assert [t["Name"] for t in second["TestCases"]] == ["gamma draft"]
    assert "NextToken" not in second
    assert second["TestCases"][0]["Tags"] == {"team": "a"}


def test_search_errors(moto_connect: Any, connect: Any, instance: dict[str, Any]) -> None:
    with raises("InvalidParameterException", 400, match="'color' is not supported"):
        connect.search_test_cases(InstanceId=instance["Id"], SearchCriteria=string("color", "red"))
    with raises("InvalidParameterException", 400, match="Value, ComparisonType required"):
        connect.search_test_cases(InstanceId=instance["Id"], SearchCriteria={"StringCondition": {"FieldName": "name"}})
    with raises("InvalidParameterException", 400, match="TagKey is required"):
        connect.search_test_cases(
            InstanceId=instance["Id"], SearchFilter={"TagFilter": {"TagCondition": {"TagValue": "x"}}}
        )
    with raises("InvalidParameterException", 400, match="pagination token"):
        connect.search_test_cases(InstanceId=instance["Id"], NextToken="garbage")
    with raises("ResourceNotFoundException", 404):
        connect.search_test_cases(InstanceId="00000000-0000-0000-0000-000000000000")
    raw = moto_connect.client("connect", config=RAW)
    with raises("InvalidParameterException", 400, match="less than or equal to 100"):
        raw.search_test_cases(InstanceId=instance["Id"], MaxResults=101)
    with raises("InvalidParameterException", 400, match="enum value set"):
        raw.search_test_cases(InstanceId=instance["Id"], SearchCriteria={"StatusCondition": "DONE"})


# -- tags and instances ------------------------------------------------------------
def test_tags_on_test_case_arns(connect: Any, instance: dict[str, Any]) -> None:
    arn = create(connect, instance, Tags={"a": "1"})["TestCaseArn"]
    connect.tag_resource(resourceArn=arn, tags={"b": "2"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"a": "1", "b": "2"}
    connect.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    test_case_id = arn.rsplit("/", 1)[1]
    assert connect.describe_test_case(InstanceId=instance["Id"], TestCaseId=test_case_id)["TestCase"]["Tags"] == {
        "b": "2"
    }
    with raises("ResourceNotFoundException", 404):
        connect.tag_resource(
            resourceArn=arn.replace(test_case_id, "00000000-0000-0000-0000-000000000000"), tags={"x": "y"}
        )


def test_deleting_the_instance_removes_its_test_cases(
    moto_connect: Any, connect: Any, instance: dict[str, Any]
) -> None:
    created = create(connect, instance, Tags={"k": "v"})
    connect.start_test_case_execution(InstanceId=instance["Id"], TestCaseId=created["TestCaseId"])
    connect.delete_instance(InstanceId=instance["Id"])
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=created["TestCaseArn"])
    with raises("ResourceNotFoundException", 404):
        connect.list_test_cases(InstanceId=instance["Id"])
    backend = moto_connect.backend("connect")
    assert instance["Id"] not in backend.test_cases
    assert instance["Id"] not in backend.test_case_executions


def test_a_cleanup_walk_of_search_deletes_every_test_case(connect: Any, instance: dict[str, Any]) -> None:
    """Paging SearchTestCases and deleting what each page shows reaches every test case."""
    for i in range(6):
        create(connect, instance, name=f"tc-{i}")
    token = None
    while True:
        kw: dict[str, Any] = {"NextToken": token} if token else {}
        page = connect.search_test_cases(InstanceId=instance["Id"], MaxResults=2, **kw)
        for test_case in page["TestCases"]:
            connect.delete_test_case(InstanceId=instance["Id"], TestCaseId=test_case["Id"])
        token = page.get("NextToken")
        if not token:
            break
    assert connect.search_test_cases(InstanceId=instance["Id"])["TestCases"] == []
