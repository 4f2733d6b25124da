"""GetFederationToken through boto3: the caller's IAM identity (moto's STS and IAM) as a Connect user."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from moto_connect_ext.connect.federation import username_of
from tests.helpers import new_instance, raises
from tests.servers import server_client


def _user(connect: Any, iid: str, username: str, saml: bool = False) -> dict[str, Any]:
    profiles = connect.list_security_profiles(InstanceId=iid)["SecurityProfileSummaryList"]
    routing = connect.list_routing_profiles(InstanceId=iid)["RoutingProfileSummaryList"]
    request: dict[str, Any] = {
        "IdentityInfo": {"FirstName": "Ada", "LastName": "Lovelace"},
        "PhoneConfig": {"PhoneType": "SOFT_PHONE"},
        "SecurityProfileIds": [next(p["Id"] for p in profiles if p["Name"] == "Agent")],
        "RoutingProfileId": routing[0]["Id"],
    }
    if not saml:
        request["Password"] = "Passw0rd-Passw0rd"
    created = connect.create_user(InstanceId=iid, Username=username, **request)
    return {"Id": created["UserId"], "Arn": created["UserArn"]}


def _client_as(moto_connect: Any, credentials: dict[str, str]) -> Any:
    return moto_connect.client(
        "connect",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials.get("SessionToken"),
    )


def test_federation_token(moto_connect: Any, connect: Any) -> None:
    saml = new_instance(connect, "federated", IdentityManagementType="SAML")
    iid = saml["Id"]
    agent = _user(connect, iid, "ada@example.com", saml=True)

    # an assumed role signs in as the user named after its session (SAML's RoleSessionName)
    iam = moto_connect.client("iam")
    trust = {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "*"}, "Action": "sts:AssumeRole"}]}
    role = iam.create_role(RoleName="ConnectFederation", AssumeRolePolicyDocument=json.dumps(trust))["Role"]
    sts = moto_connect.client("sts")
    session = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="ada@example.com")["Credentials"]
    before = dt.datetime.now(dt.timezone.utc)
    token = _client_as(moto_connect, session).get_federation_token(InstanceId=iid)
    credentials = token["Credentials"]
    assert (token["UserId"], token["UserArn"]) == (agent["Id"], agent["Arn"])
    assert token["SignInUrl"] == "https://federated.my.connect.aws/auth/sign-in"
    assert before < credentials["AccessTokenExpiration"] < credentials["RefreshTokenExpiration"]
    assert len(credentials["AccessToken"]) > 64 and credentials["AccessToken"] != credentials["RefreshToken"]
    again = _client_as(moto_connect, session).get_federation_token(InstanceId=saml["Arn"])
    assert again["UserId"] == agent["Id"] and again["Credentials"]["AccessToken"] != credentials["AccessToken"]
    # each sign-in is a session of the user: DeleteAllEntitySessions signs them all out
    from moto_connect_ext.connect.contact_agents import SESSION

    backend = moto_connect.backend("connect")
    sessions = list(backend.resources.all(SESSION, backend.instance(iid)))
    assert [s.attrs["UserId"] for s in sessions] == [agent["Id"], agent["Id"]]
    connect.delete_all_entity_sessions(InstanceId=iid, EntityType="USER", EntityId=agent["Id"])
    assert list(backend.resources.all(SESSION, backend.instance(iid))) == []

    # another session name is nobody in the instance
    other = sts.assume_role(RoleArn=role["Arn"], RoleSessionName="grace@example.com")["Credentials"]
    with raises("UserNotFoundException", 404, match="grace@example.com"):
        _client_as(moto_connect, other).get_federation_token(InstanceId=iid)

    # an IAM user signs in as the user of its name; moto's default identity is the user "moto"
    iam.create_user(UserName="grace", Path="/staff/")
    key = iam.create_access_key(UserName="grace")["AccessKey"]
    with raises("UserNotFoundException", 404, match="grace"):
        _client_as(moto_connect, key).get_federation_token(InstanceId=iid)
    managed = new_instance(connect, "managed")["Id"]
    grace = _user(connect, managed, "grace")
    assert _client_as(moto_connect, key).get_federation_token(InstanceId=managed)["UserId"] == grace["Id"]
    with raises("UserNotFoundException", 404, match="moto"):
        connect.get_federation_token(InstanceId=managed)
    moto_user = _user(connect, managed, "moto")
    assert connect.get_federation_token(InstanceId=managed)["UserId"] == moto_user["Id"]
    with raises("ResourceNotFoundException", 404):
        connect.get_federation_token(InstanceId="0" * 36)


@pytest.mark.parametrize(
    ("arn", "username"),
    [
        ("arn:aws:sts::123456789012:assumed-role/ConnectSaml/ada@example.com", "ada@example.com"),
        ("arn:aws:iam::123456789012:user/staff/grace", "grace"),
        ("arn:aws:sts::123456789012:federated-user/bob", "bob"),
        ("arn:aws:sts::123456789012:user/moto", "moto"),
        ("arn:aws:iam::123456789012:root", None),
    ],
)
def test_username_of(arn: str, username: str | None) -> None:
    if username is not None:
        assert username_of(arn, "AIDAEXAMPLE") == username
        return
    with pytest.raises(Exception, match="cannot be used for federation") as info:
        username_of(arn, "123456789012")
    assert getattr(info.value, "code", None) == "InvalidRequestException"


def test_federation_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    with raises("UserNotFoundException", 404):
        connect.get_federation_token(InstanceId=iid)
    user = _user(connect, iid, "moto")
    assert connect.get_federation_token(InstanceId=iid)["UserArn"] == user["Arn"]
