"""The resources conformance examples start from, and one valid request per operation.

``World(service, clients)`` creates a service's base resources (``SEEDS``) inside a fresh mock
and offers their ids by member name.  ``World.request(operation)`` builds a request that must
succeed: the operation's required members from the model (``minimal.example``), ids of existing
resources for its id members, and the entry of ``HAPPY`` for operations that need more (a
resource in a given state, values that belong together).

An id member with no resource yet (``QueueId`` for a new DescribeQueue) is filled by calling an
operation whose output has a member of that name (``CreateQueue``), built the same way, so a new
operation usually needs nothing here.  When it does, the test says what to add.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
import wave
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError
from botocore.model import OperationModel, Shape
from moto.moto_api import state_manager

from moto_connect_ext.connect.testcases import EXECUTION_MODEL
from moto_connect_ext.core.model import service_model, snake_case
from moto_connect_ext.coverage import collect
from tests.conformance.minimal import NoExample, example
from tests.helpers import new_instance

Clients = Callable[[str], Any]
Ids = dict[str, list[Any]]

HERE = "tests/conformance/seeds.py (or a family module in tests/conformance/happy/)"

#: member names that hold the id or ARN of a resource
_ID_NAME = re.compile(r"(Id|Arn|Identifier|^id|^arn)$")
#: operations that bring a resource into being, most direct first
_PRODUCER_VERBS = ("Create", "Start", "Put", "Associate", "Claim", "Import")
_MAX_DEPTH = 4


class MissingSeed(AssertionError):
    """No valid request could be built: the message says what to add."""


# -- base resources per service -------------------------------------------------------------


def _seed_connect(clients: Clients) -> Ids:
    connect = clients("connect")
    instance = new_instance(connect, "seed")
    association = connect.create_integration_association(
        InstanceId=instance["Id"],
        IntegrationType="PINPOINT_APP",
        IntegrationArn="arn:aws:mobiletargeting:us-east-1:123456789012:apps/seed",
    )
    use_case = connect.create_use_case(
        InstanceId=instance["Id"],
        IntegrationAssociationId=association["IntegrationAssociationId"],
        UseCaseType="RULES_EVALUATION",
    )
    return {
        "InstanceId": [instance["Id"]],
        "IntegrationAssociationId": [association["IntegrationAssociationId"]],
        "UseCaseId": [use_case["UseCaseId"]],
        "ResourceArn": [instance["Arn"], use_case["UseCaseArn"]],
        "resourceArn": [instance["Arn"], use_case["UseCaseArn"]],
        "connectInstanceId": [instance["Id"]],
    }


def _seed_connectcases(clients: Clients) -> Ids:
    cases = clients("connectcases")
    domain = cases.create_domain(name="seed")
    domain_id = domain["domainId"]
    field = cases.create_field(domainId=domain_id, name="seed-field", type="Text")
    template = cases.create_template(domainId=domain_id, name="seed-template")
    contact_arn = "arn:aws:connect:us-east-1:123456789012:instance/seed/contact/seed"
    case_ids, case_arns, item_ids = [], [], []
    for title in ("first", "second"):
        case = cases.create_case(
            domainId=domain_id,
            templateId=template["templateId"],
            fields=[{"id": "title", "value": {"stringValue": title}}],
        )
        item = cases.create_related_item(
            domainId=domain_id,
            caseId=case["caseId"],
            type="Contact",
            content={"contact": {"contactArn": contact_arn}},
        )
        case_ids.append(case["caseId"])
        case_arns.append(case["caseArn"])
        item_ids.append(item["relatedItemId"])
    return {
        "domainId": [domain_id],
        "templateId": [template["templateId"]],
        "fieldId": [field["fieldId"], "title"],
        "id": [field["fieldId"], "title", "status"],
        "caseId": case_ids,
        "sourceCaseId": case_ids,
        "relatedItemId": item_ids,
        "contactArn": [contact_arn],
        "arn": [domain["domainArn"], *case_arns],
    }


def _seed_campaigns(clients: Clients) -> Ids:
    seeds = _seed_connect(clients)
    instance_id = seeds["connectInstanceId"][0]
    v1 = clients("connectcampaigns")
    v1.start_instance_onboarding_job(connectInstanceId=instance_id, encryptionConfig={"enabled": False})
    ids, arns = [], []
    for name in ("seed", "seed-running"):
        created = v1.create_campaign(
            name=name,
            connectInstanceId=instance_id,
            dialerConfig={"progressiveDialerConfig": {"bandwidthAllocation": 1.0}},
            outboundCallConfig={"connectContactFlowId": "seed-flow", "connectQueueId": "seed-queue"},
        )
        ids.append(created["id"])
        arns.append(created["arn"])
    v1.start_campaign(id=ids[1])
    return {
        **seeds,
        "id": ids,
        "arn": arns,
        "profileId": ["0123456789abcdef0123456789abcdef"],
    }


#: each service's base resources (member name -> ids to offer, the first one used by valid requests)
SEEDS: dict[str, Callable[[Clients], Ids]] = {
    "connect": _seed_connect,
    "connectcampaigns": _seed_campaigns,
    "connectcampaignsv2": _seed_campaigns,
    "connectcases": _seed_connectcases,
}


# -- operations whose valid request needs more than the model and the seeds --------------

Entry = Callable[["World", dict[str, Any]], dict[str, Any]]

#: (service, operation) -> fn(world, request built from the model) -> the valid request
HAPPY: dict[tuple[str, str], Entry] = {}


def happy(service: str, *operations: str) -> Callable[[Entry], Entry]:
    def register(fn: Entry) -> Entry:
        for operation in operations:
            HAPPY[(service, operation)] = fn
        return fn

    return register


# -- the world of one example ----------------------------------------------------------------


class World:
    """A service's base resources in the current mock, and valid requests built on them."""

    def __init__(self, service: str, clients: Clients) -> None:
        if service not in SEEDS:
            raise MissingSeed(
                f"no base resources for the service {service!r}: add a function that creates them to SEEDS in {HERE}"
            )
        self.service = service
        self.clients = clients
        self.ids: Ids = SEEDS[service](clients)
        self.aliases: dict[str, str] = {}
        self._busy: set[str] = set()
        self._cleanups: list[Callable[[], None]] = []

    def __enter__(self) -> World:
        return self

    def __exit__(self, *_: object) -> None:
        while self._cleanups:
            self._cleanups.pop()()

    def on_exit(self, cleanup: Callable[[], None]) -> None:
        """Undo something global (a state-manager transition) when the example ends."""
        self._cleanups.append(cleanup)

    def client(self, service: str | None = None) -> Any:
        return self.clients(service or self.service)

    def first(self, name: str) -> Any:
        return self.ids[name][0]

    def ensure(self, operation: str, depth: int = 0) -> None:
        """Find or make a resource for each id a request of ``operation`` needs and that has none yet.

        Ids come from the seeds, else from List operations (the resources an instance comes with),
        else from an operation that creates one.  A Delete operation gets a resource of its own,
        made for it, so that it deletes nothing another resource depends on."""
        shape = _operation(self.service, operation).input_shape
        if shape is None:
            return
        own = _deleted_member(operation, shape) if operation.startswith("Delete") else None
        for name in _id_members(shape):
            canonical = self._alias(name, operation)
            if name == own:
                self._produce(operation, canonical, depth, fresh=True, required=False)
            if not self.ids.get(canonical) and not self._harvest(canonical, depth):
                self._produce(operation, canonical, depth)

    def need(self, name: str, operation: str = "") -> Any:
        """An id for ``name`` (``UserArn``...), found or made: for entries of HAPPY."""
        canonical = self._alias(name)
        if not self.ids.get(canonical) and not self._harvest(canonical, 0):
            self._produce(operation or f"HAPPY needing {name}", canonical, 0)
        return self.first(canonical)

    def _alias(self, name: str, operation: str = "") -> str:
        """The id name that holds values for ``name``: itself, or a suffix with resources
        (``DefaultOutboundQueueId``: ``QueueId``)."""
        if self.ids.get(name) or _listers(self.service, name) or _producers(self.service, name, operation):
            return name
        for suffix in _suffixes(name):
            if self.ids.get(suffix) or _listers(self.service, suffix) or _producers(self.service, suffix):
                self.aliases[name] = suffix
                return suffix
        return name

    def request(self, operation: str, depth: int = 0) -> dict[str, Any]:
        """A request for ``operation`` that must succeed on this world's resources."""
        op = _operation(self.service, operation)
        self.ensure(operation, depth)
        ids = dict(self.ids)
        ids.update({alias: self.ids[name] for alias, name in self.aliases.items() if self.ids.get(name)})
        request: dict[str, Any] = {}
        shape = op.input_shape
        if shape is not None:
            for name in shape.required_members:
                member = shape.members[name]
                if member.serialization.get("location") == "header" and member.type_name == "timestamp":
                    continue
                try:
                    request[name] = example(member, ids, name)
                except NoExample as error:
                    raise MissingSeed(
                        f"{self.service} {operation}: no simple value for {name} ({error}); "
                        f"add an entry for ({self.service!r}, {operation!r}) to HAPPY in {HERE}"
                    ) from error
        entry = HAPPY.get((self.service, operation))
        if entry is None:
            return request
        try:
            return entry(self, request)
        except ClientError as error:
            answer = {k: v for k, v in error.response.items() if k != "ResponseMetadata"}
            raise MissingSeed(
                f"the entry for ({self.service!r}, {operation!r}) in HAPPY in {HERE} failed to set up: {answer}"
            ) from error

    def call(self, operation: str, request: dict[str, Any], service: str | None = None) -> dict[str, Any]:
        """Call ``operation`` and remember the ids its answer names."""
        answer = dict(getattr(self.client(service), snake_case(operation))(**request))
        for key, value in answer.items():
            if isinstance(value, str) and _ID_NAME.search(key):
                self.ids.setdefault(key, []).append(value)
        return answer

    def _harvest(self, name: str, depth: int) -> bool:
        """Collect ids for ``name`` from List operations (resources that exist already)."""
        for lister in _listers(self.service, name):
            shape = _operation(self.service, lister).input_shape
            needs = [] if shape is None else [n for n in _id_members(shape) if not self.ids.get(n)]
            if needs or lister in self._busy or depth >= _MAX_DEPTH:
                continue
            self._busy.add(lister)
            try:
                answer = self.call(lister, self.request(lister, depth + 1))
            except (MissingSeed, ClientError):
                continue
            finally:
                self._busy.discard(lister)
            output = _operation(self.service, lister).output_shape
            for member_name, items in answer.items():
                member = output.members.get(member_name) if output else None
                field = _id_field(member_name, member, name) if member else None
                found = [i[field] for i in items if isinstance(i.get(field), str)] if field and items else []
                if found:
                    self.ids.setdefault(name, []).extend(found)
            if self.ids.get(name):
                return True
        return False

    def _produce(self, operation: str, name: str, depth: int, fresh: bool = False, required: bool = True) -> None:
        """Make a resource whose id ``name`` names (first in line if ``fresh``).

        Without an operation that makes one, the model's example stands (an outside resource, such
        as an ARN of another service)."""
        tried = []
        for producer in _producers(self.service, name, operation):
            if producer in self._busy or depth >= _MAX_DEPTH:
                continue
            self._busy.add(producer)
            before = len(self.ids.get(name, []))
            try:
                answer = self.call(producer, self.request(producer, depth + 1))
                field = _made_field(self.service, producer, name, operation)
                if field != name and isinstance(answer.get(field), str):  # CreateTaskTemplate's Id
                    self.ids.setdefault(name, []).append(answer[field])
            except MissingSeed as error:
                tried.append(str(error))
                continue
            except ClientError as error:
                answer = {k: v for k, v in error.response.items() if k != "ResponseMetadata"}
                tried.append(f"{producer} answered {answer}")
                continue
            finally:
                self._busy.discard(producer)
            made = self.ids.get(name, [])[before:]
            if made:
                if fresh:
                    self.ids[name] = made + self.ids[name][:before]
                return
        if not tried or not required:
            return
        producers = [repr((self.service, p)) for p in _producers(self.service, name, operation)]
        raise MissingSeed(
            f"{self.service} {operation} needs an existing resource for {name} and none could be found or made "
            f"({'; '.join(tried)}). Make the request of one of {', '.join(producers)} valid with an entry "
            f"in HAPPY in {HERE}, or create the resource in SEEDS[{self.service!r}] there (its id under {name!r})."
        )


def _operation(service: str, operation: str) -> OperationModel:
    return service_model(service).operation_model(operation)


def _served(service: str) -> list[str]:
    cov = next(c for c in collect() if c.service == service)
    return cov.plugin + cov.moto


def _id_members(shape: Shape, depth: int = 0) -> list[str]:
    """Ids a simple request needs: required members, nested ones too, that name existing resources
    (``QueueId``; ``SecurityProfileIds`` gives ``SecurityProfileId``, the name its items are offered under)."""
    out: list[str] = []
    if depth > 4:
        return out
    members = list(shape.members.items())[:1] if shape.metadata.get("union") else list(shape.members.items())
    for name, member in members:
        if name not in shape.required_members and not shape.metadata.get("union"):
            continue
        inner = member.member if member.type_name == "list" else member
        if member.type_name == "string" and _ID_NAME.search(name):
            out.append(name)
        elif inner.type_name == "string" and name.endswith(("Ids", "Arns")):
            out.append(name[:-1])
        elif inner.type_name == "structure":
            out.extend(n for n in _id_members(inner, depth + 1) if n not in out)
    return out


def _suffixes(name: str) -> list[str]:
    """``DefaultOutboundQueueId``: ``OutboundQueueId``, ``QueueId`` (never a bare ``Id``)."""
    starts = [i for i in range(1, len(name)) if name[i].isupper()]
    return [name[i:] for i in starts if name[i:] not in ("Id", "Arn")]


def _deleted_member(operation: str, shape: Shape) -> str | None:
    """The id member of the resource a Delete operation deletes (``DeleteQueue``: ``QueueId``)."""
    noun = operation.removeprefix("Delete")
    names = [n for n in _id_members(shape) if noun.endswith(re.sub(_ID_NAME, "", n)) and re.sub(_ID_NAME, "", n)]
    return max(names, key=len) if names else None


def _nouns(member: str, item: Shape) -> set[str]:
    """What the items of a List output are called: ``QueueSummaryList`` of ``QueueSummary``: ``Queue``."""
    out = set()
    for text in (member, item.name):
        for suffix in ("SummaryList", "List", "Summary", "Metadata", "Identifier", "Item", "s"):
            if text.endswith(suffix) and len(text) > len(suffix):
                out.add(text.removesuffix(suffix))
    return out


def _id_field(member_name: str, member: Shape, name: str) -> str | None:
    """The field of a List output's items that holds ids for ``name`` (``QueueSummaryList``: ``Id``)."""
    if member.type_name != "list" or member.member.type_name != "structure":
        return None
    item = member.member
    if name in item.members:
        return name
    noun = re.sub(_ID_NAME, "", name)
    suffix = name[len(noun) :]
    if suffix in ("Id", "Arn") and suffix in item.members and noun in _nouns(member_name, item):
        return suffix
    return None


@functools.cache
def _listers(service: str, name: str) -> list[str]:
    """Served List operations whose items carry an id for ``name``."""
    found = []
    for operation in _served(service):
        output = _operation(service, operation).output_shape
        if not operation.startswith("List") or output is None:
            continue
        if any(_id_field(member_name, member, name) for member_name, member in output.members.items()):
            found.append(operation)
    return found


def _made_field(service: str, operation: str, name: str, context: str = "") -> str:
    """The member of ``operation``'s output holding the id for ``name``: ``QueueId`` itself, the
    ``Id`` of ``CreateTaskTemplate`` for ``TaskTemplateId``, or the ``Id`` of ``CreateContactFlowAlias``
    for the ``AliasId`` of ``DescribeContactFlowAlias`` (the ``context``)."""
    output = _operation(service, operation).output_shape
    noun = re.sub(_ID_NAME, "", name)
    suffix = name[len(noun) :]
    if output is None or name in output.members or suffix not in ("Id", "Arn") or suffix not in output.members:
        return name
    made = operation.removeprefix("Create")
    if made == noun or (made == re.sub(r"^[A-Z][a-z]+", "", context) and made.endswith(noun)):
        return suffix
    return name


@functools.cache
def _producers(service: str, name: str, context: str = "") -> list[str]:
    """Served operations that make a resource and answer with its id for ``name`` (needed by ``context``)."""
    found = []
    for operation in _served(service):
        op = _operation(service, operation)
        output, operation_input = op.output_shape, op.input_shape
        verb = next((v for v in _PRODUCER_VERBS if operation.startswith(v)), None)
        needs_it = operation_input is not None and name in operation_input.required_members
        makes_it = output is not None and _made_field(service, operation, name, context) in output.members
        if verb and makes_it and not needs_it:
            found.append((_PRODUCER_VERBS.index(verb), operation))
    return [operation for _, operation in sorted(found)]


# -- Connect ----------------------------------------------------------------------------------

_S3_STORAGE = {"StorageType": "S3", "S3Config": {"BucketName": "happy-bucket", "BucketPrefix": "transcripts"}}
_VOICE_ENTRY = {
    "Type": "VOICE_CALL",
    "VoiceCallEntryPointParameters": {
        "SourcePhoneNumber": "+15555550100",
        "DestinationPhoneNumber": "+15555550199",
        "FlowId": "11111111-2222-3333-4444-555555555555",
    },
}
_TEST_CASE_CONTENT = json.dumps(
    {
        "Version": "2025-06-21",
        "Metadata": {},
        "Observations": [
            {
                "Identifier": "greeting",
                "Event": {
                    "Identifier": "greeting-event",
                    "Type": "MessageReceived",
                    "Actor": "System",
                    "Properties": {"Text": "hello", "MatchingCriteria": "Inclusion"},
                },
                "Actions": [],
                "Usage": {"Type": "ANY"},
            }
        ],
    }
)


@happy("connect", "CreateInstance")
def _create_instance(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "IdentityManagementType": "CONNECT_MANAGED", "InstanceAlias": "happy"}


@happy("connect", "ReplicateInstance")
def _replicate_instance(world: World, request: dict[str, Any]) -> dict[str, Any]:
    saml = new_instance(world.client(), "happy-saml", IdentityManagementType="SAML")
    return {**request, "InstanceId": saml["Id"], "ReplicaRegion": "us-west-2", "ReplicaAlias": "happy-replica"}


@happy("connect", "UpdateInstanceAttribute")
def _update_instance_attribute(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "AttributeType": "INBOUND_CALLS", "Value": "true"}


@happy("connect", "CreateIntegrationAssociation")
def _create_integration_association(world: World, request: dict[str, Any]) -> dict[str, Any]:
    arn = "arn:aws:mobiletargeting:us-east-1:123456789012:apps/happy"
    return {**request, "IntegrationType": "PINPOINT_APP", "IntegrationArn": arn}


@happy("connect", "CreateUseCase")
def _create_use_case(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "UseCaseType": "CONNECT_CAMPAIGNS"}  # the seeded use case is RULES_EVALUATION


@happy("connect", "AssociateInstanceStorageConfig", "UpdateInstanceStorageConfig")
def _storage_config(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ResourceType": "CHAT_TRANSCRIPTS", "StorageConfig": _S3_STORAGE}


@happy("connect", "DescribeInstanceStorageConfig", "DisassociateInstanceStorageConfig")
def _storage_config_type(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ResourceType": "CHAT_TRANSCRIPTS"}


@happy("connect", "CreateTestCase", "UpdateTestCase")
def _test_case(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Content": _TEST_CASE_CONTENT, "EntryPoint": _VOICE_ENTRY}


@happy("connect", "StopTestCaseExecution")
def _stop_test_case_execution(world: World, request: dict[str, Any]) -> dict[str, Any]:
    state_manager.set_transition(EXECUTION_MODEL, {"progression": "manual", "times": 1})
    world.on_exit(lambda: state_manager.unset_transition(EXECUTION_MODEL))
    case = {"InstanceId": request["InstanceId"], "TestCaseId": request["TestCaseId"]}
    running = world.client().start_test_case_execution(**case)  # INITIATED until a summary is read
    return {**request, "TestCaseExecutionId": running["TestCaseExecutionId"]}


_IDENTITY = {"FirstName": "Happy", "LastName": "Path"}


@happy("connect", "CreateUser")
def _create_user(world: World, request: dict[str, Any]) -> dict[str, Any]:
    phone = {"PhoneType": "SOFT_PHONE"}
    return {**request, "Password": "Happy-Passw0rd", "PhoneConfig": phone, "IdentityInfo": _IDENTITY}


@happy("connect", "UpdateUserIdentityInfo")
def _identity(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "IdentityInfo": _IDENTITY}


@happy("connect", "UpdateUserConfig")
def _user_config(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "AutoAcceptConfigs": [{"Channel": "VOICE", "AutoAccept": True}]}


def _skill(world: World, request: dict[str, Any]) -> dict[str, Any]:
    """A proficiency on a predefined attribute made for it."""
    world.client().create_predefined_attribute(
        InstanceId=request["InstanceId"], Name="happy-skill", Values={"StringList": ["gold"]}
    )
    return {"AttributeName": "happy-skill", "AttributeValue": "gold", "Level": 3.0}


@happy("connect", "AssociateUserProficiencies")
def _associate_proficiencies(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "UserProficiencies": [_skill(world, request)]}


@happy("connect", "UpdateUserProficiencies", "DisassociateUserProficiencies")
def _user_proficiencies(world: World, request: dict[str, Any]) -> dict[str, Any]:
    skill = _skill(world, request)
    world.client().associate_user_proficiencies(
        InstanceId=request["InstanceId"], UserId=request["UserId"], UserProficiencies=[skill]
    )
    if "Level" not in request["UserProficiencies"][0]:  # Disassociate names the proficiency only
        skill.pop("Level")
    return {**request, "UserProficiencies": [skill]}


_AI_AGENT = "arn:aws:wisdom:us-east-1:123456789012:ai-agent/{0}-bbbb-4ccc-8ddd-{1}/{0}-2222-4333-8444-{1}".format(
    "a" * 8, "e" * 12
)


@happy("connect", "AssociateSecurityProfiles", "ListEntitySecurityProfiles")
def _entity_security_profiles(world: World, request: dict[str, Any]) -> dict[str, Any]:
    entity = {"EntityType": "AI_AGENT", "EntityArn": _AI_AGENT}
    if "SecurityProfiles" in request:
        entity["SecurityProfiles"] = [{"Id": world.need("SecurityProfileId")}]
    return {**request, **entity}


@happy("connect", "DisassociateSecurityProfiles")
def _disassociate_security_profiles(world: World, request: dict[str, Any]) -> dict[str, Any]:
    associated = _entity_security_profiles(world, request)
    world.client().associate_security_profiles(**associated)
    return associated


@happy("connect", "CreateQuickConnect", "UpdateQuickConnectConfig")
def _quick_connect(world: World, request: dict[str, Any]) -> dict[str, Any]:
    config = {"QuickConnectType": "PHONE_NUMBER", "PhoneConfig": {"PhoneNumber": "+12065550100"}}
    return {**request, "QuickConnectConfig": config}


@happy("connect", "CreateRoutingProfile", "UpdateRoutingProfileConcurrency")
def _concurrency(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "MediaConcurrencies": [{"Channel": "VOICE", "Concurrency": 1}]}


@happy("connect", "UpdateRoutingProfileName", "UpdateQueueName", "UpdateQuickConnectName")
def _rename(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Name": "happy-renamed"}


def _routing_queue(world: World, request: dict[str, Any]) -> dict[str, Any]:
    """A queue on the request's routing profile for VOICE (associated here if it has none)."""
    connect = world.client()
    where = {"InstanceId": request["InstanceId"], "RoutingProfileId": request["RoutingProfileId"]}
    listed = connect.list_routing_profile_queues(**where)["RoutingProfileQueueConfigSummaryList"]
    voice = [q for q in listed if q["Channel"] == "VOICE"]
    if voice:
        return {"QueueId": voice[0]["QueueId"], "Channel": "VOICE"}
    queue = world.call("CreateQueue", world.request("CreateQueue"))["QueueId"]
    reference = {"QueueId": queue, "Channel": "VOICE"}
    connect.associate_routing_profile_queues(
        **where, QueueConfigs=[{"QueueReference": reference, "Priority": 1, "Delay": 0}]
    )
    return reference


@happy("connect", "AssociateRoutingProfileQueues")
def _associate_routing_queues(world: World, request: dict[str, Any]) -> dict[str, Any]:
    queue = world.call("CreateQueue", world.request("CreateQueue"))["QueueId"]
    config = {"QueueReference": {"QueueId": queue, "Channel": "VOICE"}, "Priority": 1, "Delay": 0}
    return {**request, "QueueConfigs": [config]}


@happy("connect", "UpdateRoutingProfileQueues")
def _update_routing_queues(world: World, request: dict[str, Any]) -> dict[str, Any]:
    config = {"QueueReference": _routing_queue(world, request), "Priority": 2, "Delay": 5}
    return {**request, "QueueConfigs": [config]}


@happy("connect", "DisassociateRoutingProfileQueues")
def _disassociate_routing_queues(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "QueueReferences": [_routing_queue(world, request)]}


@happy("connect", "AssociateHoursOfOperations")
def _associate_hours(world: World, request: dict[str, Any]) -> dict[str, Any]:
    parent = world.call("CreateHoursOfOperation", world.request("CreateHoursOfOperation"))["HoursOfOperationId"]
    return {**request, "ParentHoursOfOperationConfigs": [{"HoursOfOperationId": parent}]}


@happy("connect", "DisassociateHoursOfOperations")
def _disassociate_hours(world: World, request: dict[str, Any]) -> dict[str, Any]:
    associate = world.request("AssociateHoursOfOperations")
    world.client().associate_hours_of_operations(**associate)
    parent = associate["ParentHoursOfOperationConfigs"][0]["HoursOfOperationId"]
    return {**request, "HoursOfOperationId": associate["HoursOfOperationId"], "ParentHoursOfOperationIds": [parent]}


@happy("connect", "CreateUserHierarchyGroup")
def _hierarchy_group(world: World, request: dict[str, Any]) -> dict[str, Any]:
    structure = {"LevelOne": {"Name": "Region"}}
    world.client().update_user_hierarchy_structure(InstanceId=request["InstanceId"], HierarchyStructure=structure)
    return request


@happy("connect", "CreatePrompt")
def _prompt(world: World, request: dict[str, Any]) -> dict[str, Any]:
    s3 = world.client("s3")
    s3.create_bucket(Bucket="happy-prompts")
    s3.put_object(Bucket="happy-prompts", Key="hello.wav", Body=_wav())
    return {**request, "S3Uri": "s3://happy-prompts/hello.wav"}


def _wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80" * 4000)
    return buffer.getvalue()


@happy("connect", "CreateTaskTemplate")
def _task_template(world: World, request: dict[str, Any]) -> dict[str, Any]:
    fields = [{"Id": {"Name": "Title"}, "Type": "NAME"}, {"Id": {"Name": "Transfer"}, "Type": "QUICK_CONNECT"}]
    return {**request, "Fields": fields, "Constraints": {"RequiredFields": [{"Id": {"Name": "Title"}}]}}


@happy("connect", "UpdateTaskTemplate")
def _update_task_template(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**_task_template(world, request), "Status": "ACTIVE"}  # content is replaced whole


@happy("connect", "DescribePredefinedAttribute", "UpdatePredefinedAttribute", "DeletePredefinedAttribute")
def _predefined_attribute(world: World, request: dict[str, Any]) -> dict[str, Any]:
    world.client().create_predefined_attribute(
        InstanceId=request["InstanceId"], Name="happy-attribute", Values={"StringList": ["gold"]}
    )
    return {**request, "Name": "happy-attribute"}


_FLOW_LANGUAGE = "2019-10-30"


def _flow_content(*actions: dict[str, Any]) -> str:
    return json.dumps({"Version": _FLOW_LANGUAGE, "StartAction": actions[0]["Identifier"], "Actions": list(actions)})


def _action(ident: str, kind: str, parameters: dict[str, Any] | None = None, **transitions: str) -> dict[str, Any]:
    return {"Identifier": ident, "Type": kind, "Parameters": parameters or {}, "Transitions": transitions}


#: an inbound flow (a message, then a disconnect) and a flow module (a message, then its end)
_FLOW = _flow_content(
    _action("say", "MessageParticipant", {"Text": "Hello"}, NextAction="bye"), _action("bye", "DisconnectParticipant")
)
_MODULE = _flow_content(
    _action("say", "MessageParticipant", {"Text": "Hello"}, NextAction="end"), _action("end", "EndFlowModuleExecution")
)


@happy("connect", "CreateContactFlow")
def _flow(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Content": _FLOW}


@happy("connect", "CreateContactFlowModule", "UpdateContactFlowModuleContent")
def _module(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "Content": _MODULE}


@happy("connect", "UpdateContactFlowContent")
def _flow_update(world: World, request: dict[str, Any]) -> dict[str, Any]:
    own = world.call("CreateContactFlow", world.request("CreateContactFlow"))["ContactFlowId"]  # an inbound flow
    return {**request, "ContactFlowId": own, "Content": _FLOW}


@happy("connect", "CreateContactFlowModuleAlias", "DeleteContactFlowModuleVersion")
def _module_version(world: World, request: dict[str, Any]) -> dict[str, Any]:
    where = {"InstanceId": request["InstanceId"], "ContactFlowModuleId": request["ContactFlowModuleId"]}
    made = world.client().create_contact_flow_module_version(**where)
    return {**request, "ContactFlowModuleVersion": made["Version"]}


@happy("connect", "CreateContactFlowAlias", "DeleteContactFlowVersion")
def _flow_version(world: World, request: dict[str, Any]) -> dict[str, Any]:
    where = {"InstanceId": request["InstanceId"], "ContactFlowId": request["ContactFlowId"]}
    made = world.client().create_contact_flow_version(**where)
    return {**request, "ContactFlowVersion": made["Version"]}


_SMS_NUMBER = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123456789abcdef0123456789abcdef"


def _inbound_flow(world: World) -> dict[str, Any]:
    """A CONTACT_FLOW flow made for the request (the first listed default flow is another type)."""
    return world.call("CreateContactFlow", world.request("CreateContactFlow"))


@happy("connect", "SearchAvailablePhoneNumbers")
def _search_numbers(world: World, request: dict[str, Any]) -> dict[str, Any]:
    where = {"InstanceId": world.first("InstanceId")}
    return {**request, **where, "PhoneNumberCountryCode": "US", "PhoneNumberType": "DID"}


@happy("connect", "ClaimPhoneNumber")
def _claim_number(world: World, request: dict[str, Any]) -> dict[str, Any]:
    search = world.request("SearchAvailablePhoneNumbers")
    [number, *_] = world.client().search_available_phone_numbers(**search)["AvailableNumbersList"]
    return {**request, "InstanceId": search["InstanceId"], "PhoneNumber": number["PhoneNumber"]}


@happy("connect", "ImportPhoneNumber")
def _import_number(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "SourcePhoneNumberArn": _SMS_NUMBER}


@happy("connect", "UpdatePhoneNumber")
def _update_number(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "InstanceId": world.first("InstanceId")}


@happy("connect", "UpdatePhoneNumberMetadata")
def _number_metadata(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "PhoneNumberDescription": "happy line"}


@happy("connect", "AssociatePhoneNumberContactFlow")
def _number_flow(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "ContactFlowId": _inbound_flow(world)["ContactFlowId"]}


@happy("connect", "DisassociatePhoneNumberContactFlow")
def _number_flow_gone(world: World, request: dict[str, Any]) -> dict[str, Any]:
    associated = world.request("AssociatePhoneNumberContactFlow")
    world.client().associate_phone_number_contact_flow(**associated)
    return {**request, "PhoneNumberId": associated["PhoneNumberId"], "InstanceId": associated["InstanceId"]}


@happy("connect", "AssociateFlow")
def _associate_flow(world: World, request: dict[str, Any]) -> dict[str, Any]:
    flow = _inbound_flow(world)["ContactFlowArn"]
    return {**request, "ResourceId": _SMS_NUMBER, "ResourceType": "SMS_PHONE_NUMBER", "FlowId": flow}


@happy("connect", "DisassociateFlow", "GetFlowAssociation")
def _flow_association(world: World, request: dict[str, Any]) -> dict[str, Any]:
    associated = world.request("AssociateFlow")
    world.client().associate_flow(**associated)
    return {**request, "ResourceId": _SMS_NUMBER, "ResourceType": "SMS_PHONE_NUMBER"}


# -- Connect Cases ----------------------------------------------------------------------------

_COMMENT = {"comment": {"body": "happy", "contentType": "Text/Plain"}}


def _options_field(world: World) -> str:
    cases = world.client()
    field = cases.create_field(domainId=world.first("domainId"), name="happy-choice", type="SingleSelect")
    return str(field["fieldId"])


@happy("connectcases", "CreateCase")
def _create_case(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "fields": [{"id": "title", "value": {"stringValue": "happy"}}]}


@happy("connectcases", "CreateRelatedItem")
def _create_comment(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "type": "Comment", "content": _COMMENT}  # the seeded contact is related already


@happy("connectcases", "BatchCreateRelatedItem")
def _batch_comment(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "content": _COMMENT}  # comments only


@happy("connectcases", "UpdateRelatedItem")
def _update_related_item(world: World, request: dict[str, Any]) -> dict[str, Any]:
    comment = world.client().create_related_item(
        domainId=request["domainId"], caseId=request["caseId"], type="Comment", content=_COMMENT
    )
    return {**request, "relatedItemId": comment["relatedItemId"], "content": _COMMENT}


@happy("connectcases", "BatchPutFieldOptions", "ListFieldOptions")
def _field_options(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "fieldId": _options_field(world)}


@happy("connectcases", "StartMergeCases")
def _start_merge(world: World, request: dict[str, Any]) -> dict[str, Any]:
    primary, secondary = world.ids["caseId"][:2]
    return {**request, "caseId": primary, "secondaryCaseIds": [secondary]}


@happy("connectcases", "GetMergeCasesStatus")
def _merge_status(world: World, request: dict[str, Any]) -> dict[str, Any]:
    merge = world.request("StartMergeCases")
    world.client().start_merge_cases(**merge)
    return {**request, "caseId": merge["secondaryCaseIds"][0]}


@happy("connectcases", "UpdateTemplate")
def _update_template(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "name": "happy-template"}


# -- outbound campaigns v1 and v2 -------------------------------------------------------------

_TELEPHONY = {
    "capacity": 0.5,
    "connectQueueId": "queue-1",
    "outboundMode": {"progressive": {"bandwidthAllocation": 1.0}},
    "defaultOutboundConfig": {"connectContactFlowId": "flow-1", "connectSourcePhoneNumber": "+12065550100"},
}
_PROFILES_DOMAIN = "arn:aws:profile:us-east-1:123456789012:domains/happy"


def _running(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "id": world.ids["id"][1]}  # the seeded campaign that was started


for _service in ("connectcampaigns", "connectcampaignsv2"):
    happy(_service, "PauseCampaign", "StopCampaign")(_running)


@happy("connectcampaigns", "PutDialRequestBatch")
def _dial_requests(world: World, request: dict[str, Any]) -> dict[str, Any]:
    dial = {**request["dialRequests"][0], "phoneNumber": "+12065550123"}
    return {**_running(world, request), "dialRequests": [dial]}


@happy("connectcampaignsv2", "PutOutboundRequestBatch")
def _outbound_requests(world: World, request: dict[str, Any]) -> dict[str, Any]:
    outbound = {
        "clientToken": "happy",
        "expirationTime": request["outboundRequests"][0]["expirationTime"],
        "channelSubtypeParameters": {"telephony": {"destinationPhoneNumber": "+12065550123", "attributes": {}}},
    }
    return {**_running(world, request), "outboundRequests": [outbound]}


@happy("connectcampaignsv2", "PutProfileOutboundRequestBatch")
def _profile_requests(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return _running(world, request)


@happy("connectcampaigns", "ResumeCampaign")
@happy("connectcampaignsv2", "ResumeCampaign")
def _resume(world: World, request: dict[str, Any]) -> dict[str, Any]:
    running = world.ids["id"][1]
    world.client("connectcampaigns").pause_campaign(id=running)
    return {**request, "id": running}


@happy("connectcampaigns", "CreateCampaign")
def _create_campaign_v1(world: World, request: dict[str, Any]) -> dict[str, Any]:
    calls = {"connectContactFlowId": "flow-1", "connectQueueId": "queue-1"}
    return {**request, "name": "happy", "outboundCallConfig": calls}


@happy("connectcampaignsv2", "UpdateCampaignChannelSubtypeConfig")
def _channel_subtypes(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "channelSubtypeConfig": {"telephony": _TELEPHONY}}


@happy("connectcampaignsv2", "UpdateCampaignCommunicationTime")
def _communication_time(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "communicationTimeConfig": {"localTimeZoneConfig": {"defaultTimeZone": "UTC"}}}


@happy("connectcampaignsv2", "UpdateCampaignSchedule")
def _schedule(world: World, request: dict[str, Any]) -> dict[str, Any]:
    start = dt.datetime(2030, 1, 1, 9, tzinfo=dt.timezone.utc)
    return {**request, "schedule": {"startTime": start, "endTime": start + dt.timedelta(days=30)}}


@happy("connectcampaignsv2", "UpdateCampaignSource")
def _source(world: World, request: dict[str, Any]) -> dict[str, Any]:
    segment = _PROFILES_DOMAIN + "/segment-definitions/happy"
    created = world.client().create_campaign(
        name="happy-segment",
        connectInstanceId=world.first("connectInstanceId"),
        channelSubtypeConfig={"telephony": _TELEPHONY},
        source={"customerProfilesSegmentArn": segment},
    )
    return {**request, "id": created["id"], "source": {"customerProfilesSegmentArn": segment + "-2"}}


@happy("connectcampaignsv2", "UpdateCampaignFlowAssociation")
def _flow(world: World, request: dict[str, Any]) -> dict[str, Any]:
    instance = world.first("connectInstanceId")
    flow = f"arn:aws:connect:us-east-1:123456789012:instance/{instance}/contact-flow/happy"
    return {**request, "connectCampaignFlowArn": flow}


@happy("connectcampaignsv2", "PutConnectInstanceIntegration")
def _put_integration(world: World, request: dict[str, Any]) -> dict[str, Any]:
    profiles = {"domainArn": _PROFILES_DOMAIN, "objectTypeNames": {"Campaign-SMS": "happy"}}
    return {**request, "integrationConfig": {"customerProfiles": profiles}}


@happy("connectcampaignsv2", "DeleteConnectInstanceIntegration")
def _delete_integration(world: World, request: dict[str, Any]) -> dict[str, Any]:
    world.call("PutConnectInstanceIntegration", world.request("PutConnectInstanceIntegration"))
    identifier = {"customerProfiles": {"domainArn": _PROFILES_DOMAIN}}
    return {**request, "integrationIdentifier": identifier}


# -- the families' own entries (tests/conformance/happy/) ------------------------------------
def _load_family_entries() -> None:
    import importlib
    import pkgutil

    from tests.conformance import happy as families

    for info in sorted(pkgutil.iter_modules(families.__path__), key=lambda i: i.name):
        importlib.import_module(f"{families.__name__}.{info.name}")


_load_family_entries()
