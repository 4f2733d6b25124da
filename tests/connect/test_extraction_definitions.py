"""Extraction definitions through boto3: the configuration's rules, names, idempotency, paging,
rules' EXTRACT_INFORMATION actions naming them, and the family in server mode."""

from __future__ import annotations

import json
from typing import Any

from tests.helpers import new_instance, raises
from tests.servers import server_client

CONFIG = {"PromptHint": "The order number the customer mentions", "NotFoundBehavior": {"Behavior": "OMIT"}}
DEFAULTED = {
    "PromptHint": "The customer's city",
    "NotFoundBehavior": {"Behavior": "USE_DEFAULT_VALUE", "DefaultValue": "unknown"},
}


def _create(connect: Any, iid: str, name: str, **kw: Any) -> dict[str, Any]:
    request = {"InstanceId": iid, "Name": name, "ExtractionConfiguration": CONFIG, **kw}
    return dict(connect.create_extraction_definition(**request))


def _describe(connect: Any, iid: str, ident: str) -> dict[str, Any]:
    return dict(
        connect.describe_extraction_definition(InstanceId=iid, ExtractionDefinitionId=ident)["ExtractionDefinition"]
    )


def test_extraction_definition_life(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    created = _create(connect, iid, "Order", Display={"Label": "Order #"}, Tags={"team": "ops"}, ClientToken="t1")
    did, arn = created["ExtractionDefinitionId"], created["ExtractionDefinitionArn"]
    assert arn == f"{instance['Arn']}/extraction-definition/{did}"
    again = _create(connect, iid, "Order", Display={"Label": "Order #"}, Tags={"team": "ops"}, ClientToken="t1")
    assert (again["ExtractionDefinitionId"], again["ExtractionDefinitionArn"]) == (did, arn)
    with raises("InvalidRequestException", 400, match="client token"):
        _create(connect, iid, "Other", ClientToken="t1")
    with raises("ResourceConflictException", 409, match="Order"):
        _create(connect, iid, "Order")

    described = _describe(connect, iid, arn)
    assert (described["Name"], described["ExtractionConfiguration"], described["Display"]) == (
        "Order",
        CONFIG,
        {"Label": "Order #"},
    )
    assert described["Tags"] == {"team": "ops"} and described["LastUpdatedBy"].endswith(":user/moto")
    assert described["CreatedTime"] == described["LastUpdatedTime"]

    # the not-found behaviour's default value goes with USE_DEFAULT_VALUE only
    bad = [
        {"PromptHint": "x", "NotFoundBehavior": {"Behavior": "USE_DEFAULT_VALUE"}},
        {"PromptHint": "x", "NotFoundBehavior": {"Behavior": "OMIT", "DefaultValue": "n/a"}},
        {"PromptHint": "   "},
    ]
    for configuration in bad:
        with raises("InvalidRequestException", 400):
            _create(connect, iid, "Bad", ExtractionConfiguration=configuration)
    city = _create(connect, iid, "City", ExtractionConfiguration=DEFAULTED)["ExtractionDefinitionId"]

    # an update replaces name, configuration and display; names stay unique
    connect.update_extraction_definition(
        InstanceId=iid, ExtractionDefinitionId=did, Name="Order number", ExtractionConfiguration=DEFAULTED
    )
    updated = _describe(connect, iid, did)
    assert (updated["Name"], updated["ExtractionConfiguration"], "Display" in updated) == (
        "Order number",
        DEFAULTED,
        False,
    )
    assert updated["LastUpdatedTime"] > described["LastUpdatedTime"]
    with raises("ResourceConflictException", 409):
        connect.update_extraction_definition(
            InstanceId=iid, ExtractionDefinitionId=did, Name="City", ExtractionConfiguration=CONFIG
        )
    with raises("InvalidRequestException", 400):
        connect.update_extraction_definition(
            InstanceId=iid, ExtractionDefinitionId=did, Name="Order", ExtractionConfiguration=bad[0]
        )
    assert _describe(connect, iid, did)["Name"] == "Order number"  # a refused update changes nothing

    # paging in creation order
    page = connect.list_extraction_definitions(InstanceId=iid, MaxResults=1)
    rest = connect.list_extraction_definitions(InstanceId=iid, NextToken=page["NextToken"])
    summaries = page["ExtractionDefinitionSummaryList"] + rest["ExtractionDefinitionSummaryList"]
    assert [s["ExtractionDefinitionId"] for s in summaries] == [did, city]
    assert set(summaries[0]) == {
        "Name",
        "ExtractionDefinitionId",
        "ExtractionDefinitionArn",
        "CreatedTime",
        "LastUpdatedTime",
        "LastUpdatedBy",
    }

    connect.delete_extraction_definition(InstanceId=iid, ExtractionDefinitionId=did)
    for call in (connect.describe_extraction_definition, connect.delete_extraction_definition):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=iid, ExtractionDefinitionId=did)
    # the name is free again, and the client token made a new definition
    assert _create(connect, iid, "Order", ClientToken="t1")["ExtractionDefinitionId"] != did
    with raises("ResourceNotFoundException", 404):
        _create(connect, "no-such-instance", "Order")


def _rule(connect: Any, iid: str, identifiers: list[str]) -> dict[str, Any]:
    function = {"Version": "2022-11-25", "RuleFunction": {"Operator": "AND", "Operands": []}}
    return dict(
        connect.create_rule(
            InstanceId=iid,
            Name="extract",
            TriggerEventSource={"EventSourceName": "OnPostCallAnalysisAvailable"},
            Function=json.dumps(function),
            Actions=[
                {
                    "ActionType": "EXTRACT_INFORMATION",
                    "ExtractInformationAction": {
                        "RulesExtractionDefinitions": [{"Identifier": i} for i in identifiers]
                    },
                }
            ],
            PublishStatus="DRAFT",
        )
    )


def test_rules_name_existing_definitions(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    created = _create(connect, iid, "Order")
    with raises("ResourceNotFoundException", 404, match="Extraction definition not found: nope"):
        _rule(connect, iid, [created["ExtractionDefinitionId"], "nope"])
    other = new_instance(connect, "other")["Id"]
    with raises("ResourceNotFoundException", 404):
        _rule(connect, other, [created["ExtractionDefinitionId"]])
    assert _rule(connect, iid, [created["ExtractionDefinitionId"], created["ExtractionDefinitionArn"]])["RuleId"]


def test_family_in_server_mode(server: str) -> None:
    region = "eu-west-2"
    connect = server_client(server, "connect", region)
    iid = new_instance(connect, "served")["Id"]
    created = _create(connect, iid, "Order", Display={"Label": "Order"})
    assert f":{region}:" in created["ExtractionDefinitionArn"]
    with raises("ResourceConflictException", 409):
        _create(connect, iid, "Order")
    connect.update_extraction_definition(
        InstanceId=iid,
        ExtractionDefinitionId=created["ExtractionDefinitionId"],
        Name="Renamed",
        ExtractionConfiguration=DEFAULTED,
    )
    listed = connect.list_extraction_definitions(InstanceId=iid)["ExtractionDefinitionSummaryList"]
    assert [s["Name"] for s in listed] == ["Renamed"]
    connect.delete_extraction_definition(InstanceId=iid, ExtractionDefinitionId=created["ExtractionDefinitionId"])
    assert connect.list_extraction_definitions(InstanceId=iid)["ExtractionDefinitionSummaryList"] == []
