"""Flow modules, their versions and aliases through boto3."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from moto_connect_ext.connect import flow_language as fl
from moto_connect_ext.connect import flow_modules
from tests.helpers import raises

ACCOUNT = "123456789012"
SETTINGS = json.dumps({"InputParameters": [], "OutputParameters": [], "Transitions": []})


def action(ident: str, kind: str, parameters: Any = None, **transitions: Any) -> dict[str, Any]:
    return {"Identifier": ident, "Type": kind, "Parameters": parameters or {}, "Transitions": transitions}


def module_content(text: str = "From the module") -> str:
    actions = [
        action("say", "MessageParticipant", {"Text": text}, NextAction="end"),
        action("end", "EndFlowModuleExecution"),
    ]
    return json.dumps({"Version": fl.VERSION, "StartAction": "say", "Actions": actions})


CONTENT = module_content()


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


def new_module(connect: Any, iid: str, name: str = "Greeting", **kw: Any) -> dict[str, Any]:
    return dict(connect.create_contact_flow_module(InstanceId=iid, Name=name, Content=kw.pop("Content", CONTENT), **kw))


@pytest.fixture
def module(connect: Any, iid: str) -> str:
    return str(new_module(connect, iid, Settings=SETTINGS)["Id"])


def describe(connect: Any, iid: str, ident: str) -> dict[str, Any]:
    return connect.describe_contact_flow_module(InstanceId=iid, ContactFlowModuleId=ident)["ContactFlowModule"]  # type: ignore[no-any-return]


def problems(info: Any) -> list[str]:
    return [p["message"] for p in info.value.response["Problems"]]


def listed(connect: Any, iid: str, **kw: Any) -> list[str]:
    pages = connect.get_paginator("list_contact_flow_modules").paginate(InstanceId=iid, **kw)
    return [m["Name"] for page in pages for m in page["ContactFlowModulesSummaryList"]]


def test_every_attribute_round_trips(connect: Any, iid: str) -> None:
    created = new_module(
        connect,
        iid,
        Description="Says hello",
        Settings=SETTINGS,
        ExternalInvocationConfiguration={"Enabled": True},
        Tags={"team": "a"},
    )
    mid = created["Id"]
    assert created["Arn"] == f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/flow-module/{mid}"
    assert describe(connect, iid, mid) == {
        "Arn": created["Arn"],
        "Id": mid,
        "Name": "Greeting",
        "Content": CONTENT,
        "Description": "Says hello",
        "State": "ACTIVE",
        "Status": "PUBLISHED",
        "Tags": {"team": "a"},
        "FlowModuleContentSha256": sha(CONTENT),
        "Settings": SETTINGS,
        "ExternalInvocationConfiguration": {"Enabled": True},
    }
    assert describe(connect, iid, created["Arn"])["Id"] == mid
    summaries = connect.list_contact_flow_modules(InstanceId=iid)["ContactFlowModulesSummaryList"]
    assert summaries == [{"Id": mid, "Arn": created["Arn"], "Name": "Greeting", "State": "ACTIVE"}]
    connect.tag_resource(resourceArn=created["Arn"], tags={"b": "2"})
    assert connect.list_tags_for_resource(resourceArn=created["Arn"])["tags"] == {"team": "a", "b": "2"}


def test_client_tokens(connect: Any, iid: str) -> None:
    first = new_module(connect, iid, ClientToken="once")
    assert new_module(connect, iid, ClientToken="once")["Id"] == first["Id"]
    with raises("IdempotencyException", 409):
        new_module(connect, iid, "Other", ClientToken="once")
    assert listed(connect, iid) == ["Greeting"]
    connect.delete_contact_flow_module(InstanceId=iid, ContactFlowModuleId=first["Id"])
    assert new_module(connect, iid, ClientToken="once")["Id"] != first["Id"]


@pytest.mark.parametrize(
    ("request_", "expected"),
    [
        (
            {
                "Content": json.dumps(
                    {
                        "Version": fl.VERSION,
                        "StartAction": "i",
                        "Actions": [action("i", "InvokeFlowModule", {"FlowModuleId": "$.Attributes.module"})],
                    }
                )
            },
            ["Actions[0].Type InvokeFlowModule is not supported in flow modules"],
        ),
        (
            {
                "Content": json.dumps(
                    {"Version": fl.VERSION, "StartAction": "e", "Actions": [action("e", "EndFlowExecution")]}
                )
            },
            ["Actions[0].Type EndFlowExecution is not supported in flow modules"],
        ),
        ({"Settings": "[]"}, ["Settings must be a JSON object"]),
        (
            {
                "Content": json.dumps(
                    {
                        "Version": fl.VERSION,
                        "StartAction": "m",
                        "Actions": [action("m", "MessageParticipant", {"PromptId": "gone"})],
                    }
                )
            },
            ["Actions[0].Parameters.PromptId: the prompt gone does not exist in the instance"],
        ),
    ],
)
def test_invalid_modules_are_refused(connect: Any, iid: str, request_: dict[str, Any], expected: list[str]) -> None:
    with raises("InvalidContactFlowModuleException", 400) as info:
        new_module(connect, iid, **request_)
    assert problems(info) == expected
    assert listed(connect, iid) == []


def test_names_are_unique_and_instances_have_at_most_200(connect: Any, iid: str, module: str, monkeypatch: Any) -> None:
    with raises("DuplicateResourceException", 409):
        new_module(connect, iid)
    other = new_module(connect, iid, "Other")["Id"]
    with raises("DuplicateResourceException", 409):
        connect.update_contact_flow_module_metadata(InstanceId=iid, ContactFlowModuleId=other, Name="Greeting")
    monkeypatch.setattr(flow_modules, "MODULES_PER_INSTANCE", 2)
    with raises("LimitExceededException", 429):
        new_module(connect, iid, "Third")


def test_content_is_published_or_saved(connect: Any, iid: str, module: str) -> None:
    draft = module_content("Draft")
    connect.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=f"{module}:$SAVED", Content="{draft")
    connect.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=f"{module}:$SAVED", Content=draft)
    assert describe(connect, iid, module)["Content"] == CONTENT
    saved = describe(connect, iid, f"{module}:$SAVED")
    assert (saved["Status"], saved["Content"], saved["FlowModuleContentSha256"]) == ("SAVED", draft, sha(draft))
    with raises("InvalidContactFlowModuleException", 400):
        connect.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=module, Content="{}")
    new_settings = json.dumps({"InputParameters": [{"Name": "x"}]})
    connect.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=module, Settings=new_settings)
    assert (describe(connect, iid, module)["Settings"], describe(connect, iid, module)["Content"]) == (
        new_settings,
        CONTENT,
    )
    final = module_content("Final")
    connect.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=module, Content=final)
    published = describe(connect, iid, module)
    assert (published["Status"], published["Content"], published["FlowModuleContentSha256"]) == (
        "PUBLISHED",
        final,
        sha(final),
    )
    assert describe(connect, iid, f"{module}:$SAVED")["Status"] == "PUBLISHED"


def test_metadata(connect: Any, iid: str, module: str) -> None:
    connect.update_contact_flow_module_metadata(
        InstanceId=iid, ContactFlowModuleId=module, Description="New", State="ARCHIVED"
    )
    new_module(connect, iid, "Active")
    described = describe(connect, iid, module)
    assert (described["Name"], described["Description"], described["State"]) == ("Greeting", "New", "ARCHIVED")
    assert listed(connect, iid, ContactFlowModuleState="ARCHIVED") == ["Greeting"]
    assert listed(connect, iid, ContactFlowModuleState="ACTIVE") == ["Active"]


def test_pages_are_stable(connect: Any, iid: str) -> None:
    ids = [new_module(connect, iid, f"M{i}")["Id"] for i in range(4)]
    page = connect.list_contact_flow_modules(InstanceId=iid, MaxResults=1)
    seen = [m["Name"] for m in page["ContactFlowModulesSummaryList"]]
    connect.delete_contact_flow_module(InstanceId=iid, ContactFlowModuleId=ids[1])
    new_module(connect, iid, "M4")
    while "NextToken" in page:
        page = connect.list_contact_flow_modules(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
        seen += [m["Name"] for m in page["ContactFlowModulesSummaryList"]]
    assert seen == ["M0", "M2", "M3", "M4"]


def name(field: str, value: str, how: str) -> dict[str, Any]:
    return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": how}}


@pytest.mark.parametrize(
    ("criteria", "search_filter", "expected"),
    [
        (name("name", "gree", "STARTS_WITH"), None, ["Greeting"]),
        (name("description", "HELLO", "CONTAINS"), None, ["Greeting"]),
        ({"StateCondition": "ARCHIVED"}, None, ["Farewell"]),
        ({"StatusCondition": "PUBLISHED"}, None, ["Greeting", "Farewell", "Plain"]),
        ({"StatusCondition": "SAVED"}, None, []),
        (
            {"OrConditions": [name("name", "Plain", "EXACT"), {"StateCondition": "ARCHIVED"}]},
            None,
            ["Farewell", "Plain"],
        ),
        ({"AndConditions": [name("name", "e", "CONTAINS"), {"StateCondition": "ACTIVE"}]}, None, ["Greeting"]),
        (None, {"TagFilter": {"TagCondition": {"TagKey": "kind", "TagValue": "polite"}}}, ["Greeting", "Farewell"]),
        (name("name", "a", "CONTAINS"), {"TagFilter": {"AndConditions": [{"TagKey": "kind"}]}}, ["Farewell"]),
    ],
)
def test_search(connect: Any, iid: str, criteria: Any, search_filter: Any, expected: list[str]) -> None:
    new_module(connect, iid, Description="Says hello", Tags={"kind": "polite"})
    farewell = new_module(connect, iid, "Farewell", Tags={"kind": "polite"})["Id"]
    connect.update_contact_flow_module_metadata(InstanceId=iid, ContactFlowModuleId=farewell, State="ARCHIVED")
    plain = new_module(connect, iid, "Plain")["Id"]
    # saved changes leave a module published
    connect.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=f"{plain}:$SAVED", Content="draft")
    request = {k: v for k, v in (("SearchCriteria", criteria), ("SearchFilter", search_filter)) if v is not None}
    found = connect.search_contact_flow_modules(InstanceId=iid, **request)
    assert [m["Name"] for m in found["ContactFlowModules"]] == expected
    assert found["ApproximateTotalCount"] == len(expected)
    if expected:
        assert found["ContactFlowModules"][0]["FlowModuleContentSha256"] == sha(CONTENT)


def test_search_pages(connect: Any, iid: str) -> None:
    for i in range(3):
        new_module(connect, iid, f"M{i}")
    first = connect.search_contact_flow_modules(InstanceId=iid, MaxResults=2)
    rest = connect.search_contact_flow_modules(InstanceId=iid, MaxResults=2, NextToken=first["NextToken"])
    assert [m["Name"] for m in first["ContactFlowModules"] + rest["ContactFlowModules"]] == ["M0", "M1", "M2"]
    assert (first["ApproximateTotalCount"], "NextToken" in rest) == (3, False)
    with raises("InvalidParameterException", 400, match="not supported"):
        connect.search_contact_flow_modules(InstanceId=iid, SearchCriteria=name("content", "x", "EXACT"))


@pytest.mark.parametrize(
    "call",
    [
        "describe_contact_flow_module",
        "delete_contact_flow_module",
        "update_contact_flow_module_metadata",
        "create_contact_flow_module_version",
        "list_contact_flow_module_versions",
        "list_contact_flow_module_aliases",
    ],
)
def test_unknown_modules_are_not_found(connect: Any, iid: str, call: str) -> None:
    with raises("ResourceNotFoundException", 404):
        getattr(connect, call)(InstanceId=iid, ContactFlowModuleId="00000000-0000-4000-8000-000000000000")


def test_flows_invoke_modules_that_exist(connect: Any, iid: str, module: str) -> None:
    def invoking(target: str) -> str:
        actions = [
            action("i", "InvokeFlowModule", {"FlowModuleId": target}, NextAction="bye"),
            action("bye", "DisconnectParticipant"),
        ]
        return json.dumps({"Version": fl.VERSION, "StartAction": "i", "Actions": actions})

    arn = describe(connect, iid, module)["Arn"]
    connect.create_contact_flow(InstanceId=iid, Name="Caller", Type="CONTACT_FLOW", Content=invoking(arn))
    with raises("InvalidContactFlowException", 400) as info:
        connect.create_contact_flow(InstanceId=iid, Name="Lost", Type="CONTACT_FLOW", Content=invoking("gone"))
    assert info.value.response["problems"] == [
        {"message": "Actions[0].Parameters.FlowModuleId: the flow module gone does not exist in the instance"}
    ]
    with raises("InvalidContactFlowException", 400):
        connect.create_contact_flow(InstanceId=iid, Name="Hold", Type="CUSTOMER_HOLD", Content=invoking(module))


def test_versions_and_aliases(connect: Any, iid: str, module: str) -> None:
    arn = describe(connect, iid, module)["Arn"]
    first = connect.create_contact_flow_module_version(
        InstanceId=iid, ContactFlowModuleId=module, Description="first", FlowModuleContentSha256=sha(CONTENT)
    )
    assert (first["ContactFlowModuleArn"], first["Version"]) == (f"{arn}:1", 1)
    changed = module_content("Changed")
    connect.update_contact_flow_module_content(
        InstanceId=iid, ContactFlowModuleId=module, Content=changed, Settings="{}"
    )
    with raises("InvalidRequestException", 400, match="not the checksum"):
        connect.create_contact_flow_module_version(
            InstanceId=iid, ContactFlowModuleId=module, FlowModuleContentSha256=sha(CONTENT)
        )
    assert connect.create_contact_flow_module_version(InstanceId=iid, ContactFlowModuleId=arn)["Version"] == 2
    one = describe(connect, iid, f"{module}:1")
    assert (one["Content"], one["Settings"], one["Version"], one["VersionDescription"]) == (
        CONTENT,
        SETTINGS,
        1,
        "first",
    )
    assert describe(connect, iid, f"{module}:2")["Settings"] == "{}"
    with raises("InvalidRequestException", 400, match="immutable"):
        connect.update_contact_flow_module_content(InstanceId=iid, ContactFlowModuleId=f"{module}:1", Content=CONTENT)
    versions = connect.list_contact_flow_module_versions(InstanceId=iid, ContactFlowModuleId=module)
    assert versions["ContactFlowModuleVersionSummaryList"] == [
        {"Arn": f"{arn}:1", "VersionDescription": "first", "Version": 1},
        {"Arn": f"{arn}:2", "Version": 2},
    ]
    alias = connect.create_contact_flow_module_alias(
        InstanceId=iid, ContactFlowModuleId=module, ContactFlowModuleVersion=1, AliasName="live", Description="Now"
    )["Id"]
    described = connect.describe_contact_flow_module_alias(InstanceId=iid, ContactFlowModuleId=module, AliasId=alias)
    info = described["ContactFlowModuleAlias"]
    assert (info["ContactFlowModuleId"], info["ContactFlowModuleArn"], info["AliasId"]) == (module, arn, alias)
    assert (info["Name"], info["Description"], info["Version"]) == ("live", "Now", 1)
    with raises("DuplicateResourceException", 409):
        connect.create_contact_flow_module_alias(
            InstanceId=iid, ContactFlowModuleId=module, ContactFlowModuleVersion=2, AliasName="live"
        )
    with raises("InvalidRequestException", 400, match="live"):
        connect.delete_contact_flow_module_version(
            InstanceId=iid, ContactFlowModuleId=module, ContactFlowModuleVersion=1
        )
    with raises("ResourceNotFoundException", 404):
        connect.update_contact_flow_module_alias(
            InstanceId=iid, ContactFlowModuleId=module, AliasId=alias, ContactFlowModuleVersion=7
        )
    connect.update_contact_flow_module_alias(
        InstanceId=iid, ContactFlowModuleId=module, AliasId=alias, ContactFlowModuleVersion=2, Name="stable"
    )
    aliases = connect.list_contact_flow_module_aliases(InstanceId=iid, ContactFlowModuleId=module)
    summary = aliases["ContactFlowModuleAliasSummaryList"]
    assert [(a["Arn"], a["AliasId"], a["AliasName"], a["AliasDescription"], a["Version"]) for a in summary] == [
        (f"{arn}:{alias}", alias, "stable", "Now", 2)
    ]
    connect.delete_contact_flow_module_version(InstanceId=iid, ContactFlowModuleId=module, ContactFlowModuleVersion=1)
    with raises("ResourceNotFoundException", 404):
        describe(connect, iid, f"{module}:1")
    connect.delete_contact_flow_module_alias(InstanceId=iid, ContactFlowModuleId=module, AliasId=alias)
    assert (
        connect.list_contact_flow_module_aliases(InstanceId=iid, ContactFlowModuleId=module)[
            "ContactFlowModuleAliasSummaryList"
        ]
        == []
    )
    connect.delete_contact_flow_module(InstanceId=iid, ContactFlowModuleId=module)
    with raises("ResourceNotFoundException", 404):
        connect.list_contact_flow_module_versions(InstanceId=iid, ContactFlowModuleId=module)
