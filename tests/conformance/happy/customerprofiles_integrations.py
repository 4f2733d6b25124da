"""Valid requests for integrations and workflows: an object type of the seed domain, an AppFlow
flow Uri of its own for each integration, and a workflow over a Salesforce flow with a KMS key."""

from __future__ import annotations

import uuid
from typing import Any

from tests.conformance.seeds import World, happy

ROLE = "arn:aws:iam::123456789012:role/happy"


def _object_type(world: World, domain: str) -> str:
    name = f"happy_{uuid.uuid4().hex[:8]}"
    world.client().put_profile_object_type(
        DomainName=domain,
        ObjectTypeName=name,
        Description="happy",
        Fields={"id": {"Source": "_source.id", "Target": "_profile.AccountNumber", "ContentType": "STRING"}},
        Keys={"id": [{"StandardIdentifiers": ["PROFILE", "UNIQUE"], "FieldNames": ["id"]}]},
    )
    return name


def _flow_uri() -> str:
    return f"arn:aws:appflow:us-east-1:123456789012:flow/happy-{uuid.uuid4().hex[:12]}"


def _integration(world: World, domain: str) -> str:
    uri = _flow_uri()
    world.client().put_integration(DomainName=domain, Uri=uri, ObjectTypeName=_object_type(world, domain))
    return uri


def _workflow_request(world: World, domain: str) -> dict[str, Any]:
    key = world.client("kms").create_key()["KeyMetadata"]["Arn"]
    flow = {
        "FlowName": f"happy-{uuid.uuid4().hex[:12]}",
        "KmsArn": key,
        "SourceFlowConfig": {
            "ConnectorType": "Salesforce",
            "ConnectorProfileName": "happy",
            "SourceConnectorProperties": {"Salesforce": {"Object": "Account"}},
        },
        "Tasks": [{"TaskType": "Filter", "SourceFields": ["Id"], "ConnectorOperator": {"Salesforce": "PROJECTION"}}],
        "TriggerConfig": {"TriggerType": "OnDemand"},
    }
    return {
        "DomainName": domain,
        "WorkflowType": "APPFLOW_INTEGRATION",
        "IntegrationConfig": {"AppflowIntegration": {"FlowDefinition": flow}},
        "ObjectTypeName": _object_type(world, domain),
        "RoleArn": ROLE,
    }


@happy("customer-profiles", "PutIntegration")
def _put_integration(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    return {"DomainName": domain, "Uri": _flow_uri(), "ObjectTypeName": _object_type(world, domain)}


@happy("customer-profiles", "GetIntegration", "DeleteIntegration")
def _named_integration(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {"DomainName": request["DomainName"], "Uri": _integration(world, request["DomainName"])}


@happy("customer-profiles", "ListAccountIntegrations")
def _account_integrations(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Uri": _integration(world, world.first("DomainName"))}


@happy("customer-profiles", "CreateIntegrationWorkflow")
def _create_workflow(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return _workflow_request(world, request["DomainName"])


@happy("customer-profiles", "GetWorkflow", "GetWorkflowSteps", "DeleteWorkflow")
def _workflow(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    workflow = world.client().create_integration_workflow(**_workflow_request(world, domain))["WorkflowId"]
    return {"DomainName": domain, "WorkflowId": workflow}
