"""Views through boto3: saved and published content, versions, AWS-managed views, lists and
searches, what blocks a delete, the lookup other families use, and the family in server mode."""

from __future__ import annotations

import json
from typing import Any

import pytest

from moto_connect_ext.connect import views as vw
from moto_connect_ext.connect.models import connect_backends
from tests.helpers import new_instance, raises
from tests.servers import server_client


def _template(title: str = "Pick", *actions: str) -> str:
    body: list[dict[str, Any]] = [
        {
            "_id": "cards",
            "Type": "Container",
            "Props": {},
            "Content": [
                {"_id": "cafe", "Type": "Card", "Props": {"Heading": "$.Heading", "Action": a}} for a in actions[:1]
            ],
        },
        *({"_id": f"b-{a}", "Type": "Button", "Props": {"Action": a}} for a in actions[1:]),
    ]
    return json.dumps({"Head": {"Title": title, "Configuration": {"Layout": {"Columns": ["10", "2"]}}}, "Body": body})


def _content(title: str = "Pick", actions: tuple[str, ...] = ("CardSelected", "Skip")) -> dict[str, Any]:
    return {"Template": _template(title, *actions), "Actions": list(actions)}


def _create(connect: Any, iid: str, name: str, status: str = "PUBLISHED", **kw: Any) -> dict[str, Any]:
    request = {"InstanceId": iid, "Name": name, "Status": status, "Content": _content(), **kw}
    return dict(connect.create_view(**request)["View"])


def _describe(connect: Any, iid: str, view_id: str) -> dict[str, Any]:
    return dict(connect.describe_view(InstanceId=iid, ViewId=view_id)["View"])


def _show_view_flow(connect: Any, iid: str, view_arn: str, name: str) -> str:
    show, end = "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"
    actions = [
        {
            "Identifier": show,
            "Type": "ShowView",
            "Parameters": {"ViewResource": {"Id": view_arn}},
            "Transitions": {"NextAction": end, "Errors": [{"NextAction": end, "ErrorType": "NoMatchingError"}]},
        },
        {"Identifier": end, "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}},
    ]
    content = {"Version": "2019-10-30", "StartAction": show, "Actions": actions}
    created = connect.create_contact_flow(InstanceId=iid, Name=name, Type="CONTACT_FLOW", Content=json.dumps(content))
    return str(created["ContactFlowId"])


def test_view_life(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    created = _create(connect, iid, "Cards", Description="two cards", Tags={"team": "ops"}, ClientToken="t1")
    vid, arn = created["Id"], created["Arn"]
    assert arn == f"{instance['Arn']}/view/{vid}"
    assert (created["Status"], created["Type"], created["Tags"], created["Content"]["Actions"]) == (
        "PUBLISHED",
        "CUSTOMER_MANAGED",
        {"team": "ops"},
        ["CardSelected", "Skip"],
    )
    assert json.loads(created["Content"]["InputSchema"])["properties"] == {"Heading": {}}
    # a retry with the same token is the same view; another request with it is refused
    retried = _create(connect, iid, "Cards", Description="two cards", Tags={"team": "ops"}, ClientToken="t1")
    assert retried["Id"] == vid
    with raises("InvalidRequestException", 400, match="client token"):
        _create(connect, iid, "Other", ClientToken="t1")
    with raises("DuplicateResourceException", 409, match="Cards"):
        _create(connect, iid, "Cards")

    # saved content goes to $SAVED only: $LATEST (the default) keeps the published content
    latest_sha = created["ViewContentSha256"]
    saved = connect.update_view_content(InstanceId=iid, ViewId=arn, Status="SAVED", Content=_content("Draft"))["View"]
    assert (saved["Status"], saved["Arn"]) == ("SAVED", arn)
    assert json.loads(_describe(connect, iid, vid)["Content"]["Template"])["Head"]["Title"] == "Pick"
    draft = _describe(connect, iid, f"{arn}:$SAVED")
    assert (draft["Status"], draft["Arn"]) == ("SAVED", f"{arn}:$SAVED")
    assert json.loads(draft["Content"]["Template"])["Head"]["Title"] == "Draft"
    assert _describe(connect, iid, f"{vid}:$LATEST")["ViewContentSha256"] == latest_sha
    assert connect.list_views(InstanceId=iid, Type="CUSTOMER_MANAGED")["ViewsSummaryList"][0]["Status"] == "SAVED"

    # versions snapshot $LATEST, checked against its checksum; no change: the highest version
    with raises("InvalidRequestException", 400, match="not the checksum"):
        connect.create_view_version(InstanceId=iid, ViewId=vid, ViewContentSha256="0" * 64)
    one = connect.create_view_version(
        InstanceId=iid, ViewId=vid, VersionDescription="first", ViewContentSha256=latest_sha
    )["View"]
    assert (one["Version"], one["Arn"], one["VersionDescription"]) == (1, f"{arn}:1", "first")
    assert connect.create_view_version(InstanceId=iid, ViewId=vid)["View"]["Version"] == 1
    connect.update_view_content(InstanceId=iid, ViewId=f"{vid}:$SAVED", Status="PUBLISHED", Content=_content("Two"))
    assert _describe(connect, iid, vid)["Status"] == "PUBLISHED"
    assert connect.create_view_version(InstanceId=iid, ViewId=arn)["View"]["Version"] == 2
    with raises("InvalidRequestException", 400, match="immutable"):
        connect.update_view_content(InstanceId=iid, ViewId=f"{vid}:1", Status="SAVED", Content=_content())
    versions = connect.list_view_versions(InstanceId=iid, ViewId=vid, MaxResults=1)
    assert [v["Version"] for v in versions["ViewVersionSummaryList"]] == [2]
    rest = connect.list_view_versions(InstanceId=iid, ViewId=vid, NextToken=versions["NextToken"])
    assert [(v["Version"], v.get("VersionDescription")) for v in rest["ViewVersionSummaryList"]] == [(1, "first")]
    old = _describe(connect, iid, f"{vid}:1")
    assert json.loads(old["Content"]["Template"])["Head"]["Title"] == "Pick" and old["ViewContentSha256"] == latest_sha
    # a version a published flow shows cannot go; numbers are never reused
    flow = _show_view_flow(connect, iid, f"{arn}:1", "shows v1")
    with raises("ResourceInUseException", 409, match="shows v1"):
        connect.delete_view_version(InstanceId=iid, ViewId=vid, ViewVersion=1)
    connect.delete_view_version(InstanceId=iid, ViewId=vid, ViewVersion=2)
    with raises("ResourceNotFoundException", 404, match="no version 2"):
        _describe(connect, iid, f"{vid}:2")
    connect.update_view_content(InstanceId=iid, ViewId=vid, Status="PUBLISHED", Content=_content("Three"))
    assert connect.create_view_version(InstanceId=iid, ViewId=vid)["View"]["Version"] == 3

    # metadata: renamed, names unique, something to change
    other = _create(connect, iid, "Other", status="SAVED", Tags={"team": "qa"})
    with raises("DuplicateResourceException", 409):
        connect.update_view_metadata(InstanceId=iid, ViewId=other["Id"], Name="Cards")
    with raises("InvalidRequestException", 400, match="Name or a Description"):
        connect.update_view_metadata(InstanceId=iid, ViewId=other["Id"])
    connect.update_view_metadata(InstanceId=iid, ViewId=other["Id"], Name="Another", Description="renamed")
    # a view never published has no $LATEST
    with raises("ResourceNotFoundException", 404, match="no published content"):
        _describe(connect, iid, other["Id"])
    with raises("InvalidRequestException", 400, match="no published content"):
        connect.create_view_version(InstanceId=iid, ViewId=other["Id"])
    assert _describe(connect, iid, f"{other['Id']}:$SAVED")["Description"] == "renamed"

    # lists: sorted by type, then name; pages; searches over both types, with tags
    names = [v["Name"] for v in connect.list_views(InstanceId=iid)["ViewsSummaryList"]]
    assert names == ["After contact work", "Cards", "Confirmation", "Detail", "Form", "List", "Another", "Cards"]
    page = connect.list_views(InstanceId=iid, Type="CUSTOMER_MANAGED", MaxResults=1)
    assert [v["Name"] for v in page["ViewsSummaryList"]] == ["Another"]
    nxt = connect.list_views(InstanceId=iid, Type="CUSTOMER_MANAGED", NextToken=page["NextToken"])
    assert [v["Id"] for v in nxt["ViewsSummaryList"]] == [vid] and "NextToken" not in nxt
    found = connect.search_views(
        InstanceId=iid,
        SearchCriteria={
            "AndConditions": [
                {"ViewTypeCondition": "CUSTOMER_MANAGED"},
                {"ViewStatusCondition": "SAVED"},
                {"StringCondition": {"FieldName": "name", "Value": "ano", "ComparisonType": "STARTS_WITH"}},
            ]
        },
        SearchFilter={"AttributeFilter": {"TagCondition": {"TagKey": "team", "TagValue": "qa"}}},
    )
    assert [v["Id"] for v in found["Views"]] == [other["Id"]] and found["ApproximateTotalCount"] == 1
    managed = connect.search_views(InstanceId=iid, SearchCriteria={"ViewTypeCondition": "AWS_MANAGED"})
    assert managed["ApproximateTotalCount"] == len(vw.MANAGED_VIEWS)
    with raises("InvalidParameterException", 400, match="colour"):
        connect.search_views(
            InstanceId=iid,
            SearchCriteria={"StringCondition": {"FieldName": "colour", "Value": "x", "ComparisonType": "EXACT"}},
        )
    connect.tag_resource(resourceArn=arn, tags={"tier": "1"})
    assert _describe(connect, iid, f"{vid}:3")["Tags"] == {"team": "ops", "tier": "1"}

    # the lookup the participant service uses
    backend = connect_backends["123456789012"]["us-east-1"]
    assert vw.view_content(backend, iid, f"{vid}:1")["Version"] == 1  # type: ignore[index]
    assert vw.view_content(backend, iid, other["Id"]) is None
    assert vw.view_content(backend, "no-such-instance", vid) is None

    # delete: refused while a flow shows it, whole views only; then gone with its versions
    with raises("ResourceInUseException", 409, match="shows v1"):
        connect.delete_view(InstanceId=iid, ViewId=vid)
    connect.delete_contact_flow(InstanceId=iid, ContactFlowId=flow)
    with raises("InvalidRequestException", 400, match="qualifier"):
        connect.delete_view(InstanceId=iid, ViewId=f"{vid}:$SAVED")
    connect.delete_view(InstanceId=iid, ViewId=arn)
    for call in (
        lambda: connect.delete_view(InstanceId=iid, ViewId=vid),
        lambda: _describe(connect, iid, f"{vid}:1"),
        lambda: connect.list_view_versions(InstanceId=iid, ViewId=vid),
        lambda: connect.delete_view_version(InstanceId=iid, ViewId=vid, ViewVersion=1),
    ):
        with raises("ResourceNotFoundException", 404):
            call()
    assert _create(connect, iid, "Cards", Description="two cards", Tags={"team": "ops"}, ClientToken="t1")["Id"] != vid
    with raises("ResourceNotFoundException", 404, match="Instance"):
        _create(connect, "0" * 36, "Elsewhere")


def test_aws_managed_views(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    listed = connect.list_views(InstanceId=iid, Type="AWS_MANAGED")["ViewsSummaryList"]
    assert {v["Id"] for v in listed} == set(vw.MANAGED_VIEWS)
    form = "arn:aws:connect:us-east-1:aws:view/form"
    assert {v["Arn"] for v in listed} >= {form, "arn:aws:connect:us-east-1:aws:view/detail"}
    described = _describe(connect, iid, f"{form}:1")
    assert (described["Type"], described["Version"], described["Status"]) == ("AWS_MANAGED", 1, "PUBLISHED")
    assert described["Content"]["Actions"] == ["Back", "Next", "Step"] and "Tags" not in described
    assert _describe(connect, iid, form)["ViewContentSha256"] == described["ViewContentSha256"]
    with raises("ResourceNotFoundException", 404, match="named by their ARN"):
        _describe(connect, iid, "form")
    with raises("ResourceNotFoundException", 404, match="version 1 only"):
        _describe(connect, iid, f"{form}:2")
    with raises("ResourceNotFoundException", 404):
        _describe(connect, iid, "arn:aws:connect:eu-west-1:aws:view/form")
    versions = connect.list_view_versions(InstanceId=iid, ViewId=form)["ViewVersionSummaryList"]
    assert [(v["Version"], v["Type"]) for v in versions] == [(1, "AWS_MANAGED")]
    for call in (
        lambda: connect.delete_view(InstanceId=iid, ViewId=form),
        lambda: connect.update_view_metadata(InstanceId=iid, ViewId=form, Name="Mine"),
        lambda: connect.update_view_content(InstanceId=iid, ViewId=form, Status="SAVED", Content=_content()),
        lambda: connect.create_view_version(InstanceId=iid, ViewId=form),
        lambda: connect.delete_view_version(InstanceId=iid, ViewId=form, ViewVersion=1),
    ):
        with raises("InvalidRequestException", 400, match="AWS managed view"):
            call()
    # a customer view may reuse an AWS view's name; the AWS view is unchanged
    _create(connect, iid, "Form")
    assert _describe(connect, iid, form)["Name"] == "Form"


@pytest.mark.parametrize(
    ("content", "status", "message"),
    [
        ({"Template": "{not json", "Actions": []}, "SAVED", "not valid JSON"),
        ({"Template": "[1]", "Actions": []}, "SAVED", "JSON object"),
        ({"Template": _template("T"), "Actions": ["A", "A"]}, "SAVED", "more than once"),
        ({"Actions": ["A"]}, "PUBLISHED", "Template is required"),
        ({"Template": json.dumps({"Body": []}), "Actions": []}, "PUBLISHED", "Head object"),
        ({"Template": json.dumps({"Head": {"Title": ""}, "Body": []})}, "PUBLISHED", "Title"),
        ({"Template": json.dumps({"Head": {"Title": "T"}})}, "PUBLISHED", "Body list"),
        ({"Template": json.dumps({"Head": {"Title": "T"}, "Body": {}})}, "PUBLISHED", "list of components"),
        ({"Template": json.dumps({"Head": {"Title": "T"}, "Body": [{"Props": {}}]})}, "PUBLISHED", "no Type"),
        (
            {"Template": json.dumps({"Head": {"Title": "T"}, "Body": [{"Type": "Card", "Props": []}]})},
            "PUBLISHED",
            "Props must be an object",
        ),
        (
            {
                "Template": json.dumps(
                    {"Head": {"Title": "T"}, "Body": [{"Type": "A", "_id": "x"}, {"Type": "B", "_id": "x"}]}
                )
            },
            "PUBLISHED",
            "_id x is used more than once",
        ),
        ({"Template": _template("T", "Go"), "Actions": ["Skip"]}, "PUBLISHED", "Go, which is not in Content.Actions"),
    ],
)
def test_content_checks(
    connect: Any, instance: dict[str, Any], content: dict[str, Any], status: str, message: str
) -> None:
    iid = instance["Id"]
    with raises("InvalidParameterException", 400, match=message):
        connect.create_view(InstanceId=iid, Name="Bad", Status=status, Content=content)
    vid = _create(connect, iid, "Good")["Id"]
    with raises("InvalidParameterException", 400, match=message):
        connect.update_view_content(InstanceId=iid, ViewId=vid, Status=status, Content=content)
    assert _describe(connect, iid, f"{vid}:$SAVED")["Content"] == _describe(connect, iid, vid)["Content"]
    assert [v["Name"] for v in connect.list_views(InstanceId=iid, Type="CUSTOMER_MANAGED")["ViewsSummaryList"]] == [
        "Good"
    ]
    if status == "PUBLISHED" and "Template" in content:
        # "basic content validation if the status is SAVED": a draft may be unfinished
        connect.update_view_content(InstanceId=iid, ViewId=vid, Status="SAVED", Content=content)


def test_limits(connect: Any, instance: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    iid = instance["Id"]
    monkeypatch.setattr(vw, "VIEWS_PER_INSTANCE", 1)
    monkeypatch.setattr(vw, "VERSIONS_PER_VIEW", 1)
    vid = _create(connect, iid, "One")["Id"]
    with raises("ServiceQuotaExceededException", 402, match="1 views"):
        _create(connect, iid, "Two")
    _create(connect, new_instance(connect, "other")["Id"], "Two")  # another instance has its own count
    connect.create_view_version(InstanceId=iid, ViewId=vid)
    connect.update_view_content(InstanceId=iid, ViewId=vid, Status="PUBLISHED", Content=_content("New"))
    with raises("ServiceQuotaExceededException", 402, match="1 versions"):
        connect.create_view_version(InstanceId=iid, ViewId=vid)


def test_versions_take_no_metadata_update(connect: Any, instance: dict[str, Any]) -> None:
    # CreateViewVersion: "Versions are immutable"; UpdateViewMetadata names the view, not one of its versions
    iid = instance["Id"]
    vid = _create(connect, iid, "Kept")["Id"]
    connect.create_view_version(InstanceId=iid, ViewId=vid)
    for qualified in (f"{vid}:1", f"{vid}:7"):
        with raises("InvalidRequestException", 400, match="immutable"):
            connect.update_view_metadata(InstanceId=iid, ViewId=qualified, Name="Renamed")
    assert _describe(connect, iid, f"{vid}:1")["Name"] == "Kept"
    connect.update_view_metadata(InstanceId=iid, ViewId=f"{vid}:$SAVED", Description="Still the view")


def test_content_size(connect: Any, instance: dict[str, Any]) -> None:
    # CreateView/UpdateViewContent: "The total uncompressed content has a maximum file size of 400kB"
    iid = instance["Id"]
    big = {"Template": json.dumps({"Head": {"Title": "Big"}, "Body": [], "Note": "x" * 410_000}), "Actions": []}
    with raises("InvalidParameterException", 400, match="400 kB"):
        connect.create_view(InstanceId=iid, Name="Big", Status="SAVED", Content=big)
    vid = _create(connect, iid, "Small")["Id"]
    with raises("InvalidParameterException", 400, match="400 kB"):
        connect.update_view_content(InstanceId=iid, ViewId=vid, Status="SAVED", Content=big)
    fits = {**big, "Template": json.dumps({"Head": {"Title": "Big"}, "Body": [], "Note": "x" * 400_000})}
    connect.update_view_content(InstanceId=iid, ViewId=vid, Status="SAVED", Content=fits)


def test_last_modified_time(connect: Any, instance: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    # "Latest timestamp of the UpdateViewContent or CreateViewVersion operations"
    import datetime as dt

    from moto_connect_ext.core import resources

    iid = instance["Id"]
    view = _create(connect, iid, "Timed")
    created = view["LastModifiedTime"]
    for days, change in (
        (1, lambda: connect.update_view_metadata(InstanceId=iid, ViewId=view["Id"], Name="Renamed")),
        (2, lambda: connect.update_view_metadata(InstanceId=iid, ViewId=view["Id"], Description="Described")),
        (3, lambda: connect.update_view_content(InstanceId=iid, ViewId=view["Id"], Status="SAVED", Content=_content())),
        (4, lambda: connect.create_view_version(InstanceId=iid, ViewId=view["Id"])),
    ):
        monkeypatch.setattr(resources, "now", lambda days=days: created + dt.timedelta(days=days))
        change()
        expected = created if days < 3 else created + dt.timedelta(days=days)
        assert _describe(connect, iid, f"{view['Id']}:$SAVED")["LastModifiedTime"] == expected, days


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "views")["Id"]
    view = _create(connect, iid, "Served", status="SAVED", Tags={"k": "v"})
    with raises("ResourceNotFoundException", 404, match="no published content"):
        _describe(connect, iid, view["Id"])
    connect.update_view_content(InstanceId=iid, ViewId=view["Id"], Status="PUBLISHED", Content=_content())
    sha = _describe(connect, iid, view["Arn"])["ViewContentSha256"]
    assert connect.create_view_version(InstanceId=iid, ViewId=view["Id"], ViewContentSha256=sha)["View"]["Version"] == 1
    assert _describe(connect, iid, "arn:aws:connect:eu-west-2:aws:view/detail")["Version"] == 1
    with raises("InvalidParameterException", 400, match="Head object"):
        connect.update_view_content(
            InstanceId=iid, ViewId=view["Id"], Status="PUBLISHED", Content={"Template": "{}", "Actions": []}
        )
    connect.delete_view(InstanceId=iid, ViewId=view["Id"])
    assert connect.list_views(InstanceId=iid, Type="CUSTOMER_MANAGED")["ViewsSummaryList"] == []
