"""Instance settings: approved origins, security keys, analytics data sets of the data lake and
attached files configurations (the rules are in ``connect/instance_settings.py``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, parent_of, render, resource_of
from ..exceptions import InvalidParameterException
from ..instance_settings import (
    APPROVED_ORIGIN,
    ATTACHED_FILES,
    SECURITY_KEY,
    associate_data_set,
    associate_key,
    associate_origin,
    attached_files,
    attachment_scopes,
    batch_associate,
    batch_disassociate,
    data_set_associations,
    data_sets,
    disassociate_data_set,
    find_origin,
    update_attached_files,
)
from .common import forget, list_page, once, page_of, with_next


def _remove(r: Any, operation: str, find: Callable[[], Resource]) -> None:
    """Disassociate what ``find`` names, once per client token; a retry of its association makes it anew."""

    def remove() -> bool:
        item = find()
        r.backend.resources.delete(item)
        forget(r, item)
        return True

    once(r, operation, remove)


# -- approved origins ------------------------------------------------------------------
def associate_approved_origin(r: Any) -> None:
    instance = parent_of(APPROVED_ORIGIN, r)
    once(
        r,
        "AssociateApprovedOrigin",
        lambda: associate_origin(r.backend.resources, instance, r.params["Origin"], r.caller),
    )


def disassociate_approved_origin(r: Any) -> None:
    instance = parent_of(APPROVED_ORIGIN, r)
    _remove(r, "DisassociateApprovedOrigin", lambda: find_origin(r.backend.resources, instance, r.params["Origin"]))


def list_approved_origins(r: Any) -> dict[str, Any]:
    page, token = page_of(r, APPROVED_ORIGIN, parent_of(APPROVED_ORIGIN, r), 25)
    return with_next(token, Origins=[o.attrs["Origin"] for o in page])


# -- security keys ---------------------------------------------------------------------
def associate_security_key(r: Any) -> dict[str, Any]:
    instance = parent_of(SECURITY_KEY, r)
    key = once(
        r, "AssociateSecurityKey", lambda: associate_key(r.backend.resources, instance, r.params["Key"], r.caller)
    )
    return {"AssociationId": key.id}


def disassociate_security_key(r: Any) -> None:
    _remove(r, "DisassociateSecurityKey", lambda: resource_of(SECURITY_KEY, r))


def list_security_keys(r: Any) -> dict[str, Any]:
    page, token = page_of(r, SECURITY_KEY, parent_of(SECURITY_KEY, r), 2)
    tags = r.backend.resources.tags
    return with_next(token, SecurityKeys=[render(k, "SecurityKey", tags) for k in page])


# -- analytics data sets ---------------------------------------------------------------
def batch_associate_analytics_data_set(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    created, errors = batch_associate(r.backend, instance.id, p["DataSetIds"], p.get("TargetAccountId"), r.caller)
    return {"Created": created, "Errors": errors}


def batch_disassociate_analytics_data_set(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    deleted, errors = batch_disassociate(r.backend, instance.id, p["DataSetIds"], p.get("TargetAccountId"), r.caller)
    return {"Deleted": deleted, "Errors": errors}


def associate_analytics_data_set(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    result = associate_data_set(
        r.backend, instance.id, p["DataSetId"], p.get("TargetAccountId"), r.caller, InvalidParameterException
    )
    return {k: result[k] for k in ("DataSetId", "TargetAccountId", "ResourceShareId", "ResourceShareArn")}


def disassociate_analytics_data_set(r: Any) -> None:
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    disassociate_data_set(r.backend, instance.id, p["DataSetId"], p.get("TargetAccountId"), r.caller)


def list_analytics_data_associations(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    page, token = list_page(r, data_set_associations(r.backend, instance.id, p.get("DataSetId")), 1000)
    return with_next(token, Results=page)


def list_analytics_data_lake_data_sets(r: Any) -> dict[str, Any]:
    r.backend.instance(r.params["InstanceId"])
    page, token = list_page(r, data_sets(), 1000)
    return with_next(token, Results=page)


# -- attached files configurations -----------------------------------------------------
def describe_attached_files_configuration(r: Any) -> dict[str, Any]:
    instance = parent_of(ATTACHED_FILES, r)
    return {"AttachedFilesConfiguration": attached_files(instance, r.params["AttachmentScope"])}


def update_attached_files_configuration(r: Any) -> dict[str, Any]:
    p = r.params
    return update_attached_files(
        r.backend.resources,
        parent_of(ATTACHED_FILES, r),
        p["AttachmentScope"],
        p.get("MaximumSizeLimitInBytes"),
        p.get("ExtensionConfiguration"),
        r.caller,
    )


def list_attached_files_configurations(r: Any) -> dict[str, Any]:
    instance = parent_of(ATTACHED_FILES, r)
    summaries = [
        {k: v for k, v in attached_files(instance, scope).items() if k != "LastModifiedTime"}
        for scope in attachment_scopes()
    ]
    page, token = list_page(r, summaries, 100)
    return with_next(token, AttachedFilesConfigurations=page)


HANDLERS = {
    "associate_approved_origin": associate_approved_origin,
    "disassociate_approved_origin": disassociate_approved_origin,
    "list_approved_origins": list_approved_origins,
    "associate_security_key": associate_security_key,
    "disassociate_security_key": disassociate_security_key,
    "list_security_keys": list_security_keys,
    "associate_analytics_data_set": associate_analytics_data_set,
    "disassociate_analytics_data_set": disassociate_analytics_data_set,
    "list_analytics_data_associations": list_analytics_data_associations,
    "batch_associate_analytics_data_set": batch_associate_analytics_data_set,
    "batch_disassociate_analytics_data_set": batch_disassociate_analytics_data_set,
    "list_analytics_data_lake_data_sets": list_analytics_data_lake_data_sets,
    "describe_attached_files_configuration": describe_attached_files_configuration,
    "update_attached_files_configuration": update_attached_files_configuration,
    "list_attached_files_configurations": list_attached_files_configurations,
}
