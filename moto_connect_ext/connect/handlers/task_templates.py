"""Task templates: content checked as a whole, updates that replace it, snapshot versions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, operations, parent_of, render, resource_of
from ..exceptions import InvalidParameterException, ResourceNotFoundException
from ..task_templates import (
    CONTENT,
    REQUIRED_PROPERTY_MISSING,
    TASK_TEMPLATE,
    Problems,
    property_error,
    record_version,
    version_of,
)
from .common import ROOT, delete_created, once, reused


def create(r: Any) -> dict[str, Any]:
    p = r.params

    def new() -> Resource:
        attrs = {k: p[k] for k in ("Name", *CONTENT) if k in p}
        template: Resource = r.backend.resources.create(TASK_TEMPLATE, parent_of(TASK_TEMPLATE, r), attrs, r.caller)
        record_version(template)
        return template

    template = once(
        r, "CreateTaskTemplate", new, mismatch=reused(r, InvalidParameterException, "with different parameters")
    )
    return {"Id": template.id, "Arn": template.arn}


def get(r: Any) -> dict[str, Any]:
    template = resource_of(TASK_TEMPLATE, r)
    version = r.params.get("SnapshotVersion")
    if version is not None:
        found = version_of(template, version)
        if found is None:
            raise ResourceNotFoundException(f"Task template {template.id} has no snapshot version {version}")
        template = found
    return render(template, "GetTaskTemplateResponse", r.backend.tags)


def update(r: Any) -> dict[str, Any]:
    p = r.params
    template = resource_of(TASK_TEMPLATE, r)
    if "Status" not in p:
        problems = Problems()
        problems.add("Status", REQUIRED_PROPERTY_MISSING, "UpdateTaskTemplate needs the template's Status")
        raise property_error(problems)
    # no partial updates: the request is the template's whole content
    changes = {k: p.get(k) for k in CONTENT}
    if "Name" in p:
        changes["Name"] = p["Name"]
    r.backend.resources.update(template, changes, r.caller)
    record_version(template)
    return render(template, "UpdateTaskTemplateResponse", r.backend.tags)


def _list_filter(r: Any) -> Callable[[Resource], bool] | None:
    status, name = r.params.get("Status"), r.params.get("Name")
    if status is None and name is None:
        return None
    return lambda t: (status is None or t.attrs.get("Status") == status) and (name is None or t.attrs["Name"] == name)


HANDLERS = {
    **operations(TASK_TEMPLATE, ROOT, list_="ListTaskTemplates", list_filter=_list_filter),
    "create_task_template": create,
    "get_task_template": get,
    "update_task_template": update,
    "delete_task_template": delete_created(TASK_TEMPLATE),
}
