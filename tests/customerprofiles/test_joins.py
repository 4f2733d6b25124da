"""Customer Profiles joined to the rest: a case's customer and a campaign's profiles resolve."""

from __future__ import annotations

from typing import Any

from moto_connect_ext.core.caller import Caller
from moto_connect_ext.customerprofiles import profiles as store
from tests.helpers import raises

ACCOUNT, REGION = "123456789012", "us-east-1"
DOMAIN_ARN = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/crm"


def _profile(moto_connect: Any) -> str:
    """A profile of the domain ``crm`` (made in the store, as CreateProfile makes them)."""
    backend = moto_connect.backend("customer-profiles")
    made = store.create(backend.resources, backend.domain("crm"), Caller(ACCOUNT, REGION, "aws"), {"FirstName": "Ana"})
    return made.id


def test_a_case_customer_must_be_a_profile_of_a_domain_the_plugin_has(moto_connect: Any) -> None:
    moto_connect.client("customer-profiles").create_domain(DomainName="crm", DefaultExpirationDays=30)
    profile = _profile(moto_connect)
    cases = moto_connect.client("connectcases")
    domain = cases.create_domain(name="support")["domainId"]
    template = cases.create_template(domainId=domain, name="t")["templateId"]

    def open_case(customer: str) -> Any:
        fields = [
            {"id": "title", "value": {"stringValue": "help"}},
            {"id": "customer_id", "value": {"stringValue": customer}},
        ]
        return cases.create_case(domainId=domain, templateId=template, fields=fields)

    case = open_case(f"{DOMAIN_ARN}/profiles/{profile}")["caseId"]
    with raises("ValidationException", 400, match="does not exist in Customer Profiles domain crm"):
        open_case(f"{DOMAIN_ARN}/profiles/{'0' * 32}")
    # a domain the plugin does not have: the ARN's form is all there is to check
    open_case(f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/elsewhere/profiles/{'1' * 32}")
    with raises("ValidationException", 400):
        cases.update_case(
            domainId=domain,
            caseId=case,
            fields=[{"id": "customer_id", "value": {"stringValue": DOMAIN_ARN + "/profiles/x"}}],
        )
