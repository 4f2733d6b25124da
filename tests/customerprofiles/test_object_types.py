"""Customer Profiles object types through boto3: definitions checked (fields, keys, templates,
KMS keys), AWS's templates, detection from sample objects, deletion with the type's objects,
domain object types, and the service in server mode."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.helpers import raises
from tests.servers import server_client

FIELDS = {
    "accountId": {"Source": "_source.account", "Target": "_profile.AccountNumber", "ContentType": "NUMBER"},
    "email": {"Source": "_source.email", "Target": "_profile.PersonalEmailAddress", "ContentType": "EMAIL_ADDRESS"},
    "fullName": {"Source": "{{_source.firstName}} {{_source.lastName}}"},
    "city": {"Source": "_source.address.city", "Target": "_profile.ShippingAddress.City"},
}
KEYS = {
    "_email": [{"FieldNames": ["email"]}],
    "_account": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["accountId"]}],
}


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)
    return client


def test_an_object_type_round_trips_and_bad_definitions_are_refused(moto_connect: Any, profiles: Any) -> None:
    key = moto_connect.client("kms").create_key()["KeyMetadata"]["Arn"]
    created = profiles.put_profile_object_type(
        DomainName="shop",
        ObjectTypeName="Accounts",
        Description="accounts",
        EncryptionKey=key,
        AllowProfileCreation=True,
        MaxProfileObjectCount=5,
        Fields=FIELDS,
        Keys=KEYS,
        Tags={"team": "crm"},
    )
    assert created["ExpirationDays"] == 30 and created["AllowProfileCreation"] is True
    assert created["Fields"] == FIELDS and created["Keys"] == KEYS and created["Tags"] == {"team": "crm"}
    assert created["MaxProfileObjectCount"] == 5 and created["MaxAvailableProfileObjectCount"] == 5
    got = profiles.get_profile_object_type(DomainName="shop", ObjectTypeName="Accounts")
    assert got["EncryptionKey"] == key and got["CreatedAt"] == got["LastUpdatedAt"]
    replaced = profiles.put_profile_object_type(
        DomainName="shop", ObjectTypeName="Accounts", Description="v2", Fields=FIELDS, Keys=KEYS
    )
    assert replaced["Description"] == "v2" and "EncryptionKey" not in replaced
    assert replaced["AllowProfileCreation"] is False and replaced["LastUpdatedAt"] > got["CreatedAt"]

    bad: list[tuple[dict[str, Any], str]] = [
        ({"Fields": FIELDS, "Keys": {}}, "at least one key"),
        ({"Fields": FIELDS, "Keys": {**KEYS, **{f"_k{i}": [{"FieldNames": ["city"]}] for i in range(9)}}}, "10 keys"),
        ({"Fields": FIELDS, "Keys": {"_email": [{"FieldNames": ["email"]}]}}, "exactly one UNIQUE"),
        ({"Fields": FIELDS, "Keys": {"k": [{"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["nope"]}]}}, "nope"),
        ({"Fields": {**FIELDS, "x": {"Source": "account"}}, "Keys": KEYS}, "_source accessor"),
        ({"Fields": {**FIELDS, "x": {"Source": "_source.x", "Target": "_profile.Shoe"}}, "Keys": KEYS}, "standard"),
        ({"TemplateId": "Salesforce-Account", "AllowProfileCreation": True}, "cannot be given with TemplateId"),
        ({"TemplateId": "Nope-Template"}, "not a template"),
        ({"Fields": FIELDS, "Keys": KEYS, "EncryptionKey": key[:-4] + "0000"}, "KMS"),
    ]
    for request, message in bad:
        with raises("BadRequestException", 400, match=message):
            profiles.put_profile_object_type(DomainName="shop", ObjectTypeName="Bad", Description="d", **request)
    with raises("BadRequestException", 400, match="reserved"):
        profiles.put_profile_object_type(
            DomainName="shop", ObjectTypeName="_reserved", Description="d", Fields=FIELDS, Keys=KEYS
        )
    listed = profiles.list_profile_object_types(DomainName="shop")["Items"]
    assert [(t["ObjectTypeName"], t["Description"]) for t in listed] == [("Accounts", "v2")]
    with raises("ResourceNotFoundException", 404):
        profiles.get_profile_object_type(DomainName="shop", ObjectTypeName="Bad")
    with raises("ResourceNotFoundException", 404):
        profiles.list_profile_object_types(DomainName="gone")


def test_a_type_without_expiration_days_follows_the_domains_default(profiles: Any) -> None:
    # data expiration (Administrator Guide): "If no Expiration is defined on the object type, the
    # Customer Profiles domain expiration date will be used"
    profiles.put_profile_object_type(
        DomainName="shop", ObjectTypeName="Own", Description="d", Fields=FIELDS, Keys=KEYS, ExpirationDays=5
    )
    profiles.put_profile_object_type(
        DomainName="shop", ObjectTypeName="Default", Description="d", Fields=FIELDS, Keys=KEYS
    )
    profiles.update_domain(DomainName="shop", DefaultExpirationDays=90)
    assert profiles.get_profile_object_type(DomainName="shop", ObjectTypeName="Default")["ExpirationDays"] == 90
    assert profiles.get_profile_object_type(DomainName="shop", ObjectTypeName="Own")["ExpirationDays"] == 5


def test_a_unique_key_cannot_be_lookup_only(profiles: Any) -> None:
    # standard identifiers (Administrator Guide): "You cannot specify a key as both a UNIQUE
    # identifier and a LOOKUP_ONLY identifier"
    keys = {"_account": [{"StandardIdentifiers": ["PROFILE", "UNIQUE", "LOOKUP_ONLY"], "FieldNames": ["accountId"]}]}
    with raises("BadRequestException", 400, match="LOOKUP_ONLY"):
        profiles.put_profile_object_type(
            DomainName="shop", ObjectTypeName="T", Description="d", Fields=FIELDS, Keys=keys
        )
    assert profiles.list_profile_object_types(DomainName="shop")["Items"] == []


def test_templates_are_served_and_used_by_types(profiles: Any) -> None:
    first = profiles.list_profile_object_type_templates(MaxResults=3)
    rest = profiles.list_profile_object_type_templates(NextToken=first["NextToken"])
    ids = [t["TemplateId"] for t in first["Items"] + rest["Items"]]
    assert {"Salesforce-Account", "Salesforce-Contact", "Zendesk-users", "Segment-Identify", "CTR-NoInferred"} <= set(
        ids
    )
    account = profiles.get_profile_object_type_template(TemplateId="Salesforce-Account")
    assert (account["SourceName"], account["SourceObject"]) == ("Salesforce", "Account")
    assert account["Keys"]["_salesforceAccountId"] == [
        {"FieldNames": ["sfdcAccountId"], "StandardIdentifiers": ["PROFILE", "UNIQUE"]}
    ]
    assert account["Fields"]["personEmail"]["Target"] == "_profile.PersonalEmailAddress"
    with raises("ResourceNotFoundException", 404):
        profiles.get_profile_object_type_template(TemplateId="Nope")

    typed = profiles.put_profile_object_type(
        DomainName="shop", ObjectTypeName="CTR", Description="no inferred", TemplateId="CTR-NoInferred"
    )
    assert typed["TemplateId"] == "CTR-NoInferred" and typed["Keys"]["_phone"][0]["StandardIdentifiers"] == [
        "PROFILE",
        "SECONDARY",
    ]


def test_detection_proposes_a_template_or_a_generated_mapping(profiles: Any) -> None:
    zendesk = [json.dumps({"id": 1, "external_id": "x1", "email": "a@example.com", "phone": "+15551234567"})]
    detected = profiles.detect_profile_object_type(DomainName="shop", Objects=zendesk)["DetectedProfileObjectTypes"]
    assert len(detected) == 1 and "_zendeskUserId" in detected[0]["Keys"]

    samples = [
        json.dumps(
            {"orderId": f"o{i}", "email": f"c{i}@example.com", "total": 10 * i, "updatedAt": f"2024-01-0{i}T10:00:00Z"}
        )
        for i in (1, 2)
    ]
    generated = profiles.detect_profile_object_type(DomainName="shop", Objects=samples)["DetectedProfileObjectTypes"][0]
    assert generated["Fields"]["email"] == {
        "Source": "_source.email",
        "ContentType": "EMAIL_ADDRESS",
        "Target": "_profile.EmailAddress",
    }
    assert generated["Fields"]["total"]["ContentType"] == "NUMBER"
    assert generated["Keys"]["_email"] == [{"FieldNames": ["email"], "StandardIdentifiers": ["PROFILE"]}]
    assert generated["Keys"]["_orderId"] == [{"FieldNames": ["orderId"], "StandardIdentifiers": ["UNIQUE"]}]
    assert generated["SourceLastUpdatedTimestampFormat"] == "yyyy-MM-dd'T'HH:mm:ss'Z'"
    # a detected mapping is a valid object type
    profiles.put_profile_object_type(
        DomainName="shop", ObjectTypeName="Orders", Description="d", Fields=generated["Fields"], Keys=generated["Keys"]
    )
    for objects in (["not json"], ["[1, 2]"]):
        with raises("BadRequestException", 400, match="Objects"):
            profiles.detect_profile_object_type(DomainName="shop", Objects=objects)


def test_deleting_a_type_deletes_its_objects_and_scrubs_what_they_wrote(profiles: Any) -> None:
    profiles.put_profile_object_type(
        DomainName="shop",
        ObjectTypeName="Accounts",
        Description="d",
        AllowProfileCreation=True,
        Fields=FIELDS,
        Keys=KEYS,
    )
    obj = {"account": 7, "email": "j@example.com", "firstName": "J", "lastName": "D", "address": {"city": "Paris"}}
    key = profiles.put_profile_object(DomainName="shop", ObjectTypeName="Accounts", Object=json.dumps(obj))
    profile_id = profiles.search_profiles(DomainName="shop", KeyName="_account", Values=["7"])["Items"][0]["ProfileId"]
    assert profiles.get_domain(DomainName="shop")["Stats"]["ObjectCount"] == 1
    message = profiles.delete_profile_object_type(DomainName="shop", ObjectTypeName="Accounts")["Message"]
    assert "Accounts" in message and key["ProfileObjectUniqueKey"]
    assert profiles.get_domain(DomainName="shop")["Stats"]["ObjectCount"] == 0
    left = profiles.search_profiles(DomainName="shop", KeyName="_profileId", Values=[profile_id])["Items"][0]
    assert "AccountNumber" not in left and "ShippingAddress" not in left
    with raises("ResourceNotFoundException", 404):
        profiles.delete_profile_object_type(DomainName="shop", ObjectTypeName="Accounts")


def test_domain_object_types_need_the_data_store(profiles: Any) -> None:
    fields = {"sku": {"Source": "_source.sku", "Target": "_product.sku", "FeatureType": "CATEGORICAL"}}
    with raises("BadRequestException", 400, match="data store"):
        profiles.put_domain_object_type(DomainName="shop", ObjectTypeName="Product", Fields=fields)
    profiles.update_domain(DomainName="shop", DataStore={"Enabled": True})
    created = profiles.put_domain_object_type(
        DomainName="shop", ObjectTypeName="Product", Description="products", Fields=fields, Tags={"a": "b"}
    )
    assert created["Fields"] == fields and created["Tags"] == {"a": "b"}
    with raises("BadRequestException", 400, match="accessor"):
        profiles.put_domain_object_type(
            DomainName="shop", ObjectTypeName="Bad", Fields={"x": {"Source": "sku", "Target": "_product.sku"}}
        )
    assert profiles.get_domain_object_type(DomainName="shop", ObjectTypeName="Product")["Description"] == "products"
    assert [t["ObjectTypeName"] for t in profiles.list_domain_object_types(DomainName="shop")["Items"]] == ["Product"]
    profiles.delete_domain_object_type(DomainName="shop", ObjectTypeName="Product")
    with raises("ResourceNotFoundException", 404):
        profiles.get_domain_object_type(DomainName="shop", ObjectTypeName="Product")


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="types", DefaultExpirationDays=7)
    profiles.put_profile_object_type(DomainName="types", ObjectTypeName="T", Description="d", Fields=FIELDS, Keys=KEYS)
    assert profiles.get_profile_object_type(DomainName="types", ObjectTypeName="T")["Keys"] == KEYS
    with raises("BadRequestException", 400):
        profiles.put_profile_object_type(
            DomainName="types", ObjectTypeName="T", Description="d", Fields=FIELDS, Keys={}
        )
