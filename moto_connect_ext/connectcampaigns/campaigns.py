"""Campaigns: one store for v1 and v2, one state machine, a view per API version.

A campaign is kept in v2's terms (a superset of v1's): v1's ``dialerConfig`` and
``outboundCallConfig`` are the ``telephony`` channel subtype config (progressive,
predictive or agentless dialer; ``dialingCapacity`` is the channel's
``capacity``).  v1 sees the campaigns it can express: those with a telephony
channel in one of v1's dialer modes and a bandwidth allocation of at most 1.

The state moves by API calls (start, pause, resume, stop).  A running campaign
completes through moto's state manager (model ``connectcampaigns::campaign``):
by default never, so tests can hold it running or make it complete after a
number of state reads (``manual``), after some seconds (``time``) or at once
(``immediate``).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

from ..core.arns import make_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, register_transition
from .exceptions import InvalidCampaignStateException
from .rules import ARN_KINDS, CHANNELS, is_e164, names_a

V1 = "v1"
V2 = "v2"

CAMPAIGN_MODEL = "connectcampaigns::campaign"
#: a running campaign completes only when a test says so through the state manager
register_transition(CAMPAIGN_MODEL, "manual", times=2**31 - 1)

INITIALIZED = "Initialized"
RUNNING = "Running"
PAUSED = "Paused"
STOPPED = "Stopped"
FAILED = "Failed"
COMPLETED = "Completed"

#: action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "start": (frozenset({INITIALIZED}), RUNNING),
    "pause": (frozenset({RUNNING}), PAUSED),
    "resume": (frozenset({PAUSED}), RUNNING),
    "stop": (frozenset({RUNNING, PAUSED}), STOPPED),
}
#: states in which a campaign's settings may still change (the others are final)
CONFIGURABLE = frozenset({INITIALIZED, RUNNING, PAUSED})
#: the settings only an Initialized campaign may change (the API Reference of UpdateCampaignSchedule,
#: UpdateCampaignSource, Update/DeleteCampaignCommunicationLimits and Update/DeleteCampaignCommunicationTime:
#: "Only campaigns in the Initialized state are valid for this operation")
INITIALIZED_ONLY = frozenset({"schedule", "source", "communication_limits", "communication_time"})

MANAGED = "MANAGED"

#: v1 dialer config member <-> v2 telephony outbound mode
V1_DIALERS = {
    "progressiveDialerConfig": "progressive",
    "predictiveDialerConfig": "predictive",
    "agentlessDialerConfig": "agentless",
}
V1_MODES = {mode: dialer for dialer, mode in V1_DIALERS.items()}
V1_CALL_DEFAULTS = ("connectContactFlowId", "connectSourcePhoneNumber", "answerMachineDetectionConfig")

#: the settings v2 changes one at a time: Campaign attribute -> member (CreateCampaign, UpdateCampaign*)
SETTINGS = {
    "source": "source",
    "flow_arn": "connectCampaignFlowArn",
    "schedule": "schedule",
    "entry_limits": "entryLimitsConfig",
    "communication_time": "communicationTimeConfig",
    "communication_limits": "communicationLimitsOverride",
}

INVALID_INPUT = "InvalidInput"
PROFILE_CONFLICT = "Conflict"
#: a profile outbound request naming a profile its domain does not have
PROFILE_NOT_FOUND = "ResourceNotFound"


def shown_state(state: str, version: str) -> str:
    """v1 has no ``Completed``: a completed campaign reads as ``Stopped`` there."""
    return STOPPED if version == V1 and state == COMPLETED else state


def telephony_from_v1(dialer_config: dict[str, Any], outbound_call_config: dict[str, Any]) -> dict[str, Any]:
    """v1's dialer and outbound call config as a v2 telephony channel subtype config."""
    telephony: dict[str, Any] = {}
    apply_v1_dialer(telephony, dialer_config)
    defaults = {k: copy.deepcopy(outbound_call_config[k]) for k in V1_CALL_DEFAULTS if k in outbound_call_config}
    telephony["defaultOutboundConfig"] = defaults
    if outbound_call_config.get("connectQueueId"):
        telephony["connectQueueId"] = outbound_call_config["connectQueueId"]
    return telephony


def apply_v1_dialer(telephony: dict[str, Any], dialer_config: dict[str, Any]) -> None:
    ((dialer, settings),) = dialer_config.items()
    mode = V1_DIALERS[dialer]
    telephony["outboundMode"] = {
        mode: {} if mode == "agentless" else {"bandwidthAllocation": settings["bandwidthAllocation"]}
    }
    telephony.pop("capacity", None)
    if settings.get("dialingCapacity") is not None:
        telephony["capacity"] = settings["dialingCapacity"]


class Campaign(StatefulModel):
    """An outbound campaign, as v2 describes it."""

    #: the settings of ``SETTINGS``
    source: dict[str, Any] | None
    flow_arn: str | None
    schedule: dict[str, Any] | None
    entry_limits: dict[str, Any] | None
    communication_time: dict[str, Any] | None
    communication_limits: dict[str, Any] | None

    def __init__(self, caller: Caller, name: str, instance_id: str, settings: dict[str, Any], origin: Any) -> None:
        """``settings``: the campaign's settings in v2's terms (CreateCampaign v2's members)."""
        super().__init__(CAMPAIGN_MODEL, [(RUNNING, COMPLETED)], initial=INITIALIZED)
        self.id = str(uuid.uuid4())
        self.arn = make_arn(caller, "connect-campaigns", f"campaign/{self.id}")
        self.name = name
        self.instance_id = instance_id
        self.channels: dict[str, dict[str, Any]] = copy.deepcopy(settings.get("channelSubtypeConfig") or {})
        self.type: str = settings.get("type") or MANAGED
        for attr, member in SETTINGS.items():
            setattr(self, attr, copy.deepcopy(settings.get(member)))
        #: the create request (version and parameters), for CreateCampaign's idempotency
        self.origin = origin
        self.last_modified = now()
        #: outbound (v1 dial) requests and profile outbound requests by client token: (request, id)
        self.outbound_requests: dict[str, tuple[dict[str, Any], str]] = {}
        self.profile_requests: dict[str, tuple[dict[str, Any], str]] = {}

    # -- state ---------------------------------------------------------------
    @property
    def state(self) -> str:
        return str(self.status)

    def read_state(self) -> str:
        """A state read by GetCampaignState(Batch): one tick of a ``manual`` progression."""
        self.advance()
        return self.state

    def act(self, action: str, version: str) -> None:
        allowed, target = TRANSITIONS[action]
        state = self.state
        if state not in allowed:
            raise InvalidCampaignStateException(
                f"Campaign {self.id} is {shown_state(state, version)}: it cannot {action} "
                f"(only from {' or '.join(sorted(shown_state(s, version) for s in allowed))})",
                state=shown_state(state, version),
            )
        self.enter(target)

    def require_settable(self, setting: str, version: str) -> None:
        """InvalidCampaignStateException unless the campaign's state lets ``setting`` (a key of
        ``SETTINGS``) change: ``INITIALIZED_ONLY`` settings in Initialized, the others until it ends."""
        if setting in INITIALIZED_ONLY:
            member = SETTINGS[setting]
            self._require(frozenset({INITIALIZED}), version, f"only an Initialized campaign's {member} can change")
        else:
            self._require(CONFIGURABLE, version, "its settings can no longer change")

    def require_running(self, version: str) -> None:
        self._require(frozenset({RUNNING}), version, "it accepts outbound requests only while Running")

    def _require(self, states: frozenset[str], version: str, otherwise: str) -> None:
        """InvalidCampaignStateException (``otherwise`` says why) unless the campaign is in one of ``states``."""
        state = self.state
        if state not in states:
            shown = shown_state(state, version)
            raise InvalidCampaignStateException(f"Campaign {self.id} is {shown}: {otherwise}", state=shown)

    def touch(self) -> None:
        self.last_modified = now()

    # -- views ---------------------------------------------------------------
    def channel_subtypes(self) -> list[str]:
        return [subtype for member, subtype in CHANNELS.items() if member in self.channels]

    def v1_parts(self) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """v1's (dialerConfig, outboundCallConfig), or None when v1 cannot express this campaign."""
        telephony = self.channels.get("telephony")
        if telephony is None:
            return None
        ((mode, settings),) = telephony["outboundMode"].items()
        dialer_member = V1_MODES.get(mode)
        if dialer_member is None:
            return None
        dialer: dict[str, Any] = {}
        if mode != "agentless":
            if settings["bandwidthAllocation"] > 1:
                return None
            dialer["bandwidthAllocation"] = settings["bandwidthAllocation"]
        if "capacity" in telephony:
            dialer["dialingCapacity"] = telephony["capacity"]
        defaults = telephony["defaultOutboundConfig"]
        calls = {k: copy.deepcopy(defaults[k]) for k in V1_CALL_DEFAULTS if k in defaults}
        if "connectQueueId" in telephony:
            calls["connectQueueId"] = telephony["connectQueueId"]
        return {dialer_member: dialer}, calls

    def visible_in(self, version: str) -> bool:
        return version == V2 or self.v1_parts() is not None

    def describe(self, version: str, tags: dict[str, str]) -> dict[str, Any]:
        """The campaign as this API version describes it."""
        return self.describe_v1(tags) if version == V1 else self.describe_v2(tags)

    def summary(self, version: str) -> dict[str, Any]:
        """The campaign as this API version lists it."""
        return self.summary_v1() if version == V1 else self.summary_v2()

    def describe_v1(self, tags: dict[str, str]) -> dict[str, Any]:
        parts = self.v1_parts()
        assert parts is not None
        dialer, calls = parts
        return {
            **self.summary_v1(),
            "dialerConfig": dialer,
            "outboundCallConfig": calls,
            "tags": tags,
        }

    def summary_v1(self) -> dict[str, Any]:
        """What every view of a campaign starts with; v1's summary is just that."""
        return {"id": self.id, "arn": self.arn, "name": self.name, "connectInstanceId": self.instance_id}

    def describe_v2(self, tags: dict[str, str]) -> dict[str, Any]:
        return {
            **self.summary_v1(),
            "channelSubtypeConfig": copy.deepcopy(self.channels) or None,
            "type": self.type,
            **{member: copy.deepcopy(getattr(self, attr)) for attr, member in SETTINGS.items()},
            "lastModifiedTime": self.last_modified,
            "tags": tags,
        }

    def summary_v2(self) -> dict[str, Any]:
        return {
            **self.summary_v1(),
            "channelSubtypes": self.channel_subtypes(),
            "type": self.type,
            "schedule": copy.deepcopy(self.schedule),
            "entryLimitsConfig": copy.deepcopy(self.entry_limits),
            "connectCampaignFlowArn": self.flow_arn,
            "lastModifiedTime": self.last_modified,
        }

    # -- outbound requests ---------------------------------------------------
    def take_requests(
        self,
        requests: list[dict[str, Any]],
        seen: dict[str, tuple[dict[str, Any], str]],
        problem_of: Callable[[dict[str, Any]], str | None],
        reused_token: str,
        on_accept: Callable[[dict[str, Any]], None] | None = None,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(successful, failed) entries of one batch; a retried request gets its first id back.

        ``on_accept`` acts on each request taken for the first time (the dial)."""
        successful: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        for request in requests:
            token = request["clientToken"]
            earlier = seen.get(token)
            if earlier is not None:
                if earlier[0] == request:
                    successful.append({"clientToken": token, "id": earlier[1]})
                else:
                    failed.append({"clientToken": token, "failureCode": reused_token})
                continue
            problem = problem_of(request)
            if problem is not None:
                failed.append({"clientToken": token, "failureCode": problem})
                continue
            request_id = str(uuid.uuid4())
            seen[token] = (copy.deepcopy(request), request_id)
            successful.append({"clientToken": token, "id": request_id})
            if on_accept is not None:
                on_accept(request)
        return successful, failed

    def dial_request_problem(self, request: dict[str, Any]) -> str | None:
        """Why a v1 dial request is refused (a failure code), or None."""
        if request["expirationTime"] <= now() or not is_e164(request["phoneNumber"]):
            return INVALID_INPUT
        return None

    def outbound_request_problem(self, request: dict[str, Any]) -> str | None:
        """Why a v2 outbound request is refused (a failure code), or None."""
        if request["expirationTime"] <= now():
            return INVALID_INPUT
        ((channel, parameters),) = request["channelSubtypeParameters"].items()
        if channel not in self.channels:
            return INVALID_INPUT
        number = parameters.get("destinationPhoneNumber")
        if number is not None and not is_e164(number):
            return INVALID_INPUT
        source_number = parameters.get("connectSourcePhoneNumber")
        if source_number and not is_e164(source_number):
            return INVALID_INPUT
        for name, kind in ARN_KINDS.items():
            if name in parameters and names_a(parameters[name], *kind) is None:
                return INVALID_INPUT
        return None

    def profile_request_problem(self, request: dict[str, Any]) -> str | None:
        expiration = request.get("expirationTime")
        if expiration is not None and expiration <= now():
            return INVALID_INPUT
        return None
