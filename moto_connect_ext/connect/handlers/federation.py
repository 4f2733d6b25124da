"""GetFederationToken: a sign-in token for the Connect user the caller's IAM identity is."""

from __future__ import annotations

from typing import Any

from ..federation import access_key_of, federation_token


def get_federation_token(r: Any) -> dict[str, Any]:
    instance = r.backend.resource_root(r.params)
    return federation_token(r.backend.resources, instance, r.caller, access_key_of(r.headers), instance.access_url)


HANDLERS = {"get_federation_token": get_federation_token}
