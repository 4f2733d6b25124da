"""Rules (Contact Lens and event rules), declared on the resource layer.

A rule (CreateRule) runs actions when an event source fires and its conditions hold.

* **Names** are unique per instance ("A unique name for the rule";
  ``ResourceConflictException``).  A client token makes CreateRule idempotent.
* **Trigger.**  ``TriggerEventSource.EventSourceName`` is fixed at creation (UpdateRule
  does not take it).  ``IntegrationAssociationId`` is required for the third-party event
  sources (``OnZendeskTicketCreate``, ``OnZendeskTicketStatusUpdate``,
  ``OnSalesforceCaseCreate``: RuleTriggerEventSource, and CloudFormation's
  ``AWS::Connect::Rule``), and must then name an ``EVENT`` integration association of the
  instance whose ``SourceType`` is that application's (``ZENDESK``, ``SALESFORCE``).  For
  ``OnCaseCreate``/``OnCaseUpdate`` one may be given: an ``EVENT`` association of source
  ``CASES`` or a ``CASES_DOMAIN`` association.  Any association named must exist
  (``ResourceNotFoundException``); it is kept as its ID.
* **Function** is the Rules Function language: a JSON object with ``Version``
  ("Currently the only supported version is 2022-11-25") and ``RuleFunction``, whose top
  ``Operator`` "has to be either AND or OR" and whose ``Operands`` is an array; a rule has
  at most 20 conditions (the leaves of its AND/OR tree; "Conditions in a rule: 20").
* **Actions.**  Each ``ActionType`` comes with its own member (``CREATE_TASK`` with
  ``TaskAction``...; the members that are empty structures may be left out) and no other
  action's member; each type at most once (CloudFormation's ``Actions``: one of each).  An
  action is refused for the event sources the API Reference does not support it on
  (RuleAction: "Supported only for TriggerEventSource values: ...").  The resources an
  action names must exist in the instance (``ResourceNotFoundException``): the flow of a
  task, the users a notification is sent to or excludes.  A task's references are URLs
  ("when the referenceType is URL. Otherwise, null").  A notification names its recipients
  (user IDs or user tags).  ``ASSIGN_SLA`` of type ``CASES`` carries a
  ``CaseSlaConfiguration``; a ``CaseField`` SLA names its field and target values.  Case
  actions (``CREATE_CASE``, ``UPDATE_CASE``, an SLA's field) need Cases enabled on the
  instance (a ``CASES_DOMAIN`` integration association naming a domain of moto's Cases):
  the template must exist there and be active, the fields must exist.  The extraction
  definitions an ``EXTRACT_INFORMATION`` action names must exist in the instance.  Nothing
  a rule names is kept from being deleted (AWS documents no such rule).
* **Pre-evaluation filters** on ``CONTACT_EVALUATION`` are for ``OnContactEvaluationSubmit``
  rules only.
* **Quotas** ("Amazon Connect Rules feature specifications", not adjustable): 200 published
  and 50 draft rules per instance.  CreateRule beyond is ``ServiceQuotaExceededException``;
  an UpdateRule that would move a rule into a full status is ``InvalidRequestException``
  (the one UpdateRule models for it).
* ``LastUpdatedBy`` is the calling principal's ARN; ``LastUpdatedTime`` moves with every
  UpdateRule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..core.arns import parse_arn
from ..core.authorship import authored, replace_authored
from ..core.caller import Caller
from ..core.json_input import load_json
from ..core.resources import Container, ModeledError, Resource, Resources, ResourceType
from . import evaluation_forms
from .exceptions import InvalidRequestException, ResourceNotFoundException
from .extraction_definitions import EXTRACTION_DEFINITION
from .flows import CONTACT_FLOW
from .integrations import INTEGRATION_ASSOCIATION
from .search_criteria import criteria_matcher, lift_string_conditions, string_matcher
from .users import USER

#: "Published rules per instance", "Draft rules per instance" (feature specifications)
MAX_RULES = {"PUBLISHED": 200, "DRAFT": 50}
#: "Conditions in a rule"
MAX_CONDITIONS = 20
#: "Currently the only supported version is 2022-11-25"
FUNCTION_VERSION = "2022-11-25"

#: the member each action type carries
ACTION_MEMBERS = {
    "CREATE_TASK": "TaskAction",
    "ASSIGN_CONTACT_CATEGORY": "AssignContactCategoryAction",
    "GENERATE_EVENTBRIDGE_EVENT": "EventBridgeAction",
    "SEND_NOTIFICATION": "SendNotificationAction",
    "CREATE_CASE": "CreateCaseAction",
    "UPDATE_CASE": "UpdateCaseAction",
    "ASSIGN_SLA": "AssignSlaAction",
    "END_ASSOCIATED_TASKS": "EndAssociatedTasksAction",
    "END_ASSOCIATED_EMAILS": "EndAssociatedEmailsAction",
    "SUBMIT_AUTO_EVALUATION": "SubmitAutoEvaluationAction",
    "EXTRACT_INFORMATION": "ExtractInformationAction",
    "SEND_IN_APP_NOTIFICATION": "SendInAppNotificationAction",
}
#: members that are empty structures: the action type says it all
EMPTY_MEMBERS = frozenset({"AssignContactCategoryAction", "EndAssociatedTasksAction", "EndAssociatedEmailsAction"})

_ANALYSIS = (
    "OnPostCallAnalysisAvailable",
    "OnRealTimeCallAnalysisAvailable",
    "OnRealTimeChatAnalysisAvailable",
    "OnPostChatAnalysisAvailable",
)
_THIRD_PARTY = ("OnZendeskTicketCreate", "OnZendeskTicketStatusUpdate", "OnSalesforceCaseCreate")
_CASES = ("OnCaseCreate", "OnCaseUpdate")

#: RuleAction: "Supported only for TriggerEventSource values: ..." (types not listed: any source)
SUPPORTED_SOURCES: dict[str, tuple[str, ...]] = {
    "GENERATE_EVENTBRIDGE_EVENT": (*_ANALYSIS, "OnContactEvaluationSubmit", "OnMetricDataUpdate"),
    "ASSIGN_CONTACT_CATEGORY": (*_ANALYSIS, *_THIRD_PARTY),
    "SEND_NOTIFICATION": (*_ANALYSIS, "OnContactEvaluationSubmit", "OnMetricDataUpdate"),
    "CREATE_CASE": ("OnPostCallAnalysisAvailable", "OnPostChatAnalysisAvailable"),
    "UPDATE_CASE": _CASES,
    "END_ASSOCIATED_TASKS": ("OnCaseUpdate",),
    "END_ASSOCIATED_EMAILS": ("OnCaseUpdate",),
    "SEND_IN_APP_NOTIFICATION": (
        *_ANALYSIS,
        "OnAfterCallWorkAvailable",
        "OnAfterChatWorkAvailable",
        "OnEmailAnalysisAvailable",
        "OnContactEvaluationSubmit",
        *_CASES,
        "OnSlaBreach",
        "OnSchedulePublish",
        "OnScheduleUpdate",
        "OnScheduleTimeOffRequestActivity",
    ),
}

#: the source application of the EVENT integration a third-party source needs
THIRD_PARTY_SOURCE_TYPES = {
    "OnZendeskTicketCreate": "ZENDESK",
    "OnZendeskTicketStatusUpdate": "ZENDESK",
    "OnSalesforceCaseCreate": "SALESFORCE",
}
#: "Supports variable injection of $.ContactLens.ContactEvaluation.Agent.AgentId for OnContactEvaluationSubmit"
EVALUATED_AGENT = "$.ContactLens.ContactEvaluation.Agent.AgentId"


def event_source(rule: Resource) -> str:
    return str(rule.attrs["TriggerEventSource"]["EventSourceName"])


def action_summaries(rule: Resource) -> list[dict[str, str]]:
    return [{"ActionType": a["ActionType"]} for a in rule.attrs.get("Actions") or ()]


# -- the rule language --------------------------------------------------------------------
def _conditions(node: Mapping[str, Any], path: str) -> int:
    """How many conditions an AND/OR node holds (its leaves, however deep)."""
    operands = node.get("Operands")
    if not isinstance(operands, list):
        raise InvalidRequestException(f"Function: {path}.Operands must be an array")
    count = 0
    for index, operand in enumerate(operands):
        where = f"{path}.Operands[{index}]"
        if not isinstance(operand, dict) or not isinstance(operand.get("Operator"), str):
            raise InvalidRequestException(f"Function: {where} must be a condition object with an Operator")
        count += _conditions(operand, where) if operand["Operator"] in ("AND", "OR") else 1
    return count


def check_function(function: str) -> None:
    """A light check of the Rules Function language, as the API Reference documents it."""
    document = load_json(
        function,
        dict,
        InvalidRequestException,
        "Function is not valid JSON in the Rules Function language",
        "Function must be a JSON object with Version and RuleFunction",
    )
    if document.get("Version") != FUNCTION_VERSION:
        raise InvalidRequestException(
            f"Function Version {document.get('Version')!r} is not supported; the only supported version is "
            f"{FUNCTION_VERSION}"
        )
    body = document.get("RuleFunction")
    if not isinstance(body, dict):
        raise InvalidRequestException("Function must have a RuleFunction object")
    if body.get("Operator") not in ("AND", "OR"):
        raise InvalidRequestException(f"Function: the top Operator must be AND or OR, not {body.get('Operator')!r}")
    count = _conditions(body, "RuleFunction")
    if count > MAX_CONDITIONS:
        raise InvalidRequestException(f"Function has {count} conditions; a rule has at most {MAX_CONDITIONS}")


# -- actions ------------------------------------------------------------------------------
def _user_ids(
    resources: Resources,
    instance: Container,
    recipient: Mapping[str, Any] | None,
    where: str,
    source: str,
    required: bool,
) -> None:
    if recipient is None:
        if required:
            raise InvalidRequestException(f"{where} is required")
        return
    ids = recipient.get("UserIds") or []
    if required and not ids and not recipient.get("UserTags"):
        raise InvalidRequestException(f"{where} must name UserIds or UserTags")
    for user_id in ids:
        if user_id == EVALUATED_AGENT and source == "OnContactEvaluationSubmit":
            continue
        if resources.find(USER, instance, user_id) is None:
            raise ResourceNotFoundException(f"{where}: User not found: {user_id}")


def _check_action(
    resources: Resources, instance: Container, source: str, action: Mapping[str, Any], index: int
) -> None:
    kind = action["ActionType"]
    where = f"Actions[{index}]"
    member = ACTION_MEMBERS[kind]
    stray = [m for m in ACTION_MEMBERS.values() if m != member and m in action]
    if stray:
        raise InvalidRequestException(f"{where}: a {kind} action cannot carry {', '.join(stray)}")
    if action.get(member) is None and member not in EMPTY_MEMBERS:
        raise InvalidRequestException(f"{where}: a {kind} action requires {member}")
    body: Mapping[str, Any] = action.get(member) or {}
    supported = SUPPORTED_SOURCES.get(kind)
    if supported is not None and source not in supported:
        raise InvalidRequestException(
            f"{where}: {kind} is not supported for the event source {source}; it is supported for "
            f"{', '.join(supported)}"
        )
    if kind == "CREATE_TASK":
        flow = body["ContactFlowId"]
        if resources.find(CONTACT_FLOW, instance, flow) is None:
            raise ResourceNotFoundException(f"{where}.TaskAction: Contact flow not found: {flow}")
        for key, reference in (body.get("References") or {}).items():
            if reference.get("Type") != "URL":
                raise InvalidRequestException(
                    f"{where}.TaskAction.References[{key}]: a task action's references are of type URL"
                )
    elif kind in ("SEND_NOTIFICATION", "SEND_IN_APP_NOTIFICATION"):
        _user_ids(resources, instance, body.get("Recipient"), f"{where}.{member}.Recipient", source, True)
        _user_ids(resources, instance, body.get("Exclusion"), f"{where}.{member}.Exclusion", source, False)
    elif kind == "EXTRACT_INFORMATION":
        for item in body["RulesExtractionDefinitions"]:
            if resources.find(EXTRACTION_DEFINITION, instance, item["Identifier"]) is None:
                raise ResourceNotFoundException(
                    f"{where}.ExtractInformationAction: Extraction definition not found: {item['Identifier']}"
                )
    elif kind in ("CREATE_CASE", "UPDATE_CASE"):
        domain = cases_domain(resources, instance, where)
        if kind == "CREATE_CASE":
            template = domain.templates.get(body["TemplateId"])
            if template is None or template.deleted:
                raise ResourceNotFoundException(
                    f"{where}.CreateCaseAction: Template not found in Cases domain {domain.id}: {body['TemplateId']}"
                )
            if template.status != "Active":
                raise InvalidRequestException(
                    f"{where}.CreateCaseAction: template {template.id} is {template.status}; cases are created "
                    "from active templates"
                )
        for field in body["Fields"]:
            _case_field(domain, field["Id"], f"{where}.{member}")
    elif kind == "SUBMIT_AUTO_EVALUATION":
        form = resources.find(evaluation_forms.EVALUATION_FORM, instance, body["EvaluationFormId"])
        if form is None:
            raise ResourceNotFoundException(f"{where}.{member}: Evaluation form not found: {body['EvaluationFormId']}")
        live = evaluation_forms.active(form)
        if live is None or not (live.content.get("AutoEvaluationConfiguration") or {}).get("Enabled"):
            raise InvalidRequestException(
                f"{where}.{member}: evaluation form {form.id} has no active version with automated evaluation enabled"
            )
    elif kind == "ASSIGN_SLA":
        sla = body.get("CaseSlaConfiguration")
        if body["SlaAssignmentType"] == "CASES" and sla is None:
            raise InvalidRequestException(
                f"{where}.AssignSlaAction: an SLA of type CASES requires CaseSlaConfiguration"
            )
        if sla is not None and sla.get("FieldId") and kind == "ASSIGN_SLA":
            _case_field(cases_domain(resources, instance, where), sla["FieldId"], f"{where}.AssignSlaAction")
        if (
            sla is not None
            and sla["Type"] == "CaseField"
            and (not sla.get("FieldId") or not sla.get("TargetFieldValues"))
        ):
            raise InvalidRequestException(
                f"{where}.AssignSlaAction.CaseSlaConfiguration: a CaseField SLA requires FieldId and TargetFieldValues"
            )


def cases_domain(resources: Resources, instance: Container, where: str) -> Any:
    """The Cases domain of the instance (its ``CASES_DOMAIN`` integration association's)."""
    from ..connectcases.models import connectcases_backends

    for association in resources.all(INTEGRATION_ASSOCIATION, instance):
        if association.attrs["IntegrationType"] != "CASES_DOMAIN":
            continue
        arn = association.attrs["IntegrationArn"]
        parts = parse_arn(arn) or {}
        resource = parts.get("resource", "")
        if parts.get("service") == "cases" and resource.startswith("domain/"):
            domain = connectcases_backends[parts["account"]][parts["region"]].domains.get(resource[len("domain/") :])
            if domain is not None:
                return domain
        raise ResourceNotFoundException(f"{where}: the Cases domain of the instance was not found: {arn}")
    raise InvalidRequestException(
        f"{where}: Cases is not enabled for the instance (it has no CASES_DOMAIN integration association)"
    )


def _case_field(domain: Any, field_id: str, where: str) -> None:
    if not domain.is_live_field(field_id):
        raise ResourceNotFoundException(f"{where}: Field not found in Cases domain {domain.id}: {field_id}")


def check_actions(resources: Resources, instance: Container, source: str, actions: Iterable[Mapping[str, Any]]) -> None:
    seen: set[str] = set()
    for index, action in enumerate(actions):
        kind = action["ActionType"]
        if kind in seen:
            raise InvalidRequestException(f"Actions[{index}]: a rule has at most one {kind} action")
        seen.add(kind)
        _check_action(resources, instance, source, action, index)


def check_filters(source: str, filters: Mapping[str, Any] | None) -> None:
    for index, condition in enumerate((filters or {}).get("AndConditions") or ()):
        if condition["ResourceType"] == "CONTACT_EVALUATION" and source != "OnContactEvaluationSubmit":
            raise InvalidRequestException(
                f"PreEvaluationFilters.AndConditions[{index}]: CONTACT_EVALUATION filters are for "
                "OnContactEvaluationSubmit rules only"
            )


def resolve_trigger(resources: Resources, instance: Container, trigger: dict[str, Any]) -> dict[str, Any]:
    """The trigger with its integration association checked and named by ID."""
    source = trigger["EventSourceName"]
    ident = trigger.get("IntegrationAssociationId")
    if ident is None:
        if source in THIRD_PARTY_SOURCE_TYPES:
            raise InvalidRequestException(f"TriggerEventSource.IntegrationAssociationId is required for {source}")
        return trigger
    association = resources.find(INTEGRATION_ASSOCIATION, instance, ident)
    if association is None:
        raise ResourceNotFoundException(f"Integration association not found: {ident}")
    kind, app = association.attrs["IntegrationType"], association.attrs.get("SourceType")
    wanted = THIRD_PARTY_SOURCE_TYPES.get(source)
    if wanted is not None and (kind != "EVENT" or app != wanted):
        raise InvalidRequestException(
            f"Integration association {association.id} is not an EVENT integration of source type {wanted}, "
            f"which {source} needs"
        )
    if source in _CASES and not (kind == "CASES_DOMAIN" or (kind == "EVENT" and app == "CASES")):
        raise InvalidRequestException(
            f"Integration association {association.id} is neither a CASES_DOMAIN integration nor an EVENT "
            f"integration of source type CASES, which {source} needs"
        )
    return {**trigger, "IntegrationAssociationId": association.id}


# -- the type -----------------------------------------------------------------------------
def _count(resources: Resources, instance: Container, status: str) -> int:
    return resources.count(RULE, instance, lambda r: r.attrs["PublishStatus"] == status)


def _check(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    source = attrs["TriggerEventSource"]["EventSourceName"]
    check_function(attrs["Function"])
    check_actions(resources, instance, source, attrs["Actions"])
    check_filters(source, attrs.get("PreEvaluationFilters"))
    status = attrs["PublishStatus"]
    if current is not None and current.attrs["PublishStatus"] == status:
        return
    if _count(resources, instance, status) >= MAX_RULES[status]:
        message = f"The instance already has {MAX_RULES[status]} {status.lower()} rules, the most it can have"
        if current is None:
            raise ModeledError("ServiceQuotaExceededException", message)
        raise InvalidRequestException(message)


RULE = ResourceType(
    kind="rule",
    unique_name=True,
    duplicate_code="ResourceConflictException",
    duplicate_message="A rule with the name {name} already exists in the instance",
    computed={
        "EventSourceName": event_source,
        "ActionSummaries": action_summaries,
        "LastUpdatedTime": lambda r: r.last_modified_time,
    },
    check=_check,
)

#: what CreateRule and UpdateRule take that is the rule's own
CREATE_MEMBERS = ("Name", "TriggerEventSource", "Function", "Actions", "PublishStatus", "PreEvaluationFilters")
UPDATE_MEMBERS = ("Name", "Function", "Actions", "PublishStatus", "PreEvaluationFilters")


def create(
    resources: Resources, instance: Container, request: Mapping[str, Any], caller: Caller, tags: dict[str, str] | None
) -> Resource:
    attrs = authored(request, CREATE_MEMBERS, caller)
    attrs["TriggerEventSource"] = resolve_trigger(resources, instance, attrs["TriggerEventSource"])
    return resources.create(RULE, instance, attrs, caller, tags)


#: the event sources whose rules UpdateRule may rename ("You can change the name only if
#: TriggerEventSource is one of the following values")
RENAMABLE_SOURCES = frozenset({"OnZendeskTicketCreate", "OnZendeskTicketStatusUpdate", "OnSalesforceCaseCreate"})


def update(resources: Resources, rule: Resource, request: Mapping[str, Any], caller: Caller) -> None:
    """UpdateRule replaces what it takes (a missing PreEvaluationFilters removes the filters)."""
    name = request.get("Name")
    if name is not None and name != rule.attrs["Name"] and event_source(rule) not in RENAMABLE_SOURCES:
        raise InvalidRequestException(
            f"The name of a rule triggered by {event_source(rule)} cannot be changed; only rules triggered by "
            f"{', '.join(sorted(RENAMABLE_SOURCES))} can be renamed"
        )
    replace_authored(resources, rule, request, UPDATE_MEMBERS, caller)


def list_filter(status: str | None, source: str | None) -> Any:
    if status is None and source is None:
        return None
    return lambda r: (
        (status is None or r.attrs["PublishStatus"] == status) and (source is None or event_source(r) == source)
    )


# -- SearchRules ------------------------------------------------------------------------
#: SearchRules' StringCondition fields ("The currently supported values for FieldName are ...")
SEARCH_FIELDS = {
    "Name": lambda r: r.attrs["Name"],
    "PublishStatus": lambda r: r.attrs["PublishStatus"],
    "EventSourceName": event_source,
    "RuleId": lambda r: r.id,
    "IntegrationAssociationId": lambda r: r.attrs["TriggerEventSource"].get("IntegrationAssociationId"),
}
#: fields with several values: a condition holds when one of them matches
SEARCH_LISTS = {
    "ActionSummaries": lambda r: [a["ActionType"] for a in r.attrs.get("Actions") or ()],
    "RuleCapabilityTiers": lambda r: [],
}
_LIST_CONDITION = "_ListStringCondition"


def _list_condition(condition: Mapping[str, Any]) -> Any:
    read = SEARCH_LISTS[condition["FieldName"]]
    match = string_matcher(condition, {condition["FieldName"]: lambda value: value})
    return lambda r: any(match(value) for value in read(r))


def search_matcher(criteria: Mapping[str, Any] | None) -> Any:
    """SearchRules' criteria as a predicate over rules (bad criteria refused at once)."""
    fields = {**SEARCH_FIELDS, **{name: (lambda r: None) for name in SEARCH_LISTS}}
    return criteria_matcher(
        lift_string_conditions(criteria, {n.lower(): n for n in SEARCH_LISTS}, _LIST_CONDITION),
        fields,
        {_LIST_CONDITION: _list_condition},
    )
