"""Attached files: upload (start, complete), create a voice recording, get, batch-get and delete
(the rules are in ``connect/attached_files.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.errors import ResourceNotFoundException
from ...core.resources import Resource, render
from ..attached_files import (
    attached_file,
    batch_get,
    complete_upload,
    create_recording,
    delete_file,
    download,
    start_upload,
)
from ..exceptions import InvalidRequestException
from ..federation import access_key_of, caller_identity
from .common import once


def _instance(r: Any, missing: Callable[[str], Exception] | None = None) -> Any:
    """The request's instance; an unknown one is ``missing(message)`` where the operation models
    no ResourceNotFoundException."""
    try:
        return r.backend.instance(r.params["InstanceId"])
    except ResourceNotFoundException as error:
        if missing is None:
            raise
        raise missing(error.message) from None


def _file(r: Any) -> Resource:
    p = r.params
    return attached_file(r.backend.resources, _instance(r), p["FileId"], p["AssociatedResourceArn"])


def start_attached_file_upload(r: Any) -> dict[str, Any]:
    instance = _instance(r, InvalidRequestException)
    _, identity = caller_identity(r.caller, access_key_of(r.headers))

    resources = r.backend.resources
    file, upload = once(
        r,
        "StartAttachedFileUpload",
        lambda: start_upload(resources, instance, r.caller, identity, r.params),
    )
    return {**render(file, "StartAttachedFileUploadResponse", resources.tags), "UploadUrlMetadata": upload}


def complete_attached_file_upload(r: Any) -> None:
    complete_upload(_file(r), r.caller)


def create_attached_file(r: Any) -> dict[str, Any]:
    instance = _instance(r, InvalidRequestException)
    resources = r.backend.resources
    file: Resource = once(r, "CreateAttachedFile", lambda: create_recording(resources, instance, r.caller, r.params))
    return render(file, "CreateAttachedFileResponse", resources.tags)


def get_attached_file(r: Any) -> dict[str, Any]:
    file = _file(r)
    out = render(file, "GetAttachedFileResponse", r.backend.resources.tags)
    url = download(file, r.params.get("UrlExpiryInSeconds"), r.params.get("UrlContentDisposition"))
    if url is not None:
        out["DownloadUrlMetadata"] = url
    return out


def batch_get_attached_file_metadata(r: Any) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    files, errors = batch_get(resources, _instance(r), p["FileIds"], p["AssociatedResourceArn"])
    return {"Files": [render(f, "AttachedFile", resources.tags) for f in files], "Errors": errors}


def delete_attached_file(r: Any) -> None:
    file = _file(r)
    delete_file(r.backend.resources, file, r.caller)
    # a retry of the request that made it makes a new one
    r.backend.client_tokens.forget_results(
        lambda result: result is file or (isinstance(result, tuple) and result[0] is file)
    )


HANDLERS = {
    "start_attached_file_upload": start_attached_file_upload,
    "complete_attached_file_upload": complete_attached_file_upload,
    "create_attached_file": create_attached_file,
    "get_attached_file": get_attached_file,
    "batch_get_attached_file_metadata": batch_get_attached_file_metadata,
    "delete_attached_file": delete_attached_file,
}
