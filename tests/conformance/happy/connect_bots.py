"""Valid requests for the Lambda function and Amazon Lex bot associations of an instance."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from tests.conformance.seeds import World, happy

_LEX_BOT = {"Name": "HappyBot", "LexRegion": "us-east-1"}


def _function(world: World) -> str:
    """A Lambda function in moto (the instance may only use functions that exist)."""
    role = world.client("iam").create_role(RoleName="happy-lambda", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return {}\n")
    created = world.client("lambda").create_function(
        FunctionName="happy",
        Runtime="python3.12",
        Role=role,
        Handler="index.handler",
        Code={"ZipFile": code.getvalue()},
    )
    return str(created["FunctionArn"])


@happy("connect", "AssociateLambdaFunction")
def _associate_lambda_function(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return {**request, "FunctionArn": _function(world)}


@happy("connect", "DisassociateLambdaFunction")
def _disassociate_lambda_function(world: World, request: dict[str, Any]) -> dict[str, Any]:
    arn = _function(world)
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
