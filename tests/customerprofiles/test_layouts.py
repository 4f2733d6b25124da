"""Customer Profiles domain layouts through boto3: the JSON layout checked, names unique per domain,
versions, one default per domain, tags, stable paging, and the family in server mode."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.helpers import raises
from tests.servers import server_client

LAYOUT = json.dumps({"sections": [{"title": "Contact", "fields": ["EmailAddress", "PhoneNumber"]}]})
ARN = "arn:aws:profile:us-east-1:123456789012:domains/shop/layouts/{}"


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    client.create_domain(DomainName="shop", DefaultExpirationDays=30)
    return client


def _layout(name: str, **overrides: Any) -> dict[str, Any]:
    return {
        "DomainName": "shop",
        "LayoutDefinitionName": name,
        "Description": f"{name} layout",
        "DisplayName": name.title(),
        "LayoutType": "PROFILE_EXPLORER",
        "Layout": LAYOUT,
        **overrides,
    }


def test_a_layout_round_trips_and_one_is_the_default(profiles: Any) -> None:
    created = profiles.create_domain_layout(**_layout("agents", IsDefault=True, Tags={"team": "crm"}))
    assert {k: created[k] for k in ("LayoutDefinitionName", "Version", "IsDefault", "Layout", "Tags")} == {
        "LayoutDefinitionName": "agents",
        "Version": "1",
        "IsDefault": True,
        "Layout": LAYOUT,
        "Tags": {"team": "crm"},
    }
    got = profiles.get_domain_layout(DomainName="shop", LayoutDefinitionName="agents")
    assert got["CreatedAt"] == got["LastUpdatedAt"] and got["DisplayName"] == "Agents"

    # a second default takes the flag from the first
    profiles.create_domain_layout(**_layout("managers", IsDefault=True))
    defaults = {
        i["LayoutDefinitionName"]: i["IsDefault"] for i in profiles.list_domain_layouts(DomainName="shop")["Items"]
    }
    assert defaults == {"agents": False, "managers": True}

    # an update bumps the version only when it changes something
    same = profiles.update_domain_layout(DomainName="shop", LayoutDefinitionName="agents", Layout=LAYOUT)
    assert same["Version"] == "1"
    other = json.dumps({"sections": []})
    updated = profiles.update_domain_layout(
        DomainName="shop", LayoutDefinitionName="agents", Layout=other, IsDefault=True, DisplayName="Front line"
    )
    assert (updated["Version"], updated["Layout"], updated["DisplayName"]) == ("2", other, "Front line")
    assert updated["LastUpdatedAt"] > got["CreatedAt"]
    assert not profiles.get_domain_layout(DomainName="shop", LayoutDefinitionName="managers")["IsDefault"]

    profiles.tag_resource(resourceArn=ARN.format("agents"), tags={"env": "test"})
    assert profiles.list_tags_for_resource(resourceArn=ARN.format("agents"))["tags"] == {"team": "crm", "env": "test"}

    # bad input changes nothing
    for request, code, message in [
        (_layout("agents"), "BadRequestException", "already exists"),
        (_layout("broken", Layout="{not json"), "BadRequestException", "JSON"),
        (_layout("listy", Layout="[1, 2]"), "BadRequestException", "JSON object"),
        (_layout("nowhere", DomainName="gone"), "ResourceNotFoundException", "gone"),
    ]:
        with raises(code, match=message):
            profiles.create_domain_layout(**request)
    with raises("BadRequestException", 400, match="JSON"):
        profiles.update_domain_layout(DomainName="shop", LayoutDefinitionName="agents", Layout="nope")
    with raises("ResourceNotFoundException", 404):
        profiles.update_domain_layout(DomainName="shop", LayoutDefinitionName="ghost", Description="x")
    assert profiles.get_domain_layout(DomainName="shop", LayoutDefinitionName="agents")["Version"] == "2"
    assert [i["LayoutDefinitionName"] for i in profiles.list_domain_layouts(DomainName="shop")["Items"]] == [
        "agents",
        "managers",
    ]

    deleted = profiles.delete_domain_layout(DomainName="shop", LayoutDefinitionName="agents")
    assert deleted["Message"] == "Layout agents was deleted."
    for call in (
        lambda: profiles.get_domain_layout(DomainName="shop", LayoutDefinitionName="agents"),
        lambda: profiles.delete_domain_layout(DomainName="shop", LayoutDefinitionName="agents"),
        lambda: profiles.list_tags_for_resource(resourceArn=ARN.format("agents")),
    ):
        with raises("ResourceNotFoundException", 404):
            call()
    # the name is free again; a deleted domain takes its layouts with it
    assert profiles.create_domain_layout(**_layout("agents"))["Version"] == "1"
    profiles.delete_domain(DomainName="shop")
    with raises("ResourceNotFoundException", 404):
        profiles.list_domain_layouts(DomainName="shop")


def test_layouts_page_stably(profiles: Any) -> None:
    for i in range(5):
        profiles.create_domain_layout(**_layout(f"l{i}"))
    first = profiles.list_domain_layouts(DomainName="shop", MaxResults=2)
    profiles.delete_domain_layout(DomainName="shop", LayoutDefinitionName="l0")
    profiles.create_domain_layout(**_layout("l5"))
    rest = profiles.list_domain_layouts(DomainName="shop", NextToken=first["NextToken"], MaxResults=10)
    assert "NextToken" not in rest
    assert [i["LayoutDefinitionName"] for i in first["Items"] + rest["Items"]] == [f"l{i}" for i in range(6)]


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="served", DefaultExpirationDays=7)
    profiles.create_domain_layout(**_layout("main", DomainName="served", IsDefault=True))
    assert profiles.get_domain_layout(DomainName="served", LayoutDefinitionName="main")["IsDefault"] is True
    with raises("BadRequestException", 400):
        profiles.create_domain_layout(**_layout("bad", DomainName="served", Layout="]"))
