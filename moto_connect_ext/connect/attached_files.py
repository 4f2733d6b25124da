"""Attached files: files uploaded to a case, an email contact or a task, and voice recordings
attached to a completed voice contact, declared on the resource layer
(``instance/<instance id>/file/<file id>``, the ``fileArn`` Connect Cases' file related items name).

* **Where a file may go.** StartAttachedFileUpload takes the ARN of a Connect Cases case (it must
  exist in the Cases domain the ARN names), of an email contact or of a task contact of the
  instance (API Reference: "Case, Email or Task"); CreateAttachedFile takes a completed
  (disconnected) voice contact of the Telephony subtype ("Only voice contacts with Telephony
  subtype are supported": not a web call, ``connect:WebRTC``).  The ARN must be in the caller's
  partition, account and Region.
* **Limits.** A file uploaded to a case, email or task must fit the instance's attached files
  configuration of that scope (``instance_settings.attached_files``: the instance's own, else
  AWS's defaults of 20 MB and the documented file types): a larger ``FileSizeInBytes`` is a
  ServiceQuotaExceededException, a file type not allowed an InvalidRequestException.
* **Use cases.** ``ATTACHMENT`` everywhere, ``EMAIL_MESSAGE`` on an email contact only (the
  message itself, not held to the list of file types), ``VOICE_RECORDING`` only through
  CreateAttachedFile, one recording per contact.
* **Storage.** A file is put where the instance's ``ATTACHMENTS`` storage configuration says
  (its bucket and prefix, under ``Attachments/<scope>/<yyyy>/<mm>/<dd>/``), else in a bucket of
  Connect's own.  Where that bucket is in moto's S3, CompleteAttachedFileUpload requires the
  object to be there with the size announced, and DeleteAttachedFile deletes it.
* **Status.** A started upload is ``PROCESSING`` until CompleteAttachedFileUpload; then the scan
  (moto's state manager, model ``connect::attached-file``, immediate by default) makes it
  ``APPROVED``.  A recording copied by CreateAttachedFile is scanned the same way.  Only an
  approved file has a download URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
from typing import Any

from moto.s3.exceptions import MissingBucket
from moto.s3.models import s3_backends

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.errors import ServiceError
from ..core.moto_compat import StatefulModel, register_transition
from ..core.resources import Container, Resource, Resources, ResourceType
from . import contacts
from .exceptions import (
    InvalidRequestException,
    ResourceConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
)
from .instance_settings import attached_files
from .prompts import PromptSource, parse_s3_uri, presigned_s3_url
from .user_lookup import instance_user

FILE_MODEL = "connect::attached-file"
register_transition(FILE_MODEL, "immediate")

PROCESSING = "PROCESSING"
APPROVED = "APPROVED"

#: how long an upload or download URL lasts unless the request says (seconds)
DEFAULT_URL_EXPIRY = 300

#: the attributes holding a file's scan (``FileScan``) and S3 location (``PromptSource``)
SCAN = "_Scan"
LOCATION = "_Location"


class FileScan(StatefulModel):
    """A file's status: PROCESSING while its upload is open, then scanned (PROCESSING -> APPROVED)."""

    def __init__(self, uploaded: bool) -> None:
        super().__init__(FILE_MODEL, [(PROCESSING, PROCESSING)], initial=PROCESSING)
        self.uploaded = False
        if uploaded:
            self.complete()

    def complete(self) -> None:
        self.uploaded = True
        self.reroute([(PROCESSING, APPROVED)], PROCESSING)

    def state(self) -> str:
        return str(self.status)


def status(file: Resource) -> str:
    scan: FileScan = file.attrs[SCAN]
    return scan.state()


def iso(moment: dt.datetime) -> str:
    """AWS's ISO 8601 form of these operations' times: ``2024-05-03T02:41:28.172Z``."""
    moment = moment.astimezone(dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


ATTACHED_FILE = ResourceType(
    kind="attached-file",
    arn_path="instance/{root}/file/{id}",
    id_param="FileId",
    name_member=None,
    computed={"FileStatus": status, "CreationTime": lambda f: iso(f.created_time)},
    not_found_error=lambda ident, _parent: ResourceNotFoundException(f"File not found: {ident}"),
)


# -- what a file is attached to --------------------------------------------------------
def _cases_backend(caller: Caller) -> Any:
    from ..connectcases.models import connectcases_backends

    return connectcases_backends[caller.account_id][caller.region]


def attachment_target(
    resources: Resources, instance: Container, arn: str, caller: Caller
) -> tuple[str, Resource | None]:
    """(attachment scope, the contact or None for a case) of the resource ``arn`` names.

    Raises InvalidRequestException for anything that cannot hold attached files."""
    parsed = parse_arn(arn)
    if parsed is None:
        raise InvalidRequestException(f"AssociatedResourceArn {arn} is not an ARN")
    if (parsed["partition"], parsed["account"], parsed["region"]) != (
        caller.partition,
        caller.account_id,
        caller.region,
    ):
        raise InvalidRequestException(
            f"AssociatedResourceArn {arn} is not in this account ({caller.account_id}) and Region ({caller.region})"
        )
    parts = parsed["resource"].split("/")
    if parsed["service"] == "cases" and len(parts) == 4 and (parts[0], parts[2]) == ("domain", "case"):
        try:
            _cases_backend(caller).get_case(parts[1], parts[3], [])
        except ServiceError as error:
            raise InvalidRequestException(f"AssociatedResourceArn {arn}: {error.message}") from None
        return "CASE", None
    if parsed["service"] == "connect" and len(parts) == 4 and (parts[0], parts[2]) == ("instance", "contact"):
        if parts[1] != instance.id:
            raise InvalidRequestException(f"AssociatedResourceArn {arn} is a contact of another instance")
        contact = contacts.find(resources, instance, parts[3], missing=InvalidRequestException)
        return str(contact.attrs.get("Channel")), contact
    raise InvalidRequestException(
        f"AssociatedResourceArn {arn} is not a resource files can be attached to "
        "(a Connect Cases case, an email contact or a task)"
    )


def _extension(name: str) -> str | None:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem and extension else None


def check_limits(instance: Container, scope: str, name: str, size: int, use_case: str) -> None:
    """The scope's attached files configuration: its size limit, and its file types for attachments."""
    config = attached_files(instance, scope)
    limit = int(config["MaximumSizeLimitInBytes"])
    if size > limit:
        raise ServiceQuotaExceededException(
            f"FileSizeInBytes {size} is over the limit of {limit} bytes for {scope} attachments of this instance"
        )
    if use_case != "ATTACHMENT":
        return
    allowed = {e["Extension"].lower() for e in config["ExtensionConfiguration"]["AllowedExtensions"]}
    extension = _extension(name)
    if extension not in allowed:
        shown = f".{extension} files" if extension else "files without an extension"
        raise InvalidRequestException(
            f"FileName {name}: {shown} cannot be attached to {scope} ({', '.join(sorted(allowed))} are allowed)"
        )


def created_by(
    resources: Resources, instance: Container, given: dict[str, str] | None, identity: str
) -> dict[str, str]:
    """Who made the file: the Connect user given (a user of the instance), else the caller's IAM identity."""
    if not given:
        return {"AWSIdentityArn": identity}
    if "AWSIdentityArn" in given:
        raise InvalidRequestException("CreatedBy.AWSIdentityArn is set by Amazon Connect, not by the request")
    user_arn = given["ConnectUserArn"]
    if instance_user(resources, instance, user_arn) is None:
        raise InvalidRequestException(f"CreatedBy.ConnectUserArn {user_arn} is not a user of this instance")
    return {"ConnectUserArn": user_arn}


# -- where a file is in S3 -------------------------------------------------------------
def file_location(
    instance: Any, scope: str, file_id: str, name: str, caller: Caller, managed: bool = False
) -> PromptSource:
    """The S3 object of a file: under the instance's ATTACHMENTS storage, else (or ``managed``) Connect's own."""
    storage = None
    if not managed:
        storage = next((s for s in instance.storage_configs.values() if s.resource_type == "ATTACHMENTS"), None)
    s3_config = storage.config.get("S3Config") if storage is not None else None
    at = now()
    extension = _extension(name)
    leaf = f"{file_id}_{at.strftime('%Y%m%dT%H:%M')}_UTC" + (f".{extension}" if extension else "")
    path = f"Attachments/{scope.lower()}/{at.strftime('%Y/%m/%d')}/{leaf}"
    if s3_config:
        prefix = (s3_config.get("BucketPrefix") or "").strip("/")
        return PromptSource(s3_config["BucketName"], f"{prefix}/{path}" if prefix else path, caller.region)
    digest = hashlib.sha256(f"{caller.account_id}/{instance.id}".encode()).hexdigest()[:12]
    return PromptSource(f"amazon-connect-{digest}", f"connect/{instance.id}/{path}", caller.region)


def _s3_object(location: PromptSource, caller: Caller) -> tuple[bool, Any]:
    """(whether the bucket is in moto's S3, the object or None)."""
    backend = s3_backends[caller.account_id][caller.partition]
    try:
        backend.get_bucket(location.bucket)
    except MissingBucket:
        return False, None
    return True, backend.get_object(location.bucket, location.key)


def url_metadata(file: Resource, expires: int | None, **kw: Any) -> dict[str, str]:
    seconds = expires or DEFAULT_URL_EXPIRY
    url = presigned_s3_url(file.attrs[LOCATION], file.arn, seconds, **kw)
    return {"Url": url, "UrlExpiry": iso(now() + dt.timedelta(seconds=seconds))}


# -- the operations' rules ---------------------------------------------------------------
def start_upload(
    resources: Resources,
    instance: Any,
    caller: Caller,
    identity: str,
    params: dict[str, Any],
) -> tuple[Resource, dict[str, Any]]:
    """A new file whose upload is open, and its UploadUrlMetadata."""
    arn = params["AssociatedResourceArn"]
    name, size, use_case = params["FileName"], params["FileSizeInBytes"], params["FileUseCaseType"]
    scope, _contact = attachment_target(resources, instance, arn, caller)
    if scope not in ("CASE", "EMAIL", "TASK"):
        raise InvalidRequestException(
            f"Files can be uploaded to cases, email contacts and tasks; {arn} is a {scope} contact"
        )
    if use_case == "EMAIL_MESSAGE" and scope != "EMAIL":
        raise InvalidRequestException("FileUseCaseType EMAIL_MESSAGE is for the message of an email contact")
    if use_case not in ("ATTACHMENT", "EMAIL_MESSAGE"):
        raise InvalidRequestException(f"FileUseCaseType {use_case} cannot be uploaded (ATTACHMENT or EMAIL_MESSAGE)")
    check_limits(instance, scope, name, size, use_case)
    attrs = {
        "FileName": name,
        "FileSizeInBytes": size,
        "FileUseCaseType": use_case,
        "AssociatedResourceArn": arn,
        "CreatedBy": created_by(resources, instance, params.get("CreatedBy"), identity),
        SCAN: FileScan(uploaded=False),
    }
    file = resources.create(ATTACHED_FILE, instance, attrs, caller, params.get("Tags"))
    file.attrs[LOCATION] = file_location(instance, scope, file.id, name, caller)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    upload = url_metadata(file, params.get("UrlExpiryInSeconds"), signed_headers="content-type;host")
    return file, {**upload, "HeadersToInclude": {"Content-Type": content_type}}


def attached_file(resources: Resources, instance: Container, file_id: str, arn: str) -> Resource:
    """The file ``file_id`` of the instance, attached to ``arn`` (ResourceNotFoundException otherwise)."""
    file = resources.get(ATTACHED_FILE, instance, file_id)
    if file.attrs["AssociatedResourceArn"] != arn:
        raise ResourceNotFoundException(f"File {file_id} is not attached to {arn}")
    return file


def complete_upload(file: Resource, caller: Caller) -> None:
    """The upload is done: the object is where the URL said (when that bucket is in moto's S3); scanned."""
    scan: FileScan = file.attrs[SCAN]
    if scan.uploaded:
        raise InvalidRequestException(f"The upload of file {file.id} is already complete")
    location: PromptSource = file.attrs[LOCATION]
    in_moto, found = _s3_object(location, caller)
    if in_moto:
        if found is None:
            raise InvalidRequestException(
                f"File {file.id} has not been uploaded: s3://{location.bucket}/{location.key} does not exist"
            )
        if found.size != file.attrs["FileSizeInBytes"]:
            raise InvalidRequestException(
                f"File {file.id} was announced as {file.attrs['FileSizeInBytes']} bytes but {found.size} were uploaded"
            )
    scan.complete()


def download(file: Resource, expires: int | None, disposition: str | None) -> dict[str, str] | None:
    """DownloadUrlMetadata of an approved file (None for any other)."""
    if status(file) != APPROVED:
        return None
    query = None
    if disposition:
        query = {"response-content-disposition": f'{disposition.lower()}; filename="{file.attrs["FileName"]}"'}
    return url_metadata(file, expires, query=query)


def delete_file(resources: Resources, file: Resource, caller: Caller) -> None:
    """The file and its S3 object (where that is in moto's S3)."""
    location: PromptSource = file.attrs[LOCATION]
    in_moto, found = _s3_object(location, caller)
    resources.delete(file)
    if in_moto and found is not None:
        s3_backends[caller.account_id][caller.partition].delete_object(location.bucket, location.key)


def batch_get(
    resources: Resources, instance: Container, file_ids: list[str], arn: str
) -> tuple[list[Resource], list[dict[str, str]]]:
    """(files, errors): each file attached to ``arn``, or why not."""
    files: list[Resource] = []
    errors: list[dict[str, str]] = []
    for file_id in dict.fromkeys(file_ids):
        try:
            files.append(attached_file(resources, instance, file_id, arn))
        except ResourceNotFoundException as error:
            errors.append({"ErrorCode": "ResourceNotFoundException", "ErrorMessage": error.message, "FileId": file_id})
    return files, errors


#: CreateAttachedFile's AssociatedResourceArn: "Only voice contacts with Telephony subtype are supported"
#: (a contact's ``connect:Subtype`` segment attribute; a web call's is ``connect:WebRTC``)
SUBTYPE = "connect:Subtype"
TELEPHONY = "connect:Telephony"


def create_recording(
    resources: Resources,
    instance: Any,
    caller: Caller,
    params: dict[str, Any],
) -> Resource:
    """CreateAttachedFile: a voice recording in S3, copied for a completed voice contact."""
    arn, uri = params["AssociatedResourceArn"], params["FileSourceUri"]
    if params["FileUseCaseType"] != "VOICE_RECORDING":
        raise InvalidRequestException("FileUseCaseType must be VOICE_RECORDING: only voice recordings can be created")
    scope, contact = attachment_target(resources, instance, arn, caller)
    if contact is None or scope != "VOICE":
        raise InvalidRequestException(f"AssociatedResourceArn {arn} is not a voice contact")
    subtype = ((contact.attrs.get("SegmentAttributes") or {}).get(SUBTYPE) or {}).get("ValueString")
    if subtype not in (None, TELEPHONY):
        raise InvalidRequestException(
            f"Contact {contact.id} is a {subtype} call: only voice contacts of the {TELEPHONY} subtype take "
            "a voice recording"
        )
    if not contacts.ended(contact):
        raise InvalidRequestException(f"Contact {contact.id} has not ended: recordings attach to completed contacts")
    if has_recording(resources, instance, contact):
        raise ResourceConflictException(f"Contact {contact.id} already has a voice recording attached")
    parsed = parse_s3_uri(uri)
    if parsed is None:
        raise InvalidRequestException(f"FileSourceUri {uri} is not an S3 URI (s3://bucket/key)")
    source = PromptSource(parsed[0], parsed[1], caller.region)
    in_moto, found = _s3_object(source, caller)
    if found is None:
        missing = "object" if in_moto else "bucket"
        raise InvalidRequestException(f"FileSourceUri {uri}: the {missing} does not exist")
    if found.size < 1:
        raise InvalidRequestException(f"FileSourceUri {uri}: the object is empty")
    name = parsed[1].rsplit("/", 1)[-1]
    attrs = {
        "FileName": name,
        "FileSizeInBytes": found.size,
        "FileUseCaseType": "VOICE_RECORDING",
        "AssociatedResourceArn": arn,
        SCAN: FileScan(uploaded=True),
    }
    file = resources.create(ATTACHED_FILE, instance, attrs, caller, params.get("Tags"))
    # the copy is Connect's (Connect Customer managed storage), not the customer's bucket
    file.attrs[LOCATION] = file_location(instance, "VOICE", file.id, name, caller, managed=True)
    return file


def has_recording(resources: Resources, instance: Container, contact: Resource) -> bool:
    return any(
        f.attrs.get("FileUseCaseType") == "VOICE_RECORDING" and f.attrs["AssociatedResourceArn"] == contact.arn
        for f in resources.all(ATTACHED_FILE, instance)
    )
