"""Integrations and integration workflows, declared on the resource layer.

An **integration** (PutIntegration) connects a data source to a domain; it is named by its
``Uri`` (``domains/<domain>/integrations/<Uri>``, the ARN IAM's ``integrations`` resource type
has).  The Uri is checked against what it names:

* a Connect instance ARN (``arn:aws:connect:<region>:<account>:instance/<id>``): the instance
  exists in the plugin's Connect backend, in the domain's account and Region;
* an Amazon AppFlow flow ARN (``...:appflow:...:flow/<name>``; moto has no AppFlow): by format;
* an Amazon SQS queue ARN, an Amazon S3 bucket (``arn:aws:s3:::<bucket>`` or ``s3://<bucket>/...``)
  or an EventBridge event bus: they exist in moto's SQS, S3 and EventBridge; an EventBridge
  partner event source (Segment, Shopify, Zendesk...): by format.

A request with a ``FlowDefinition`` and no Uri integrates the AppFlow flow it defines (the Uri
is then the flow's ARN).  The flow definition is checked by structure: its KMS key exists in
moto's KMS, the connector's properties are the connector type's (an S3 source's bucket exists
in moto's S3, other connectors need a connector profile), tasks' operators are the connector's,
a ``Map`` task has one source field and a destination, a scheduled trigger has a ``rate(...)`` or
``cron(...)`` expression whose start is before its end.

An integration names its object type (``ObjectTypeName``) or a map of event types to object
types (``ObjectTypeNames``), never both, and they exist in the domain (a Connect instance's
integration may name none: Connect's data comes with its own object types).  Event triggers it
names exist.  A Uri is integrated with one domain of an account and Region ("An integration can
belong to only one domain"); PutIntegration on a Uri the domain already has updates it.  A
domain has at most 50 integrations (Customer Profiles quotas).

An integration **workflow** (CreateIntegrationWorkflow, ``APPFLOW_INTEGRATION``: Salesforce,
ServiceNow or Marketo) ingests historic data in the batches the request gives, one step per
batch (one step over the flow's schedule when there are none), and sets up the integration of
its flow for the ongoing updates.  That integration is hidden (``IncludeHidden``) until the
workflow is ``COMPLETE``.  Its status moves through moto's state manager (model
``customer-profiles::workflow``, immediate by default): ``NOT_STARTED`` -> ``IN_PROGRESS`` ->
``COMPLETE``; GetWorkflow, GetWorkflowSteps and ListWorkflows count as reads.  No source data
reaches the emulator, so ``RecordsProcessed`` is 0.  DeleteWorkflow deletes the workflow and its
integration.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, kms_key, lifecycle, register_transition
from ..core.resources import Container, Quota, Resource, Resources
from .declarations import STAMPS, declare, hex_id
from .exceptions import BadRequestException

WORKFLOW_MODEL = "customer-profiles::workflow"
register_transition(WORKFLOW_MODEL, "immediate")

NOT_STARTED, IN_PROGRESS, COMPLETE = "NOT_STARTED", "IN_PROGRESS", "COMPLETE"
#: the sources an integration workflow ingests from (CreateIntegrationWorkflow)
WORKFLOW_CONNECTORS = ("Salesforce", "ServiceNow", "Marketo")
#: SourceConnectorProperties' member for each ConnectorType
_PROPERTIES = {
    "Salesforce": "Salesforce",
    "Marketo": "Marketo",
    "Zendesk": "Zendesk",
    "Servicenow": "ServiceNow",
    "S3": "S3",
}
_SCHEDULE = re.compile(r"^(rate|cron)\(.+\)$")
_FLOW_NAME = re.compile(r"^[a-zA-Z0-9][\w!@#.-]+$")

#: the event types ObjectTypeNames maps (PutIntegration: "It supports the following event types")
EVENT_TYPES = (
    "SegmentIdentify",
    "ShopifyCreateCustomers",
    "ShopifyUpdateCustomers",
    "ShopifyCreateDraftOrders",
    "ShopifyUpdateDraftOrders",
    "ShopifyCreateOrders",
    "ShopifyUpdatedOrders",
)

#: integrations per domain (Customer Profiles quotas)
INTEGRATIONS_PER_DOMAIN = 50

#: internal attributes of a workflow
LIFECYCLE, SEEN, CHANGED = "_Lifecycle", "_Seen", "_Changed"


# -- declarations --------------------------------------------------------------------------
#: integrations per domain
INTEGRATIONS_QUOTA = Quota(
    lambda: INTEGRATIONS_PER_DOMAIN, "BadRequestException", "A domain can have at most {limit} integrations"
)

INTEGRATION = declare(
    "integration",
    "Integration",
    "domains/{parent}/integrations/{id}",
    "Uri",
    defaults={"Scope": "PROFILE"},
    computed={**STAMPS, "DomainName": lambda r: r.parent.id},
    quota=INTEGRATIONS_QUOTA,
)


WorkflowLifecycle = lifecycle(WORKFLOW_MODEL, [(NOT_STARTED, IN_PROGRESS), (IN_PROGRESS, COMPLETE)])


WORKFLOW = declare(
    "workflow",
    "Workflow",
    "domains/{parent}/workflows/{id}",
    "WorkflowId",
    new_id=hex_id,
)


# -- references to other families ----------------------------------------------------------
def named(domain: Container, kind: str, member: str, name: str) -> Resource | None:
    """The domain's resource of a kind by its name (its ID, or its ``member`` attribute)."""
    store = domain.children(kind)
    found = store.get(name)
    if found is not None:
        return found
    return next((r for r in store.values() if r.attrs.get(member) == name), None)


def check_object_type(domain: Container, name: str) -> None:
    """The object type exists in the domain."""
    if named(domain, "object-type", "ObjectTypeName", name) is None:
        raise BadRequestException(f"Object type {name} does not exist in domain {domain.id}")


def _check_event_triggers(domain: Container, names: Iterable[str]) -> None:
    for name in names:
        if named(domain, "event-trigger", "EventTriggerName", name) is None:
            raise BadRequestException(f"Event trigger {name} does not exist in domain {domain.id}")


# -- the Uri -------------------------------------------------------------------------------
def _s3_bucket_exists(caller: Caller, bucket: str) -> bool:
    from moto.s3.exceptions import MissingBucket
    from moto.s3.models import s3_backends

    try:
        s3_backends[caller.account_id][caller.partition].get_bucket(bucket)
    except MissingBucket:
        return False
    return True


def check_uri(caller: Caller, uri: str) -> None:
    """The source an integration's Uri names exists (or has the form of one)."""
    if uri.startswith("s3://"):
        bucket = uri[len("s3://") :].split("/", 1)[0]
        if not bucket or not _s3_bucket_exists(caller, bucket):
            raise BadRequestException(f"Uri {uri}: the S3 bucket {bucket} does not exist")
        return
    parsed = parse_arn(uri)
    if parsed is None:
        raise BadRequestException(
            f"Uri {uri} is not the ARN of a source Customer Profiles integrates (an Amazon Connect instance, "
            "an Amazon AppFlow flow, an Amazon SQS queue, an EventBridge event bus or source) or an S3 URI"
        )
    service, resource, account, region = parsed["service"], parsed["resource"], parsed["account"], parsed["region"]
    if service == "connect":
        kind, _, instance_id = resource.partition("/")
        if kind != "instance" or not instance_id or "/" in instance_id:
            raise BadRequestException(f"Uri {uri} is not the ARN of an Amazon Connect instance")
        if (account, region) != (caller.account_id, caller.region):
            raise BadRequestException(
                f"Uri {uri}: the Amazon Connect instance must be in the domain's account and Region"
            )
        from ..connect.models import connect_backends

        if connect_backends[account][region].instances.get(instance_id) is None:
            raise BadRequestException(f"Uri {uri}: the Amazon Connect instance does not exist")
    elif service == "appflow":
        kind, _, flow = resource.partition("/")
        if kind != "flow" or not _FLOW_NAME.match(flow):
            raise BadRequestException(f"Uri {uri} is not the ARN of an Amazon AppFlow flow")
    elif service == "sqs":
        from moto.sqs.models import sqs_backends

        try:
            sqs_backends[account][region].get_queue(resource)
        except Exception:
            raise BadRequestException(f"Uri {uri}: the Amazon SQS queue does not exist") from None
    elif service == "s3":
        if not _s3_bucket_exists(caller, resource.split("/", 1)[0]):
            raise BadRequestException(f"Uri {uri}: the S3 bucket does not exist")
    elif service == "events":
        kind, _, name = resource.partition("/")
        if kind == "event-bus":
            from moto.events.models import events_backends

            if name not in events_backends[account][region].event_buses:
                raise BadRequestException(f"Uri {uri}: the EventBridge event bus does not exist")
        elif kind != "event-source" or not name:
            raise BadRequestException(f"Uri {uri} is not the ARN of an EventBridge event bus or event source")
    else:
        raise BadRequestException(f"Uri {uri}: Customer Profiles does not integrate {service} resources")


def flow_arn(caller: Caller, flow_name: str) -> str:
    return f"arn:{caller.partition}:appflow:{caller.region}:{caller.account_id}:flow/{flow_name}"


# -- flow definitions ----------------------------------------------------------------------
def check_flow_definition(caller: Caller, flow: dict[str, Any]) -> None:
    """An AppFlow-style flow definition, checked by structure and against moto's KMS and S3."""
    kms = flow["KmsArn"]
    parsed = parse_arn(kms)
    kind, _, key_id = (parsed["resource"] if parsed else "").partition("/")
    if parsed is None or kind != "key" or kms_key(parsed["account"], parsed["region"], key_id) is None:
        raise BadRequestException(f"FlowDefinition.KmsArn {kms} is not a KMS key that exists")
    source = flow["SourceFlowConfig"]
    connector = source["ConnectorType"]
    member = _PROPERTIES[connector]
    given = [k for k, v in source["SourceConnectorProperties"].items() if v is not None]
    if given != [member]:
        raise BadRequestException(
            f"SourceConnectorProperties must give the properties of the {connector} connector ({member}) and no other"
        )
    if connector == "S3":
        bucket = source["SourceConnectorProperties"]["S3"]["BucketName"]
        if not _s3_bucket_exists(caller, bucket):
            raise BadRequestException(f"SourceConnectorProperties.S3.BucketName: the bucket {bucket} does not exist")
    elif not source.get("ConnectorProfileName"):
        raise BadRequestException(f"A {connector} source needs the ConnectorProfileName of its connector profile")
    tasks = flow["Tasks"]
    if not tasks:
        raise BadRequestException("FlowDefinition.Tasks must have at least one task")
    for number, task in enumerate(tasks, start=1):
        operators = [k for k, v in (task.get("ConnectorOperator") or {}).items() if v is not None]
        if operators and operators != [member]:
            raise BadRequestException(f"Task {number}: its ConnectorOperator must be the {member} connector's")
        if not task["SourceFields"]:
            raise BadRequestException(f"Task {number}: SourceFields must name at least one field")
        if task["TaskType"] == "Map" and (len(task["SourceFields"]) != 1 or not task.get("DestinationField")):
            raise BadRequestException(f"Task {number}: a Map task maps one source field to a DestinationField")
    trigger = flow["TriggerConfig"]
    scheduled = (trigger.get("TriggerProperties") or {}).get("Scheduled")
    if trigger["TriggerType"] == "Scheduled":
        if scheduled is None:
            raise BadRequestException("A Scheduled trigger needs TriggerProperties.Scheduled")
        if not _SCHEDULE.match(scheduled["ScheduleExpression"]):
            raise BadRequestException("ScheduleExpression must be a rate(...) or cron(...) expression")
        start, end = scheduled.get("ScheduleStartTime"), scheduled.get("ScheduleEndTime")
        if start is not None and end is not None and start >= end:
            raise BadRequestException("ScheduleStartTime must be before ScheduleEndTime")
    elif scheduled is not None:
        raise BadRequestException(f"A {trigger['TriggerType']} trigger takes no scheduled properties")


# -- integrations --------------------------------------------------------------------------
def find(domain: Container, uri: str) -> Resource | None:
    # by the Uri itself: an ARN is an ID here, not a path to cut
    return domain.children(INTEGRATION.kind).get(uri)


def get(domain: Container, uri: str) -> Resource:
    found = find(domain, uri)
    if found is None:
        raise INTEGRATION.not_found(uri)
    return found


def _domains(caller: Caller) -> Iterable[Resource]:
    from .models import DOMAIN, customerprofiles_backends

    backend = customerprofiles_backends[caller.account_id][caller.region]
    return backend.resources.all(DOMAIN, backend.account)


def account_integrations(caller: Caller, uri: str) -> list[Resource]:
    """The integrations of this Uri in every domain of the account and Region, oldest first."""
    found = [i for d in _domains(caller) if (i := find(d, uri)) is not None]
    return sorted(found, key=lambda i: i.created_time)


def domain_of_arn(arn: str) -> Resource | None:
    """The Customer Profiles domain an ARN (``arn:aws:profile:<region>:<account>:domains/<name>``) names."""
    from .models import DOMAIN, customerprofiles_backends

    parsed = parse_arn(arn)
    if parsed is None or parsed["service"] != "profile":
        return None
    kind, _, name = parsed["resource"].partition("/")
    if kind != "domains" or not name or "/" in name:
        return None
    try:
        backend = customerprofiles_backends[parsed["account"]][parsed["region"]]
    except KeyError:
        return None
    return backend.resources.find(DOMAIN, backend.account, name)


def hidden(integration: Resource) -> bool:
    """A workflow's integration is hidden until its workflow is complete."""
    workflow_id = integration.attrs.get("WorkflowId")
    if not workflow_id:
        return False
    workflow = integration.parent.children(WORKFLOW.kind).get(workflow_id)
    return workflow is not None and status_of(workflow) != COMPLETE


def _object_types(domain: Container, params: dict[str, Any], connect: bool) -> dict[str, Any]:
    single, many = params.get("ObjectTypeName"), params.get("ObjectTypeNames")
    if single and many is not None:
        raise BadRequestException("Give ObjectTypeName or ObjectTypeNames, not both")
    if not single and many is None:
        if connect:
            return {}
        raise BadRequestException("An integration needs an ObjectTypeName or ObjectTypeNames")
    unknown = [event for event in many or {} if event not in EVENT_TYPES]
    if unknown:
        raise BadRequestException(
            f"ObjectTypeNames: {', '.join(unknown)} is not an event type; use {', '.join(EVENT_TYPES)}"
        )
    for name in [single] if single else list((many or {}).values()):
        check_object_type(domain, name)
    return {"ObjectTypeName": single, "ObjectTypeNames": many}


def put(
    resources: Resources, domain: Resource, caller: Caller, params: dict[str, Any], workflow_id: str | None = None
) -> Resource:
    """PutIntegration: a new integration of the Uri, or the domain's integration of it updated."""
    flow = params.get("FlowDefinition")
    uri = params.get("Uri")
    if flow is not None:
        check_flow_definition(caller, flow)
        own = flow_arn(caller, flow["FlowName"])
        if uri is None:
            uri = own
        elif uri != own:
            raise BadRequestException(f"With a FlowDefinition, the Uri is the ARN of its flow, {own}")
    if uri is None:
        raise BadRequestException("An integration needs a Uri or a FlowDefinition")
    check_uri(caller, uri)
    connect = (parse_arn(uri) or {}).get("service") == "connect"
    changes = _object_types(domain, params, connect)
    triggers = params.get("EventTriggerNames")
    if triggers:
        _check_event_triggers(domain, triggers)
    for member in ("FlowDefinition", "RoleArn", "EventTriggerNames", "Scope"):
        if params.get(member) is not None:
            changes[member] = params[member]
    if workflow_id:
        changes["WorkflowId"] = workflow_id
    current = find(domain, uri)
    if current is not None:
        if changes.get("ObjectTypeName") is None and changes.get("ObjectTypeNames") is None:
            changes.pop("ObjectTypeName", None)
            changes.pop("ObjectTypeNames", None)
        resources.tags.check(current.arn, params.get("Tags"))
        resources.update(current, changes, caller)
        if params.get("Tags"):
            resources.tags.add(current.arn, params["Tags"])
        return current
    elsewhere = [i for i in account_integrations(caller, uri) if i.parent is not domain]
    if elsewhere:
        raise BadRequestException(f"{uri} is already integrated with domain {elsewhere[0].parent.id}")
    attrs = {k: v for k, v in changes.items() if v is not None}
    return resources.create(INTEGRATION, domain, attrs, caller, params.get("Tags"), resource_id=uri)


def delete(resources: Resources, integration: Resource) -> None:
    resources.delete(integration)


# -- workflows -----------------------------------------------------------------------------
def lifecycle_of(workflow: Resource) -> StatefulModel:
    found: StatefulModel = workflow.attrs[LIFECYCLE]
    return found


def status_of(workflow: Resource) -> str:
    """The workflow's status now (stamping when it was last seen to change)."""
    shown = str(lifecycle_of(workflow).status)
    if workflow.attrs.get(SEEN) != shown:
        workflow.attrs[SEEN] = shown
        workflow.attrs[CHANGED] = now()
    return shown


def read(workflow: Resource) -> str:
    """The status a read shows; the read counts for a ``manual`` progression."""
    shown = status_of(workflow)
    lifecycle_of(workflow).advance()
    return shown


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _windows(workflow: Resource) -> list[tuple[dt.datetime, dt.datetime]]:
    batches = workflow.attrs.get("Batches") or []
    if batches:
        return sorted((b["StartTime"], b["EndTime"]) for b in batches)
    scheduled = (workflow.attrs["FlowDefinition"]["TriggerConfig"].get("TriggerProperties") or {}).get("Scheduled")
    start = (scheduled or {}).get("ScheduleStartTime") or workflow.created_time
    return [(min(start, workflow.created_time), workflow.created_time)]


def steps(workflow: Resource, status: str) -> list[dict[str, Any]]:
    """One step per batch (or one over the flow's schedule), in time order, as far as the status says."""
    flow = workflow.attrs["FlowDefinition"]["FlowName"]
    windows = _windows(workflow)
    items = []
    for index, (start, end) in enumerate(windows):
        if status == COMPLETE:
            step, message = COMPLETE, "The batch was ingested"
        elif status == IN_PROGRESS and index == 0:
            step, message = IN_PROGRESS, "The batch is being ingested"
        else:
            step, message = NOT_STARTED, "The batch waits for its turn"
        name = flow if len(windows) == 1 else f"{flow}-{index + 1}"[-256:]
        items.append(
            {
                "AppflowIntegration": {
                    "FlowName": name,
                    "Status": step,
                    "ExecutionMessage": message,
                    "RecordsProcessed": 0,
                    "BatchRecordsStartTime": _iso(start),
                    "BatchRecordsEndTime": _iso(end),
                    "CreatedAt": workflow.created_time,
                    "LastUpdatedAt": workflow.attrs.get(CHANGED) or workflow.created_time,
                }
            }
        )
    return items


def describe(workflow: Resource, status: str) -> dict[str, Any]:
    flow = workflow.attrs["FlowDefinition"]
    source = flow["SourceFlowConfig"]
    attributes = {
        "SourceConnectorType": source["ConnectorType"],
        "ConnectorProfileName": source["ConnectorProfileName"],
        "RoleArn": workflow.attrs["RoleArn"],
    }
    done = sum(1 for s in steps(workflow, status) if s["AppflowIntegration"]["Status"] == COMPLETE)
    return {
        "WorkflowId": workflow.id,
        "WorkflowType": workflow.attrs["WorkflowType"],
        "Status": status,
        "StartDate": workflow.created_time,
        "LastUpdatedAt": workflow.attrs.get(CHANGED) or workflow.created_time,
        "Attributes": {"AppflowIntegration": attributes},
        "Metrics": {
            "AppflowIntegration": {
                "RecordsProcessed": 0,
                "StepsCompleted": done,
                "TotalSteps": len(_windows(workflow)),
            }
        },
    }


STATUS_DESCRIPTIONS = {
    NOT_STARTED: "The workflow has not started",
    IN_PROGRESS: "The workflow is ingesting historic data",
    COMPLETE: "The workflow ingested its historic data; the integration takes the ongoing updates",
}


def summary(workflow: Resource, status: str) -> dict[str, Any]:
    return {
        "WorkflowType": workflow.attrs["WorkflowType"],
        "WorkflowId": workflow.id,
        "Status": status,
        "StatusDescription": STATUS_DESCRIPTIONS.get(status, status),
        "CreatedAt": workflow.created_time,
        "LastUpdatedAt": workflow.attrs.get(CHANGED) or workflow.created_time,
    }


def _check_batches(batches: list[dict[str, Any]]) -> None:
    ordered = sorted(batches, key=lambda b: b["StartTime"])
    for number, batch in enumerate(ordered, start=1):
        if batch["StartTime"] >= batch["EndTime"]:
            raise BadRequestException(f"Batch {number}: StartTime must be before EndTime")
        if batch["EndTime"] > now():
            raise BadRequestException(f"Batch {number}: a batch ingests historic data and cannot end in the future")
    for earlier, later in itertools.pairwise(ordered):
        if later["StartTime"] < earlier["EndTime"]:
            raise BadRequestException("Batches must not overlap")


def create_workflow(resources: Resources, domain: Resource, caller: Caller, params: dict[str, Any]) -> Resource:
    """CreateIntegrationWorkflow: the workflow and the (hidden) integration of its flow."""
    appflow = params["IntegrationConfig"].get("AppflowIntegration")
    if appflow is None:
        raise BadRequestException("An APPFLOW_INTEGRATION workflow needs IntegrationConfig.AppflowIntegration")
    flow = appflow["FlowDefinition"]
    connector = flow["SourceFlowConfig"]["ConnectorType"]
    if _PROPERTIES[connector] not in WORKFLOW_CONNECTORS:
        raise BadRequestException(
            f"Integration workflows ingest from Salesforce, ServiceNow and Marketo, not from {connector}"
        )
    check_flow_definition(caller, flow)
    batches = appflow.get("Batches") or []
    _check_batches(batches)
    check_object_type(domain, params["ObjectTypeName"])
    uri = flow_arn(caller, flow["FlowName"])
    if find(domain, uri) is not None or account_integrations(caller, uri):
        raise BadRequestException(f"The flow {flow['FlowName']} is already integrated ({uri})")
    # room for the workflow's integration before the workflow is made
    INTEGRATIONS_QUOTA.enforce(resources, INTEGRATION, domain)
    attrs = {
        "WorkflowType": params["WorkflowType"],
        "FlowDefinition": flow,
        "Batches": batches,
        "ObjectTypeName": params["ObjectTypeName"],
        "RoleArn": params["RoleArn"],
        "Uri": uri,
        LIFECYCLE: WorkflowLifecycle(),
    }
    workflow = resources.create(WORKFLOW, domain, attrs, caller, params.get("Tags"))
    put(
        resources,
        domain,
        caller,
        {"FlowDefinition": flow, "ObjectTypeName": params["ObjectTypeName"], "RoleArn": params["RoleArn"]},
        workflow_id=workflow.id,
    )
    return workflow


def delete_workflow(resources: Resources, workflow: Resource) -> None:
    integration = find(workflow.parent, workflow.attrs["Uri"])
    if integration is not None and integration.attrs.get("WorkflowId") == workflow.id:
        resources.delete(integration)
    resources.delete(workflow)


def workflow_filter(params: dict[str, Any]) -> Any:
    """ListWorkflows' filters: type, status, and creation between QueryStartDate and QueryEndDate."""
    kind, status = params.get("WorkflowType"), params.get("Status")
    start, end = params.get("QueryStartDate"), params.get("QueryEndDate")
    if start is not None and end is not None and start > end:
        raise BadRequestException("QueryStartDate must not be after QueryEndDate")

    def keep(workflow: Resource) -> bool:
        if kind and workflow.attrs["WorkflowType"] != kind:
            return False
        if status and status_of(workflow) != status:
            return False
        if start is not None and workflow.created_time < start:
            return False
        return not (end is not None and workflow.created_time > end)

    return keep
