"""The contact core: a contact's life through moto's state manager, and its timestamps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connect import contacts
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from moto_connect_ext.core.errors import ServiceError
from moto_connect_ext.core.resources import render
from tests.helpers import new_instance, new_user, raises

CALLER = Caller("123456789012", "us-east-1", "aws")


@pytest.fixture
def manual() -> Iterator[None]:
    state_manager.set_transition(contacts.CONTACT_MODEL, {"progression": "manual", "times": 1})
    yield
    state_manager.unset_transition(contacts.CONTACT_MODEL)


def _world(connect: Any) -> tuple[Any, Any, str]:
    iid = new_instance(connect)["Id"]
    backend = connect_backends[CALLER.account_id][CALLER.region]
    queue = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Id"]
    return backend, backend.instance(iid), queue


def test_a_queued_contact_progresses_step_by_step_and_is_routed_then_ended(connect: Any, manual: None) -> None:
    backend, instance, queue = _world(connect)
    user = new_user(connect, instance.id)["UserId"]
    contact = contacts.start(backend.resources, instance, CALLER, "VOICE", "API", {"QueueId": queue})
    assert contact.arn.endswith(f"instance/{instance.id}/contact/{contact.id}")
    seen = []
    for _ in range(3):
        seen.append(contacts.state(contact))
        contacts.life(contact).advance()
    assert seen == [contacts.INITIATED, contacts.CONNECTED_TO_SYSTEM, contacts.QUEUED]
    shown = render(contact, "Contact", backend.resources.tags)
    assert shown["QueueInfo"]["Id"] == queue and "EnqueueTimestamp" in shown["QueueInfo"]
    assert shown["InitiationTimestamp"] <= shown["ConnectedToSystemTimestamp"] <= shown["QueueInfo"]["EnqueueTimestamp"]
    assert "AgentInfo" not in shown and "DisconnectTimestamp" not in shown

    contacts.route_to_agent(backend.resources, contact, user, CALLER)
    assert contacts.state(contact) == contacts.CONNECTED_TO_AGENT
    assert render(contact, "Contact", backend.resources.tags)["AgentInfo"]["Id"] == user
    with pytest.raises(ServiceError, match="not found"):
        contacts.route_to_agent(backend.resources, contact, "no-such-user", CALLER)
    contacts.end(backend.resources, contact, CALLER, "CUSTOMER_DISCONNECT")
    assert contacts.ended(contact)
    shown = render(contact, "Contact", backend.resources.tags)
    assert shown["DisconnectReason"] == "CUSTOMER_DISCONNECT" and "DisconnectTimestamp" in shown
    with pytest.raises(ServiceError, match="has ended"):
        contacts.active(contact)
    # a contact is a record: it does not keep its agent from being deleted
    connect.delete_user(InstanceId=instance.id, UserId=user)
    assert render(contact, "Contact", backend.resources.tags)["AgentInfo"]["Id"] == user
    assert contacts.find(backend.resources, instance, contact.arn) is contact
    with pytest.raises(ServiceError, match="Contact not found"):
        contacts.find(backend.resources, instance, "nope")


def test_by_default_a_contact_is_where_its_path_leads_at_once(connect: Any) -> None:
    backend, instance, queue = _world(connect)
    unqueued = contacts.start(backend.resources, instance, CALLER, "TASK", "API")
    queued = contacts.start(backend.resources, instance, CALLER, "CHAT", "API", {"QueueId": queue})
    assert (contacts.state(unqueued), contacts.state(queued)) == (contacts.CONNECTED_TO_SYSTEM, contacts.QUEUED)
    assert list(contacts.contacts_of(backend.resources, instance)) == [unqueued, queued]
    with pytest.raises(ServiceError, match="not found"):
        contacts.start(backend.resources, instance, CALLER, "CHAT", "API", {"QueueId": "missing"})
    assert len(list(contacts.contacts_of(backend.resources, instance))) == 2


def test_a_contact_is_kept_24_months_from_its_initiation(connect: Any) -> None:
    backend, instance, _ = _world(connect)
    contact = contacts.start(backend.resources, instance, CALLER, "TASK", "API")
    reached = contacts.life(contact).reached
    moment = dt.datetime.now(dt.timezone.utc)
    reached[contacts.INITIATED] = moment.replace(year=moment.year - 2) + dt.timedelta(minutes=1)
    ids = {"InstanceId": instance.id, "ContactId": contact.id}
    assert connect.describe_contact(**ids)["Contact"]["Id"] == contact.id
    reached[contacts.INITIATED] -= dt.timedelta(minutes=2)
    with raises("ResourceNotFoundException", 404, match="Contact not found"):
        connect.describe_contact(**ids)
    with raises("ResourceNotFoundException", 404, match="Contact not found"):
        connect.update_contact(**ids, Name="late")
    span = {"Type": "INITIATION_TIMESTAMP", "StartTime": moment - dt.timedelta(days=800), "EndTime": moment}
    assert connect.search_contacts(InstanceId=instance.id, TimeRange=span)["Contacts"] == []
    later = contacts.start(backend.resources, instance, CALLER, "TASK", "API", {"RelatedContactId": contact.id})
    tree = connect.list_associated_contacts(InstanceId=instance.id, ContactId=later.id)["ContactSummaryList"]
    assert [c["ContactId"] for c in tree] == [later.id]
