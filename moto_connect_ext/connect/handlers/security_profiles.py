"""Security profiles: the layer's standard operations, their lists, and the profiles of users and AI agents."""

from __future__ import annotations

from typing import Any

from ...core.arns import parse_arn
from ...core.pagination import limit_of, page_list
from ...core.resources import ModeledError, Resource, Resources, operations, parent_of, resource_of
from .. import security_profiles as sp
from ..exceptions import InvalidParameterException, InvalidRequestException, ResourceNotFoundException
from ..security_profiles import SECURITY_PROFILE
from .common import ROOT, searcher

#: what UpdateSecurityProfile sets; a member it is not given keeps its value
UPDATED = (
    "Description",
    "Permissions",
    "AllowedAccessControlTags",
    "TagRestrictedResources",
    "Applications",
    "HierarchyRestrictedResources",
    "AllowedAccessControlHierarchyGroupId",
    "AllowedFlowModules",
    "AllowedAIAgents",
    "GranularAccessControlConfiguration",
)
#: the default page size of the profile's lists ("The default MaxResult size is 100")
PAGE_SIZE = 100
#: the kind users are declared under; a user's ``SecurityProfileIds`` are its profiles
USER_KIND = "user"
#: the most security profiles a user holds (CreateUser/UpdateUserSecurityProfiles: at most 10)
PROFILES_PER_USER = 10
GROUP = "AllowedAccessControlHierarchyGroupId"

_search_filter = searcher(
    {
        "name": lambda p: p.attrs.get("SecurityProfileName"),
        "description": lambda p: p.attrs.get("Description"),
        "resourceID": lambda p: p.id,
    },
    common_fields=False,
)


def _without_empty_group(attrs: dict[str, Any]) -> dict[str, Any]:
    """An empty hierarchy group ID means no group."""
    if attrs.get(GROUP) == "":
        attrs[GROUP] = None
    return attrs


def create_security_profile(r: Any) -> dict[str, Any]:
    p = r.params
    attrs = {k: p[k] for k in ("SecurityProfileName", *UPDATED) if p.get(k) is not None}
    if attrs.get(GROUP) == "":
        del attrs[GROUP]
    resources: Resources = r.backend.resources
    profile = resources.create(SECURITY_PROFILE, parent_of(SECURITY_PROFILE, r), attrs, r.caller, p.get("Tags"))
    return {"SecurityProfileId": profile.id, "SecurityProfileArn": profile.arn}


def update_security_profile(r: Any) -> None:
    changes = _without_empty_group({k: r.params[k] for k in UPDATED if k in r.params})
    r.backend.resources.update(resource_of(SECURITY_PROFILE, r), changes, r.caller)


def delete_security_profile(r: Any) -> None:
    profile = resource_of(SECURITY_PROFILE, r)
    agents = sp.holders(profile.parent, profile.id)
    if agents:
        raise ModeledError(
            "ResourceInUseException",
            f"Security profile {profile.id} is associated with {len(agents)} AI agent(s), for example {agents[0]}; "
            "disassociate it first",
        )
    # users that hold the profile keep it too (the layer's references)
    r.backend.resources.delete(profile)


def _lister(attribute: str, member: str) -> Any:
    def handler(r: Any) -> dict[str, Any]:
        profile = resource_of(SECURITY_PROFILE, r)
        items = list(profile.attrs.get(attribute) or ())
        page, token = page_list(items, r.params.get("NextToken"), limit_of(r.params.get("MaxResults"), PAGE_SIZE))
        return {
            member: page,
            "NextToken": token,
            "LastModifiedTime": profile.last_modified_time,
            "LastModifiedRegion": profile.last_modified_region,
        }

    return handler


# -- the security profiles of an entity: a user or a Q in Connect AI agent ---------------
class _Entity:
    """The profiles one entity holds, read and written where the entity keeps them."""

    def __init__(self, r: Any) -> None:
        self.r = r
        self.instance = r.backend.resource_root(r.params)
        self.kind = r.params["EntityType"]
        arn = r.params["EntityArn"]
        self.user: Resource | None = None
        if self.kind == "USER":
            self.user = self._user(arn)
        else:
            self._check_ai_agent(arn)
        self.arn = arn

    def _user(self, arn: str) -> Resource:
        parsed = parse_arn(arn)
        path = parsed["resource"].split("/") if parsed else []
        if (
            parsed is None
            or parsed["service"] != "connect"
            or len(path) != 4
            or path[0] != "instance"
            or path[2] != "agent"
        ):
            raise InvalidParameterException(
                f"EntityArn {arn} is not the ARN of a user "
                "(arn:aws:connect:<region>:<account>:instance/<instance id>/agent/<user id>)"
            )
        if path[1] != self.instance.id:
            raise InvalidParameterException(f"EntityArn {arn} names a user of another instance")
        found: Resource | None = self.instance.children(USER_KIND).get(path[3])
        if found is None or found.arn != arn:
            raise ResourceNotFoundException(f"User not found: {arn}")
        return found

    def _check_ai_agent(self, arn: str) -> None:
        parts = sp.ai_agent_arn(arn)
        if parts is None:
            raise InvalidParameterException(
                f"EntityArn {arn} is not the ARN of a Q in Connect AI agent "
                "(arn:aws:wisdom:<region>:<account>:ai-agent/<assistant id>/<AI agent id>)"
            )
        caller = self.r.caller
        if (parts.group(1), parts.group(2), parts.group(3)) != (caller.partition, caller.region, caller.account_id):
            raise InvalidParameterException(f"EntityArn {arn} names an AI agent of another account or Region")

    def profiles(self) -> list[str]:
        if self.user is not None:
            return list(self.user.attrs.get("SecurityProfileIds") or ())
        return list(sp.ai_agent_profiles(self.instance).get(self.arn, ()))

    def set(self, ids: list[str]) -> None:
        if self.user is not None:
            self.r.backend.resources.update(self.user, {"SecurityProfileIds": ids}, self.r.caller)
        elif ids:
            sp.ai_agent_profiles(self.instance)[self.arn] = ids
        else:
            sp.ai_agent_profiles(self.instance).pop(self.arn, None)


def _requested(r: Any, instance: Any) -> list[str]:
    """The IDs of the request's profiles, each of which must exist."""
    resources: Resources = r.backend.resources
    ids = [resources.get(SECURITY_PROFILE, instance, item["Id"]).id for item in r.params["SecurityProfiles"]]
    return list(dict.fromkeys(ids))


def associate_security_profiles(r: Any) -> None:
    entity = _Entity(r)
    held = entity.profiles()
    added = [i for i in _requested(r, entity.instance) if i not in held]
    if entity.user is not None and len(held) + len(added) > PROFILES_PER_USER:
        raise InvalidRequestException(
            f"A user holds at most {PROFILES_PER_USER} security profiles; {entity.arn} holds {len(held)}"
        )
    if added:
        entity.set(held + added)


def disassociate_security_profiles(r: Any) -> None:
    entity = _Entity(r)
    held = entity.profiles()
    removed = set(_requested(r, entity.instance))
    kept = [i for i in held if i not in removed]
    if entity.user is not None and not kept:
        raise InvalidRequestException(f"A user holds at least one security profile; {entity.arn} would hold none")
    if len(kept) != len(held):
        entity.set(kept)


def list_entity_security_profiles(r: Any) -> dict[str, Any]:
    held = _Entity(r).profiles()
    page, token = page_list(held, r.params.get("NextToken"), limit_of(r.params.get("MaxResults"), PAGE_SIZE))
    return {"SecurityProfiles": [{"Id": i} for i in page], "NextToken": token}


HANDLERS = {
    **operations(
        SECURITY_PROFILE,
        ROOT,
        describe="DescribeSecurityProfile",
        list_="ListSecurityProfiles",
        search="SearchSecurityProfiles",
        search_filter=_search_filter,
    ),
    "create_security_profile": create_security_profile,
    "update_security_profile": update_security_profile,
    "delete_security_profile": delete_security_profile,
    "list_security_profile_permissions": _lister("Permissions", "Permissions"),
    "list_security_profile_applications": _lister("Applications", "Applications"),
    "list_security_profile_flow_modules": _lister("AllowedFlowModules", "AllowedFlowModules"),
    "list_security_profile_ai_agents": _lister("AllowedAIAgents", "AllowedAIAgents"),
    "associate_security_profiles": associate_security_profiles,
    "disassociate_security_profiles": disassociate_security_profiles,
    "list_entity_security_profiles": list_entity_security_profiles,
}
