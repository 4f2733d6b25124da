"""The resource layer: the shape most of Connect (and much of Cases) follows, written once.

Most resources of these services are the same thing: created under a parent (a
Connect instance, a Cases domain, another resource), described, listed as
summaries, updated whole or one attribute at a time, deleted and searched; an ID
and an ARN in AWS's format; a name unique per parent where AWS says so; tags;
``LastModifiedTime``/``LastModifiedRegion``; references to other resources that
must exist, and that block the deletion of what they name where AWS documents it;
stable pagination.  A resource type is declared once (``ResourceType``) and the
rules that are really its own go in its ``check`` hook; ``Resources`` (one per
backend) does the rest, and ``operations()`` builds the handlers of the standard
operations from the botocore model:

* what Create takes becomes the resource's attributes;
* every output shape (Create's, Describe's, a list's summaries, a search's items)
  is filled by member name from the attributes plus the standard members (the ID
  and ARN under the names the type declares, ``Tags``, ``LastModifiedTime``,
  ``LastModifiedRegion``, the parent's ID), with a renderer compiled once per
  type and shape.

Models declare types and call ``Resources``; they never import responses.
"""

from __future__ import annotations

import functools
import operator
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .arns import make_arn
from .caller import Caller
from .clock import now
from .errors import ServiceError, ValidationError
from .model import service_model, snake_case
from .pagination import Store, limit_of
from .protocol import Encoded, OutputShapeError, output_compiler
from .tagging import Tags

#: the attributes a Create request carries that are not the resource's own
_NOT_ATTRIBUTES = frozenset({"ClientToken", "clientToken", "NextToken", "MaxResults"})


def uuid_id() -> str:
    return str(uuid.uuid4())


#: how an operation that does not model the type's duplicate error answers a name already taken
_TAKEN_NAME_INSTEAD = (
    "ConflictException",
    "ResourceConflictException",
    "InvalidParameterException",
    "InvalidRequestException",
)


class ModeledError(ServiceError):
    """An error whose modeled exception is chosen by the resource type's declaration."""

    def __init__(self, code: str, message: str, **fields: Any) -> None:
        super().__init__(message, **fields)
        self.code = code


@dataclass(frozen=True)
class Ref:
    """An attribute that names other resources of the same root (an ID, an ARN, or a list of them)."""

    member: str
    kind: str
    many: bool = False
    #: the named resource cannot be deleted while this one names it
    blocks_delete: bool = True


@dataclass(frozen=True)
class Quota:
    """At most ``limit`` resources of one type under one parent: a create past it is refused
    with ``code`` and ``message`` and changes nothing (updates are not counted)."""

    #: the most a parent holds; a callable is read at each create (a module constant that a
    #: test may lower)
    limit: int | Callable[[], int]
    code: str = "ServiceQuotaExceededException"
    #: filled with ``noun``, ``parent`` (the parent's ID), ``limit`` and ``count`` (what the
    #: parent would hold with the new one)
    message: str = "{parent} already has {limit} resources of type {noun}, the most it can have"
    #: which resources count, besides not being soft-deleted (never counted); None: all of them
    counts: Callable[[Resource], bool] | None = None
    #: checked before the type's ``check`` rather than after it
    first: bool = False

    @classmethod
    def most(
        cls,
        limit: int | Callable[[], int],
        what: str,
        code: str = "ServiceQuotaExceededException",
        holder: str = "The instance",
        **rest: Any,
    ) -> Quota:
        """The quota refused as "<holder> already has <limit> <what>, the most it can have"."""
        return cls(limit, code, f"{holder} already has {{limit}} {what}, the most it can have", **rest)

    def enforce(self, resources: Resources, rtype: ResourceType, parent: Container) -> None:
        limit = self.limit() if callable(self.limit) else self.limit
        held = resources.count(rtype, parent, self.counts)
        if held >= limit:
            message = self.message.format(noun=rtype.noun.lower(), parent=parent.id, limit=limit, count=held + 1)
            raise ModeledError(self.code, message)


@dataclass(eq=False)
class ResourceType:
    """The declaration of one kind of resource."""

    #: short name; also what other declarations use in ``Ref.kind``
    kind: str
    #: how messages name it; left empty, the kind's words ("integration-association" gives
    #: "Integration association")
    noun: str = ""
    #: the request member that names it (a path label); left empty, the kind's words
    #: capitalised and ``Id`` ("integration-association" gives ``IntegrationAssociationId``)
    id_param: str = ""
    #: the ARN's resource part; ``{id}``, ``{parent}`` and ``{root}`` are filled in. Left
    #: empty, the kind under the instance: ``instance/{root}/<kind>/{id}``
    arn_path: str = ""
    #: output members that hold its ID / ARN.  Left as they are, they follow the convention of
    #: ``id_param``: ``QueueId`` gives ``QueueId`` and ``Id``, ``QueueArn``, ``QueueARN`` and ``Arn``
    id_names: tuple[str, ...] = ("Id",)
    arn_names: tuple[str, ...] = ("Arn",)
    #: the boto3 service whose model has its shapes, and the service in its ARN where it differs
    service: str = "connect"
    arn_service: str | None = None
    #: the parent's type, or None when the parent is the root (instance, domain)
    parent: ResourceType | None = None
    #: output members that hold the root's ID (``InstanceId``)
    root_id_names: tuple[str, ...] = ()
    name_member: str | None = "Name"
    #: names unique per parent (compared case-insensitively where ``names_ignore_case``)
    unique_name: bool = False
    names_ignore_case: bool = False
    refs: tuple[Ref, ...] = ()
    #: attributes a new resource starts with (what AWS fills in when the request does not)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    tags_member: str = "Tags"
    #: output members read from an attribute of another name (``ContactFlowType`` -> ``Type``)
    aliases: Mapping[str, str] = field(default_factory=dict)
    #: output members computed from the resource (counts, derived states)
    computed: Mapping[str, Callable[[Resource], Any]] = field(default_factory=dict)
    #: the kinds of child resource whose presence blocks deleting this one
    children_block_delete: tuple[str, ...] = ()
    #: the resource's own rules: ``check(resources, resource_or_None, parent, attrs)`` raises on bad input
    check: Callable[[Resources, Resource | None, Any, dict[str, Any]], None] | None = None
    #: how many of it one parent may hold (checked on create, after ``check`` unless ``first``)
    quota: Quota | None = None
    #: what IAM matches a request naming this resource against, when not its own ARN: same
    #: fields as ``arn_path``
    iam_arn_path: str | None = None
    #: False where AWS gives it no ARN: no output shows one, and IAM authorizes its requests on
    #: its parent's ARN (the root's, for one directly under the root)
    has_arn: bool = True
    new_id: Callable[[], str] = uuid_id
    #: its resources are the root of their own children (``{root}`` in their ARNs is the
    #: resource's ID): a Customer Profiles domain, under its account
    root: bool = False
    #: a delete marks the resource deleted (still described, no longer listed, its name free)
    soft_delete: bool = False
    #: the output's tags member even when there are none (``{}``), as some services answer
    tags_always: bool = False
    #: the error for an unknown ID (``parent`` is None for one already soft-deleted)
    not_found_error: Callable[[str, Container | None], Exception] | None = None
    not_found_code: str = "ResourceNotFoundException"
    duplicate_code: str = "DuplicateResourceException"
    in_use_code: str = "ResourceInUseException"
    #: messages, filled with ``noun``, ``name``, ``id``, ``parent`` (the parent's ID) and ``kind``
    duplicate_message: str = "A {noun} with the name {name} already exists"
    children_message: str = "{noun} {id} still has resources of type {kind}; delete them first"

    def __post_init__(self) -> None:
        words = self.kind.split("-")
        self.noun = self.noun or " ".join(words).capitalize()
        self.id_param = self.id_param or "".join(word.capitalize() for word in words) + "Id"
        self.arn_path = self.arn_path or f"instance/{{root}}/{self.kind}/{{id}}"
        if not self.has_arn:
            self.arn_names = ()
            if self.iam_arn_path is None:
                self.iam_arn_path = self._parent_arn_path()
        if self.id_param.endswith("Id"):
            stem = self.id_param[:-2]
            if self.id_names == ("Id",):
                self.id_names = (self.id_param, "Id")
            if self.arn_names == ("Arn",):
                self.arn_names = (f"{stem}Arn", f"{stem}ARN", "Arn")
        _TYPES[(self.service, self.kind)] = self

    def _parent_arn_path(self) -> str:
        if self.parent is None:
            return self.arn_path.split("/", 1)[0] + "/{root}"
        if "{parent}" in self.parent.arn_path:
            raise TypeError(f"{self.kind}: a grandchild without an ARN declares its iam_arn_path")
        return self.parent.arn_path.replace("{id}", "{parent}")

    def __hash__(self) -> int:
        return id(self)

    def not_found(self, ident: str, parent: Container | None = None) -> Exception:
        if self.not_found_error is not None:
            return self.not_found_error(ident, parent)
        return ModeledError(self.not_found_code, f"{self.noun} not found: {ident}")


#: every declared type by (service, kind): references name kinds
_TYPES: dict[tuple[str, str], ResourceType] = {}


class Container:
    """Something resources live under: an instance, a domain, or another resource."""

    id: str

    def children(self, kind: str) -> Store[Resource]:
        stores: dict[str, Store[Resource]] = self.__dict__.setdefault("_children", {})
        found = stores.get(kind)
        if found is None:
            found = stores[kind] = Store()
        return found

    def has_children(self, kind: str) -> bool:
        found = self.__dict__.get("_children", {}).get(kind)
        return found is not None and len(found) > 0

    def names(self, kind: str) -> dict[str, str]:
        """Name -> id of the children of one kind whose names are unique."""
        index: dict[str, dict[str, str]] = self.__dict__.setdefault("_names", {})
        found = index.get(kind)
        if found is None:
            found = index[kind] = {}
        return found

    @property
    def root_id(self) -> str:
        return self.id


class Resource(Container):
    """One resource: its ID, ARN, parent, attributes and modification stamp."""

    def __init__(self, rtype: ResourceType, resource_id: str, arn: str, parent: Container, attrs: dict[str, Any]):
        self.rtype = rtype
        self.id = resource_id
        self.arn = arn
        self.parent = parent
        self.attrs = attrs
        self.created_time = now()
        self.last_modified_time = self.created_time
        self.last_modified_region = ""
        self.deleted = False

    @property
    def root_id(self) -> str:
        return self.id if self.rtype.root else self.parent.root_id

    @property
    def name(self) -> Any:
        member = self.rtype.name_member
        return self.attrs.get(member) if member else None

    def __repr__(self) -> str:
        return f"<{self.rtype.kind} {self.id}>"


def id_of(value: str) -> str:
    """An ID from an ID or an ARN (its last path segment)."""
    return value.rsplit("/", 1)[-1] if value.startswith("arn:") else value


def named(store: Store[Resource], ident: str) -> Resource | None:
    """The resource of a store that ``ident``, an ID or an ARN, names.

    An ARN names it only as AWS would read it: in the same partition, service, Region and
    account, and under the same root (an ARN of another instance's queue with this queue's ID
    names nothing here). The root may stand in another form of the ARN (a phone number's
    ``instance/<id>/phone-number/<id>`` besides its ``phone-number/<id>``)."""
    if not ident.startswith("arn:"):
        return store.get(ident)
    found = store.get(ident.rsplit("/", 1)[-1])
    if found is None or ident == found.arn:
        return found
    given, own = ident.split(":", 5), found.arn.split(":", 5)
    if len(given) < 6 or given[:5] != own[:5] or f"/{found.root_id}/" not in f"/{given[5]}/":
        return None
    return found


def child(parent: Container, kind: str, ident: str) -> Resource | None:
    """The resource of ``kind`` under ``parent`` that ``ident`` (an ID or an ARN) names, if any,
    for rules that look across families (a parent that never had one is left without a store)."""
    if not parent.has_children(kind):
        return None
    return named(parent.children(kind), ident)


def parent_members(stem: str) -> dict[str, Callable[[Resource], Any]]:
    """For ``computed``: ``<stem>Id`` and ``<stem>Arn``, a child's parent's ID and ARN (None for a
    parent with no ARN), where its outputs name the parent as ``root_id_names`` names the root."""
    return {f"{stem}Id": lambda r: r.parent.id, f"{stem}Arn": lambda r: getattr(r.parent, "arn", None)}


class Resources:
    """Create, find, update, delete, page and search the resources of one backend."""

    def __init__(self, tags: Tags) -> None:
        self.tags = tags
        #: target ARN -> ARNs of the resources whose references name it
        self._referrers: dict[str, set[str]] = {}

    # -- lookups -------------------------------------------------------------
    def find(self, rtype: ResourceType, parent: Container, ident: str) -> Resource | None:
        return named(parent.children(rtype.kind), ident)

    def get(self, rtype: ResourceType, parent: Container, ident: str) -> Resource:
        found = named(parent.children(rtype.kind), ident)
        if found is None:
            raise rtype.not_found(ident, parent)
        return found

    def all(self, rtype: ResourceType, parent: Container) -> Iterable[Resource]:
        return parent.children(rtype.kind).values()

    # -- changes -------------------------------------------------------------
    def create(
        self,
        rtype: ResourceType,
        parent: Container,
        attrs: dict[str, Any],
        caller: Caller,
        tags: dict[str, str] | None = None,
        resource_id: str | None = None,
    ) -> Resource:
        """A new resource under ``parent``: checked, stamped, tagged and indexed."""
        attrs = {**rtype.defaults, **attrs}
        self._resolve_refs(rtype, parent, attrs)
        quota = rtype.quota
        if quota is not None and quota.first:
            quota.enforce(self, rtype, parent)
        if rtype.check is not None:
            rtype.check(self, None, parent, attrs)
        if quota is not None and not quota.first:
            quota.enforce(self, rtype, parent)
        name_key = self._name_key(rtype, parent, attrs, None)
        rid = resource_id or rtype.new_id()
        arn = make_arn(
            caller,
            rtype.arn_service or rtype.service,
            rtype.arn_path.format(id=rid, parent=parent.id, root=parent.root_id),
        )
        resource = Resource(rtype, rid, arn, parent, attrs)
        resource.last_modified_region = caller.region
        parent.children(rtype.kind).add(rid, resource)
        if name_key is not None:
            parent.names(rtype.kind)[name_key] = rid
        self._link(resource)
        self.tags.track(arn, tags)
        return resource

    def update(self, resource: Resource, changes: Mapping[str, Any], caller: Caller) -> Resource:
        """Set attributes (a ``None`` value removes one); checked like a create; stamped.

        Only the references among ``changes`` are resolved again (one that dangles where
        AWS lets it, such as a deleted quick connect, does not block other updates).  An
        update that changes nothing stamps nothing."""
        rtype = resource.rtype
        if resource.deleted:
            raise ValidationError(f"{rtype.noun} {resource.id} is deleted and cannot be updated")
        if not changes:
            return resource
        attrs = dict(resource.attrs)
        for key, value in changes.items():
            if value is None:
                attrs.pop(key, None)
            else:
                attrs[key] = value
        self._resolve_refs(rtype, resource.parent, attrs, changes)
        if rtype.check is not None:
            rtype.check(self, resource, resource.parent, attrs)
        name_key = self._name_key(rtype, resource.parent, attrs, resource)
        old_key = self._name_key_of(rtype, resource.attrs)
        self._unlink(resource)
        resource.attrs = attrs
        self._link(resource)
        if old_key is not None and old_key != name_key:
            resource.parent.names(rtype.kind).pop(old_key, None)
        if name_key is not None:
            resource.parent.names(rtype.kind)[name_key] = resource.id
        self.touch(resource, caller)
        return resource

    @staticmethod
    def touch(resource: Resource, caller: Caller) -> None:
        resource.last_modified_time = now()
        resource.last_modified_region = caller.region

    def delete(self, resource: Resource) -> None:
        """Remove a resource, unless something that must outlive it still names it.

        A type with ``soft_delete`` keeps the resource, marked deleted, for describes."""
        rtype = resource.rtype
        if resource.deleted:
            raise rtype.not_found(resource.id, None)
        users = self.referrers(resource)
        if users:
            raise ModeledError(
                rtype.in_use_code,
                f"{rtype.noun} {resource.id} is in use by {len(users)} other resource(s), "
                f"for example {sorted(users)[0]}",
            )
        for kind in rtype.children_block_delete:
            if resource.has_children(kind):
                message = rtype.children_message.format(
                    noun=rtype.noun, id=resource.id, parent=resource.parent.id, kind=kind, name=resource.name
                )
                raise ModeledError(rtype.in_use_code, message)
        self._unlink(resource)
        key = self._name_key_of(rtype, resource.attrs)
        if key is not None:
            resource.parent.names(rtype.kind).pop(key, None)
        if rtype.soft_delete:
            resource.deleted = True
            resource.last_modified_time = now()
            return
        resource.parent.children(rtype.kind).pop(resource.id)
        self.forget_tree(resource)

    def forget_tree(self, container: Container) -> None:
        """Drop the tags and references of everything under ``container`` (it is going away)."""
        for store in container.__dict__.get("_children", {}).values():
            for child in list(store.values()):
                self._unlink(child)
                self.forget_tree(child)
                self.tags.forget(child.arn)
                self._referrers.pop(child.arn, None)
        if isinstance(container, Resource):
            self.tags.forget(container.arn)
            self._referrers.pop(container.arn, None)

    # -- references ----------------------------------------------------------
    def referrers(self, resource: Resource) -> set[str]:
        return self._referrers.get(resource.arn, set())

    def _targets(self, resource: Resource) -> Iterable[str]:
        for ref in resource.rtype.refs:
            if not ref.blocks_delete:
                continue
            value = resource.attrs.get(ref.member)
            if value is None:
                continue
            for ident in value if ref.many else (value,):
                target = self._by_kind(resource.parent, ref.kind, ident)
                if target is not None:
                    yield target.arn

    def _link(self, resource: Resource) -> None:
        for arn in self._targets(resource):
            self._referrers.setdefault(arn, set()).add(resource.arn)

    def _unlink(self, resource: Resource) -> None:
        for arn in self._targets(resource):
            users = self._referrers.get(arn)
            if users is not None:
                users.discard(resource.arn)
                if not users:
                    del self._referrers[arn]

    def _by_kind(self, parent: Container, kind: str, ident: str) -> Resource | None:
        # references name resources of the same root: walk up to it
        holder: Container = parent
        while isinstance(holder, Resource):
            holder = holder.parent
        return named(holder.children(kind), ident)

    def _resolve_refs(
        self, rtype: ResourceType, parent: Container, attrs: dict[str, Any], only: Mapping[str, Any] | None = None
    ) -> None:
        """Every referenced resource exists (of the members in ``only``, if given); stored as IDs."""
        for ref in rtype.refs:
            if only is not None and ref.member not in only:
                continue
            value = attrs.get(ref.member)
            if value is None:
                continue
            target_type = _TYPES.get((rtype.service, ref.kind))
            noun = target_type.noun if target_type else ref.kind
            code = target_type.not_found_code if target_type else "ResourceNotFoundException"
            resolved = []
            for ident in value if ref.many else (value,):
                target = self._by_kind(parent, ref.kind, ident)
                if target is None:
                    raise ModeledError(code, f"{noun} not found: {ident}")
                resolved.append(target.id)
            attrs[ref.member] = resolved if ref.many else resolved[0]

    # -- names ---------------------------------------------------------------
    @staticmethod
    def _name_key_of(rtype: ResourceType, attrs: Mapping[str, Any]) -> str | None:
        if not rtype.unique_name or rtype.name_member is None:
            return None
        name = attrs.get(rtype.name_member)
        if name is None:
            return None
        return str(name).lower() if rtype.names_ignore_case else str(name)

    def _name_key(
        self, rtype: ResourceType, parent: Container, attrs: Mapping[str, Any], current: Resource | None
    ) -> str | None:
        key = self._name_key_of(rtype, attrs)
        if key is not None:
            holder = parent.names(rtype.kind).get(key)
            if holder is not None and (current is None or holder != current.id):
                message = rtype.duplicate_message.format(
                    noun=rtype.noun.lower(), name=attrs[rtype.name_member or ""], parent=parent.id, kind=rtype.kind
                )
                error = ModeledError(rtype.duplicate_code, message)
                error.instead = _TAKEN_NAME_INSTEAD
                raise error
        return key

    # -- paging --------------------------------------------------------------
    def page(
        self,
        rtype: ResourceType,
        parent: Container,
        next_token: str | None,
        max_results: int,
        keep: Callable[[Resource], bool] | None = None,
    ) -> tuple[list[Resource], str | None]:
        """One page in creation order: stable while resources come and go between pages."""
        return parent.children(rtype.kind).page(next_token, max_results, _live(rtype, keep))

    def search_page(
        self,
        rtype: ResourceType,
        parent: Container,
        next_token: str | None,
        max_results: int,
        keep: Callable[[Resource], bool] | None = None,
    ) -> tuple[list[Resource], str | None, int]:
        """One page, as ``page`` gives it, and how many resources ``keep`` accepts in all
        (``ApproximateTotalCount``): counted on a walk's first page, carried by its token after."""
        return parent.children(rtype.kind).page_counted(next_token, max_results, _live(rtype, keep))

    def count(self, rtype: ResourceType, parent: Container, keep: Callable[[Resource], bool] | None = None) -> int:
        store = parent.children(rtype.kind)
        keep = _live(rtype, keep)
        if keep is None:
            return len(store)
        return sum(1 for r in store.values() if keep(r))


def _live(rtype: ResourceType, keep: Callable[[Resource], bool] | None) -> Callable[[Resource], bool] | None:
    """``keep``, and not soft-deleted where the type soft-deletes."""
    if not rtype.soft_delete:
        return keep
    if keep is None:
        return lambda r: not r.deleted
    return lambda r: not r.deleted and keep(r)


def iam_templates(service: str, root_member: str) -> tuple[str, ...]:
    """The ARN of every declared type of a service over request members, those naming the
    most members first (a resource before its parent, the root last).

    ``instance/{root}/queue/{id}`` becomes ``instance/{InstanceId}/queue/{QueueId}``: a
    request that names a queue is matched against the queue's ARN in IAM policies.  A type
    authorized on its parent's ARN (``has_arn=False``) adds no template of its own."""
    declared = [t for (s, _), t in _TYPES.items() if s == service]
    templates = {
        (t.iam_arn_path or t.arn_path).format(
            root="{" + root_member + "}",
            parent="{" + (t.parent.id_param if t.parent else root_member) + "}",
            id="{" + t.id_param + "}",
        ): None
        for t in declared
    }
    return tuple(sorted(templates, key=lambda template: -template.count("{")))


# -- rendering: output shapes filled by member name ------------------------------------
#: how a member is read from a resource: a callable over the resource, or ``_from_tags``
Source = Callable[[Resource], Any]

#: sources that read one attribute of the resource, by the attribute they read
_FIELDS: dict[Source, str] = {}


def _field(name: str) -> Source:
    source = operator.attrgetter(name)
    _FIELDS[source] = name
    return source


_STANDARD: dict[str, Source] = {
    "LastModifiedTime": _field("last_modified_time"),
    "lastModifiedTime": _field("last_modified_time"),
    "LastModifiedRegion": _field("last_modified_region"),
    "CreatedTime": _field("created_time"),
    "createdTime": _field("created_time"),
}
_ID = _field("id")
_ARN = _field("arn")
_ROOT_ID = _field("root_id")
_DELETED = _field("deleted")


def _from_tags(resource: Resource) -> Any:
    """The source of a tags member: a marker, as rendering reads the backend's tags itself."""
    raise TypeError("the tags member is read from the backend's tags")


#: (member, the attribute it is read from, or the source that computes it)
Rendering = list[tuple[str, str, Source | None]]
_renderers: dict[tuple[int, str, str], Rendering] = {}


def renderer(rtype: ResourceType, shape_name: str) -> Rendering:
    """How to fill every member of an output shape, compiled once per type and shape."""
    key = (id(rtype), rtype.service, shape_name)
    found = _renderers.get(key)
    if found is None:
        shape = service_model(rtype.service).shape_for(shape_name)
        found = []
        for member in shape.members:
            attribute = member
            source: Source | None = None
            if member in rtype.computed:
                source = rtype.computed[member]
            elif member in rtype.aliases:
                attribute = rtype.aliases[member]
            elif member in rtype.id_names:
                source = _ID
            elif member in rtype.arn_names:
                source = _ARN
            elif member in rtype.root_id_names:
                source = _ROOT_ID
            elif member == rtype.tags_member:
                source = _from_tags
            elif member == "deleted" and rtype.soft_delete:
                source = _DELETED
            elif member in _STANDARD:
                source = _STANDARD[member]
            found.append((member, attribute, source))
        _renderers[key] = found
    return found


def _tags_of(resource: Resource, tags: Tags) -> Any:
    return tags.get(resource.arn) or ({} if resource.rtype.tags_always else None)


def render(resource: Resource, shape_name: str, tags: Tags) -> dict[str, Any]:
    """The resource in an output shape: every member it has a value for."""
    out = {}
    attrs = resource.attrs
    for member, attribute, source in renderer(resource.rtype, shape_name):
        if source is None:
            value = attrs.get(attribute)
        elif source is _from_tags:
            value = _tags_of(resource, tags)
        else:
            value = source(resource)
        if value is not None:
            out[member] = value
    return out


#: a resource's drawing in one output shape: its checked wire form (see ``wire_renderer``)
Drawing = Callable[[Resource, Tags], "Encoded"]
_wire_renderers: dict[tuple[int, str, str], Drawing] = {}


def wire_renderer(rtype: ResourceType, shape_name: str) -> Drawing:
    """``renderer`` and the output check in one pass: a function, compiled once per type and
    shape, that reads each member as ``render`` does and puts it through the member's encoder
    (a plain string only checked to be one), then checks the required members.

    It is generated as straight-line code, one statement per member, rather than a loop over a
    table: a describe calls it on every answer."""
    key = (id(rtype), rtype.service, shape_name)
    found = _wire_renderers.get(key)
    if found is None:
        found = _wire_renderers[key] = _compile_drawing(rtype, shape_name)
    return found


def _compile_drawing(rtype: ResourceType, shape_name: str) -> Drawing:
    shape = service_model(rtype.service).shape_for(shape_name)
    encoders = {name: (wire, enc, plain) for name, wire, enc, plain in output_compiler(rtype.service).members(shape)}
    names: dict[str, Any] = {"Encoded": Encoded, "OutputShapeError": OutputShapeError, "tags_of": _tags_of}
    lines = [
        "def draw(resource, tags):",
        "    out = Encoded()",
        f"    out.shape = {shape_name!r}",
        "    get = resource.attrs.get",
        "    member = None",
        "    try:",
    ]
    for index, (member, attribute, source) in enumerate(renderer(rtype, shape_name)):
        wire, enc, plain = encoders[member]
        names[f"enc{index}"] = enc
        if source is None:
            lines.append(f"        value = get({attribute!r})")
        elif source is _from_tags:
            lines.append("        value = tags_of(resource, tags)")
        elif source in _FIELDS:
            lines.append(f"        value = resource.{_FIELDS[source]}")
        else:
            names[f"source{index}"] = source
            lines.append(f"        value = source{index}(resource)")
        lines.append("        if value is not None:")
        encode = [f"            member = {member!r}", f"            out[{wire!r}] = enc{index}(value)"]
        if plain:
            lines += [
                "            if value.__class__ is str:",
                f"                out[{wire!r}] = value",
                "            else:",
                *("    " + line for line in encode),
            ]
        else:
            lines += encode
    lines += [
        "    except OutputShapeError as error:",
        "        error.path = (member, *error.path)",
        "        raise",
    ]
    for member in shape.required_members:
        lines += [
            f"    if {encoders[member][0]!r} not in out:",
            f"        raise OutputShapeError({f'required member {member!r} of {shape_name} is missing'!r})",
        ]
    lines.append("    return out")
    exec(compile("\n".join(lines), f"<drawing of {rtype.kind} as {shape_name}>", "exec"), names)
    return names["draw"]  # type: ignore[no-any-return]


def render_wire(resource: Resource, shape_name: str, tags: Tags) -> Encoded:
    """The resource in an output shape, already in its checked wire form (what ``render`` gives,
    passed through the shape's encoder)."""
    return wire_renderer(resource.rtype, shape_name)(resource, tags)


# -- the standard operations, built from the model ------------------------------------
Request = Any  # a PluginResponse: .params, .backend, .caller
Handler = Callable[[Request], Any]


def parent_of(rtype: ResourceType, request: Request) -> Container:
    """The container a request's resource lives in, found from its parameters."""
    if rtype.parent is None:
        return request.backend.resource_root(request.params)  # type: ignore[no-any-return]
    grand = parent_of(rtype.parent, request)
    return request.backend.resources.get(rtype.parent, grand, request.params[rtype.parent.id_param])  # type: ignore[no-any-return]


def resource_of(rtype: ResourceType, request: Request) -> Resource:
    return request.backend.resources.get(rtype, parent_of(rtype, request), request.params[rtype.id_param])  # type: ignore[no-any-return]


def _request_members(rtype: ResourceType) -> frozenset[str]:
    """Request members that locate a resource rather than describe it."""
    members = {rtype.id_param, rtype.tags_member}
    parent = rtype.parent
    while parent is not None:
        members.add(parent.id_param)
        parent = parent.parent
    return frozenset(members) | _NOT_ATTRIBUTES


@functools.cache
def _output(service: str, operation: str) -> tuple[str | None, str | None]:
    """(member, shape name) of an operation's one structure or list member, if it has one."""
    shape = service_model(service).operation_model(operation).output_shape
    if shape is None:
        return None, None
    for member, member_shape in shape.members.items():
        if member_shape.type_name == "list" and member_shape.member.type_name == "structure":
            return member, member_shape.member.name
    for member, member_shape in shape.members.items():
        if member_shape.type_name == "structure":
            return member, member_shape.name
    return None, shape.name


def _member(service: str, operation: str) -> tuple[str, str]:
    member, shape_name = _output(service, operation)
    if member is None or shape_name is None:
        raise TypeError(f"{operation} has no output member to render a resource into")
    return member, shape_name


def _one_of(names: Iterable[str], candidates: tuple[str, ...]) -> str | None:
    return next((c for c in candidates if c in names), None)


def _lazy(build: Callable[[], Handler]) -> Handler:
    """A handler built on its first call: the model is read when an operation is first served,
    not when the plugin is imported."""
    built: list[Handler] = []

    def handler(request: Request) -> Any:
        if not built:
            built.append(build())
        return built[0](request)

    return handler


def _describer(rtype: ResourceType, operation: str) -> Handler:
    """Describe: the resource under the output's one member, or as the whole output (Cases' Get*)."""
    output = service_model(rtype.service).operation_model(operation).output_shape
    if output is not None and any(name in output.members for name in rtype.id_names):
        flat = output.name
        # the whole output in its wire form, unless members of it travel outside the body
        draw = render if any(m.serialization.get("location") for m in output.members.values()) else render_wire
        return lambda request: draw(resource_of(rtype, request), flat, request.backend.resources.tags)
    member, shape_name = _member(rtype.service, operation)
    return lambda request: {
        member: render_wire(resource_of(rtype, request), shape_name, request.backend.resources.tags)
    }


def _pager(
    rtype: ResourceType,
    operation: str,
    predicate: Callable[[Request], Callable[[Resource], bool] | None] | None,
    page_size: int,
) -> Handler:
    """List or search: one page of the parent's resources in an output list, its token, and the
    total where the output has one (``ApproximateTotalCount``)."""
    op = service_model(rtype.service).operation_model(operation)
    member, shape_name = _member(rtype.service, operation)
    inputs = op.input_shape.members if op.input_shape is not None else {}
    outputs = op.output_shape.members
    token_in = _one_of(inputs, ("NextToken", "nextToken"))
    size_in = _one_of(inputs, ("MaxResults", "maxResults"))
    token_out = _one_of(outputs, ("NextToken", "nextToken"))
    total_out = _one_of(outputs, ("ApproximateTotalCount",))

    def handler(request: Request) -> dict[str, Any]:
        params = request.params
        resources: Resources = request.backend.resources
        keep = predicate(request) if predicate else None
        parent = parent_of(rtype, request)
        next_token = params.get(token_in) if token_in else None
        limit = limit_of(params.get(size_in) if size_in else None, page_size)
        out: dict[str, Any] = {}
        if total_out:
            page, token, out[total_out] = resources.search_page(rtype, parent, next_token, limit, keep)
        else:
            page, token = resources.page(rtype, parent, next_token, limit, keep)
        out[member] = [render_wire(r, shape_name, resources.tags) for r in page]
        if token_out:
            out[token_out] = token
        return out

    return handler


def operations(
    rtype: ResourceType,
    root_members: Iterable[str],
    *,
    create: str | None = None,
    describe: str | None = None,
    list_: str | None = None,
    delete: str | None = None,
    search: str | None = None,
    updates: Mapping[str, Iterable[str] | None] | None = None,
    list_filter: Callable[[Request], Callable[[Resource], bool] | None] | None = None,
    search_filter: Callable[[Request], Callable[[Resource], bool] | None] | None = None,
    page_size: int = 100,
) -> dict[str, Handler]:
    """Handlers (by snake-case operation name) for a type's standard operations.

    ``root_members`` are the request members that name the root (``InstanceId``).
    ``updates`` maps an Update operation to the attributes it sets (None: every
    member of its request that is not a locator).  ``list_filter``/``search_filter``
    turn a request into a predicate over resources (None keeps everything)."""
    handlers: dict[str, Handler] = {}
    locators = _request_members(rtype) | frozenset(root_members)

    if create is not None:
        create_op = create

        def do_create(request: Request) -> dict[str, Any]:
            params = request.params
            attrs = {k: v for k, v in params.items() if k not in locators}
            resources: Resources = request.backend.resources
            resource = resources.create(
                rtype, parent_of(rtype, request), attrs, request.caller, params.get(rtype.tags_member)
            )
            create_shape = _output(rtype.service, create_op)[1]
            return render(resource, create_shape, resources.tags) if create_shape else {}

        handlers[create] = do_create

    if describe is not None:
        handlers[describe] = _lazy(functools.partial(_describer, rtype, describe))
    if list_ is not None:
        handlers[list_] = _lazy(functools.partial(_pager, rtype, list_, list_filter, page_size))
    if search is not None:
        handlers[search] = _lazy(functools.partial(_pager, rtype, search, search_filter, page_size))

    for operation, members in (updates or {}).items():
        chosen = None if members is None else frozenset(members)

        def do_update(request: Request, chosen: frozenset[str] | None = chosen) -> None:
            params = request.params
            if chosen is None:
                changes = {k: v for k, v in params.items() if k not in locators}
            else:
                changes = {k: params.get(k) for k in chosen if k in params}
            request.backend.resources.update(resource_of(rtype, request), changes, request.caller)

        handlers[operation] = do_update

    if delete is not None:

        def do_delete(request: Request) -> None:
            request.backend.resources.delete(resource_of(rtype, request))

        handlers[delete] = do_delete

    return {snake_case(name): handler for name, handler in handlers.items()}
