"""Quick connects through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.connect.test_queues import flow_of_type, new_hours, new_user, phone_quick_connect
from tests.helpers import new_instance, raises

ACCOUNT = "123456789012"


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


@pytest.fixture
def queue(connect: Any, iid: str) -> str:
    return connect.create_queue(InstanceId=iid, Name="Support", HoursOfOperationId=new_hours(connect, iid))["QueueId"]  # type: ignore[no-any-return]


def _describe(connect: Any, iid: str, qcid: str) -> dict[str, Any]:
    return connect.describe_quick_connect(InstanceId=iid, QuickConnectId=qcid)["QuickConnect"]  # type: ignore[no-any-return]


def _names(connect: Any, iid: str, **kw: Any) -> list[str]:
    pages = connect.get_paginator("list_quick_connects").paginate(InstanceId=iid, **kw)
    return [q["Name"] for p in pages for q in p["QuickConnectSummaryList"]]


def _configs(moto_connect: Any, iid: str, queue: str) -> dict[str, dict[str, Any]]:
    return {
        "PHONE_NUMBER": {"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+442071234567"}},
        "QUEUE": {
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": queue, "ContactFlowId": flow_of_type(moto_connect, iid, "QUEUE_TRANSFER")},
        },
        "FLOW": {
            "QuickConnectType": "FLOW",
            "FlowConfig": {"ContactFlowId": flow_of_type(moto_connect, iid, "CONTACT_FLOW")},
        },
    }


def test_every_type_round_trips(connect: Any, moto_connect: Any, iid: str, queue: str) -> None:
    configs = _configs(moto_connect, iid, queue)
    made = {}
    for kind, config in configs.items():
        created = connect.create_quick_connect(
            InstanceId=iid,
            Name=f"To {kind}",
            Description=f"{kind} transfer",
            QuickConnectConfig=config,
            Tags={"kind": kind},
        )
        qcid = created["QuickConnectId"]
        arn = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/transfer-destination/{qcid}"
        assert created["QuickConnectARN"] == arn
        described = _describe(connect, iid, qcid)
        assert described == {
            "QuickConnectARN": arn,
            "QuickConnectId": qcid,
            "Name": f"To {kind}",
            "Description": f"{kind} transfer",
            "QuickConnectConfig": config,
            "Tags": {"kind": kind},
            "LastModifiedTime": described["LastModifiedTime"],
            "LastModifiedRegion": "us-east-1",
        }
        assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"kind": kind}
        made[kind] = described
    summaries = connect.list_quick_connects(InstanceId=iid)["QuickConnectSummaryList"]
    for kind, described in made.items():
        assert {
            "Id": described["QuickConnectId"],
            "Arn": described["QuickConnectARN"],
            "Name": f"To {kind}",
            "QuickConnectType": kind,
            "LastModifiedTime": described["LastModifiedTime"],
            "LastModifiedRegion": "us-east-1",
        } in summaries
    found = connect.search_quick_connects(
        InstanceId=iid, SearchFilter={"TagFilter": {"TagCondition": {"TagKey": "kind"}}}
    )
    assert found["QuickConnects"] == list(made.values()) and found["ApproximateTotalCount"] == 3
    # a queue's ARN names the queue too; it is kept as its ID
    by_arn = {"QueueId": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/queue/{queue}"}
    config = {**configs["QUEUE"], "QueueConfig": {**configs["QUEUE"]["QueueConfig"], **by_arn}}
    qcid = connect.create_quick_connect(InstanceId=iid, Name="By ARN", QuickConnectConfig=config)["QuickConnectId"]
    assert _describe(connect, iid, qcid)["QuickConnectConfig"] == configs["QUEUE"]


MISMATCHES = [
    ({"QuickConnectType": "QUEUE", "PhoneConfig": {"PhoneNumber": "+15555550100"}}, "requires QueueConfig"),
    ({"QuickConnectType": "PHONE_NUMBER"}, "requires PhoneConfig"),
    (
        {
            "QuickConnectType": "PHONE_NUMBER",
            "PhoneConfig": {"PhoneNumber": "+15555550100"},
            "FlowConfig": {"ContactFlowId": "f"},
        },
        "not FlowConfig",
    ),
    ({"QuickConnectType": "USER", "QueueConfig": {"QueueId": "q", "ContactFlowId": "f"}}, "requires UserConfig"),
]


def test_the_config_must_match_its_type(connect: Any, iid: str) -> None:
    before = _names(connect, iid)
    qcid = phone_quick_connect(connect, iid, "Good")["Id"]
    for config, match in MISMATCHES:
        with raises("InvalidParameterException", 400, match=match):
            connect.create_quick_connect(InstanceId=iid, Name="Bad", QuickConnectConfig=config)
        with raises("InvalidParameterException", 400, match=match):
            connect.update_quick_connect_config(InstanceId=iid, QuickConnectId=qcid, QuickConnectConfig=config)
    assert _names(connect, iid) == [*before, "Good"]
    assert _describe(connect, iid, qcid)["QuickConnectConfig"]["QuickConnectType"] == "PHONE_NUMBER"


#: (quick connect type, what changes in its config, the error, part of its message)
REFERENCE_CASES = [
    ("QUEUE", {"QueueId": "missing"}, "ResourceNotFoundException", "Queue not found"),
    ("QUEUE", {"ContactFlowId": "missing"}, "ResourceNotFoundException", "Contact flow not found"),
    ("QUEUE", {"ContactFlowId": "AGENT_TRANSFER"}, "InvalidParameterException", "QUEUE_TRANSFER"),
    ("FLOW", {"ContactFlowId": "missing"}, "ResourceNotFoundException", "Contact flow not found"),
]


def test_what_a_quick_connect_names_must_exist(connect: Any, moto_connect: Any, iid: str, queue: str) -> None:
    before = _names(connect, iid)
    configs = _configs(moto_connect, iid, queue)
    for kind, change, code, match in REFERENCE_CASES:
        config = configs[kind]
        member = next(k for k in config if k != "QuickConnectType")
        if change.get("ContactFlowId") == "AGENT_TRANSFER":
            change = {"ContactFlowId": flow_of_type(moto_connect, iid, "AGENT_TRANSFER")}
        with raises(code, match=match):
            connect.create_quick_connect(
                InstanceId=iid, Name="Bad", QuickConnectConfig={**config, member: {**config[member], **change}}
            )
    assert _names(connect, iid) == before


def test_user_quick_connects_need_a_user(connect: Any, moto_connect: Any, iid: str) -> None:
    config = {
        "QuickConnectType": "USER",
        "UserConfig": {"UserId": "agent-1", "ContactFlowId": flow_of_type(moto_connect, iid, "AGENT_TRANSFER")},
    }
    before = _names(connect, iid)
    with raises("ResourceNotFoundException", 404, match="User not found: agent-1"):
        connect.create_quick_connect(InstanceId=iid, Name="To agent", QuickConnectConfig=config)
    # a user of another instance is not one of this instance's
    elsewhere = new_instance(connect, "elsewhere")["Id"]
    theirs = new_user(connect, elsewhere, "bob")
    config["UserConfig"]["UserId"] = theirs
    with raises("ResourceNotFoundException", 404, match="User not found"):
        connect.create_quick_connect(InstanceId=iid, Name="To agent", QuickConnectConfig=config)
    assert _names(connect, iid) == before


def test_user_quick_connects_end_to_end(connect: Any, moto_connect: Any, iid: str, queue: str) -> None:
    ada, grace = new_user(connect, iid, "ada"), new_user(connect, iid, "grace")
    transfer = flow_of_type(moto_connect, iid, "AGENT_TRANSFER")
    ada_arn = connect.describe_user(InstanceId=iid, UserId=ada)["User"]["Arn"]
    # named by ARN, kept as the user's ID
    created = connect.create_quick_connect(
        InstanceId=iid,
        Name="To Ada",
        QuickConnectConfig={"QuickConnectType": "USER", "UserConfig": {"UserId": ada_arn, "ContactFlowId": transfer}},
        Tags={"to": "ada"},
    )
    qcid = created["QuickConnectId"]
    config = {"QuickConnectType": "USER", "UserConfig": {"UserId": ada, "ContactFlowId": transfer}}
    assert _describe(connect, iid, qcid)["QuickConnectConfig"] == config
    assert _names(connect, iid, QuickConnectTypes=["USER"]) == ["To Ada"]
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[qcid])
    listed = connect.list_queue_quick_connects(InstanceId=iid, QueueId=queue)["QuickConnectSummaryList"]
    assert [(q["Id"], q["QuickConnectType"]) for q in listed] == [(qcid, "USER")]
    # the flow must be an agent transfer flow
    wrong = {
        "QuickConnectType": "USER",
        "UserConfig": {"UserId": ada, "ContactFlowId": flow_of_type(moto_connect, iid, "QUEUE_TRANSFER")},
    }
    with raises("InvalidParameterException", 400, match="AGENT_TRANSFER"):
        connect.update_quick_connect_config(InstanceId=iid, QuickConnectId=qcid, QuickConnectConfig=wrong)
    # another user
    to_grace = {"QuickConnectType": "USER", "UserConfig": {"UserId": grace, "ContactFlowId": transfer}}
    connect.update_quick_connect_config(InstanceId=iid, QuickConnectId=qcid, QuickConnectConfig=to_grace)
    assert _describe(connect, iid, qcid)["QuickConnectConfig"] == to_grace
    # the user can be deleted; the quick connect outlives it (AWS: delete it afterwards)
    connect.delete_user(InstanceId=iid, UserId=grace)
    connect.update_quick_connect_name(InstanceId=iid, QuickConnectId=qcid, Name="To Grace")
    described = _describe(connect, iid, qcid)
    assert described["Name"] == "To Grace" and described["QuickConnectConfig"] == to_grace
    # a request that names the deleted user again is refused, and changes nothing
    with raises("ResourceNotFoundException", 404, match=f"User not found: {grace}"):
        connect.update_quick_connect_config(InstanceId=iid, QuickConnectId=qcid, QuickConnectConfig=to_grace)
    assert _describe(connect, iid, qcid) == described
    connect.delete_quick_connect(InstanceId=iid, QuickConnectId=qcid)
    assert connect.list_queue_quick_connects(InstanceId=iid, QueueId=queue)["QuickConnectSummaryList"] == []


def test_update_name_and_config(connect: Any, moto_connect: Any, iid: str, queue: str) -> None:
    qcid = phone_quick_connect(connect, iid, "Pager", Description="On call")["Id"]
    before = _describe(connect, iid, qcid)
    connect.update_quick_connect_name(InstanceId=iid, QuickConnectId=qcid, Name="Escalation")
    assert _describe(connect, iid, qcid)["Description"] == "On call"
    connect.update_quick_connect_name(InstanceId=iid, QuickConnectId=qcid, Description="Second line")
    assert {k: _describe(connect, iid, qcid)[k] for k in ("Name", "Description")} == {
        "Name": "Escalation",
        "Description": "Second line",
    }
    connect.update_quick_connect_name(InstanceId=iid, QuickConnectId=qcid, Description="")  # clears it
    assert "Description" not in _describe(connect, iid, qcid)
    with raises("InvalidRequestException", 400, match="Name or Description"):
        connect.update_quick_connect_name(InstanceId=iid, QuickConnectId=qcid)
    phone_quick_connect(connect, iid, "Taken")
    with raises("InvalidParameterException", 400, match="Taken"):
        connect.update_quick_connect_name(InstanceId=iid, QuickConnectId=qcid, Name="Taken")
    with raises("DuplicateResourceException", 409, match="Taken"):
        phone_quick_connect(connect, iid, "Taken")
    # the config is replaced whole, its type too
    queue_config = _configs(moto_connect, iid, queue)["QUEUE"]
    connect.update_quick_connect_config(InstanceId=iid, QuickConnectId=qcid, QuickConnectConfig=queue_config)
    after = _describe(connect, iid, qcid)
    assert after["Name"] == "Escalation" and after["QuickConnectConfig"] == queue_config
    assert after["LastModifiedTime"] > before["LastModifiedTime"]
    with raises("ResourceInUseException", 409):
        connect.delete_queue(InstanceId=iid, QueueId=queue)
    phone = {"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+15555550199"}}
    connect.update_quick_connect_config(InstanceId=iid, QuickConnectId=qcid, QuickConnectConfig=phone)
    assert _describe(connect, iid, qcid)["QuickConnectConfig"] == phone
    connect.delete_queue(InstanceId=iid, QueueId=queue)  # nothing names it any more
    for call in (
        lambda: connect.describe_quick_connect(InstanceId=iid, QuickConnectId="missing"),
        lambda: connect.update_quick_connect_name(InstanceId=iid, QuickConnectId="missing", Name="x"),
        lambda: connect.update_quick_connect_config(InstanceId=iid, QuickConnectId="missing", QuickConnectConfig=phone),
        lambda: connect.delete_quick_connect(InstanceId=iid, QuickConnectId="missing"),
        lambda: connect.list_quick_connects(InstanceId="missing"),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_list_filters_and_pages(connect: Any, moto_connect: Any, iid: str, queue: str) -> None:
    configs = _configs(moto_connect, iid, queue)
    before = {
        kind: _names(connect, iid, QuickConnectTypes=[kind]) for kind in ("PHONE_NUMBER", "QUEUE", "FLOW", "USER")
    }
    ids = [
        connect.create_quick_connect(InstanceId=iid, Name=f"QC{i}", QuickConnectConfig=configs[kind])["QuickConnectId"]
        for i, kind in enumerate(("PHONE_NUMBER", "QUEUE", "PHONE_NUMBER", "FLOW"))
    ]
    assert _names(connect, iid, QuickConnectTypes=["PHONE_NUMBER"]) == [*before["PHONE_NUMBER"], "QC0", "QC2"]
    assert set(_names(connect, iid, QuickConnectTypes=["QUEUE", "FLOW"])) == {
        *before["QUEUE"],
        *before["FLOW"],
        "QC1",
        "QC3",
    }
    assert _names(connect, iid, QuickConnectTypes=["USER"]) == before["USER"]
    older = len(_names(connect, iid)) - 4
    seen = []
    page = connect.list_quick_connects(InstanceId=iid, MaxResults=1)
    seen += [q["Name"] for q in page["QuickConnectSummaryList"]]
    while len(seen) < older + 1:
        page = connect.list_quick_connects(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
        seen += [q["Name"] for q in page["QuickConnectSummaryList"]]
    connect.delete_quick_connect(InstanceId=iid, QuickConnectId=ids[0])  # already seen
    connect.delete_quick_connect(InstanceId=iid, QuickConnectId=ids[2])  # not yet seen
    phone_quick_connect(connect, iid, "Late")
    while page.get("NextToken"):
        page = connect.list_quick_connects(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
        seen += [q["Name"] for q in page["QuickConnectSummaryList"]]
    assert seen[older:] == ["QC0", "QC1", "QC3", "Late"]
    with raises("InvalidParameterException", 400):
        connect.list_quick_connects(InstanceId=iid, NextToken="forged")


SEARCH_CASES = [
    ({"StringCondition": {"FieldName": "name", "Value": "Tier 1", "ComparisonType": "EXACT"}}, ["Tier 1"]),
    (
        {"StringCondition": {"FieldName": "name", "Value": "tier", "ComparisonType": "STARTS_WITH"}},
        ["Tier 1", "Tier 2"],
    ),
    ({"StringCondition": {"FieldName": "description", "Value": "PAGER", "ComparisonType": "CONTAINS"}}, ["Pager"]),
    (
        {
            "OrConditions": [
                {"StringCondition": {"FieldName": "name", "Value": "Tier 2", "ComparisonType": "EXACT"}},
                {"StringCondition": {"FieldName": "name", "Value": "pag", "ComparisonType": "CONTAINS"}},
            ]
        },
        ["Tier 2", "Pager"],
    ),
    (
        {
            "AndConditions": [
                {"StringCondition": {"FieldName": "name", "Value": "tier", "ComparisonType": "STARTS_WITH"}},
                {"StringCondition": {"FieldName": "description", "Value": "first", "ComparisonType": "CONTAINS"}},
            ]
        },
        ["Tier 1"],
    ),
]


def test_search_criteria(connect: Any, iid: str) -> None:
    for name, description in (("Tier 1", "First line"), ("Tier 2", "Second line"), ("Pager", "On-call pager")):
        phone_quick_connect(connect, iid, name, Description=description)
    for criteria, expected in SEARCH_CASES:
        found = connect.search_quick_connects(InstanceId=iid, SearchCriteria=criteria)
        assert [q["Name"] for q in found["QuickConnects"]] == expected, criteria
        assert found["ApproximateTotalCount"] == len(expected)


def test_search_by_id_tags_and_pages(connect: Any, iid: str) -> None:
    made = [
        phone_quick_connect(connect, iid, f"QC{i}", Tags={"env": env}) for i, env in enumerate(("prod", "dev", "prod"))
    ]
    by_id = {"StringCondition": {"FieldName": "resourceID", "Value": made[1]["Id"], "ComparisonType": "EXACT"}}
    assert [
        q["Name"] for q in connect.search_quick_connects(InstanceId=iid, SearchCriteria=by_id)["QuickConnects"]
    ] == ["QC1"]
    prod = {"TagFilter": {"TagCondition": {"TagKey": "env", "TagValue": "prod"}}}
    pages = list(
        connect.get_paginator("search_quick_connects").paginate(
            InstanceId=iid, SearchFilter=prod, PaginationConfig={"PageSize": 1}
        )
    )
    assert [[q["Name"] for q in p["QuickConnects"]] for p in pages] == [["QC0"], ["QC2"]]
    assert all(p["ApproximateTotalCount"] == 2 for p in pages)
    connect.untag_resource(resourceArn=made[0]["Arn"], tagKeys=["env"])
    connect.tag_resource(resourceArn=made[1]["Arn"], tags={"env": "prod"})
    found = connect.search_quick_connects(InstanceId=iid, SearchFilter=prod)
    assert [q["Name"] for q in found["QuickConnects"]] == ["QC1", "QC2"]
    assert connect.list_tags_for_resource(resourceArn=made[0]["Arn"])["tags"] == {}


def test_delete(connect: Any, iid: str, queue: str) -> None:
    pager = phone_quick_connect(connect, iid, "Pager", Tags={"k": "v"})
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[pager["Id"]])
    connect.delete_quick_connect(InstanceId=iid, QuickConnectId=pager["Arn"])
    with raises("ResourceNotFoundException", 404, match="Quick connect not found"):
        connect.describe_quick_connect(InstanceId=iid, QuickConnectId=pager["Id"])
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=pager["Arn"])
    listed = connect.list_queue_quick_connects(InstanceId=iid, QueueId=queue)["QuickConnectSummaryList"]
    assert listed == []
    assert phone_quick_connect(connect, iid, "Pager")["Id"] != pager["Id"]  # the name is free again
