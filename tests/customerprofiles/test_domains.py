"""Customer Profiles domains through boto3: settings checked against moto's KMS and SQS, matching
status through moto's state manager, stats, tags, paging, and the service in server mode."""

from __future__ import annotations

from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.customerprofiles.models import RULE_BASED_MATCHING_MODEL
from tests.helpers import raises
from tests.servers import server_client

RULES = {"Enabled": True, "MatchingRules": [{"Rule": ["EmailAddress"]}]}


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    return moto_connect.client("customer-profiles")


def test_a_domain_round_trips_with_its_settings(moto_connect: Any, profiles: Any) -> None:
    key = moto_connect.client("kms").create_key()["KeyMetadata"]["Arn"]
    queue = moto_connect.client("sqs").create_queue(QueueName="dlq")["QueueUrl"]
    created = profiles.create_domain(
        DomainName="shop",
        DefaultExpirationDays=365,
        DefaultEncryptionKey=key,
        DeadLetterQueueUrl=queue,
        Matching={"Enabled": True},
        RuleBasedMatching=RULES,
        DataStore={"Enabled": False},
        Tags={"team": "crm"},
    )
    assert (created["DomainName"], created["DefaultEncryptionKey"], created["DeadLetterQueueUrl"]) == (
        "shop",
        key,
        queue,
    )
    assert created["RuleBasedMatching"]["Status"] == "ACTIVE" and created["Tags"] == {"team": "crm"}
    got = profiles.get_domain(DomainName="shop")
    assert got["Stats"] == {"ProfileCount": 0, "MeteringProfileCount": 0, "ObjectCount": 0, "TotalSize": 0}
    assert got["Matching"] == {"Enabled": True} and got["CreatedAt"] == got["LastUpdatedAt"]

    updated = profiles.update_domain(DomainName="shop", DefaultExpirationDays=30, DeadLetterQueueUrl="")
    assert updated["DefaultExpirationDays"] == 30 and "DeadLetterQueueUrl" not in updated
    assert updated["DefaultEncryptionKey"] == key and updated["LastUpdatedAt"] > got["CreatedAt"]

    arn = "arn:aws:profile:us-east-1:123456789012:domains/shop"
    profiles.tag_resource(resourceArn=arn, tags={"env": "test"})
    profiles.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert profiles.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "test"}

    # bad input is refused and changes nothing
    cases = [
        ({"DomainName": "shop", "DefaultExpirationDays": 3}, "already exists"),
        ({"DomainName": "other", "DefaultExpirationDays": 3, "DeadLetterQueueUrl": queue + "-gone"}, "does not exist"),
        ({"DomainName": "other", "DefaultExpirationDays": 3, "DeadLetterQueueUrl": "https://example.com/q"}, "SQS"),
        ({"DomainName": "other", "DefaultExpirationDays": 3, "DefaultEncryptionKey": key[:-4] + "0000"}, "KMS"),
        ({"DomainName": "other", "DefaultExpirationDays": 1099}, "1098"),
    ]
    for request, message in cases:
        with raises("BadRequestException", 400, match=message):
            profiles.create_domain(**request)
    assert [d["DomainName"] for d in profiles.list_domains()["Items"]] == ["shop"]

    assert profiles.delete_domain(DomainName="shop")["Message"] == "Domain shop was deleted."
    for call in (
        lambda: profiles.get_domain(DomainName="shop"),
        lambda: profiles.list_tags_for_resource(resourceArn=arn),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_rule_based_matching_status_moves_through_the_state_manager(profiles: Any) -> None:
    state_manager.set_transition(RULE_BASED_MATCHING_MODEL, {"progression": "manual", "times": 1})
    try:
        assert (
            profiles.create_domain(DomainName="new", DefaultExpirationDays=1, RuleBasedMatching=RULES)[
                "RuleBasedMatching"
            ]["Status"]
            == "IN_PROGRESS"
        )
        profiles.create_domain(DomainName="old", DefaultExpirationDays=1)
        seen = [profiles.update_domain(DomainName="old", RuleBasedMatching=RULES)["RuleBasedMatching"]["Status"]]
        for _ in range(3):
            seen.append(profiles.get_domain(DomainName="old")["RuleBasedMatching"]["Status"])
        assert seen == ["PENDING", "IN_PROGRESS", "ACTIVE", "ACTIVE"]
    finally:
        state_manager.unset_transition(RULE_BASED_MATCHING_MODEL)


def test_domains_page_stably(profiles: Any) -> None:
    for i in range(5):
        profiles.create_domain(DomainName=f"d{i}", DefaultExpirationDays=1)
    first = profiles.list_domains(MaxResults=2)
    profiles.delete_domain(DomainName="d0")
    rest = profiles.list_domains(NextToken=first["NextToken"], MaxResults=10)
    assert [d["DomainName"] for d in first["Items"] + rest["Items"]] == [f"d{i}" for i in range(5)]
    with raises("ResourceNotFoundException", 404):
        profiles.update_domain(DomainName="d0", DefaultExpirationDays=2)


def test_a_resource_has_at_most_50_tags(profiles: Any) -> None:
    # TagResource: "You can associate as many as 50 tags with a resource"
    profiles.create_domain(DomainName="shop", DefaultExpirationDays=1, Tags={f"k{i}": "v" for i in range(49)})
    arn = "arn:aws:profile:us-east-1:123456789012:domains/shop"
    profiles.tag_resource(resourceArn=arn, tags={"k0": "again", "k49": "v"})  # a new value and the 50th
    with raises("BadRequestException", 400, match="50"):
        profiles.tag_resource(resourceArn=arn, tags={"k50": "v"})
    assert len(profiles.list_tags_for_resource(resourceArn=arn)["tags"]) == 50


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="served", DefaultExpirationDays=7)
    assert profiles.get_domain(DomainName="served")["DefaultExpirationDays"] == 7
    with raises("BadRequestException", 400):
        profiles.create_domain(DomainName="served", DefaultExpirationDays=7)
