"""Contact flows, their versions and aliases through boto3 (and once through moto's server)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from moto_connect_ext.connect import flow_language as fl
from moto_connect_ext.connect.flows import DEFAULT_FLOWS
from tests.helpers import lambda_function, new_instance, raises
from tests.servers import server_client

ACCOUNT = "123456789012"


def action(ident: str, kind: str, parameters: Any = None, **transitions: Any) -> dict[str, Any]:
    return {"Identifier": ident, "Type": kind, "Parameters": parameters or {}, "Transitions": transitions}


def content(*actions: dict[str, Any]) -> str:
    return json.dumps({"Version": fl.VERSION, "StartAction": actions[0]["Identifier"], "Actions": list(actions)})


def inbound(text: str = "Hello", *before: dict[str, Any]) -> str:
    """An inbound flow: the given actions (chained), a message, then a disconnect."""
    chain = [
        dict(a, Transitions={"NextAction": (before[i + 1]["Identifier"] if i + 1 < len(before) else "say")})
        for i, a in enumerate(before)
    ]
    return content(
        *chain,
        action("say", "MessageParticipant", {"Text": text}, NextAction="bye"),
        action("bye", "DisconnectParticipant"),
    )


INBOUND = inbound()
BROKEN = content(action("a", "EndFlowExecution"))  # not allowed in inbound flows


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


def new_flow(connect: Any, iid: str, name: str = "Main", **kw: Any) -> dict[str, Any]:
    request = {"Type": "CONTACT_FLOW", "Content": INBOUND, **kw}
    return dict(connect.create_contact_flow(InstanceId=iid, Name=name, **request))


@pytest.fixture
def flow(connect: Any, iid: str) -> str:
    return str(new_flow(connect, iid)["ContactFlowId"])


def describe(connect: Any, iid: str, ident: str) -> dict[str, Any]:
    return connect.describe_contact_flow(InstanceId=iid, ContactFlowId=ident)["ContactFlow"]  # type: ignore[no-any-return]


def problems(info: Any) -> list[str]:
    return [p["message"] for p in info.value.response["problems"]]


def names(connect: Any, iid: str, **kw: Any) -> list[str]:
    pages = connect.get_paginator("list_contact_flows").paginate(InstanceId=iid, **kw)
    return [f["Name"] for page in pages for f in page["ContactFlowSummaryList"]]


# -- default flows ------------------------------------------------------------------------
def test_an_instance_comes_with_the_default_flows(connect: Any, iid: str) -> None:
    listed = connect.list_contact_flows(InstanceId=iid)["ContactFlowSummaryList"]
    assert {f["Name"]: f["ContactFlowType"] for f in listed} == {n: t for n, (t, _) in DEFAULT_FLOWS.items()}
    for summary in listed:
        described = describe(connect, iid, summary["Id"])
        assert described["Status"] == "PUBLISHED" and described["State"] == "ACTIVE"
        assert fl.check_flow(described["Content"], described["Type"]) == []


# -- create, describe, list: every attribute round trips ---------------------------------
def test_every_attribute_round_trips(connect: Any, iid: str) -> None:
    created = new_flow(connect, iid, Description="Front door", Tags={"team": "a"})
    fid = created["ContactFlowId"]
    assert created["ContactFlowArn"] == f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/contact-flow/{fid}"
    assert created["FlowContentSha256"] == sha(INBOUND)
    described = describe(connect, iid, fid)
    modified = described.pop("LastModifiedTime")
    assert modified.tzinfo is not None
    assert described == {
        "Arn": created["ContactFlowArn"],
        "Id": fid,
        "Name": "Main",
        "Type": "CONTACT_FLOW",
        "State": "ACTIVE",
        "Status": "PUBLISHED",
        "Description": "Front door",
        "Content": INBOUND,
        "Tags": {"team": "a"},
        "FlowContentSha256": sha(INBOUND),
        "LastModifiedRegion": "us-east-1",
    }
    assert describe(connect, iid, created["ContactFlowArn"])["Id"] == fid
    summary = next(f for f in connect.list_contact_flows(InstanceId=iid)["ContactFlowSummaryList"] if f["Id"] == fid)
    assert summary == {
        "Id": fid,
        "Arn": created["ContactFlowArn"],
        "Name": "Main",
        "ContactFlowType": "CONTACT_FLOW",
        "ContactFlowState": "ACTIVE",
        "ContactFlowStatus": "PUBLISHED",
    }
    assert connect.list_tags_for_resource(resourceArn=created["ContactFlowArn"])["tags"] == {"team": "a"}


def test_list_by_type_and_page_stably(connect: Any, iid: str) -> None:
    for name in ("One", "Two", "Three"):
        new_flow(connect, iid, name)
    assert names(connect, iid, ContactFlowTypes=["CONTACT_FLOW"]) == [
        "Sample inbound flow (first contact experience)",
        "One",
        "Two",
        "Three",
    ]
    assert names(connect, iid, ContactFlowTypes=["AGENT_HOLD", "CUSTOMER_HOLD"]) == [
        "Default agent hold",
        "Default customer hold",
    ]
    everything = names(connect, iid)
    seen: list[str] = []
    page = connect.list_contact_flows(InstanceId=iid, MaxResults=1)
    gone = None
    while True:
        seen += [f["Name"] for f in page["ContactFlowSummaryList"]]
        if len(seen) == 2:
            # a flow created and one deleted mid-walk: the walk neither repeats nor skips the others
            new_flow(connect, iid, "Late")
            gone = next(
                f["Id"]
                for f in connect.list_contact_flows(InstanceId=iid)["ContactFlowSummaryList"]
                if f["Name"] == "Two"
            )
            connect.delete_contact_flow(InstanceId=iid, ContactFlowId=gone)
        if "NextToken" not in page:
            break
        page = connect.list_contact_flows(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
    assert gone is not None
    assert seen == [n for n in everything if n != "Two"] + ["Late"]


def test_names_are_unique(connect: Any, iid: str, flow: str) -> None:
    with raises("DuplicateResourceException", 409):
        new_flow(connect, iid, "Main")
    other = new_flow(connect, iid, "Other")["ContactFlowId"]
    with raises("DuplicateResourceException", 409):
        connect.update_contact_flow_name(InstanceId=iid, ContactFlowId=other, Name="Main")
    with raises("DuplicateResourceException", 409):
        connect.update_contact_flow_metadata(InstanceId=iid, ContactFlowId=other, Name="Default agent hold")
    assert describe(connect, iid, other)["Name"] == "Other"


# -- content: published, saved --------------------------------------------------------------
def test_invalid_content_is_refused_with_its_problems(connect: Any, iid: str) -> None:
    before = names(connect, iid)
    with raises("InvalidContactFlowException", 400) as info:
        new_flow(connect, iid, Content=BROKEN)
    assert problems(info) == ["Actions[0].Type EndFlowExecution is not supported in flows of type CONTACT_FLOW"]
    with raises("InvalidContactFlowException", 400) as info:
        new_flow(connect, iid, Type="CUSTOMER_WHISPER", Content="{}")
    assert problems(info) == [
        "Version must be 2019-10-30, not null",
        "Actions must be a list of actions",
        "StartAction is required: the Identifier of the first action",
    ]
    assert names(connect, iid) == before


def test_saved_flows_are_not_checked_until_published(connect: Any, iid: str) -> None:
    created = new_flow(connect, iid, Content=BROKEN, Status="SAVED")
    fid = created["ContactFlowId"]
    assert "FlowContentSha256" not in created
    described = describe(connect, iid, fid)
    assert (described["Status"], described["Content"], described["FlowContentSha256"]) == ("SAVED", BROKEN, sha(BROKEN))
    assert describe(connect, iid, f"{fid}:$SAVED")["Content"] == BROKEN
    with raises("ContactFlowNotPublishedException", 404):
        describe(connect, iid, f"{fid}:$LATEST")
    with raises("InvalidRequestException", 400, match="no published content"):
        connect.create_contact_flow_version(InstanceId=iid, ContactFlowId=fid)
    # saving again keeps it unchecked; publishing checks it
    connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=f"{fid}:$SAVED", Content="not even JSON")
    assert describe(connect, iid, fid)["Content"] == "not even JSON"
    with raises("InvalidContactFlowException", 400):
        connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=fid, Content=BROKEN)
    assert describe(connect, iid, fid)["Status"] == "SAVED"
    connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=fid, Content=INBOUND)
    described = describe(connect, iid, fid)
    assert (described["Status"], described["Content"]) == ("PUBLISHED", INBOUND)
    assert describe(connect, iid, f"{fid}:$LATEST")["Content"] == INBOUND
    listed = connect.list_contact_flows(InstanceId=iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"]
    assert next(f for f in listed if f["Id"] == fid)["ContactFlowStatus"] == "PUBLISHED"


@pytest.mark.parametrize("size", [0, 256_001])
def test_content_is_1_to_256000_characters_saved_or_published(connect: Any, iid: str, flow: str, size: int) -> None:
    text = "x" * size  # CreateContactFlow and UpdateContactFlowContent document "Length Constraints: 1 to 256000"
    with raises("InvalidParameterException", 400, match="length"):
        new_flow(connect, iid, "Saved", Content=text, Status="SAVED")
    with raises("InvalidParameterException", 400, match="length"):
        connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=f"{flow}:$SAVED", Content=text)
    assert describe(connect, iid, f"{flow}:$SAVED")["Content"] == INBOUND


def test_a_published_flow_keeps_its_saved_draft_apart(connect: Any, iid: str, flow: str) -> None:
    draft = inbound("Draft")
    connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=f"{flow}:$SAVED", Content=draft)
    published = describe(connect, iid, flow)
    assert (published["Status"], published["Content"]) == ("PUBLISHED", INBOUND)
    saved = describe(connect, iid, f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/contact-flow/{flow}:$SAVED")
    assert (saved["Status"], saved["Content"], saved["FlowContentSha256"]) == ("SAVED", draft, sha(draft))
    final = inbound("Final")
    connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=flow, Content=final)
    assert describe(connect, iid, flow)["Content"] == final
    # publishing replaced the draft
    assert describe(connect, iid, f"{flow}:$SAVED")["Status"] == "PUBLISHED"
    with raises("InvalidContactFlowException", 400):
        connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=flow, Content=BROKEN)
    assert describe(connect, iid, flow)["FlowContentSha256"] == sha(final)


def test_content_references_must_exist(connect: Any, iid: str, flow: str) -> None:
    queue = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]
    hours = connect.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"][0]
    prompt = connect.list_prompts(InstanceId=iid)["PromptSummaryList"][0]
    flow_arn = describe(connect, iid, flow)["Arn"]
    steps = (
        action("q", "UpdateContactTargetQueue", {"QueueId": queue["Arn"]}),
        action("h", "CheckHoursOfOperation", {"HoursOfOperationId": hours["Id"]}),
        action("p", "MessageParticipant", {"PromptId": prompt["Id"]}),
        action("t", "UpdateContactEventHooks", {"EventHooks": {"CustomerQueue": f"{flow_arn}:$LATEST"}}),
        action("d", "UpdateContactTargetQueue", {"QueueId": "$.Attributes.queue"}),
    )
    new_flow(connect, iid, "Linked", Content=inbound("Hi", *steps))
    elsewhere = queue["Arn"].replace(iid, "00000000-0000-4000-8000-000000000000")
    missing = (
        action("q", "UpdateContactTargetQueue", {"QueueId": elsewhere}),
        action("p", "MessageParticipant", {"PromptId": "no-such-prompt"}),
        action("f", "TransferToFlow", {"ContactFlowId": "no-such-flow"}),
    )
    with raises("InvalidContactFlowException", 400) as info:
        new_flow(connect, iid, "Dangling", Content=inbound("Hi", *missing))
    assert problems(info) == [
        f"Actions[0].Parameters.QueueId: the queue {elsewhere} does not exist in the instance",
        "Actions[1].Parameters.PromptId: the prompt no-such-prompt does not exist in the instance",
        "Actions[2].Parameters.ContactFlowId: the flow no-such-flow does not exist in the instance",
    ]


def test_lambda_functions_must_exist_in_moto(connect: Any, iid: str, moto_connect: Any) -> None:
    arn = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:lookup"
    invoke = content(
        action("l", "InvokeLambdaFunction", {"LambdaFunctionARN": arn}, NextAction="bye"),
        action("bye", "DisconnectParticipant"),
    )
    with raises("InvalidContactFlowException", 400) as info:
        new_flow(connect, iid, Content=invoke)
    assert problems(info) == [f"Actions[0].Parameters.LambdaFunctionARN: the Lambda function {arn} does not exist"]
    lambda_function(moto_connect.client, "lookup")
    assert new_flow(connect, iid, Content=invoke)["FlowContentSha256"] == sha(invoke)


# -- metadata, name, delete -------------------------------------------------------------------
def test_metadata_and_name_updates(connect: Any, iid: str, flow: str) -> None:
    before = describe(connect, iid, flow)
    connect.update_contact_flow_name(InstanceId=iid, ContactFlowId=flow, Name="Renamed", Description="New")
    connect.update_contact_flow_metadata(InstanceId=iid, ContactFlowId=flow, ContactFlowState="ARCHIVED")
    after = describe(connect, iid, flow)
    assert (after["Name"], after["Description"], after["State"], after["Type"]) == (
        "Renamed",
        "New",
        "ARCHIVED",
        "CONTACT_FLOW",
    )
    assert after["LastModifiedTime"] >= before["LastModifiedTime"]
    connect.update_contact_flow_metadata(InstanceId=iid, ContactFlowId=flow, Name="Again", ContactFlowState="ACTIVE")
    again = describe(connect, iid, flow)
    assert (again["Name"], again["Description"], again["State"]) == ("Again", "New", "ACTIVE")


@pytest.mark.parametrize(
    "call",
    [
        "describe_contact_flow",
        "delete_contact_flow",
        "update_contact_flow_name",
        "update_contact_flow_metadata",
        "create_contact_flow_version",
        "list_contact_flow_versions",
        "list_contact_flow_aliases",
    ],
)
def test_unknown_flows_are_not_found(connect: Any, iid: str, call: str) -> None:
    with raises("ResourceNotFoundException", 404):
        getattr(connect, call)(InstanceId=iid, ContactFlowId="00000000-0000-4000-8000-000000000000")


def test_a_flow_a_queue_names_cannot_be_deleted(connect: Any, iid: str) -> None:
    whisper = new_flow(
        connect, iid, "Whisper", Type="OUTBOUND_WHISPER", Content=content(action("e", "EndFlowExecution"))
    )
    fid = whisper["ContactFlowId"]
    hours = connect.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"][0]["Id"]
    queue = connect.create_queue(
        InstanceId=iid, Name="Outbound", HoursOfOperationId=hours, OutboundCallerConfig={"OutboundFlowId": fid}
    )["QueueId"]
    with raises("InvalidRequestException", 400, match="in use"):
        connect.delete_contact_flow(InstanceId=iid, ContactFlowId=fid)
    assert describe(connect, iid, fid)["Name"] == "Whisper"
    connect.delete_queue(InstanceId=iid, QueueId=queue)
    connect.delete_contact_flow(InstanceId=iid, ContactFlowId=fid)
    with raises("ResourceNotFoundException", 404):
        describe(connect, iid, fid)
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=whisper["ContactFlowArn"])


def test_tags(connect: Any, iid: str) -> None:
    arn = new_flow(connect, iid)["ContactFlowArn"]
    connect.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2"})
    connect.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    assert describe(connect, iid, arn)["Tags"] == {"b": "2"}


# -- versions and aliases ----------------------------------------------------------------
def test_versions_are_immutable_numbered_snapshots(connect: Any, iid: str, flow: str) -> None:
    arn = describe(connect, iid, flow)["Arn"]
    first = connect.create_contact_flow_version(
        InstanceId=iid, ContactFlowId=flow, Description="first", FlowContentSha256=sha(INBOUND)
    )
    assert (first["ContactFlowArn"], first["Version"]) == (f"{arn}:1", 1)
    changed = inbound("Changed")
    connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=flow, Content=changed)
    with raises("InvalidRequestException", 400, match="not the checksum"):
        connect.create_contact_flow_version(InstanceId=iid, ContactFlowId=flow, FlowContentSha256=sha(INBOUND))
    with raises("InvalidRequestException", 400, match="the next version is 2"):
        connect.create_contact_flow_version(InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=5)
    modified = describe(connect, iid, flow)
    second = connect.create_contact_flow_version(
        InstanceId=iid,
        ContactFlowId=arn,
        ContactFlowVersion=2,
        LastModifiedTime=modified["LastModifiedTime"],
        LastModifiedRegion="us-east-1",
    )
    assert second["Version"] == 2
    one = describe(connect, iid, f"{flow}:1")
    assert (one["Arn"], one["Content"], one["Version"], one["VersionDescription"]) == (f"{arn}:1", INBOUND, 1, "first")
    assert one["FlowContentSha256"] == sha(INBOUND)
    assert describe(connect, iid, f"{flow}:2")["Content"] == changed
    with raises("InvalidRequestException", 400, match="immutable"):
        connect.update_contact_flow_content(InstanceId=iid, ContactFlowId=f"{flow}:1", Content=INBOUND)
    listed = connect.list_contact_flow_versions(InstanceId=iid, ContactFlowId=flow)["ContactFlowVersionSummaryList"]
    assert [(v["Arn"], v["Version"], v.get("VersionDescription")) for v in listed] == [
        (f"{arn}:1", 1, "first"),
        (f"{arn}:2", 2, None),
    ]
    assert listed[0]["LastModifiedRegion"] == "us-east-1"
    # numbers are never reused
    connect.delete_contact_flow_version(InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=2)
    assert connect.create_contact_flow_version(InstanceId=iid, ContactFlowId=flow)["Version"] == 3
    with raises("ResourceNotFoundException", 404):
        describe(connect, iid, f"{flow}:2")
    with raises("ResourceNotFoundException", 404):
        connect.delete_contact_flow_version(InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=2)
    page = connect.list_contact_flow_versions(InstanceId=iid, ContactFlowId=flow, MaxResults=1)
    rest = connect.list_contact_flow_versions(
        InstanceId=iid, ContactFlowId=flow, MaxResults=1, NextToken=page["NextToken"]
    )
    assert [v["Version"] for v in page["ContactFlowVersionSummaryList"] + rest["ContactFlowVersionSummaryList"]] == [
        1,
        3,
    ]


def test_aliases_point_at_versions(connect: Any, iid: str, flow: str) -> None:
    arn = describe(connect, iid, flow)["Arn"]
    for _ in range(2):
        connect.create_contact_flow_version(InstanceId=iid, ContactFlowId=flow)
    created = connect.create_contact_flow_alias(
        InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=1, AliasName="live", Description="Production"
    )
    alias = created["Id"]
    assert created["ContactFlowArn"] == f"{arn}:{alias}"
    described = connect.describe_contact_flow_alias(InstanceId=iid, ContactFlowId=flow, AliasId=alias)[
        "ContactFlowAlias"
    ]
    assert described.pop("LastModifiedTime").tzinfo is not None
    assert described == {
        "ContactFlowId": flow,
        "ContactFlowArn": arn,
        "AliasId": alias,
        "Version": 1,
        "Name": "live",
        "Description": "Production",
        "LastModifiedRegion": "us-east-1",
    }
    with raises("DuplicateResourceException", 409):
        connect.create_contact_flow_alias(InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=2, AliasName="live")
    with raises("ResourceNotFoundException", 404, match="no version 9"):
        connect.create_contact_flow_alias(InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=9, AliasName="later")
    with raises("InvalidParameterException", 400, match="reserved"):
        connect.create_contact_flow_alias(InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=1, AliasName="$LATEST")
    # the version an alias points at stays
    with raises("InvalidRequestException", 400, match="live"):
        connect.delete_contact_flow_version(InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=1)
    other = connect.create_contact_flow_alias(
        InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=2, AliasName="test"
    )["Id"]
    with raises("DuplicateResourceException", 409):
        connect.update_contact_flow_alias(InstanceId=iid, ContactFlowId=flow, AliasId=other, Name="live")
    connect.update_contact_flow_alias(
        InstanceId=iid, ContactFlowId=flow, AliasId=alias, ContactFlowVersion=2, Name="prod"
    )
    listed = connect.list_contact_flow_aliases(InstanceId=iid, ContactFlowId=flow)["ContactFlowAliasSummaryList"]
    assert [(a["AliasId"], a["AliasName"], a["Version"], a.get("AliasDescription")) for a in listed] == [
        (alias, "prod", 2, "Production"),
        (other, "test", 2, None),
    ]
    assert listed[0]["Arn"] == f"{arn}:{alias}"
    connect.delete_contact_flow_version(InstanceId=iid, ContactFlowId=flow, ContactFlowVersion=1)
    connect.delete_contact_flow_alias(InstanceId=iid, ContactFlowId=flow, AliasId=other)
    with raises("ResourceNotFoundException", 404):
        connect.describe_contact_flow_alias(InstanceId=iid, ContactFlowId=flow, AliasId=other)
    # a deleted flow takes its versions and aliases
    connect.delete_contact_flow(InstanceId=iid, ContactFlowId=flow)
    with raises("ResourceNotFoundException", 404):
        connect.describe_contact_flow_alias(InstanceId=iid, ContactFlowId=flow, AliasId=alias)


# -- search -------------------------------------------------------------------------------
@pytest.fixture
def searchable(connect: Any, iid: str) -> None:
    new_flow(connect, iid, "Sales line", Description="Sells", Tags={"dept": "sales"})
    new_flow(connect, iid, "Support line", Tags={"dept": "support", "tier": "1"})
    new_flow(connect, iid, "Saved line", Status="SAVED", Content=BROKEN)
    hold = new_flow(
        connect,
        iid,
        "Sales hold",
        Type="CUSTOMER_HOLD",
        Content=content(action("m", "MessageParticipantIteratively", {"Messages": [{"Text": "wait"}]})),
        Tags={"dept": "sales"},
    )
    connect.update_contact_flow_metadata(
        InstanceId=iid, ContactFlowId=hold["ContactFlowId"], ContactFlowState="ARCHIVED"
    )


def search(connect: Any, iid: str, **kw: Any) -> tuple[list[str], int]:
    found = connect.search_contact_flows(InstanceId=iid, **kw)
    return [f["Name"] for f in found["ContactFlows"]], found["ApproximateTotalCount"]


def string(field: str, value: str, how: str = "EXACT") -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": how}}


@pytest.mark.parametrize(
    ("criteria", "search_filter", "expected"),
    [
        (string("name", "Sales line"), None, ["Sales line"]),
        (string("name", "sales line"), None, []),
        (string("name", "LINE", "CONTAINS"), None, ["Sales line", "Support line", "Saved line"]),
        (string("name", "SAL", "STARTS_WITH"), None, ["Sales line", "Sales hold"]),
        (string("description", "sell", "CONTAINS"), None, ["Sales line"]),
        ({"TypeCondition": "CUSTOMER_HOLD", **string("name", "Sales", "STARTS_WITH")}, None, ["Sales hold"]),
        ({"StateCondition": "ARCHIVED"}, None, ["Sales hold"]),
        ({"StatusCondition": "SAVED"}, None, ["Saved line"]),
        (
            {"OrConditions": [string("name", "Support line"), string("name", "Saved line")]},
            None,
            ["Support line", "Saved line"],
        ),
        (
            {
                "AndConditions": [string("name", "line", "CONTAINS"), {"StatusCondition": "PUBLISHED"}],
                "TypeCondition": "CONTACT_FLOW",
            },
            None,
            ["Sales line", "Support line"],
        ),
        (None, {"TagFilter": {"TagCondition": {"TagKey": "dept", "TagValue": "sales"}}}, ["Sales line", "Sales hold"]),
        (
            None,
            {"TagFilter": {"OrConditions": [[{"TagKey": "tier"}], [{"TagKey": "dept", "TagValue": "nope"}]]}},
            ["Support line"],
        ),
        (
            None,
            {
                "FlowAttributeFilter": {
                    "TagCondition": {"TagKey": "dept", "TagValue": "sales"},
                    "ContactFlowTypeCondition": {"ContactFlowType": "CONTACT_FLOW"},
                }
            },
            ["Sales line"],
        ),
        (
            None,
            {
                "FlowAttributeFilter": {
                    "AndCondition": {"TagConditions": [{"TagKey": "dept", "TagValue": "support"}, {"TagKey": "tier"}]}
                }
            },
            ["Support line"],
        ),
        (
            None,
            {
                "FlowAttributeFilter": {
                    "OrConditions": [
                        {
                            "ContactFlowTypeCondition": {"ContactFlowType": "CUSTOMER_HOLD"},
                            "TagConditions": [{"TagKey": "dept"}],
                        },
                        {"TagConditions": [{"TagKey": "tier", "TagValue": "1"}]},
                    ]
                }
            },
            ["Support line", "Sales hold"],
        ),
    ],
)
def test_search(
    connect: Any, iid: str, searchable: None, criteria: Any, search_filter: Any, expected: list[str]
) -> None:
    request = {k: v for k, v in (("SearchCriteria", criteria), ("SearchFilter", search_filter)) if v is not None}
    found, total = search(connect, iid, **request)
    assert (found, total) == (expected, len(expected))


def test_search_pages_count_and_fields(connect: Any, iid: str, searchable: None) -> None:
    criteria = string("name", "line", "CONTAINS")
    first = connect.search_contact_flows(InstanceId=iid, SearchCriteria=criteria, MaxResults=2)
    rest = connect.search_contact_flows(
        InstanceId=iid, SearchCriteria=criteria, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [f["Name"] for f in first["ContactFlows"] + rest["ContactFlows"]] == [
        "Sales line",
        "Support line",
        "Saved line",
    ]
    assert first["ApproximateTotalCount"] == 3 and "NextToken" not in rest
    sales = first["ContactFlows"][0]
    assert (sales["Tags"], sales["Content"], sales["FlowContentSha256"]) == ({"dept": "sales"}, INBOUND, sha(INBOUND))
    assert search(connect, iid)[1] == len(DEFAULT_FLOWS) + 4
    with raises("InvalidParameterException", 400, match="not supported"):
        search(connect, iid, SearchCriteria=string("content", "x"))


# -- server mode ---------------------------------------------------------------------------
def test_flows_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect")
    iid = new_instance(connect, "served")["Id"]
    fid = new_flow(connect, iid)["ContactFlowId"]
    connect.create_contact_flow_version(InstanceId=iid, ContactFlowId=fid)
    alias = connect.create_contact_flow_alias(
        InstanceId=iid, ContactFlowId=fid, ContactFlowVersion=1, AliasName="live"
    )["Id"]
    assert connect.describe_contact_flow(InstanceId=iid, ContactFlowId=f"{fid}:1")["ContactFlow"]["Version"] == 1
    with raises("InvalidContactFlowException", 400) as info:
        new_flow(connect, iid, "Broken", Content=BROKEN)
    assert len(problems(info)) == 1
    with raises("InvalidRequestException", 400):
        connect.delete_contact_flow_version(InstanceId=iid, ContactFlowId=fid, ContactFlowVersion=1)
    connect.delete_contact_flow_alias(InstanceId=iid, ContactFlowId=fid, AliasId=alias)
    connect.delete_contact_flow(InstanceId=iid, ContactFlowId=fid)
    with raises("ResourceNotFoundException", 404):
        connect.describe_contact_flow(InstanceId=iid, ContactFlowId=fid)
