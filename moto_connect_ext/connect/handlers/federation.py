"""GetFederationToken: a sign-in token (and session) for the Connect user the caller's IAM identity is."""

from __future__ import annotations

from typing import Any

from ..contact_agents import open_session
from ..federation import access_key_of, federation_token


def get_federation_token(r: Any) -> dict[str, Any]:
    instance = r.backend.resource_root(r.params)
    token = federation_token(r.backend.resources, instance, r.caller, access_key_of(r.headers), instance.access_url)
    open_session(r.backend.resources, instance, token["UserId"], r.caller)  # the user signs in
    return token


HANDLERS = {"get_federation_token": get_federation_token}
