"""Valid requests for attached files: an upload to a fresh Connect Cases case, and a voice
recording in moto's S3 for an ended voice contact of the seed instance."""

from __future__ import annotations

import uuid
from typing import Any

from moto_connect_ext.connect import contacts
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from tests.conformance.seeds import World, happy

_CALLER = Caller("123456789012", "us-east-1", "aws")


def _case(world: World) -> str:
    cases = world.client("connectcases")
    domain = cases.create_domain(name=f"files-{uuid.uuid4().hex[:8]}")["domainId"]
    template = cases.create_template(domainId=domain, name="files")["templateId"]
    created = cases.create_case(
        domainId=domain, templateId=template, fields=[{"id": "title", "value": {"stringValue": "happy"}}]
    )
    return str(created["caseArn"])


def _upload(instance_id: str, case: str) -> dict[str, Any]:
    return {
        "InstanceId": instance_id,
        "AssociatedResourceArn": case,
        "FileName": "happy.pdf",
        "FileSizeInBytes": 10,
        "FileUseCaseType": "ATTACHMENT",
    }


@happy("connect", "StartAttachedFileUpload")
def _start(world: World, request: dict[str, Any]) -> dict[str, Any]:
    request = {k: v for k, v in request.items() if k not in ("CreatedBy", "UrlExpiryInSeconds")}
    return {**request, **_upload(request["InstanceId"], _case(world))}


@happy("connect", "CompleteAttachedFileUpload", "GetAttachedFile", "DeleteAttachedFile")
def _file(world: World, request: dict[str, Any]) -> dict[str, Any]:
    case = _case(world)
    started = world.client().start_attached_file_upload(**_upload(request["InstanceId"], case))
    return {**request, "FileId": started["FileId"], "AssociatedResourceArn": case}


@happy("connect", "BatchGetAttachedFileMetadata")
def _batch(world: World, request: dict[str, Any]) -> dict[str, Any]:
    case = _case(world)
    started = world.client().start_attached_file_upload(**_upload(request["InstanceId"], case))
    return {**request, "FileIds": [started["FileId"]], "AssociatedResourceArn": case}


@happy("connect", "CreateAttachedFile")
def _recording(world: World, request: dict[str, Any]) -> dict[str, Any]:
    s3 = world.client("s3")
    s3.create_bucket(Bucket="happy-recordings")
    s3.put_object(Bucket="happy-recordings", Key="call.wav", Body=b"RIFF....WAVE")
    backend = connect_backends[_CALLER.account_id][_CALLER.region]
    contact = contacts.start(backend.resources, backend.instance(request["InstanceId"]), _CALLER, "VOICE", "INBOUND")
    contacts.end(backend.resources, contact, _CALLER, "CUSTOMER_DISCONNECT")
    return {
        **request,
        "FileUseCaseType": "VOICE_RECORDING",
        "FileSourceUri": "s3://happy-recordings/call.wav",
        "AssociatedResourceArn": contact.arn,
    }
