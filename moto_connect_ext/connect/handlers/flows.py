"""Contact flows: create, describe (``$SAVED``, ``$LATEST``, versions), publish or save content,
metadata, delete, list and search; and the version and alias handlers flows and flow modules share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from ...core.errors import ValidationError
from ...core.model import snake_case
from ...core.resources import Resource, Resources, operations, parent_of, resource_of
from ...core.tagging import Tags
from ..exceptions import InvalidRequestException
from ..flows import (
    CONTACT_FLOW,
    FLOWS,
    LATEST_QUALIFIER,
    PUBLISHED,
    SAVED_QUALIFIER,
    Publishable,
    create_alias,
    create_version,
    delete_version,
    find,
    next_version,
    publish,
    save,
    view,
)
from ..search_criteria import tag_matcher
from .common import ROOT, listed_in, searcher

#: "The default MaxResult size is 100"
PAGE_SIZE = 100
#: a flow's Content: "Length Constraints: Minimum length of 1. Maximum length of 256000."
#: (CreateContactFlow, UpdateContactFlowContent; stated in the documentation, not in the
#: model's constraints as a module's content has it)
MAX_CONTENT = 256_000

FlowMatcher = Callable[[Resource, Mapping[str, str]], bool]


def _equals(attribute: str) -> Callable[[Any], Callable[[Resource], bool]]:
    return lambda value: lambda r: r.attrs.get(attribute) == value


# -- content: what flows and modules share ------------------------------------------------
def write_content(
    family: Publishable, r: Any, owner: Resource, qualifier: str | None, content: str | None, other: dict[str, Any]
) -> None:
    """Publish (no qualifier, or ``$LATEST``) or save (``$SAVED``) content; a version is immutable."""
    resources: Resources = r.backend.resources
    if qualifier == SAVED_QUALIFIER:
        save(resources, owner, content, other, r.caller)
    elif qualifier in (None, LATEST_QUALIFIER):
        publish(resources, owner, content, other, r.caller)
    else:
        raise InvalidRequestException(
            f"{owner.rtype.noun} {owner.id}:{qualifier} names a version, and versions are immutable"
        )


def versioning_handlers(
    family: Publishable, stem: str, version_param: str, sha_param: str, arn_out: str
) -> dict[str, Callable[[Any], Any]]:
    """Create/Delete/List ``<stem>Version(s)`` and Create/Describe/Update/Delete/List ``<stem>Alias(es)``.

    ``version_param`` names a version in requests (``ContactFlowVersion``), ``sha_param``
    the checksum a version request may give, ``arn_out`` the create outputs' ARN member."""

    def owner(r: Any) -> Resource:
        return resource_of(family.rtype, r)

    def create_version_(r: Any) -> dict[str, Any]:
        p = r.params
        flow = owner(r)
        _expect(flow, p.get(version_param), p.get("LastModifiedTime"), p.get("LastModifiedRegion"))
        version = create_version(r.backend.resources, family, flow, p.get("Description"), p.get(sha_param), r.caller)
        return {arn_out: version.arn, "Version": int(version.id)}

    def delete_version_(r: Any) -> None:
        delete_version(r.backend.resources, family, owner(r), r.params[version_param])

    def create_alias_(r: Any) -> dict[str, Any]:
        p = r.params
        attrs = {"Name": p["AliasName"], "Version": p[version_param]}
        if p.get("Description") is not None:
            attrs["Description"] = p["Description"]
        alias = create_alias(r.backend.resources, family, owner(r), attrs, r.caller)
        return {arn_out: alias.arn, "Id": alias.id}

    def update_alias_(r: Any) -> None:
        p = r.params
        alias = resource_of(family.aliases, r)
        members = (("Name", "Name"), ("Description", "Description"), (version_param, "Version"))
        changes = {attr: p[member] for member, attr in members if p.get(member) is not None}
        r.backend.resources.update(alias, changes, r.caller)

    return {
        **operations(family.versions, ROOT, list_=f"List{stem}Versions", page_size=PAGE_SIZE),
        **operations(
            family.aliases,
            ROOT,
            describe=f"Describe{stem}Alias",
            list_=f"List{stem}Aliases",
            delete=f"Delete{stem}Alias",
            page_size=PAGE_SIZE,
        ),
        snake_case(f"Create{stem}Version"): create_version_,
        snake_case(f"Delete{stem}Version"): delete_version_,
        snake_case(f"Create{stem}Alias"): create_alias_,
        snake_case(f"Update{stem}Alias"): update_alias_,
    }


def _expect(flow: Resource, version: int | None, modified: dt.datetime | None, region: str | None) -> None:
    """A version request that says which flow it versions (the version it makes, the flow's last
    modification) is refused when the flow is no longer that one."""
    if version is not None and version != next_version(flow):
        raise InvalidRequestException(
            f"{flow.rtype.noun} {flow.id} is at version {next_version(flow) - 1}: the next version is "
            f"{next_version(flow)}, not {version}"
        )
    if modified is not None and abs((modified - flow.last_modified_time).total_seconds()) >= 0.001:
        raise InvalidRequestException(
            f"{flow.rtype.noun} {flow.id} was last modified at {flow.last_modified_time.isoformat()}, "
            f"not {modified.isoformat()}"
        )
    if region is not None and region != flow.last_modified_region:
        raise InvalidRequestException(
            f"{flow.rtype.noun} {flow.id} was last modified in {flow.last_modified_region}, not {region}"
        )


# -- flows --------------------------------------------------------------------------------
def _check_length(content: str) -> None:
    """A flow's content is 1 to 256000 characters, saved or published (the model's validation error)."""
    if not 1 <= len(content) <= MAX_CONTENT:
        raise ValidationError(
            "1 validation error detected: Value at 'content' failed to satisfy constraint: Member must have "
            f"length between 1 and {MAX_CONTENT}, inclusive (it has {len(content)})"
        )


def create_contact_flow(r: Any) -> dict[str, Any]:
    p = r.params
    _check_length(p["Content"])
    attrs = {k: p[k] for k in ("Name", "Type", "Description", "Content", "Status") if p.get(k) is not None}
    resources: Resources = r.backend.resources
    flow = resources.create(CONTACT_FLOW, parent_of(CONTACT_FLOW, r), attrs, r.caller, p.get("Tags"))
    out = {"ContactFlowId": flow.id, "ContactFlowArn": flow.arn}
    if flow.attrs["Status"] == PUBLISHED:
        # "the checksum value of the latest published flow content"
        out["FlowContentSha256"] = view(FLOWS, flow, None, resources.tags)["FlowContentSha256"]
    return out


def describe_contact_flow(r: Any) -> dict[str, Any]:
    flow, qualifier = find(r.backend.resources, FLOWS, parent_of(CONTACT_FLOW, r), r.params["ContactFlowId"])
    return {"ContactFlow": view(FLOWS, flow, qualifier, r.backend.tags)}


def update_contact_flow_content(r: Any) -> None:
    _check_length(r.params["Content"])
    flow, qualifier = find(r.backend.resources, FLOWS, parent_of(CONTACT_FLOW, r), r.params["ContactFlowId"])
    write_content(FLOWS, r, flow, qualifier, r.params["Content"], {})


def update_contact_flow_metadata(r: Any) -> None:
    p = r.params
    members = (("Name", "Name"), ("Description", "Description"), ("ContactFlowState", "State"))
    changes = {attr: p[member] for member, attr in members if p.get(member) is not None}
    r.backend.resources.update(resource_of(CONTACT_FLOW, r), changes, r.caller)


def _attribute_group(condition: Mapping[str, Any], path: str) -> FlowMatcher:
    """One ``ContactFlowAttributeAndCondition``: its tag conditions and its flow type."""
    tags = condition.get("TagConditions")
    tags_match = tag_matcher({"AndConditions": tags}, path) if tags is not None else None
    flow_type = (condition.get("ContactFlowTypeCondition") or {}).get("ContactFlowType")
    return lambda f, t: (
        (tags_match is None or tags_match(t)) and (flow_type is None or f.attrs.get("Type") == flow_type)
    )


def attribute_matcher(attribute_filter: Mapping[str, Any]) -> FlowMatcher:
    """A ``ContactFlowAttributeFilter``: every member it gives holds; ``OrConditions`` is an OR of ANDs."""
    path = "searchFilter.flowAttributeFilter"
    parts: list[FlowMatcher] = []
    ors = attribute_filter.get("OrConditions")
    if ors is not None:
        groups = [_attribute_group(c, f"{path}.orConditions") for c in ors]
        parts.append(lambda f, t: any(g(f, t) for g in groups))
    ands = attribute_filter.get("AndCondition")
    if ands is not None:
        parts.append(_attribute_group(ands, f"{path}.andCondition"))
    single = attribute_filter.get("TagCondition")
    if single is not None:
        one = tag_matcher({"TagCondition": single}, path)
        parts.append(lambda f, t: one(t))
    flow_type = (attribute_filter.get("ContactFlowTypeCondition") or {}).get("ContactFlowType")
    if flow_type is not None:
        parts.append(lambda f, t: f.attrs.get("Type") == flow_type)
    return lambda f, t: all(p(f, t) for p in parts)


_criteria = searcher(
    conditions={
        "TypeCondition": _equals("Type"),
        "StateCondition": _equals("State"),
        "StatusCondition": _equals("Status"),
    }
)


def _search_filter(r: Any) -> Callable[[Resource], bool]:
    matches = _criteria(r)
    attribute_filter = (r.params.get("SearchFilter") or {}).get("FlowAttributeFilter")
    if not attribute_filter:
        return matches
    extra = attribute_matcher(attribute_filter)
    tags: Tags = r.backend.tags
    return lambda f: matches(f) and extra(f, tags.get(f.arn))


HANDLERS = {
    **operations(
        CONTACT_FLOW,
        ROOT,
        list_="ListContactFlows",
        search="SearchContactFlows",
        delete="DeleteContactFlow",
        updates={"UpdateContactFlowName": ("Name", "Description")},
        list_filter=listed_in("ContactFlowTypes", "Type"),
        search_filter=_search_filter,
        page_size=PAGE_SIZE,
    ),
    "create_contact_flow": create_contact_flow,
    "describe_contact_flow": describe_contact_flow,
    "update_contact_flow_content": update_contact_flow_content,
    "update_contact_flow_metadata": update_contact_flow_metadata,
    **versioning_handlers(FLOWS, "ContactFlow", "ContactFlowVersion", "FlowContentSha256", "ContactFlowArn"),
}
