"""Identity resolution through boto3: rule-based matches computed from the store (attribute type
selectors, rule levels), identity resolution jobs through moto's state manager, ML matches from
the latest job, similar profiles, auto-merging previews, and the errors of each."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.customerprofiles.matching import (
    IDENTITY_RESOLUTION_JOB_MODEL,
    ML_BASED,
    RULE_BASED,
    _last_occurrence,
    match_id,
)
from moto_connect_ext.customerprofiles.models import RULE_BASED_MATCHING_MODEL
from tests.helpers import raises
from tests.servers import server_client

RULES = {
    "Enabled": True,
    "MatchingRules": [{"Rule": ["EmailAddress"]}, {"Rule": ["LastName", "PhoneNumber"]}],
    "AttributeTypesSelector": {
        "AttributeMatchingModel": "MANY_TO_MANY",
        "EmailAddress": ["EmailAddress", "BusinessEmailAddress"],
        "PhoneNumber": ["PhoneNumber", "MobilePhoneNumber"],
    },
}
PROFILES = [
    {"FirstName": "John", "LastName": "Doe", "EmailAddress": "JOHN@example.com", "PhoneNumber": "+1-555-010-0000"},
    {"FirstName": "John", "LastName": "Doe", "BusinessEmailAddress": "john@example.com"},
    {"FirstName": "Jane", "LastName": "Doe", "MobilePhoneNumber": "555-010-0000"},
    {"FirstName": "Zed", "LastName": "Roe", "EmailAddress": "zed@example.com"},
    {"FirstName": "Jane", "LastName": "Doe", "HomePhoneNumber": "555.010.0000"},
]


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    return moto_connect.client("customer-profiles")


def _domain(profiles: Any, name: str = "shop", **settings: Any) -> list[str]:
    profiles.create_domain(DomainName=name, DefaultExpirationDays=30, **settings)
    return [profiles.create_profile(DomainName=name, **p)["ProfileId"] for p in PROFILES]


def test_matches_are_computed_from_the_profiles(moto_connect: Any, profiles: Any) -> None:
    s3 = moto_connect.client("s3")
    s3.create_bucket(Bucket="results")
    exporting = {"S3Exporting": {"S3BucketName": "results", "S3KeyName": "ir/"}}
    a, b, c, _d, e = _domain(
        profiles, Matching={"Enabled": True, "ExportingConfig": exporting}, RuleBasedMatching=RULES
    )

    # rule-based: a~b on the email type (across fields), a~c on last name + phone type at level 2;
    # e's home phone is not a field the selector chose
    rule_id = match_id(RULE_BASED, [a, b, c])
    assert profiles.list_rule_based_matches(DomainName="shop")["MatchIds"] == [rule_id]
    similar = profiles.get_similar_profiles(
        DomainName="shop", MatchType=RULE_BASED, SearchKey="profileId", SearchValue=c, MaxResults=2
    )
    rest = profiles.get_similar_profiles(
        DomainName="shop",
        MatchType=RULE_BASED,
        SearchKey="matchId",
        SearchValue=rule_id,
        NextToken=similar["NextToken"],
    )
    assert similar["ProfileIds"] + rest["ProfileIds"] == [a, b, c]
    assert (similar["MatchId"], similar["RuleLevel"], "ConfidenceScore" in similar) == (rule_id, 2, False)

    # ML: the first identity resolution job ran when matching was first asked about
    [job] = profiles.list_identity_resolution_jobs(DomainName="shop")["IdentityResolutionJobsList"]
    assert job["Status"] == "COMPLETED" and job["JobStats"] == {
        "NumberOfProfilesReviewed": 5,
        "NumberOfMatchesFound": 2,
        "NumberOfMergesDone": 0,
    }
    got = profiles.get_identity_resolution_job(DomainName="shop", JobId=job["JobId"])
    assert got["JobEndTime"] >= got["JobStartTime"] and got["LastUpdatedAt"] == got["JobEndTime"]
    matches = profiles.get_matches(DomainName="shop")
    assert matches["PotentialMatches"] == 2 and matches["MatchGenerationDate"] == got["JobEndTime"]
    assert [(m["ProfileIds"], m["ConfidenceScore"]) for m in matches["Matches"]] == [([a, b], 0.7), ([c, e], 0.5)]
    assert matches["Matches"][0]["MatchId"] == match_id(ML_BASED, [b, a])
    written = s3.get_object(Bucket="results", Key=f"ir/{job['JobId']}")["Body"].read().decode().splitlines()
    assert written == ["MatchId,ProfileId,ConfidenceScore"] + [
        f"{m['MatchId']},{p},{m['ConfidenceScore']}" for m in matches["Matches"] for p in m["ProfileIds"]
    ]

    # results are the latest run's: a new profile waits for the next job
    profiles.create_profile(DomainName="shop", FirstName="Zed", LastName="Roe", EmailAddress="ZED@example.com")
    assert profiles.get_matches(DomainName="shop", MaxResults=1)["Matches"] == matches["Matches"][:1]
    ml = profiles.get_similar_profiles(DomainName="shop", MatchType=ML_BASED, SearchKey="profileId", SearchValue=e)
    assert (ml["ProfileIds"], ml["ConfidenceScore"], "RuleLevel" in ml) == ([c, e], 0.5, False)

    # auto-merging preview: no change to the store
    preview = profiles.get_auto_merging_preview(
        DomainName="shop",
        Consolidation={"MatchingAttributesList": [["FirstName", "LastName"]]},
        ConflictResolution={"ConflictResolvingModel": "RECENCY"},
    )
    assert (preview["NumberOfMatchesInSample"], preview["NumberOfProfilesInSample"]) == (2, 4)
    assert preview["NumberOfProfilesWillBeMerged"] == 4
    strict = profiles.get_auto_merging_preview(
        DomainName="shop",
        Consolidation={"MatchingAttributesList": [["EmailAddress"], ["FirstName", "Address.City"]]},
        ConflictResolution={"ConflictResolvingModel": "RECENCY"},
        MinAllowedConfidenceScoreForMerging=0.6,
    )
    assert strict["NumberOfProfilesWillBeMerged"] == 0
    assert profiles.get_domain(DomainName="shop")["Stats"]["ProfileCount"] == 6

    # errors
    cases = [
        (lambda: profiles.get_similar_profiles(**_similar(RULE_BASED, "email", "x")), "BadRequestException"),
        (lambda: profiles.get_similar_profiles(**_similar(RULE_BASED, "matchId", "0" * 32)), "ResourceNotFound"),
        (lambda: profiles.get_similar_profiles(**_similar(RULE_BASED, "profileId", e)), "ResourceNotFound"),
        (lambda: profiles.get_similar_profiles(**_similar(ML_BASED, "profileId", "f" * 32)), "ResourceNotFound"),
        (lambda: profiles.get_identity_resolution_job(DomainName="shop", JobId="a" * 32), "ResourceNotFound"),
        (lambda: profiles.get_matches(DomainName="nowhere"), "ResourceNotFound"),
        (lambda: _preview(profiles, [["Shoe"]], {"ConflictResolvingModel": "RECENCY"}), "BadRequestException"),
        (lambda: _preview(profiles, [["FirstName"]], {"ConflictResolvingModel": "SOURCE"}), "BadRequestException"),
    ]
    for call, code in cases:
        with raises(code if code.endswith("Exception") else code + "Exception"):
            call()


def _similar(match_type: str, key: str, value: str) -> dict[str, Any]:
    return {"DomainName": "shop", "MatchType": match_type, "SearchKey": key, "SearchValue": value}


def _preview(profiles: Any, attributes: list[list[str]], conflict: dict[str, Any]) -> Any:
    return profiles.get_auto_merging_preview(
        DomainName="shop", Consolidation={"MatchingAttributesList": attributes}, ConflictResolution=conflict
    )


def test_matching_must_be_enabled(profiles: Any) -> None:
    _domain(profiles)
    assert profiles.list_identity_resolution_jobs(DomainName="shop")["IdentityResolutionJobsList"] == []
    for call in (
        lambda: profiles.get_matches(DomainName="shop"),
        lambda: profiles.list_rule_based_matches(DomainName="shop"),
        lambda: profiles.get_similar_profiles(**_similar(RULE_BASED, "matchId", "x")),
        lambda: profiles.get_similar_profiles(**_similar(ML_BASED, "matchId", "x")),
        lambda: _preview(profiles, [["FirstName"]], {"ConflictResolvingModel": "RECENCY"}),
    ):
        with raises("BadRequestException", 400, match="not enabled"):
            call()


def test_jobs_move_through_the_state_manager(profiles: Any) -> None:
    state_manager.set_transition(IDENTITY_RESOLUTION_JOB_MODEL, {"progression": "manual", "times": 1})
    state_manager.set_transition(RULE_BASED_MATCHING_MODEL, {"progression": "manual", "times": 2})
    try:
        exporting = {"S3Exporting": {"S3BucketName": "results", "S3KeyName": "ir"}}
        _domain(profiles, Matching={"Enabled": True, "ExportingConfig": exporting}, RuleBasedMatching=RULES)
        assert profiles.list_rule_based_matches(DomainName="shop")["MatchIds"] == []  # not ACTIVE yet
        [job] = profiles.list_identity_resolution_jobs(DomainName="shop")["IdentityResolutionJobsList"]
        assert job["Status"] == "PENDING" and "JobStats" not in job
        assert job["ExportingLocation"]["S3Exporting"] == {"S3BucketName": "results", "S3KeyName": f"ir/{job['JobId']}"}
        assert profiles.get_matches(DomainName="shop")["Matches"] == []
        seen = []
        for _ in range(5):
            got = profiles.get_identity_resolution_job(DomainName="shop", JobId=job["JobId"])
            seen.append((got["Status"], sorted(got.get("JobStats", {}))))
        assert seen == [
            ("PREPROCESSING", ["NumberOfProfilesReviewed"]),
            ("FIND_MATCHING", ["NumberOfProfilesReviewed"]),
            ("MERGING", ["NumberOfMatchesFound", "NumberOfProfilesReviewed"]),
            ("PARTIAL_SUCCESS", ["NumberOfMatchesFound", "NumberOfMergesDone", "NumberOfProfilesReviewed"]),
            ("PARTIAL_SUCCESS", ["NumberOfMatchesFound", "NumberOfMergesDone", "NumberOfProfilesReviewed"]),
        ]
        assert profiles.get_matches(DomainName="shop")["PotentialMatches"] == 2
        # the bucket does not exist: matches are there, the export is not
        assert "bucket results does not exist" in got["Message"] and got["JobEndTime"] >= got["JobStartTime"]
    finally:
        state_manager.unset_transition(IDENTITY_RESOLUTION_JOB_MODEL)
        state_manager.unset_transition(RULE_BASED_MATCHING_MODEL)


def test_jobs_follow_the_weekly_schedule() -> None:
    saturday = dt.datetime(2024, 6, 8, 0, 0, tzinfo=dt.timezone.utc)
    assert _last_occurrence({}, saturday + dt.timedelta(days=3)) == saturday
    assert _last_occurrence({}, saturday - dt.timedelta(minutes=1)) == saturday - dt.timedelta(days=7)
    tuesday = {"JobSchedule": {"DayOfTheWeek": "TUESDAY", "Time": "13:30"}}
    at = dt.datetime(2024, 6, 11, 13, 29, tzinfo=dt.timezone.utc)
    assert _last_occurrence(tuesday, at) == dt.datetime(2024, 6, 4, 13, 30, tzinfo=dt.timezone.utc)
    assert _last_occurrence(tuesday, at + dt.timedelta(minutes=1)) == at + dt.timedelta(minutes=1)


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="matched", DefaultExpirationDays=7, Matching={"Enabled": True})
    for _ in range(2):
        profiles.create_profile(DomainName="matched", FirstName="Ann", EmailAddress="ann@example.com")
    matches = profiles.get_matches(DomainName="matched")["Matches"]
    assert len(matches) == 1 and matches[0]["ConfidenceScore"] == 0.7
    with raises("BadRequestException", 400):
        profiles.list_rule_based_matches(DomainName="matched")
