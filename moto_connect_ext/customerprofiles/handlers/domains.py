"""Domains: create, get, update, delete and list."""

from __future__ import annotations

from typing import Any

from ..models import DOMAIN, SETTINGS
from .common import listed, shown

#: the members of a domain's settings a request may give
_REQUEST_SETTINGS = (*SETTINGS, "RuleBasedMatching")


def _settings(params: dict[str, Any]) -> dict[str, Any]:
    return {k: params[k] for k in _REQUEST_SETTINGS if k in params}


def create_domain(r: Any) -> dict[str, Any]:
    p = r.params
    domain = r.backend.create_domain(r.caller, p["DomainName"], _settings(p), p.get("Tags"))
    return shown(r, domain, "CreateDomainResponse")


def get_domain(r: Any) -> dict[str, Any]:
    return shown(r, r.backend.domain(r.params["DomainName"]), "GetDomainResponse")


def update_domain(r: Any) -> dict[str, Any]:
    p = r.params
    domain = r.backend.update_domain(r.caller, p["DomainName"], _settings(p), p.get("Tags"))
    return shown(r, domain, "UpdateDomainResponse")


def delete_domain(r: Any) -> dict[str, Any]:
    name = r.params["DomainName"]
    r.backend.delete_domain(name)
    return {"Message": f"Domain {name} was deleted."}


def list_domains(r: Any) -> dict[str, Any]:
    return listed(r, DOMAIN, "ListDomainItem", parent=r.backend.account)


HANDLERS = {
    "create_domain": create_domain,
    "get_domain": get_domain,
    "update_domain": update_domain,
    "delete_domain": delete_domain,
    "list_domains": list_domains,
}
