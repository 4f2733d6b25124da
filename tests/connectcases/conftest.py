"""Fixtures for Connect Cases: a client, a domain and a few fields in it."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def cases(moto_connect: Any) -> Any:
    return moto_connect.client("connectcases")


@pytest.fixture
def domain_id(cases: Any) -> str:
    return str(cases.create_domain(name="test-domain")["domainId"])


@pytest.fixture
def make_field(cases: Any, domain_id: str) -> Any:
    """Create a custom field (with SingleSelect options when given); returns its id."""

    def make(name: str, field_type: str = "Text", options: list[str] | None = None, **extra: Any) -> str:
        field_id = str(cases.create_field(domainId=domain_id, name=name, type=field_type, **extra)["fieldId"])
        if options:
            cases.batch_put_field_options(
                domainId=domain_id,
                fieldId=field_id,
                options=[{"name": value.title(), "value": value, "active": True} for value in options],
            )
        return field_id

    return make


@pytest.fixture
def template_id(cases: Any, domain_id: str) -> str:
    """An active template with no requirements."""
    return str(cases.create_template(domainId=domain_id, name="Default")["templateId"])


@pytest.fixture
def make_case(cases: Any, domain_id: str, template_id: str) -> Any:
    """Create a case (title plus the given ``{field id: FieldValueUnion}``); returns its id."""

    def make(
        title: str = "A case", values: dict[str, Any] | None = None, template: str | None = None, **extra: Any
    ) -> str:
        fields = [{"id": "title", "value": {"stringValue": title}}]
        fields += [{"id": k, "value": v} for k, v in (values or {}).items()]
        created = cases.create_case(domainId=domain_id, templateId=template or template_id, fields=fields, **extra)
        return str(created["caseId"])

    return make


@pytest.fixture
def get_values(cases: Any, domain_id: str) -> Any:
    """``{field id: FieldValueUnion}`` of a case for the given field ids."""

    def get(case_id: str, *field_ids: str) -> dict[str, Any]:
        found = cases.get_case(domainId=domain_id, caseId=case_id, fields=[{"id": f} for f in field_ids])
        return {entry["id"]: entry["value"] for entry in found["fields"]}

    return get
