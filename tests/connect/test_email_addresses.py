"""Email addresses through boto3: domains, uniqueness, aliases, search, the queues that use them."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import email_addresses
from tests.helpers import new_instance, raises
from tests.servers import server_client

DOMAIN = "test-instance.email.connect.aws"
ACCOUNT = "123456789012"


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


def _create(connect: Any, iid: str, local: str, domain: str = DOMAIN, **kw: Any) -> str:
    return str(connect.create_email_address(InstanceId=iid, EmailAddress=f"{local}@{domain}", **kw)["EmailAddressId"])


def _describe(connect: Any, iid: str, eid: str) -> dict[str, Any]:
    out = dict(connect.describe_email_address(InstanceId=iid, EmailAddressId=eid))
    out.pop("ResponseMetadata")
    return out


def test_round_trip(connect: Any, iid: str) -> None:
    created = connect.create_email_address(
        InstanceId=iid,
        EmailAddress=f"Support@{DOMAIN.upper()}",
        DisplayName="Support",
        Description="Front door",
        Tags={"team": "mail"},
    )
    eid, arn = created["EmailAddressId"], created["EmailAddressArn"]
    assert arn == f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/email-address/{eid}"
    described = _describe(connect, iid, eid)
    created_at, modified_at = described.pop("CreateTimestamp"), described.pop("ModifiedTimestamp")
    assert created_at == modified_at and created_at.endswith("Z") and "T" in created_at
    assert described == {
        "EmailAddressId": eid,
        "EmailAddressArn": arn,
        "EmailAddress": f"Support@{DOMAIN.upper()}",
        "DisplayName": "Support",
        "Description": "Front door",
        "Tags": {"team": "mail"},
    }
    assert _describe(connect, iid, arn)["EmailAddressId"] == eid  # by ARN too
    answer = connect.update_email_address_metadata(InstanceId=iid, EmailAddressId=eid, DisplayName="Help desk")
    assert (answer["EmailAddressId"], answer["EmailAddressArn"]) == (eid, arn)
    updated = _describe(connect, iid, eid)
    assert (updated["DisplayName"], updated["Description"]) == ("Help desk", "Front door")
    assert updated["ModifiedTimestamp"] >= modified_at and updated["CreateTimestamp"] == created_at
    # a client token replays CreateEmailAddress; reused with other parameters it is refused
    first = connect.create_email_address(InstanceId=iid, EmailAddress=f"token@{DOMAIN}", ClientToken="t-1")
    again = connect.create_email_address(InstanceId=iid, EmailAddress=f"token@{DOMAIN}", ClientToken="t-1")
    assert first["EmailAddressId"] == again["EmailAddressId"]
    with raises("IdempotencyException", 409):
        connect.create_email_address(InstanceId=iid, EmailAddress=f"other@{DOMAIN}", ClientToken="t-1")
    connect.update_email_address_metadata(InstanceId=iid, EmailAddressId=eid, Description="x", ClientToken="u-1")
    with raises("IdempotencyException", 409):
        connect.update_email_address_metadata(InstanceId=iid, EmailAddressId=eid, Description="y", ClientToken="u-1")
    connect.delete_email_address(InstanceId=iid, EmailAddressId=eid)
    for call in (connect.describe_email_address, connect.delete_email_address, connect.update_email_address_metadata):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=iid, EmailAddressId=eid)
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=arn)
    # its address is free again
    _create(connect, iid, "support")


def test_domains_and_uniqueness(moto_connect: Any, connect: Any, iid: str) -> None:
    with raises("InvalidParameterException", 400, match="test-instance.email.connect.aws"):
        _create(connect, iid, "sales", "example.com")
    with raises("InvalidParameterException", 400, match="other.email.connect.aws"):
        _create(connect, iid, "sales", "other.email.connect.aws")
    # a domain identity of SES (v1 or v2) in the account and Region is a custom domain
    moto_connect.client("ses").verify_domain_identity(Domain="Example.com")
    moto_connect.client("sesv2").create_email_identity(EmailIdentity="brand.example")
    moto_connect.client("ses", region_name="eu-west-2").verify_domain_identity(Domain="elsewhere.example")
    moto_connect.client("ses").verify_email_identity(EmailAddress="someone@person.example")
    sales = _create(connect, iid, "sales", "example.COM")
    _create(connect, iid, "sales", "brand.example")
    for domain in ("elsewhere.example", "person.example"):
        with raises("InvalidParameterException", 400, match=domain):
            _create(connect, iid, "sales", domain)
    # an SES_IDENTITY integration onboards a domain too
    connect.create_integration_association(
        InstanceId=iid,
        IntegrationType="SES_IDENTITY",
        IntegrationArn=f"arn:aws:ses:us-east-1:{ACCOUNT}:identity/integrated.example",
    )
    _create(connect, iid, "help", "integrated.example")
    # unique per instance, compared case-insensitively; and not in two instances
    with raises("DuplicateResourceException", 409, match="SALES@example.com"):
        _create(connect, iid, "SALES", "example.com")
    other = new_instance(connect, "other")["Id"]
    with raises("ResourceConflictException", 409, match="another instance"):
        _create(connect, other, "sales", "example.com")
    _create(connect, other, "sales", "other.email.connect.aws")
    connect.delete_email_address(InstanceId=iid, EmailAddressId=sales)
    _create(connect, other, "sales", "example.com")
    # an address of another instance is not found in this one
    with raises("ResourceNotFoundException", 404):
        connect.describe_email_address(InstanceId=iid, EmailAddressId=_create(connect, other, "x", "example.com"))


def test_quota(connect: Any, iid: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(email_addresses, "ADDRESSES_PER_INSTANCE", 2)
    first = _create(connect, iid, "a")
    _create(connect, iid, "b")
    with raises("ServiceQuotaExceededException", 402, match="2 email addresses"):
        _create(connect, iid, "c")
    connect.delete_email_address(InstanceId=iid, EmailAddressId=first)
    _create(connect, iid, "c")


def test_aliases(connect: Any, iid: str) -> None:
    primary, alias, third, fourth = (_create(connect, iid, n) for n in ("primary", "alias", "third", "fourth"))

    def associate(p: str, a: str, **kw: Any) -> None:
        connect.associate_email_address_alias(
            InstanceId=iid, EmailAddressId=p, AliasConfiguration={"EmailAddressId": a}, **kw
        )

    def aliases(eid: str) -> list[dict[str, str]]:
        return list(_describe(connect, iid, eid).get("AliasConfigurations", []))

    associate(primary, alias, ClientToken="a-1")
    associate(primary, alias, ClientToken="a-1")  # a retry
    assert aliases(primary) == [{"EmailAddressId": alias}] and aliases(alias) == []
    with raises("IdempotencyException", 409):
        associate(primary, third, ClientToken="a-1")
    refused = [
        ((primary, third), "ResourceConflictException", "at most one alias"),
        ((alias, third), "ResourceConflictException", "cannot be chained"),  # an alias has no alias
        ((third, primary), "ResourceConflictException", "cannot be chained"),  # a primary is no alias
        ((third, alias), "ResourceConflictException", "already an alias"),
        ((third, third), "InvalidRequestException", "itself"),
        ((third, "missing"), "ResourceNotFoundException", "missing"),
        (("missing", third), "ResourceNotFoundException", "missing"),
    ]
    for (p, a), code, match in refused:
        with raises(code, match=match):
            associate(p, a)
    assert aliases(third) == []
    found = connect.search_email_addresses(InstanceId=iid)["EmailAddresses"]
    assert {e["EmailAddressId"]: e.get("AliasConfigurations") for e in found}[primary] == [{"EmailAddressId": alias}]
    with raises("ResourceNotFoundException", 404, match="not an alias"):
        connect.disassociate_email_address_alias(
            InstanceId=iid, EmailAddressId=primary, AliasConfiguration={"EmailAddressId": third}
        )
    connect.disassociate_email_address_alias(
        InstanceId=iid, EmailAddressId=primary, AliasConfiguration={"EmailAddressId": alias}
    )
    assert aliases(primary) == []
    associate(third, fourth)
    # deleting either address removes the relationship
    connect.delete_email_address(InstanceId=iid, EmailAddressId=fourth)
    assert aliases(third) == []
    associate(third, alias)
    connect.delete_email_address(InstanceId=iid, EmailAddressId=third)
    associate(primary, alias)


def test_search(connect: Any, iid: str) -> None:
    a = _create(connect, iid, "billing", DisplayName="Billing", Description="invoices", Tags={"team": "a"})
    b = _create(connect, iid, "bills", DisplayName="Accounts", Tags={"team": "b"})
    c = _create(connect, iid, "help", Description="general")

    def search(criteria: dict[str, Any] | None = None, tags: dict[str, Any] | None = None) -> tuple[set[str], int]:
        request: dict[str, Any] = {"SearchCriteria": criteria} if criteria else {}
        if tags:
            request["SearchFilter"] = {"TagFilter": tags}
        found = connect.search_email_addresses(InstanceId=iid, **request)
        return {e["EmailAddressId"] for e in found["EmailAddresses"]}, found["ApproximateTotalCount"]

    def cond(field: str, value: str, comparison: str = "EXACT") -> dict[str, Any]:
        return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": comparison}}

    assert search() == ({a, b, c}, 3)
    assert search(cond("emailAddress", "bill", "STARTS_WITH")) == ({a, b}, 2)
    assert search(cond("displayName", "Accounts")) == ({b}, 1)
    assert search(cond("description", "VOICE", "CONTAINS")) == ({a}, 1)
    assert search(cond("resourceID", c)) == ({c}, 1)
    assert search({"OrConditions": [cond("displayName", "Billing"), cond("description", "general")]}) == ({a, c}, 2)
    assert search(tags={"TagCondition": {"TagKey": "team", "TagValue": "b"}}) == ({b}, 1)
    item = next(e for e in connect.search_email_addresses(InstanceId=iid)["EmailAddresses"] if e["EmailAddressId"] == a)
    assert item == {
        "EmailAddressId": a,
        "EmailAddressArn": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/email-address/{a}",
        "EmailAddress": f"billing@{DOMAIN}",
        "DisplayName": "Billing",
        "Description": "invoices",
    }
    page = connect.search_email_addresses(InstanceId=iid, MaxResults=2)
    rest = connect.search_email_addresses(InstanceId=iid, MaxResults=2, NextToken=page["NextToken"])
    assert [e["EmailAddressId"] for e in page["EmailAddresses"] + rest["EmailAddresses"]] == [a, b, c]
    with raises("InvalidParameterException", 400, match="supported fields"):
        search(cond("name", "x"))
    with raises("ResourceNotFoundException", 404):
        connect.search_email_addresses(InstanceId="no-such-instance")


def test_queues(connect: Any, iid: str, monkeypatch: pytest.MonkeyPatch) -> None:
    hours = connect.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"][0]["Id"]
    queue = connect.create_queue(InstanceId=iid, Name="Mail", HoursOfOperationId=hours)["QueueId"]
    where = {"InstanceId": iid, "QueueId": queue}
    one, two, three, four = (_create(connect, iid, n) for n in ("one", "two", "three", "four"))

    def listed(**kw: Any) -> list[tuple[str, bool]]:
        answer = connect.list_queue_email_addresses(**where, **kw)
        return [(e["Id"], e["IsDefaultOutboundEmail"]) for e in answer["EmailAddressMetadataList"]]

    assert listed() == []
    connect.associate_queue_email_addresses(**where, EmailAddressesConfig=[{"EmailAddressId": three}])
    connect.associate_queue_email_addresses(
        **where, EmailAddressesConfig=[{"EmailAddressId": one}, {"EmailAddressId": three}]
    )
    connect.update_queue_outbound_email_config(**where, OutboundEmailConfig={"OutboundEmailAddressId": two})
    assert listed() == [(one, False), (two, True), (three, False)]
    answer = connect.list_queue_email_addresses(**where, MaxResults=2)
    assert len(answer["EmailAddressMetadataList"]) == 2 and answer["NextToken"]
    assert answer["LastModifiedRegion"] == "us-east-1"
    described = connect.describe_queue(**where)["Queue"]
    assert described["OutboundEmailConfig"] == {"OutboundEmailAddressId": two}
    assert described["LastModifiedTime"] == answer["LastModifiedTime"]
    # an address a queue uses cannot be deleted
    for used in (one, two):
        with raises("ResourceConflictException", 409, match="in use"):
            connect.delete_email_address(InstanceId=iid, EmailAddressId=used)
    for bad in (
        lambda: connect.associate_queue_email_addresses(**where, EmailAddressesConfig=[{"EmailAddressId": "nope"}]),
        lambda: connect.disassociate_queue_email_addresses(**where, EmailAddressesId=["nope"]),
        lambda: connect.update_queue_outbound_email_config(
            **where, OutboundEmailConfig={"OutboundEmailAddressId": "x"}
        ),
        lambda: connect.list_queue_email_addresses(InstanceId=iid, QueueId="no-queue"),
    ):
        with raises("ResourceNotFoundException", 404):
            bad()
    assert listed() == [(one, False), (two, True), (three, False)]
    connect.disassociate_queue_email_addresses(**where, EmailAddressesId=[one, four])
    connect.update_queue_outbound_email_config(**where, OutboundEmailConfig={})
    assert listed() == [(three, False)]
    assert "OutboundEmailConfig" not in connect.describe_queue(**where)["Queue"]
    connect.delete_email_address(InstanceId=iid, EmailAddressId=one)
    connect.delete_email_address(InstanceId=iid, EmailAddressId=two)
    # 49 addresses besides the default outbound one
    monkeypatch.setattr(email_addresses, "QUEUE_ADDRESSES", 2)
    connect.update_queue_outbound_email_config(**where, OutboundEmailConfig={"OutboundEmailAddressId": four})
    five = _create(connect, iid, "five")
    connect.associate_queue_email_addresses(
        **where, EmailAddressesConfig=[{"EmailAddressId": five}, {"EmailAddressId": four}]
    )
    six = _create(connect, iid, "six")
    with raises("LimitExceededException", 429, match="at most 2 email addresses"):
        connect.associate_queue_email_addresses(**where, EmailAddressesConfig=[{"EmailAddressId": six}])
    with raises("InvalidRequestException", 400, match="at most 2"):
        connect.update_queue_outbound_email_config(**where, OutboundEmailConfig={"OutboundEmailAddressId": six})
    assert sorted(listed()) == sorted([(three, False), (four, True), (five, False)])
    # a queue created with addresses
    created = connect.create_queue(
        InstanceId=iid,
        Name="Created",
        HoursOfOperationId=hours,
        OutboundEmailConfig={"OutboundEmailAddressId": six},
        EmailAddressesConfig=[{"EmailAddressId": five}],
    )
    assert connect.list_queue_email_addresses(InstanceId=iid, QueueId=created["QueueId"])[
        "EmailAddressMetadataList"
    ] == [
        {
            "Id": five,
            "Arn": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/email-address/{five}",
            "IsDefaultOutboundEmail": False,
        },
        {
            "Id": six,
            "Arn": f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/email-address/{six}",
            "IsDefaultOutboundEmail": True,
        },
    ]


def test_delete_drops_the_flow_associations_of_the_address(connect: Any, iid: str) -> None:
    eid = _create(connect, iid, "support")
    arn = _describe(connect, iid, eid)["EmailAddressArn"]
    flows = connect.list_contact_flows(InstanceId=iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"]
    flow = flows[0]["Id"]
    for kind in ("INBOUND_EMAIL", "OUTBOUND_EMAIL"):
        connect.associate_flow(InstanceId=iid, ResourceId=arn, FlowId=flow, ResourceType=kind)
    connect.delete_email_address(InstanceId=iid, EmailAddressId=eid)
    assert connect.list_flow_associations(InstanceId=iid)["FlowAssociationSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        connect.get_flow_association(InstanceId=iid, ResourceId=arn, ResourceType="INBOUND_EMAIL")
    connect.delete_contact_flow(InstanceId=iid, ContactFlowId=flow)  # nothing names it any more


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    server_client(server, "ses", "eu-west-2").verify_domain_identity(Domain="served.example")
    iid = new_instance(connect, "served")["Id"]
    primary = connect.create_email_address(InstanceId=iid, EmailAddress="hi@served.email.connect.aws")
    alias = connect.create_email_address(InstanceId=iid, EmailAddress="hello@served.example", DisplayName="Hello")
    connect.associate_email_address_alias(
        InstanceId=iid,
        EmailAddressId=primary["EmailAddressId"],
        AliasConfiguration={"EmailAddressId": alias["EmailAddressId"]},
    )
    described = connect.describe_email_address(InstanceId=iid, EmailAddressId=primary["EmailAddressArn"])
    assert described["AliasConfigurations"] == [{"EmailAddressId": alias["EmailAddressId"]}]
    assert primary["EmailAddressArn"].startswith("arn:aws:connect:eu-west-2:")
    with raises("InvalidParameterException", 400, match="example.com"):
        connect.create_email_address(InstanceId=iid, EmailAddress="x@example.com")
    found = connect.search_email_addresses(
        InstanceId=iid,
        SearchCriteria={"StringCondition": {"FieldName": "displayName", "Value": "Hello", "ComparisonType": "EXACT"}},
    )
    assert [e["EmailAddressId"] for e in found["EmailAddresses"]] == [alias["EmailAddressId"]]
