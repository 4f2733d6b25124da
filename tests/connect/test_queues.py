"""Queues and their quick connects through boto3."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from moto_connect_ext.connect import queues as queue_rules
from moto_connect_ext.core.caller import Caller
from tests.helpers import new_instance, raises
from tests.servers import server_client

ACCOUNT = "123456789012"
PASSWORD = "Passw0rd!"


# -- helpers (the quick connect tests use them too) --------------------------------------
def new_hours(connect: Any, iid: str, name: str = "Weekdays") -> str:
    return connect.create_hours_of_operation(  # type: ignore[no-any-return]
        InstanceId=iid,
        Name=name,
        TimeZone="UTC",
        Config=[
            {"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}, "EndTime": {"Hours": 17, "Minutes": 0}},
        ],
    )["HoursOfOperationId"]


def flow_of_type(moto_connect: Any, iid: str, flow_type: str) -> str:
    """A flow of the instance of that type (every instance comes with one of each default type)."""
    instance = moto_connect.backend("connect").instance(iid)
    return next(f.id for f in instance.children("contact-flow").values() if f.attrs.get("Type") == flow_type)


def phone_quick_connect(connect: Any, iid: str, name: str, number: str = "+15555550100", **kw: Any) -> dict[str, Any]:
    created = connect.create_quick_connect(
        InstanceId=iid,
        Name=name,
        QuickConnectConfig={"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": number}},
        **kw,
    )
    return {"Id": created["QuickConnectId"], "Arn": created["QuickConnectARN"]}


def claim_number(connect: Any, iid: str) -> dict[str, str]:
    """A US DID number claimed to the instance: its ID and ARN."""
    number = connect.search_available_phone_numbers(
        InstanceId=iid, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"][0]["PhoneNumber"]
    claimed = connect.claim_phone_number(InstanceId=iid, PhoneNumber=number)
    return {"Id": claimed["PhoneNumberId"], "Arn": claimed["PhoneNumberArn"]}


def new_user(connect: Any, iid: str, username: str = "ada", routing_profile: str | None = None) -> str:
    """A user of the instance (with its agent queue), on the routing profile given or the first one."""
    profiles = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"]
    security = connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
    return connect.create_user(  # type: ignore[no-any-return]
        InstanceId=iid,
        Username=username,
        Password=PASSWORD,
        IdentityInfo={"FirstName": "Ada", "LastName": "Lovelace"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[next(p["Id"] for p in security if p["Name"] == "Agent")],
        RoutingProfileId=routing_profile or profiles[0]["Id"],
    )["UserId"]


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


@pytest.fixture
def number(connect: Any, iid: str) -> dict[str, str]:
    return claim_number(connect, iid)


@pytest.fixture
def hours(connect: Any, iid: str) -> str:
    return new_hours(connect, iid)


@pytest.fixture
def queue(connect: Any, iid: str, hours: str) -> str:
    return connect.create_queue(InstanceId=iid, Name="Support", HoursOfOperationId=hours)["QueueId"]  # type: ignore[no-any-return]


def _queue(connect: Any, iid: str, queue_id: str) -> dict[str, Any]:
    return connect.describe_queue(InstanceId=iid, QueueId=queue_id)["Queue"]  # type: ignore[no-any-return]


def _names(connect: Any, iid: str) -> list[str]:
    pages = connect.get_paginator("list_queues").paginate(InstanceId=iid)
    return [q["Name"] for p in pages for q in p["QueueSummaryList"]]


def _listed_quick_connects(connect: Any, iid: str, queue_id: str) -> list[str]:
    pages = connect.get_paginator("list_queue_quick_connects").paginate(InstanceId=iid, QueueId=queue_id)
    return [q["Id"] for p in pages for q in p["QuickConnectSummaryList"]]


# -- create, describe, list, search: every attribute round trips -------------------------
def test_every_attribute_round_trips(
    connect: Any, moto_connect: Any, iid: str, hours: str, number: dict[str, str]
) -> None:
    outbound = flow_of_type(moto_connect, iid, "OUTBOUND_WHISPER")
    first = phone_quick_connect(connect, iid, "Pager")
    second = phone_quick_connect(connect, iid, "Supervisor")
    hours_arn = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/operating-hours/{hours}"
    created = connect.create_queue(
        InstanceId=iid,
        Name="Billing",
        Description="Invoices and refunds",
        HoursOfOperationId=hours_arn,
        MaxContacts=7,
        OutboundCallerConfig={
            "OutboundCallerIdName": "Example Corp",
            "OutboundCallerIdNumberId": number["Id"],
            "OutboundFlowId": outbound,
        },
        QuickConnectIds=[first["Id"], second["Arn"], first["Id"]],
        Tags={"team": "billing"},
    )
    qid = created["QueueId"]
    arn = f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/queue/{qid}"
    assert created["QueueArn"] == arn
    described = _queue(connect, iid, qid)
    assert described == {
        "Name": "Billing",
        "QueueArn": arn,
        "QueueId": qid,
        "Description": "Invoices and refunds",
        "OutboundCallerConfig": {
            "OutboundCallerIdName": "Example Corp",
            "OutboundCallerIdNumberId": number["Id"],
            "OutboundFlowId": outbound,
        },
        "HoursOfOperationId": hours,
        "MaxContacts": 7,
        "Status": "ENABLED",
        "Tags": {"team": "billing"},
        "LastModifiedTime": described["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    assert described["LastModifiedTime"].tzinfo is not None
    summaries = connect.list_queues(InstanceId=iid)["QueueSummaryList"]
    assert {
        "Id": qid,
        "Arn": arn,
        "Name": "Billing",
        "QueueType": "STANDARD",
        "LastModifiedTime": described["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    } in summaries
    found = connect.search_queues(
        InstanceId=iid,
        SearchCriteria={"StringCondition": {"FieldName": "resourceID", "Value": qid, "ComparisonType": "EXACT"}},
    )
    assert found["Queues"] == [described] and found["ApproximateTotalCount"] == 1
    assert _listed_quick_connects(connect, iid, qid) == [first["Id"], second["Id"]]
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "billing"}
    # the instance can be named by its ARN too
    by_arn = connect.describe_queue(InstanceId=f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}", QueueId=arn)
    assert by_arn["Queue"]["QueueId"] == qid


def test_a_new_queue_is_standard_and_enabled(connect: Any, iid: str, queue: str) -> None:
    described = _queue(connect, iid, queue)
    assert described["Status"] == "ENABLED"
    for absent in ("Description", "MaxContacts", "OutboundCallerConfig", "OutboundEmailConfig", "Tags"):
        assert absent not in described
    assert connect.list_queue_quick_connects(InstanceId=iid, QueueId=queue)["QuickConnectSummaryList"] == []
    standard = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"]
    assert queue in [q["Id"] for q in standard]
    agent = connect.list_queues(InstanceId=iid, QueueTypes=["AGENT"])["QueueSummaryList"]
    assert queue not in [q["Id"] for q in agent]


def test_every_instance_comes_with_basic_queue(connect: Any, moto_connect: Any, iid: str) -> None:
    def hours_named(name: str) -> str | None:
        pages = connect.get_paginator("list_hours_of_operations").paginate(InstanceId=iid)
        return next((h["Id"] for p in pages for h in p["HoursOfOperationSummaryList"] if h["Name"] == name), None)

    if "BasicQueue" not in _names(connect, iid):  # until instances are seeded with it
        if hours_named("Basic Hours") is None:
            new_hours(connect, iid, "Basic Hours")
        backend = moto_connect.backend("connect")
        queue_rules.seed_defaults(backend.resources, backend.instance(iid), Caller(ACCOUNT, "us-east-1", "aws"))
    summary = next(q for q in connect.list_queues(InstanceId=iid)["QueueSummaryList"] if q.get("Name") == "BasicQueue")
    assert summary["QueueType"] == "STANDARD"
    basic = _queue(connect, iid, summary["Id"])
    assert basic["Status"] == "ENABLED" and basic["HoursOfOperationId"] == hours_named("Basic Hours")
    assert "OutboundCallerConfig" not in basic and "MaxContacts" not in basic


# -- updates ----------------------------------------------------------------------------
def test_updates(connect: Any, moto_connect: Any, iid: str, queue: str, number: dict[str, str]) -> None:
    before = _queue(connect, iid, queue)
    connect.update_queue_name(InstanceId=iid, QueueId=queue, Description="Second line")
    connect.update_queue_name(InstanceId=iid, QueueId=queue, Name="Tier 2")
    other_hours = new_hours(connect, iid, "Weekends")
    connect.update_queue_hours_of_operation(InstanceId=iid, QueueId=queue, HoursOfOperationId=other_hours)
    connect.update_queue_max_contacts(InstanceId=iid, QueueId=queue, MaxContacts=0)
    connect.update_queue_status(InstanceId=iid, QueueId=queue, Status="DISABLED")
    outbound = flow_of_type(moto_connect, iid, "OUTBOUND_WHISPER")
    connect.update_queue_outbound_caller_config(
        InstanceId=iid,
        QueueId=queue,
        OutboundCallerConfig={"OutboundFlowId": outbound, "OutboundCallerIdNumberId": number["Arn"]},
    )
    after = _queue(connect, iid, queue)
    assert {k: after[k] for k in ("Name", "Description", "HoursOfOperationId", "MaxContacts", "Status")} == {
        "Name": "Tier 2",
        "Description": "Second line",
        "HoursOfOperationId": other_hours,
        "MaxContacts": 0,
        "Status": "DISABLED",
    }
    assert after["OutboundCallerConfig"] == {"OutboundFlowId": outbound, "OutboundCallerIdNumberId": number["Arn"]}
    assert after["LastModifiedTime"] > before["LastModifiedTime"]
    # the outbound caller config is replaced whole; MaxContacts left out lifts the limit
    connect.update_queue_outbound_caller_config(
        InstanceId=iid, QueueId=queue, OutboundCallerConfig={"OutboundCallerIdName": "Desk"}
    )
    connect.update_queue_max_contacts(InstanceId=iid, QueueId=queue)
    connect.update_queue_status(InstanceId=iid, QueueId=queue, Status="ENABLED")
    last = _queue(connect, iid, queue)
    assert last["OutboundCallerConfig"] == {"OutboundCallerIdName": "Desk"}
    assert "MaxContacts" not in last and last["Status"] == "ENABLED"
    connect.update_queue_outbound_caller_config(InstanceId=iid, QueueId=queue, OutboundCallerConfig={})
    assert "OutboundCallerConfig" not in _queue(connect, iid, queue)


def test_update_queue_name_needs_a_name_or_a_description(connect: Any, iid: str, queue: str) -> None:
    with raises("InvalidRequestException", 400, match="Name or Description"):
        connect.update_queue_name(InstanceId=iid, QueueId=queue)


# -- references -------------------------------------------------------------------------
#: (what the request adds, the error, part of its message); the flow of a type is looked up
REFERENCE_CASES = [
    ({"HoursOfOperationId": "0a1b2c3d-0000-4000-8000-000000000000"}, "ResourceNotFoundException", "not found"),
    ({"QuickConnectIds": ["0a1b2c3d-0000-4000-8000-000000000000"]}, "ResourceNotFoundException", "Quick connect"),
    ({"OutboundCallerConfig": {"OutboundFlowId": "nope"}}, "ResourceNotFoundException", "Contact flow"),
    ({"OutboundCallerConfig": {"OutboundCallerIdNumberId": "not-a-number"}}, "ResourceNotFoundException", "Phone"),
    ({"OutboundEmailConfig": {"OutboundEmailAddressId": "mail-1"}}, "ResourceNotFoundException", "mail-1"),
    ({"EmailAddressesConfig": [{"EmailAddressId": "mail-2"}]}, "ResourceNotFoundException", "mail-2"),
    (
        {"OutboundCallerConfig": {"OutboundFlowId": "QUEUE_TRANSFER"}},
        "InvalidParameterException",
        "OUTBOUND_WHISPER",
    ),
]


def test_what_a_queue_names_must_exist(connect: Any, moto_connect: Any, iid: str, hours: str) -> None:
    before = _names(connect, iid)
    for extra, code, match in REFERENCE_CASES:
        if extra.get("OutboundCallerConfig") == {"OutboundFlowId": "QUEUE_TRANSFER"}:
            extra = {"OutboundCallerConfig": {"OutboundFlowId": flow_of_type(moto_connect, iid, "QUEUE_TRANSFER")}}
        with raises(code, match=match):
            connect.create_queue(InstanceId=iid, Name="Broken", **{"HoursOfOperationId": hours, **extra})
        assert _names(connect, iid) == before, extra


def test_a_rejected_update_changes_nothing(connect: Any, moto_connect: Any, iid: str, queue: str) -> None:
    before = _queue(connect, iid, queue)
    with raises("ResourceNotFoundException", 404):
        connect.update_queue_hours_of_operation(InstanceId=iid, QueueId=queue, HoursOfOperationId="missing")
    wrong = flow_of_type(moto_connect, iid, "CONTACT_FLOW")
    with raises("InvalidParameterException", 400):
        connect.update_queue_outbound_caller_config(
            InstanceId=iid, QueueId=queue, OutboundCallerConfig={"OutboundCallerIdName": "X", "OutboundFlowId": wrong}
        )
    with raises("ResourceNotFoundException", 404, match="Queue not found"):
        connect.update_queue_status(InstanceId=iid, QueueId="missing", Status="DISABLED")
    with raises("ResourceNotFoundException", 404):
        connect.describe_queue(InstanceId="missing", QueueId=queue)
    assert _queue(connect, iid, queue) == before


def test_the_outbound_caller_number_is_claimed_to_the_instance(
    connect: Any, iid: str, hours: str, queue: str, number: dict[str, str]
) -> None:
    legacy = connect.list_phone_numbers(InstanceId=iid)["PhoneNumberSummaryList"][0]["Arn"]
    assert legacy == f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/phone-number/{number['Id']}"
    for given in (number["Id"], number["Arn"], legacy):  # kept as given
        qid = connect.create_queue(
            InstanceId=iid,
            Name=f"By {given}"[:127],
            HoursOfOperationId=hours,
            OutboundCallerConfig={"OutboundCallerIdNumberId": given},
        )["QueueId"]
        assert _queue(connect, iid, qid)["OutboundCallerConfig"] == {"OutboundCallerIdNumberId": given}
    elsewhere = new_instance(connect, "elsewhere")["Id"]
    theirs = claim_number(connect, elsewhere)
    unknown = "7f8e9d6c-5b4a-4321-8fed-0123456789ab"
    wrong_account = number["Arn"].replace(ACCOUNT, "210987654321")
    wrong_instance = legacy.replace(iid, elsewhere)
    before_names, before = _names(connect, iid), _queue(connect, iid, queue)
    for bad in (theirs["Id"], theirs["Arn"], unknown, wrong_account, wrong_instance):
        config = {"OutboundCallerIdNumberId": bad}
        with raises("ResourceNotFoundException", 404, match="Phone number not found"):
            connect.create_queue(InstanceId=iid, Name="Broken", HoursOfOperationId=hours, OutboundCallerConfig=config)
        with raises("ResourceNotFoundException", 404, match="Phone number not found"):
            connect.update_queue_outbound_caller_config(InstanceId=iid, QueueId=queue, OutboundCallerConfig=config)
    assert _names(connect, iid) == before_names
    assert _queue(connect, iid, queue) == before


def test_a_released_number_stays_on_its_queues(connect: Any, iid: str, queue: str, number: dict[str, str]) -> None:
    config = {"OutboundCallerIdName": "Support", "OutboundCallerIdNumberId": number["Id"]}
    connect.update_queue_outbound_caller_config(InstanceId=iid, QueueId=queue, OutboundCallerConfig=config)
    # AWS documents no refusal: releasing a number a queue uses succeeds
    connect.release_phone_number(PhoneNumberId=number["Id"])
    assert _queue(connect, iid, queue)["OutboundCallerConfig"] == config
    connect.update_queue_name(InstanceId=iid, QueueId=queue, Description="other updates still work")
    # a request that names the released number again is refused, and changes nothing
    before = _queue(connect, iid, queue)
    with raises("ResourceNotFoundException", 404, match="Phone number not found"):
        connect.update_queue_outbound_caller_config(InstanceId=iid, QueueId=queue, OutboundCallerConfig=config)
    assert _queue(connect, iid, queue) == before


def test_names_are_unique_per_instance(connect: Any, iid: str, hours: str, queue: str) -> None:
    with raises("DuplicateResourceException", 409, match="Support"):
        connect.create_queue(InstanceId=iid, Name="Support", HoursOfOperationId=hours)
    other = connect.create_queue(InstanceId=iid, Name="Sales", HoursOfOperationId=hours)["QueueId"]
    with raises("DuplicateResourceException", 409):
        connect.update_queue_name(InstanceId=iid, QueueId=other, Name="Support")
    assert _queue(connect, iid, other)["Name"] == "Sales"
    connect.update_queue_name(InstanceId=iid, QueueId=queue, Name="Support", Description="same name is fine")
    connect.update_queue_name(InstanceId=iid, QueueId=queue, Name="Help")
    connect.update_queue_name(InstanceId=iid, QueueId=other, Name="Support")  # the old name is free again


# -- quick connects of a queue ----------------------------------------------------------
def test_associate_and_disassociate_quick_connects(connect: Any, iid: str, queue: str) -> None:
    a, b, c = (phone_quick_connect(connect, iid, name) for name in ("A", "B", "C"))
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[c["Id"], a["Arn"]])
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[a["Id"], b["Id"]])
    listed = connect.list_queue_quick_connects(InstanceId=iid, QueueId=queue)
    assert [q["Name"] for q in listed["QuickConnectSummaryList"]] == ["A", "B", "C"]
    assert listed["QuickConnectSummaryList"][0] == {
        "Id": a["Id"],
        "Arn": a["Arn"],
        "Name": "A",
        "QuickConnectType": "PHONE_NUMBER",
        "LastModifiedTime": listed["QuickConnectSummaryList"][0]["LastModifiedTime"],
        "LastModifiedRegion": "us-east-1",
    }
    assert listed["LastModifiedTime"] == _queue(connect, iid, queue)["LastModifiedTime"]
    assert listed["LastModifiedRegion"] == "us-east-1"
    with raises("ResourceNotFoundException", 404, match="Quick connect not found"):
        connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[b["Id"], "nope"])
    with raises("ResourceNotFoundException", 404):
        connect.disassociate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[a["Id"], "nope"])
    assert _listed_quick_connects(connect, iid, queue) == [a["Id"], b["Id"], c["Id"]]
    connect.disassociate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[b["Arn"], c["Id"]])
    connect.disassociate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[b["Id"]])
    assert _listed_quick_connects(connect, iid, queue) == [a["Id"]]
    # a quick connect that is deleted leaves the queue
    connect.delete_quick_connect(InstanceId=iid, QuickConnectId=a["Id"])
    assert _listed_quick_connects(connect, iid, queue) == []
    connect.update_queue_name(InstanceId=iid, QueueId=queue, Description="still updatable")
    with raises("ResourceNotFoundException", 404, match="Queue not found"):
        connect.list_queue_quick_connects(InstanceId=iid, QueueId="missing")


def test_quick_connect_pages_are_stable(connect: Any, iid: str, queue: str) -> None:
    made = [phone_quick_connect(connect, iid, f"QC{i}")["Id"] for i in range(4)]
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=made)
    seen = []
    page = connect.list_queue_quick_connects(InstanceId=iid, QueueId=queue, MaxResults=1)
    seen += [q["Id"] for q in page["QuickConnectSummaryList"]]
    # between pages: one already seen and one not yet seen go away, a new one arrives
    connect.delete_quick_connect(InstanceId=iid, QuickConnectId=made[0])
    connect.disassociate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[made[2]])
    late = phone_quick_connect(connect, iid, "Late")["Id"]
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[late])
    while page.get("NextToken"):
        page = connect.list_queue_quick_connects(
            InstanceId=iid, QueueId=queue, MaxResults=1, NextToken=page["NextToken"]
        )
        seen += [q["Id"] for q in page["QuickConnectSummaryList"]]
    assert seen == [made[0], made[1], made[3], late]


def test_a_queue_takes_a_limited_number_of_quick_connects(
    connect: Any, moto_connect: Any, iid: str, queue: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue_rules, "MAX_QUICK_CONNECTS", 2)
    made = [phone_quick_connect(connect, iid, f"QC{i}")["Id"] for i in range(3)]
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=made[:2])
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=made[:1])  # already there
    once = moto_connect.client("connect", config=Config(retries={"max_attempts": 1}))  # 429: no retries
    with raises("LimitExceededException", 429, match="at most 2"):
        once.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=made[2:])
    assert _listed_quick_connects(connect, iid, queue) == made[:2]


def test_the_quick_connect_limit_is_aws_feature_specification() -> None:
    assert queue_rules.MAX_QUICK_CONNECTS == 700


# -- listing, paging, search ------------------------------------------------------------
def test_list_pages_are_stable(connect: Any, iid: str, hours: str) -> None:
    before = _names(connect, iid)
    ids = [connect.create_queue(InstanceId=iid, Name=f"P{i}", HoursOfOperationId=hours)["QueueId"] for i in range(4)]
    seen = []
    page = connect.list_queues(InstanceId=iid, MaxResults=1)
    seen += [q["Name"] for q in page["QueueSummaryList"]]
    while page.get("NextToken"):
        if len(seen) == len(before) + 1:
            connect.delete_queue(InstanceId=iid, QueueId=ids[0])  # already seen
            connect.delete_queue(InstanceId=iid, QueueId=ids[2])  # not yet seen
            connect.create_queue(InstanceId=iid, Name="Late", HoursOfOperationId=hours)
        page = connect.list_queues(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
        seen += [q["Name"] for q in page["QueueSummaryList"]]
    assert seen == [*before, "P0", "P1", "P3", "Late"]


SEARCH_CASES = [
    ({"StringCondition": {"FieldName": "name", "Value": "zq-billing", "ComparisonType": "EXACT"}}, ["zq-billing"]),
    ({"StringCondition": {"FieldName": "name", "Value": "ZQ-BILLING", "ComparisonType": "EXACT"}}, []),
    (
        {"StringCondition": {"FieldName": "Name", "Value": "ZQ-S", "ComparisonType": "STARTS_WITH"}},
        ["zq-sales", "zq-support"],
    ),
    (
        {"StringCondition": {"FieldName": "description", "Value": "REFUND", "ComparisonType": "CONTAINS"}},
        ["zq-billing"],
    ),
    (
        {
            "AndConditions": [
                {"StringCondition": {"FieldName": "name", "Value": "zq-", "ComparisonType": "STARTS_WITH"}},
                {"QueueTypeCondition": "STANDARD"},
                {
                    "OrConditions": [
                        {"StringCondition": {"FieldName": "name", "Value": "sales", "ComparisonType": "CONTAINS"}},
                        {
                            "StringCondition": {
                                "FieldName": "description",
                                "Value": "refund",
                                "ComparisonType": "CONTAINS",
                            }
                        },
                    ]
                },
            ]
        },
        ["zq-billing", "zq-sales"],
    ),
]


def test_search_criteria(connect: Any, iid: str, hours: str) -> None:
    for name, description in (("zq-billing", "Refunds"), ("zq-sales", "New orders"), ("zq-support", "Help")):
        connect.create_queue(InstanceId=iid, Name=name, Description=description, HoursOfOperationId=hours)
    for criteria, expected in SEARCH_CASES:
        found = connect.search_queues(InstanceId=iid, SearchCriteria=criteria)
        assert [q["Name"] for q in found["Queues"]] == expected, criteria
        assert found["ApproximateTotalCount"] == len(expected)


def test_search_by_tags_type_and_pages(connect: Any, iid: str, hours: str) -> None:
    for i, tags in enumerate(({"env": "prod", "team": "a"}, {"env": "prod"}, {"env": "dev"})):
        connect.create_queue(InstanceId=iid, Name=f"zq-{i}", HoursOfOperationId=hours, Tags=tags)
    prefix = {"StringCondition": {"FieldName": "name", "Value": "zq-", "ComparisonType": "STARTS_WITH"}}

    def names(tag_filter: dict[str, Any]) -> list[str]:
        found = connect.search_queues(InstanceId=iid, SearchCriteria=prefix, SearchFilter={"TagFilter": tag_filter})
        return [q["Name"] for q in found["Queues"]]

    assert names({"TagCondition": {"TagKey": "env", "TagValue": "prod"}}) == ["zq-0", "zq-1"]
    assert names({"AndConditions": [{"TagKey": "env", "TagValue": "prod"}, {"TagKey": "team"}]}) == ["zq-0"]
    assert names({"OrConditions": [[{"TagKey": "team"}], [{"TagKey": "env", "TagValue": "dev"}]]}) == ["zq-0", "zq-2"]
    everything = connect.search_queues(InstanceId=iid)["ApproximateTotalCount"]
    standard = connect.search_queues(InstanceId=iid, SearchCriteria={"QueueTypeCondition": "STANDARD"})
    assert standard["ApproximateTotalCount"] == everything == len(_names(connect, iid))
    pages = list(
        connect.get_paginator("search_queues").paginate(
            InstanceId=iid, SearchCriteria=prefix, PaginationConfig={"PageSize": 2}
        )
    )
    assert [[q["Name"] for q in p["Queues"]] for p in pages] == [["zq-0", "zq-1"], ["zq-2"]]
    assert all(p["ApproximateTotalCount"] == 3 for p in pages)
    with raises("InvalidParameterException", 400, match="not supported"):
        connect.search_queues(
            InstanceId=iid,
            SearchCriteria={"StringCondition": {"FieldName": "status", "Value": "x", "ComparisonType": "EXACT"}},
        )


# -- delete, tags -----------------------------------------------------------------------
def test_delete_is_refused_while_a_quick_connect_names_the_queue(
    connect: Any, moto_connect: Any, iid: str, queue: str
) -> None:
    transfer = connect.create_quick_connect(
        InstanceId=iid,
        Name="To support",
        QuickConnectConfig={
            "QuickConnectType": "QUEUE",
            "QueueConfig": {"QueueId": queue, "ContactFlowId": flow_of_type(moto_connect, iid, "QUEUE_TRANSFER")},
        },
    )["QuickConnectId"]
    with raises("ResourceInUseException", 409, match=transfer):
        connect.delete_queue(InstanceId=iid, QueueId=queue)
    assert _queue(connect, iid, queue)["Name"] == "Support"
    connect.delete_quick_connect(InstanceId=iid, QuickConnectId=transfer)
    connect.delete_queue(InstanceId=iid, QueueId=queue)
    with raises("ResourceNotFoundException", 404):
        connect.delete_queue(InstanceId=iid, QueueId=queue)


def test_an_agent_queue_goes_only_with_its_user(connect: Any, iid: str) -> None:
    uid = new_user(connect, iid)
    agent_queue = _queue(connect, iid, uid)
    assert agent_queue["QueueId"] == uid
    for ident in (uid, agent_queue["QueueArn"]):
        with raises("InvalidRequestException", 400, match="agent queue of user"):
            connect.delete_queue(InstanceId=iid, QueueId=ident)
    assert _queue(connect, iid, uid) == agent_queue
    listed = connect.list_queues(InstanceId=iid, QueueTypes=["AGENT"])["QueueSummaryList"]
    assert [q["Id"] for q in listed] == [uid]
    connect.delete_user(InstanceId=iid, UserId=uid)  # DeleteUser takes it
    with raises("ResourceNotFoundException", 404, match="Queue not found"):
        connect.delete_queue(InstanceId=iid, QueueId=uid)


def test_what_names_a_queue_holds_it_and_what_it_names(connect: Any, iid: str, hours: str, queue: str) -> None:
    profile = connect.create_routing_profile(
        InstanceId=iid,
        Name="Agents",
        Description="Support agents",
        DefaultOutboundQueueId=queue,
        MediaConcurrencies=[{"Channel": "VOICE", "Concurrency": 1}],
    )["RoutingProfileId"]
    with raises("ResourceInUseException", 409, match="in use"):
        connect.delete_queue(InstanceId=iid, QueueId=queue)
    # the queue holds its hours of operation (the error is the hours' own)
    with pytest.raises(ClientError):
        connect.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=hours)
    connect.delete_routing_profile(InstanceId=iid, RoutingProfileId=profile)
    connect.delete_queue(InstanceId=iid, QueueId=queue)
    connect.delete_hours_of_operation(InstanceId=iid, HoursOfOperationId=hours)


def test_delete_and_tags(connect: Any, iid: str, queue: str) -> None:
    arn = _queue(connect, iid, queue)["QueueArn"]
    connect.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2"})
    connect.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    assert _queue(connect, iid, queue)["Tags"] == {"b": "2"}
    pager = phone_quick_connect(connect, iid, "Pager")
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[pager["Id"]])
    connect.delete_queue(InstanceId=iid, QueueId=queue)  # its quick connects do not hold it
    with raises("ResourceNotFoundException", 404, match="Queue not found"):
        connect.describe_queue(InstanceId=iid, QueueId=queue)
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=arn)
    assert "Support" not in _names(connect, iid)
    connect.describe_quick_connect(InstanceId=iid, QuickConnectId=pager["Id"])


def test_queues_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect")
    iid = new_instance(connect, "served")["Id"]
    queue = connect.create_queue(InstanceId=iid, Name="Served", HoursOfOperationId=new_hours(connect, iid))["QueueId"]
    pager = phone_quick_connect(connect, iid, "Pager")
    connect.associate_queue_quick_connects(InstanceId=iid, QueueId=queue, QuickConnectIds=[pager["Id"]])
    assert _listed_quick_connects(connect, iid, queue) == [pager["Id"]]
    assert _queue(connect, iid, queue)["Status"] == "ENABLED"
    with raises("DuplicateResourceException", 409):
        connect.create_queue(
            InstanceId=iid, Name="Served", HoursOfOperationId=_queue(connect, iid, queue)["HoursOfOperationId"]
        )


def test_an_arn_names_a_resource_only_of_its_own_instance(connect: Any, iid: str, hours: str, queue: str) -> None:
    """A reference or a request may name a resource by its ARN; an ARN of another instance (or
    account) with the same ID names nothing here."""
    own = connect.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=hours)["HoursOfOperation"]
    elsewhere = own["HoursOfOperationArn"].replace(f"instance/{iid}/", "instance/" + "0" * 36 + "/")
    other_account = own["HoursOfOperationArn"].replace(f":{ACCOUNT}:", ":210987654321:")
    for arn in (elsewhere, other_account):
        with raises("ResourceNotFoundException", 404):
            connect.create_queue(InstanceId=iid, Name="Elsewhere", HoursOfOperationId=arn)
        with raises("ResourceNotFoundException", 404):
            connect.describe_hours_of_operation(InstanceId=iid, HoursOfOperationId=arn)
    created = connect.create_queue(InstanceId=iid, Name="Own", HoursOfOperationId=own["HoursOfOperationArn"])
    described = connect.describe_queue(InstanceId=iid, QueueId=created["QueueArn"])["Queue"]
    assert described["HoursOfOperationId"] == hours
