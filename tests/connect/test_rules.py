"""Rules (Contact Lens and event rules) through boto3, and the family in server mode."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from moto_connect_ext.connect import rules
from tests.connect.test_queues import new_user
from tests.helpers import new_instance, raises
from tests.servers import server_client


def function(*conditions: dict[str, Any], operator: str = "AND", version: str = "2022-11-25") -> str:
    return json.dumps({"Version": version, "RuleFunction": {"Operator": operator, "Operands": list(conditions)}})


REFUND = {
    "Operator": "CONTAINS_ANY",
    "Operands": ["refund"],
    "ComparisonValue": "$.ContactLens.PostCall.ExactMatch.Transcript",
    "Negate": False,
}
CATEGORY = {"ActionType": "ASSIGN_CONTACT_CATEGORY", "AssignContactCategoryAction": {}}
EVENT = {"ActionType": "GENERATE_EVENTBRIDGE_EVENT", "EventBridgeAction": {"Name": "refund-mentioned"}}
POST_CALL = {"EventSourceName": "OnPostCallAnalysisAvailable"}


def _event_association(connect: Any, iid: str, source: str) -> str:
    return connect.create_integration_association(  # type: ignore[no-any-return]
        InstanceId=iid,
        IntegrationType="EVENT",
        IntegrationArn=f"arn:aws:app-integrations:us-east-1:123456789012:event-integration/{source.lower()}",
        SourceApplicationUrl="https://crm.example.com",
        SourceApplicationName="CRM",
        SourceType=source,
    )["IntegrationAssociationId"]


class World:
    cases: Any

    def __init__(self, connect: Any) -> None:
        self.connect = connect
        self.iid = new_instance(connect)["Id"]
        flows = connect.list_contact_flows(InstanceId=self.iid)["ContactFlowSummaryList"]
        self.flow = flows[0]["Id"]

    def request(self, name: str = "refunds", **overrides: Any) -> dict[str, Any]:
        return {
            "InstanceId": self.iid,
            "Name": name,
            "TriggerEventSource": POST_CALL,
            "Function": function(REFUND),
            "Actions": [CATEGORY],
            "PublishStatus": "DRAFT",
            **overrides,
        }

    def create(self, name: str = "refunds", **overrides: Any) -> str:
        return self.connect.create_rule(**self.request(name, **overrides))["RuleId"]  # type: ignore[no-any-return]

    def rule_id(self, name: str) -> str:
        listed = self.connect.list_rules(InstanceId=self.iid)["RuleSummaryList"]
        return next(r["RuleId"] for r in listed if r["Name"] == name)  # type: ignore[no-any-return]

    def names(self, **filters: Any) -> list[str]:
        listed = self.connect.list_rules(InstanceId=self.iid, **filters)["RuleSummaryList"]
        return [r["Name"] for r in listed]


def _cases(world: World) -> tuple[str, str, str]:
    """A Cases domain associated with the instance, one of its fields and an active template."""
    cases = world.cases = boto3.client("connectcases", "us-east-1")
    domain = cases.create_domain(name="rules")
    field = cases.create_field(domainId=domain["domainId"], name="Status note", type="Text")["fieldId"]
    template = cases.create_template(domainId=domain["domainId"], name="Complaint", status="Active")["templateId"]
    world.connect.create_integration_association(
        InstanceId=world.iid, IntegrationType="CASES_DOMAIN", IntegrationArn=domain["domainArn"]
    )
    return domain["domainId"], field, template


@pytest.fixture
def world(connect: Any) -> World:
    return World(connect)


def test_round_trip(world: World) -> None:
    connect, iid = world.connect, world.iid
    task = {
        "ActionType": "CREATE_TASK",
        "TaskAction": {
            "Name": "Call back $.ContactLens.PostCall.CustomerEndpoint",
            "ContactFlowId": world.flow,
            "References": {"recording": {"Type": "URL", "Value": "https://example.com/r"}},
        },
    }
    request = world.request(Actions=[CATEGORY, task], Tags={"team": "qa"}, ClientToken="token-1")
    created = connect.create_rule(**request)
    rid, arn = created["RuleId"], created["RuleArn"]
    assert arn == f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/rule/{rid}"
    # a retry gets the first answer; the token with another request is refused
    assert connect.create_rule(**request)["RuleId"] == rid
    with raises("InvalidRequestException", 400, match="client token"):
        connect.create_rule(**{**request, "Name": "other"})
    with raises("ResourceConflictException", 409, match="already exists"):
        world.create()

    rule = connect.describe_rule(InstanceId=iid, RuleId=rid)["Rule"]
    assert rule["Name"] == "refunds" and rule["RuleArn"] == arn and rule["PublishStatus"] == "DRAFT"
    assert rule["TriggerEventSource"] == POST_CALL and rule["Actions"] == [CATEGORY, task]
    assert json.loads(rule["Function"])["RuleFunction"]["Operands"] == [REFUND]
    assert rule["LastUpdatedBy"] == "arn:aws:sts::123456789012:user/moto" and rule["Tags"] == {"team": "qa"}
    assert rule["CreatedTime"] == rule["LastUpdatedTime"] and "PreEvaluationFilters" not in rule

    world.create("published", PublishStatus="PUBLISHED", Actions=[EVENT])
    world.create(
        "evaluations",
        TriggerEventSource={"EventSourceName": "OnContactEvaluationSubmit"},
        Actions=[EVENT],
        PreEvaluationFilters={
            "AndConditions": [
                {
                    "ResourceType": "CONTACT_EVALUATION",
                    "FilterType": "TAG",
                    "FilterKey": "dept",
                    "FilterValue": "sales",
                    "Operator": "EQUALS",
                }
            ]
        },
    )
    assert world.names() == ["refunds", "published", "evaluations"]
    assert world.names(PublishStatus="DRAFT") == ["refunds", "evaluations"]
    assert world.names(EventSourceName="OnContactEvaluationSubmit", PublishStatus="DRAFT") == ["evaluations"]
    summary = connect.list_rules(InstanceId=iid, MaxResults=1)
    assert [r["Name"] for r in summary["RuleSummaryList"]] == ["refunds"]
    assert summary["RuleSummaryList"][0]["ActionSummaries"] == [
        {"ActionType": "ASSIGN_CONTACT_CATEGORY"},
        {"ActionType": "CREATE_TASK"},
    ]
    second = connect.list_rules(InstanceId=iid, MaxResults=1, NextToken=summary["NextToken"])
    assert [r["Name"] for r in second["RuleSummaryList"]] == ["published"]

    # UpdateRule replaces what it takes; the trigger stays, and so does the name of a rule whose
    # source is not Zendesk's or Salesforce's
    with raises("InvalidRequestException", 400, match="cannot be changed"):
        connect.update_rule(
            InstanceId=iid, RuleId=rid, Name="refunds-v2", Function=function(), Actions=[], PublishStatus="DRAFT"
        )
    connect.update_rule(
        InstanceId=iid,
        RuleId=rid,
        Name="refunds",
        Function=function(REFUND, REFUND, operator="OR"),
        Actions=[EVENT],
        PublishStatus="PUBLISHED",
    )
    updated = connect.describe_rule(InstanceId=iid, RuleId=rid)["Rule"]
    assert updated["Name"] == "refunds" and updated["Actions"] == [EVENT]
    assert updated["PublishStatus"] == "PUBLISHED" and updated["TriggerEventSource"] == POST_CALL
    assert updated["LastUpdatedTime"] > rule["LastUpdatedTime"] and updated["CreatedTime"] == rule["CreatedTime"]
    assert world.names(PublishStatus="PUBLISHED") == ["refunds", "published"]

    connect.delete_rule(InstanceId=iid, RuleId=rid)
    for call in (connect.describe_rule, connect.delete_rule):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=iid, RuleId=rid)
    with raises("ResourceNotFoundException", 404):
        connect.update_rule(
            InstanceId=iid, RuleId=rid, Name="x", Function=function(), Actions=[], PublishStatus="DRAFT"
        )
    # the token of a deleted rule creates a new one
    assert connect.create_rule(**{**request, "Name": "again"})["RuleId"] != rid
    with raises("ResourceNotFoundException", 404):
        connect.list_rules(InstanceId="missing")
    with raises("ResourceNotFoundException", 404):
        connect.create_rule(**{**world.request("x"), "InstanceId": "missing"})


def _task(flow: str, **extra: Any) -> dict[str, Any]:
    return {"ActionType": "CREATE_TASK", "TaskAction": {"Name": "t", "ContactFlowId": flow, **extra}}


def _notify(recipient: dict[str, Any], **extra: Any) -> dict[str, Any]:
    action = {"DeliveryMethod": "EMAIL", "Content": "c", "ContentType": "PLAIN_TEXT", "Recipient": recipient}
    return {"ActionType": "SEND_NOTIFICATION", "SendNotificationAction": {**action, **extra}}


TWENTY_ONE = [REFUND] * 11 + [{"Operator": "OR", "Operands": [REFUND] * 10}]
BAD = {
    "not JSON": ({"Function": "refund"}, "InvalidRequestException", "not valid JSON"),
    "version": ({"Function": function(REFUND, version="2020-01-01")}, "InvalidRequestException", "2022-11-25"),
    "top operator": (
        {"Function": json.dumps({"Version": "2022-11-25", "RuleFunction": REFUND})},
        "InvalidRequestException",
        "AND or OR",
    ),
    "operands": (
        {"Function": json.dumps({"Version": "2022-11-25", "RuleFunction": {"Operator": "AND", "Operands": ["x"]}})},
        "InvalidRequestException",
        "Operands[0]",
    ),
    "21 conditions": ({"Function": function(*TWENTY_ONE)}, "InvalidRequestException", "at most 20"),
    "member missing": (
        {"Actions": [{"ActionType": "GENERATE_EVENTBRIDGE_EVENT"}]},
        "InvalidRequestException",
        "requires",
    ),
    "stray member": (
        {"Actions": [{**CATEGORY, "EventBridgeAction": {"Name": "x"}}]},
        "InvalidRequestException",
        "cannot carry EventBridgeAction",
    ),
    "twice": ({"Actions": [EVENT, EVENT]}, "InvalidRequestException", "at most one"),
    "unsupported source": (
        {"Actions": [{"ActionType": "UPDATE_CASE", "UpdateCaseAction": {"Fields": []}}]},
        "InvalidRequestException",
        "not supported for the event source",
    ),
    "missing flow": ({"Actions": [_task("nope")]}, "ResourceNotFoundException", "Contact flow not found"),
    "reference type": (
        {"Actions": [_task("FLOW", References={"n": {"Type": "NUMBER", "Value": "1"}})]},
        "InvalidRequestException",
        "type URL",
    ),
    "no recipients": ({"Actions": [_notify({})]}, "InvalidRequestException", "UserIds or UserTags"),
    "unknown user": ({"Actions": [_notify({"UserIds": ["nobody"]})]}, "ResourceNotFoundException", "nobody"),
    "unknown excluded user": (
        {"Actions": [_notify({"UserTags": {"a": "b"}}, Exclusion={"UserIds": ["ghost"]})]},
        "ResourceNotFoundException",
        "ghost",
    ),
    "agent variable elsewhere": (
        {"Actions": [_notify({"UserIds": [rules.EVALUATED_AGENT]})]},
        "ResourceNotFoundException",
        "User not found",
    ),
    "no association": (
        {"TriggerEventSource": {"EventSourceName": "OnSalesforceCaseCreate"}},
        "InvalidRequestException",
        "IntegrationAssociationId is required",
    ),
    "unknown association": (
        {"TriggerEventSource": {"EventSourceName": "OnZendeskTicketCreate", "IntegrationAssociationId": "nope"}},
        "ResourceNotFoundException",
        "Integration association not found",
    ),
    "evaluation filter": (
        {
            "PreEvaluationFilters": {
                "AndConditions": [
                    {
                        "ResourceType": "CONTACT_EVALUATION",
                        "FilterType": "TAG",
                        "FilterKey": "k",
                        "FilterValue": "v",
                        "Operator": "EQUALS",
                    }
                ]
            }
        },
        "InvalidRequestException",
        "OnContactEvaluationSubmit",
    ),
    "SLA without configuration": (
        {
            "TriggerEventSource": {"EventSourceName": "OnCaseCreate"},
            "Actions": [{"ActionType": "ASSIGN_SLA", "AssignSlaAction": {"SlaAssignmentType": "CASES"}}],
        },
        "InvalidRequestException",
        "CaseSlaConfiguration",
    ),
}


@pytest.mark.parametrize("overrides, code, match", BAD.values(), ids=BAD.keys())
def test_bad_rules_change_nothing(world: World, overrides: dict[str, Any], code: str, match: str) -> None:
    rid = world.create("kept")
    overrides = json.loads(json.dumps(overrides).replace('"FLOW"', json.dumps(world.flow)))
    with raises(code, match=match):
        world.create("new", **overrides)
    update = {k: v for k, v in world.request("kept", **overrides).items() if k != "TriggerEventSource"}
    if "TriggerEventSource" not in overrides:
        with raises(code, match=match):
            world.connect.update_rule(RuleId=rid, **update)
    assert world.names() == ["kept"]
    assert world.connect.describe_rule(InstanceId=world.iid, RuleId=rid)["Rule"]["Actions"] == [CATEGORY]


def test_trigger_sources_recipients_and_search(world: World) -> None:
    connect, iid = world.connect, world.iid
    salesforce = _event_association(connect, iid, "SALESFORCE")
    zendesk = _event_association(connect, iid, "ZENDESK")
    cases = _event_association(connect, iid, "CASES")
    with raises("InvalidRequestException", match="source type ZENDESK"):
        world.create(
            "zd",
            TriggerEventSource={"EventSourceName": "OnZendeskTicketCreate", "IntegrationAssociationId": salesforce},
        )
    with raises("InvalidRequestException", match="CASES_DOMAIN"):
        world.create(
            "case", TriggerEventSource={"EventSourceName": "OnCaseUpdate", "IntegrationAssociationId": zendesk}
        )
    association_arn = connect.list_integration_associations(InstanceId=iid, IntegrationType="EVENT")[
        "IntegrationAssociationSummaryList"
    ][1]["IntegrationAssociationArn"]
    zd = world.create(
        "zd-tickets",
        TriggerEventSource={
            "EventSourceName": "OnZendeskTicketStatusUpdate",
            "IntegrationAssociationId": association_arn,
        },
        Actions=[_task(world.flow), CATEGORY],
        PublishStatus="PUBLISHED",
        Tags={"app": "zendesk"},
    )
    trigger = connect.describe_rule(InstanceId=iid, RuleId=zd)["Rule"]["TriggerEventSource"]
    assert trigger == {"EventSourceName": "OnZendeskTicketStatusUpdate", "IntegrationAssociationId": zendesk}
    # a Zendesk rule may be renamed, to a name no other rule of the instance has
    renamed = {
        "InstanceId": iid,
        "RuleId": zd,
        "Function": function(REFUND),
        "Actions": [_task(world.flow), CATEGORY],
        "PublishStatus": "PUBLISHED",
    }
    taken = world.create("taken")
    with raises("ResourceConflictException", 409):
        connect.update_rule(**renamed, Name="taken")
    connect.update_rule(**renamed, Name="zd-tickets-v2")
    assert connect.describe_rule(InstanceId=iid, RuleId=zd)["Rule"]["Name"] == "zd-tickets-v2"
    connect.delete_rule(InstanceId=iid, RuleId=taken)
    connect.update_rule(**renamed, Name="taken")  # a deleted rule's name is free again
    connect.update_rule(**renamed, Name="zd-tickets")
    update_fields: list[dict[str, Any]] = [{"Id": "FIELD", "Value": {}}]
    update_case = {"ActionType": "UPDATE_CASE", "UpdateCaseAction": {"Fields": update_fields}}
    case_rule = {
        "TriggerEventSource": {"EventSourceName": "OnCaseUpdate", "IntegrationAssociationId": cases},
        "Actions": [{"ActionType": "END_ASSOCIATED_TASKS"}, update_case],
    }
    with raises("InvalidRequestException", match="Cases is not enabled"):
        world.create("case-updates", **case_rule)
    domain, field, template = _cases(world)
    update_fields[0]["Id"] = field
    world.create("case-updates", **case_rule)
    create_case = {"ActionType": "CREATE_CASE", "CreateCaseAction": {"TemplateId": template, "Fields": []}}
    world.create("new-cases", Actions=[create_case])
    with raises("ResourceNotFoundException", 404, match="Field not found"):
        world.create(
            "bad-field",
            Actions=[
                {**create_case, "CreateCaseAction": {"TemplateId": template, "Fields": [{"Id": "nope", "Value": {}}]}}
            ],
        )
    world.cases.update_template(domainId=domain, templateId=template, status="Inactive")
    with raises("InvalidRequestException", 400, match="Inactive"):
        world.create("inactive", Actions=[create_case])
    world.cases.delete_template(domainId=domain, templateId=template)
    with raises("ResourceNotFoundException", 404, match="Template not found"):
        world.create("deleted", Actions=[create_case])
    connect.delete_rule(InstanceId=iid, RuleId=world.rule_id("new-cases"))
    ada = new_user(connect, iid)
    world.create(
        "evaluated",
        TriggerEventSource={"EventSourceName": "OnContactEvaluationSubmit"},
        Actions=[_notify({"UserIds": [ada, rules.EVALUATED_AGENT]}, Exclusion={"UserTags": {"role": "lead"}})],
    )
    # an association a rule names may still go (AWS documents nothing that keeps it)
    connect.delete_integration_association(InstanceId=iid, IntegrationAssociationId=salesforce)

    def found(criteria: dict[str, Any] | None = None, **kw: Any) -> list[str]:
        request = {"InstanceId": iid, **({"SearchCriteria": criteria} if criteria else {}), **kw}
        answer = connect.search_rules(**request)
        assert answer["ApproximateTotalCount"] >= len(answer["Rules"])
        return [r["Name"] for r in answer["Rules"]]

    def cond(field: str, value: str, kind: str = "EXACT") -> dict[str, Any]:
        return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": kind}}

    assert found() == ["zd-tickets", "case-updates", "evaluated"]
    assert found(cond("ActionSummaries", "CREATE_TASK")) == ["zd-tickets"]
    assert found(cond("actionsummaries", "end_", "STARTS_WITH")) == ["case-updates"]
    assert found(cond("IntegrationAssociationId", cases)) == ["case-updates"]
    assert found(cond("PublishStatus", "DRAFT")) == ["case-updates", "evaluated"]
    assert found(
        {"OrConditions": [cond("Name", "ZD", "STARTS_WITH"), cond("EventSourceName", "evaluation", "CONTAINS")]}
    ) == [
        "zd-tickets",
        "evaluated",
    ]
    assert found({"AndConditions": [cond("PublishStatus", "DRAFT"), cond("ActionSummaries", "UPDATE_CASE")]}) == [
        "case-updates"
    ]
    assert found(cond("RuleId", zd)) == ["zd-tickets"]
    assert found(cond("RuleCapabilityTiers", "GenerativeAI")) == []
    tagged = {"AttributeFilter": {"TagCondition": {"TagKey": "app", "TagValue": "zendesk"}}}
    assert found(SearchFilter=tagged) == ["zd-tickets"]
    page = connect.search_rules(InstanceId=iid, MaxResults=2)
    assert len(page["Rules"]) == 2 and page["ApproximateTotalCount"] == 3
    assert [r["Name"] for r in connect.search_rules(InstanceId=iid, NextToken=page["NextToken"])["Rules"]] == [
        "evaluated"
    ]
    with raises("InvalidParameterException", 400, match="not supported"):
        found(cond("Function", "x"))


def test_rules_per_instance(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(rules.MAX_RULES, "DRAFT", 2)
    monkeypatch.setitem(rules.MAX_RULES, "PUBLISHED", 1)
    world.create("d1")
    world.create("d2")
    with raises("ServiceQuotaExceededException", 402, match="2 draft rules"):
        world.create("d3")
    published = world.create("p1", PublishStatus="PUBLISHED")
    with raises("ServiceQuotaExceededException", match="1 published rules"):
        world.create("p2", PublishStatus="PUBLISHED")
    # moving a rule into a full status is refused; within its status, an update goes through
    request = {k: v for k, v in world.request("p1").items() if k != "TriggerEventSource"}
    with raises("InvalidRequestException", 400, match="2 draft rules"):
        world.connect.update_rule(RuleId=published, **request)
    world.connect.update_rule(RuleId=published, **{**request, "PublishStatus": "PUBLISHED", "Actions": [EVENT]})
    assert world.names(PublishStatus="PUBLISHED") == ["p1"]
    assert world.connect.describe_rule(InstanceId=world.iid, RuleId=published)["Rule"]["Actions"] == [EVENT]


def test_rules_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    world = World(connect)
    rid = world.create(Tags={"k": "v"})
    rule = connect.describe_rule(InstanceId=world.iid, RuleId=rid)["Rule"]
    assert rule["RuleArn"].startswith("arn:aws:connect:eu-west-2:") and rule["Tags"] == {"k": "v"}
    with raises("ResourceNotFoundException", 404, match="Contact flow not found"):
        world.create("task", Actions=[_task("missing")])
    hits = connect.search_rules(
        InstanceId=world.iid,
        SearchCriteria={"StringCondition": {"FieldName": "Name", "Value": "ref", "ComparisonType": "STARTS_WITH"}},
    )
    assert [r["RuleId"] for r in hits["Rules"]] == [rid]
    connect.delete_rule(InstanceId=world.iid, RuleId=rid)
    assert world.names() == []
