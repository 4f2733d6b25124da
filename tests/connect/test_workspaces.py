"""Workspaces through boto3: workspaces, pages, media, assignments and searches; and in server mode."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from moto_connect_ext.connect.workspaces import CUSTOM_PAGES_PER_INSTANCE, image_format
from tests.helpers import new_instance, new_user, raises
from tests.servers import server_client

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
MANAGED_VIEW = "arn:aws:connect:us-east-1:aws:view/detail"
THEME = {
    "Light": {
        "Palette": {
            "Header": {"Background": "#FFFFFF", "Text": "#000", "InvertActionsColors": True},
            "Primary": {"Default": "rgb(0, 120, 200)", "Active": "#0078c8ff"},
        },
        "Images": {"Logo": {"Default": "https://example.com/logo.png"}},
        "Typography": {"FontFamily": {"Default": "Verdana"}},
    },
    "Dark": {"Palette": {"Canvas": {"PageBackground": "hsl(210, 10%, 10%)"}}},
}


@pytest.fixture
def iid(instance: dict[str, Any]) -> str:
    return str(instance["Id"])


def _workspace(connect: Any, iid: str, wid: str) -> dict[str, Any]:
    return dict(connect.describe_workspace(InstanceId=iid, WorkspaceId=wid)["Workspace"])


def _search(connect: Any, iid: str, **request: Any) -> tuple[list[str], int]:
    answer = connect.search_workspaces(InstanceId=iid, **request)
    return [w["Name"] for w in answer["Workspaces"]], answer["ApproximateTotalCount"]


def test_workspace_round_trip(connect: Any, iid: str, instance: dict[str, Any]) -> None:
    created = connect.create_workspace(
        InstanceId=iid, Name="Agents", Description="For agents", Title="Agent desk", Theme=THEME, Tags={"team": "a"}
    )
    wid = created["WorkspaceId"]
    assert created["WorkspaceArn"] == f"{instance['Arn']}/workspace/{wid}"
    described = _workspace(connect, iid, wid)
    assert described["Visibility"] == "NONE" and described["Theme"] == THEME
    assert described["Tags"] == {"team": "a"} and described["Title"] == "Agent desk"
    assert described["LastModifiedRegion"] == "us-east-1"
    other = connect.create_workspace(InstanceId=iid, Name="Supervisors")["WorkspaceId"]

    # names are unique per instance, on create and on rename; a refusal changes nothing
    with raises("DuplicateResourceException", 409, match="Agents"):
        connect.create_workspace(InstanceId=iid, Name="Agents")
    with raises("DuplicateResourceException"):
        connect.update_workspace_metadata(InstanceId=iid, WorkspaceId=other, Name="Agents")
    for bad, message in (
        ({"Description": "x" * 251}, "250"),
        ({"Theme": {"Light": {"Palette": {"Header": {"Text": "blue-ish"}}}}}, "Header.Text"),
        ({"Theme": {"Dark": {"Images": {"Logo": {"Favicon": "logo.png"}}}}}, "Favicon"),
    ):
        with raises("InvalidParameterException", 400, match=message):
            connect.create_workspace(InstanceId=iid, Name="Broken", **bad)
    with raises("InvalidParameterException", match="Background"):
        connect.update_workspace_theme(
            InstanceId=iid, WorkspaceId=wid, Theme={"Light": {"Palette": {"Header": {"Background": "#12"}}}}
        )
    assert _workspace(connect, iid, wid)["Theme"] == THEME
    assert [w["Name"] for w in connect.list_workspaces(InstanceId=iid)["WorkspaceSummaryList"]] == [
        "Agents",
        "Supervisors",
    ]

    # the updates, each on its own attributes
    connect.update_workspace_metadata(InstanceId=iid, WorkspaceId=wid, Name="Front line", Description="")
    connect.update_workspace_visibility(InstanceId=iid, WorkspaceId=wid, Visibility="ASSIGNED")
    connect.update_workspace_theme(InstanceId=iid, WorkspaceId=other, Theme={"Dark": THEME["Dark"]})
    connect.update_workspace_theme(InstanceId=iid, WorkspaceId=wid)  # back to Connect's default theme
    described = _workspace(connect, iid, wid)
    assert (described["Name"], described["Description"], described["Visibility"]) == ("Front line", "", "ASSIGNED")
    assert "Theme" not in described and described["Title"] == "Agent desk"
    assert _workspace(connect, iid, other)["Theme"] == {"Dark": THEME["Dark"]}

    # searches: name, visibility, title, tags; a stable walk with totals
    visible = {"StringCondition": {"FieldName": "Visibility", "Value": "ASSIGNED", "ComparisonType": "EXACT"}}
    assert _search(connect, iid, SearchCriteria=visible) == (["Front line"], 1)
    titled = {"StringCondition": {"FieldName": "title", "Value": "agent", "ComparisonType": "CONTAINS"}}
    assert _search(connect, iid, SearchCriteria=titled) == (["Front line"], 1)
    tagged = {"AttributeFilter": {"TagCondition": {"TagKey": "team", "TagValue": "a"}}}
    assert _search(connect, iid, SearchFilter=tagged) == (["Front line"], 1)
    found = connect.search_workspaces(InstanceId=iid, MaxResults=1)
    assert found["ApproximateTotalCount"] == 2 and found["Workspaces"][0]["CreatedAt"]
    following = connect.search_workspaces(InstanceId=iid, MaxResults=1, NextToken=found["NextToken"])
    assert [w["Name"] for w in following["Workspaces"]] == ["Supervisors"]
    with raises("InvalidParameterException"):
        connect.search_workspaces(
            InstanceId=iid, SearchCriteria={"StringCondition": {"FieldName": "colour", "Value": "x"}}
        )

    connect.tag_resource(resourceArn=created["WorkspaceArn"], tags={"tier": "1"})
    assert _workspace(connect, iid, wid)["Tags"] == {"team": "a", "tier": "1"}
    connect.delete_workspace(InstanceId=iid, WorkspaceId=wid)
    for call in (
        lambda: connect.describe_workspace(InstanceId=iid, WorkspaceId=wid),
        lambda: connect.delete_workspace(InstanceId=iid, WorkspaceId=wid),
        lambda: connect.update_workspace_visibility(InstanceId=iid, WorkspaceId=wid, Visibility="ALL"),
        lambda: connect.list_workspace_pages(InstanceId=iid, WorkspaceId=wid),
        lambda: connect.list_workspaces(InstanceId="no-such-instance"),
    ):
        with raises("ResourceNotFoundException", 404):
            call()
    # its name is free again
    connect.create_workspace(InstanceId=iid, Name="Agents")


def _view(connect: Any, iid: str, name: str, status: str = "PUBLISHED") -> dict[str, Any]:
    body = [{"_id": "b", "Type": "Button", "Props": {"Action": "Next", "Label": "$.Label"}}]
    content = {"Template": json.dumps({"Head": {"Title": name}, "Body": body}), "Actions": ["Next"]}
    return dict(connect.create_view(InstanceId=iid, Name=name, Status=status, Content=content)["View"])


def test_pages(connect: Any, iid: str, instance: dict[str, Any]) -> None:
    wid = connect.create_workspace(InstanceId=iid, Name="Main")["WorkspaceId"]
    view = _view(connect, iid, "Reports view")["Arn"]
    draft = _view(connect, iid, "Draft view", status="SAVED")["Arn"]

    def create(page: str, view: str = MANAGED_VIEW, workspace: str = wid, **kw: Any) -> None:
        connect.create_workspace_page(InstanceId=iid, WorkspaceId=workspace, Page=page, ResourceArn=view, **kw)

    def pages(**kw: Any) -> list[dict[str, Any]]:
        return list(connect.list_workspace_pages(InstanceId=iid, WorkspaceId=wid, **kw)["WorkspacePageList"])

    create("HOME")
    create("Reports", f"{view}:$LATEST", Slug="reports", InputData='{"queue": "sales"}')
    assert [p["Page"] for p in pages()] == ["HOME", "Reports"]
    assert pages()[0] == {"Page": "HOME", "ResourceArn": MANAGED_VIEW}
    assert pages()[1]["Slug"] == "reports" and pages()[1]["InputData"] == '{"queue": "sales"}'
    # the view must exist, with the version the ARN names
    for missing in (
        f"{instance['Arn']}/view/no-such-view",
        f"{view}:7",
        draft,  # never published: no $LATEST
        "arn:aws:connect:us-east-1:aws:view/no-such-view",
        "arn:aws:connect:eu-west-1:aws:view/detail",
    ):
        with raises("ResourceNotFoundException", 404):
            create("Stats", missing)
    create("Drafts", f"{draft}:$SAVED")
    connect.delete_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="Drafts")

    other_instance = "arn:aws:connect:us-east-1:123456789012:instance/another/view/v1"
    for page, view, kw, code, message in (
        ("HOME", MANAGED_VIEW, {}, "DuplicateResourceException", "HOME"),
        ("Stats", MANAGED_VIEW, {"Slug": "reports"}, "DuplicateResourceException", "slug reports"),
        ("aws:custom", MANAGED_VIEW, {}, "InvalidParameterException", "aws: or connect:"),
        ("Connect:mine", MANAGED_VIEW, {}, "InvalidParameterException", "aws: or connect:"),
        ("Stats", other_instance, {}, "InvalidParameterException", "not the ARN of a view of instance"),
        ("Stats", f"{instance['Arn']}/queue/q1", {}, "InvalidParameterException", "not the ARN of a view"),
        ("Stats", "arn:aws:s3:::bucket", {}, "InvalidParameterException", "not the ARN of an Amazon Connect view"),
        ("Stats", MANAGED_VIEW, {"InputData": "{not json"}, "InvalidParameterException", "JSON"),
        ("Stats", MANAGED_VIEW, {"InputData": "[1, 2]"}, "InvalidParameterException", "JSON object"),
    ):
        with raises(code, match=message):
            create(page, view, **kw)
    assert len(pages()) == 2

    # a page is renamed, moved to another view, given other inputs; a rename onto a page is refused
    connect.update_workspace_page(
        InstanceId=iid, WorkspaceId=wid, Page="Reports", NewPage="Insights", Slug="insights", InputData="{}"
    )
    with raises("DuplicateResourceException"):
        connect.update_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="Insights", NewPage="HOME")
    with raises("InvalidParameterException"):
        connect.update_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="Insights", ResourceArn="arn:aws:x")
    assert pages()[1] == {
        "Page": "Insights",
        "ResourceArn": pages()[1]["ResourceArn"],
        "Slug": "insights",
        "InputData": "{}",
    }
    first = connect.list_workspace_pages(InstanceId=iid, WorkspaceId=wid, MaxResults=1)
    assert [p["Page"] for p in first["WorkspacePageList"]] == ["HOME"]
    rest = connect.list_workspace_pages(InstanceId=iid, WorkspaceId=wid, NextToken=first["NextToken"])
    assert [p["Page"] for p in rest["WorkspacePageList"]] == ["Insights"] and "NextToken" not in rest

    connect.delete_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="HOME")
    for call in (
        lambda: connect.delete_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="HOME"),
        lambda: connect.update_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="HOME", Slug="home"),
    ):
        with raises("ResourceNotFoundException", 404, match="no page HOME"):
            call()

    # at most 17 custom pages in the instance, whatever their workspace; system pages do not count
    second = connect.create_workspace(InstanceId=iid, Name="Second")["WorkspaceId"]
    for n in range(CUSTOM_PAGES_PER_INSTANCE - 1):
        create(f"Custom {n}", workspace=second)
    with raises("ServiceQuotaExceededException", match="17 custom pages"):
        create("One too many", workspace=second)
    create("AGENT_EXPERIENCE", workspace=second)
    with raises("InvalidRequestException", match="17 custom pages"):
        connect.update_workspace_page(InstanceId=iid, WorkspaceId=second, Page="AGENT_EXPERIENCE", NewPage="Mine")
    connect.update_workspace_page(InstanceId=iid, WorkspaceId=second, Page="Custom 0", NewPage="Custom zero")
    # deleting a workspace frees its pages
    connect.delete_workspace(InstanceId=iid, WorkspaceId=wid)
    create("Now it fits", workspace=second)


def test_media(connect: Any, moto_connect: Any, iid: str) -> None:
    wid = connect.create_workspace(InstanceId=iid, Name="Branded")["WorkspaceId"]
    s3 = moto_connect.client("s3")
    s3.create_bucket(Bucket="branding")
    s3.put_object(Bucket="branding", Key="logo.svg", Body=b'<?xml version="1.0"?><svg xmlns="x"></svg>')
    s3.put_object(Bucket="branding", Key="notes.txt", Body=b"hello")
    s3.put_object(Bucket="branding", Key="huge.png", Body=PNG + b"\x00" * 400_000)

    def media() -> dict[str, str]:
        listed = connect.list_workspace_media(InstanceId=iid, WorkspaceId=wid)["Media"]
        return {m["Type"]: m["Source"] for m in listed}

    def put(media_type: str, source: str) -> None:
        connect.import_workspace_media(InstanceId=iid, WorkspaceId=wid, MediaType=media_type, MediaSource=source)

    assert media() == {}
    inline = base64.b64encode(PNG).decode()
    url = "https://branding.s3.us-east-1.amazonaws.com/logo.svg?X-Amz-Signature=abc"
    put("IMAGE_LOGO_LIGHT_FAVICON", inline)
    put("IMAGE_LOGO_DARK_HORIZONTAL", url)
    put("IMAGE_LOGO_DARK_FAVICON", "data:image/png;base64," + inline)
    assert media() == {
        "IMAGE_LOGO_LIGHT_FAVICON": inline,
        "IMAGE_LOGO_DARK_HORIZONTAL": url,
        "IMAGE_LOGO_DARK_FAVICON": "data:image/png;base64," + inline,
    }
    for source, message in (
        ("not base64 !", "base64"),
        (base64.b64encode(b"plain text").decode(), "not an image"),
        ("https://example.com/logo.png", "S3 presigned URL"),
        ("https://branding.s3.us-east-1.amazonaws.com/missing.png", "no object missing.png"),
        ("https://nobucket.s3.us-east-1.amazonaws.com/a.png", "bucket nobucket does not exist"),
        ("https://branding.s3.us-east-1.amazonaws.com/notes.txt", "not an image"),
        ("https://branding.s3.us-east-1.amazonaws.com/huge.png", "400000 bytes"),
        ("data:text/plain;base64," + inline, "data URL"),
    ):
        with raises("InvalidParameterException", 400, match=message):
            put("IMAGE_LOGO_LIGHT_HORIZONTAL", source)
    # importing a type again replaces its media
    put("IMAGE_LOGO_LIGHT_FAVICON", url)
    assert media()["IMAGE_LOGO_LIGHT_FAVICON"] == url and len(media()) == 3

    connect.delete_workspace_media(InstanceId=iid, WorkspaceId=wid, MediaType="IMAGE_LOGO_DARK_FAVICON")
    with raises("ResourceNotFoundException", 404, match="IMAGE_LOGO_DARK_FAVICON"):
        connect.delete_workspace_media(InstanceId=iid, WorkspaceId=wid, MediaType="IMAGE_LOGO_DARK_FAVICON")
    assert set(media()) == {"IMAGE_LOGO_LIGHT_FAVICON", "IMAGE_LOGO_DARK_HORIZONTAL"}
    with raises("ResourceNotFoundException"):
        connect.list_workspace_media(InstanceId=iid, WorkspaceId="nope")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG, "PNG"),
        (b"\xff\xd8\xff\xe0rest", "JPEG"),
        (b"GIF89a...", "GIF"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "WEBP"),
        (b"\x00\x00\x01\x00\x01\x00", "ICO"),
        (b"  <svg viewBox='0 0 1 1'/>", "SVG"),
        (b"%PDF-1.4", None),
    ],
)
def test_image_format(data: bytes, kind: str | None) -> None:
    assert image_format(data) == kind


def test_assignments(connect: Any, iid: str, instance: dict[str, Any]) -> None:
    arn = instance["Arn"]
    wid = connect.create_workspace(InstanceId=iid, Name="Assigned", Tags={"scope": "agents"})["WorkspaceId"]
    other = connect.create_workspace(InstanceId=iid, Name="Other")["WorkspaceId"]
    profile = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]
    security = connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]
    user = new_user(connect, iid, "ada", IdentityInfo={"FirstName": "Ada", "LastName": "L"})
    queue = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Arn"]
    missing = f"{arn}/agent/00000000-0000-0000-0000-000000000000"
    elsewhere = "arn:aws:connect:us-east-1:123456789012:instance/another/agent/u1"

    answer = connect.associate_workspace(
        InstanceId=iid,
        WorkspaceId=wid,
        ResourceArns=[user["UserArn"], profile["Arn"], missing, queue, security["Arn"], elsewhere, "nonsense"],
    )
    assert answer["SuccessfulList"] == [{"ResourceArn": user["UserArn"]}, {"ResourceArn": profile["Arn"]}]
    assert [(f["ResourceArn"], f["ErrorCode"]) for f in answer["FailedList"]] == [
        (missing, "404"),
        (queue, "400"),
        (security["Arn"], "400"),
        (elsewhere, "400"),
        ("nonsense", "400"),
    ]
    again = connect.associate_workspace(InstanceId=iid, WorkspaceId=wid, ResourceArns=[profile["Arn"]])
    assert again["SuccessfulList"] == [] and again["FailedList"][0]["ErrorCode"] == "409"
    connect.associate_workspace(InstanceId=iid, WorkspaceId=other, ResourceArns=[profile["Arn"]])

    def search(**request: Any) -> tuple[list[tuple[str, str, str]], int]:
        found = connect.search_workspace_associations(InstanceId=iid, **request)
        rows = [(a["WorkspaceId"], a["ResourceType"], a["ResourceName"]) for a in found["WorkspaceAssociations"]]
        return rows, found["ApproximateTotalCount"]

    everything = connect.search_workspace_associations(InstanceId=iid)["WorkspaceAssociations"]
    assert everything[0] == {
        "WorkspaceId": wid,
        "WorkspaceArn": f"{arn}/workspace/{wid}",
        "ResourceId": user["UserId"],
        "ResourceArn": user["UserArn"],
        "ResourceType": "USER",
        "ResourceName": "ada",
    }
    by_workspace = {"StringCondition": {"FieldName": "workspaceId", "Value": wid, "ComparisonType": "EXACT"}}
    assert search(SearchCriteria=by_workspace) == (
        [(wid, "USER", "ada"), (wid, "ROUTING_PROFILE", profile["Name"])],
        2,
    )
    profiles = {"StringCondition": {"FieldName": "resourceType", "Value": "ROUTING_PROFILE", "ComparisonType": "EXACT"}}
    assert search(SearchCriteria=profiles)[1] == 2
    tagged = {"AttributeFilter": {"TagCondition": {"TagKey": "scope", "TagValue": "agents"}}}
    assert search(SearchFilter=tagged)[1] == 2
    page = connect.search_workspace_associations(InstanceId=iid, MaxResults=2)
    rest = connect.search_workspace_associations(InstanceId=iid, NextToken=page["NextToken"])
    assert len(page["WorkspaceAssociations"]) == 2 and [a["WorkspaceId"] for a in rest["WorkspaceAssociations"]] == [
        other
    ]

    # a deleted user's assignment goes with it; disassociating twice fails per ARN
    connect.delete_user(InstanceId=iid, UserId=user["UserId"])
    assert search()[1] == 2
    gone = connect.disassociate_workspace(InstanceId=iid, WorkspaceId=wid, ResourceArns=[profile["Arn"], queue])
    assert gone["SuccessfulList"] == [{"ResourceArn": profile["Arn"]}] and gone["FailedList"][0]["ErrorCode"] == "400"
    twice = connect.disassociate_workspace(InstanceId=iid, WorkspaceId=wid, ResourceArns=[profile["Arn"]])
    assert twice["FailedList"][0]["ErrorCode"] == "404"
    assert search() == ([(other, "ROUTING_PROFILE", profile["Name"])], 1)
    # deleting a workspace removes its assignments
    connect.delete_workspace(InstanceId=iid, WorkspaceId=other)
    assert search() == ([], 0)
    with raises("ResourceNotFoundException"):
        connect.associate_workspace(InstanceId=iid, WorkspaceId=other, ResourceArns=[profile["Arn"]])


# -- server mode -------------------------------------------------------------------------
def test_workspaces_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    created = new_instance(connect, "served")
    iid = created["Id"]
    workspace = connect.create_workspace(InstanceId=iid, Name="Served", Theme=THEME, Tags={"k": "v"})
    wid = workspace["WorkspaceId"]
    assert workspace["WorkspaceArn"].startswith("arn:aws:connect:eu-west-2:")
    connect.create_workspace_page(
        InstanceId=iid, WorkspaceId=wid, Page="HOME", ResourceArn="arn:aws:connect:eu-west-2:aws:view/detail"
    )
    connect.import_workspace_media(
        InstanceId=iid,
        WorkspaceId=wid,
        MediaType="IMAGE_LOGO_LIGHT_HORIZONTAL",
        MediaSource=base64.b64encode(PNG).decode(),
    )
    profile = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Arn"]
    assert connect.associate_workspace(InstanceId=iid, WorkspaceId=wid, ResourceArns=[profile])["SuccessfulList"]
    described = connect.describe_workspace(InstanceId=iid, WorkspaceId=wid)["Workspace"]
    assert described["Theme"] == THEME and described["LastModifiedRegion"] == "eu-west-2"
    assert connect.list_workspace_pages(InstanceId=iid, WorkspaceId=wid)["WorkspacePageList"][0]["Page"] == "HOME"
    assert connect.list_workspace_media(InstanceId=iid, WorkspaceId=wid)["Media"][0]["Type"].endswith("HORIZONTAL")
    assert connect.search_workspace_associations(InstanceId=iid)["ApproximateTotalCount"] == 1
    with raises("DuplicateResourceException", 409):
        connect.create_workspace(InstanceId=iid, Name="Served")
    connect.delete_workspace(InstanceId=iid, WorkspaceId=wid)
    assert connect.search_workspace_associations(InstanceId=iid)["ApproximateTotalCount"] == 0


def test_a_view_a_page_shows_cannot_be_deleted(connect: Any, iid: str) -> None:
    wid = connect.create_workspace(InstanceId=iid, Name="Main")["WorkspaceId"]
    view = _view(connect, iid, "Reports view")
    vid, arn = view["Id"], view["Arn"]
    for n in (1, 2):
        content = {"Template": view["Content"]["Template"], "Actions": ["Next", f"Other{n}"]}
        connect.update_view_content(InstanceId=iid, ViewId=vid, Status="PUBLISHED", Content=content)
        connect.create_view_version(InstanceId=iid, ViewId=vid)
    connect.create_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="Reports", ResourceArn=f"{arn}:1")
    # the page names version 1: the view and that version are in use, version 2 is not
    with raises("ResourceInUseException", 409, match="page Reports"):
        connect.delete_view(InstanceId=iid, ViewId=vid)
    with raises("ResourceInUseException", 409, match="page Reports"):
        connect.delete_view_version(InstanceId=iid, ViewId=vid, ViewVersion=1)
    connect.delete_view_version(InstanceId=iid, ViewId=vid, ViewVersion=2)
    assert [v["Version"] for v in connect.list_view_versions(InstanceId=iid, ViewId=vid)["ViewVersionSummaryList"]] == [
        1
    ]
    # once the page shows another view, the view can go
    connect.update_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="Reports", ResourceArn=MANAGED_VIEW)
    connect.delete_view_version(InstanceId=iid, ViewId=vid, ViewVersion=1)
    connect.create_workspace_page(InstanceId=iid, WorkspaceId=wid, Page="HOME", ResourceArn=arn)
    with raises("ResourceInUseException", 409, match="page HOME"):
        connect.delete_view(InstanceId=iid, ViewId=arn)
    connect.delete_workspace(InstanceId=iid, WorkspaceId=wid)
    connect.delete_view(InstanceId=iid, ViewId=arn)
