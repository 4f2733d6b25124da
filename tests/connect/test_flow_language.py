"""The Flow language checks (flow_language), without a backend."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from moto_connect_ext.connect import flow_language as fl
from moto_connect_ext.connect.flows import DEFAULT_FLOWS, flow_content


def action(ident: str, kind: str, parameters: Any = None, **transitions: Any) -> dict[str, Any]:
    return {
        "Identifier": ident,
        "Type": kind,
        "Parameters": {} if parameters is None else parameters,
        "Transitions": transitions,
    }


def flow(*actions: dict[str, Any], start: str | None = None, **top: Any) -> str:
    body = {"Version": fl.VERSION, "StartAction": start or actions[0]["Identifier"], "Actions": list(actions), **top}
    return json.dumps(body)


SIMPLE = flow(action("a", "MessageParticipant", {"Text": "hi"}, NextAction="b"), action("b", "DisconnectParticipant"))


class Known:
    """References: what exists, and every lookup made."""

    def __init__(self, *present: tuple[str, str], lambdas: tuple[str, ...] = ()) -> None:
        self.present = set(present)
        self.lambdas = set(lambdas)
        self.asked: list[tuple[str, str]] = []

    def exists(self, kind: str, ident: str) -> bool:
        self.asked.append((kind, ident))
        return (kind, ident) in self.present

    def lambda_exists(self, arn: str) -> bool:
        self.asked.append((fl.LAMBDA, arn))
        return arn in self.lambdas


def test_a_simple_inbound_flow_is_valid() -> None:
    assert fl.check_flow(SIMPLE, fl.CONTACT_FLOW, Known()) == []


@pytest.mark.parametrize("name", sorted(DEFAULT_FLOWS))
def test_every_default_flow_is_valid_for_its_type(name: str) -> None:
    flow_type = DEFAULT_FLOWS[name][0]
    assert fl.check_flow(flow_content(flow_type), flow_type, Known()) == []


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "Content is not valid JSON"),
        ("[1, 2]", "Content must be a JSON object"),
        (json.dumps({"StartAction": "a", "Actions": []}), "Version must be 2019-10-30, not null"),
        (
            json.dumps({"Version": "2020-01-01", "StartAction": "a", "Actions": []}),
            'Version must be 2019-10-30, not "2020-01-01"',
        ),
        (json.dumps({"Version": fl.VERSION, "Actions": []}), "StartAction is required"),
        (json.dumps({"Version": fl.VERSION, "StartAction": "x", "Actions": []}), "StartAction x does not match"),
        (json.dumps({"Version": fl.VERSION, "StartAction": "x", "Actions": {}}), "Actions must be a list"),
        (flow(action("a", "DisconnectParticipant"), Metadata=[1]), "Metadata must be an object"),
    ],
)
def test_the_document(content: str, problem: str) -> None:
    problems = fl.check_flow(content, fl.CONTACT_FLOW)
    assert any(p.startswith(problem) for p in problems), problems


def test_metadata_is_free_form() -> None:
    content = flow(action("a", "DisconnectParticipant"), Metadata={"EntryPointPosition": {"x": 1, "y": 2}})
    assert fl.check_flow(content, fl.CONTACT_FLOW) == []


def test_at_most_250_actions() -> None:
    actions = [action(f"a{i}", "UpdateContactAttributes", {"Attributes": {}}) for i in range(251)]
    problems = fl.check_flow(flow(*actions), fl.CONTACT_FLOW)
    assert problems == ["A flow has at most 250 actions; this one has 251"]
    assert fl.check_flow(flow(*actions[:250]), fl.CONTACT_FLOW) == []


@pytest.mark.parametrize(
    ("ident", "problem"),
    [
        ("x" * 51, "is longer than 50 characters"),
        ("a:b", "has characters an Identifier cannot have: :"),
        ("{$}", "has characters an Identifier cannot have: $ { }"),
        ("toString", "is a reserved string"),
    ],
)
def test_identifiers(ident: str, problem: str) -> None:
    problems = fl.check_flow(flow(action(ident, "DisconnectParticipant")), fl.CONTACT_FLOW)
    assert len(problems) == 1 and problem in problems[0], problems


def test_identifiers_may_be_unicode_with_spaces_and_are_unique() -> None:
    assert fl.check_flow(flow(action("Étape 1 ✓", "DisconnectParticipant")), fl.CONTACT_FLOW) == []
    twice = flow(action("a", "MessageParticipant", {"Text": "x"}, NextAction="a"), action("a", "DisconnectParticipant"))
    assert fl.check_flow(twice, fl.CONTACT_FLOW) == ["Actions[1].Identifier a is the Identifier of another action too"]


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ({"Identifier": "a", "Parameters": {}, "Transitions": {}}, "Actions[0].Type is required"),
        (action("a", "PlayPrompt"), "Actions[0].Type PlayPrompt is not an action type of the Flow language"),
        ({"Identifier": "a", "Type": "DisconnectParticipant", "Transitions": {}}, "Actions[0].Parameters is required"),
        (action("a", "DisconnectParticipant", []), "Actions[0].Parameters is required"),
        ({"Identifier": "a", "Type": "DisconnectParticipant", "Parameters": {}}, "Actions[0].Transitions is required"),
        ({"Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}, "Actions[0].Identifier is required"),
    ],
)
def test_the_four_fields_of_an_action(bad: dict[str, Any], problem: str) -> None:
    problems = fl.check_flow(json.dumps({"Version": fl.VERSION, "StartAction": "a", "Actions": [bad]}), fl.CONTACT_FLOW)
    assert any(p.startswith(problem) for p in problems), problems


def test_an_action_that_is_not_an_object() -> None:
    content = json.dumps({"Version": fl.VERSION, "StartAction": "a", "Actions": ["a"]})
    assert fl.check_flow(content, fl.CONTACT_FLOW)[0].startswith("Actions[0]: an action must be an object")


@pytest.mark.parametrize(
    ("transitions", "problem"),
    [
        ({"NextAction": "nowhere"}, "Actions[0].Transitions.NextAction nowhere does not match"),
        ({"Errors": {}}, "Actions[0].Transitions.Errors must be a list"),
        ({"Errors": ["x"]}, "Actions[0].Transitions.Errors[0] must be an object"),
        ({"Errors": [{"NextAction": "b"}]}, "Actions[0].Transitions.Errors[0].ErrorType is required"),
        ({"Errors": [{"ErrorType": "NoMatchingError"}]}, "Actions[0].Transitions.Errors[0].NextAction is required"),
        (
            {"Errors": [{"ErrorType": "NoMatchingError", "NextAction": "z"}]},
            "Actions[0].Transitions.Errors[0].NextAction z",
        ),
        ({"Conditions": "x"}, "Actions[0].Transitions.Conditions must be a list"),
        ({"Conditions": [{"NextAction": "b"}]}, "Actions[0].Transitions.Conditions[0].Condition is required"),
        (
            {"Conditions": [{"NextAction": "b", "Condition": {"Operator": "Exists", "Operands": ["1"]}}]},
            "Actions[0].Transitions.Conditions[0].Condition.Operator Exists is not one of",
        ),
        (
            {"Conditions": [{"NextAction": "b", "Condition": {"Operator": "Equals", "Operands": ["1", "2"]}}]},
            "Actions[0].Transitions.Conditions[0].Condition.Operands must be a list of one string",
        ),
        (
            {"Conditions": [{"Condition": {"Operator": "Equals", "Operands": ["1"]}}]},
            "Actions[0].Transitions.Conditions[0].NextAction is required",
        ),
    ],
)
def test_transitions(transitions: dict[str, Any], problem: str) -> None:
    content = flow(
        action("a", "Compare", {"ComparisonValue": "$.Attributes.x"}, **transitions),
        action("b", "DisconnectParticipant"),
    )
    problems = fl.check_flow(content, fl.CONTACT_FLOW)
    assert any(p.startswith(problem) for p in problems), problems


def test_every_transition_kind_that_is_right() -> None:
    compare = action(
        "a",
        "Compare",
        {"ComparisonValue": "$.Attributes.x"},
        NextAction="b",
        Errors=[{"ErrorType": "NoMatchingCondition", "NextAction": "b"}],
        Conditions=[
            {"NextAction": "b", "Condition": {"Operator": op, "Operands": ["1"]}} for op in sorted(fl.OPERATORS)
        ],
    )
    assert fl.check_flow(flow(compare, action("b", "DisconnectParticipant")), fl.CONTACT_FLOW) == []


# -- where each action may be used -----------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "allowed", "refused"),
    [
        (
            "EndFlowExecution",
            [fl.AGENT_WHISPER, fl.CUSTOMER_QUEUE, fl.OUTBOUND_WHISPER],
            [fl.CONTACT_FLOW, fl.AGENT_HOLD, fl.QUEUE_TRANSFER, fl.MODULE],
        ),
        (
            "DisconnectParticipant",
            [fl.CONTACT_FLOW, fl.AGENT_TRANSFER, fl.CUSTOMER_QUEUE, fl.MODULE],
            [fl.CUSTOMER_HOLD, fl.CUSTOMER_WHISPER],
        ),
        (
            "TransferContactToQueue",
            [fl.CONTACT_FLOW, fl.QUEUE_TRANSFER, fl.MODULE],
            [fl.CUSTOMER_QUEUE, fl.AGENT_WHISPER, fl.AGENT_HOLD],
        ),
        ("DequeueContactAndTransferToQueue", [fl.CUSTOMER_QUEUE], [fl.CONTACT_FLOW, fl.MODULE]),
        ("TransferContactToAgent", [fl.AGENT_TRANSFER, fl.QUEUE_TRANSFER], [fl.CONTACT_FLOW, fl.MODULE]),
        ("TransferToFlow", [fl.CONTACT_FLOW, fl.AGENT_TRANSFER, fl.MODULE], [fl.CUSTOMER_HOLD, fl.CUSTOMER_QUEUE]),
        (
            "MessageParticipantIteratively",
            [fl.CUSTOMER_QUEUE, fl.AGENT_HOLD, fl.CUSTOMER_HOLD],
            [fl.CONTACT_FLOW, fl.MODULE],
        ),
        ("UpdateContactRoutingBehavior", [fl.CONTACT_FLOW, fl.MODULE], [fl.QUEUE_TRANSFER, fl.CUSTOMER_QUEUE]),
        ("InvokeFlowModule", [fl.CONTACT_FLOW], [fl.MODULE, fl.CUSTOMER_QUEUE]),
        ("EndFlowModuleExecution", [fl.MODULE], [fl.CONTACT_FLOW, fl.CAMPAIGN, fl.AGENT_WHISPER]),
        ("InvokeLambdaFunction", [*fl.FLOW_TYPES, fl.MODULE], []),
    ],
)
def test_where_an_action_may_be_used(kind: str, allowed: list[str], refused: list[str]) -> None:
    for flow_type in allowed:
        assert fl.ACTIONS[kind].allowed_in(flow_type), flow_type
    for flow_type in refused:
        assert not fl.ACTIONS[kind].allowed_in(flow_type), flow_type
        content = flow(action("a", kind))
        problems = fl.check_module(content) if flow_type == fl.MODULE else fl.check_flow(content, flow_type)
        where = "flow modules" if flow_type == fl.MODULE else f"flows of type {flow_type}"
        assert f"Actions[0].Type {kind} is not supported in {where}" in problems


def test_campaign_flows_take_every_flow_action() -> None:
    refused = [k for k, a in fl.ACTIONS.items() if not a.allowed_in(fl.CAMPAIGN)]
    assert refused == ["EndFlowModuleExecution"]


def test_the_catalog() -> None:
    categories = {a.category for a in fl.ACTIONS.values()}
    assert categories == {"Contact", "Flow control", "Interactions", "Participant", "Flow designer"}
    assert len([k for k, a in fl.ACTIONS.items() if a.category != "Flow designer"]) == 56


# -- references ------------------------------------------------------------------------
LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:lookup"


def test_static_references_are_looked_up_wherever_they_are() -> None:
    content = flow(
        action("a", "UpdateContactTargetQueue", {"QueueId": "q1"}, NextAction="b"),
        action("b", "MessageParticipant", {"PromptId": "p1"}, NextAction="c"),
        action("c", "CheckHoursOfOperation", {"HoursOfOperationId": "h1"}, NextAction="d"),
        action("d", "InvokeLambdaFunction", {"LambdaFunctionARN": LAMBDA_ARN}, NextAction="e"),
        action("e", "UpdateContactEventHooks", {"EventHooks": {"CustomerQueue": "f1"}}, NextAction="f"),
        action("f", "InvokeFlowModule", {"FlowModuleId": "m1"}, NextAction="g"),
        action(
            "g",
            "CreateTask",
            {"ContactFlowId": "f2", "Name": "t", "References": {"x": {"Type": "URL"}}},
            NextAction="h",
        ),
        action("h", "TransferToFlow", {"ContactFlowId": "f3"}),
    )
    known = Known(
        (fl.QUEUE, "q1"),
        (fl.PROMPT, "p1"),
        (fl.HOURS, "h1"),
        (fl.FLOW, "f1"),
        (fl.FLOW_MODULE, "m1"),
        (fl.FLOW, "f2"),
        (fl.FLOW, "f3"),
        lambdas=(LAMBDA_ARN,),
    )
    assert fl.check_flow(content, fl.CONTACT_FLOW, known) == []
    assert len(known.asked) == 8
    problems = fl.check_flow(content, fl.CONTACT_FLOW, Known())
    assert problems == [
        "Actions[0].Parameters.QueueId: the queue q1 does not exist in the instance",
        "Actions[1].Parameters.PromptId: the prompt p1 does not exist in the instance",
        "Actions[2].Parameters.HoursOfOperationId: the hours of operation h1 does not exist in the instance",
        f"Actions[3].Parameters.LambdaFunctionARN: the Lambda function {LAMBDA_ARN} does not exist",
        "Actions[4].Parameters.EventHooks.CustomerQueue: the flow f1 does not exist in the instance",
        "Actions[5].Parameters.FlowModuleId: the flow module m1 does not exist in the instance",
        "Actions[6].Parameters.ContactFlowId: the flow f2 does not exist in the instance",
        "Actions[7].Parameters.ContactFlowId: the flow f3 does not exist in the instance",
    ]


def test_nested_prompts_and_dynamic_values() -> None:
    loop = action(
        "a",
        "MessageParticipantIteratively",
        {"Messages": [{"Text": "wait"}, {"PromptId": "p1"}, {"PromptId": "$.Attributes.prompt"}]},
    )
    known = Known()
    assert fl.check_flow(flow(loop), fl.CUSTOMER_QUEUE, known) == [
        "Actions[0].Parameters.Messages[1].PromptId: the prompt p1 does not exist in the instance"
    ]
    assert known.asked == [(fl.PROMPT, "p1")]
    dynamic = flow(action("a", "UpdateContactTargetQueue", {"QueueId": "$.External.queue"}))
    assert fl.check_flow(dynamic, fl.CONTACT_FLOW, Known()) == []


def test_a_lambda_function_is_named_by_its_arn() -> None:
    content = flow(action("a", "InvokeLambdaFunction", {"LambdaFunctionARN": "lookup"}))
    assert fl.check_flow(content, fl.CONTACT_FLOW, Known()) == [
        "Actions[0].Parameters.LambdaFunctionARN lookup is not the ARN of a Lambda function"
    ]


def test_without_references_nothing_is_looked_up() -> None:
    content = flow(action("a", "UpdateContactTargetQueue", {"QueueId": "q1"}))
    assert fl.check_flow(content, fl.CONTACT_FLOW) == []


def test_problems_are_at_most_50_and_short() -> None:
    actions = [action(f"a{i}-" + "x" * 300, "Nope") for i in range(60)]
    problems = fl.check_flow(
        json.dumps({"Version": fl.VERSION, "StartAction": "a", "Actions": actions}), fl.CONTACT_FLOW
    )
    assert len(problems) == fl.MAX_PROBLEMS
    assert all(1 <= len(p) <= fl.MAX_MESSAGE for p in problems)


def test_module_settings_and_checksum() -> None:
    assert fl.check_settings('{"InputParameters": []}') == []
    assert fl.check_settings("[]") == ["Settings must be a JSON object"]
    assert fl.check_settings("{")[0].startswith("Settings is not valid JSON")
    assert fl.content_sha256("abc") == hashlib.sha256(b"abc").hexdigest()
    assert fl.content_sha256(None) is None
