"""Valid requests of GetFederationToken: the caller (moto's default identity, the IAM user ``moto``)
must be a user of the instance."""

from __future__ import annotations

from typing import Any

from tests.conformance.seeds import World, happy


@happy("connect", "GetFederationToken")
def _get_federation_token(world: World, request: dict[str, Any]) -> dict[str, Any]:
    connect, iid = world.client(), request["InstanceId"]
    profiles = connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
    routing = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"]
    connect.create_user(
        InstanceId=iid,
        Username="moto",
        Password="Happy-Passw0rd",
        IdentityInfo={"FirstName": "Happy", "LastName": "Path"},
        PhoneConfig={"PhoneType": "SOFT_PHONE"},
        SecurityProfileIds=[profiles[0]["Id"]],
        RoutingProfileId=routing[0]["Id"],
    )
    return request
