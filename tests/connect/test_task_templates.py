"""Task templates through boto3, and the rules of their content as pure functions."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import task_templates
from moto_connect_ext.connect.flows import CONTACT_FLOW
from moto_connect_ext.connect.task_templates import default_problem, template_problems
from moto_connect_ext.core.caller import Caller
from tests.helpers import raises

NAME_ONLY = {
    "Fields": [{"Id": {"Name": "Title"}, "Type": "NAME"}],
    "Constraints": {"RequiredFields": [{"Id": {"Name": "Title"}}]},
}


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


@pytest.fixture
def flow(moto_connect: Any, iid: str) -> Any:
    """A flow of the instance (made directly: the flow operations are another family's)."""
    backend = moto_connect.backend("connect")
    caller = Caller("123456789012", "us-east-1", "aws")
    return backend.resources.create(
        CONTACT_FLOW, backend.instance(iid), {"Name": "Task routing", "Type": "CONTACT_FLOW"}, caller
    )


def _create(connect: Any, iid: str, name: str, flow: Any, **kw: Any) -> dict[str, Any]:
    request = {"ContactFlowId": flow.id, **NAME_ONLY, **kw}
    return dict(connect.create_task_template(InstanceId=iid, Name=name, **request))


def _get(connect: Any, iid: str, tid: str, **kw: Any) -> dict[str, Any]:
    answer = dict(connect.get_task_template(InstanceId=iid, TaskTemplateId=tid, **kw))
    answer.pop("ResponseMetadata")
    return answer


def _ids(connect: Any, iid: str, **kw: Any) -> list[str]:
    return [t["Id"] for t in connect.list_task_templates(InstanceId=iid, **kw)["TaskTemplates"]]


FULL = {
    "Description": "Call the customer back",
    "SelfAssignFlowId": None,  # filled with the flow
    "ContactHooks": {"WrapUpFlowId": "wrap-up-module"},
    "Fields": [
        {"Id": {"Name": "Title"}, "Type": "NAME", "Description": "What to do"},
        {"Id": {"Name": "Details"}, "Type": "DESCRIPTION"},
        {"Id": {"Name": "Priority"}, "Type": "SINGLE_SELECT", "SingleSelectOptions": ["low", "high"]},
        {"Id": {"Name": "Amount"}, "Type": "NUMBER"},
        {"Id": {"Name": "Callback number"}, "Type": "TEXT"},
        {"Id": {"Name": "When"}, "Type": "SCHEDULED_TIME"},
        {"Id": {"Name": "Expiry"}, "Type": "EXPIRY_DURATION"},
        {"Id": {"Name": "Mine"}, "Type": "SELF_ASSIGN"},
        {"Id": {"Name": "Email"}, "Type": "EMAIL"},
        {"Id": {"Name": "Link"}, "Type": "URL"},
        {"Id": {"Name": "Urgent"}, "Type": "BOOLEAN"},
        {"Id": {"Name": "Due"}, "Type": "DATE_TIME"},
        {"Id": {"Name": "Notes"}, "Type": "TEXT_AREA"},
    ],
    "Constraints": {
        "RequiredFields": [{"Id": {"Name": "Title"}}, {"Id": {"Name": "Priority"}}],
        "ReadOnlyFields": [{"Id": {"Name": "Amount"}}],
        "InvisibleFields": [{"Id": {"Name": "Notes"}}],
    },
    "Defaults": {
        "DefaultFieldValues": [
            {"Id": {"Name": "Priority"}, "DefaultValue": "high"},
            {"Id": {"Name": "Amount"}, "DefaultValue": "12.50"},
            {"Id": {"Name": "When"}, "DefaultValue": "2030-01-01T09:00:00Z"},
            {"Id": {"Name": "Expiry"}, "DefaultValue": "10080"},
            {"Id": {"Name": "Mine"}, "DefaultValue": "true"},
            {"Id": {"Name": "Email"}, "DefaultValue": "agent@example.com"},
            {"Id": {"Name": "Link"}, "DefaultValue": "https://example.com/case/1"},
            {"Id": {"Name": "Urgent"}, "DefaultValue": "false"},
            {"Id": {"Name": "Due"}, "DefaultValue": "2030-01-02T17:30:00+01:00"},
        ]
    },
    "Status": "INACTIVE",
}


def test_round_trip(connect: Any, iid: str, flow: Any) -> None:
    before = _ids(connect, iid)
    content = {**FULL, "SelfAssignFlowId": flow.arn}
    created = connect.create_task_template(InstanceId=iid, Name="Callback", ContactFlowId=flow.id, **content)
    tid = created["Id"]
    assert created["Arn"] == f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/task-template/{tid}"
    got = _get(connect, iid, tid)
    stamps = got.pop("CreatedTime"), got.pop("LastModifiedTime")
    assert got == {
        "InstanceId": iid,
        "Id": tid,
        "Arn": created["Arn"],
        "Name": "Callback",
        "ContactFlowId": flow.id,
        **content,
    }
    assert stamps[0] == stamps[1]
    assert _ids(connect, iid) == [*before, tid]
    [summary] = connect.list_task_templates(InstanceId=iid, Name="Callback")["TaskTemplates"]
    assert summary == {
        "Id": tid,
        "Arn": created["Arn"],
        "Name": "Callback",
        "Description": "Call the customer back",
        "Status": "INACTIVE",
        "CreatedTime": stamps[0],
        "LastModifiedTime": stamps[1],
    }
    # an update is the whole content: what it leaves out is gone, the name stays
    updated = dict(
        connect.update_task_template(
            InstanceId=iid, TaskTemplateId=tid, ContactFlowId=flow.id, Status="ACTIVE", **NAME_ONLY
        )
    )
    updated.pop("ResponseMetadata")
    assert updated == {
        "InstanceId": iid,
        "Id": tid,
        "Arn": created["Arn"],
        "Name": "Callback",
        "ContactFlowId": flow.id,
        **NAME_ONLY,
        "Status": "ACTIVE",
        "CreatedTime": stamps[0],
        "LastModifiedTime": updated["LastModifiedTime"],
    }
    assert updated["LastModifiedTime"] > stamps[1]
    assert _get(connect, iid, tid) == updated
    connect.update_task_template(
        InstanceId=iid, TaskTemplateId=tid, Name="Renamed", ContactFlowId=flow.id, Status="ACTIVE", **NAME_ONLY
    )
    assert _get(connect, iid, tid)["Name"] == "Renamed"
    connect.delete_task_template(InstanceId=iid, TaskTemplateId=tid)
    assert _ids(connect, iid) == before
    for call in (connect.get_task_template, connect.delete_task_template):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=iid, TaskTemplateId=tid)


def test_snapshot_versions(connect: Any, iid: str, flow: Any) -> None:
    tid = _create(connect, iid, "Versioned", flow, Description="first")["Id"]
    first = _get(connect, iid, tid)
    connect.update_task_template(
        InstanceId=iid, TaskTemplateId=tid, ContactFlowId=flow.id, Status="INACTIVE", **NAME_ONLY
    )
    assert _get(connect, iid, tid, SnapshotVersion="1") == first
    second = _get(connect, iid, tid, SnapshotVersion="2")
    assert second == _get(connect, iid, tid) and "Description" not in second and second["Status"] == "INACTIVE"
    for version in ("0", "3", "latest"):
        with raises("ResourceNotFoundException", 404, match="snapshot version"):
            _get(connect, iid, tid, SnapshotVersion=version)


def test_a_quick_connect_field_stands_for_the_flow(connect: Any, iid: str) -> None:
    fields = [*NAME_ONLY["Fields"], {"Id": {"Name": "Assign to"}, "Type": "QUICK_CONNECT"}]
    tid = connect.create_task_template(
        InstanceId=iid, Name="Assignable", Fields=fields, Constraints=NAME_ONLY["Constraints"]
    )["Id"]
    assert "ContactFlowId" not in _get(connect, iid, tid)


def _problems(call: Any) -> set[tuple[str, str]]:
    with raises("PropertyValidationException", 400) as info:
        call()
    return {(p["PropertyPath"], p["Reason"]) for p in info.value.response["PropertyList"]}


#: request changes -> the (PropertyPath, Reason) pairs AWS's rules give
BROKEN: list[tuple[dict[str, Any], set[tuple[str, str]]]] = [
    (
        {"Fields": [{"Id": {"Name": "Title"}, "Type": "TEXT"}]},
        {("Fields", "REQUIRED_PROPERTY_MISSING")},
    ),
    ({"Constraints": {}}, {("Constraints.RequiredFields", "REQUIRED_PROPERTY_MISSING")}),
    (
        {
            "Fields": [*NAME_ONLY["Fields"], {"Id": {"Name": "x"}, "Type": "TEXT"}],
            "Constraints": {"RequiredFields": [{"Id": {"Name": "x"}}]},
        },
        {("Constraints.RequiredFields", "REQUIRED_PROPERTY_MISSING")},
    ),
    ({"ContactFlowId": None}, {("ContactFlowId", "REQUIRED_PROPERTY_MISSING")}),
    ({"ContactFlowId": "no-such-flow"}, {("ContactFlowId", "REFERENCED_RESOURCE_NOT_FOUND")}),
    ({"SelfAssignFlowId": "no-such-flow"}, {("SelfAssignFlowId", "REFERENCED_RESOURCE_NOT_FOUND")}),
    (
        {"Fields": [*NAME_ONLY["Fields"], {"Id": {"Name": "Title"}, "Type": "TEXT"}]},
        {("Fields[1].Id.Name", "UNIQUE_CONSTRAINT_VIOLATED")},
    ),
    (
        {"Fields": [*NAME_ONLY["Fields"], {"Id": {"Name": "Other"}, "Type": "NAME"}]},
        {("Fields[1].Type", "UNIQUE_CONSTRAINT_VIOLATED")},
    ),
    (
        {"Fields": [*NAME_ONLY["Fields"], {"Id": {"Name": "Pick"}, "Type": "SINGLE_SELECT"}]},
        {("Fields[1].SingleSelectOptions", "REQUIRED_PROPERTY_MISSING")},
    ),
    (
        {"Fields": [*NAME_ONLY["Fields"], {"Id": {"Name": "Free"}, "Type": "TEXT", "SingleSelectOptions": ["a"]}]},
        {("Fields[1].SingleSelectOptions", "NOT_SUPPORTED")},
    ),
    (
        {"Fields": [{"Id": {}, "Type": "NAME"}]},
        {
            ("Fields[0].Id.Name", "REQUIRED_PROPERTY_MISSING"),
            ("Constraints.RequiredFields[0].Id.Name", "REFERENCED_RESOURCE_NOT_FOUND"),
        },
    ),
    (
        {
            "Constraints": {
                "RequiredFields": [{"Id": {"Name": "Title"}}],
                "InvisibleFields": [{"Id": {"Name": "Ghost"}}],
            }
        },
        {("Constraints.InvisibleFields[0].Id.Name", "REFERENCED_RESOURCE_NOT_FOUND")},
    ),
    (
        {"Defaults": {"DefaultFieldValues": [{"Id": {"Name": "Ghost"}, "DefaultValue": "x"}]}},
        {("Defaults.DefaultFieldValues[0].Id.Name", "REFERENCED_RESOURCE_NOT_FOUND")},
    ),
    (
        {"Defaults": {"DefaultFieldValues": [{"Id": {"Name": "Title"}, "DefaultValue": "x" * 513}]}},
        {("Defaults.DefaultFieldValues[0].DefaultValue", "TYPE_MISMATCH")},
    ),
    (
        {
            "Fields": [*NAME_ONLY["Fields"], {"Id": {"Name": "To"}, "Type": "QUICK_CONNECT"}],
            "Defaults": {"DefaultFieldValues": [{"Id": {"Name": "To"}, "DefaultValue": "no-such-quick-connect"}]},
        },
        {("Defaults.DefaultFieldValues[0].DefaultValue", "TYPE_MISMATCH")},
    ),
]


def test_content_rules(connect: Any, iid: str, flow: Any) -> None:
    tid = _create(connect, iid, "Existing", flow)["Id"]
    kept = _get(connect, iid, tid)
    before = _ids(connect, iid)

    def create(request: dict[str, Any]) -> Any:
        return lambda: connect.create_task_template(InstanceId=iid, Name="New", **request)

    def update(request: dict[str, Any]) -> Any:
        return lambda: connect.update_task_template(InstanceId=iid, TaskTemplateId=tid, Status="ACTIVE", **request)

    for changes, expected in BROKEN:
        request = {k: v for k, v in {"ContactFlowId": flow.id, **NAME_ONLY, **changes}.items() if v is not None}
        assert _problems(create(request)) == expected, changes
        assert _problems(update(request)) == expected, changes
    assert _ids(connect, iid) == before
    assert _get(connect, iid, tid) == kept


def test_names_are_unique(connect: Any, iid: str, flow: Any) -> None:
    _create(connect, iid, "Taken", flow)
    other = _create(connect, iid, "Other", flow)["Id"]
    assert _problems(lambda: _create(connect, iid, "Taken", flow)) == {("Name", "RESOURCE_NAME_ALREADY_EXISTS")}
    assert _problems(
        lambda: connect.update_task_template(
            InstanceId=iid, TaskTemplateId=other, Name="Taken", ContactFlowId=flow.id, Status="ACTIVE", **NAME_ONLY
        )
    ) == {("Name", "RESOURCE_NAME_ALREADY_EXISTS")}
    # a template keeps its own name
    connect.update_task_template(
        InstanceId=iid, TaskTemplateId=other, Name="Other", ContactFlowId=flow.id, Status="ACTIVE", **NAME_ONLY
    )


def test_update_needs_the_status(connect: Any, iid: str, flow: Any) -> None:
    tid = _create(connect, iid, "Needs status", flow)["Id"]
    assert _problems(
        lambda: connect.update_task_template(InstanceId=iid, TaskTemplateId=tid, ContactFlowId=flow.id, **NAME_ONLY)
    ) == {("Status", "REQUIRED_PROPERTY_MISSING")}


def test_quotas(connect: Any, iid: str, flow: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    custom = [{"Id": {"Name": f"f{i}"}, "Type": "TEXT"} for i in range(51)]
    with raises("ServiceQuotaExceededException", 402, match="50 customized fields"):
        _create(connect, iid, "Wide", flow, Fields=[*NAME_ONLY["Fields"], *custom])
    _create(connect, iid, "Widest allowed", flow, Fields=[*NAME_ONLY["Fields"], *custom[:50]])
    monkeypatch.setattr(task_templates, "TEMPLATES_PER_INSTANCE", len(_ids(connect, iid)) + 1)
    last = _create(connect, iid, "Last", flow)["Id"]
    with raises("ServiceQuotaExceededException", 402, match="task templates"):
        _create(connect, iid, "One too many", flow)
    connect.update_task_template(
        InstanceId=iid, TaskTemplateId=last, ContactFlowId=flow.id, Status="ACTIVE", **NAME_ONLY
    )
    connect.delete_task_template(InstanceId=iid, TaskTemplateId=last)
    _create(connect, iid, "One too many", flow)


def test_client_token(connect: Any, iid: str, flow: Any) -> None:
    first = _create(connect, iid, "Once", flow, ClientToken="token-1")["Id"]
    assert _create(connect, iid, "Once", flow, ClientToken="token-1")["Id"] == first
    with raises("InvalidParameterException", 400, match="token-1"):
        _create(connect, iid, "Twice", flow, ClientToken="token-1")
    connect.delete_task_template(InstanceId=iid, TaskTemplateId=first)
    assert _create(connect, iid, "Once", flow, ClientToken="token-1")["Id"] != first


def test_list_filters_and_pages(connect: Any, iid: str, flow: Any) -> None:
    ids = [_create(connect, iid, f"t{i}", flow, Status="ACTIVE" if i % 2 else "INACTIVE")["Id"] for i in range(5)]
    assert [t for t in _ids(connect, iid, Status="ACTIVE") if t in ids] == [ids[1], ids[3]]
    assert _ids(connect, iid, Name="t2") == [ids[2]]
    assert _ids(connect, iid, Name="t2", Status="ACTIVE") == []
    seen: list[str] = []
    token = None
    late = None
    while True:
        kw = {"NextToken": token} if token else {}
        page = connect.list_task_templates(InstanceId=iid, MaxResults=1, **kw)
        assert len(page["TaskTemplates"]) <= 1
        seen += [t["Id"] for t in page["TaskTemplates"]]
        if seen and seen[-1] == ids[1]:
            connect.delete_task_template(InstanceId=iid, TaskTemplateId=ids[2])
            late = _create(connect, iid, "late", flow)["Id"]
        token = page.get("NextToken")
        if not token:
            break
    assert [t for t in seen if t in {*ids, late}] == [ids[0], ids[1], ids[3], ids[4], late]


def test_tags_and_unknown_resources(connect: Any, iid: str, flow: Any) -> None:
    created = _create(connect, iid, "Tagged", flow)
    connect.tag_resource(resourceArn=created["Arn"], tags={"team": "care"})
    assert _get(connect, iid, created["Id"])["Tags"] == {"team": "care"}
    assert connect.list_tags_for_resource(resourceArn=created["Arn"])["tags"] == {"team": "care"}
    with raises("ResourceNotFoundException", 404):
        _create(connect, "no-such-instance", "x", flow)
    with raises("ResourceNotFoundException", 404):
        connect.list_task_templates(InstanceId="no-such-instance")
    with raises("ResourceNotFoundException", 404):
        connect.update_task_template(InstanceId=iid, TaskTemplateId="missing", Status="ACTIVE", **NAME_ONLY)


# -- the rules as functions ----------------------------------------------------------------
def _nothing_exists(kind: str, ident: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("field_type", "good", "bad"),
    [
        ("NUMBER", ["1", "-2.5", "1e3"], ["one", "nan", "inf"]),
        ("BOOLEAN", ["true", "false"], ["True", "yes", "1"]),
        ("SELF_ASSIGN", ["true", "false"], ["maybe"]),
        (
            "DATE_TIME",
            ["2030-01-01T09:00:00Z", "2030-01-01T09:00:00.5+02:00"],
            ["2030-01-01", "tomorrow", "2030-13-01T00:00"],
        ),
        ("SCHEDULED_TIME", ["2030-01-01T09:00:00Z"], ["09:00"]),
        ("URL", ["https://example.com/a?b=c", "http://x"], ["example.com", "ftp://example.com", "https://"]),
        ("EMAIL", ["a.b@example.co.uk"], ["a@b", "@example.com", "a b@example.com"]),
        ("SINGLE_SELECT", ["low"], ["LOW", "medium"]),
        ("EXPIRY_DURATION", ["1", "129600"], ["0", "129601", "1.5", "-1"]),
        ("TEXT", ["anything at all"], []),
        ("NAME", ["x" * 512, ""], ["x" * 513]),
    ],
)
def test_default_values_fit_their_field(field_type: str, good: list[str], bad: list[str]) -> None:
    options = ["low", "high"]
    for value in good:
        assert default_problem(field_type, value, options, _nothing_exists) is None, value
    for value in bad:
        assert default_problem(field_type, value, options, _nothing_exists) is not None, value


def test_quick_connect_defaults_name_a_quick_connect() -> None:
    known = {("quick-connect", "qc-1")}
    assert default_problem("QUICK_CONNECT", "qc-1", [], lambda k, i: (k, i) in known) is None
    assert (
        default_problem("QUICK_CONNECT", "qc-2", [], lambda k, i: (k, i) in known)
        == "the quick connect qc-2 does not exist"
    )


def test_every_problem_is_reported_at_once() -> None:
    attrs = {
        "Fields": [{"Id": {"Name": "a"}, "Type": "TEXT"}, {"Id": {"Name": "a"}}],
        "Defaults": {"DefaultFieldValues": [{"Id": {"Name": "a"}, "DefaultValue": "x"}, {"Id": {"Name": "a"}}]},
    }
    problems = template_problems(attrs, _nothing_exists)
    assert [(p["PropertyPath"], p["Reason"]) for p in problems.items] == [
        ("Fields[1].Id.Name", "UNIQUE_CONSTRAINT_VIOLATED"),
        ("Fields[1].Type", "REQUIRED_PROPERTY_MISSING"),
        ("Fields", "REQUIRED_PROPERTY_MISSING"),
        ("Constraints.RequiredFields", "REQUIRED_PROPERTY_MISSING"),
        ("Defaults.DefaultFieldValues[1].Id.Name", "UNIQUE_CONSTRAINT_VIOLATED"),
        ("ContactFlowId", "REQUIRED_PROPERTY_MISSING"),
    ]
    ok = {**NAME_ONLY, "ContactFlowId": "f"}
    assert not template_problems(ok, lambda kind, ident: kind == "contact-flow" and ident == "f")
