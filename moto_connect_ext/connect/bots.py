"""The Lambda functions and Amazon Lex bots an instance may use, declared on the resource layer.

Flows invoke only what is associated with their instance: Lambda functions
(AssociateLambdaFunction), Amazon Lex V1 bots (AssociateLexBot, or AssociateBot with
``LexBot``) and Amazon Lex V2 bot aliases (AssociateBot with ``LexV2Bot``).  Each
association is a resource under its instance, keyed by what it names, so a duplicate
is found without a scan and lists page in association order.

* A ``FunctionArn`` is a Lambda function ARN (``InvalidParameterException`` otherwise)
  of the caller's partition and account that moto's Lambda knows in the ARN's Region
  (``ResourceNotFoundException`` otherwise).  A qualified ARN (a version, an alias,
  ``$LATEST``) is accepted when its qualifier resolves; it is an entry of its own.
* A Lex V1 bot is a ``Name`` of Lex V1's form (``^([A-Za-z]_?)+$``, 2 to 50
  characters) and a ``LexRegion`` where Lex V1 is offered in the caller's partition
  (``InvalidRequestException`` otherwise).  moto has no Lex V1: the bot itself is not
  looked up.
* A Lex V2 bot is the ARN of a bot alias
  (``arn:<partition>:lex:<region>:<account>:bot-alias/<bot id>/<alias id>``, else
  ``InvalidRequestException``) of the caller's account.  When moto's Lex V2 has the bot
  (in the ARN's Region), it must have the alias too (``ResourceNotFoundException``
  otherwise).  moto gives bots and aliases UUIDs, which make an alias ARN longer than the
  100 characters ``AliasArn`` allows (AWS's IDs have 10), so an ARN of AWS's form names
  a bot moto does not have: its form is then all there is to check.
* Associating what is already associated is ``ResourceConflictException``;
  disassociating what is not is ``ResourceNotFoundException``.
* Quotas ("Connect Customer service quotas"): 50 Lambda functions, 70 Amazon Lex bots
  and 100 Amazon Lex V2 bot aliases per instance (``ServiceQuotaExceededException``).

Deleting a Lambda function, bot or alias in moto does not cascade: its association stays
listed until it is disassociated.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, Quota, Resource, Resources, ResourceType
from .exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceConflictException,
    ResourceNotFoundException,
)

#: "AWS Lambda functions per instance" (Connect service quotas, default)
LAMBDA_FUNCTIONS_PER_INSTANCE = 50
#: "Amazon Lex bots per instance" (Connect service quotas, default)
LEX_BOTS_PER_INSTANCE = 70
#: "Amazon Lex V2 bot aliases per instance" (Connect service quotas, default)
LEX_V2_BOT_ALIASES_PER_INSTANCE = 100

V1, V2 = "V1", "V2"

_FUNCTION_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):lambda:(?P<region>[a-z]{2}(-[a-z]+)+-\d):(?P<account>\d{12}):"
    r"function:(?P<name>[A-Za-z0-9_-]{1,64})(:(?P<qualifier>\$LATEST|[A-Za-z0-9_-]{1,128}))?$"
)
# moto's own alias ARNs put a ``$`` before each ID: accepted too
_ALIAS_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):lex:(?P<region>[a-z]{2}(-[a-z]+)+-\d):(?P<account>\d{12}):"
    r"bot-alias/\$?(?P<bot>[0-9A-Za-z-]+)/\$?(?P<alias>[0-9A-Za-z-]+)$"
)
#: how a refusal shows the form of each ARN
_FORMS = {
    _FUNCTION_ARN: "arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]",
    _ALIAS_ARN: "arn:<partition>:lex:<region>:<account>:bot-alias/<bot id>/<alias id>",
}
_LEX_V1_NAME = re.compile(r"^([A-Za-z]_?)+$")


def _association(kind: str, noun: str, what: str) -> ResourceType:
    # AWS gives associations no ARN and no request names one: IAM authorizes them on the
    # instance (the templates skip an ``id_param`` that no request has)
    return ResourceType(
        kind=kind,
        noun=noun,
        id_param=f"{noun.replace(' ', '')}Id",
        id_names=(),
        arn_names=(),
        name_member=None,
        quota=Quota(lambda: QUOTAS[kind], message=f"An instance can have at most {{limit}} {what} associated"),
    )


LAMBDA_FUNCTION = _association("lambda-function", "Lambda function association", "Lambda functions")
LEX_BOT = _association("lex-bot", "Lex bot association", "Amazon Lex bots")
LEX_V2_BOT = _association("lex-v2-bot", "Lex V2 bot association", "Amazon Lex V2 bot aliases")
KINDS = {t.kind: t for t in (LAMBDA_FUNCTION, LEX_BOT, LEX_V2_BOT)}
#: the quota of each kind, per instance
QUOTAS = {
    LAMBDA_FUNCTION.kind: LAMBDA_FUNCTIONS_PER_INSTANCE,
    LEX_BOT.kind: LEX_BOTS_PER_INSTANCE,
    LEX_V2_BOT.kind: LEX_V2_BOT_ALIASES_PER_INSTANCE,
}


def _key(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


# -- what an association names ------------------------------------------------------------------
def _own_arn(
    arn: str, form: re.Pattern[str], caller: Caller, refused: type[Exception], not_of_form: str, noun: str
) -> re.Match[str]:
    """The parts of ``arn``, an ARN of ``form`` (else ``refused`` with "<not_of_form>: expected
    ...") in the caller's partition and account (else "<noun> not found in this account")."""
    match = form.match(arn)
    if match is None:
        raise refused(f"{not_of_form}: expected {_FORMS[form]}")
    if (match["partition"], match["account"]) != (caller.partition, caller.account_id):
        raise ResourceNotFoundException(f"{noun} not found in this account: {arn}")
    return match


def check_function(arn: str, caller: Caller) -> None:
    """A Lambda function ARN that moto's Lambda knows, in the caller's account."""
    not_of_form = f"FunctionArn {arn} is not a Lambda function ARN"
    match = _own_arn(arn, _FUNCTION_ARN, caller, InvalidParameterException, not_of_form, "Function")
    from moto.awslambda.exceptions import LambdaClientError
    from moto.awslambda.models import lambda_backends

    try:
        lambda_backends[caller.account_id][match["region"]].get_function(match["name"], match["qualifier"])
    except (KeyError, LambdaClientError):
        raise ResourceNotFoundException(f"Function not found: {arn}") from None


@functools.cache
def _lex_v1_regions(partition: str) -> frozenset[str]:
    import botocore.session

    return frozenset(botocore.session.get_session().get_available_regions("lex-models", partition))


def check_lex_bot(bot: dict[str, Any], caller: Caller) -> None:
    """A Lex V1 bot name of Lex's form, in a Region that offers Lex V1."""
    name, region = bot["Name"], bot["LexRegion"]
    if not 2 <= len(name) <= 50 or _LEX_V1_NAME.match(name) is None:
        raise InvalidRequestException(
            f"LexBot.Name {name!r} is not an Amazon Lex bot name: 2 to 50 letters, "
            "each optionally followed by one underscore"
        )
    if region not in _lex_v1_regions(caller.partition):
        raise InvalidRequestException(f"LexBot.LexRegion {region!r} is not a Region that offers Amazon Lex V1")


def check_lex_v2_alias(alias_arn: str, caller: Caller) -> None:
    """A bot alias ARN whose bot and alias moto's Lex V2 knows, in the caller's account."""
    not_of_form = f"LexV2Bot.AliasArn {alias_arn} is not an Amazon Lex V2 bot alias ARN"
    match = _own_arn(alias_arn, _ALIAS_ARN, caller, InvalidRequestException, not_of_form, "Bot alias")
    from moto.lexv2models.models import lexv2models_backends

    try:
        backend = lexv2models_backends[caller.account_id][match["region"]]
        backend.describe_bot(match["bot"])
    except KeyError:
        # moto's Lex V2 does not have the bot: moto's IDs (UUIDs) cannot fit an AliasArn, so an
        # ARN of AWS's form names a bot the test did not create there; its form is all there is to check
        return
    try:
        found = backend.describe_bot_alias(match["alias"], match["bot"])["botId"] == match["bot"]
    except KeyError:
        found = False
    if not found:
        raise ResourceNotFoundException(f"Bot alias not found: {alias_arn}")


_CHECKS: dict[str, Callable[[Any, Caller], None]] = {
    LAMBDA_FUNCTION.kind: check_function,
    LEX_BOT.kind: check_lex_bot,
    LEX_V2_BOT.kind: check_lex_v2_alias,
}


# -- associations ---------------------------------------------------------------------------
def _identity(kind: str, value: Any) -> tuple[str, str, dict[str, Any]]:
    """(key, what messages call it, attributes) of what an association of ``kind`` names."""
    if kind == LAMBDA_FUNCTION.kind:
        return _key(value), f"Lambda function {value}", {"FunctionArn": value}
    if kind == LEX_BOT.kind:
        name, region = value["Name"], value["LexRegion"]
        return _key(name, region), f"Lex bot {name} ({region})", {"Name": name, "LexRegion": region}
    return (
        _key(_ALIAS_ARN.sub(r"\g<region>/\g<account>/\g<bot>/\g<alias>", value)),
        f"Lex V2 bot alias {value}",
        {"AliasArn": value},
    )


def associate(resources: Resources, instance: Container, kind: str, value: Any, caller: Caller) -> Resource:
    """A new association of what exists: a duplicate is a conflict."""
    _CHECKS[kind](value, caller)
    key, shown, attrs = _identity(kind, value)
    rtype = KINDS[kind]
    if resources.find(rtype, instance, key) is not None:
        raise ResourceConflictException(f"{shown} is already associated with instance {instance.id}")
    return resources.create(rtype, instance, attrs, caller, resource_id=key)


def disassociate(resources: Resources, instance: Container, kind: str, value: Any) -> None:
    key, shown, _ = _identity(kind, value)
    found = resources.find(KINDS[kind], instance, key)
    if found is None:
        raise ResourceNotFoundException(f"{shown} is not associated with instance {instance.id}")
    resources.delete(found)


def page(
    resources: Resources, instance: Container, kind: str, token: str | None, size: int
) -> tuple[list[Resource], str | None]:
    return resources.page(KINDS[kind], instance, token, size)
