"""Global Resiliency through boto3: traffic distribution groups (both Regions), their
distributions, users and phone numbers, cross-Region routing, replication findings, server mode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connect.models import REPLICATION_MODEL
from moto_connect_ext.connect.traffic_distribution import TDG_MODEL
from tests.helpers import new_instance, raises
from tests.servers import server_client

EAST, WEST = "us-east-1", "us-west-2"


def _split(east: int, west: int) -> dict[str, Any]:
    return {"Distributions": [{"Region": EAST, "Percentage": east}, {"Region": WEST, "Percentage": west}]}


def _sign_in(east: bool, west: bool) -> dict[str, Any]:
    return {"Distributions": [{"Region": EAST, "Enabled": east}, {"Region": WEST, "Enabled": west}]}


class Global:
    """A SAML instance in us-east-1 replicated to us-west-2, a client in each Region."""

    def __init__(self, moto_connect: Any, alias: str = "global", replicate: bool = True) -> None:
        self.east = moto_connect.client("connect", region_name=EAST)
        self.west = moto_connect.client("connect", region_name=WEST)
        created = new_instance(self.east, alias, IdentityManagementType="SAML")
        self.iid, self.arn = created["Id"], created["Arn"]
        if replicate:
            self.east.replicate_instance(InstanceId=self.iid, ReplicaRegion=WEST, ReplicaAlias=f"{alias}-replica")

    def groups(self, client: Any = None, **kw: Any) -> list[dict[str, Any]]:
        pages = (client or self.east).get_paginator("list_traffic_distribution_groups").paginate(**kw)
        return [g for page in pages for g in page["TrafficDistributionGroupSummaryList"]]

    def default(self) -> dict[str, Any]:
        return next(g for g in self.groups(InstanceId=self.iid) if g["IsDefault"])

    def create(self, name: str, **kw: Any) -> dict[str, Any]:
        created = self.east.create_traffic_distribution_group(Name=name, InstanceId=self.iid, **kw)
        return {"Id": created["Id"], "Arn": created["Arn"]}

    def user(self, username: str) -> str:
        routing = self.east.list_routing_profiles(InstanceId=self.iid)["RoutingProfileSummaryList"][0]["Id"]
        profiles = self.east.list_security_profiles(InstanceId=self.iid)["SecurityProfileSummaryList"]
        return str(
            self.east.create_user(
                InstanceId=self.iid,
                Username=username,
                IdentityInfo={"FirstName": "A", "LastName": username},
                PhoneConfig={"PhoneType": "SOFT_PHONE"},
                SecurityProfileIds=[profiles[0]["Id"]],
                RoutingProfileId=routing,
            )["UserId"]
        )

    def number(self) -> str:
        found = self.east.search_available_phone_numbers(
            TargetArn=self.arn, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
        )
        return str(found["AvailableNumbersList"][0]["PhoneNumber"])


@pytest.fixture
def manual() -> Iterator[None]:
    """A status moves on the second describe."""
    state_manager.set_transition(TDG_MODEL, {"progression": "manual", "times": 2})
    yield
    state_manager.unset_transition(TDG_MODEL)


def test_groups_in_both_regions(moto_connect: Any) -> None:
    g = Global(moto_connect, replicate=False)
    with raises("InvalidRequestException", 400, match="has not been replicated"):
        g.create("early")
    with raises("InvalidRequestException", 400, match="not replicated"):
        g.east.get_cross_region_routing(InstanceId=g.iid)
    assert g.groups() == []
    g.east.replicate_instance(InstanceId=g.iid, ReplicaRegion=WEST, ReplicaAlias="global-replica")

    # replication gave the instance its default group
    default = g.default()
    assert default["Name"] == "default-traffic-distribution-group" and default["Status"] == "ACTIVE"
    assert default["InstanceArn"] == g.arn
    created = g.create("Sales", Description="Sales lines", Tags={"team": "sales"}, ClientToken="t-1")
    tid, arn = created["Id"], created["Arn"]
    assert arn == f"arn:aws:connect:{EAST}:123456789012:traffic-distribution-group/{tid}"
    assert g.create("Sales", Description="Sales lines", Tags={"team": "sales"}, ClientToken="t-1") == created
    with raises("InvalidRequestException", 400, match="client token"):
        g.create("Other", ClientToken="t-1")
    with raises("ResourceConflictException", 409, match="Sales"):
        g.create("Sales")
    described = g.east.describe_traffic_distribution_group(TrafficDistributionGroupId=tid)["TrafficDistributionGroup"]
    assert described == {
        "Id": tid,
        "Arn": arn,
        "Name": "Sales",
        "Description": "Sales lines",
        "InstanceArn": g.arn,
        "Status": "ACTIVE",
        "Tags": {"team": "sales"},
        "IsDefault": False,
    }
    # the replica Region sees it by its ARN only, and lists it
    assert g.west.describe_traffic_distribution_group(TrafficDistributionGroupId=arn)["TrafficDistributionGroup"] == (
        described
    )
    with raises("ResourceNotFoundException", 404, match="ARN"):
        g.west.describe_traffic_distribution_group(TrafficDistributionGroupId=tid)
    assert [x["Id"] for x in g.groups(g.west, InstanceId=g.iid)] == [default["Id"], tid]
    with raises("InvalidRequestException", 400, match="source Region"):
        g.west.create_traffic_distribution_group(Name="West", InstanceId=g.iid)

    g.east.tag_resource(resourceArn=arn, tags={"env": "prod"})
    assert g.east.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "sales", "env": "prod"}

    # stable pages of at most MaxResults, filtered by instance
    other = Global(moto_connect, "other")
    more = [g.create(f"g{i}")["Id"] for i in range(3)]
    seen, token = [], None
    while True:
        page = g.east.list_traffic_distribution_groups(
            InstanceId=g.iid, MaxResults=1, **({"NextToken": token} if token else {})
        )
        seen += [x["Id"] for x in page["TrafficDistributionGroupSummaryList"]]
        if seen[-1] == tid:
            g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=more[0])
        token = page.get("NextToken")
        if not token:
            break
    assert seen == [default["Id"], tid, *more[1:]]
    assert {x["Id"] for x in g.groups()} == {default["Id"], tid, *more[1:], other.default()["Id"]}
    with raises("InvalidRequestException", 400, match="Instance not found"):
        g.east.list_traffic_distribution_groups(InstanceId="00000000-0000-0000-0000-000000000000")

    # deletes: not the default one, only in the source Region, only what exists
    with raises("InvalidRequestException", 400, match="default"):
        g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=default["Id"])
    with raises("InvalidRequestException", 400, match="only in us-east-1"):
        g.west.delete_traffic_distribution_group(TrafficDistributionGroupId=arn)
    g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=arn)
    for client, ident in ((g.east, tid), (g.west, arn)):
        with raises("ResourceNotFoundException", 404):
            client.describe_traffic_distribution_group(TrafficDistributionGroupId=ident)
    with raises("InvalidRequestException", 400, match="not found"):
        g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=tid)
    with raises("ResourceNotFoundException", 404):
        g.east.list_tags_for_resource(resourceArn=arn)
    g.create("Sales")  # the name is free again


def test_distributions(moto_connect: Any) -> None:
    g = Global(moto_connect)
    default = g.default()["Id"]
    tid = g.create("Support")["Id"]
    first = g.east.get_traffic_distribution(Id=tid)
    first.pop("ResponseMetadata")
    assert first == {
        "Id": tid,
        "Arn": f"arn:aws:connect:{EAST}:123456789012:traffic-distribution-group/{tid}",
        "TelephonyConfig": _split(100, 0),
        "SignInConfig": _sign_in(True, False),
        "AgentConfig": _split(100, 0),
    }
    bad = [
        ({"AgentConfig": _split(50, 50), "TelephonyConfig": _split(60, 30)}, "add up to 100, not 90"),
        ({"TelephonyConfig": _split(55, 45)}, "increments of 10"),
        ({"AgentConfig": {"Distributions": [{"Region": EAST, "Percentage": 100}]}}, "us-west-2 missing"),
        ({"AgentConfig": {"Distributions": [{"Region": EAST, "Percentage": 50}] * 2}}, "more than once"),
        ({"TelephonyConfig": {"Distributions": [{"Region": "eu-west-2", "Percentage": 100}]}}, "not a Region"),
        ({"SignInConfig": _sign_in(True, True)}, "only on the default"),
        ({}, "at least one"),
    ]
    for request, match in bad:
        with raises("InvalidRequestException", 400, match=match):
            g.east.update_traffic_distribution(Id=tid, **request)
    assert g.east.get_traffic_distribution(Id=tid)["AgentConfig"] == _split(100, 0)  # nothing changed
    # the same SignInConfig is not a change; the replica Region names the group by its ARN
    arn = g.east.describe_traffic_distribution_group(TrafficDistributionGroupId=tid)["TrafficDistributionGroup"]["Arn"]
    g.west.update_traffic_distribution(
        Id=arn, TelephonyConfig=_split(0, 100), AgentConfig=_split(20, 80), SignInConfig=_sign_in(True, False)
    )
    shifted = g.west.get_traffic_distribution(Id=arn)
    assert (shifted["TelephonyConfig"], shifted["AgentConfig"]) == (_split(0, 100), _split(20, 80))
    assert "LastFailoverTime" in shifted
    with raises("ResourceNotFoundException", 404):
        g.west.get_traffic_distribution(Id=tid)
    # the default group's sign-in can move; at least one Region stays enabled
    g.east.update_traffic_distribution(Id=default, SignInConfig=_sign_in(False, True))
    assert g.east.get_traffic_distribution(Id=default)["SignInConfig"] == _sign_in(False, True)
    with raises("InvalidRequestException", 400, match="at least one Region"):
        g.east.update_traffic_distribution(Id=default, SignInConfig=_sign_in(False, False))
    with raises("ResourceNotFoundException", 404):
        g.east.get_traffic_distribution(Id="00000000-0000-0000-0000-000000000000")


def test_users(moto_connect: Any) -> None:
    g = Global(moto_connect)
    default = g.default()["Id"]
    tid = g.create("Agents")["Id"]
    arn = g.east.describe_traffic_distribution_group(TrafficDistributionGroupId=tid)["TrafficDistributionGroup"]["Arn"]
    users = [g.user(f"agent{i}") for i in range(3)]
    user_arn = g.east.describe_user(InstanceId=g.iid, UserId=users[1])["User"]["Arn"]
    g.east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=tid, UserId=users[0], InstanceId=g.iid)
    g.east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=arn, UserId=user_arn, InstanceId=g.iid)
    g.east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=tid, UserId=users[0], InstanceId=g.iid)
    first = g.east.list_traffic_distribution_group_users(TrafficDistributionGroupId=tid, MaxResults=1)
    assert first["TrafficDistributionGroupUserSummaryList"] == [{"UserId": users[0]}]
    rest = g.west.list_traffic_distribution_group_users(TrafficDistributionGroupId=arn, NextToken=first["NextToken"])
    assert rest["TrafficDistributionGroupUserSummaryList"] == [{"UserId": users[1]}] and "NextToken" not in rest
    whole = g.east.list_traffic_distribution_group_users(TrafficDistributionGroupId=tid, MaxResults=1000)
    assert whole["TrafficDistributionGroupUserSummaryList"] == [{"UserId": users[0]}, {"UserId": users[1]}]

    with raises("ResourceConflictException", 409, match=tid):
        g.east.associate_traffic_distribution_group_user(
            TrafficDistributionGroupId=default, UserId=users[0], InstanceId=g.iid
        )
    with raises("ResourceNotFoundException", 404, match="not a user"):
        g.east.associate_traffic_distribution_group_user(
            TrafficDistributionGroupId=tid, UserId="nobody", InstanceId=g.iid
        )
    with raises("InvalidRequestException", 400, match="only in us-east-1"):
        g.west.associate_traffic_distribution_group_user(
            TrafficDistributionGroupId=arn, UserId=users[2], InstanceId=g.iid
        )
    other = Global(moto_connect, "other")
    with raises("InvalidRequestException", 400, match="belongs to instance"):
        g.east.associate_traffic_distribution_group_user(
            TrafficDistributionGroupId=tid, UserId=users[2], InstanceId=other.iid
        )
    with raises("ResourceNotFoundException", 404):
        g.east.associate_traffic_distribution_group_user(
            TrafficDistributionGroupId="00000000-0000-0000-0000-000000000000", UserId=users[2], InstanceId=g.iid
        )

    g.east.disassociate_traffic_distribution_group_user(
        TrafficDistributionGroupId=tid, UserId=users[0], InstanceId=g.iid
    )
    with raises("ResourceNotFoundException", 404, match="not associated"):
        g.east.disassociate_traffic_distribution_group_user(
            TrafficDistributionGroupId=tid, UserId=users[0], InstanceId=g.iid
        )
    g.east.associate_traffic_distribution_group_user(
        TrafficDistributionGroupId=default, UserId=users[0], InstanceId=g.iid
    )
    g.east.delete_user(InstanceId=g.iid, UserId=users[1])  # a deleted user is no longer listed
    listed = g.east.list_traffic_distribution_group_users(TrafficDistributionGroupId=tid)
    assert listed["TrafficDistributionGroupUserSummaryList"] == []


def test_phone_numbers_claimed_to_a_group(moto_connect: Any) -> None:
    g = Global(moto_connect)
    tid = g.create("Lines")["Id"]
    arn = g.east.describe_traffic_distribution_group(TrafficDistributionGroupId=tid)["TrafficDistributionGroup"]["Arn"]
    claimed = g.east.claim_phone_number(TargetArn=arn, PhoneNumber=g.number())
    summary = g.east.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])["ClaimedPhoneNumberSummary"]
    assert (summary["TargetArn"], summary["InstanceId"]) == (arn, g.iid)
    again = g.east.claim_phone_number(TargetArn=arn, InstanceId=g.iid, PhoneNumber=g.number())
    listed = g.east.list_phone_numbers_v2(TargetArn=arn)["ListPhoneNumbersSummaryList"]
    assert {n["PhoneNumberId"] for n in listed} == {claimed["PhoneNumberId"], again["PhoneNumberId"]}
    other = Global(moto_connect, "other")
    with raises("InvalidParameterException", 400, match="different instances"):
        g.east.claim_phone_number(TargetArn=arn, InstanceId=other.iid, PhoneNumber=g.number())
    with raises("ResourceNotFoundException", 404):
        g.east.claim_phone_number(TargetArn=arn.replace(tid, "0" * 8 + tid[8:]), PhoneNumber=g.number())

    with raises("ResourceInUseException", 409, match="phone numbers"):
        g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=tid)
    g.east.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    g.east.update_phone_number(PhoneNumberId=again["PhoneNumberId"], InstanceId=g.iid)  # moved to the instance
    g.east.describe_phone_number(PhoneNumberId=again["PhoneNumberId"])
    g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=tid)

    # a number claimed to the group of a deleted instance is released with it
    kept = g.east.claim_phone_number(TargetArn=g.default()["Arn"], PhoneNumber=g.number())
    g.east.delete_instance(InstanceId=g.iid)
    with raises("ResourceNotFoundException", 404):
        g.east.describe_phone_number(PhoneNumberId=kept["PhoneNumberId"])


def test_a_number_claimed_to_a_group_runs_a_flow_of_its_instance(moto_connect: Any) -> None:
    # AssociatePhoneNumberContactFlow: in the group's Region "you can use either a full phone number ARN or UUID"
    g = Global(moto_connect)
    claimed = g.east.claim_phone_number(TargetArn=g.default()["Arn"], PhoneNumber=g.number())
    flows = g.east.list_contact_flows(InstanceId=g.iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"]
    flow = flows[0]
    for ident in (claimed["PhoneNumberId"], claimed["PhoneNumberArn"]):
        g.east.associate_phone_number_contact_flow(PhoneNumberId=ident, InstanceId=g.iid, ContactFlowId=flow["Id"])
    listed = g.east.list_flow_associations(InstanceId=g.iid)["FlowAssociationSummaryList"]
    assert listed == [
        {"ResourceId": claimed["PhoneNumberArn"], "FlowId": flow["Arn"], "ResourceType": "VOICE_PHONE_NUMBER"}
    ]
    with raises("InvalidRequestException", 400):
        g.east.delete_contact_flow(InstanceId=g.iid, ContactFlowId=flow["Id"])
    g.east.disassociate_phone_number_contact_flow(PhoneNumberId=claimed["PhoneNumberId"], InstanceId=g.iid)
    assert g.east.list_flow_associations(InstanceId=g.iid)["FlowAssociationSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        g.east.disassociate_phone_number_contact_flow(PhoneNumberId=claimed["PhoneNumberId"], InstanceId=g.iid)


def test_a_group_s_numbers_are_read_from_its_other_region(moto_connect: Any) -> None:
    # DescribePhoneNumber: from the alternate Region "you must provide a full phone number ARN";
    # ListPhoneNumbersV2 and SearchAvailablePhoneNumbers: "you can call this API in both ... Regions"
    g = Global(moto_connect)
    group = g.default()["Arn"]
    claimed = g.east.claim_phone_number(TargetArn=group, PhoneNumber=g.number(), Tags={"k": "v"})
    summary = g.west.describe_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])["ClaimedPhoneNumberSummary"]
    assert (summary["PhoneNumberId"], summary["TargetArn"], summary["Tags"]) == (
        claimed["PhoneNumberId"],
        group,
        {"k": "v"},
    )
    with raises("ResourceNotFoundException", 404):
        g.west.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    listed = g.west.list_phone_numbers_v2(TargetArn=group, InstanceId=g.iid)["ListPhoneNumbersSummaryList"]
    assert [n["PhoneNumberArn"] for n in listed] == [claimed["PhoneNumberArn"]]
    found = g.west.search_available_phone_numbers(
        TargetArn=group, PhoneNumberCountryCode="US", PhoneNumberType="DID", MaxResults=1
    )["AvailableNumbersList"]
    assert found and found[0]["PhoneNumber"] != summary["PhoneNumber"]
    # claims and releases stay in the group's Region
    with raises("ResourceNotFoundException", 404):
        g.west.claim_phone_number(TargetArn=group, PhoneNumber=found[0]["PhoneNumber"])
    with raises("ResourceNotFoundException", 404):
        g.west.release_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])
    # a number of an instance (no group) is not seen from another Region
    alone = Global(moto_connect, "alone", replicate=False)
    number = g.east.claim_phone_number(TargetArn=alone.arn, PhoneNumber=g.number())
    with raises("ResourceNotFoundException", 404):
        g.west.describe_phone_number(PhoneNumberId=number["PhoneNumberArn"])


def test_statuses(moto_connect: Any, manual: None) -> None:
    g = Global(moto_connect)
    tid = g.create("Slow")["Id"]
    arn = f"arn:aws:connect:{EAST}:123456789012:traffic-distribution-group/{tid}"
    user = g.user("agent")
    with raises("InvalidRequestException", 400, match="CREATION_IN_PROGRESS"):
        g.east.get_traffic_distribution(Id=tid)
    with raises("InvalidParameterException", 400, match="CREATION_IN_PROGRESS"):
        g.east.claim_phone_number(TargetArn=arn, PhoneNumber=g.number())
    with raises("ResourceNotFoundException", 404, match="CREATION_IN_PROGRESS"):
        g.east.associate_traffic_distribution_group_user(TrafficDistributionGroupId=tid, UserId=user, InstanceId=g.iid)
    with raises("InvalidRequestException", 400, match="wait until it is ACTIVE"):
        g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=tid)

    def status() -> str:
        return str(
            g.east.describe_traffic_distribution_group(TrafficDistributionGroupId=tid)["TrafficDistributionGroup"][
                "Status"
            ]
        )

    assert [status(), status()] == ["CREATION_IN_PROGRESS", "ACTIVE"]
    g.east.update_traffic_distribution(Id=tid, TelephonyConfig=_split(50, 50))
    with raises("ResourceConflictException", 409, match="still in progress"):
        g.east.update_traffic_distribution(Id=tid, TelephonyConfig=_split(40, 60))
    assert [status(), status()] == ["UPDATE_IN_PROGRESS", "ACTIVE"]
    g.east.update_traffic_distribution(Id=tid, TelephonyConfig=_split(50, 50))  # no change: nothing in progress
    assert status() == "ACTIVE"
    g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=tid)
    with raises("InvalidRequestException", 400, match="already being deleted"):
        g.east.delete_traffic_distribution_group(TrafficDistributionGroupId=tid)
    assert status() == "PENDING_DELETION"
    with raises("ResourceNotFoundException", 404):
        status()


def test_cross_region_routing_and_findings(moto_connect: Any) -> None:
    g = Global(moto_connect)
    assert g.west.get_cross_region_routing(InstanceId=g.iid)["IsolatedRegions"] == []
    g.west.update_cross_region_routing(InstanceId=g.iid, IsolatedAll=True)
    assert g.east.get_cross_region_routing(InstanceId=g.arn)["IsolatedRegions"] == [EAST, WEST]
    g.east.update_cross_region_routing(InstanceId=g.iid, IsolatedAll=False)
    assert g.west.get_cross_region_routing(InstanceId=g.iid)["IsolatedRegions"] == []
    with raises("ResourceNotFoundException", 404):
        g.east.get_cross_region_routing(InstanceId="00000000-0000-0000-0000-000000000000")

    findings = g.west.list_replication_findings(InstanceId=g.iid, ResourceType="QUEUE")
    assert findings["ReplicationFindingsList"] == []
    assert findings["ResourceReplicationStatuses"] == [
        {"Region": EAST, "Status": "ENABLED"},
        {"Region": WEST, "Status": "ENABLED"},
    ]
    assert [(c["Region"], c["Count"]) for c in findings["ApproximateDriftedResourceCounts"]] == [(WEST, 0)]
    with raises("InvalidRequestException", 400, match="not supported"):
        g.east.list_replication_findings(InstanceId=g.iid, ResourceType="CONTACT")
    alone = Global(moto_connect, "alone", replicate=False)
    with raises("InvalidRequestException", 400, match="Global Resiliency"):
        g.east.list_replication_findings(InstanceId=alone.iid, ResourceType="QUEUE")

    # while a replica is being made, the source's resources of the type are not in sync yet
    state_manager.set_transition(REPLICATION_MODEL, {"progression": "manual", "times": 99})
    try:
        slow = Global(moto_connect, "slow")
        prompts = len(slow.east.list_prompts(InstanceId=slow.iid)["PromptSummaryList"])
        counts = slow.east.list_replication_findings(InstanceId=slow.iid, ResourceType="PROMPT")
        assert [(c["Region"], c["Count"]) for c in counts["ApproximateDriftedResourceCounts"]] == [(WEST, prompts)]
        with raises("ResourceNotReadyException", 409):
            slow.create("Early")
        with raises("ResourceConflictException", 409, match="still in progress"):
            slow.east.update_cross_region_routing(InstanceId=slow.iid, IsolatedAll=True)
    finally:
        state_manager.unset_transition(REPLICATION_MODEL)


def test_family_in_server_mode(server: str) -> None:
    east = server_client(server, "connect", EAST)
    west = server_client(server, "connect", WEST)
    iid = new_instance(east, "served", IdentityManagementType="SAML")["Id"]
    east.replicate_instance(InstanceId=iid, ReplicaRegion=WEST, ReplicaAlias="served-replica")
    created = east.create_traffic_distribution_group(Name="Served", InstanceId=iid)
    west.update_traffic_distribution(Id=created["Arn"], TelephonyConfig=_split(30, 70))
    assert west.get_traffic_distribution(Id=created["Arn"])["TelephonyConfig"] == _split(30, 70)
    assert len(west.list_traffic_distribution_groups(InstanceId=iid)["TrafficDistributionGroupSummaryList"]) == 2
    with raises("InvalidRequestException", 400, match="add up to 100"):
        east.update_traffic_distribution(Id=created["Id"], TelephonyConfig=_split(30, 30))
    east.delete_traffic_distribution_group(TrafficDistributionGroupId=created["Id"])
    assert east.get_cross_region_routing(InstanceId=iid)["IsolatedRegions"] == []
