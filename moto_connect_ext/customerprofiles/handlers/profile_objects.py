"""Profile objects: put (one or a batch), list, delete, and the attributes computed from them."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from ...core.resources import render
from .. import profile_objects as po
from ..exceptions import BadRequestException
from ..object_types import implicit_type


def _domain(r: Any) -> Any:
    return r.backend.domain(r.params["DomainName"])


def put_profile_object(r: Any) -> dict[str, Any]:
    p = r.params
    key, _stored = po.put(r.backend, r.caller, _domain(r), p["ObjectTypeName"], p["Object"])
    return {"ProfileObjectUniqueKey": key}


def batch_put_profile_object(r: Any) -> dict[str, Any]:
    p = r.params
    domain = _domain(r)
    implicit_type(r.backend, r.caller, domain, p["ObjectTypeName"])
    ids = [item["Id"] for item in p["Items"]]
    if len(set(ids)) != len(ids):
        raise BadRequestException("Items: every Id must be unique in the request")
    successful, failed = [], []
    for item in p["Items"]:
        try:
            key, _stored = po.put(r.backend, r.caller, domain, p["ObjectTypeName"], item["Object"])
        except BadRequestException as error:
            failed.append({"Id": item["Id"], "Code": 400, "Message": error.message[:1000]})
        else:
            successful.append({"Id": item["Id"], "ProfileObjectUniqueKey": key})
    return {"Successful": successful, "Failed": failed}


def delete_profile_object(r: Any) -> dict[str, Any]:
    p = r.params
    po.delete(r.backend, r.caller, _domain(r), p["ProfileId"], p["ObjectTypeName"], p["ProfileObjectUniqueKey"])
    return {"Message": "Profile object was deleted."}


def list_profile_objects(r: Any) -> dict[str, Any]:
    p = r.params
    page, token = po.listed(
        r.backend,
        _domain(r),
        p["ProfileId"],
        p["ObjectTypeName"],
        p.get("ObjectFilter"),
        p.get("NextToken"),
        limit_of(p.get("MaxResults"), 20),
    )
    tags = r.backend.resources.tags
    return {"Items": [render(o, "ListProfileObjectsItem", tags) for o in page], "NextToken": token}


def list_object_type_attributes(r: Any) -> dict[str, Any]:
    p = r.params
    items = po.attributes(r.backend, _domain(r), p["ObjectTypeName"])
    page, token = page_list(items, p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"Items": page, "NextToken": token}


def list_object_type_attribute_values(r: Any) -> dict[str, Any]:
    p = r.params
    items = po.attribute_values(r.backend, _domain(r), p["ObjectTypeName"], p["AttributeName"])
    page, token = page_list(items, p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"Items": page, "NextToken": token}


def get_object_type_attribute_statistics(r: Any) -> dict[str, Any]:
    p = r.params
    return po.attribute_statistics(r.backend, _domain(r), p["ObjectTypeName"], p["AttributeName"])


HANDLERS = {
    "put_profile_object": put_profile_object,
    "batch_put_profile_object": batch_put_profile_object,
    "delete_profile_object": delete_profile_object,
    "list_profile_objects": list_profile_objects,
    "list_object_type_attributes": list_object_type_attributes,
    "list_object_type_attribute_values": list_object_type_attribute_values,
    "get_object_type_attribute_statistics": get_object_type_attribute_statistics,
}
