"""What the handlers of every Connect family share: the request's root, client tokens, pages,
List* and Search* filters."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from ...core.errors import ServiceError
from ...core.idempotency import without
from ...core.pagination import limit_of, page_list
from ...core.resources import Container, Resource, Resources, ResourceType, parent_of, resource_of
from ..exceptions import IdempotencyException, InvalidRequestException
from ..search_criteria import ConditionBuilder, criteria_matcher, tag_matcher

#: the request member naming the root of every Connect resource
ROOT = ("InstanceId",)

T = TypeVar("T")


def root(request: Any) -> Container:
    """The request's instance (its ``InstanceId``, an ID or an ARN)."""
    instance: Container = request.backend.resource_root(request.params)
    return instance


def action(act: Callable[..., Any], *members: str) -> Callable[[Any], dict[str, Any]]:
    """The handler of an operation that is one rule on the request's instance:
    ``act(resources, instance, <the request's members>, caller)``, answered with an empty output."""

    def handler(r: Any) -> dict[str, Any]:
        p = r.params
        act(r.backend.resources, root(r), *(p.get(m) for m in members), r.caller)
        return {}

    return handler


def once(
    request: Any,
    operation: str,
    make: Callable[[], Any],
    fingerprint: Any = None,
    mismatch: Callable[[], Exception] | None = None,
) -> Any:
    """``make()``'s result, or for a retry with the same ``ClientToken`` what the first call
    produced.  The request without its token is what a retry must repeat
    (``fingerprint`` overrides it); a token reused with another request gets ``mismatch()``, by
    default ``IdempotencyException``, answered as an error the operation models
    (``_REUSED_INSTEAD``)."""
    params = request.params
    token = params.get("ClientToken")
    made = mismatch or (
        lambda: IdempotencyException(f"ClientToken {token} was already used with another {operation} request")
    )

    def error() -> Exception:
        raised = made()
        if isinstance(raised, ServiceError):  # answered as an error the operation models
            raised.instead = _REUSED_INSTEAD
        return raised

    key = without(params, "ClientToken") if fingerprint is None else fingerprint
    result, _ = request.backend.client_tokens.once(operation, token, key, make, error)
    return result


#: how an operation that does not model a reused token's error answers it: its idempotency
#: error, else the first of the others it models
_REUSED_INSTEAD = (
    "IdempotencyException",
    "InvalidRequestException",
    "ResourceConflictException",
    "ConflictException",
    "InvalidParameterException",
)


def reused(request: Any, error: Callable[[str], Exception], use: str) -> Callable[[], Exception]:
    """``once``'s ``mismatch`` in a family's own words: ``error("The client token <token> was
    already used <use>")``, where ``use`` says what for and how the requests differ."""
    token = request.params.get("ClientToken")
    return lambda: error(f"The client token {token} was already used {use}")


def forget(request: Any, resource: Resource) -> None:
    """Forget the client tokens that made a resource now gone: a retry makes a new one."""
    request.backend.client_tokens.forget_results(lambda result: result is resource)


def create_once(
    rtype: ResourceType,
    operation: str,
    create: Callable[[Resources, Container, Mapping[str, Any], Any, Any], Resource],
    noun: str,
    arn_member: str,
    id_member: str,
) -> Callable[[Any], dict[str, Any]]:
    """Create* of a type with a client token: ``create(resources, instance, request, caller, tags)``
    once per token (one reused with other parameters is an InvalidRequestException that says
    it was used to create ``noun``), answered with the new resource's ARN and ID."""

    def handler(r: Any) -> dict[str, Any]:
        p = r.params
        instance = parent_of(rtype, r)
        made: Resource = once(
            r,
            operation,
            lambda: create(r.backend.resources, instance, p, r.caller, p.get("Tags")),
            mismatch=reused(r, InvalidRequestException, f"to create {noun} with other parameters"),
        )
        return {arn_member: made.arn, id_member: made.id}

    return handler


def delete_created(rtype: ResourceType) -> Callable[[Any], None]:
    """Delete* of a type whose create takes a client token: the resource, and the tokens that made it."""

    def delete(r: Any) -> None:
        resource = resource_of(rtype, r)
        r.backend.resources.delete(resource)
        forget(r, resource)

    return delete


# -- pages ---------------------------------------------------------------------------------
def with_next(token: str | None, **members: Any) -> dict[str, Any]:
    """A page's output: its members, then ``NextToken`` where there is a next page."""
    return {**members, "NextToken": token} if token else members


def page_of(
    request: Any, rtype: ResourceType, parent: Container, size: int, keep: Callable[[Resource], bool] | None = None
) -> tuple[list[Resource], str | None]:
    """One page of a parent's resources of a type (that ``keep`` picks), as the request's
    ``NextToken`` and ``MaxResults`` ask (``size`` without it)."""
    p = request.params
    resources: Resources = request.backend.resources
    return resources.page(rtype, parent, p.get("NextToken"), limit_of(p.get("MaxResults"), size), keep)


def list_page(request: Any, items: list[T], size: int) -> tuple[list[T], str | None]:
    """One page of a list the backend computed, as the request's ``NextToken`` and
    ``MaxResults`` ask (``size`` without it)."""
    p = request.params
    return page_list(items, p.get("NextToken"), limit_of(p.get("MaxResults"), size))


def related_page(
    request: Any,
    owner: Resource,
    rtype: ResourceType,
    keep: Callable[[Resource], bool],
    member: str,
    summary: Callable[[Resource], Any],
) -> dict[str, Any]:
    """A List* of what a resource links to (a queue's quick connects, an hours of operation's
    children): a page of its siblings of a type that ``keep`` picks, as ``summary`` shows each,
    with the owner's ``LastModifiedTime`` and ``LastModifiedRegion``."""
    page, token = page_of(request, rtype, owner.parent, 100, keep)
    return {
        member: [summary(x) for x in page],
        "NextToken": token,
        "LastModifiedTime": owner.last_modified_time,
        "LastModifiedRegion": owner.last_modified_region,
    }


def listed_in(member: str, attribute: str) -> Callable[[Any], Callable[[Resource], bool] | None]:
    """A List* filter: the resources whose ``attribute`` is one of the values the request's
    ``member`` lists (all of them where it lists none)."""

    def build(r: Any) -> Callable[[Resource], bool] | None:
        values = r.params.get(member)
        if not values:
            return None
        wanted = frozenset(values)
        return lambda x: x.attrs[attribute] in wanted

    return build


#: ``StringCondition`` field names every Connect resource search knows
COMMON_FIELDS: dict[str, Callable[[Resource], Any]] = {
    "name": lambda r: r.attrs.get("Name"),
    "description": lambda r: r.attrs.get("Description"),
    "resourceID": lambda r: r.id,
}


def tag_filter_of(attribute_filter: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A ``ControlPlaneAttributeFilter`` as the ``ControlPlaneTagFilter`` it amounts to.

    ``OrConditions`` is a list of ``{TagConditions: [...]}`` (each an AND of tag
    conditions), ``AndCondition`` one such object, ``TagCondition`` one condition."""
    if not attribute_filter:
        return None
    out: dict[str, Any] = {}
    ors = attribute_filter.get("OrConditions")
    if ors is not None:
        out["OrConditions"] = [group.get("TagConditions") or [] for group in ors]
    ands = attribute_filter.get("AndCondition")
    if ands is not None:
        out["AndConditions"] = ands.get("TagConditions") or []
    if attribute_filter.get("TagCondition") is not None:
        out["TagCondition"] = attribute_filter["TagCondition"]
    return out


def searcher(
    fields: Mapping[str, Callable[[Resource], Any]] | None = None,
    conditions: Mapping[str, ConditionBuilder[Resource]] | None = None,
    criteria_member: str = "SearchCriteria",
    common_fields: bool = True,
) -> Callable[[Any], Callable[[Resource], bool]]:
    """A Search* operation's filter: its ``SearchCriteria`` and the tags its ``SearchFilter`` asks for.

    ``fields`` adds to (or, without ``common_fields``, replaces) the common
    ``name``/``description``/``resourceID`` string fields; ``conditions`` builds the
    operation's own leaf conditions.  The search filter's tags come as a ``TagFilter``
    or, in newer operations, an ``AttributeFilter``."""
    readers = {**(COMMON_FIELDS if common_fields else {}), **(fields or {})}

    def build(request: Any) -> Callable[[Resource], bool]:
        return with_tags(request, criteria_matcher(request.params.get(criteria_member), readers, conditions))

    return build


def with_tags(request: Any, matches: Callable[[Resource], bool]) -> Callable[[Resource], bool]:
    """``matches``, and the tags the request's ``SearchFilter`` asks for: a ``TagFilter`` or, in
    newer operations, an ``AttributeFilter``."""
    search_filter = request.params.get("SearchFilter") or {}
    tag_filter = search_filter.get("TagFilter")
    path = "searchFilter.tagFilter"
    if tag_filter is None:
        tag_filter = tag_filter_of(search_filter.get("AttributeFilter"))
        path = "searchFilter.attributeFilter"
    if not tag_filter:
        return matches
    tags_match = tag_matcher(tag_filter, path)
    tags = request.backend.tags
    return lambda r: matches(r) and tags_match(tags.get(r.arn))
