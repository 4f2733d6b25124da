"""The test-case content format (the Connect Testing language) and its checks.

A test case's ``Content`` is a JSON document of *observations*: each waits for one
event from the system (``Event``) and then runs *actions* (send DTMF or an
utterance, assert an attribute, override a flow action, end the test)::

    {
      "Version": "2025-06-21",
      "Metadata": {},
      "Observations": [
        {
          "Identifier": "greeting",
          "Event": {"Identifier": "e1", "Type": "MessageReceived", "Actor": "System",
                    "Properties": {"Text": "Welcome", "MatchingCriteria": "Inclusion"}},
          "Actions": [
            {"Identifier": "press-1", "Type": "SendInstruction",
             "Parameters": {"ActionType": "SendInstruction", "Actor": "Customer",
                            "Instruction": {"Type": "DtmfInput", "Properties": {"Value": "1"}}}}
          ],
          "Usage": {"Type": "ANY"},
          "Transitions": {"NextObservations": ["queued"]}
        }
      ]
    }

Saving a test case (``Status`` SAVED) stores the content as is; publishing it
(``PUBLISHED``) runs :func:`publish_problems`, and any problem found refuses the
request with ``InvalidTestCaseException`` listing them.  Everything here is pure:
strings and dicts in, a list of problem messages out.  Each message starts with
the JSON path of the offending value (``$.Observations[0].Event.Type: ...``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from .flow_language import OPERATORS as CONDITION_OPERATORS

#: versions of the Testing language that AWS documents
VERSIONS = ("2019-10-30", "2025-06-21")
#: the Problems list of InvalidTestCaseException holds at most this many entries
MAX_PROBLEMS = 50
#: observation and action identifiers travel in ExecutionRecord.ObservationId (max 256)
MAX_IDENTIFIER = 256

TOP_KEYS = frozenset({"Version", "Metadata", "Observations"})
OBSERVATION_KEYS = frozenset({"Identifier", "Event", "Actions", "Usage", "Transitions"})
EVENT_KEYS = frozenset({"Identifier", "Type", "Actor", "Properties"})
ACTION_KEYS = frozenset({"Identifier", "Id", "Type", "Parameters", "Transitions"})

USAGE_TYPES = ("ANY", "EXACTLY")
MESSAGE_SOURCES = ("PromptId", "Text", "SSML", "Media")
MATCHING_CRITERIA = ("Similarity", "Inclusion")
INSTRUCTION_ACTORS = ("Customer", "Agent", "System")
INSTRUCTION_TYPES = ("DtmfInput", "TextUtterance")
#: an assertion compares as a flow's Condition does, or asks whether the value exists
ASSERT_OPERATORS = (*CONDITION_OPERATORS, "Exists")
OVERRIDE_STRATEGIES = ("SubstituteResource", "MockResponse")
CONTROL_COMMANDS = ("EndTest", "LogData")
_DTMF = re.compile(r"^[0-9*#,]+$")


class _Checker:
    """Collects problems; small typed readers for JSON members."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def member(self, parent: dict[str, Any], key: str, path: str, required: bool) -> tuple[Any, str]:
        """A member's value (None when absent, a problem when it is required) and its path."""
        where = f"{path}.{key}"
        value = parent.get(key)
        if value is None and required:
            self.add(where, "is required")
        return value, where

    def object(self, parent: dict[str, Any], key: str, path: str, required: bool = True) -> dict[str, Any] | None:
        value, where = self.member(parent, key, path, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.add(where, f"must be an object, not {_kind(value)}")
            return None
        return value

    def string(
        self,
        parent: dict[str, Any],
        key: str,
        path: str,
        required: bool = True,
        choices: tuple[str, ...] | None = None,
    ) -> str | None:
        value, where = self.member(parent, key, path, required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.add(where, f"must be a non-empty string, not {_kind(value)}")
            return None
        if choices is not None and value not in choices:
            self.add(where, f"{value!r} is not supported; expected one of {', '.join(choices)}")
            return None
        return value

    def typed(
        self, parent: dict[str, Any], key: str, path: str, choices: tuple[str, ...] | None = None
    ) -> tuple[dict[str, Any], str, str | None] | None:
        """An object member that has a ``Type``: the object, its path and its type (None when the
        type is missing or not one of ``choices``); None when there is no such object."""
        value = self.object(parent, key, path)
        if value is None:
            return None
        where = f"{path}.{key}"
        return value, where, self.string(value, "Type", where, choices=choices)

    def known_keys(self, value: dict[str, Any], allowed: frozenset[str], path: str) -> None:
        for key in value:
            if key not in allowed:
                self.add(f"{path}.{key}", f"is not a member of this object (expected {', '.join(sorted(allowed))})")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return True
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return False
        return True
    return False


# -- events --------------------------------------------------------------------
def _event_test_initiated(c: _Checker, props: dict[str, Any], path: str) -> None:
    if props:
        c.add(path, "must be an empty object for a TestInitiated event")


def _event_test_completed(c: _Checker, props: dict[str, Any], path: str) -> None:
    if props:
        c.add(path, "must be an empty object for a TestCompleted event")


def _event_message_received(c: _Checker, props: dict[str, Any], path: str) -> None:
    given = [k for k in MESSAGE_SOURCES if props.get(k) is not None]
    if len(given) > 1:
        c.add(path, f"only one of {', '.join(MESSAGE_SOURCES)} may be given, not {' and '.join(given)}")
    for key in ("PromptId", "Text", "SSML"):
        c.string(props, key, path, required=False)
    media = c.object(props, "Media", path, required=False)
    if media is not None:
        c.string(media, "Uri", f"{path}.Media")
        c.string(media, "SourceType", f"{path}.Media", required=False)
        c.string(media, "MediaType", f"{path}.Media", required=False)
    c.string(props, "MatchingCriteria", path, required=False, choices=MATCHING_CRITERIA)


def _event_flow_action_started(c: _Checker, props: dict[str, Any], path: str) -> None:
    c.string(props, "ActionType", path)
    c.object(props, "ActionParameters", path, required=False)


EVENT_TYPES: dict[str, Callable[[_Checker, dict[str, Any], str], None]] = {
    "TestInitiated": _event_test_initiated,
    "TestCompleted": _event_test_completed,
    "MessageReceived": _event_message_received,
    "FlowActionStarted": _event_flow_action_started,
}


def _check_event(c: _Checker, event: dict[str, Any], path: str) -> None:
    c.known_keys(event, EVENT_KEYS, path)
    c.string(event, "Identifier", path, required=False)
    kind = c.string(event, "Type", path, choices=tuple(EVENT_TYPES))
    actor = c.string(event, "Actor", path)
    if actor is not None and actor != "System":
        c.add(f"{path}.Actor", f"must be System for a {kind or 'system'} event, not {actor!r}")
    props = c.object(event, "Properties", path, required=kind == "FlowActionStarted")
    if kind is not None:
        EVENT_TYPES[kind](c, props or {}, f"{path}.Properties")


# -- actions -------------------------------------------------------------------
def _action_type_member(c: _Checker, params: dict[str, Any], path: str, expected: str) -> None:
    value = params.get("ActionType")
    if value is not None and value != expected:
        c.add(f"{path}.ActionType", f"must be {expected}, not {value!r}")


def _action_send_instruction(c: _Checker, params: dict[str, Any], path: str) -> None:
    _action_type_member(c, params, path, "SendInstruction")
    c.string(params, "Actor", path, choices=INSTRUCTION_ACTORS)
    typed = c.typed(params, "Instruction", path, INSTRUCTION_TYPES)
    if typed is None:
        return
    instruction, where, kind = typed
    props = c.object(instruction, "Properties", where)
    if kind is None or props is None:
        return
    where = f"{where}.Properties"
    if kind == "DtmfInput":
        value = props.get("Value")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            value = str(value)
        if value is None:
            c.add(f"{where}.Value", "is required")
        elif not isinstance(value, str) or not _DTMF.match(value):
            c.add(f"{where}.Value", f"must be DTMF digits (0-9, *, #), not {json.dumps(value)}")
        return
    given = [k for k in ("Text", "SSML") if props.get(k) is not None]
    if len(given) != 1:
        c.add(where, "exactly one of Text and SSML is required for a TextUtterance")
    for key in ("Text", "SSML", "LanguageCode"):
        c.string(props, key, where, required=False)


def _action_assert(c: _Checker, params: dict[str, Any], path: str) -> None:
    c.string(params, "Namespace", path)
    operator = c.string(params, "Operator", path, choices=ASSERT_OPERATORS)
    operand = params.get("Operand")
    if operator is None or operator == "Exists":
        return
    if operand is None:
        c.add(f"{path}.Operand", f"is required for operator {operator}")
    elif operator.startswith("Number") and not _is_number(operand):
        c.add(f"{path}.Operand", f"must be a number for operator {operator}, not {json.dumps(operand)}")
    elif not operator.startswith("Number") and not isinstance(operand, (str, int, float, bool)):
        c.add(f"{path}.Operand", f"must be a string or a number, not {_kind(operand)}")


def _action_override(c: _Checker, params: dict[str, Any], path: str) -> None:
    _action_type_member(c, params, path, "OverrideSystemBehavior")
    typed = c.typed(params, "Behavior", path)
    if typed is None:
        return
    behavior, where, _ = typed  # any Type is taken
    props = c.object(behavior, "Properties", where)
    if props is None:
        return
    where = f"{where}.Properties"
    c.string(props, "ActionType", where)
    c.object(props, "ActionParameters", where, required=False)
    typed = c.typed(props, "Strategy", where, OVERRIDE_STRATEGIES)
    if typed is None:
        return
    strategy, where, kind = typed
    if kind == "SubstituteResource":
        c.string(strategy, "SubstituteArn", where)
    elif kind == "MockResponse":
        c.object(strategy, "Response", where)


def _action_test_control(c: _Checker, params: dict[str, Any], path: str) -> None:
    _action_type_member(c, params, path, "TestControl")
    typed = c.typed(params, "Command", path, CONTROL_COMMANDS)
    if typed is None:
        return
    command, where, kind = typed
    if kind != "LogData":
        return
    props = c.object(command, "Properties", where)
    if props is None:
        return
    expressions = c.object(props, "Expressions", f"{where}.Properties")
    if expressions is None:
        return
    if not expressions:
        c.add(f"{where}.Properties.Expressions", "must name at least one value to log")
    for label, expression in expressions.items():
        if not isinstance(expression, str) or not expression.strip():
            c.add(f"{where}.Properties.Expressions.{label}", "must be a non-empty JSON path string")


ACTION_TYPES: dict[str, Callable[[_Checker, dict[str, Any], str], None]] = {
    "SendInstruction": _action_send_instruction,
    "Assert": _action_assert,
    "OverrideSystemBehavior": _action_override,
    "TestControl": _action_test_control,
}


def _identifier(c: _Checker, value: dict[str, Any], path: str, *keys: str) -> str | None:
    key = next((k for k in keys if k in value), keys[0])
    found = c.string(value, key, path)
    if found is not None and len(found) > MAX_IDENTIFIER:
        c.add(f"{path}.{key}", f"must be at most {MAX_IDENTIFIER} characters long")
        return None
    return found


def _objects(c: _Checker, items: list[Any], path: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(index, path, item) of each item of a list that is an object; any other item is a problem."""
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        if not isinstance(item, dict):
            c.add(where, f"must be an object, not {_kind(item)}")
            continue
        yield index, where, item


def _claim(c: _Checker, ids: dict[str, int], ident: str | None, index: int, at: str, noun: str, path: str) -> None:
    """Note the index of the item of list ``path`` that first uses an identifier; a second use
    is a problem, reported at ``at``."""
    if ident is None:
        return
    if ident in ids:
        c.add(at, f"duplicate {noun} identifier {ident!r} (also used by {path}[{ids[ident]}])")
    ids.setdefault(ident, index)


def _check_actions(c: _Checker, actions: list[Any], path: str) -> None:
    ids: dict[str, int] = {}
    nexts: list[tuple[str, str, str | None]] = []
    for index, where, action in _objects(c, actions, path):
        c.known_keys(action, ACTION_KEYS, where)
        ident = _identifier(c, action, where, "Identifier", "Id")
        _claim(c, ids, ident, index, where, "action", path)
        kind = c.string(action, "Type", where, choices=tuple(ACTION_TYPES))
        params = c.object(action, "Parameters", where)
        if kind is not None and params is not None:
            ACTION_TYPES[kind](c, params, f"{where}.Parameters")
        transitions = c.object(action, "Transitions", where, required=False)
        if transitions is not None:
            target = c.string(transitions, "NextAction", f"{where}.Transitions", required=False)
            if target is not None:
                nexts.append((f"{where}.Transitions.NextAction", target, ident))
    _check_transitions(c, ids, nexts, "action", "this observation")


def _check_transitions(
    c: _Checker, ids: dict[str, int], edges: list[tuple[str, str, str | None]], noun: str, scope: str
) -> set[str]:
    """Each transition (where, target, source) must name another item of the same list; the targets."""
    targeted: set[str] = set()
    for where, target, source in edges:
        if target not in ids:
            c.add(where, f"names no {noun} of {scope}: {target!r}")
        elif target == source:
            c.add(where, f"an {noun} cannot transition to itself")
        else:
            targeted.add(target)
    return targeted


# -- observations --------------------------------------------------------------
def _check_usage(c: _Checker, usage: dict[str, Any], path: str) -> None:
    kind = c.string(usage, "Type", path, choices=USAGE_TYPES)
    times = usage.get("Times")
    if times is None:
        if kind == "EXACTLY":
            c.add(f"{path}.Times", "is required when Usage.Type is EXACTLY")
        return
    if isinstance(times, bool) or not isinstance(times, int) or times < 1:
        c.add(f"{path}.Times", f"must be a positive integer, not {json.dumps(times)}")


def _check_observation(c: _Checker, obs: dict[str, Any], path: str) -> tuple[str | None, list[tuple[str, str]]]:
    c.known_keys(obs, OBSERVATION_KEYS, path)
    ident = _identifier(c, obs, path, "Identifier")
    event = c.object(obs, "Event", path)
    if event is not None:
        _check_event(c, event, f"{path}.Event")
    actions = obs.get("Actions")
    if actions is not None:
        if isinstance(actions, list):
            _check_actions(c, actions, f"{path}.Actions")
        else:
            c.add(f"{path}.Actions", f"must be an array, not {_kind(actions)}")
    usage = c.object(obs, "Usage", path, required=False)
    if usage is not None:
        _check_usage(c, usage, f"{path}.Usage")
    targets: list[tuple[str, str]] = []
    transitions = c.object(obs, "Transitions", path, required=False)
    if transitions is not None:
        nexts = transitions.get("NextObservations")
        where = f"{path}.Transitions.NextObservations"
        if nexts is None:
            pass
        elif not isinstance(nexts, list):
            c.add(where, f"must be an array of observation identifiers, not {_kind(nexts)}")
        else:
            for index, target in enumerate(nexts):
                if not isinstance(target, str) or not target:
                    c.add(f"{where}[{index}]", f"must be an observation identifier, not {json.dumps(target)}")
                else:
                    targets.append((f"{where}[{index}]", target))
    return ident, targets


def content_problems(content: str) -> list[str]:
    """Problems of a test case's content; an empty list when it is valid."""
    c = _Checker()
    try:
        doc = json.loads(content)
    except ValueError as exc:
        return [f"$: Content is not valid JSON ({exc})"]
    if not isinstance(doc, dict):
        return [f"$: Content must be a JSON object, not {_kind(doc)}"]
    c.known_keys(doc, TOP_KEYS, "$")
    c.string(doc, "Version", "$", choices=VERSIONS)
    c.object(doc, "Metadata", "$", required=False)
    observations = doc.get("Observations")
    if observations is None:
        c.add("$.Observations", "is required")
    elif not isinstance(observations, list):
        c.add("$.Observations", f"must be an array, not {_kind(observations)}")
    elif not observations:
        c.add("$.Observations", "must hold at least one observation")
    else:
        ids: dict[str, int] = {}
        edges: list[tuple[str, str, str | None]] = []
        for index, where, obs in _objects(c, observations, "$.Observations"):
            ident, targets = _check_observation(c, obs, where)
            _claim(c, ids, ident, index, f"{where}.Identifier", "observation", "$.Observations")
            edges.extend((w, t, ident) for w, t in targets)
        targeted = _check_transitions(c, ids, edges, "observation", "this test case")
        if ids and not set(ids) - targeted:
            c.add("$.Observations", "no starting observation: every observation is the target of a transition")
    return c.problems


def entry_point_error(entry_point: dict[str, Any] | None) -> str | None:
    """A structural error of an EntryPoint (refused whatever the status), or None."""
    if entry_point is None:
        return None
    kind = entry_point.get("Type")
    voice = entry_point.get("VoiceCallEntryPointParameters")
    chat = entry_point.get("ChatEntryPointParameters")
    if kind is None:
        return "EntryPoint.Type is required when an EntryPoint is given"
    if kind == "VOICE_CALL" and chat is not None:
        return "ChatEntryPointParameters cannot be given when EntryPoint.Type is VOICE_CALL"
    if kind == "CHAT" and voice is not None:
        return "VoiceCallEntryPointParameters cannot be given when EntryPoint.Type is CHAT"
    return None


def publish_problems(content: str, entry_point: dict[str, Any] | None, initialization_data: str | None) -> list[str]:
    """Everything that keeps a test case from being published."""
    problems = content_problems(content)
    if entry_point is None:
        problems.append("EntryPoint: is required to publish a test case")
    elif entry_point.get("Type") == "VOICE_CALL":
        voice = entry_point.get("VoiceCallEntryPointParameters") or {}
        if not voice.get("FlowId") and not voice.get("DestinationPhoneNumber"):
            problems.append(
                "EntryPoint.VoiceCallEntryPointParameters: a FlowId or a DestinationPhoneNumber"
                " is required for a VOICE_CALL test"
            )
    elif entry_point.get("Type") == "CHAT":
        chat = entry_point.get("ChatEntryPointParameters") or {}
        if not chat.get("FlowId"):
            problems.append("EntryPoint.ChatEntryPointParameters.FlowId: is required for a CHAT test")
    if initialization_data is not None:
        try:
            data = json.loads(initialization_data)
        except ValueError as exc:
            problems.append(f"InitializationData: is not valid JSON ({exc})")
        else:
            if not isinstance(data, dict):
                problems.append(f"InitializationData: must be a JSON object, not {_kind(data)}")
    return problems[:MAX_PROBLEMS]


def observations(content: str) -> list[dict[str, Any]]:
    """The observations of valid (published) content, for executions to report on."""
    doc = json.loads(content)
    out = []
    for obs in doc["Observations"]:
        actions = obs.get("Actions") or []
        out.append(
            {
                "Identifier": obs["Identifier"],
                "EventType": obs["Event"]["Type"],
                "Actions": [{"Identifier": a.get("Identifier", a.get("Id")), "Type": a["Type"]} for a in actions],
            }
        )
    return out
