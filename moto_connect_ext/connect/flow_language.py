"""The Amazon Connect Flow language: what a flow's (or a flow module's) content must be.

A flow is a JSON document (API Reference, "Amazon Connect Flow language"):

* ``Version``: "Currently the only supported version is 2019-10-30";
* ``StartAction``: "The value of this field must match the Identifier of an Action
  in the Actions list";
* ``Actions``: "A single Flow may have no more than 250 Actions defined"; each has
  the four fields "that must be defined" (API Reference, "Actions in the Amazon
  Connect Flow Language"): ``Identifier`` ("unique among all Actions within the
  same Flow", up to 50 characters, none of ``% : ( \\ / ) = $ , ; [ ] { }``, and
  not ``__proto__``, ``constructor``...), ``Type`` ("one of a list of allowable
  Types"), ``Parameters`` (an object) and ``Transitions`` (an object:
  ``NextAction``, ``Errors`` of ``{ErrorType, NextAction}``, ``Conditions`` of
  ``{NextAction, Condition: {Operator, Operands}}``, every ``NextAction`` the
  Identifier of an action of the flow);
* ``Metadata``: "An object that may be filled in with data as desired".

``ACTIONS`` is the reference's action catalog (contact actions, flow control
actions, interactions, participant actions), with the flow types each action's
"Restrictions" section allows where it names them, plus the action types the flow
designer writes that the reference has no page for.  Flow modules take the actions
of inbound flows, and ``EndFlowModuleExecution`` ("available only in flow
modules"), but not ``InvokeFlowModule`` ("Modules do not allow invoking another
module", Administrator Guide, "Flow modules for reusable functions").

Static references in an action's ``Parameters`` (an ID or an ARN; a value that
starts with ``$`` is a JSONPath, resolved when the flow runs) must name resources
that exist: queues (``QueueId``), prompts (``PromptId``), flows (``ContactFlowId``
and the flows of ``EventHooks``), flow modules (``FlowModuleId``), hours of
operation (``HoursOfOperationId``) and Lambda functions (``LambdaFunctionARN``).
Which resources exist is the caller's to say (``References``): this module is pure.

Every check returns the list of problems found (each a message of at most 256
characters, at most 50 of them, as the model's ``ProblemDetail`` list takes).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

#: "Currently the only supported version is 2019-10-30"
VERSION = "2019-10-30"
#: "A single Flow may have no more than 250 Actions defined"
MAX_ACTIONS = 250
#: "This Identifier can be up to 50 characters long"
MAX_IDENTIFIER = 50
#: "The following characters are not allowed in the Identifier field"
FORBIDDEN_CHARACTERS = frozenset("%:(\\/)=$,;[]{}")
#: "The following strings are not allowed in the Identifier field"
FORBIDDEN_IDENTIFIERS = frozenset(
    {
        "__proto__",
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "toString",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "valueOf",
    }
)
#: the Condition object's operators; each takes one operand (a test case's assertions take
#: the same ones, and Exists: testcase_content.ASSERT_OPERATORS)
OPERATORS = (
    "Equals",
    "TextStartsWith",
    "TextEndsWith",
    "TextContains",
    "NumberGreaterThan",
    "NumberGreaterOrEqualTo",
    "NumberLessThan",
    "NumberLessOrEqualTo",
)
#: the model's ``Problems`` list and ``ProblemMessageString``
MAX_PROBLEMS = 50
MAX_MESSAGE = 256

# -- flow types (ContactFlowType) --------------------------------------------------------
CONTACT_FLOW = "CONTACT_FLOW"
CUSTOMER_QUEUE = "CUSTOMER_QUEUE"
CUSTOMER_HOLD = "CUSTOMER_HOLD"
CUSTOMER_WHISPER = "CUSTOMER_WHISPER"
AGENT_HOLD = "AGENT_HOLD"
AGENT_WHISPER = "AGENT_WHISPER"
OUTBOUND_WHISPER = "OUTBOUND_WHISPER"
AGENT_TRANSFER = "AGENT_TRANSFER"
QUEUE_TRANSFER = "QUEUE_TRANSFER"
CAMPAIGN = "CAMPAIGN"
FLOW_TYPES = (
    CONTACT_FLOW,
    CUSTOMER_QUEUE,
    CUSTOMER_HOLD,
    CUSTOMER_WHISPER,
    AGENT_HOLD,
    AGENT_WHISPER,
    OUTBOUND_WHISPER,
    AGENT_TRANSFER,
    QUEUE_TRANSFER,
    CAMPAIGN,
)
WHISPER = frozenset({CUSTOMER_WHISPER, AGENT_WHISPER, OUTBOUND_WHISPER})
HOLD = frozenset({CUSTOMER_HOLD, AGENT_HOLD})
TRANSFER = frozenset({AGENT_TRANSFER, QUEUE_TRANSFER})
#: content checked as a flow module's, not a flow's
MODULE = "MODULE"

# -- the kinds of resource a flow names --------------------------------------------------
QUEUE = "queue"
PROMPT = "prompt"
FLOW = "contact-flow"
FLOW_MODULE = "flow-module"
HOURS = "hours-of-operation"
LAMBDA = "lambda"
#: parameter name -> the kind of resource its static value names (wherever it appears)
REFERENCE_PARAMETERS = {
    "QueueId": QUEUE,
    "PromptId": PROMPT,
    "ContactFlowId": FLOW,
    "FlowModuleId": FLOW_MODULE,
    "HoursOfOperationId": HOURS,
    "LambdaFunctionARN": LAMBDA,
}
NOUNS = {
    QUEUE: "queue",
    PROMPT: "prompt",
    FLOW: "flow",
    FLOW_MODULE: "flow module",
    HOURS: "hours of operation",
    LAMBDA: "Lambda function",
}
_LAMBDA_ARN = re.compile(r"^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+(:[a-zA-Z0-9_$-]+)?$")


@dataclass(frozen=True)
class Action:
    """One action type: its category in the reference, and where it may be used."""

    category: str
    #: the flow types its Restrictions allow (None: every type)
    flows: frozenset[str] | None = None
    #: usable in a flow module (default: wherever it is usable in an inbound flow)
    in_modules: bool | None = None

    def allowed_in(self, flow_type: str) -> bool:
        if flow_type == MODULE:
            if self.in_modules is not None:
                return self.in_modules
            return self.flows is None or CONTACT_FLOW in self.flows
        if self.flows is None or flow_type in self.flows:
            return True
        # the reference's restrictions predate the CAMPAIGN type: only module-only actions are refused there
        return flow_type == CAMPAIGN and bool(self.flows)


def _actions(category: str, *names: str) -> dict[str, Action]:
    return {name: Action(category) for name in names}


#: every action type of the Flow language: the reference's catalog, restricted as its pages say
ACTIONS: dict[str, Action] = {
    **_actions(
        "Contact",
        "CompleteOutboundCall",
        "CreateCase",
        "CreateTask",
        "CreateWisdomSession",
        "GetCase",
        "ResumeContact",
        "StartOutboundChatContact",
        "TagContact",
        "UnTagContact",
        "UpdateCase",
        "UpdateContactAttributes",
        "UpdateContactCallbackNumber",
        "UpdateContactData",
        "UpdateContactEventHooks",
        "UpdateContactMediaProcessing",
        "UpdateContactMediaStreamingBehavior",
        "UpdateContactRecordingAndAnalyticsBehavior",
        "UpdateContactRecordingBehavior",
        "UpdateContactTargetQueue",
        "UpdateContactTextToSpeechVoice",
        "UpdatePreviousContactParticipantState",
    ),
    # "This action is only supported in the customer queue flow."
    "DequeueContactAndTransferToQueue": Action("Contact", frozenset({CUSTOMER_QUEUE})),
    # "This action is available only in flow modules."
    "EndFlowModuleExecution": Action("Contact", frozenset(), in_modules=True),
    # "only supports Inbound flow types"; "Modules do not allow invoking another module"
    "InvokeFlowModule": Action("Contact", frozenset({CONTACT_FLOW}), in_modules=False),
    # "supported in only transfer to agent and transfer to queue flows"
    "TransferContactToAgent": Action("Contact", TRANSFER),
    # "supported in inbound contact flows and transfer flows. It is not supported in whisper
    # flows, customer queue flows, or hold flows."
    "TransferContactToQueue": Action("Contact", frozenset({CONTACT_FLOW}) | TRANSFER),
    # "This is supported only in inbound contact flows."
    "UpdateContactRoutingBehavior": Action("Contact", frozenset({CONTACT_FLOW})),
    **_actions(
        "Flow control",
        "CheckHoursOfOperation",
        "CheckMetricData",
        "CheckOutboundCallStatus",
        "CheckVoiceId",
        "Compare",
        "DistributeByPercentage",
        "GetMetricData",
        "Loop",
        "StartVoiceIdStream",
        "UpdateFlowAttributes",
        "UpdateFlowLoggingBehavior",
        "UpdateRoutingCriteria",
        "Wait",
    ),
    # "available only in whisper flows and customer queue flows"
    "EndFlowExecution": Action("Flow control", WHISPER | {CUSTOMER_QUEUE}),
    # "available in inbound flows and transfer flows"
    "TransferToFlow": Action("Flow control", frozenset({CONTACT_FLOW}) | TRANSFER),
    **_actions(
        "Interactions",
        "AssociateContactToCustomerProfile",
        "CreateCallbackContact",
        "CreateCustomerProfile",
        "GetCalculatedAttributesForCustomerProfile",
        "GetCustomerProfile",
        "GetCustomerProfileObject",
        "InvokeLambdaFunction",
        "UpdateCustomerProfile",
    ),
    **_actions("Participant", "ConnectParticipantWithLexBot", "GetParticipantInput", "MessageParticipant", "ShowView"),
    # "supported for all channels and in contact flows, transfer flows, and customer queue flows"
    "DisconnectParticipant": Action("Participant", frozenset({CONTACT_FLOW, CUSTOMER_QUEUE}) | TRANSFER),
    # "supported in Customer Queue, Customer Hold, and Agent Hold flows"
    "MessageParticipantIteratively": Action("Participant", HOLD | {CUSTOMER_QUEUE}),
    # written by the flow designer's blocks; the reference has no page of their own
    **_actions(
        "Flow designer",
        "AuthenticateParticipant",
        "CreatePersistentContactAssociation",
        "EvaluateDataTableValues",
        "ListDataTableValues",
        "LoadContactContent",
        "TransferParticipantToThirdParty",
        "UpsertDataTableValues",
    ),
}


class References(Protocol):
    """What the content's static references are checked against: the flow's instance."""

    def exists(self, kind: str, ident: str) -> bool:
        """Does a resource of this kind (``QUEUE``, ``PROMPT``...) with this ID or ARN exist?"""

    def lambda_exists(self, arn: str) -> bool:
        """Does the Lambda function this ARN names exist?"""


def content_sha256(content: str | None) -> str | None:
    """``FlowContentSha256``: the SHA-256 of the content, in hex (64 characters)."""
    return None if content is None else hashlib.sha256(content.encode("utf-8")).hexdigest()


def check_flow(content: str, flow_type: str, references: References | None = None) -> list[str]:
    """The problems of a flow's content (none: it may be published)."""
    return _Checker(flow_type, references).run(content)


def check_module(content: str, references: References | None = None) -> list[str]:
    """The problems of a flow module's content."""
    return _Checker(MODULE, references).run(content)


def check_settings(settings: str) -> list[str]:
    """The problems of a flow module's ``Settings``: a serialized JSON object."""
    parsed = _json_object(settings, "Settings", "a JSON object")
    return [parsed] if isinstance(parsed, str) else []


def is_dynamic(value: str) -> bool:
    """A JSONPath (``$.Attributes.queue``), resolved when the flow runs, not a static reference."""
    return value.startswith("$")


def _clip(message: str) -> str:
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 3] + "..."


def _json_object(text: str, member: str, expected: str) -> dict[str, Any] | str:
    """The JSON object a member serializes, or the problem with it (not JSON, not ``expected``)."""
    try:
        parsed = json.loads(text)
    except ValueError as error:
        return _clip(f"{member} is not valid JSON: {error}")
    if not isinstance(parsed, dict):
        return f"{member} must be {expected}"
    return parsed


class _Checker:
    def __init__(self, flow_type: str, references: References | None) -> None:
        self.flow_type = flow_type
        self.references = references
        self.problems: list[str] = []

    def add(self, message: str) -> None:
        message = _clip(message)
        if message not in self.problems:
            self.problems.append(message)

    def run(self, content: str) -> list[str]:
        flow = _json_object(content, "Content", "a JSON object with Version, StartAction and Actions")
        if isinstance(flow, str):
            return [flow]
        version = flow.get("Version")
        if version != VERSION:
            self.add(f"Version must be {VERSION}, not {json.dumps(version)}")
        actions = flow.get("Actions")
        if not isinstance(actions, list):
            self.add("Actions must be a list of actions")
            actions = []
        elif len(actions) > MAX_ACTIONS:
            self.add(f"A flow has at most {MAX_ACTIONS} actions; this one has {len(actions)}")
        metadata = flow.get("Metadata")
        if metadata is not None and not isinstance(metadata, dict):
            self.add("Metadata must be an object")
        identifiers = self._identifiers(actions)
        start = flow.get("StartAction")
        if not isinstance(start, str) or not start:
            self.add("StartAction is required: the Identifier of the first action")
        elif start not in identifiers:
            self.add(f"StartAction {start} does not match the Identifier of an action")
        for index, action in enumerate(actions):
            if isinstance(action, dict):
                self._action(f"Actions[{index}]", action, identifiers)
        return self.problems[:MAX_PROBLEMS]

    def _identifiers(self, actions: list[Any]) -> set[str]:
        found: set[str] = set()
        for index, action in enumerate(actions):
            path = f"Actions[{index}]"
            if not isinstance(action, dict):
                self.add(f"{path}: an action must be an object with Identifier, Type, Parameters and Transitions")
                continue
            ident = action.get("Identifier")
            if not isinstance(ident, str) or not ident:
                self.add(f"{path}.Identifier is required")
                continue
            if len(ident) > MAX_IDENTIFIER:
                self.add(f"{path}.Identifier {ident[:60]} is longer than {MAX_IDENTIFIER} characters")
            bad = sorted(set(ident) & FORBIDDEN_CHARACTERS)
            if bad:
                self.add(f"{path}.Identifier {ident} has characters an Identifier cannot have: {' '.join(bad)}")
            if ident in FORBIDDEN_IDENTIFIERS:
                self.add(f"{path}.Identifier {ident} is a reserved string")
            if ident in found:
                self.add(f"{path}.Identifier {ident} is the Identifier of another action too")
            found.add(ident)
        return found

    def _action(self, path: str, action: dict[str, Any], identifiers: set[str]) -> None:
        kind = action.get("Type")
        if not isinstance(kind, str) or not kind:
            self.add(f"{path}.Type is required")
        elif kind not in ACTIONS:
            self.add(f"{path}.Type {kind} is not an action type of the Flow language")
        elif not ACTIONS[kind].allowed_in(self.flow_type):
            where = "flow modules" if self.flow_type == MODULE else f"flows of type {self.flow_type}"
            self.add(f"{path}.Type {kind} is not supported in {where}")
        parameters = action.get("Parameters")
        if not isinstance(parameters, dict):
            self.add(f"{path}.Parameters is required: an object (empty when the action takes none)")
        elif self.references is not None:
            self._references(f"{path}.Parameters", parameters)
        transitions = action.get("Transitions")
        if not isinstance(transitions, dict):
            self.add(f"{path}.Transitions is required: an object (empty for a terminal action)")
        else:
            self._transitions(f"{path}.Transitions", transitions, identifiers)

    def _transitions(self, path: str, transitions: dict[str, Any], identifiers: set[str]) -> None:
        self._next(f"{path}.NextAction", transitions.get("NextAction"), identifiers)
        for where, error in self._objects(transitions, path, "Errors", "ErrorType and NextAction"):
            if not isinstance(error.get("ErrorType"), str) or not error["ErrorType"]:
                self.add(f"{where}.ErrorType is required")
            self._next(f"{where}.NextAction", error.get("NextAction"), identifiers, required=True)
        for where, condition in self._objects(transitions, path, "Conditions", "NextAction and Condition"):
            self._next(f"{where}.NextAction", condition.get("NextAction"), identifiers, required=True)
            self._condition(f"{where}.Condition", condition.get("Condition"))

    def _objects(
        self, parent: dict[str, Any], path: str, member: str, holds: str
    ) -> Iterator[tuple[str, dict[str, Any]]]:
        """The objects of an optional list member with their paths; a problem for each that is not one."""
        items = parent.get(member)
        if items is None:
            return
        if not isinstance(items, list):
            self.add(f"{path}.{member} must be a list")
            return
        for index, item in enumerate(items):
            where = f"{path}.{member}[{index}]"
            if isinstance(item, dict):
                yield where, item
            else:
                self.add(f"{where} must be an object with {holds}")

    def _next(self, path: str, target: Any, identifiers: set[str], required: bool = False) -> None:
        if target is None:
            if required:
                self.add(f"{path} is required")
        elif not isinstance(target, str) or target not in identifiers:
            self.add(f"{path} {target} does not match the Identifier of an action")

    def _condition(self, path: str, condition: Any) -> None:
        if not isinstance(condition, dict):
            self.add(f"{path} is required: an object with Operator and Operands")
            return
        operator = condition.get("Operator")
        if operator not in OPERATORS:
            self.add(f"{path}.Operator {operator} is not one of {', '.join(sorted(OPERATORS))}")
        operands = condition.get("Operands")
        if not isinstance(operands, list) or len(operands) != 1 or not isinstance(operands[0], str):
            self.add(f"{path}.Operands must be a list of one string")

    # -- references --------------------------------------------------------------------
    def _references(self, path: str, parameters: dict[str, Any]) -> None:
        assert self.references is not None
        for where, kind, value in _static_references(path, parameters):
            if kind == LAMBDA:
                if not _LAMBDA_ARN.match(value):
                    self.add(f"{where} {value} is not the ARN of a Lambda function")
                elif not self.references.lambda_exists(value):
                    self.add(f"{where}: the Lambda function {value} does not exist")
            elif not self.references.exists(kind, value):
                self.add(f"{where}: the {NOUNS[kind]} {value} does not exist in the instance")


def _static_references(path: str, value: Any) -> Iterator[tuple[str, str, str]]:
    """(path, kind, ID or ARN) of every static reference under a Parameters object."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}"
            kind = REFERENCE_PARAMETERS.get(key)
            if kind is not None and isinstance(item, str):
                if item and not is_dynamic(item):
                    yield where, kind, item
            elif key == "EventHooks" and isinstance(item, dict):
                # event hook name -> the flow run on that event
                for hook, flow in item.items():
                    if isinstance(flow, str) and flow and not is_dynamic(flow):
                        yield f"{where}.{hook}", FLOW, flow
            else:
                yield from _static_references(where, item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _static_references(f"{path}[{index}]", item)
