"""Valid requests of the contacts-and-agents family: contacts in the state each operation needs,
started with the contact core on the mock's backend (no Start* operation is needed)."""

from __future__ import annotations

from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID

from moto_connect_ext.connect import contact_agents, contacts
from moto_connect_ext.connect.models import connect_backends
from moto_connect_ext.core.caller import Caller
from tests.conformance.seeds import World, happy


def _backend(world: World) -> tuple[Any, Any, Caller]:
    region = world.client().meta.region_name
    backend = connect_backends[DEFAULT_ACCOUNT_ID][region]
    return backend, Caller(DEFAULT_ACCOUNT_ID, region, "aws"), region


def _contact(world: World, iid: str, channel: str = "VOICE", queued: bool = True, **attrs: Any) -> Any:
    backend, caller, _ = _backend(world)
    if queued:
        queues = world.client().list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"]
        attrs["QueueId"] = queues[0]["Id"]
    return contacts.start(backend.resources, backend.instance(iid), caller, channel, "API", attrs)


def _end(world: World, contact: Any) -> None:
    backend, caller, _ = _backend(world)
    contacts.end(backend.resources, contact, caller, "CUSTOMER_DISCONNECT")


def _user(world: World, iid: str, name: str) -> str:
    connect = world.client()
    return str(
        connect.create_user(
            InstanceId=iid,
            Username=name,
            Password="Happy-Passw0rd",
            IdentityInfo={"FirstName": "Happy", "LastName": "Path"},
            PhoneConfig={"PhoneType": "SOFT_PHONE"},
            SecurityProfileIds=[connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"][0]["Id"]],
            RoutingProfileId=connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"][0]["Id"],
        )["UserId"]
    )


@happy("connect", "AssociateContactWithUser", "ListAssociatedContacts")
def _queued_contact(world: World, request: dict[str, Any]) -> dict[str, Any]:
    request["ContactId"] = _contact(world, request["InstanceId"]).id
    return request


@happy("connect", "DismissUserContact")
def _dismiss(world: World, request: dict[str, Any]) -> dict[str, Any]:
    backend, caller, _ = _backend(world)
    iid = request["InstanceId"]
    agent = _user(world, iid, "happy-dismiss")
    contact = _contact(world, iid)
    contacts.route_to_agent(backend.resources, contact, agent, caller)
    _end(world, contact)
    return {**request, "UserId": agent, "ContactId": contact.id}


@happy("connect", "MonitorContact")
def _monitor(world: World, request: dict[str, Any]) -> dict[str, Any]:
    backend, caller, _ = _backend(world)
    iid = request["InstanceId"]
    agent = _user(world, iid, "happy-agent")
    contact = _contact(world, iid)
    contacts.route_to_agent(backend.resources, contact, agent, caller)
    return {**request, "ContactId": contact.id, "UserId": _user(world, iid, "happy-supervisor")}


@happy("connect", "CreatePersistentContactAssociation")
def _persistent(world: World, request: dict[str, Any]) -> dict[str, Any]:
    iid = request["InstanceId"]
    past = _contact(world, iid, "CHAT")
    _end(world, past)
    current = _contact(world, iid, "CHAT")
    return {**request, "InitialContactId": current.id, "SourceContactId": past.id, "RehydrationType": "FROM_SEGMENT"}


@happy("connect", "DeleteContactData")
def _delete_data(world: World, request: dict[str, Any]) -> dict[str, Any]:
    contact = _contact(world, request["InstanceId"])
    _end(world, contact)
    return {**request, "ContactId": contact.id}


@happy("connect", "DeleteSession")
def _delete_session(world: World, request: dict[str, Any]) -> dict[str, Any]:
    backend, caller, _ = _backend(world)
    iid = request["InstanceId"]
    session = contact_agents.open_session(
        backend.resources, backend.instance(iid), _user(world, iid, "happy-s"), caller
    )
    return {**request, "SessionId": session.id}


@happy("connect", "DeleteAllEntitySessions")
def _delete_all(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "EntityType": "USER", "EntityId": _user(world, request["InstanceId"], "happy-all")}


@happy("connect", "CreateAuthCode")
def _auth_code(world: World, request: dict[str, Any]) -> dict[str, Any]:
    """DeleteSession and DeleteAllEntitySessions name a session and an entity: CreateAuthCode makes
    both, given the 24-hour inactivity minimum and a customer profile (their own entries above
    then make the ones they act on)."""
    return {
        **request,
        "SessionInactivityDurationMinutes": 1440,
        "Scope": {"EntityType": "CUSTOMER_PROFILE", "EntityId": "happy-profile"},
    }
