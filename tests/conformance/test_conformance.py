"""Every served operation against its botocore model, with generated requests.

For each operation the plugin serves, hypothesis draws requests from the input
shape (seeded with ids of resources that exist, so happy paths are reached too)
and sends them with client-side validation off.  A valid request must get a 2xx
whose raw JSON body fits the output shape exactly, or one of the operation's
modeled 4xx errors.  The same request broken on purpose (a value past its max,
outside its enum or pattern, a required member missing) must get the operation's
modeled validation error and change nothing.  Never a 5xx or a route miss.

``CONFORMANCE_EXAMPLES`` sets the number of examples per operation (default 4).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moto_connect_ext import mock_connect
from moto_connect_ext.core.model import service_model, snake_case
from moto_connect_ext.core.responses import PluginResponse
from moto_connect_ext.coverage import SERVICES, collect, response_classes
from tests.conformance.shapes import check_output, fingerprint
from tests.conformance.strategies import DELETE, breakages, value_strategy
from tests.helpers import new_instance

EXAMPLES = int(os.environ.get("CONFORMANCE_EXAMPLES", "4"))
RAW = Config(parameter_validation=False, retries={"max_attempts": 1})
REGION = "us-east-1"


def _seed_connect(clients: Callable[[str], Any]) -> dict[str, list[Any]]:
    connect = clients("connect")
    instance = new_instance(connect, "seed")
    association = connect.create_integration_association(
        InstanceId=instance["Id"],
        IntegrationType="PINPOINT_APP",
        IntegrationArn="arn:aws:mobiletargeting:us-east-1:123456789012:apps/seed",
    )
    use_case = connect.create_use_case(
        InstanceId=instance["Id"],
        IntegrationAssociationId=association["IntegrationAssociationId"],
        UseCaseType="RULES_EVALUATION",
    )
    return {
        "InstanceId": [instance["Id"]],
        "IntegrationAssociationId": [association["IntegrationAssociationId"]],
        "UseCaseId": [use_case["UseCaseId"]],
        "resourceArn": [instance["Arn"], use_case["UseCaseArn"]],
        "connectInstanceId": [instance["Id"]],
    }


def _seed_connectcases(clients: Callable[[str], Any]) -> dict[str, list[Any]]:
    cases = clients("connectcases")
    domain = cases.create_domain(name="seed")
    domain_id = domain["domainId"]
    field = cases.create_field(domainId=domain_id, name="seed-field", type="Text")
    template = cases.create_template(domainId=domain_id, name="seed-template")
    contact_arn = "arn:aws:connect:us-east-1:123456789012:instance/seed/contact/seed"
    case_ids, case_arns, item_ids = [], [], []
    for title in ("first", "second"):
        case = cases.create_case(
            domainId=domain_id,
            templateId=template["templateId"],
            fields=[{"id": "title", "value": {"stringValue": title}}],
        )
        item = cases.create_related_item(
            domainId=domain_id,
            caseId=case["caseId"],
            type="Contact",
            content={"contact": {"contactArn": contact_arn}},
        )
        case_ids.append(case["caseId"])
        case_arns.append(case["caseArn"])
        item_ids.append(item["relatedItemId"])
    return {
        "domainId": [domain_id],
        "templateId": [template["templateId"]],
        "fieldId": [field["fieldId"], "title"],
        "id": [field["fieldId"], "title", "status"],
        "caseId": case_ids,
        "sourceCaseId": case_ids,
        "relatedItemId": item_ids,
        "contactArn": [contact_arn],
        "arn": [domain["domainArn"], *case_arns],
    }


def _seed_campaigns(clients: Callable[[str], Any]) -> dict[str, list[Any]]:
    seeds = _seed_connect(clients)
    instance_id = seeds["connectInstanceId"][0]
    v1 = clients("connectcampaigns")
    v1.start_instance_onboarding_job(connectInstanceId=instance_id, encryptionConfig={"enabled": False})
    ids, arns = [], []
    for name in ("seed", "seed-running"):
        created = v1.create_campaign(
            name=name,
            connectInstanceId=instance_id,
            dialerConfig={"progressiveDialerConfig": {"bandwidthAllocation": 1.0}},
            outboundCallConfig={"connectContactFlowId": "seed-flow", "connectQueueId": "seed-queue"},
        )
        ids.append(created["id"])
        arns.append(created["arn"])
    v1.start_campaign(id=ids[1])
    return {
        **seeds,
        "id": ids,
        "arn": arns,
        "profileId": ["0123456789abcdef0123456789abcdef"],
    }


#: resources each service's examples start from (member name -> values to offer)
SEEDS: dict[str, Callable[[Callable[[str], Any]], dict[str, list[Any]]]] = {
    "connect": _seed_connect,
    "connectcampaigns": _seed_campaigns,
    "connectcampaignsv2": _seed_campaigns,
    "connectcases": _seed_connectcases,
}


def _served() -> list[tuple[str, str]]:
    return [(cov.service, name) for cov in collect() for name in cov.plugin]


def _snapshot() -> Any:
    from moto.backends import get_backend

    pictures = []
    for service in SERVICES:
        try:
            backends = get_backend(service)  # type: ignore[call-overload]
        except Exception:
            continue
        for account, regional in sorted(backends.items()):
            for region, backend in sorted(regional.items()):
                pictures.append((service, account, region, fingerprint(backend.__dict__)))
    return pictures


def _call(client: Any, operation: str, request: dict[str, Any]) -> tuple[int, dict[str, Any], Any]:
    captured: dict[str, Any] = {}

    def capture(response_dict: dict[str, Any], **_: Any) -> None:
        captured.update(response_dict)

    event = f"before-parse.{client.meta.service_model.service_name}.{operation}"
    client.meta.events.register(event, capture)
    try:
        getattr(client, snake_case(operation))(**request)
    except Exception:
        pass
    finally:
        client.meta.events.unregister(event, capture)
    body = captured.get("body") or b""
    decoded = json.loads(body) if body.strip() else None
    headers = {k.lower(): v for k, v in captured.get("headers", {}).items()}
    return int(captured["status_code"]), headers, decoded


def _top_level_strategy(op: Any, seeds: dict[str, list[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    shape = op.input_shape
    required, optional = {}, {}
    for name, member in shape.members.items():
        if member.serialization.get("location") == "header" and member.type_name == "timestamp":
            continue  # header timestamps travel fine but add nothing here
        strategy = value_strategy(member, seeds, name, depth=1)
        if member.serialization.get("location") == "uri" and member.type_name == "string":
            strategy = strategy.filter(lambda s: len(s.strip()) > 0 and s not in (".", ".."))
        (required if name in shape.required_members else optional)[name] = strategy
    return st.fixed_dictionaries(required, optional=optional)


@pytest.mark.parametrize(("service", "operation"), _served())
def test_operation_conforms_to_its_model(service: str, operation: str) -> None:
    op = service_model(service).operation_model(operation)
    handler_class: type[PluginResponse] = response_classes()[service]
    plan = handler_class.protocol().plan(operation)
    modeled = {e.name for e in op.error_shapes}
    breaks = breakages(op.input_shape) if op.input_shape is not None else []

    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=REGION)
    made: dict[str, Any] = {}

    def clients(name: str) -> Any:
        # clients outlive the examples: creating one costs far more than a call
        if name not in made:
            made[name] = session.client(name, config=RAW)
        return made[name]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def check(data: Any) -> None:
        with mock_connect():
            seeds = SEEDS.get(service, lambda _: {})(clients)
            client = clients(service)
            request = data.draw(_top_level_strategy(op, seeds), label="request") if op.input_shape else {}
            status, headers, body = _call(client, operation, request)
            code = headers.get("x-amzn-errortype", "")
            assert status < 500, (status, body)
            if status < 300:
                problems = check_output(op.output_shape, body)
                assert problems == [], problems
            else:
                assert code in modeled, (status, code, body)
            if not breaks:
                return
            member, bad = data.draw(st.sampled_from(breaks), label="broken member")
            broken = dict(request)
            if bad is DELETE:
                broken.pop(member, None)
            else:
                broken[member] = bad
            before = _snapshot()
            status, headers, body = _call(client, operation, broken)
            assert (status, headers.get("x-amzn-errortype")) == (400, plan.validation_error), (member, bad, body)
            assert _snapshot() == before, f"{operation} changed state on a refused request"

    check()
