"""Lambda functions and Amazon Lex bots of an instance: associate, disassociate and list.

A retry with the same ``ClientToken`` gets the first answer back; the token reused with
another request is ``InvalidRequestException``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...core.pagination import limit_of
from .. import bots
from ..bots import LAMBDA_FUNCTION, LEX_BOT, LEX_V2_BOT, V1
from ..exceptions import InvalidRequestException
from .common import once, with_next

#: "If no value is specified, the default is 10" (ListLexBots; the same for the others)
PAGE_SIZE = 10


def _bot(p: dict[str, Any]) -> tuple[str, Any]:
    """(kind, value) of AssociateBot's or DisassociateBot's one bot."""
    given = [m for m in ("LexBot", "LexV2Bot") if p.get(m)]
    if len(given) != 1:
        raise InvalidRequestException("Exactly one of LexBot and LexV2Bot is required")
    if given[0] == "LexBot":
        return LEX_BOT.kind, p["LexBot"]
    if "AliasArn" not in p["LexV2Bot"]:
        raise InvalidRequestException("LexV2Bot.AliasArn is required")
    return LEX_V2_BOT.kind, p["LexV2Bot"]["AliasArn"]


def _associator(operation: str, what: Callable[[dict[str, Any]], tuple[str, Any]]) -> Callable[[Any], None]:
    def handler(r: Any) -> None:
        instance = r.backend.instance(r.params["InstanceId"])
        kind, value = what(r.params)
        once(r, operation, lambda: bots.associate(r.backend.resources, instance, kind, value, r.caller))

    return handler


def _disassociator(operation: str, what: Callable[[dict[str, Any]], tuple[str, Any]]) -> Callable[[Any], None]:
    def handler(r: Any) -> None:
        instance = r.backend.instance(r.params["InstanceId"])
        kind, value = what(r.params)
        once(r, operation, lambda: bots.disassociate(r.backend.resources, instance, kind, value))

    return handler


def _lister(
    member: str, kind_of: Callable[[dict[str, Any]], str], item: Callable[[str, dict[str, Any]], Any]
) -> Callable[[Any], dict[str, Any]]:
    def handler(r: Any) -> dict[str, Any]:
        p = r.params
        instance = r.backend.instance(p["InstanceId"])
        kind = kind_of(p)
        found, token = bots.page(
            r.backend.resources, instance, kind, p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE)
        )
        return with_next(token, **{member: [item(kind, a.attrs) for a in found]})

    return handler


def _lex_bot(attrs: dict[str, Any]) -> dict[str, Any]:
    return {"Name": attrs["Name"], "LexRegion": attrs["LexRegion"]}


def _bot_config(kind: str, attrs: dict[str, Any]) -> dict[str, Any]:
    if kind == LEX_BOT.kind:
        return {"LexBot": _lex_bot(attrs)}
    return {"LexV2Bot": {"AliasArn": attrs["AliasArn"]}}


def _function(p: dict[str, Any]) -> tuple[str, Any]:
    return LAMBDA_FUNCTION.kind, p["FunctionArn"]


def _lex_v1(p: dict[str, Any]) -> tuple[str, Any]:
    return LEX_BOT.kind, p["LexBot"]


def _lex_v1_by_name(p: dict[str, Any]) -> tuple[str, Any]:
    return LEX_BOT.kind, {"Name": p["BotName"], "LexRegion": p["LexRegion"]}


HANDLERS = {
    "associate_lambda_function": _associator("AssociateLambdaFunction", _function),
    "disassociate_lambda_function": _disassociator("DisassociateLambdaFunction", _function),
    "list_lambda_functions": _lister(
        "LambdaFunctions", lambda p: LAMBDA_FUNCTION.kind, lambda _k, attrs: attrs["FunctionArn"]
    ),
    "associate_lex_bot": _associator("AssociateLexBot", _lex_v1),
    "disassociate_lex_bot": _disassociator("DisassociateLexBot", _lex_v1_by_name),
    "list_lex_bots": _lister("LexBots", lambda p: LEX_BOT.kind, lambda _k, attrs: _lex_bot(attrs)),
    "associate_bot": _associator("AssociateBot", _bot),
    "disassociate_bot": _disassociator("DisassociateBot", _bot),
    "list_bots": _lister("LexBots", lambda p: LEX_BOT.kind if p["LexVersion"] == V1 else LEX_V2_BOT.kind, _bot_config),
}
