"""Cases domains through boto3: lifecycle, system fields, uniqueness, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connectcases import quotas
from moto_connect_ext.connectcases.fields import SYSTEM_FIELDS
from tests.helpers import RAW, raises


def test_create_get_list_delete(cases: Any) -> None:
    created = cases.create_domain(name="support")
    domain_id = created["domainId"]
    assert created["domainArn"] == f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}"
    assert created["domainStatus"] == "Active"
    got = cases.get_domain(domainId=domain_id)
    assert got["name"] == "support"
    assert got["domainStatus"] == "Active"
    assert got["tags"] == {}
    assert abs(got["createdTime"] - dt.datetime.now(dt.timezone.utc)) < dt.timedelta(minutes=1)
    assert cases.list_domains()["domains"] == [
        {"domainId": domain_id, "domainArn": created["domainArn"], "name": "support"}
    ]
    cases.delete_domain(domainId=domain_id)
    assert cases.list_domains()["domains"] == []
    with raises("ResourceNotFoundException", 404) as info:
        cases.get_domain(domainId=domain_id)
    assert info.value.response["resourceId"] == domain_id
    assert info.value.response["resourceType"] == "Domain"


def test_domain_names_are_unique(cases: Any, domain_id: str) -> None:
    with raises("ConflictException", 409, match="test-domain"):
        cases.create_domain(name="test-domain")
    assert len(cases.list_domains()["domains"]) == 1
    # the name is free again once the domain is gone
    cases.delete_domain(domainId=domain_id)
    assert cases.create_domain(name="test-domain")["domainStatus"] == "Active"


def test_domains_are_per_region(moto_connect: Any, cases: Any, domain_id: str) -> None:
    west = moto_connect.client("connectcases", region_name="us-west-2")
    assert west.list_domains()["domains"] == []
    assert west.create_domain(name="test-domain")["domainArn"].startswith("arn:aws:cases:us-west-2:")
    with raises("ResourceNotFoundException", 404):
        west.get_domain(domainId=domain_id)


def test_new_domain_has_the_system_fields(cases: Any, domain_id: str) -> None:
    fields = cases.list_fields(domainId=domain_id)["fields"]
    by_id = {f["fieldId"]: f for f in fields}
    for expected in (
        "title",
        "status",
        "customer_id",
        "reference_number",
        "created_datetime",
        "last_updated_datetime",
        "last_closed_datetime",
        "case_reason",
        "summary",
        "assigned_queue",
        "assigned_user",
        "last_updated_user",
    ):
        assert by_id[expected]["namespace"] == "System", expected
    assert [f["fieldId"] for f in fields] == [f.id for f in SYSTEM_FIELDS]
    assert by_id["status"]["type"] == "SingleSelect"
    assert by_id["case_reason"]["type"] == "SingleSelect"
    assert by_id["created_datetime"]["type"] == "DateTime"
    assert by_id["last_updated_user"]["type"] == "User"
    assert by_id["title"] == {
        "fieldId": "title",
        "fieldArn": f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/field/title",
        "name": "Title",
        "type": "Text",
        "namespace": "System",
    }
    options = cases.list_field_options(domainId=domain_id, fieldId="status")["options"]
    assert options == [
        {"name": "Open", "value": "open", "active": True},
        {"name": "Closed", "value": "closed", "active": True},
    ]
    assert cases.list_field_options(domainId=domain_id, fieldId="case_reason")["options"] == []


def test_list_domains_paginates(cases: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quotas, "DOMAINS", 12)
    ids = [cases.create_domain(name=f"domain-{i}")["domainId"] for i in range(12)]
    first = cases.list_domains()
    assert len(first["domains"]) == 10  # the model's maximum is the default page
    second = cases.list_domains(nextToken=first["nextToken"])
    assert "nextToken" not in second
    assert [d["domainId"] for d in first["domains"] + second["domains"]] == ids
    small = cases.list_domains(maxResults=5)
    assert len(small["domains"]) == 5


def test_list_domains_bounds_and_tokens(moto_connect: Any) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400, match="less than or equal to 10"):
        raw.list_domains(maxResults=11)
    with raises("ValidationException", 400, match="greater than or equal to 1"):
        raw.list_domains(maxResults=0)
    with raises("ValidationException", 400, match="pagination token"):
        raw.list_domains(nextToken="not-a-token")


def test_domain_name_constraints(moto_connect: Any) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    with raises("ValidationException", 400, match="length less than or equal to 100"):
        raw.create_domain(name="x" * 101)
    with raises("ValidationException", 400, match="regular expression pattern"):
        raw.create_domain(name="   ")
    with raises("ValidationException", 400, match="must not be null"):
        raw.create_domain()
    assert raw.list_domains()["domains"] == []


def test_unknown_domain_everywhere(cases: Any) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    for call in (
        lambda: cases.delete_domain(domainId=missing),
        lambda: cases.list_fields(domainId=missing),
        lambda: cases.create_field(domainId=missing, name="x", type="Text"),
        lambda: cases.list_templates(domainId=missing),
        lambda: cases.list_layouts(domainId=missing),
        lambda: cases.list_case_rules(domainId=missing),
        lambda: cases.get_case_event_configuration(domainId=missing),
    ):
        with raises("ResourceNotFoundException", 404) as info:
            call()
        assert info.value.response["resourceType"] == "Domain"
        assert info.value.response["resourceId"] == missing


def test_domain_status_follows_the_state_manager(cases: Any) -> None:
    state_manager.set_transition("connectcases::domain", {"progression": "manual", "times": 1})
    try:
        created = cases.create_domain(name="slow")
        assert created["domainStatus"] == "CreationInProgress"
        assert cases.get_domain(domainId=created["domainId"])["domainStatus"] == "CreationInProgress"
        assert cases.get_domain(domainId=created["domainId"])["domainStatus"] == "Active"
    finally:
        state_manager.unset_transition("connectcases::domain")


def test_delete_domain_forgets_everything_in_it(cases: Any, domain_id: str) -> None:
    field_arn = cases.create_field(domainId=domain_id, name="Order", type="Text")["fieldArn"]
    cases.tag_resource(arn=field_arn, tags={"team": "a"})
    cases.delete_domain(domainId=domain_id)
    with raises("ResourceNotFoundException", 404):
        cases.list_tags_for_resource(arn=field_arn)


def test_domains_quota(cases: Any) -> None:
    ids = [cases.create_domain(name=f"domain-{i}")["domainId"] for i in range(quotas.DOMAINS)]
    with raises("ServiceQuotaExceededException", 402, "would have 6 Cases domains"):
        cases.create_domain(name="one too many")
    assert [d["domainId"] for d in cases.list_domains()["domains"]] == ids
    cases.delete_domain(domainId=ids[0])
    cases.create_domain(name="one too many")
