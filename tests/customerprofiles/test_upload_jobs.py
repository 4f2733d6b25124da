"""Customer Profiles upload jobs through boto3: the field mapping checked, the upload path, CSV files
read from moto's S3 and ingested as profiles by their unique key (created, updated, failed rows),
statuses through moto's state manager, stopping, paging, and the family in server mode."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.customerprofiles.upload_jobs import UPLOAD_JOB_MODEL
from tests.helpers import raises
from tests.servers import server_client

FIELDS = {
    "email": {"Source": "_source.email", "Target": "_profile.EmailAddress", "ContentType": "EMAIL_ADDRESS"},
    "first": {"Source": "_source.first", "Target": "_profile.FirstName", "ContentType": "NAME"},
    "city": {"Source": "_source.city", "Target": "_profile.Address.City", "ContentType": "STRING"},
    "tier": {"Source": "_source.tier", "Target": "_profile.Attributes.tier", "ContentType": "NUMBER"},
}


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)
    return client


def upload(moto_connect: Any, profiles: Any, job: str, body: str) -> None:
    """Put the CSV where the job's upload URL points (the service's bucket, made in moto's S3)."""
    path = profiles.get_upload_job_path(DomainName="shop", JobId=job)
    parts = urlsplit(path["Url"])
    bucket = parts.hostname.split(".s3.")[0]  # type: ignore[union-attr]
    s3 = moto_connect.client("s3")
    if bucket not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key=unquote(parts.path[1:]), Body=body.encode())


def new_job(profiles: Any, name: str = "customers.csv", **extra: Any) -> str:
    return str(
        profiles.create_upload_job(DomainName="shop", DisplayName=name, Fields=FIELDS, UniqueKey="email", **extra)[
            "JobId"
        ]
    )


def test_a_csv_is_ingested_as_profiles_by_its_unique_key(moto_connect: Any, profiles: Any) -> None:
    existing = profiles.create_profile(DomainName="shop", EmailAddress="ann@example.com", LastName="Lee")["ProfileId"]
    job = new_job(profiles)
    got = profiles.get_upload_job(DomainName="shop", JobId=job)
    assert (got["Status"], got["DataExpiry"], got["UniqueKey"], got["Fields"]) == ("CREATED", 14, "email", FIELDS)
    assert "ResultsSummary" not in got and "CompletedAt" not in got

    path = profiles.get_upload_job_path(DomainName="shop", JobId=job)
    assert (
        path["Url"].startswith("https://customer-profiles-uploads-") and f"/upload-jobs/shop/{job}.csv?" in path["Url"]
    )
    assert (
        "X-Amz-Signature=" in path["Url"] and len(path["ClientToken"]) == 44 and path["ValidUntil"] > got["CreatedAt"]
    )

    upload(
        moto_connect,
        profiles,
        job,
        "email,first,city,tier\n"
        "ann@example.com,Ann,Paris,2\n"
        "bob@example.com,Bob,,1\n"
        "not-an-email,Eve,Rome,3\n"
        ",Nobody,Oslo,1\n"
        "cy@example.com,Cy,Lima,gold\n"
        "\n"
        "bob@example.com,Robert,Bern,\n",
    )
    profiles.start_upload_job(DomainName="shop", JobId=job)
    done = profiles.get_upload_job(DomainName="shop", JobId=job)
    assert done["Status"] == "PARTIALLY_SUCCEEDED" and "StatusReason" not in done
    assert done["ResultsSummary"] == {"CreatedRecords": 1, "UpdatedRecords": 2, "FailedRecords": 3}
    assert done["CompletedAt"] >= done["CreatedAt"]

    found = profiles.search_profiles(DomainName="shop", KeyName="_email", Values=["ann@example.com"])["Items"]
    assert [p["ProfileId"] for p in found] == [existing]
    assert (found[0]["FirstName"], found[0]["LastName"], found[0]["Address"]["City"]) == ("Ann", "Lee", "Paris")
    assert found[0]["Attributes"] == {"tier": "2"}
    bob = profiles.search_profiles(DomainName="shop", KeyName="email", Values=["bob@example.com"])["Items"]
    assert [(p["FirstName"], p["Address"]["City"], p["Attributes"]) for p in bob] == [("Robert", "Bern", {"tier": "1"})]

    # a started job cannot start again nor stop; another job with a file that misses a column fails
    with raises("BadRequestException", 400, match="only a CREATED job"):
        profiles.start_upload_job(DomainName="shop", JobId=job)
    with raises("BadRequestException", 400, match="can be stopped"):
        profiles.stop_upload_job(DomainName="shop", JobId=job)
    broken = new_job(profiles, "broken.csv")
    upload(moto_connect, profiles, broken, "email,first\nzed@example.com,Zed\n")
    profiles.start_upload_job(DomainName="shop", JobId=broken)
    failed = profiles.get_upload_job(DomainName="shop", JobId=broken)
    assert (failed["Status"], failed["StatusReason"]) == ("FAILED", "VALIDATION_FAILURE")
    assert failed["ResultsSummary"] == {"CreatedRecords": 0, "UpdatedRecords": 0, "FailedRecords": 1}

    # nothing uploaded: the job completes with zero records
    empty = new_job(profiles, "empty.csv", DataExpiry=7)
    profiles.start_upload_job(DomainName="shop", JobId=empty)
    assert profiles.get_upload_job(DomainName="shop", JobId=empty)["ResultsSummary"] == {
        "CreatedRecords": 0,
        "UpdatedRecords": 0,
        "FailedRecords": 0,
    }
    listed = profiles.list_upload_jobs(DomainName="shop", MaxResults=2)
    rest = profiles.list_upload_jobs(DomainName="shop", NextToken=listed["NextToken"])["Items"]
    assert [(j["DisplayName"], j["Status"], j["DataExpiry"]) for j in listed["Items"] + rest] == [
        ("customers.csv", "PARTIALLY_SUCCEEDED", 14),
        ("broken.csv", "FAILED", 14),
        ("empty.csv", "SUCCEEDED", 7),
    ]

    # bad mappings are refused and change nothing
    cases: list[tuple[dict[str, Any], str]] = [
        ({"Fields": FIELDS, "UniqueKey": "phone"}, "UniqueKey phone"),
        ({"Fields": {"a": {"Source": "email", "Target": "_profile.EmailAddress"}}, "UniqueKey": "a"}, "_source"),
        (
            {"Fields": {"a": {"Source": "_source.a", "Target": "_profile.Nickname"}}, "UniqueKey": "a"},
            "standard profile",
        ),
        ({"Fields": {"a": {"Source": "_source.a", "Target": "_order.Id"}}, "UniqueKey": "a"}, "member of the profile"),
        ({"Fields": {"a": {"Source": "_source.a"}}, "UniqueKey": "a"}, "must have a Source"),
    ]
    for request, message in cases:
        with raises("BadRequestException", 400, match=message):
            profiles.create_upload_job(DomainName="shop", DisplayName="bad", **request)
    for call in (
        lambda: profiles.get_upload_job(DomainName="shop", JobId="0" * 32),
        lambda: profiles.start_upload_job(DomainName="shop", JobId="0" * 32),
        lambda: profiles.create_upload_job(DomainName="gone", DisplayName="x", Fields=FIELDS, UniqueKey="email"),
    ):
        with raises("ResourceNotFoundException", 404):
            call()
    assert len(profiles.list_upload_jobs(DomainName="shop")["Items"]) == 3


def test_a_row_with_a_value_outside_an_enum_member_fails(moto_connect: Any, profiles: Any) -> None:
    # Gender holds one of its enum's values (the Profile shape): such a row is a failed record
    fields = {**FIELDS, "gender": {"Source": "_source.gender", "Target": "_profile.Gender", "ContentType": "STRING"}}
    job = profiles.create_upload_job(DomainName="shop", DisplayName="g.csv", Fields=fields, UniqueKey="email")["JobId"]
    upload(
        moto_connect,
        profiles,
        job,
        "email,first,city,tier,gender\na@example.com,A,Rome,1,weird\nb@example.com,B,Rome,1,MALE\n",
    )
    profiles.start_upload_job(DomainName="shop", JobId=job)
    got = profiles.get_upload_job(DomainName="shop", JobId=job)
    assert (got["Status"], got["ResultsSummary"]["CreatedRecords"], got["ResultsSummary"]["FailedRecords"]) == (
        "PARTIALLY_SUCCEEDED",
        1,
        1,
    )
    found = profiles.search_profiles(DomainName="shop", KeyName="email", Values=["a@example.com", "b@example.com"])
    assert [p["Gender"] for p in found["Items"]] == ["MALE"]


def test_statuses_move_through_the_state_manager(moto_connect: Any, profiles: Any) -> None:
    state_manager.set_transition(UPLOAD_JOB_MODEL, {"progression": "manual", "times": 1})
    try:
        job = new_job(profiles)
        upload(moto_connect, profiles, job, "email,first,city,tier\nann@example.com,Ann,Paris,2\n")
        profiles.start_upload_job(DomainName="shop", JobId=job)
        first = profiles.get_upload_job(DomainName="shop", JobId=job)
        assert first["Status"] == "IN_PROGRESS" and "ResultsSummary" not in first
        # nothing is ingested while the job runs
        assert profiles.search_profiles(DomainName="shop", KeyName="email", Values=["ann@example.com"])["Items"] == []
        second = profiles.get_upload_job(DomainName="shop", JobId=job)
        assert second["Status"] == "SUCCEEDED" and second["ResultsSummary"]["CreatedRecords"] == 1
        assert (
            len(profiles.search_profiles(DomainName="shop", KeyName="email", Values=["ann@example.com"])["Items"]) == 1
        )

        stopped = new_job(profiles, "stopped.csv")
        upload(moto_connect, profiles, stopped, "email,first,city,tier\nbob@example.com,Bob,Rome,1\n")
        profiles.start_upload_job(DomainName="shop", JobId=stopped)
        profiles.stop_upload_job(DomainName="shop", JobId=stopped)
        for _ in range(2):
            got = profiles.get_upload_job(DomainName="shop", JobId=stopped)
            assert got["Status"] == "STOPPED" and "ResultsSummary" not in got and "CompletedAt" in got
        assert profiles.search_profiles(DomainName="shop", KeyName="email", Values=["bob@example.com"])["Items"] == []
        # a job stopped before it started
        idle = new_job(profiles, "idle.csv")
        profiles.stop_upload_job(DomainName="shop", JobId=idle)
        with raises("BadRequestException", 400, match="STOPPED"):
            profiles.start_upload_job(DomainName="shop", JobId=idle)
    finally:
        state_manager.unset_transition(UPLOAD_JOB_MODEL)


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="served", DefaultExpirationDays=7)
    job = profiles.create_upload_job(DomainName="served", DisplayName="f.csv", Fields=FIELDS, UniqueKey="email")[
        "JobId"
    ]
    assert profiles.get_upload_job_path(DomainName="served", JobId=job)["Url"].startswith("https://")
    profiles.start_upload_job(DomainName="served", JobId=job)
    assert profiles.get_upload_job(DomainName="served", JobId=job)["Status"] == "SUCCEEDED"
    with raises("BadRequestException", 400):
        profiles.create_upload_job(DomainName="served", DisplayName="f.csv", Fields=FIELDS, UniqueKey="none")
