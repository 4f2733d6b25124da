"""Contacts and agents: routing, dismissing, monitoring, contact trees, sessions, SearchContacts."""

from __future__ import annotations

from typing import Any

from .. import contact_agents as rules


def _root(r: Any) -> Any:
    return r.backend.resource_root(r.params)


def associate_contact_with_user(r: Any) -> dict[str, Any]:
    p = r.params
    rules.associate_with_user(r.backend.resources, _root(r), p["ContactId"], p["UserId"], r.caller)
    return {}


def dismiss_user_contact(r: Any) -> dict[str, Any]:
    p = r.params
    rules.dismiss(r.backend.resources, _root(r), p["UserId"], p["ContactId"], r.caller)
    return {}


def monitor_contact(r: Any) -> dict[str, Any]:
    p = r.params
    monitoring = rules.monitor(
        r.backend,
        _root(r),
        p["ContactId"],
        p["UserId"],
        p.get("AllowedMonitorCapabilities"),
        p.get("ClientToken"),
        r.caller,
    )
    return {"ContactId": monitoring.id, "ContactArn": monitoring.arn}


def list_associated_contacts(r: Any) -> dict[str, Any]:
    p = r.params
    summaries, token = rules.associated(
        r.backend.resources, _root(r), p["ContactId"], p.get("NextToken"), p.get("MaxResults")
    )
    out: dict[str, Any] = {"ContactSummaryList": summaries}
    if token:
        out["NextToken"] = token
    return out


def create_persistent_contact_association(r: Any) -> dict[str, Any]:
    p = r.params
    continued = rules.persistent_association(
        r.backend,
        _root(r),
        p["InitialContactId"],
        p["RehydrationType"],
        p["SourceContactId"],
        p.get("ClientToken"),
        r.caller,
    )
    return {"ContinuedFromContactId": continued}


def delete_contact_data(r: Any) -> dict[str, Any]:
    p = r.params
    rules.delete_contact_data(r.backend.resources, _root(r), p["ContactId"], p["ContactFields"], r.caller)
    return {}


def delete_session(r: Any) -> dict[str, Any]:
    rules.delete_session(r.backend.resources, _root(r), r.params["SessionId"])
    return {}


def delete_all_entity_sessions(r: Any) -> dict[str, Any]:
    p = r.params
    rules.delete_entity_sessions(r.backend.resources, _root(r), p["EntityType"], p["EntityId"])
    return {}


def search_contacts(r: Any) -> dict[str, Any]:
    found, token, total = rules.search(r.backend.resources, _root(r), r.params)
    out: dict[str, Any] = {"Contacts": found, "TotalCount": total}
    if token:
        out["NextToken"] = token
    return out


HANDLERS = {
    "associate_contact_with_user": associate_contact_with_user,
    "dismiss_user_contact": dismiss_user_contact,
    "monitor_contact": monitor_contact,
    "list_associated_contacts": list_associated_contacts,
    "create_persistent_contact_association": create_persistent_contact_association,
    "delete_contact_data": delete_contact_data,
    "delete_session": delete_session,
    "delete_all_entity_sessions": delete_all_entity_sessions,
    "search_contacts": search_contacts,
}
