"""Customer Profiles' profiles through boto3: create and update (empty strings remove, maps
merge), keys and search (AND/OR, FoundByItems, paging), batch get, merge (fields, keys,
objects), attribute values, history, and the family in server mode."""

from __future__ import annotations

import json
from typing import Any

import pytest

from moto_connect_ext.customerprofiles import profile_operations as ops
from moto_connect_ext.customerprofiles.models import customerprofiles_backends
from tests.helpers import raises
from tests.servers import server_client

MISSING = "0" * 32


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)
    return client


def _ids(answer: dict[str, Any]) -> list[str]:
    return [p["ProfileId"] for p in answer["Items"]]


def test_profiles_are_created_updated_and_deleted_with_their_history(profiles: Any) -> None:
    pid = profiles.create_profile(
        DomainName="shop",
        FirstName="Ada",
        LastName="Lovelace",
        EmailAddress="ada@example.com",
        PhoneNumber="+15550001",
        Address={"City": "London", "Country": "GB", "PostalCode": "W1"},
        Attributes={"tier": "gold", "team": "math"},
        EngagementPreferences={"Phone": [{"ContactType": "MobilePhoneNumber", "KeyValue": "x", "KeyName": "_phone"}]},
    )["ProfileId"]
    assert len(pid) == 32
    profiles.update_profile(
        DomainName="shop",
        ProfileId=pid,
        LastName="",  # removed
        BusinessName="Engines",
        Address={"City": "Paris", "PostalCode": ""},
        Attributes={"tier": "", "lang": "en"},
    )
    got = profiles.batch_get_profile(DomainName="shop", ProfileIds=[pid, MISSING])
    profile = got["Profiles"][0]
    assert "LastName" not in profile and profile["FirstName"] == "Ada" and profile["BusinessName"] == "Engines"
    assert profile["Address"] == {"City": "Paris", "Country": "GB"}
    assert profile["Attributes"] == {"team": "math", "lang": "en"}
    assert got["Errors"] == [
        {"Code": "ResourceNotFoundException", "Message": f"Profile {MISSING} does not exist", "ProfileId": MISSING}
    ]
    # the full name key follows the attributes
    assert _ids(profiles.search_profiles(DomainName="shop", KeyName="_fullName", Values=["Ada"])) == [pid]
    assert profiles.search_profiles(DomainName="shop", KeyName="_fullName", Values=["Ada Lovelace"])["Items"] == []

    # bad input is refused and changes nothing
    cases: list[tuple[Any, dict[str, Any], str]] = [
        (
            profiles.create_profile,
            {"EngagementPreferences": {"Email": [{"ContactType": "PhoneNumber"}]}},
            "BadRequestException",
        ),
        (
            profiles.create_profile,
            {"EngagementPreferences": {"Phone": [{"ProfileId": MISSING}]}},
            "BadRequestException",
        ),
        (profiles.update_profile, {"ProfileId": MISSING, "FirstName": "x"}, "ResourceNotFoundException"),
        (profiles.delete_profile, {"ProfileId": MISSING}, "ResourceNotFoundException"),
    ]
    for call, request, code in cases:
        with raises(code):
            call(DomainName="shop", **request)
    with raises("ResourceNotFoundException", 404):
        profiles.create_profile(DomainName="nowhere", FirstName="x")
    assert profiles.get_domain(DomainName="shop")["Stats"]["ProfileCount"] == 1

    history = profiles.list_profile_history_records(DomainName="shop", ProfileId=pid)["ProfileHistoryRecords"]
    assert [h["ActionType"] for h in history] == ["CREATED", "UPDATED"]
    assert {h["ObjectTypeName"] for h in history} == {"_profile"}
    assert history[0]["PerformedBy"] == "arn:aws:sts::123456789012:user/moto"
    record = profiles.get_profile_history_record(DomainName="shop", ProfileId=pid, Id=history[1]["Id"])
    assert json.loads(record["Content"])["Address"] == {"City": "Paris", "Country": "GB"}

    assert "deleted" in profiles.delete_profile(DomainName="shop", ProfileId=pid)["Message"]
    assert profiles.batch_get_profile(DomainName="shop", ProfileIds=[pid])["Profiles"] == []
    assert profiles.search_profiles(DomainName="shop", KeyName="_email", Values=["ada@example.com"])["Items"] == []
    # the history outlives the profile
    after = profiles.list_profile_history_records(DomainName="shop", ProfileId=pid, ActionType="DELETED_BY_CUSTOMER")
    assert [h["ActionType"] for h in after["ProfileHistoryRecords"]] == ["DELETED_BY_CUSTOMER"]
    for call in (
        lambda: profiles.list_profile_history_records(DomainName="shop", ProfileId=MISSING),
        lambda: profiles.get_profile_history_record(DomainName="shop", ProfileId=pid, Id=MISSING),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_keys_and_search(profiles: Any) -> None:
    a = profiles.create_profile(DomainName="shop", FirstName="A", EmailAddress="a@x.com", AccountNumber="1")
    b = profiles.create_profile(DomainName="shop", FirstName="B", EmailAddress="b@x.com", AccountNumber="1")
    c = profiles.create_profile(DomainName="shop", FirstName="C", PhoneNumber="+1555")
    a, b, c = a["ProfileId"], b["ProfileId"], c["ProfileId"]

    added = profiles.add_profile_key(DomainName="shop", ProfileId=c, KeyName="_ctrContactId", Values=["ct-1", "ct-2"])
    assert (added["KeyName"], added["Values"]) == ("_ctrContactId", ["ct-1", "ct-2"])
    profiles.add_profile_key(DomainName="shop", ProfileId=a, KeyName="_ctrContactId", Values=["ct-3"])

    # values of one key are alternatives; OR is the default
    found = profiles.search_profiles(
        DomainName="shop",
        KeyName="_email",
        Values=["a@x.com", "b@x.com"],
        AdditionalSearchKeys=[{"KeyName": "_ctrContactId", "Values": ["ct-1"]}],
    )
    assert _ids(found) == [a, b, c]
    assert found["Items"][2]["FoundByItems"] == [{"KeyName": "_ctrContactId", "Values": ["ct-1"]}]
    both = profiles.search_profiles(
        DomainName="shop",
        KeyName="_account",
        Values=["1"],
        AdditionalSearchKeys=[{"KeyName": "_ctrContactId", "Values": ["ct-3", "ct-1"]}],
        LogicalOperator="AND",
    )
    assert _ids(both) == [a]
    assert both["Items"][0]["FoundByItems"] == [
        {"KeyName": "_account", "Values": ["1"]},
        {"KeyName": "_ctrContactId", "Values": ["ct-3"]},
    ]
    # paging is stable while profiles come and go
    first = profiles.search_profiles(DomainName="shop", KeyName="_account", Values=["1"], MaxResults=1)
    assert _ids(first) == [a] and first["NextToken"]
    profiles.update_profile(DomainName="shop", ProfileId=c, AccountNumber="1")
    rest = profiles.search_profiles(DomainName="shop", KeyName="_account", Values=["1"], NextToken=first["NextToken"])
    assert _ids(rest) == [b, c] and "NextToken" not in rest
    assert profiles.search_profiles(DomainName="shop", KeyName="_unknownKey", Values=["1"])["Items"] == []

    profiles.delete_profile_key(DomainName="shop", ProfileId=c, KeyName="_ctrContactId", Values=["ct-1"])
    assert profiles.search_profiles(DomainName="shop", KeyName="_ctrContactId", Values=["ct-1"])["Items"] == []
    assert _ids(profiles.search_profiles(DomainName="shop", KeyName="_ctrContactId", Values=["ct-2"])) == [c]
    actions = [
        h["ActionType"]
        for h in profiles.list_profile_history_records(DomainName="shop", ProfileId=c)["ProfileHistoryRecords"]
    ]
    assert actions == ["CREATED", "ADDED_PROFILE_KEY", "UPDATED", "DELETED_PROFILE_KEY"]

    cases = [
        (profiles.delete_profile_key, {"ProfileId": c, "KeyName": "_ctrContactId", "Values": ["ct-9"]}, "NotFound"),
        (profiles.delete_profile_key, {"ProfileId": a, "KeyName": "_email", "Values": ["a@x.com"]}, "BadRequest"),
        (profiles.add_profile_key, {"ProfileId": a, "KeyName": "_profileId", "Values": [b]}, "BadRequest"),
        (profiles.add_profile_key, {"ProfileId": a, "KeyName": "k", "Values": []}, "BadRequest"),
        (profiles.add_profile_key, {"ProfileId": MISSING, "KeyName": "k", "Values": ["v"]}, "NotFound"),
        (profiles.search_profiles, {"KeyName": "_email", "Values": []}, "BadRequest"),
        (profiles.search_profiles, {"KeyName": "_email", "Values": ["a"], "NextToken": "bogus"}, "BadRequest"),
    ]
    for call, request, code in cases:
        with raises("ResourceNotFoundException" if code == "NotFound" else "BadRequestException"):
            call(DomainName="shop", **request)
    assert _ids(profiles.search_profiles(DomainName="shop", KeyName="_email", Values=["a@x.com"])) == [a]

    values = profiles.list_profile_attribute_values(DomainName="shop", AttributeName="AccountNumber")
    assert values["Items"] == [{"Value": "1"}] and values["AttributeName"] == "AccountNumber"
    assert [
        i["Value"]
        for i in profiles.list_profile_attribute_values(DomainName="shop", AttributeName="FirstName")["Items"]
    ] == ["A", "B", "C"]
    with raises("BadRequestException", 400, match="AttributeName"):
        profiles.list_profile_attribute_values(DomainName="shop", AttributeName="Shoe")


def test_merge_moves_fields_keys_and_objects_and_deletes_the_others(profiles: Any) -> None:
    main = profiles.create_profile(
        DomainName="shop", FirstName="Main", EmailAddress="main@x.com", Attributes={"tier": "gold", "a": "1"}
    )["ProfileId"]
    dup = profiles.create_profile(
        DomainName="shop",
        FirstName="Dup",
        LastName="Licate",
        EmailAddress="dup@x.com",
        BirthDate="1990-01-01",
        Attributes={"tier": "silver", "b": "2"},
    )["ProfileId"]
    other = profiles.create_profile(DomainName="shop", PhoneNumber="+1999", Gender="FEMALE")["ProfileId"]
    profiles.add_profile_key(DomainName="shop", ProfileId=dup, KeyName="_orderId", Values=["o-1"])

    # a profile object of another family, pointed at the duplicate
    backend = customerprofiles_backends["123456789012"]["us-east-1"]
    domain = backend.domain("shop")
    obj = domain.children(ops.PROFILE_OBJECT_KIND)
    from moto_connect_ext.core.caller import Caller
    from moto_connect_ext.core.resources import Resource

    obj.add("o1", Resource(domain.rtype, "o1", "arn:o1", domain, {"ProfileId": dup}))

    errors = [
        ({"MainProfileId": MISSING, "ProfileIdsToBeMerged": [dup]}, "ResourceNotFoundException"),
        ({"MainProfileId": main, "ProfileIdsToBeMerged": [MISSING]}, "ResourceNotFoundException"),
        ({"MainProfileId": main, "ProfileIdsToBeMerged": [main]}, "BadRequestException"),
        (
            {"MainProfileId": main, "ProfileIdsToBeMerged": [dup], "FieldSourceProfileIds": {"FirstName": other}},
            "BadRequestException",
        ),
    ]
    for request, code in errors:
        with raises(code):
            profiles.merge_profiles(DomainName="shop", **request)
    assert profiles.get_domain(DomainName="shop")["Stats"]["ProfileCount"] == 3

    profiles.merge_profiles(
        DomainName="shop",
        MainProfileId=main,
        ProfileIdsToBeMerged=[dup, other],
        FieldSourceProfileIds={"EmailAddress": dup, "FirstName": main, "Attributes": {"tier": dup, "a": other}},
    )
    merged = profiles.batch_get_profile(DomainName="shop", ProfileIds=[main, dup, other])
    assert [e["ProfileId"] for e in merged["Errors"]] == [dup, other]
    profile = merged["Profiles"][0]
    assert profile["FirstName"] == "Main" and profile["LastName"] == "Licate" and profile["EmailAddress"] == "dup@x.com"
    assert profile["PhoneNumber"] == "+1999" and profile["Gender"] == "FEMALE" and profile["BirthDate"] == "1990-01-01"
    assert profile["Attributes"] == {"tier": "silver", "b": "2"}  # "a" came from a profile without it
    # every key of the merged profiles finds the main one
    for key, value in (("_orderId", "o-1"), ("_email", "dup@x.com"), ("_phone", "+1999"), ("_fullName", "Dup Licate")):
        assert _ids(profiles.search_profiles(DomainName="shop", KeyName=key, Values=[value])) == [main], key
    assert obj.get("o1").attrs["ProfileId"] == main  # type: ignore[union-attr]
    assert profiles.get_domain(DomainName="shop")["Stats"]["ProfileCount"] == 1

    history = profiles.list_profile_history_records(DomainName="shop", ProfileId=main)["ProfileHistoryRecords"]
    assert [h["ActionType"] for h in history] == ["CREATED", "MERGED"]
    content = json.loads(
        profiles.get_profile_history_record(DomainName="shop", ProfileId=main, Id=history[1]["Id"])["Content"]
    )
    assert content["MergedProfileIds"] == [dup, other]
    gone = profiles.list_profile_history_records(DomainName="shop", ProfileId=dup, ActionType="DELETED_BY_MERGE")
    assert len(gone["ProfileHistoryRecords"]) == 1

    # the entry point other families record their changes through
    ops.record_history(
        domain, main, "INGESTED", "Order", {"OrderId": "o-1"}, Caller("123456789012", "us-east-1", "aws"), "key-1"
    )
    ingested = profiles.list_profile_history_records(DomainName="shop", ProfileId=main, ObjectTypeName="Order")
    assert [(h["ActionType"], h["ProfileObjectUniqueKey"]) for h in ingested["ProfileHistoryRecords"]] == [
        ("INGESTED", "key-1")
    ]


def test_history_pages_stably(profiles: Any) -> None:
    pid = profiles.create_profile(DomainName="shop", FirstName="P")["ProfileId"]
    for i in range(4):
        profiles.update_profile(DomainName="shop", ProfileId=pid, FirstName=f"P{i}")
    first = profiles.list_profile_history_records(DomainName="shop", ProfileId=pid, MaxResults=2)
    rest = profiles.list_profile_history_records(
        DomainName="shop", ProfileId=pid, MaxResults=10, NextToken=first["NextToken"]
    )
    actions = [h["ActionType"] for h in first["ProfileHistoryRecords"] + rest["ProfileHistoryRecords"]]
    assert actions == ["CREATED"] + ["UPDATED"] * 4
    # an update that changes nothing records nothing
    profiles.update_profile(DomainName="shop", ProfileId=pid, FirstName="P3")
    assert len(profiles.list_profile_history_records(DomainName="shop", ProfileId=pid)["ProfileHistoryRecords"]) == 5


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="served", DefaultExpirationDays=7)
    pid = profiles.create_profile(DomainName="served", EmailAddress="s@x.com")["ProfileId"]
    found = profiles.search_profiles(DomainName="served", KeyName="_email", Values=["s@x.com"])
    assert _ids(found) == [pid] and found["Items"][0]["FoundByItems"][0]["KeyName"] == "_email"
    with raises("BadRequestException", 400):
        profiles.merge_profiles(DomainName="served", MainProfileId=pid, ProfileIdsToBeMerged=[pid])
