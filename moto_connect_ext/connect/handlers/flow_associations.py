"""Flow associations: associate, get, disassociate, batch get and list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.resources import Resource, operations, render
from .. import flow_associations as fa
from ..flow_associations import FLOW_ASSOCIATION
from .common import ROOT

SUMMARY = "FlowAssociationSummary"


def associate(r: Any) -> None:
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    fa.check_resource(p["ResourceType"], p["ResourceId"], instance, r.caller)
    flow = fa.flow_in(instance, p["FlowId"])
    fa.associate(r.backend.resources, instance, p["ResourceType"], p["ResourceId"], flow.id, r.caller)


def get(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    found = fa.get(r.backend.resources, instance, p["ResourceType"], p["ResourceId"])
    return render(found, "GetFlowAssociationResponse", r.backend.tags)


def disassociate(r: Any) -> None:
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    r.backend.resources.delete(fa.get(r.backend.resources, instance, p["ResourceType"], p["ResourceId"]))


def batch_get(r: Any) -> dict[str, Any]:
    """The associations of the resources asked for, in the order asked; a resource without
    one is left out.  Without ``ResourceType``, every listed type."""
    p = r.params
    instance = r.backend.instance(p["InstanceId"])
    kinds = [p["ResourceType"]] if p.get("ResourceType") else sorted(fa.listed_types())
    found = []
    for resource_id in dict.fromkeys(p["ResourceIds"]):
        for kind in kinds:
            association = fa.find(r.backend.resources, instance, kind, resource_id)
            if association is not None:
                found.append(render(association, SUMMARY, r.backend.tags))
    return {"FlowAssociationSummaryList": found}


def _listed(r: Any) -> Callable[[Resource], bool]:
    wanted = r.params.get("ResourceType")
    listed = fa.listed_types()
    if wanted:
        return lambda a: a.attrs["ResourceType"] == wanted
    return lambda a: a.attrs["ResourceType"] in listed


HANDLERS = {
    **operations(FLOW_ASSOCIATION, ROOT, list_="ListFlowAssociations", list_filter=_listed),
    "associate_flow": associate,
    "get_flow_association": get,
    "disassociate_flow": disassociate,
    "batch_get_flow_association": batch_get,
}
