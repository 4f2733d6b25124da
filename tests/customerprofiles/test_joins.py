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


def test_campaigns_name_profiles_segments_and_object_types_that_exist(moto_connect: Any, instance: Any) -> None:
    from tests.connectcampaigns.util import TELEPHONY, create_v2, onboard

    profiles = moto_connect.client("customer-profiles")
    profiles.create_domain(DomainName="crm", DefaultExpirationDays=30)
    profiles.put_profile_object_type(
        DomainName="crm",
        ObjectTypeName="sms",
        Description="messages",
        AllowProfileCreation=True,
        Fields={"phone": {"Source": "_source.phone", "Target": "_profile.PhoneNumber"}},
        Keys={"phone": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["phone"]}]},
    )
    ana = profiles.create_profile(DomainName="crm", FirstName="Ana")["ProfileId"]
    v2 = moto_connect.client("connectcampaignsv2")
    iid = instance["Id"]
    onboard(v2, iid)

    # the instance integrates the domain: its object types must exist there
    with raises("ResourceNotFoundException", 404, match="Object type missing does not exist"):
        v2.put_connect_instance_integration(
            connectInstanceId=iid,
            integrationConfig={
                "customerProfiles": {"domainArn": DOMAIN_ARN, "objectTypeNames": {"Campaign-SMS": "missing"}}
            },
        )
    v2.put_connect_instance_integration(
        connectInstanceId=iid,
        integrationConfig={"customerProfiles": {"domainArn": DOMAIN_ARN, "objectTypeNames": {"Campaign-SMS": "sms"}}},
    )

    # a segment source must be a segment of the domain
    with raises("ResourceNotFoundException", 404, match="Segment definition vip does not exist"):
        create_v2(v2, iid, source={"customerProfilesSegmentArn": DOMAIN_ARN + "/segment-definitions/vip"})

    # profile outbound requests name profiles of the integrated domain
    campaign = create_v2(v2, iid, channelSubtypeConfig={"telephony": TELEPHONY})["id"]
    v2.start_campaign(id=campaign)
    answer = v2.put_profile_outbound_request_batch(
        id=campaign,
        profileOutboundRequests=[
            {"clientToken": "a", "profileId": ana},
            {"clientToken": "b", "profileId": "0" * 32},
        ],
    )
    assert [r["clientToken"] for r in answer["successfulRequests"]] == ["a"]
    assert [(r["clientToken"], r["failureCode"]) for r in answer["failedRequests"]] == [("b", "ResourceNotFound")]
