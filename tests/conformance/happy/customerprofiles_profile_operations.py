"""Valid requests for profiles: a profile of its own with the key a request removes, profiles
to merge into another, and an attribute name the domain's profiles have."""

from __future__ import annotations

from typing import Any

from tests.conformance.seeds import World, happy


def _profile(world: World, domain: str) -> str:
    return str(world.client().create_profile(DomainName=domain, FirstName="Happy")["ProfileId"])


@happy("customer-profiles", "DeleteProfileKey")
def _delete_profile_key(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    pid = _profile(world, domain)
    world.client().add_profile_key(DomainName=domain, ProfileId=pid, KeyName="_orderId", Values=["happy"])
    return {**request, "ProfileId": pid, "KeyName": "_orderId", "Values": ["happy"]}


@happy("customer-profiles", "MergeProfiles")
def _merge_profiles(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    return {
        "DomainName": domain,
        "MainProfileId": _profile(world, domain),
        "ProfileIdsToBeMerged": [_profile(world, domain)],
    }


@happy("customer-profiles", "ListProfileAttributeValues")
def _attribute_values(world: World, request: dict[str, Any]) -> dict[str, Any]:
    _profile(world, request["DomainName"])
    return {**request, "AttributeName": "FirstName"}


@happy("customer-profiles", "GetProfileHistoryRecord")
def _history_record(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    pid = _profile(world, domain)
    records = world.client().list_profile_history_records(DomainName=domain, ProfileId=pid)
    return {**request, "ProfileId": pid, "Id": records["ProfileHistoryRecords"][0]["Id"]}
