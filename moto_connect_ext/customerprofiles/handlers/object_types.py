"""Profile object types, their templates and detection, and domain object types."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from ...core.resources import render
from .. import object_types as ot
from ..profile_objects import delete_type


def _domain(r: Any) -> Any:
    return r.backend.domain(r.params["DomainName"])


def _shown(r: Any, resource: Any, shape: str) -> dict[str, Any]:
    return render(resource, shape, r.backend.resources.tags)


def put_profile_object_type(r: Any) -> dict[str, Any]:
    p = r.params
    found = ot.put_object_type(r.backend, r.caller, _domain(r), p["ObjectTypeName"], p)
    return _shown(r, found, "PutProfileObjectTypeResponse")


def get_profile_object_type(r: Any) -> dict[str, Any]:
    found = r.backend.resources.get(ot.OBJECT_TYPE, _domain(r), r.params["ObjectTypeName"])
    return _shown(r, found, "GetProfileObjectTypeResponse")


def delete_profile_object_type(r: Any) -> dict[str, Any]:
    name = r.params["ObjectTypeName"]
    delete_type(r.backend, r.caller, _domain(r), name)
    return {"Message": f"Object type {name} was deleted, with its profile objects."}


def list_profile_object_types(r: Any) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    page, token = resources.page(ot.OBJECT_TYPE, _domain(r), p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"Items": [render(t, "ListProfileObjectTypeItem", resources.tags) for t in page], "NextToken": token}


def list_profile_object_type_templates(r: Any) -> dict[str, Any]:
    p = r.params
    page, token = page_list(ot.template_items(), p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"Items": page, "NextToken": token}


def get_profile_object_type_template(r: Any) -> dict[str, Any]:
    return ot.template(r.params["TemplateId"])


def detect_profile_object_type(r: Any) -> dict[str, Any]:
    _domain(r)
    return {"DetectedProfileObjectTypes": [ot.detect(r.params["Objects"])]}


def put_domain_object_type(r: Any) -> dict[str, Any]:
    p = r.params
    found = ot.put_domain_object_type(r.backend, r.caller, _domain(r), p["ObjectTypeName"], p)
    return _shown(r, found, "PutDomainObjectTypeResponse")


def get_domain_object_type(r: Any) -> dict[str, Any]:
    found = r.backend.resources.get(ot.DOMAIN_OBJECT_TYPE, _domain(r), r.params["ObjectTypeName"])
    return _shown(r, found, "GetDomainObjectTypeResponse")


def delete_domain_object_type(r: Any) -> dict[str, Any]:
    r.backend.resources.delete(r.backend.resources.get(ot.DOMAIN_OBJECT_TYPE, _domain(r), r.params["ObjectTypeName"]))
    return {}


def list_domain_object_types(r: Any) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    page, token = resources.page(
        ot.DOMAIN_OBJECT_TYPE, _domain(r), p.get("NextToken"), limit_of(p.get("MaxResults"), 100)
    )
    return {"Items": [render(t, "DomainObjectTypesListItem", resources.tags) for t in page], "NextToken": token}


HANDLERS = {
    "put_profile_object_type": put_profile_object_type,
    "get_profile_object_type": get_profile_object_type,
    "delete_profile_object_type": delete_profile_object_type,
    "list_profile_object_types": list_profile_object_types,
    "list_profile_object_type_templates": list_profile_object_type_templates,
    "get_profile_object_type_template": get_profile_object_type_template,
    "detect_profile_object_type": detect_profile_object_type,
    "put_domain_object_type": put_domain_object_type,
    "get_domain_object_type": get_domain_object_type,
    "delete_domain_object_type": delete_domain_object_type,
    "list_domain_object_types": list_domain_object_types,
}
