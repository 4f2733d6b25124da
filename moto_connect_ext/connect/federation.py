"""GetFederationToken: a sign-in token for the Connect user the caller's IAM identity is.

"The token is for the Connect user which corresponds to the IAM credentials that were
used to invoke this action" (API Reference).  The caller is the identity moto's STS
knows for the request's access key (``GetCallerIdentity``'s answer): an assumed role,
an IAM user, or moto's default user ``moto`` for credentials moto did not issue.  The
Connect user is the one whose username is

* the role session name, for an assumed role: with SAML "the user name in Amazon
  Connect must match the RoleSessionName SAML attribute" (Administrator Guide,
  "Troubleshoot SAML");
* the user name, for an IAM user (or a federated user's name).

"This API doesn't support root users": the account's root is refused with the message
AWS documents ("Provided identity: Principal: ... User: ... cannot be used for
federation").  No matching user is ``UserNotFoundException``.

The credentials are an access token valid for an hour and a refresh token valid for
twelve (the plugin's choice: AWS does not document the lifetimes); each call issues
new ones.  ``SignInUrl`` is the instance's sign-in page.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
import secrets
from typing import Any

from moto.sts.models import sts_backends

from ..core.caller import Caller
from ..core.clock import now
from ..core.resources import Container, ModeledError, Resource, Resources
from .exceptions import InvalidRequestException
from .users import USER

ACCESS_TOKEN_LIFETIME = dt.timedelta(hours=1)
REFRESH_TOKEN_LIFETIME = dt.timedelta(hours=12)

_SIGV4_KEY = re.compile(r"Credential=(?P<key>[^/,\s]+)/")
_SIGV2_KEY = re.compile(r"^AWS (?P<key>[^:\s]+):")


def access_key_of(headers: Any) -> str:
    """The access key a request was signed with (moto's default one when it was not signed)."""
    auth = headers.get("Authorization") or ""
    if isinstance(auth, bytes):
        auth = auth.decode("utf-8", "replace")
    match = _SIGV4_KEY.search(auth) or _SIGV2_KEY.search(auth)
    return match.group("key") if match else "AKIAIOSFODNN7EXAMPLE"


def caller_identity(caller: Caller, access_key: str) -> tuple[str, str]:
    """(user ID, ARN) of the IAM identity behind an access key, as moto's STS answers GetCallerIdentity."""
    user_id, arn, _account = sts_backends[caller.account_id][caller.partition].get_caller_identity(
        access_key, caller.region
    )
    return str(user_id), str(arn)


def username_of(principal_arn: str, user_id: str) -> str:
    """The Connect username an IAM identity signs in as; the root is refused."""
    resource = principal_arn.split(":", 5)[-1]
    kind, _, rest = resource.partition("/")
    if kind == "root" or not rest:
        raise InvalidRequestException(
            f"Provided identity: Principal: {principal_arn} User: {user_id} cannot be used for federation "
            "with Amazon Connect"
        )
    if kind == "assumed-role":
        return rest.split("/", 1)[-1]  # the role session name
    return rest.rsplit("/", 1)[-1]  # an IAM user (after its path), a federated user, moto's default user


def user_named(resources: Resources, instance: Container, username: str) -> Resource:
    user_id = instance.names(USER.kind).get(username)
    user = resources.find(USER, instance, user_id) if user_id is not None else None
    if user is None:
        raise ModeledError(
            "UserNotFoundException",
            f"No user with the username {username} in instance {instance.id}: the username must be the caller's "
            "IAM user name, or its role session name for an assumed role",
        )
    return user


def _token() -> str:
    return base64.b64encode(secrets.token_bytes(96)).decode("ascii")


def federation_token(
    resources: Resources, instance: Container, caller: Caller, access_key: str, sign_in_base: str
) -> dict[str, Any]:
    """GetFederationToken's answer for the caller's Connect user."""
    user_id, arn = caller_identity(caller, access_key)
    user = user_named(resources, instance, username_of(arn, user_id))
    issued = now()
    return {
        "Credentials": {
            "AccessToken": _token(),
            "AccessTokenExpiration": issued + ACCESS_TOKEN_LIFETIME,
            "RefreshToken": _token(),
            "RefreshTokenExpiration": issued + REFRESH_TOKEN_LIFETIME,
        },
        "SignInUrl": f"{sign_in_base}/auth/sign-in",
        "UserArn": user.arn,
        "UserId": user.id,
    }
