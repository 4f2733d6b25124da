"""Integrations (put, get, delete, list in a domain and across the account) and integration
workflows (create, get, steps, list, delete)."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from ...core.resources import Resource, operations, resource_of
from .. import integrations as integ
from ..integrations import INTEGRATION, WORKFLOW
from .common import PAGE_SIZE, ROOT, shown


def put_integration(r: Any) -> dict[str, Any]:
    domain = r.backend.resource_root(r.params)
    integration = integ.put(r.backend.resources, domain, r.caller, r.params)
    return shown(r, integration, "PutIntegrationResponse")


def get_integration(r: Any) -> dict[str, Any]:
    integration = integ.get(r.backend.resource_root(r.params), r.params["Uri"])
    return shown(r, integration, "GetIntegrationResponse")


def delete_integration(r: Any) -> dict[str, Any]:
    uri = r.params["Uri"]
    integ.delete(r.backend.resources, integ.get(r.backend.resource_root(r.params), uri))
    return {"Message": f"Integration {uri} was deleted."}


def _visible(p: dict[str, Any]) -> Any:
    return None if p.get("IncludeHidden") else (lambda i: not integ.hidden(i))


def list_account_integrations(r: Any) -> dict[str, Any]:
    p = r.params
    keep = _visible(p)
    found = [i for i in integ.account_integrations(r.caller, p["Uri"]) if keep is None or keep(i)]
    page, token = page_list(found, p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE))
    return {"Items": [shown(r, i, "ListIntegrationItem") for i in page], "NextToken": token}


def create_integration_workflow(r: Any) -> dict[str, Any]:
    domain = r.backend.resource_root(r.params)
    workflow = integ.create_workflow(r.backend.resources, domain, r.caller, r.params)
    return {"WorkflowId": workflow.id, "Message": "The workflow was created and its integration set up"}


def _workflow(r: Any) -> Resource:
    return resource_of(WORKFLOW, r)


def get_workflow(r: Any) -> dict[str, Any]:
    workflow = _workflow(r)
    return integ.describe(workflow, integ.read(workflow))


def get_workflow_steps(r: Any) -> dict[str, Any]:
    p = r.params
    workflow = _workflow(r)
    items = integ.steps(workflow, integ.read(workflow))
    page, token = page_list(items, p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE))
    return {
        "WorkflowId": workflow.id,
        "WorkflowType": workflow.attrs["WorkflowType"],
        "Items": page,
        "NextToken": token,
    }


def list_workflows(r: Any) -> dict[str, Any]:
    p = r.params
    page, token = r.backend.resources.page(
        WORKFLOW,
        r.backend.resource_root(p),
        p.get("NextToken"),
        limit_of(p.get("MaxResults"), PAGE_SIZE),
        integ.workflow_filter(p),
    )
    return {"Items": [integ.summary(w, integ.read(w)) for w in page], "NextToken": token}


def delete_workflow(r: Any) -> dict[str, Any]:
    integ.delete_workflow(r.backend.resources, _workflow(r))
    return {}


HANDLERS = {
    "put_integration": put_integration,
    "get_integration": get_integration,
    "delete_integration": delete_integration,
    "list_account_integrations": list_account_integrations,
    "create_integration_workflow": create_integration_workflow,
    "get_workflow": get_workflow,
    "get_workflow_steps": get_workflow_steps,
    "list_workflows": list_workflows,
    "delete_workflow": delete_workflow,
    **operations(INTEGRATION, ROOT, list_="ListIntegrations", list_filter=lambda r: _visible(r.params)),
}
