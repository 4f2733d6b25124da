"""Instance settings: approved origins, security keys, analytics data sets of the data lake and
attached files configurations (the rules are in ``connect/instance_settings.py``)."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from ...core.resources import Resource, Resources, parent_of, render, resource_of
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
from .common import once


def _forget(r: Any, resource: Resource) -> None:
    r.backend.client_tokens.forget_results(lambda result: result is resource)


# -- approved origins ------------------------------------------------------------------
def associate_approved_origin(r: Any) -> None:
    instance = parent_of(APPROVED_ORIGIN, r)
    once(
        r,
        "AssociateApprovedOrigin",
        lambda: associate_origin(r.backend.resources, instance, r.params["Origin"], r.caller),
    )


def disassociate_approved_origin(r: Any) -> None:
    resources: Resources = r.backend.resources
    instance = parent_of(APPROVED_ORIGIN, r)

    def remove() -> bool:
        origin = find_origin(resources, instance, r.params["Origin"])
        resources.delete(origin)
        _forget(r, origin)
        return True

    once(r, "DisassociateApprovedOrigin", remove)


def list_approved_origins(r: Any) -> dict[str, Any]:
    p = r.params
    resources: Resources = r.backend.resources
    page, token = resources.page(
        APPROVED_ORIGIN, parent_of(APPROVED_ORIGIN, r), p.get("NextToken"), limit_of(p.get("MaxResults"), 25)
    )
    out: dict[str, Any] = {"Origins": [o.attrs["Origin"] for o in page]}
    if token:
        out["NextToken"] = token
    return out


# -- security keys ---------------------------------------------------------------------
def associate_security_key(r: Any) -> dict[str, Any]:
    instance = parent_of(SECURITY_KEY, r)
    key = once(
        r, "AssociateSecurityKey", lambda: associate_key(r.backend.resources, instance, r.params["Key"], r.caller)
    )
    return {"AssociationId": key.id}


def disassociate_security_key(r: Any) -> None:
    resources: Resources = r.backend.resources

    def remove() -> bool:
        key = resource_of(SECURITY_KEY, r)
        resources.delete(key)
        _forget(r, key)
        return True

    once(r, "DisassociateSecurityKey", remove)


def list_security_keys(r: Any) -> dict[str, Any]:
    p = r.params
    resources: Resources = r.backend.resources
    page, token = resources.page(
        SECURITY_KEY, parent_of(SECURITY_KEY, r), p.get("NextToken"), limit_of(p.get("MaxResults"), 2)
    )
    out: dict[str, Any] = {"SecurityKeys": [render(k, "SecurityKey", resources.tags) for k in page]}
    if token:
        out["NextToken"] = token
    return out


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
    found = data_set_associations(r.backend, instance.id, p.get("DataSetId"))
    page, token = page_list(found, p.get("NextToken"), limit_of(p.get("MaxResults"), 1000))
    out: dict[str, Any] = {"Results": page}
    if token:
        out["NextToken"] = token
    return out


def list_analytics_data_lake_data_sets(r: Any) -> dict[str, Any]:
    p = r.params
    r.backend.instance(p["InstanceId"])
    page, token = page_list(data_sets(), p.get("NextToken"), limit_of(p.get("MaxResults"), 1000))
    out: dict[str, Any] = {"Results": page}
    if token:
        out["NextToken"] = token
    return out


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
    p = r.params
    instance = parent_of(ATTACHED_FILES, r)
    summaries = [
        {k: v for k, v in attached_files(instance, scope).items() if k != "LastModifiedTime"}
        for scope in attachment_scopes()
    ]
    page, token = page_list(summaries, p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    out: dict[str, Any] = {"AttachedFilesConfigurations": page}
    if token:
        out["NextToken"] = token
    return out


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
