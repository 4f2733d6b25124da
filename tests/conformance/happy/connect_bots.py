"""Valid requests for the Lambda function and Amazon Lex bot associations of an instance."""

from __future__ import annotations

from typing import Any

from tests.conformance.seeds import World, happy
from tests.helpers import lambda_function

_LEX_BOT = {"Name": "HappyBot", "LexRegion": "us-east-1"}


@happy("connect", "AssociateLambdaFunction")
def _associate_lambda_function(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "FunctionArn": lambda_function(world.client, "happy")}


@happy("connect", "DisassociateLambdaFunction")
def _disassociate_lambda_function(world: World, request: dict[str, Any]) -> dict[str, Any]:
    arn = lambda_function(world.client, "happy")
    world.client().associate_lambda_function(InstanceId=request["InstanceId"], FunctionArn=arn)
    return {**request, "FunctionArn": arn}


@happy("connect", "AssociateLexBot", "AssociateBot")
def _associate_lex_bot(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "LexBot": _LEX_BOT}


@happy("connect", "DisassociateLexBot")
def _disassociate_lex_bot(world: World, request: dict[str, Any]) -> dict[str, Any]:
    world.client().associate_lex_bot(InstanceId=request["InstanceId"], LexBot=_LEX_BOT)
    return {**request, "BotName": _LEX_BOT["Name"], "LexRegion": _LEX_BOT["LexRegion"]}


@happy("connect", "DisassociateBot")
def _disassociate_bot(world: World, request: dict[str, Any]) -> dict[str, Any]:
    world.client().associate_bot(InstanceId=request["InstanceId"], LexBot=_LEX_BOT)
    return {**request, "LexBot": _LEX_BOT}
