"""Customer Profiles integrations and integration workflows through boto3: Uris checked against
what they name (Connect instances, moto's SQS, S3 and EventBridge, AppFlow flows by format),
AppFlow-style flow definitions by structure, one domain per Uri, the account-wide list, workflows'
status through moto's state manager, their steps from the batches, and the family in server mode."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.customerprofiles import integrations
from moto_connect_ext.customerprofiles.integrations import WORKFLOW_MODEL, domain_of_arn
from tests.helpers import new_instance, raises
from tests.servers import server_client

ROLE = "arn:aws:iam::123456789012:role/profiles"


@pytest.fixture
def profiles(moto_connect: Any) -> Any:
    client = moto_connect.client("customer-profiles")
    for name in ("shop", "other"):
        client.create_domain(DomainName=name, DefaultExpirationDays=30)
    return client


def object_type(profiles: Any, domain: str, name: str) -> str:
    """An object type of the domain."""
    profiles.put_profile_object_type(
        DomainName=domain,
        ObjectTypeName=name,
        Description=name,
        Fields={"id": {"Source": "_source.id", "Target": "_profile.AccountNumber", "ContentType": "STRING"}},
        Keys={"id": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["id"]}]},
    )
    return name


def flow(key: str, name: str = "crm-flow", connector: str = "Salesforce", **extra: Any) -> dict[str, Any]:
    member = {"Servicenow": "ServiceNow"}.get(connector, connector)
    return {
        "FlowName": name,
        "KmsArn": key,
        "SourceFlowConfig": {
            "ConnectorType": connector,
            "ConnectorProfileName": "crm-profile",
            "SourceConnectorProperties": {member: {"Object": "Account"}},
        },
        "Tasks": [
            {"TaskType": "Filter", "SourceFields": ["Id", "Name"], "ConnectorOperator": {member: "PROJECTION"}},
            {"TaskType": "Map", "SourceFields": ["Id"], "DestinationField": "Id"},
        ],
        "TriggerConfig": {"TriggerType": "OnDemand"},
        **extra,
    }


def test_integrations_round_trip_with_their_references(moto_connect: Any, profiles: Any) -> None:
    key = moto_connect.client("kms").create_key()["KeyMetadata"]["Arn"]
    instance = new_instance(moto_connect.client("connect"))["Arn"]
    queue = moto_connect.client("sqs").create_queue(QueueName="events")["QueueUrl"]
    queue_arn = "arn:aws:sqs:us-east-1:123456789012:events"
    assert queue.endswith("/events")
    orders = object_type(profiles, "shop", "Orders")
    object_type(profiles, "other", orders)

    # a Connect instance needs no object type; one Uri, one domain
    put = profiles.put_integration(DomainName="shop", Uri=instance, Tags={"team": "crm"})
    assert (put["DomainName"], put["Uri"], put["Scope"], put["Tags"]) == ("shop", instance, "PROFILE", {"team": "crm"})
    assert put["CreatedAt"] == put["LastUpdatedAt"]
    with raises("BadRequestException", 400, match="already integrated with domain shop"):
        profiles.put_integration(DomainName="other", Uri=instance)
    # PutIntegration on the domain's Uri updates it
    updated = profiles.put_integration(DomainName="shop", Uri=instance, ObjectTypeName=orders, RoleArn=ROLE)
    assert updated["ObjectTypeName"] == orders and updated["RoleArn"] == ROLE and updated["Tags"] == {"team": "crm"}
    assert updated["LastUpdatedAt"] > updated["CreatedAt"]

    # an SQS queue, an AppFlow flow defined by the request (its Uri is the flow's ARN)
    profiles.put_integration(DomainName="shop", Uri=queue_arn, ObjectTypeNames={"ShopifyCreateOrders": orders})
    defined = profiles.put_integration(DomainName="shop", FlowDefinition=flow(key), ObjectTypeName=orders)
    flow_arn = "arn:aws:appflow:us-east-1:123456789012:flow/crm-flow"
    assert defined["Uri"] == flow_arn
    assert profiles.get_integration(DomainName="shop", Uri=flow_arn)["ObjectTypeName"] == orders
    assert [i["Uri"] for i in profiles.list_integrations(DomainName="shop")["Items"]] == [instance, queue_arn, flow_arn]
    page = profiles.list_integrations(DomainName="shop", MaxResults=2)
    rest = profiles.list_integrations(DomainName="shop", NextToken=page["NextToken"])
    assert len(page["Items"]) == 2 and [i["Uri"] for i in rest["Items"]] == [flow_arn]
    assert [i["DomainName"] for i in profiles.list_account_integrations(Uri=instance)["Items"]] == ["shop"]
    assert profiles.list_account_integrations(Uri="arn:aws:sqs:us-east-1:123456789012:nothing")["Items"] == []

    # tags on the integration's ARN; Campaigns v2 finds the domain by its ARN
    arn = f"arn:aws:profile:us-east-1:123456789012:domains/shop/integrations/{queue_arn}"
    profiles.tag_resource(resourceArn=arn, tags={"env": "test"})
    assert profiles.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "test"}
    domain = domain_of_arn("arn:aws:profile:us-east-1:123456789012:domains/shop")
    assert domain is not None and domain.id == "shop"
    assert domain_of_arn("arn:aws:profile:us-east-1:123456789012:domains/none") is None

    # bad input is refused and changes nothing
    bad_flow = flow(key, "bad")
    cases: list[tuple[dict[str, Any], str]] = [
        ({"Uri": instance[:-4] + "0000"}, "instance does not exist"),
        ({"Uri": "arn:aws:sqs:us-east-1:123456789012:gone", "ObjectTypeName": orders}, "queue does not exist"),
        ({"Uri": "s3://no-such-bucket/data", "ObjectTypeName": orders}, "does not exist"),
        ({"Uri": "arn:aws:events:us-east-1:123456789012:event-bus/none", "ObjectTypeName": orders}, "event bus"),
        ({"Uri": "arn:aws:lambda:us-east-1:123456789012:function:f", "ObjectTypeName": orders}, "lambda"),
        ({"Uri": "https://example.com", "ObjectTypeName": orders}, "not the ARN"),
        ({"Uri": "arn:aws:appflow:us-east-1:123456789012:flow/xx"}, "needs an ObjectTypeName"),
        (
            {"Uri": "arn:aws:appflow:us-east-1:123456789012:flow/xy", "ObjectTypeName": orders, "ObjectTypeNames": {}},
            "not both",
        ),
        ({"FlowDefinition": {**bad_flow, "KmsArn": key[:-4] + "0000"}, "ObjectTypeName": orders}, "KMS key"),
        (
            {
                "FlowDefinition": {
                    **bad_flow,
                    "SourceFlowConfig": {**bad_flow["SourceFlowConfig"], "ConnectorType": "S3"},
                },
                "ObjectTypeName": orders,
            },
            "properties of the S3 connector",
        ),
        ({"FlowDefinition": flow(key, "bad"), "Uri": flow_arn, "ObjectTypeName": orders}, "ARN of its flow"),
        (
            {"FlowDefinition": {**bad_flow, "TriggerConfig": {"TriggerType": "Scheduled"}}, "ObjectTypeName": orders},
            "TriggerProperties.Scheduled",
        ),
        (
            {
                "FlowDefinition": {
                    **bad_flow,
                    "Tasks": [{"TaskType": "Map", "SourceFields": ["A", "B"], "DestinationField": "C"}],
                },
                "ObjectTypeName": orders,
            },
            "Map task",
        ),
    ]
    cases.append(
        (
            {
                "Uri": "arn:aws:appflow:us-east-1:123456789012:flow/zy",
                "ObjectTypeName": orders,
                "EventTriggerNames": ["none"],
            },
            "Event trigger none",
        )
    )
    cases.append(({"Uri": "arn:aws:appflow:us-east-1:123456789012:flow/zz", "ObjectTypeName": "Nope"}, "Nope"))
    for request, message in cases:
        with raises("BadRequestException", 400, match=message):
            profiles.put_integration(DomainName="other", **request)
    assert profiles.list_integrations(DomainName="other")["Items"] == []

    assert (
        profiles.delete_integration(DomainName="shop", Uri=instance)["Message"]
        == f"Integration {instance} was deleted."
    )
    for call in (
        lambda: profiles.get_integration(DomainName="shop", Uri=instance),
        lambda: profiles.delete_integration(DomainName="shop", Uri=instance),
        lambda: profiles.get_integration(DomainName="gone", Uri=instance),
    ):
        with raises("ResourceNotFoundException", 404):
            call()
    # the Uri is free for another domain now
    assert profiles.put_integration(DomainName="other", Uri=instance)["DomainName"] == "other"


def test_object_type_names_take_the_documented_event_types_only(moto_connect: Any, profiles: Any) -> None:
    # ObjectTypeNames: "It supports the following event types: SegmentIdentify, ShopifyCreateCustomers, ..."
    moto_connect.client("sqs").create_queue(QueueName="events")
    queue_arn = "arn:aws:sqs:us-east-1:123456789012:events"
    orders = object_type(profiles, "shop", "Orders")
    with raises("BadRequestException", 400, match="ShopifyDeleteOrders"):
        profiles.put_integration(DomainName="shop", Uri=queue_arn, ObjectTypeNames={"ShopifyDeleteOrders": orders})
    assert profiles.list_integrations(DomainName="shop")["Items"] == []
    put = profiles.put_integration(DomainName="shop", Uri=queue_arn, ObjectTypeNames={"ShopifyUpdatedOrders": orders})
    assert put["ObjectTypeNames"] == {"ShopifyUpdatedOrders": orders}


def test_a_domain_takes_at_most_its_quota_of_integrations(moto_connect: Any, profiles: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(integrations, "INTEGRATIONS_PER_DOMAIN", 1)
    key = moto_connect.client("kms").create_key()["KeyMetadata"]["Arn"]
    accounts = object_type(profiles, "shop", "Accounts")
    first, second = (f"arn:aws:appflow:us-east-1:123456789012:flow/{name}" for name in ("first", "second"))
    profiles.put_integration(DomainName="shop", Uri=first, ObjectTypeName=accounts)
    with raises("BadRequestException", 400, match="at most 1 integrations"):
        profiles.put_integration(DomainName="shop", Uri=second, ObjectTypeName=accounts)
    with raises("BadRequestException", 400, match="at most 1 integrations"):
        profiles.create_integration_workflow(
            DomainName="shop",
            WorkflowType="APPFLOW_INTEGRATION",
            ObjectTypeName=accounts,
            RoleArn=ROLE,
            IntegrationConfig={"AppflowIntegration": {"FlowDefinition": flow(key, "sf")}},
        )
    assert profiles.list_workflows(DomainName="shop")["Items"] == []
    listed = profiles.list_integrations(DomainName="shop", IncludeHidden=True)["Items"]
    assert [i["Uri"] for i in listed] == [first]
    profiles.put_integration(DomainName="shop", Uri=first, ObjectTypeName=accounts, Tags={"v": "2"})  # an update
    profiles.put_integration(DomainName="other", Uri=second, ObjectTypeName=object_type(profiles, "other", "A"))
    profiles.delete_integration(DomainName="shop", Uri=first)
    profiles.put_integration(DomainName="shop", Uri=first, ObjectTypeName=accounts)


def test_workflows_move_through_the_state_manager(moto_connect: Any, profiles: Any) -> None:
    key = moto_connect.client("kms").create_key()["KeyMetadata"]["Arn"]
    accounts = object_type(profiles, "shop", "Accounts")
    day = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    batches = [
        {"StartTime": day + dt.timedelta(days=1), "EndTime": day + dt.timedelta(days=2)},
        {"StartTime": day, "EndTime": day + dt.timedelta(days=1)},
    ]
    request = {
        "DomainName": "shop",
        "WorkflowType": "APPFLOW_INTEGRATION",
        "ObjectTypeName": accounts,
        "RoleArn": ROLE,
    }
    state_manager.set_transition(WORKFLOW_MODEL, {"progression": "manual", "times": 1})
    try:
        created = profiles.create_integration_workflow(
            IntegrationConfig={"AppflowIntegration": {"FlowDefinition": flow(key, "sf"), "Batches": batches}},
            **request,
        )
        workflow = created["WorkflowId"]
        uri = "arn:aws:appflow:us-east-1:123456789012:flow/sf"
        # the workflow's integration is hidden until the workflow completes
        assert profiles.list_integrations(DomainName="shop")["Items"] == []
        hidden = profiles.list_integrations(DomainName="shop", IncludeHidden=True)["Items"]
        assert [(i["Uri"], i["WorkflowId"]) for i in hidden] == [(uri, workflow)]

        got = profiles.get_workflow(DomainName="shop", WorkflowId=workflow)
        assert got["Status"] == "NOT_STARTED" and got["Metrics"]["AppflowIntegration"] == {
            "RecordsProcessed": 0,
            "StepsCompleted": 0,
            "TotalSteps": 2,
        }
        assert got["Attributes"]["AppflowIntegration"] == {
            "SourceConnectorType": "Salesforce",
            "ConnectorProfileName": "crm-profile",
            "RoleArn": ROLE,
        }
        steps = profiles.get_workflow_steps(DomainName="shop", WorkflowId=workflow)
        assert [s["AppflowIntegration"]["Status"] for s in steps["Items"]] == ["IN_PROGRESS", "NOT_STARTED"]
        assert [s["AppflowIntegration"]["BatchRecordsStartTime"] for s in steps["Items"]] == [
            "2024-01-01T00:00:00Z",
            "2024-01-02T00:00:00Z",
        ]
        listed = profiles.list_workflows(DomainName="shop", Status="COMPLETE")["Items"]
        assert [(w["WorkflowId"], w["Status"]) for w in listed] == [(workflow, "COMPLETE")]
        assert (
            profiles.get_workflow(DomainName="shop", WorkflowId=workflow)["Metrics"]["AppflowIntegration"][
                "StepsCompleted"
            ]
            == 2
        )
        assert [i["Uri"] for i in profiles.list_integrations(DomainName="shop")["Items"]] == [uri]
    finally:
        state_manager.unset_transition(WORKFLOW_MODEL)

    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    assert profiles.list_workflows(DomainName="shop", QueryStartDate=later)["Items"] == []
    assert len(profiles.list_workflows(DomainName="shop", WorkflowType="APPFLOW_INTEGRATION")["Items"]) == 1

    cases: list[tuple[dict[str, Any], str]] = [
        ({"AppflowIntegration": {"FlowDefinition": flow(key, "sf")}}, "already integrated"),
        ({"AppflowIntegration": {"FlowDefinition": flow(key, "zd", "Zendesk")}}, "not from Zendesk"),
        ({}, "AppflowIntegration"),
        ({"AppflowIntegration": {"FlowDefinition": flow(key, "b1"), "Batches": batches[:1] * 2}}, "overlap"),
        (
            {
                "AppflowIntegration": {
                    "FlowDefinition": flow(key, "b2"),
                    "Batches": [{"StartTime": later, "EndTime": later}],
                }
            },
            "before EndTime",
        ),
    ]
    for config, message in cases:
        with raises("BadRequestException", 400, match=message):
            profiles.create_integration_workflow(IntegrationConfig=config, **request)
    assert len(profiles.list_workflows(DomainName="shop")["Items"]) == 1

    profiles.delete_workflow(DomainName="shop", WorkflowId=workflow)
    assert profiles.list_integrations(DomainName="shop", IncludeHidden=True)["Items"] == []
    for call in (
        lambda: profiles.get_workflow(DomainName="shop", WorkflowId=workflow),
        lambda: profiles.get_workflow_steps(DomainName="shop", WorkflowId=workflow),
        lambda: profiles.delete_workflow(DomainName="shop", WorkflowId=workflow),
    ):
        with raises("ResourceNotFoundException", 404):
            call()


def test_server_mode(server: str) -> None:
    profiles = server_client(server, "customer-profiles", "eu-west-2")
    profiles.create_domain(DomainName="served", DefaultExpirationDays=7)
    uri = "arn:aws:appflow:eu-west-2:123456789012:flow/served-flow"
    profiles.put_integration(DomainName="served", Uri=uri, ObjectTypeName=object_type(profiles, "served", "Served"))
    assert profiles.get_integration(DomainName="served", Uri=uri)["Uri"] == uri
    assert [i["DomainName"] for i in profiles.list_account_integrations(Uri=uri)["Items"]] == ["served"]
    with raises("BadRequestException", 400):
        profiles.put_integration(DomainName="served", Uri="arn:aws:connect:eu-west-2:123456789012:instance/none")
