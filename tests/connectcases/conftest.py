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
