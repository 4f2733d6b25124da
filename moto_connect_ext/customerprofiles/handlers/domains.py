"""Domains: create, get, update, delete and list."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from ...core.resources import render
from ..models import DOMAIN, SETTINGS

#: the members of a domain's settings a request may give
_REQUEST_SETTINGS = (*SETTINGS, "RuleBasedMatching")


def _settings(params: dict[str, Any]) -> dict[str, Any]:
    return {k: params[k] for k in _REQUEST_SETTINGS if k in params}


def _shown(r: Any, domain: Any, shape: str) -> dict[str, Any]:
    return render(domain, shape, r.backend.resources.tags)


def create_domain(r: Any) -> dict[str, Any]:
    p = r.params
    domain = r.backend.create_domain(r.caller, p["DomainName"], _settings(p), p.get("Tags"))
    return _shown(r, domain, "CreateDomainResponse")


def get_domain(r: Any) -> dict[str, Any]:
    return _shown(r, r.backend.domain(r.params["DomainName"]), "GetDomainResponse")


def update_domain(r: Any) -> dict[str, Any]:
    p = r.params
    domain = r.backend.update_domain(r.caller, p["DomainName"], _settings(p), p.get("Tags"))
    return _shown(r, domain, "UpdateDomainResponse")


def delete_domain(r: Any) -> dict[str, Any]:
    name = r.params["DomainName"]
    r.backend.delete_domain(name)
    return {"Message": f"Domain {name} was deleted."}


def list_domains(r: Any) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    page, token = resources.page(DOMAIN, r.backend.account, p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
    return {"Items": [render(d, "ListDomainItem", resources.tags) for d in page], "NextToken": token}


HANDLERS = {
    "create_domain": create_domain,
    "get_domain": get_domain,
    "update_domain": update_domain,
    "delete_domain": delete_domain,
    "list_domains": list_domains,
}
