"""Customer Profiles profile objects through boto3: ingestion through the object type's fields
and keys (matching, inferred profiles, AllowProfileCreation and the dead-letter queue, unique
keys replacing objects, manual fields kept, NEW_ONLY/LOOKUP_ONLY keys, the per-profile maximum),
listing by key, deletion, batches, implicit template types, the attributes computed from the
objects, and the service in server mode."""

from __future__ import annotations

import json
from typing import Any

import pytest

from moto_connect_ext.customerprofiles import profile_objects
from tests.helpers import raises
from tests.servers import server_client

FIELDS = {
    "accountId": {"Source": "_source.account", "Target": "_profile.AccountNumber", "ContentType": "NUMBER"},
    "email": {"Source": "_source.email", "ContentType": "EMAIL_ADDRESS"},
    "first": {"Source": "_source.firstName", "Target": "_profile.FirstName"},
    "city": {"Source": "_source.address.city", "Target": "_profile.ShippingAddress.City"},
    "tier": {"Source": "_source.tier", "Target": "_profile.Attributes.tier"},
}
KEYS = {
    "_account": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["accountId"]}],
    "_email": [{"StandardIdentifiers": ["PROFILE", "LOOKUP_ONLY"], "FieldNames": ["email"]}],
    "accountEmail": [{"StandardIdentifiers": ["PROFILE", "SECONDARY", "NEW_ONLY"], "FieldNames": ["email"]}],
}


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)
    client.put_profile_object_type(
        DomainName="shop",
        ObjectTypeName="Accounts",
        Description="d",
        AllowProfileCreation=True,
        Fields=FIELDS,
        Keys=KEYS,
    )
    return client


def _put(profiles: Any, obj: dict[str, Any], type_name: str = "Accounts") -> str:
    return str(
        profiles.put_profile_object(DomainName="shop", ObjectTypeName=type_name, Object=json.dumps(obj))[
            "ProfileObjectUniqueKey"
        ]
    )


def _profile(profiles: Any, key: str, value: str) -> list[dict[str, Any]]:
    return list(profiles.search_profiles(DomainName="shop", KeyName=key, Values=[value])["Items"])


def test_objects_map_into_profiles_through_fields_and_keys(profiles: Any) -> None:
    # an existing profile with the email: found by the _email key, its manual FirstName kept
    manual = profiles.create_profile(DomainName="shop", FirstName="Manual", EmailAddress="j@example.com")["ProfileId"]
    obj = {"account": 7, "email": "j@example.com", "firstName": "J", "address": {"city": "Paris"}, "tier": "gold"}
    first_key = _put(profiles, obj)
    found = _profile(profiles, "_account", "7")
    assert [p["ProfileId"] for p in found] == [manual]
    assert found[0]["FirstName"] == "Manual" and found[0]["AccountNumber"] == "7"
    assert found[0]["ShippingAddress"] == {"City": "Paris"} and found[0]["Attributes"] == {"tier": "gold"}
    assert _profile(profiles, "accountEmail", "j@example.com") == []  # NEW_ONLY: not for an existing profile

    # the same UNIQUE value replaces the object; a field the ingestion wrote is updated again
    assert _put(profiles, {**obj, "address": {"city": "Lyon"}}) == first_key
    assert _profile(profiles, "_account", "7")[0]["ShippingAddress"] == {"City": "Lyon"}
    listed = profiles.list_profile_objects(DomainName="shop", ObjectTypeName="Accounts", ProfileId=manual)["Items"]
    assert [(o["ProfileObjectUniqueKey"], json.loads(o["Object"])["address"]["city"]) for o in listed] == [
        (first_key, "Lyon")
    ]

    # no match: an inferred profile with the email, found by the NEW_ONLY key; LOOKUP_ONLY is not kept
    other = {"account": 8, "email": "new@example.com", "firstName": "N"}
    _put(profiles, other)
    inferred = _profile(profiles, "accountEmail", "new@example.com")
    assert len(inferred) == 1 and inferred[0]["EmailAddress"] == "new@example.com"
    assert inferred[0]["FirstName"] == "N" and inferred[0]["ProfileId"] != manual

    # filters by key, and paging
    for account in (9, 10):
        _put(profiles, {**other, "account": account})
    inferred_id = inferred[0]["ProfileId"]
    by_key = profiles.list_profile_objects(
        DomainName="shop",
        ObjectTypeName="Accounts",
        ProfileId=inferred_id,
        ObjectFilter={"KeyName": "_account", "Values": ["9", "10"]},
    )["Items"]
    assert sorted(json.loads(o["Object"])["account"] for o in by_key) == [9, 10]
    page = profiles.list_profile_objects(
        DomainName="shop", ObjectTypeName="Accounts", ProfileId=inferred_id, MaxResults=2
    )
    rest = profiles.list_profile_objects(
        DomainName="shop", ObjectTypeName="Accounts", ProfileId=inferred_id, NextToken=page["NextToken"]
    )
    assert len(page["Items"]) == 2 and len(rest["Items"]) == 1 and "NextToken" not in rest

    # bad objects change nothing
    for bad, message in (
        ("not json", "JSON"),
        ("[1]", "JSON object"),
        (json.dumps({"email": "x@example.com"}), "UNIQUE"),
        (json.dumps({"account": "seven"}), "NUMBER"),
    ):
        with raises("BadRequestException", 400, match=message):
            profiles.put_profile_object(DomainName="shop", ObjectTypeName="Accounts", Object=bad)
    assert profiles.get_domain(DomainName="shop")["Stats"]["ObjectCount"] == 4
    with raises("ResourceNotFoundException", 404):
        profiles.put_profile_object(DomainName="shop", ObjectTypeName="Nope", Object="{}")
    with raises("BadRequestException", 400, match="not a key"):
        profiles.list_profile_objects(
            DomainName="shop",
            ObjectTypeName="Accounts",
            ProfileId=manual,
            ObjectFilter={"KeyName": "x", "Values": ["1"]},
        )
    with raises("ResourceNotFoundException", 404):
        profiles.list_profile_objects(DomainName="shop", ObjectTypeName="Accounts", ProfileId="0" * 32)

    # delete: the object (the profile keeps its data, so its derived _account key)
    profiles.delete_profile_object(
        DomainName="shop", ObjectTypeName="Accounts", ProfileId=manual, ProfileObjectUniqueKey=first_key
    )
    assert profiles.list_profile_objects(DomainName="shop", ObjectTypeName="Accounts", ProfileId=manual)["Items"] == []
    assert _profile(profiles, "_account", "7")[0]["ProfileId"] == manual
    with raises("ResourceNotFoundException", 404):
        profiles.delete_profile_object(
            DomainName="shop", ObjectTypeName="Accounts", ProfileId=manual, ProfileObjectUniqueKey=first_key
        )


def test_ambiguity_creation_and_the_dead_letter_queue(moto_connect: Any, profiles: Any) -> None:
    sqs = moto_connect.client("sqs")
    queue = sqs.create_queue(QueueName="dlq")["QueueUrl"]
    profiles.update_domain(DomainName="shop", DeadLetterQueueUrl=queue)
    for _ in range(2):
        profiles.create_profile(DomainName="shop", EmailAddress="shared@example.com")
    strict = dict(KEYS)
    profiles.put_profile_object_type(
        DomainName="shop", ObjectTypeName="Strict", Description="d", Fields=FIELDS, Keys=strict
    )
    # the email is on two profiles: ambiguous, so no match; no creation allowed: dead-letter queue
    key = _put(profiles, {"account": 1, "email": "shared@example.com"}, "Strict")
    assert key and profiles.get_domain(DomainName="shop")["Stats"]["ObjectCount"] == 0
    body = json.loads(sqs.receive_message(QueueUrl=queue)["Messages"][0]["Body"])
    assert body["ObjectTypeName"] == "Strict" and json.loads(body["Object"])["account"] == 1
    # with creation allowed, a new profile takes it
    _put(profiles, {"account": 1, "email": "shared@example.com"})
    assert len(_profile(profiles, "_email", "shared@example.com")) == 3


def test_templates_batches_and_the_per_profile_maximum(profiles: Any) -> None:
    zendesk = {"id": 42, "external_id": "ext-1", "email": "z@example.com", "phone": "+15550001111"}
    _put(profiles, zendesk, "Zendesk-users")  # an implicit type from the template
    assert profiles.get_profile_object_type(DomainName="shop", ObjectTypeName="Zendesk-users")["TemplateId"] == (
        "Zendesk-users"
    )
    found = _profile(profiles, "_zendeskUserId", "42")[0]
    assert found["EmailAddress"] == "z@example.com" and found["Attributes"]["ZendeskUserId"] == "42"

    profiles.put_profile_object_type(
        DomainName="shop",
        ObjectTypeName="Capped",
        Description="d",
        AllowProfileCreation=True,
        MaxProfileObjectCount=2,
        Fields={"id": {"Source": "_source.id"}, "email": {"Source": "_source.email", "ContentType": "EMAIL_ADDRESS"}},
        Keys={
            "capId": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["id"]}],
            "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
        },
    )
    items = [{"Id": f"i{n}", "Object": json.dumps({"id": f"c{n}", "email": "z@example.com"})} for n in range(3)]
    items.append({"Id": "bad", "Object": json.dumps({"email": "z@example.com"})})
    result = profiles.batch_put_profile_object(DomainName="shop", ObjectTypeName="Capped", Items=items)
    assert [s["Id"] for s in result["Successful"]] == ["i0", "i1", "i2"]
    assert [(f["Id"], f["Code"]) for f in result["Failed"]] == [("bad", 400)]
    held = profiles.list_profile_objects(DomainName="shop", ObjectTypeName="Capped", ProfileId=found["ProfileId"])
    assert sorted(json.loads(o["Object"])["id"] for o in held["Items"]) == ["c1", "c2"]  # the oldest went
    assert (
        profiles.get_profile_object_type(DomainName="shop", ObjectTypeName="Capped")["MaxAvailableProfileObjectCount"]
        == 0
    )
    with raises("BadRequestException", 400, match="unique"):
        profiles.batch_put_profile_object(DomainName="shop", ObjectTypeName="Capped", Items=[items[0], items[0]])


def test_a_profile_holds_at_most_its_quota_of_objects(profiles: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(profile_objects, "OBJECTS_PER_PROFILE", 2)
    fields = {"id": {"Source": "_source.id"}, "email": {"Source": "_source.email", "ContentType": "EMAIL_ADDRESS"}}
    keys = {
        "id": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["id"]}],
        "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
    }
    for name, cap in (("Orders", {}), ("Capped", {"MaxProfileObjectCount": 1})):
        profiles.put_profile_object_type(
            DomainName="shop",
            ObjectTypeName=name,
            Description="d",
            AllowProfileCreation=True,
            Fields=fields,
            Keys=keys,
            **cap,
        )
    _put(profiles, {"id": "o1", "email": "a@example.com"}, "Orders")
    [profile] = _profile(profiles, "_email", "a@example.com")
    _put(profiles, {"id": "c1", "email": "a@example.com"}, "Capped")

    def held() -> list[str]:
        listed = [
            profiles.list_profile_objects(DomainName="shop", ObjectTypeName=name, ProfileId=profile["ProfileId"])
            for name in ("Orders", "Capped")
        ]
        return sorted(json.loads(o["Object"])["id"] for answer in listed for o in answer["Items"])

    one_more = json.dumps({"id": "o2", "email": "a@example.com"})
    with raises("BadRequestException", 400, match="the most a profile can have"):
        profiles.put_profile_object(DomainName="shop", ObjectTypeName="Orders", Object=one_more)
    batch = [{"Id": "x", "Object": one_more}]
    failed = profiles.batch_put_profile_object(DomainName="shop", ObjectTypeName="Orders", Items=batch)["Failed"]
    assert [(f["Id"], f["Code"]) for f in failed] == [("x", 400)]
    assert held() == ["c1", "o1"] and _profile(profiles, "id", "o2") == []
    _put(profiles, {"id": "o1", "email": "a@example.com", "note": "again"}, "Orders")  # replaces its own object
    _put(profiles, {"id": "c2", "email": "a@example.com"}, "Capped")  # the type's maximum drops c1
    assert held() == ["c2", "o1"]


def test_attributes_values_and_statistics_come_from_the_objects(profiles: Any) -> None:
    for account, tier in ((1, "gold"), (2, "silver"), (3, "gold"), (4, "bronze"), (5, "gold")):
        _put(profiles, {"account": account, "email": f"a{account}@example.com", "tier": tier})
    names = [
        a["AttributeName"]
        for a in profiles.list_object_type_attributes(DomainName="shop", ObjectTypeName="Accounts")["Items"]
    ]
    assert names == list(FIELDS)
    values = profiles.list_object_type_attribute_values(
        DomainName="shop", ObjectTypeName="Accounts", AttributeName="tier"
    )
    assert [v["Value"] for v in values["Items"]] == ["gold", "bronze", "silver"]
    with raises("BadRequestException", 400, match="data store"):
        profiles.get_object_type_attribute_statistics(
            DomainName="shop", ObjectTypeName="Accounts", AttributeName="accountId"
        )
    profiles.update_domain(DomainName="shop", DataStore={"Enabled": True})
    stats = profiles.get_object_type_attribute_statistics(
        DomainName="shop", ObjectTypeName="Accounts", AttributeName="accountId"
    )["Statistics"]
    assert (stats["Minimum"], stats["Maximum"], stats["Average"]) == (1.0, 5.0, 3.0)
    assert stats["StandardDeviation"] == pytest.approx(2**0.5)
    assert stats["Percentiles"] == {"P5": 1.2, "P25": 2.0, "P50": 3.0, "P75": 4.0, "P95": pytest.approx(4.8)}
    for attribute, message in (("tier", "numeric"), ("nope", "not a field")):
        with raises("BadRequestException", 400, match=message):
            profiles.get_object_type_attribute_statistics(
                DomainName="shop", ObjectTypeName="Accounts", AttributeName=attribute
            )


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="objects", DefaultExpirationDays=7)
    key = profiles.put_profile_object(
        DomainName="objects",
        ObjectTypeName="Segment-Identify",
        Object=json.dumps({"detail": {"event": {"detail": {"userId": "u1"}}}}),
    )["ProfileObjectUniqueKey"]
    found = profiles.search_profiles(DomainName="objects", KeyName="_segmentUserId", Values=["u1"])["Items"]
    assert len(found) == 1 and key
    with raises("BadRequestException", 400):
        profiles.put_profile_object(DomainName="objects", ObjectTypeName="Segment-Identify", Object="{}")


def test_an_enum_target_takes_only_a_value_the_standard_profile_allows(profiles: Any) -> None:
    # Gender, PartyType and ProfileType hold one of their enum's values (the Profile shape):
    # a value outside it is not written, and the profile still reads back (no 500)
    profiles.put_profile_object_type(
        DomainName="shop",
        ObjectTypeName="People",
        Description="d",
        AllowProfileCreation=True,
        Fields={
            "id": {"Source": "_source.id"},
            "gender": {"Source": "_source.gender", "Target": "_profile.Gender"},
            "party": {"Source": "_source.party", "Target": "_profile.PartyType"},
        },
        Keys={"_personId": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["id"]}]},
    )
    _put(profiles, {"id": "p1", "gender": "FEMALE", "party": "true"}, "People")
    found = _profile(profiles, "_personId", "p1")
    assert found[0]["Gender"] == "FEMALE" and "PartyType" not in found[0]


def test_source_priority_decides_which_type_writes_a_profile_field(profiles: Any) -> None:
    # SourcePriority: "Lower values take priority. Object types without a specified source priority
    # default to the lowest priority."
    for name, priority in (("Crm", 1), ("Web", 5), ("Misc", None)):
        profiles.put_profile_object_type(
            DomainName="shop",
            ObjectTypeName=name,
            Description="d",
            AllowProfileCreation=True,
            Fields={
                "id": {"Source": "_source.id"},
                "email": {"Source": "_source.email", "Target": "_profile.EmailAddress"},
                "first": {"Source": "_source.first", "Target": "_profile.FirstName"},
            },
            Keys={
                f"_{name}Id": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["id"]}],
                "_email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
            },
            **({"SourcePriority": priority} if priority else {}),
        )
    for name in ("Web", "Crm", "Web", "Misc"):
        _put(profiles, {"id": name, "email": "p@example.com", "first": f"From{name}"}, name)
    assert _profile(profiles, "_email", "p@example.com")[0]["FirstName"] == "FromCrm"


def test_percentiles_of_huge_values_stay_between_minimum_and_maximum(profiles: Any) -> None:
    profiles.update_domain(DomainName="shop", DataStore={"Enabled": True})
    for account in (-1e308, 1e308):
        _put(profiles, {"account": account})
    stats = profiles.get_object_type_attribute_statistics(
        DomainName="shop", ObjectTypeName="Accounts", AttributeName="accountId"
    )["Statistics"]
    assert all(-1e308 <= p <= 1e308 for p in stats["Percentiles"].values()), stats["Percentiles"]
    assert stats["Percentiles"]["P50"] == 0.0
