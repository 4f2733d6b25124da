"""Valid requests for rules: a function in the Rules Function language and an action the event
source supports."""

from __future__ import annotations

import json
import uuid
from typing import Any

from tests.conformance.seeds import World, happy

FUNCTION = json.dumps({"Version": "2022-11-25", "RuleFunction": {"Operator": "AND", "Operands": []}})
ACTIONS = [{"ActionType": "GENERATE_EVENTBRIDGE_EVENT", "EventBridgeAction": {"Name": "happy"}}]


@happy("connect", "CreateRule")
def _create(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {
        **request,
        "Name": f"happy-{uuid.uuid4().hex[:12]}",
        "TriggerEventSource": {"EventSourceName": "OnPostCallAnalysisAvailable"},
        "Function": FUNCTION,
        "Actions": ACTIONS,
        "PublishStatus": "DRAFT",
    }


@happy("connect", "UpdateRule")
def _update(world: World, request: dict[str, Any]) -> dict[str, Any]:
    # a rule of this source keeps its name (only Zendesk and Salesforce rules can be renamed)
    rule = world.client().describe_rule(InstanceId=request["InstanceId"], RuleId=request["RuleId"])["Rule"]
    return {**request, "Name": rule["Name"], "Function": FUNCTION, "Actions": ACTIONS}
