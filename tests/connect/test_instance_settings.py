"""Approved origins, security keys, analytics data sets and attached files configurations through
boto3, and the family in server mode."""

from __future__ import annotations

import datetime as dt
from typing import Any

import boto3
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from moto_connect_ext.connect import instance_settings
from moto_connect_ext.connect.instance_settings import DATA_SETS, DEFAULT_EXTENSIONS, check_origin
from tests.helpers import RAW, new_instance, raises
from tests.servers import server_client

OTHER_ACCOUNT = "210987654321"


def pem(key: Any) -> str:
    data: bytes = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return data.decode()


@pytest.fixture(scope="module")
def keys() -> list[str]:
    return [
        pem(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
        pem(ec.generate_private_key(ec.SECP256R1())),
        pem(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
    ]


def _origins(connect: Any, iid: str, **kw: Any) -> list[str]:
    return list(connect.list_approved_origins(InstanceId=iid, **kw)["Origins"])


# -- approved origins --------------------------------------------------------------------
def test_approved_origins(connect: Any, instance: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    iid = instance["Id"]
    assert _origins(connect, iid) == []
    wanted = ["https://www.example.com", "http://localhost:8080", "https://app.example.co.uk:8443"]
    for origin in wanted:
        connect.associate_approved_origin(InstanceId=iid, Origin=origin)
    assert _origins(connect, iid) == wanted
    # pages of one, in the order they were approved
    first = connect.list_approved_origins(InstanceId=iid, MaxResults=1)
    second = connect.list_approved_origins(InstanceId=iid, MaxResults=2, NextToken=first["NextToken"])
    assert first["Origins"] + second["Origins"] == wanted and "NextToken" not in second
    # an origin is approved once, whatever its case; a retry with the same token is no conflict
    with raises("ResourceConflictException", 409, match="already approved"):
        connect.associate_approved_origin(InstanceId=iid, Origin="HTTPS://WWW.Example.com")
    connect.associate_approved_origin(InstanceId=iid, Origin="https://retry.example.com", ClientToken="t-1")
    connect.associate_approved_origin(InstanceId=iid, Origin="https://retry.example.com", ClientToken="t-1")
    with raises("InvalidRequestException", 400, match="ClientToken"):
        connect.associate_approved_origin(InstanceId=iid, Origin="https://other.example.com", ClientToken="t-1")
    # disassociated by any spelling of the origin; an unknown origin is not found
    connect.disassociate_approved_origin(InstanceId=iid, Origin="https://WWW.EXAMPLE.COM")
    connect.disassociate_approved_origin(InstanceId=instance["Arn"], Origin="https://retry.example.com")
    assert _origins(connect, iid) == wanted[1:]
    with raises("ResourceNotFoundException", 404, match="not an approved origin"):
        connect.disassociate_approved_origin(InstanceId=iid, Origin="https://www.example.com")
    # the quota counts what is approved
    monkeypatch.setattr(instance_settings, "ORIGINS_PER_INSTANCE", 3)
    connect.associate_approved_origin(InstanceId=iid, Origin="https://third.example.com")
    with raises("ServiceQuotaExceededException", 402, match="3 approved origins"):
        connect.associate_approved_origin(InstanceId=iid, Origin="https://fourth.example.com")
    with raises("ResourceConflictException", 409):  # a duplicate is a duplicate, not over the quota
        connect.associate_approved_origin(InstanceId=iid, Origin="https://third.example.com")
    assert len(_origins(connect, iid)) == 3
    for call in (connect.list_approved_origins, connect.associate_approved_origin):
        kw = {} if call == connect.list_approved_origins else {"Origin": "https://x.example.com"}
        with raises("ResourceNotFoundException", 404, match="Instance not found"):
            call(InstanceId="no-such-instance", **kw)


BAD_ORIGINS = [
    ("www.example.com", "http:// or https://"),
    ("ftp://example.com", "http:// or https://"),
    ("https://example.com/path", "without a path"),
    ("https://example.com/", "without a path"),
    ("https://example.com?q=1", "without a path"),
    ("https://user@example.com", "user information"),
    ("https://exa mple.com", "valid domain name"),
    ("https://-example.com", "valid domain name"),
    ("https://", "valid domain name"),
    ("https://example.com:0", "port"),
    ("https://example.com:70000", "port"),
    ("https://example.com:", "port"),
    ("https://example.com:+80", "port"),
    ("https://exa\nmple.com", "valid domain name"),
    ("https://[::1]:80", "valid domain name"),
]


def test_an_origin_is_a_scheme_a_host_and_a_port(connect: Any, instance: dict[str, Any]) -> None:
    for origin, match in BAD_ORIGINS:
        with raises("InvalidParameterException", 400, match=match):
            connect.associate_approved_origin(InstanceId=instance["Id"], Origin=origin)
    assert _origins(connect, instance["Id"]) == []
    for good in ("https://a.b", "http://10.0.0.1:3000", "https://xn--bcher-kva.example"):
        check_origin(good)


# -- security keys -----------------------------------------------------------------------
def test_security_keys(connect: Any, instance: dict[str, Any], keys: list[str]) -> None:
    iid = instance["Id"]
    before = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=5)
    first = connect.associate_security_key(InstanceId=iid, Key=keys[0])["AssociationId"]
    # the same key, line breaks aside, is a conflict
    with raises("ResourceConflictException", 409, match="already associated"):
        connect.associate_security_key(InstanceId=iid, Key=keys[0].replace("\n", "\r\n"))
    second = connect.associate_security_key(InstanceId=iid, Key=keys[1])["AssociationId"]
    listed = connect.list_security_keys(InstanceId=iid)["SecurityKeys"]
    assert [(k["AssociationId"], k["Key"]) for k in listed] == [(first, keys[0]), (second, keys[1])]
    assert all(set(k) == {"AssociationId", "Key", "CreationTime"} and k["CreationTime"] > before for k in listed)
    page = connect.list_security_keys(InstanceId=iid, MaxResults=1)
    assert [k["AssociationId"] for k in page["SecurityKeys"]] == [first]
    rest = connect.list_security_keys(InstanceId=iid, NextToken=page["NextToken"])
    assert [k["AssociationId"] for k in rest["SecurityKeys"]] == [second]
    # two keys at most: one must go before another comes
    with raises("ServiceQuotaExceededException", 402, match="2 security keys"):
        connect.associate_security_key(InstanceId=iid, Key=keys[2])
    connect.disassociate_security_key(InstanceId=iid, AssociationId=first)
    with raises("ResourceNotFoundException", 404, match=first):
        connect.disassociate_security_key(InstanceId=iid, AssociationId=first)
    third = connect.associate_security_key(InstanceId=iid, Key=keys[2])["AssociationId"]
    listed = connect.list_security_keys(InstanceId=iid)["SecurityKeys"]
    assert [k["AssociationId"] for k in listed] == [second, third]
    with raises("ResourceNotFoundException", 404):
        connect.list_security_keys(InstanceId="no-such-instance")


def test_a_security_key_is_a_pem_public_key(connect: Any, instance: dict[str, Any], keys: list[str]) -> None:
    private = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    body = keys[0].splitlines()
    bad = [
        ("not a key", "PEM format"),
        (private_pem, "PEM format"),
        ("\n".join([body[0], body[1][:-4] + "!!!!", *body[2:]]), "not a valid PEM public key"),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "not a valid PEM public key"),
    ]
    for key, match in bad:
        with raises("InvalidParameterException", 400, match=match):
            connect.associate_security_key(InstanceId=instance["Id"], Key=key)
    assert connect.list_security_keys(InstanceId=instance["Id"])["SecurityKeys"] == []


# -- analytics data sets -----------------------------------------------------------------
def test_analytics_data_sets_share_moto_store(moto_connect: Any, connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    lake = connect.list_analytics_data_lake_data_sets(InstanceId=iid)["Results"]
    assert {d["DataSetId"] for d in lake} == set(DATA_SETS) and {"contact_record", "users"} <= set(DATA_SETS)
    assert all(set(d) == {"DataSetId", "DataSetName"} for d in lake)
    page = connect.list_analytics_data_lake_data_sets(InstanceId=iid, MaxResults=5)
    rest = connect.list_analytics_data_lake_data_sets(InstanceId=iid, NextToken=page["NextToken"])
    assert page["Results"] + rest["Results"] == lake

    # moto's own backend method, then the batch: one store
    moto_connect.backend("connect").associate_analytics_data_set(instance_id=iid, data_set_id="users")
    answer = connect.batch_associate_analytics_data_set(
        InstanceId=instance["Arn"],
        DataSetIds=["contact_record", "no_such_table", "users", "agent_statistic_record", "contact_record"],
    )
    created = answer["Created"]
    assert [c["DataSetId"] for c in created] == ["contact_record", "agent_statistic_record"]
    assert all(c["TargetAccountId"] == "123456789012" and c["ResourceShareStatus"] == "ACTIVE" for c in created)
    assert created[0]["ResourceShareArn"].startswith("arn:aws:ram:us-east-1:123456789012:resource-share/")
    assert [(e["ErrorCode"], e["ErrorMessage"].split()[2]) for e in answer["Errors"]] == [
        ("ResourceNotFoundException", "no_such_table"),
        ("ResourceConflictException", "users"),
        ("ResourceConflictException", "contact_record"),
    ]
    listed = connect.list_analytics_data_associations(InstanceId=iid)["Results"]
    assert {a["DataSetId"] for a in listed} == {"users", "contact_record", "agent_statistic_record"}
    shared = connect.batch_associate_analytics_data_set(
        InstanceId=iid, DataSetIds=["bot_intents"], TargetAccountId=OTHER_ACCOUNT
    )
    assert shared["Created"][0]["TargetAccountId"] == OTHER_ACCOUNT and shared["Errors"] == []

    # the batch disassociates what moto associated, for the account it was shared with
    gone = connect.batch_disassociate_analytics_data_set(
        InstanceId=iid, DataSetIds=["users", "contact_record", "staff_shifts", "bot_intents"]
    )
    assert gone["Deleted"] == ["users", "contact_record"]
    assert [e["ErrorMessage"].split()[2] for e in gone["Errors"]] == ["staff_shifts", "bot_intents"]
    assert {e["ErrorCode"] for e in gone["Errors"]} == {"ResourceNotFoundException"}
    other = connect.batch_disassociate_analytics_data_set(
        InstanceId=iid, DataSetIds=["bot_intents"], TargetAccountId=OTHER_ACCOUNT
    )
    assert other == {**other, "Deleted": ["bot_intents"], "Errors": []}
    listed = connect.list_analytics_data_associations(InstanceId=iid)["Results"]
    assert [a["DataSetId"] for a in listed] == ["agent_statistic_record"]
    connect.disassociate_analytics_data_set(InstanceId=iid, DataSetId="agent_statistic_record")
    again = connect.batch_associate_analytics_data_set(InstanceId=iid, DataSetIds=["agent_statistic_record"])
    assert [c["DataSetId"] for c in again["Created"]] == ["agent_statistic_record"]

    # request-level errors change nothing
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    for call in (raw.batch_associate_analytics_data_set, raw.batch_disassociate_analytics_data_set):
        with raises("InvalidParameterException", 400, match="TargetAccountId"):
            call(InstanceId=iid, DataSetIds=["users"], TargetAccountId="not-an-account")
        with raises("InvalidParameterException", 400, match="at least one"):
            call(InstanceId=iid, DataSetIds=[])
        with raises("ResourceNotFoundException", 404):
            call(InstanceId="no-such-instance", DataSetIds=["users"])
    with raises("ResourceNotFoundException", 404):
        connect.list_analytics_data_lake_data_sets(InstanceId="no-such-instance")
    listed = connect.list_analytics_data_associations(InstanceId=iid)["Results"]
    assert [a["DataSetId"] for a in listed] == ["agent_statistic_record"]

    # the single operations follow the same rules (a duplicate is their InvalidParameterException)
    single = connect.associate_analytics_data_set(InstanceId=iid, DataSetId="users", TargetAccountId=OTHER_ACCOUNT)
    assert set(single) - {"ResponseMetadata"} == {"DataSetId", "TargetAccountId", "ResourceShareId", "ResourceShareArn"}
    with raises("InvalidParameterException", 400, match="already associated"):
        connect.associate_analytics_data_set(InstanceId=iid, DataSetId="users")
    with raises("ResourceNotFoundException", 404, match="not a data set"):
        connect.associate_analytics_data_set(InstanceId=iid, DataSetId="no_such_table")
    with raises("ResourceNotFoundException", 404, match="not associated with account 123456789012"):
        connect.disassociate_analytics_data_set(InstanceId=iid, DataSetId="users")
    first = connect.list_analytics_data_associations(InstanceId=iid, MaxResults=1)
    rest = connect.list_analytics_data_associations(InstanceId=iid, NextToken=first["NextToken"])
    assert [a["DataSetId"] for a in first["Results"] + rest["Results"]] == ["agent_statistic_record", "users"]
    only = connect.list_analytics_data_associations(InstanceId=iid, DataSetId="users")["Results"]
    assert [(a["DataSetId"], a["TargetAccountId"]) for a in only] == [("users", OTHER_ACCOUNT)]
    connect.disassociate_analytics_data_set(InstanceId=iid, DataSetId="users", TargetAccountId=OTHER_ACCOUNT)
    assert moto_connect.backend("connect").analytics_data_associations[iid].keys() == {"agent_statistic_record"}


# -- attached files configurations -------------------------------------------------------
DEFAULT_MAX = 20 * 1024 * 1024


def test_attached_files_configurations(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    defaults = {"AllowedExtensions": [{"Extension": e} for e in DEFAULT_EXTENSIONS]}
    listed = connect.list_attached_files_configurations(InstanceId=iid)["AttachedFilesConfigurations"]
    assert listed == [
        {
            "InstanceId": iid,
            "AttachmentScope": scope,
            "MaximumSizeLimitInBytes": DEFAULT_MAX,
            "ExtensionConfiguration": defaults,
        }
        for scope in ("EMAIL", "CHAT", "CASE", "TASK")
    ]
    described = connect.describe_attached_files_configuration(InstanceId=iid, AttachmentScope="CHAT")
    assert described["AttachedFilesConfiguration"] == listed[1]  # defaults have no LastModifiedTime

    # a partial update keeps the rest; the scope's configuration is the instance's own from then on
    updated = dict(
        connect.update_attached_files_configuration(
            InstanceId=iid, AttachmentScope="CASE", MaximumSizeLimitInBytes=1024
        )
    )
    updated.pop("ResponseMetadata")
    stamp = updated.pop("LastModifiedTime")
    assert updated == {**listed[2], "MaximumSizeLimitInBytes": 1024}
    only_pdf = {"AllowedExtensions": [{"Extension": "pdf"}, {"Extension": "tar-gz"}]}
    connect.update_attached_files_configuration(
        InstanceId=instance["Arn"], AttachmentScope="CASE", ExtensionConfiguration=only_pdf
    )
    case = connect.describe_attached_files_configuration(InstanceId=iid, AttachmentScope="CASE")[
        "AttachedFilesConfiguration"
    ]
    assert case["MaximumSizeLimitInBytes"] == 1024 and case["ExtensionConfiguration"] == only_pdf
    assert case["LastModifiedTime"] >= stamp
    page = connect.list_attached_files_configurations(InstanceId=iid, MaxResults=3)
    rest = connect.list_attached_files_configurations(InstanceId=iid, NextToken=page["NextToken"])
    configurations = page["AttachedFilesConfigurations"] + rest["AttachedFilesConfigurations"]
    assert [c["MaximumSizeLimitInBytes"] for c in configurations] == [DEFAULT_MAX, DEFAULT_MAX, 1024, DEFAULT_MAX]
    assert configurations[2]["ExtensionConfiguration"] == only_pdf

    # out of bounds, repeated or empty: nothing changes
    raw = boto3.client("connect", region_name="us-east-1", config=RAW)
    bad: list[tuple[dict[str, Any], str]] = [
        ({"MaximumSizeLimitInBytes": 104857601}, "less than or equal to 104857600"),
        ({"MaximumSizeLimitInBytes": 0}, "greater than or equal to 1"),
        (
            {"ExtensionConfiguration": {"AllowedExtensions": [{"Extension": "pdf"}, {"Extension": "PDF"}]}},
            "more than once",
        ),
        ({"ExtensionConfiguration": {"AllowedExtensions": []}}, "at least one"),
        ({"ExtensionConfiguration": {"AllowedExtensions": [{"Extension": ".pdf"}]}}, "pattern"),
    ]
    for request, match in bad:
        with raises("InvalidParameterException", 400, match=match):
            raw.update_attached_files_configuration(InstanceId=iid, AttachmentScope="CASE", **request)
    assert (
        connect.describe_attached_files_configuration(InstanceId=iid, AttachmentScope="CASE")[
            "AttachedFilesConfiguration"
        ]
        == case
    )
    for call in (connect.describe_attached_files_configuration, connect.update_attached_files_configuration):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId="no-such-instance", AttachmentScope="EMAIL")


def test_settings_go_with_their_instance(connect: Any, keys: list[str]) -> None:
    """A new instance starts clean; what a deleted instance had is gone with it."""
    first = new_instance(connect, "first")["Id"]
    connect.associate_approved_origin(InstanceId=first, Origin="https://example.com")
    key = connect.associate_security_key(InstanceId=first, Key=keys[0])["AssociationId"]
    connect.update_attached_files_configuration(InstanceId=first, AttachmentScope="EMAIL", MaximumSizeLimitInBytes=5)
    connect.batch_associate_analytics_data_set(InstanceId=first, DataSetIds=["users"])
    second = new_instance(connect, "second")["Id"]
    assert _origins(connect, second) == [] and connect.list_security_keys(InstanceId=second)["SecurityKeys"] == []
    # the same origin and key on another instance are no conflict; another instance's key is not found
    connect.associate_approved_origin(InstanceId=second, Origin="https://example.com")
    connect.associate_security_key(InstanceId=second, Key=keys[0])
    with raises("ResourceNotFoundException", 404):
        connect.disassociate_security_key(InstanceId=second, AssociationId=key)
    email = connect.describe_attached_files_configuration(InstanceId=second, AttachmentScope="EMAIL")
    assert email["AttachedFilesConfiguration"]["MaximumSizeLimitInBytes"] == DEFAULT_MAX
    connect.delete_instance(InstanceId=first)
    for call, kw in (
        (connect.list_approved_origins, {}),
        (connect.list_security_keys, {}),
        (connect.describe_attached_files_configuration, {"AttachmentScope": "EMAIL"}),
        (connect.list_analytics_data_associations, {}),
    ):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=first, **kw)


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str, keys: list[str]) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served-settings")["Id"]
    connect.associate_approved_origin(InstanceId=iid, Origin="https://served.example.com")
    assert connect.list_approved_origins(InstanceId=iid)["Origins"] == ["https://served.example.com"]
    with raises("InvalidParameterException", 400, match="without a path"):
        connect.associate_approved_origin(InstanceId=iid, Origin="https://served.example.com/app")
    association = connect.associate_security_key(InstanceId=iid, Key=keys[1])["AssociationId"]
    assert connect.list_security_keys(InstanceId=iid)["SecurityKeys"][0]["AssociationId"] == association
    answer = connect.batch_associate_analytics_data_set(InstanceId=iid, DataSetIds=["contact_record", "nope"])
    assert [c["DataSetId"] for c in answer["Created"]] == ["contact_record"] and len(answer["Errors"]) == 1
    listed = connect.list_analytics_data_associations(InstanceId=iid)["Results"]
    assert [a["DataSetId"] for a in listed] == ["contact_record"]
    updated = connect.update_attached_files_configuration(
        InstanceId=iid, AttachmentScope="TASK", MaximumSizeLimitInBytes=10
    )
    assert updated["MaximumSizeLimitInBytes"] == 10 and updated["LastModifiedTime"]
