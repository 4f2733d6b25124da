"""Contacts and agents: routing, dismissing, monitoring, contact trees, sessions, SearchContacts."""

from __future__ import annotations

from typing import Any

from .. import contact_agents as rules
from .common import action, root, with_next


def monitor_contact(r: Any) -> dict[str, Any]:
    p = r.params
    monitoring = rules.monitor(
        r.backend,
        root(r),
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
        r.backend.resources, root(r), p["ContactId"], p.get("NextToken"), p.get("MaxResults")
    )
    return with_next(token, ContactSummaryList=summaries)


def create_persistent_contact_association(r: Any) -> dict[str, Any]:
    p = r.params
    continued = rules.persistent_association(
        r.backend,
        root(r),
        p["InitialContactId"],
        p["RehydrationType"],
        p["SourceContactId"],
        p.get("ClientToken"),
        r.caller,
    )
    return {"ContinuedFromContactId": continued}


def delete_session(r: Any) -> dict[str, Any]:
    rules.delete_session(r.backend.resources, root(r), r.params["SessionId"])
    return {}


def delete_all_entity_sessions(r: Any) -> dict[str, Any]:
    p = r.params
    rules.delete_entity_sessions(r.backend.resources, root(r), p["EntityType"], p["EntityId"])
    return {}


def search_contacts(r: Any) -> dict[str, Any]:
    found, token, total = rules.search(r.backend.resources, root(r), r.params)
    return with_next(token, Contacts=found, TotalCount=total)


HANDLERS = {
    "associate_contact_with_user": action(rules.associate_with_user, "ContactId", "UserId"),
    "dismiss_user_contact": action(rules.dismiss, "UserId", "ContactId"),
    "monitor_contact": monitor_contact,
    "list_associated_contacts": list_associated_contacts,
    "create_persistent_contact_association": create_persistent_contact_association,
    "delete_contact_data": action(rules.delete_contact_data, "ContactId", "ContactFields"),
    "delete_session": delete_session,
    "delete_all_entity_sessions": delete_all_entity_sessions,
    "search_contacts": search_contacts,
}
