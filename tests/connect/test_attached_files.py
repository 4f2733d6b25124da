"""Attached files through boto3: uploads to cases, email contacts and tasks (S3 in moto where the
instance's attachments storage is), voice recordings of ended contacts, and the family in server mode."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from moto.moto_api import state_manager

from moto_connect_ext.connect import contacts
from moto_connect_ext.connect.attached_files import FILE_MODEL
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from tests.helpers import new_instance, new_user, raises
from tests.servers import server_client

CALLER = Caller("123456789012", "us-east-1", "aws")
BUCKET = "connect-attachments"


def _case(cases: Any) -> str:
    domain = cases.create_domain(name="files")["domainId"]
    template = cases.create_template(domainId=domain, name="files")["templateId"]
    created = cases.create_case(
        domainId=domain, templateId=template, fields=[{"id": "title", "value": {"stringValue": "Broken"}}]
    )
    return str(created["caseArn"])


def _contact(iid: str, channel: str, method: str = "API") -> Any:
    backend = connect_backends[CALLER.account_id][CALLER.region]
    return contacts.start(backend.resources, backend.instance(iid), CALLER, channel, method)


def _start(connect: Any, iid: str, arn: str, name: str = "photo.png", size: int = 5, **kw: Any) -> dict[str, Any]:
    request = {"FileUseCaseType": "ATTACHMENT", **kw}
    return dict(
        connect.start_attached_file_upload(
            InstanceId=iid, AssociatedResourceArn=arn, FileName=name, FileSizeInBytes=size, **request
        )
    )


@pytest.fixture
def manual() -> Iterator[None]:
    state_manager.set_transition(FILE_MODEL, {"progression": "manual", "times": 1})
    yield
    state_manager.unset_transition(FILE_MODEL)


def test_a_case_attachment_from_upload_to_delete(moto_connect: Any, connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    case = _case(moto_connect.client("connectcases"))
    started = _start(connect, iid, case, "Crack photo.png", 1234, Tags={"team": "claims"}, UrlExpiryInSeconds=60)
    fid = started["FileId"]
    assert started["FileArn"] == f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/file/{fid}"
    assert started["FileStatus"] == "PROCESSING"
    assert started["CreatedBy"]["AWSIdentityArn"].startswith("arn:aws:")
    created = dt.datetime.strptime(started["CreationTime"], "%Y-%m-%dT%H:%M:%S.%fZ")
    upload = started["UploadUrlMetadata"]
    assert upload["HeadersToInclude"] == {"Content-Type": "image/png"}
    expiry = dt.datetime.strptime(upload["UrlExpiry"], "%Y-%m-%dT%H:%M:%S.%fZ")
    assert dt.timedelta(seconds=59) < expiry - created <= dt.timedelta(seconds=61)
    url = urllib.parse.urlsplit(upload["Url"])
    assert url.scheme == "https" and url.hostname and url.hostname.endswith(".s3.us-east-1.amazonaws.com")
    assert f"/Attachments/case/{created:%Y/%m/%d}/{fid}_" in url.path and url.path.endswith(".png")
    query = urllib.parse.parse_qs(url.query)
    assert query["X-Amz-Expires"] == ["60"] and query["X-Amz-SignedHeaders"] == ["content-type;host"]

    # retried with its client token: the same file; the token with another request: refused
    again = _start(connect, iid, case, "Crack photo.png", 1234, Tags={"team": "claims"}, UrlExpiryInSeconds=60)
    assert again["FileId"] != fid  # no token, another file
    token = {"ClientToken": "upload-1"}
    first = _start(connect, iid, case, "a.pdf", 10, **token)
    assert _start(connect, iid, case, "a.pdf", 10, **token)["FileId"] == first["FileId"]
    with raises("InvalidRequestException", 400, match="ClientToken"):
        _start(connect, iid, case, "b.pdf", 10, **token)

    ids = {"InstanceId": iid, "FileId": fid, "AssociatedResourceArn": case}
    pending = connect.get_attached_file(**ids)
    assert pending["FileStatus"] == "PROCESSING" and "DownloadUrlMetadata" not in pending
    connect.complete_attached_file_upload(**ids)
    with raises("InvalidRequestException", 400, match="already complete"):
        connect.complete_attached_file_upload(**ids)
    got = dict(connect.get_attached_file(**ids, UrlExpiryInSeconds=30, UrlContentDisposition="ATTACHMENT"))
    got.pop("ResponseMetadata")
    download = got.pop("DownloadUrlMetadata")
    assert got == {
        "FileArn": started["FileArn"],
        "FileId": fid,
        "CreationTime": started["CreationTime"],
        "FileStatus": "APPROVED",
        "FileName": "Crack photo.png",
        "FileSizeInBytes": 1234,
        "AssociatedResourceArn": case,
        "FileUseCaseType": "ATTACHMENT",
        "CreatedBy": started["CreatedBy"],
        "Tags": {"team": "claims"},
    }
    shown = urllib.parse.parse_qs(urllib.parse.urlsplit(download["Url"]).query)
    assert shown["response-content-disposition"] == ['attachment; filename="Crack photo.png"']
    assert shown["X-Amz-Expires"] == ["30"]
    assert connect.list_tags_for_resource(resourceArn=started["FileArn"])["tags"] == {"team": "claims"}

    batch = connect.batch_get_attached_file_metadata(
        InstanceId=iid, AssociatedResourceArn=case, FileIds=[fid, "missing", fid, first["FileId"]]
    )
    assert [f["FileId"] for f in batch["Files"]] == [fid, first["FileId"]]
    assert [f["FileStatus"] for f in batch["Files"]] == ["APPROVED", "PROCESSING"]
    assert batch["Errors"] == [
        {"ErrorCode": "ResourceNotFoundException", "ErrorMessage": "File not found: missing", "FileId": "missing"}
    ]
    other = case.replace("/case/", "/case/x")
    for call in (connect.get_attached_file, connect.complete_attached_file_upload, connect.delete_attached_file):
        with raises("ResourceNotFoundException", 404, match="is not attached to"):
            call(InstanceId=iid, FileId=fid, AssociatedResourceArn=other)
    assert (
        connect.batch_get_attached_file_metadata(InstanceId=iid, AssociatedResourceArn=other, FileIds=[fid])["Errors"][
            0
        ]["FileId"]
        == fid
    )

    connect.delete_attached_file(**ids)
    for call in (connect.get_attached_file, connect.delete_attached_file, connect.complete_attached_file_upload):
        with raises("ResourceNotFoundException", 404, match="File not found"):
            call(**ids)
    with raises("ResourceNotFoundException", 404):
        connect.get_attached_file(InstanceId="no-such-instance", FileId=fid, AssociatedResourceArn=case)
    # deleting the file the token made lets the token make another
    connect.delete_attached_file(InstanceId=iid, FileId=first["FileId"], AssociatedResourceArn=case)
    assert _start(connect, iid, case, "a.pdf", 10, **token)["FileId"] != first["FileId"]


def test_uploads_land_in_the_instance_attachments_bucket(moto_connect: Any, connect: Any, manual: None) -> None:
    iid = new_instance(connect, "stored")["Id"]
    s3 = moto_connect.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    connect.associate_instance_storage_config(
        InstanceId=iid,
        ResourceType="ATTACHMENTS",
        StorageConfig={"StorageType": "S3", "S3Config": {"BucketName": BUCKET, "BucketPrefix": "connect/stored"}},
    )
    task = _contact(iid, "TASK")
    started = _start(connect, iid, task.arn, "notes.txt", 11)
    upload = started["UploadUrlMetadata"]
    url = urllib.parse.urlsplit(upload["Url"])
    assert url.hostname == f"{BUCKET}.s3.us-east-1.amazonaws.com"
    key = urllib.parse.unquote(url.path[1:])
    assert key.startswith("connect/stored/Attachments/task/") and key.endswith(".txt")
    ids = {"InstanceId": iid, "FileId": started["FileId"], "AssociatedResourceArn": task.arn}
    with raises("InvalidRequestException", 400, match="has not been uploaded"):
        connect.complete_attached_file_upload(**ids)
    s3.put_object(Bucket=BUCKET, Key=key, Body=b"too long, by far")
    with raises("InvalidRequestException", 400, match="announced as 11 bytes but 16"):
        connect.complete_attached_file_upload(**ids)
    # the upload URL takes a PUT, as S3's pre-signed URLs do
    answer = requests.put(upload["Url"], data=b"hello world", headers=upload["HeadersToInclude"], timeout=10)
    assert answer.status_code == 200, answer.text
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == b"hello world"
    connect.complete_attached_file_upload(**ids)
    # scanned through moto's state manager: PROCESSING until it progresses
    assert connect.get_attached_file(**ids)["FileStatus"] == "PROCESSING"
    assert "DownloadUrlMetadata" not in connect.get_attached_file(**ids)
    state_manager.unset_transition(FILE_MODEL)
    download = connect.get_attached_file(**ids)["DownloadUrlMetadata"]["Url"]
    assert download.startswith(f"https://{BUCKET}.s3.us-east-1.amazonaws.com/connect/stored/Attachments/task/")
    connect.delete_attached_file(**ids)
    assert s3.list_objects_v2(Bucket=BUCKET)["KeyCount"] == 0


def test_targets_use_cases_and_limits(moto_connect: Any, connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    case = _case(moto_connect.client("connectcases"))
    email, voice, chat = _contact(iid, "EMAIL", "OUTBOUND"), _contact(iid, "VOICE"), _contact(iid, "CHAT")
    other_iid = new_instance(connect, "other")["Id"]
    elsewhere = _contact(other_iid, "TASK")
    # an email message (not held to the file types) and an attachment of an email contact
    message = _start(connect, iid, email.arn, "message", 100, FileUseCaseType="EMAIL_MESSAGE")
    assert message["FileStatus"] == "PROCESSING"
    _start(connect, iid, email.arn, "invoice.pdf", 20 * 1024 * 1024)
    bad: list[tuple[str, dict[str, Any], str]] = [
        (case, {"name": "virus.exe"}, ".exe files cannot be attached to CASE"),
        (case, {"name": "README"}, "files without an extension"),
        (case, {"FileUseCaseType": "EMAIL_MESSAGE"}, "message of an email contact"),
        (case, {"FileUseCaseType": "VOICE_RECORDING"}, "cannot be uploaded"),
        (voice.arn, {}, "is a VOICE contact"),
        (chat.arn, {}, "is a CHAT contact"),
        (elsewhere.arn, {}, "contact of another instance"),
        (email.arn.replace(email.id, "nope"), {}, "Contact not found"),
        (case.replace("123456789012", "210987654321"), {}, "not in this account"),
        (case.replace("us-east-1", "eu-west-1"), {}, "not in this account"),
        (case.replace("/case/", "/case/x"), {}, "AssociatedResourceArn"),
        (f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/queue/q", {}, "not a resource files"),
        ("not-an-arn", {}, "is not an ARN"),
        (case, {"CreatedBy": {"AWSIdentityArn": "arn:aws:iam::123456789012:user/x"}}, "set by Amazon Connect"),
        (case, {"CreatedBy": {"ConnectUserArn": f"{instance['Arn']}/agent/nobody"}}, "not a user"),
    ]
    for arn, kw, message_part in bad:
        with raises("InvalidRequestException", 400, match=message_part):
            _start(connect, iid, arn, **kw)
    with raises("InvalidRequestException", 400, match="Instance not found"):
        _start(connect, "no-such-instance", case)
    with raises("ServiceQuotaExceededException", 402, match="over the limit of 20971520"):
        _start(connect, iid, case, size=20 * 1024 * 1024 + 1)
    # the instance's own configuration of a scope applies to that scope only
    connect.update_attached_files_configuration(
        InstanceId=iid,
        AttachmentScope="CASE",
        MaximumSizeLimitInBytes=10,
        ExtensionConfiguration={"AllowedExtensions": [{"Extension": "EXE"}]},
    )
    assert _start(connect, iid, case, "tool.exe", 10)["FileStatus"] == "PROCESSING"
    with raises("ServiceQuotaExceededException", 402):
        _start(connect, iid, case, "tool.exe", 11)
    with raises("InvalidRequestException", 400, match="exe are allowed"):
        _start(connect, iid, case, "photo.png", 5)
    _start(connect, iid, email.arn, "photo.png", 5000)
    # a Connect user of the instance as the creator
    user = new_user(connect, iid)
    by = {"ConnectUserArn": user["UserArn"]}
    assert _start(connect, iid, email.arn, CreatedBy=by)["CreatedBy"] == by


def test_voice_recordings_of_ended_contacts(moto_connect: Any, connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    s3 = moto_connect.client("s3")
    s3.create_bucket(Bucket="recordings")
    s3.put_object(Bucket="recordings", Key="calls/call-1.wav", Body=b"RIFF....WAVE")
    s3.put_object(Bucket="recordings", Key="empty.wav", Body=b"")
    backend = connect_backends[CALLER.account_id][CALLER.region]
    voice, task = _contact(iid, "VOICE"), _contact(iid, "TASK")
    request = {
        "InstanceId": iid,
        "FileUseCaseType": "VOICE_RECORDING",
        "FileSourceUri": "s3://recordings/calls/call-1.wav",
    }
    with raises("InvalidRequestException", 400, match="has not ended"):
        connect.create_attached_file(**request, AssociatedResourceArn=voice.arn)
    contacts.end(backend.resources, voice, CALLER, "CUSTOMER_DISCONNECT")
    contacts.end(backend.resources, task, CALLER)
    for changes, message in [
        ({"FileUseCaseType": "ATTACHMENT"}, "must be VOICE_RECORDING"),
        ({"AssociatedResourceArn": task.arn}, "not a voice contact"),
        ({"FileSourceUri": "https://example.com/x.wav"}, "not an S3 URI"),
        ({"FileSourceUri": "s3://recordings/missing.wav"}, "the object does not exist"),
        ({"FileSourceUri": "s3://no-bucket/a.wav"}, "the bucket does not exist"),
        ({"FileSourceUri": "s3://recordings/empty.wav"}, "is empty"),
    ]:
        with raises("InvalidRequestException", 400, match=message):
            connect.create_attached_file(**{**request, "AssociatedResourceArn": voice.arn, **changes})
    created = connect.create_attached_file(**request, AssociatedResourceArn=voice.arn, ClientToken="rec-1")
    assert created["FileStatus"] == "APPROVED"
    assert (
        connect.create_attached_file(**request, AssociatedResourceArn=voice.arn, ClientToken="rec-1")["FileId"]
        == created["FileId"]
    )
    with raises("ResourceConflictException", 409, match="already has a voice recording"):
        connect.create_attached_file(**request, AssociatedResourceArn=voice.arn)
    got = connect.get_attached_file(InstanceId=iid, FileId=created["FileId"], AssociatedResourceArn=voice.arn)
    assert (got["FileName"], got["FileSizeInBytes"], got["FileUseCaseType"]) == ("call-1.wav", 12, "VOICE_RECORDING")
    assert "/Attachments/voice/" in got["DownloadUrlMetadata"]["Url"]
    # the copy is Connect's: deleting the file leaves the source alone
    connect.delete_attached_file(InstanceId=iid, FileId=created["FileId"], AssociatedResourceArn=voice.arn)
    assert s3.head_object(Bucket="recordings", Key="calls/call-1.wav")["ContentLength"] == 12
    connect.create_attached_file(**request, AssociatedResourceArn=voice.arn)


def test_voice_recordings_only_of_telephony_calls(moto_connect: Any, connect: Any, instance: dict[str, Any]) -> None:
    # CreateAttachedFile: "Only voice contacts with Telephony subtype are supported"; a web call is connect:WebRTC
    iid = instance["Id"]
    s3 = moto_connect.client("s3")
    s3.create_bucket(Bucket="recordings")
    s3.put_object(Bucket="recordings", Key="web.wav", Body=b"RIFF....WAVE")
    backend = connect_backends[CALLER.account_id][CALLER.region]
    web = contacts.start(
        backend.resources,
        backend.instance(iid),
        CALLER,
        "VOICE",
        "WEBRTC_API",
        {"SegmentAttributes": {"connect:Subtype": {"ValueString": "connect:WebRTC"}}},
    )
    contacts.end(backend.resources, web, CALLER, "CUSTOMER_DISCONNECT")
    with raises("InvalidRequestException", 400, match="Telephony"):
        connect.create_attached_file(
            InstanceId=iid,
            FileUseCaseType="VOICE_RECORDING",
            FileSourceUri="s3://recordings/web.wav",
            AssociatedResourceArn=web.arn,
        )


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    cases = server_client(server, "connectcases", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    case = _case(cases)
    started = _start(connect, iid, case, "scan.jpg", 42)
    ids = {"InstanceId": iid, "FileId": started["FileId"], "AssociatedResourceArn": case}
    assert ".s3.eu-west-2.amazonaws.com/" in started["UploadUrlMetadata"]["Url"]
    connect.complete_attached_file_upload(**ids)
    assert connect.get_attached_file(**ids)["FileStatus"] == "APPROVED"
    with raises("ServiceQuotaExceededException", 402):
        _start(connect, iid, case, size=10**9)
    connect.delete_attached_file(**ids)
    with raises("ResourceNotFoundException", 404):
        connect.get_attached_file(**ids)
