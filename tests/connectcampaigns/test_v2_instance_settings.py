"""v2 only: instance integrations and communication limits."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import RAW, raises

from .util import onboard

DOMAIN = "arn:aws:profile:us-east-1:123456789012:domains/customers"
OTHER_DOMAIN = "arn:aws:profile:us-east-1:123456789012:domains/others"
KNOWLEDGE_BASE = "arn:aws:wisdom:us-east-1:123456789012:knowledge-base/2f4c7a2e-8f1b-4d2a-9c5e-0a1b2c3d4e5f"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:score"
FUNCTION_2 = "arn:aws:lambda:us-east-1:123456789012:function:route"
TEMPLATE = "arn:aws:wisdom:us-east-1:123456789012:message-template/kb-1/template-1"
PROFILES_ARN = "arn:aws:profile:us-east-1:123456789012:profiles/customers"


def integrations(v2: Any, instance_id: str, **kw: Any) -> list[dict[str, Any]]:
    return list(v2.list_connect_instance_integrations(connectInstanceId=instance_id, **kw)["integrationSummaryList"])


def test_put_list_delete_integrations(v2: Any, onboarded: str) -> None:
    assert integrations(v2, onboarded) == []
    profiles = {"domainArn": DOMAIN, "objectTypeNames": {"Campaign-SMS": "sms-events"}}
    v2.put_connect_instance_integration(connectInstanceId=onboarded, integrationConfig={"customerProfiles": profiles})
    v2.put_connect_instance_integration(
        connectInstanceId=onboarded, integrationConfig={"qConnect": {"knowledgeBaseArn": KNOWLEDGE_BASE}}
    )
    for arn in (FUNCTION, FUNCTION_2):
        v2.put_connect_instance_integration(
            connectInstanceId=onboarded, integrationConfig={"lambda": {"functionArn": arn}}
        )
    assert integrations(v2, onboarded) == [
        {"customerProfiles": profiles},
        {"qConnect": {"knowledgeBaseArn": KNOWLEDGE_BASE}},
        {"lambda": {"functionArn": FUNCTION}},
        {"lambda": {"functionArn": FUNCTION_2}},
    ]
    v2.delete_connect_instance_integration(
        connectInstanceId=onboarded, integrationIdentifier={"lambda": {"functionArn": FUNCTION}}
    )
    v2.delete_connect_instance_integration(
        connectInstanceId=onboarded, integrationIdentifier={"customerProfiles": {"domainArn": DOMAIN}}
    )
    assert integrations(v2, onboarded) == [
        {"qConnect": {"knowledgeBaseArn": KNOWLEDGE_BASE}},
        {"lambda": {"functionArn": FUNCTION_2}},
    ]


def test_put_updates_an_integration(v2: Any, onboarded: str) -> None:
    first = {"domainArn": DOMAIN, "objectTypeNames": {"Campaign-SMS": "sms-events"}}
    second = {"domainArn": DOMAIN, "objectTypeNames": {"Campaign-Email": "mail", "Campaign-Telephony": "calls"}}
    for config in (first, second):
        v2.put_connect_instance_integration(connectInstanceId=onboarded, integrationConfig={"customerProfiles": config})
    assert integrations(v2, onboarded) == [{"customerProfiles": second}]
    v2.put_connect_instance_integration(
        connectInstanceId=onboarded, integrationConfig={"lambda": {"functionArn": FUNCTION}}
    )
    v2.put_connect_instance_integration(
        connectInstanceId=onboarded, integrationConfig={"lambda": {"functionArn": FUNCTION}}
    )
    assert len(integrations(v2, onboarded)) == 2


def test_one_profiles_domain_and_one_knowledge_base(v2: Any, onboarded: str) -> None:
    v2.put_connect_instance_integration(
        connectInstanceId=onboarded,
        integrationConfig={"customerProfiles": {"domainArn": DOMAIN, "objectTypeNames": {"Campaign-SMS": "s"}}},
    )
    with raises("ConflictException", 409, match="already has a customerProfiles integration"):
        v2.put_connect_instance_integration(
            connectInstanceId=onboarded,
            integrationConfig={
                "customerProfiles": {"domainArn": OTHER_DOMAIN, "objectTypeNames": {"Campaign-SMS": "s"}}
            },
        )
    v2.put_connect_instance_integration(
        connectInstanceId=onboarded, integrationConfig={"qConnect": {"knowledgeBaseArn": KNOWLEDGE_BASE}}
    )
    with raises("ConflictException", 409):
        v2.put_connect_instance_integration(
            connectInstanceId=onboarded,
            integrationConfig={"qConnect": {"knowledgeBaseArn": KNOWLEDGE_BASE[:-1] + "0"}},
        )
    assert [i["customerProfiles"]["domainArn"] for i in integrations(v2, onboarded) if "customerProfiles" in i] == [
        DOMAIN
    ]


def test_integrations_page(v2: Any, onboarded: str) -> None:
    arns = [f"arn:aws:lambda:us-east-1:123456789012:function:f{n}" for n in range(5)]
    for arn in arns:
        v2.put_connect_instance_integration(
            connectInstanceId=onboarded, integrationConfig={"lambda": {"functionArn": arn}}
        )
    seen: list[str] = []
    token = None
    pages = 0
    while True:
        kw = {"maxResults": 2, **({"nextToken": token} if token else {})}
        page = v2.list_connect_instance_integrations(connectInstanceId=onboarded, **kw)
        seen.extend(i["lambda"]["functionArn"] for i in page["integrationSummaryList"])
        pages += 1
        token = page.get("nextToken")
        if not token:
            break
    assert seen == arns
    assert pages == 3
    paginated = v2.get_paginator("list_connect_instance_integrations").paginate(
        connectInstanceId=onboarded, PaginationConfig={"PageSize": 4}
    )
    assert sum(len(p["integrationSummaryList"]) for p in paginated) == 5
    with raises("ValidationException", 400, match="pagination token"):
        v2.list_connect_instance_integrations(connectInstanceId=onboarded, nextToken="garbage")


def test_integration_errors(v2: Any, onboarded: str) -> None:
    with raises("ResourceNotFoundException", 404, match="no lambda integration"):
        v2.delete_connect_instance_integration(
            connectInstanceId=onboarded, integrationIdentifier={"lambda": {"functionArn": FUNCTION}}
        )
    v2.put_connect_instance_integration(
        connectInstanceId=onboarded,
        integrationConfig={"customerProfiles": {"domainArn": DOMAIN, "objectTypeNames": {"Campaign-SMS": "s"}}},
    )
    with raises("ResourceNotFoundException", 404):
        v2.delete_connect_instance_integration(
            connectInstanceId=onboarded, integrationIdentifier={"customerProfiles": {"domainArn": OTHER_DOMAIN}}
        )
    with raises("ValidationException", 400, match="not an ARN of profile:domains/"):
        v2.put_connect_instance_integration(
            connectInstanceId=onboarded,
            integrationConfig={
                "customerProfiles": {
                    "domainArn": KNOWLEDGE_BASE,
                    "objectTypeNames": {"Campaign-SMS": "s"},
                }
            },
        )
    assert len(integrations(v2, onboarded)) == 1


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"qConnect": {"knowledgeBaseArn": TEMPLATE}}, "is not an ARN of wisdom:knowledge-base/"),
        ({"qConnect": {"knowledgeBaseArn": DOMAIN}}, "is not an ARN of wisdom:knowledge-base/"),
        (
            {"customerProfiles": {"domainArn": PROFILES_ARN, "objectTypeNames": {"Campaign-SMS": "s"}}},
            "is not an ARN of profile:domains/",
        ),
    ],
)
def test_integrations_name_what_the_api_reference_says(v2: Any, onboarded: str, config: Any, message: str) -> None:
    with raises("ValidationException", 400, match=message):
        v2.put_connect_instance_integration(connectInstanceId=onboarded, integrationConfig=config)
    assert integrations(v2, onboarded) == []


def test_integration_model_constraints(moto_connect: Any, onboarded: str) -> None:
    raw = moto_connect.client("connectcampaignsv2", config=RAW)
    with raises("ValidationException", 400):
        raw.put_connect_instance_integration(
            connectInstanceId=onboarded,
            integrationConfig={"lambda": {"functionArn": FUNCTION}, "qConnect": {"knowledgeBaseArn": KNOWLEDGE_BASE}},
        )
    with raises("ValidationException", 400, match="regular expression pattern"):
        raw.put_connect_instance_integration(
            connectInstanceId=onboarded, integrationConfig={"lambda": {"functionArn": "arn:aws:s3:::bucket-name"}}
        )
    with raises("ValidationException", 400, match="enum value set"):
        raw.put_connect_instance_integration(
            connectInstanceId=onboarded,
            integrationConfig={"customerProfiles": {"domainArn": DOMAIN, "objectTypeNames": {"Campaign-Fax": "f"}}},
        )
    with raises("ValidationException", 400, match="less than or equal to 50"):
        raw.list_connect_instance_integrations(connectInstanceId=onboarded, maxResults=51)
    assert raw.list_connect_instance_integrations(connectInstanceId=onboarded)["integrationSummaryList"] == []


def test_communication_limits(v2: Any, onboarded: str) -> None:
    assert v2.get_instance_communication_limits(connectInstanceId=onboarded)["communicationLimitsConfig"] == {}
    limits = {
        "allChannelSubtypes": {
            "communicationLimitsList": [
                {"maxCountPerRecipient": 3, "frequency": 1, "unit": "DAY"},
                {"maxCountPerRecipient": 10, "frequency": 7, "unit": "DAY"},
            ]
        }
    }
    v2.put_instance_communication_limits(connectInstanceId=onboarded, communicationLimitsConfig=limits)
    assert v2.get_instance_communication_limits(connectInstanceId=onboarded)["communicationLimitsConfig"] == limits
    emptied: dict[str, Any] = {"allChannelSubtypes": {"communicationLimitsList": []}}
    v2.put_instance_communication_limits(connectInstanceId=onboarded, communicationLimitsConfig=emptied)
    assert v2.get_instance_communication_limits(connectInstanceId=onboarded)["communicationLimitsConfig"] == emptied


def test_communication_limit_errors(moto_connect: Any, v2: Any, onboarded: str) -> None:
    twice = {
        "allChannelSubtypes": {
            "communicationLimitsList": [
                {"maxCountPerRecipient": 3, "frequency": 7, "unit": "DAY"},
                {"maxCountPerRecipient": 5, "frequency": 7, "unit": "DAY"},
            ]
        }
    }
    with raises("ValidationException", 400, match="same frequency"):
        v2.put_instance_communication_limits(connectInstanceId=onboarded, communicationLimitsConfig=twice)
    raw = moto_connect.client("connectcampaignsv2", config=RAW)
    limit = {"maxCountPerRecipient": 1, "frequency": 1, "unit": "DAY"}
    for bad, message in [
        ([limit, {**limit, "frequency": 2}, {**limit, "frequency": 3}], "length less than or equal to 2"),
        ([{**limit, "frequency": 31}], "less than or equal to 30"),
        ([{**limit, "maxCountPerRecipient": 0}], "greater than or equal to 1"),
        ([{**limit, "unit": "WEEK"}], "enum value set"),
    ]:
        with raises("ValidationException", 400, match=message):
            raw.put_instance_communication_limits(
                connectInstanceId=onboarded,
                communicationLimitsConfig={"allChannelSubtypes": {"communicationLimitsList": bad}},
            )
    assert v2.get_instance_communication_limits(connectInstanceId=onboarded)["communicationLimitsConfig"] == {}


def test_settings_need_an_onboarded_instance(v2: Any, instance_id: str) -> None:
    calls = [
        lambda: v2.put_connect_instance_integration(
            connectInstanceId=instance_id, integrationConfig={"lambda": {"functionArn": FUNCTION}}
        ),
        lambda: v2.list_connect_instance_integrations(connectInstanceId=instance_id),
        lambda: v2.delete_connect_instance_integration(
            connectInstanceId=instance_id, integrationIdentifier={"lambda": {"functionArn": FUNCTION}}
        ),
        lambda: v2.put_instance_communication_limits(connectInstanceId=instance_id, communicationLimitsConfig={}),
        lambda: v2.get_instance_communication_limits(connectInstanceId=instance_id),
    ]
    for call in calls:
        with raises("ResourceNotFoundException", 404, match="not onboarded"):
            call()
    with raises("ResourceNotFoundException", 404, match="Amazon Connect instance nope not found"):
        v2.get_instance_communication_limits(connectInstanceId="nope")


def test_offboarding_clears_the_settings(v2: Any, onboarded: str) -> None:
    v2.put_connect_instance_integration(
        connectInstanceId=onboarded, integrationConfig={"lambda": {"functionArn": FUNCTION}}
    )
    v2.put_instance_communication_limits(
        connectInstanceId=onboarded,
        communicationLimitsConfig={
            "allChannelSubtypes": {
                "communicationLimitsList": [{"maxCountPerRecipient": 1, "frequency": 1, "unit": "DAY"}]
            }
        },
    )
    v2.delete_connect_instance_config(connectInstanceId=onboarded)
    onboard(v2, onboarded)
    assert integrations(v2, onboarded) == []
    assert v2.get_instance_communication_limits(connectInstanceId=onboarded)["communicationLimitsConfig"] == {}
