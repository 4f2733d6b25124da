"""Lambda functions and Amazon Lex bots of an instance, through boto3 and in server mode."""

from __future__ import annotations

from typing import Any

import pytest

from moto_connect_ext.connect import bots
from tests.helpers import lambda_function, new_instance, raises
from tests.servers import server_client

ACCOUNT = "123456789012"
REGION = "us-east-1"


def function_arn(name: str, region: str = REGION, account: str = ACCOUNT) -> str:
    return f"arn:aws:lambda:{region}:{account}:function:{name}"


def all_pages(call: Any, member: str, token: str | None = None, **request: Any) -> list[Any]:
    found: list[Any] = []
    while True:
        page = call(**request, MaxResults=2, **({"NextToken": token} if token else {}))
        found += page[member]
        token = page.get("NextToken")
        if not token:
            return found


def short_ids(lex: Any, bot_name: str, bot_id: str, alias_id: str) -> str:
    """A Lex V2 bot and alias in moto, re-keyed under AWS-sized IDs.

    moto gives them UUIDs, which make an alias ARN longer than the 100 characters
    Connect's ``AliasArn`` allows; AWS's IDs are 10 characters."""
    from moto.lexv2models.models import lexv2models_backends

    bot = lex.create_bot(
        botName=bot_name,
        roleArn=f"arn:aws:iam::{ACCOUNT}:role/lex",
        dataPrivacy={"childDirected": False},
        idleSessionTTLInSeconds=300,
    )
    alias = lex.create_bot_alias(botAliasName="live", botId=bot["botId"])
    backend = lexv2models_backends[ACCOUNT][REGION]
    moved_bot = backend.bots.pop(bot["botId"])
    moved_bot.id = bot_id
    backend.bots[bot_id] = moved_bot
    moved_alias = backend.bot_aliases.pop(alias["botAliasId"])
    moved_alias.id, moved_alias.bot_id = alias_id, bot_id
    backend.bot_aliases[alias_id] = moved_alias
    return f"arn:aws:lex:{REGION}:{ACCOUNT}:bot-alias/{bot_id}/{alias_id}"


@pytest.fixture
def iid(connect: Any) -> str:
    return str(new_instance(connect, "bots")["Id"])


def test_lambda_functions(connect: Any, iid: str, moto_connect: Any) -> None:
    lam = moto_connect.client("lambda")
    arns = [lambda_function(moto_connect.client, f"fn-{i}") for i in range(5)]
    lam.publish_version(FunctionName="fn-0")
    lam.create_alias(FunctionName="fn-0", Name="live", FunctionVersion="1")
    for arn in arns:
        connect.associate_lambda_function(InstanceId=iid, FunctionArn=arn)
    qualified = [f"{arns[0]}:1", f"{arns[0]}:live", f"{arns[0]}:$LATEST"]
    for arn in qualified:
        connect.associate_lambda_function(InstanceId=iid, FunctionArn=arn)
    assert all_pages(connect.list_lambda_functions, "LambdaFunctions", InstanceId=iid) == arns + qualified

    # a walk stays stable while associations come and go
    first = connect.list_lambda_functions(InstanceId=iid, MaxResults=3)
    connect.disassociate_lambda_function(InstanceId=iid, FunctionArn=arns[1])
    connect.disassociate_lambda_function(InstanceId=iid, FunctionArn=arns[4])
    rest = all_pages(connect.list_lambda_functions, "LambdaFunctions", first["NextToken"], InstanceId=iid)
    assert first["LambdaFunctions"] + rest == [arns[0], arns[1], arns[2], arns[3], *qualified]
    assert "NextToken" not in connect.list_lambda_functions(InstanceId=iid)

    # a retry with the same client token is answered as the first call was
    connect.associate_lambda_function(InstanceId=iid, FunctionArn=arns[1], ClientToken="once")
    connect.associate_lambda_function(InstanceId=iid, FunctionArn=arns[1], ClientToken="once")
    with raises("InvalidRequestException", 400, match="ClientToken once"):
        connect.associate_lambda_function(InstanceId=iid, FunctionArn=arns[4], ClientToken="once")

    # deleting the function in moto does not cascade
    lam.delete_function(FunctionName="fn-2")
    assert arns[2] in connect.list_lambda_functions(InstanceId=iid)["LambdaFunctions"]
    connect.disassociate_lambda_function(InstanceId=iid, FunctionArn=arns[2])


def test_lambda_function_errors(connect: Any, iid: str, moto_connect: Any) -> None:
    lambda_function(moto_connect.client, "fn")
    cases = [
        ("not-an-arn", "InvalidParameterException", "is not a Lambda function ARN"),
        (f"arn:aws:s3:::{ACCOUNT}", "InvalidParameterException", "is not a Lambda function ARN"),
        (function_arn("nope"), "ResourceNotFoundException", "Function not found"),
        (function_arn("fn") + ":7", "ResourceNotFoundException", "Function not found"),
        (function_arn("fn", account="210987654321"), "ResourceNotFoundException", "in this account"),
        (function_arn("fn", region="eu-west-1"), "ResourceNotFoundException", "Function not found"),
    ]
    for arn, code, match in cases:
        with raises(code, match=match):
            connect.associate_lambda_function(InstanceId=iid, FunctionArn=arn)
    connect.associate_lambda_function(InstanceId=iid, FunctionArn=function_arn("fn"))
    with raises("ResourceConflictException", 409, match="already associated"):
        connect.associate_lambda_function(InstanceId=iid, FunctionArn=function_arn("fn"))
    with raises("ResourceNotFoundException", 404, match="not associated"):
        connect.disassociate_lambda_function(InstanceId=iid, FunctionArn=function_arn("other"))
    with raises("ResourceNotFoundException", 404, match="Instance not found"):
        connect.list_lambda_functions(InstanceId="00000000-0000-4000-8000-000000000000")
    assert connect.list_lambda_functions(InstanceId=iid)["LambdaFunctions"] == [function_arn("fn")]


def test_lex_bots_v1_and_v2(connect: Any, iid: str, moto_connect: Any) -> None:
    connect.associate_lex_bot(InstanceId=iid, LexBot={"Name": "Orders", "LexRegion": "us-east-1"})
    connect.associate_bot(InstanceId=iid, LexBot={"Name": "Orders", "LexRegion": "eu-west-2"})
    connect.associate_lex_bot(InstanceId=iid, LexBot={"Name": "Help_Desk", "LexRegion": "us-west-2"})
    alias = short_ids(moto_connect.client("lexv2-models"), "support", "BOTID12345", "ALIAS12345")
    connect.associate_bot(InstanceId=iid, LexV2Bot={"AliasArn": alias})

    v1 = [
        {"Name": "Orders", "LexRegion": "us-east-1"},
        {"Name": "Orders", "LexRegion": "eu-west-2"},
        {"Name": "Help_Desk", "LexRegion": "us-west-2"},
    ]
    assert all_pages(connect.list_lex_bots, "LexBots", InstanceId=iid) == v1
    assert all_pages(connect.list_bots, "LexBots", InstanceId=iid, LexVersion="V1") == [{"LexBot": b} for b in v1]
    assert connect.list_bots(InstanceId=iid, LexVersion="V2")["LexBots"] == [{"LexV2Bot": {"AliasArn": alias}}]

    # one V1 association, whichever operation made or names it
    with raises("ResourceConflictException", 409, match="already associated"):
        connect.associate_lex_bot(InstanceId=iid, LexBot={"Name": "Orders", "LexRegion": "eu-west-2"})
    with raises("ResourceConflictException", 409, match="already associated"):
        connect.associate_bot(InstanceId=iid, LexV2Bot={"AliasArn": alias})
    connect.disassociate_bot(InstanceId=iid, LexBot={"Name": "Orders", "LexRegion": "us-east-1"})
    connect.disassociate_lex_bot(InstanceId=iid, BotName="Orders", LexRegion="eu-west-2")
    connect.disassociate_bot(InstanceId=iid, LexV2Bot={"AliasArn": alias})
    with raises("ResourceNotFoundException", 404, match="not associated"):
        connect.disassociate_lex_bot(InstanceId=iid, BotName="Orders", LexRegion="eu-west-2")
    with raises("ResourceNotFoundException", 404, match="not associated"):
        connect.disassociate_bot(InstanceId=iid, LexV2Bot={"AliasArn": alias})
    assert connect.list_lex_bots(InstanceId=iid)["LexBots"] == [{"Name": "Help_Desk", "LexRegion": "us-west-2"}]
    assert connect.list_bots(InstanceId=iid, LexVersion="V2")["LexBots"] == []

    # what a bot must be
    missing = f"arn:aws:lex:{REGION}:{ACCOUNT}:bot-alias/BOTID12345/NOSUCHALIA"
    wrong_bot = f"arn:aws:lex:{REGION}:{ACCOUNT}:bot-alias/OTHERBOT12/ALIAS12345"
    cases = [
        ({"LexBot": {"Name": "Bad name!", "LexRegion": "us-east-1"}}, "InvalidRequestException", "not an Amazon Lex"),
        ({"LexBot": {"Name": "A", "LexRegion": "us-east-1"}}, "InvalidRequestException", "not an Amazon Lex"),
        ({"LexBot": {"Name": "Orders", "LexRegion": "mars-1"}}, "InvalidRequestException", "offers Amazon Lex V1"),
        ({"LexV2Bot": {"AliasArn": "arn:aws:lex:us-east-1:1:bot/X"}}, "InvalidRequestException", "bot alias ARN"),
        ({"LexV2Bot": {"AliasArn": missing}}, "ResourceNotFoundException", "Bot alias not found"),
        ({"LexV2Bot": {"AliasArn": alias.replace(ACCOUNT, "210987654321")}}, "ResourceNotFoundException", "account"),
        ({}, "InvalidRequestException", "Exactly one of"),
        ({"LexBot": v1[2], "LexV2Bot": {"AliasArn": alias}}, "InvalidRequestException", "Exactly one of"),
    ]
    for request, code, match in cases:
        with raises(code, match=match):
            connect.associate_bot(InstanceId=iid, **request)
    # a bot moto's Lex V2 does not have (its UUIDs cannot fit an AliasArn): the ARN's form is all there is
    for other_bot in (wrong_bot, alias.replace(REGION, "eu-west-1")):
        connect.associate_bot(InstanceId=iid, LexV2Bot={"AliasArn": other_bot})
    assert len(connect.list_bots(InstanceId=iid, LexVersion="V2")["LexBots"]) == 2
    with raises("InvalidRequestException", 400, match="not an Amazon Lex"):
        connect.associate_lex_bot(InstanceId=iid, LexBot={"Name": "has space", "LexRegion": "us-east-1"})
    with raises("InvalidRequestException", 400, match="Exactly one of"):
        connect.disassociate_bot(InstanceId=iid)
    assert len(connect.list_lex_bots(InstanceId=iid)["LexBots"]) == 1


def test_quotas(connect: Any, iid: str, moto_connect: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind counts against its own quota, per instance."""
    monkeypatch.setitem(bots.QUOTAS, bots.LEX_BOT.kind, 2)
    for name in ("One", "Two"):
        connect.associate_lex_bot(InstanceId=iid, LexBot={"Name": name, "LexRegion": "us-east-1"})
    with raises("ServiceQuotaExceededException", match="at most 2 Amazon Lex bots"):
        connect.associate_bot(InstanceId=iid, LexBot={"Name": "Three", "LexRegion": "us-east-1"})
    other = new_instance(connect, "other-bots")["Id"]
    connect.associate_lex_bot(InstanceId=other, LexBot={"Name": "Three", "LexRegion": "us-east-1"})
    connect.disassociate_lex_bot(InstanceId=iid, BotName="One", LexRegion="us-east-1")
    connect.associate_lex_bot(InstanceId=iid, LexBot={"Name": "Three", "LexRegion": "us-east-1"})

    monkeypatch.setitem(bots.QUOTAS, bots.LAMBDA_FUNCTION.kind, 1)
    first, second = lambda_function(moto_connect.client, "a"), lambda_function(moto_connect.client, "b")
    connect.associate_lambda_function(InstanceId=iid, FunctionArn=first)
    with raises("ServiceQuotaExceededException", 402, match="at most 1 Lambda functions"):
        connect.associate_lambda_function(InstanceId=iid, FunctionArn=second)
    assert connect.list_lambda_functions(InstanceId=iid)["LambdaFunctions"] == [first]


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served-bots")["Id"]
    arn = lambda_function(lambda service: server_client(server, service, "eu-west-2"), "served")
    connect.associate_lambda_function(InstanceId=iid, FunctionArn=arn)
    with raises("ResourceConflictException", 409):
        connect.associate_lambda_function(InstanceId=iid, FunctionArn=arn)
    assert connect.list_lambda_functions(InstanceId=iid)["LambdaFunctions"] == [arn]
    connect.associate_bot(InstanceId=iid, LexBot={"Name": "Served", "LexRegion": "eu-west-2"})
    assert connect.list_bots(InstanceId=iid, LexVersion="V1")["LexBots"] == [
        {"LexBot": {"Name": "Served", "LexRegion": "eu-west-2"}}
    ]
    connect.disassociate_lex_bot(InstanceId=iid, BotName="Served", LexRegion="eu-west-2")
    connect.disassociate_lambda_function(InstanceId=iid, FunctionArn=arn)
    assert connect.list_lex_bots(InstanceId=iid)["LexBots"] == []
