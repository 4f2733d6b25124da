"""Profile object types, their templates and detection, and domain object types."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from ...core.resources import operations
from .. import object_types as ot
from ..profile_objects import delete_type
from .common import PAGE_SIZE, ROOT, shown


def _domain(r: Any) -> Any:
    return r.backend.domain(r.params["DomainName"])


def put_profile_object_type(r: Any) -> dict[str, Any]:
    p = r.params
    found = ot.put_object_type(r.backend, r.caller, _domain(r), p["ObjectTypeName"], p)
    return shown(r, found, "PutProfileObjectTypeResponse")


def delete_profile_object_type(r: Any) -> dict[str, Any]:
    name = r.params["ObjectTypeName"]
    delete_type(r.backend, r.caller, _domain(r), name)
    return {"Message": f"Object type {name} was deleted, with its profile objects."}


def list_profile_object_type_templates(r: Any) -> dict[str, Any]:
    p = r.params
    page, token = page_list(ot.template_items(), p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE))
    return {"Items": page, "NextToken": token}


def get_profile_object_type_template(r: Any) -> dict[str, Any]:
    return ot.template(r.params["TemplateId"])


def detect_profile_object_type(r: Any) -> dict[str, Any]:
    _domain(r)
    return {"DetectedProfileObjectTypes": [ot.detect(r.params["Objects"])]}


def put_domain_object_type(r: Any) -> dict[str, Any]:
    p = r.params
    found = ot.put_domain_object_type(r.backend, r.caller, _domain(r), p["ObjectTypeName"], p)
    return shown(r, found, "PutDomainObjectTypeResponse")


HANDLERS = {
    "put_profile_object_type": put_profile_object_type,
    "delete_profile_object_type": delete_profile_object_type,
    "list_profile_object_type_templates": list_profile_object_type_templates,
    "get_profile_object_type_template": get_profile_object_type_template,
    "detect_profile_object_type": detect_profile_object_type,
    "put_domain_object_type": put_domain_object_type,
    **operations(ot.OBJECT_TYPE, ROOT, describe="GetProfileObjectType", list_="ListProfileObjectTypes"),
    **operations(
        ot.DOMAIN_OBJECT_TYPE,
        ROOT,
        describe="GetDomainObjectType",
        delete="DeleteDomainObjectType",
        list_="ListDomainObjectTypes",
    ),
}
