"""The test-case content checks (pure functions, no mock needed)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from moto_connect_ext.connect.testcase_content import (
    MAX_PROBLEMS,
    content_problems,
    entry_point_error,
    observations,
    publish_problems,
)

VOICE = {"Type": "VOICE_CALL", "VoiceCallEntryPointParameters": {"FlowId": "flow"}}

DOC: dict[str, Any] = {
    "Version": "2019-10-30",
    "Metadata": {"layout": {}},
    "Observations": [
        {
            "Identifier": "start",
            "Event": {"Identifier": "ev-start", "Type": "TestInitiated", "Actor": "System", "Properties": {}},
            "Actions": [
                {
                    "Identifier": "mock-lambda",
                    "Type": "OverrideSystemBehavior",
                    "Parameters": {
                        "ActionType": "OverrideSystemBehavior",
                        "Behavior": {
                            "Type": "FlowAction",
                            "Properties": {
                                "ActionType": "InvokeLambdaFunction",
                                "ActionParameters": {"LambdaFunctionARN": "arn:aws:lambda:us-east-1:1:function:f"},
                                "Strategy": {"Type": "MockResponse", "Response": {"Type": "ExecutionResult"}},
                            },
                        },
                    },
                }
            ],
            "Transitions": {"NextObservations": ["lambda", "greeting"]},
        },
        {
            "Identifier": "lambda",
            "Event": {
                "Type": "FlowActionStarted",
                "Actor": "System",
                "Properties": {"ActionType": "InvokeLambdaFunction", "ActionParameters": {"LambdaFunctionARN": "x"}},
            },
            "Actions": [
                {
                    "Identifier": "check-queue",
                    "Type": "Assert",
                    "Parameters": {"Namespace": "$.Queue.Name", "Operator": "Equals", "Operand": "Sales"},
                    "Transitions": {"NextAction": "log"},
                },
                {
                    "Id": "log",
                    "Type": "TestControl",
                    "Parameters": {
                        "ActionType": "TestControl",
                        "Command": {"Type": "LogData", "Properties": {"Expressions": {"contact": "$.ContactId"}}},
                    },
                },
            ],
            "Usage": {"Type": "EXACTLY", "Times": 1},
        },
        {
            "Identifier": "greeting",
            "Event": {
                "Type": "MessageReceived",
                "Actor": "System",
                "Properties": {"Text": "Welcome", "MatchingCriteria": "Similarity"},
            },
            "Actions": [
                {
                    "Identifier": "say-hi",
                    "Type": "SendInstruction",
                    "Parameters": {
                        "ActionType": "SendInstruction",
                        "Actor": "Customer",
                        "Instruction": {"Type": "TextUtterance", "Properties": {"Text": "hi", "LanguageCode": "en-US"}},
                    },
                },
                {
                    "Identifier": "press",
                    "Type": "SendInstruction",
                    "Parameters": {
                        "Actor": "Customer",
                        "Instruction": {"Type": "DtmfInput", "Properties": {"Value": 12}},
                    },
                },
                {"Identifier": "end", "Type": "TestControl", "Parameters": {"Command": {"Type": "EndTest"}}},
            ],
        },
    ],
}


def doc_with(path: list[Any], value: Any) -> str:
    """DOC with the value at path replaced (``...`` deletes it)."""
    doc = copy.deepcopy(DOC)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return json.dumps(doc)


def test_the_documented_shapes_are_valid() -> None:
    assert content_problems(json.dumps(DOC)) == []
    assert publish_problems(json.dumps(DOC), VOICE, '{"a": 1}') == []
    assert publish_problems(json.dumps(DOC), {"Type": "CHAT", "ChatEntryPointParameters": {"FlowId": "f"}}, None) == []


def test_observations_summary() -> None:
    found = observations(json.dumps(DOC))
    assert [o["Identifier"] for o in found] == ["start", "lambda", "greeting"]
    assert found[1] == {
        "Identifier": "lambda",
        "EventType": "FlowActionStarted",
        "Actions": [{"Identifier": "check-queue", "Type": "Assert"}, {"Identifier": "log", "Type": "TestControl"}],
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "$: Content is not valid JSON"),
        ("[]", "$: Content must be a JSON object, not an array"),
        ('"text"', "$: Content must be a JSON object, not a string"),
        ("{}", "$.Version: is required"),
    ],
)
def test_documents_that_are_not_test_cases(content: str, expected: str) -> None:
    assert content_problems(content)[0].startswith(expected)


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["Version"], "2020-01-01", "$.Version: '2020-01-01' is not supported; expected one of 2019-10-30, 2025-06-21"),
        (["Version"], 3, "$.Version: must be a non-empty string, not a number"),
        (["Metadata"], [], "$.Metadata: must be an object, not an array"),
        (["Extra"], 1, "$.Extra: is not a member of this object"),
        (["Observations"], ..., "$.Observations: is required"),
        (["Observations"], [], "$.Observations: must hold at least one observation"),
        (["Observations"], {}, "$.Observations: must be an array, not an object"),
        (["Observations", 0], "x", "$.Observations[0]: must be an object, not a string"),
        (["Observations", 0, "Identifier"], ..., "$.Observations[0].Identifier: is required"),
        (
            ["Observations", 0, "Identifier"],
            "",
            "$.Observations[0].Identifier: must be a non-empty string, not an empty string",
        ),
        (
            ["Observations", 0, "Identifier"],
            "x" * 257,
            "$.Observations[0].Identifier: must be at most 256 characters long",
        ),
        (
            ["Observations", 1, "Identifier"],
            "start",
            "$.Observations[1].Identifier: duplicate observation identifier 'start'",
        ),
        (["Observations", 0, "Colour"], "red", "$.Observations[0].Colour: is not a member of this object"),
        (["Observations", 0, "Event"], ..., "$.Observations[0].Event: is required"),
        (
            ["Observations", 0, "Event", "Type"],
            "CallEnded",
            "$.Observations[0].Event.Type: 'CallEnded' is not supported",
        ),
        (
            ["Observations", 0, "Event", "Actor"],
            "Agent",
            "$.Observations[0].Event.Actor: must be System for a TestInitiated event",
        ),
        (
            ["Observations", 0, "Event", "Properties"],
            {"a": 1},
            "$.Observations[0].Event.Properties: must be an empty object",
        ),
        (["Observations", 0, "Event", "Where"], 1, "$.Observations[0].Event.Where: is not a member"),
        (["Observations", 1, "Event", "Properties"], ..., "$.Observations[1].Event.Properties: is required"),
        (
            ["Observations", 1, "Event", "Properties", "ActionType"],
            ...,
            "$.Observations[1].Event.Properties.ActionType: is required",
        ),
        (
            ["Observations", 2, "Event", "Properties", "SSML"],
            "<speak/>",
            "$.Observations[2].Event.Properties: only one of",
        ),
        (
            ["Observations", 2, "Event", "Properties", "MatchingCriteria"],
            "Fuzzy",
            "MatchingCriteria: 'Fuzzy' is not supported",
        ),
        (
            ["Observations", 2, "Event", "Properties", "Media"],
            {"SourceType": "S3"},
            "Properties.Media.Uri: is required",
        ),
        (["Observations", 0, "Actions"], {}, "$.Observations[0].Actions: must be an array, not an object"),
        (
            ["Observations", 0, "Usage"],
            {"Type": "SOMETIMES"},
            "$.Observations[0].Usage.Type: 'SOMETIMES' is not supported",
        ),
        (
            ["Observations", 1, "Usage", "Times"],
            ...,
            "$.Observations[1].Usage.Times: is required when Usage.Type is EXACTLY",
        ),
        (["Observations", 1, "Usage", "Times"], 0, "$.Observations[1].Usage.Times: must be a positive integer, not 0"),
        (["Observations", 0, "Transitions", "NextObservations"], "lambda", "NextObservations: must be an array"),
        (
            ["Observations", 0, "Transitions", "NextObservations"],
            ["nowhere"],
            "NextObservations[0]: names no observation",
        ),
        (
            ["Observations", 0, "Transitions", "NextObservations"],
            ["start", "lambda", "greeting"],
            "cannot transition to itself",
        ),
        (
            ["Observations", 0, "Transitions", "NextObservations"],
            [7],
            "NextObservations[0]: must be an observation identifier",
        ),
    ],
)
def test_structure_problems(path: list[Any], value: Any, expected: str) -> None:
    problems = content_problems(doc_with(path, value))
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ([0, "Identifier"], ..., "Actions[0].Identifier: is required"),
        ([0, "Type"], "Wait", "Actions[0].Type: 'Wait' is not supported"),
        ([0, "Parameters"], ..., "Actions[0].Parameters: is required"),
        ([0, "Parameters", "ActionType"], "Other", "Actions[0].Parameters.ActionType: must be OverrideSystemBehavior"),
        ([0, "Parameters", "Behavior"], ..., "Actions[0].Parameters.Behavior: is required"),
        (
            [0, "Parameters", "Behavior", "Properties", "Strategy", "Type"],
            "Ignore",
            "Strategy.Type: 'Ignore' is not supported",
        ),
        (
            [0, "Parameters", "Behavior", "Properties", "Strategy"],
            {"Type": "SubstituteResource"},
            "Strategy.SubstituteArn: is required",
        ),
        (
            [0, "Parameters", "Behavior", "Properties", "Strategy"],
            {"Type": "MockResponse"},
            "Strategy.Response: is required",
        ),
        ([0, "Transitions"], {"NextAction": "mock-lambda"}, "an action cannot transition to itself"),
        ([0, "Transitions"], {"NextAction": "ghost"}, "Transitions.NextAction: names no action of this observation"),
        ([0, "Extra"], 1, "Actions[0].Extra: is not a member"),
    ],
)
def test_override_and_generic_action_problems(path: list[Any], value: Any, expected: str) -> None:
    problems = content_problems(doc_with(["Observations", 0, "Actions", *path], value))
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ([0, "Parameters", "Operator"], "Like", "Operator: 'Like' is not supported"),
        ([0, "Parameters", "Namespace"], ..., "Namespace: is required"),
        ([0, "Parameters", "Operand"], ..., "Operand: is required for operator Equals"),
        (
            [0, "Parameters"],
            {"Namespace": "$.A", "Operator": "NumberLessThan", "Operand": "ten"},
            "must be a number for operator",
        ),
        (
            [0, "Parameters"],
            {"Namespace": "$.A", "Operator": "Equals", "Operand": {"a": 1}},
            "must be a string or a number",
        ),
        ([1, "Identifier"], "check-queue", "duplicate action identifier 'check-queue'"),
        ([1, "Parameters", "Command", "Type"], "Pause", "Command.Type: 'Pause' is not supported"),
        ([1, "Parameters", "Command", "Properties", "Expressions"], {}, "must name at least one value to log"),
        (
            [1, "Parameters", "Command", "Properties", "Expressions"],
            {"x": 1},
            "Expressions.x: must be a non-empty JSON path string",
        ),
        ([1, "Parameters", "Command", "Properties"], ..., "Command.Properties: is required"),
    ],
)
def test_assert_and_control_problems(path: list[Any], value: Any, expected: str) -> None:
    problems = content_problems(doc_with(["Observations", 1, "Actions", *path], value))
    assert any(expected in p for p in problems), problems


def test_assert_operands() -> None:
    exists = {"Namespace": "$.A", "Operator": "Exists"}
    assert content_problems(doc_with(["Observations", 1, "Actions", 0, "Parameters"], exists)) == []
    number = {"Namespace": "$.A", "Operator": "NumberGreaterThan", "Operand": "4.5"}
    assert content_problems(doc_with(["Observations", 1, "Actions", 0, "Parameters"], number)) == []


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        ([0, "Parameters", "Actor"], "Robot", "Parameters.Actor: 'Robot' is not supported"),
        ([0, "Parameters", "ActionType"], "Assert", "Parameters.ActionType: must be SendInstruction"),
        ([0, "Parameters", "Instruction"], ..., "Parameters.Instruction: is required"),
        ([0, "Parameters", "Instruction", "Type"], "Email", "Instruction.Type: 'Email' is not supported"),
        ([0, "Parameters", "Instruction", "Properties"], {"LanguageCode": "en-US"}, "exactly one of Text and SSML"),
        ([0, "Parameters", "Instruction", "Properties"], {"Text": "a", "SSML": "b"}, "exactly one of Text and SSML"),
        (
            [1, "Parameters", "Instruction", "Properties", "Value"],
            "12a",
            'Value: must be DTMF digits (0-9, *, #), not "12a"',
        ),
        ([1, "Parameters", "Instruction", "Properties", "Value"], ..., "Properties.Value: is required"),
        ([1, "Parameters", "Instruction", "Properties"], ..., "Instruction.Properties: is required"),
        ([2, "Parameters", "Command"], ..., "Parameters.Command: is required"),
    ],
)
def test_send_instruction_problems(path: list[Any], value: Any, expected: str) -> None:
    problems = content_problems(doc_with(["Observations", 2, "Actions", *path], value))
    assert any(expected in p for p in problems), problems


def test_dtmf_keys_and_pauses_are_accepted() -> None:
    assert (
        content_problems(
            doc_with(["Observations", 2, "Actions", 1, "Parameters", "Instruction", "Properties", "Value"], "1,*#")
        )
        == []
    )


def test_a_test_needs_a_starting_observation() -> None:
    looped = doc_with(["Observations", 2, "Transitions"], {"NextObservations": ["start"]})
    assert content_problems(looped) == [
        "$.Observations: no starting observation: every observation is the target of a transition"
    ]


def test_problems_are_capped() -> None:
    many = {"Version": "2025-06-21", "Observations": [{"Identifier": f"o{i}"} for i in range(80)]}
    assert len(content_problems(json.dumps(many))) == 80
    assert len(publish_problems(json.dumps(many), VOICE, None)) == MAX_PROBLEMS


@pytest.mark.parametrize(
    ("entry_point", "expected"),
    [
        (None, None),
        (VOICE, None),
        ({"Type": "CHAT"}, None),
        ({}, "EntryPoint.Type is required when an EntryPoint is given"),
        (
            {"Type": "VOICE_CALL", "ChatEntryPointParameters": {}},
            "ChatEntryPointParameters cannot be given when EntryPoint.Type is VOICE_CALL",
        ),
        (
            {"Type": "CHAT", "VoiceCallEntryPointParameters": {}},
            "VoiceCallEntryPointParameters cannot be given when EntryPoint.Type is CHAT",
        ),
    ],
)
def test_entry_point_structure(entry_point: dict[str, Any] | None, expected: str | None) -> None:
    assert entry_point_error(entry_point) == expected


@pytest.mark.parametrize(
    ("entry_point", "initialization_data", "expected"),
    [
        (None, None, ["EntryPoint: is required to publish a test case"]),
        (
            {"Type": "CHAT", "ChatEntryPointParameters": {}},
            None,
            ["EntryPoint.ChatEntryPointParameters.FlowId: is required for a CHAT test"],
        ),
        (
            {"Type": "VOICE_CALL", "VoiceCallEntryPointParameters": {"DestinationPhoneNumber": "+15555550100"}},
            "{oops",
            [
                "InitializationData: is not valid JSON"
                " (Expecting property name enclosed in double quotes: line 1 column 2 (char 1))"
            ],
        ),
        (VOICE, "3", ["InitializationData: must be a JSON object, not a number"]),
    ],
)
def test_publish_problems_beyond_content(
    entry_point: dict[str, Any] | None, initialization_data: str | None, expected: list[str]
) -> None:
    assert publish_problems(json.dumps(DOC), entry_point, initialization_data) == expected
