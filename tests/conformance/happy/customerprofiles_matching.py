"""Valid requests for identity resolution: a domain with ML and rule-based matching on and two
profiles that match."""

from __future__ import annotations

import contextlib
from typing import Any

from botocore.exceptions import ClientError

from tests.conformance.seeds import World, happy

MATCHED = "happy-matching"
_RULES = {"Enabled": True, "MatchingRules": [{"Rule": ["EmailAddress"]}]}


def _matched_domain(world: World) -> list[str]:
    """A domain with ML and rule-based matching on, and two profiles that match; their IDs."""
    client = world.client()
    with contextlib.suppress(ClientError):  # made by an earlier request of this world
        client.create_domain(
            DomainName=MATCHED, DefaultExpirationDays=30, Matching={"Enabled": True}, RuleBasedMatching=_RULES
        )
    found = client.search_profiles(DomainName=MATCHED, KeyName="_email", Values=["happy@example.com"])["Items"]
    if len(found) >= 2:
        return [p["ProfileId"] for p in found]
    return [
        client.create_profile(DomainName=MATCHED, FirstName="Happy", EmailAddress="happy@example.com")["ProfileId"]
        for _ in range(2)
    ]


@happy("customer-profiles", "GetMatches", "ListRuleBasedMatches", "ListIdentityResolutionJobs")
def _matches(world: World, request: dict[str, Any]) -> dict[str, Any]:
    _matched_domain(world)
    return {**request, "DomainName": MATCHED}


@happy("customer-profiles", "GetIdentityResolutionJob")
def _job(world: World, request: dict[str, Any]) -> dict[str, Any]:
    _matched_domain(world)
    jobs = world.client().list_identity_resolution_jobs(DomainName=MATCHED)["IdentityResolutionJobsList"]
    return {**request, "DomainName": MATCHED, "JobId": jobs[0]["JobId"]}


@happy("customer-profiles", "GetSimilarProfiles")
def _similar(world: World, request: dict[str, Any]) -> dict[str, Any]:
    profile = _matched_domain(world)[0]
    return {
        **request,
        "DomainName": MATCHED,
        "MatchType": "ML_BASED_MATCHING",
        "SearchKey": "profileId",
        "SearchValue": profile,
    }


@happy("customer-profiles", "GetAutoMergingPreview")
def _preview(world: World, request: dict[str, Any]) -> dict[str, Any]:
    _matched_domain(world)
    return {
        **request,
        "DomainName": MATCHED,
        "Consolidation": {"MatchingAttributesList": [["EmailAddress"]]},
        "ConflictResolution": {"ConflictResolvingModel": "RECENCY"},
    }
