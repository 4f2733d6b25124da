"""Valid requests for Global Resiliency: everything needs a replicated (SAML) instance, which
the seed instance is not, so one is made per example; its traffic distribution groups and
users are made for the requests that name them."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conformance.seeds import World, happy
from tests.helpers import new_instance

#: where a world keeps its replicated instance (a name no request member has)
_KEY = "_ReplicatedInstanceId"


def _instance(world: World) -> str:
    found = world.ids.get(_KEY)
    if found:
        return str(found[0])
    alias = f"happy-global-{uuid.uuid4().hex[:8]}"
    connect = world.client()
    created = new_instance(connect, alias, IdentityManagementType="SAML")
    connect.replicate_instance(InstanceId=created["Id"], ReplicaRegion="us-west-2", ReplicaAlias=f"{alias}-replica")
    world.ids[_KEY] = [created["Id"]]
    return str(created["Id"])


def _group(world: World) -> str:
    created = world.client().create_traffic_distribution_group(
        Name=f"happy-{uuid.uuid4().hex[:8]}", InstanceId=_instance(world)
    )
    return str(created["Id"])


def _user(world: World) -> str:
    connect = world.client()
    instance = _instance(world)
    routing = connect.list_routing_profiles(InstanceId=instance)["RoutingProfileSummaryList"][0]["Id"]
    profile = connect.list_security_profiles(InstanceId=instance)["SecurityProfileSummaryList"][0]["Id"]
    created = connect.create_user(
        InstanceId=instance,
        Username=f"happy-{uuid.uuid4().hex[:8]}",
        IdentityInfo={"FirstName": "Happy", "LastName": "Path"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[profile],
        RoutingProfileId=routing,
    )
    return str(created["UserId"])


@happy("connect", "CreateTrafficDistributionGroup")
def _create(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "InstanceId": _instance(world), "Name": f"happy-{uuid.uuid4().hex[:8]}"}


@happy(
    "connect",
    "DescribeTrafficDistributionGroup",
    "DeleteTrafficDistributionGroup",
    "ListTrafficDistributionGroupUsers",
)
def _named(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "TrafficDistributionGroupId": _group(world)}


@happy("connect", "GetTrafficDistribution")
def _get(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Id": _group(world)}


@happy("connect", "UpdateTrafficDistribution")
def _update(world: World, request: dict[str, Any]) -> dict[str, Any]:
    split = [{"Region": "us-east-1", "Percentage": 40}, {"Region": "us-west-2", "Percentage": 60}]
    return {**request, "Id": _group(world), "TelephonyConfig": {"Distributions": split}}


@happy("connect", "AssociateTrafficDistributionGroupUser")
def _associate(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {
        **request,
        "TrafficDistributionGroupId": _group(world),
        "UserId": _user(world),
        "InstanceId": _instance(world),
    }


@happy("connect", "DisassociateTrafficDistributionGroupUser")
def _disassociate(world: World, request: dict[str, Any]) -> dict[str, Any]:
    associated = _associate(world, request)
    world.client().associate_traffic_distribution_group_user(**associated)
    return associated


@happy("connect", "ListTrafficDistributionGroups", "GetCrossRegionRouting")
def _global(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "InstanceId": _instance(world)}


@happy("connect", "UpdateCrossRegionRouting")
def _routing(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "InstanceId": _instance(world), "IsolatedAll": True}


@happy("connect", "ListReplicationFindings")
def _findings(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "InstanceId": _instance(world), "ResourceType": "QUEUE"}
