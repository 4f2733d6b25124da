"""Who a request comes from: region, account and partition, as moto decides them."""

from __future__ import annotations

import pytest

from moto_connect_ext.core.responses import _ACCESS_KEY, _access_key, identify_caller

SIGV4 = "AWS4-HMAC-SHA256 Credential={key}/20260101/{region}/connect/aws4_request, SignedHeaders=host, Signature=0"


@pytest.mark.parametrize(
    "auth",
    [
        SIGV4.format(key="AKIAIOSFODNN7EXAMPLE", region="us-east-1"),
        SIGV4.format(key="testing", region="us-east-1"),
        SIGV4.format(key="ASIAIOSFODNN7EXAMPLX", region="eu-west-2"),
        "AWS AKIAIOSFODNN7EXAMPLE:signature",
        "",
    ],
)
def test_access_key_matches_moto(auth: str) -> None:
    match = _ACCESS_KEY.search(auth)
    assert _access_key(auth) == (match.group("access_key") if match else "AKIAEXAMPLE")


def test_region_from_host_then_credential_scope(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOTO_ACCOUNT_ID", raising=False)
    headers = {"Authorization": SIGV4.format(key="testing", region="eu-west-2")}
    assert identify_caller(headers, "https://connect.us-west-2.amazonaws.com/instance").region == "us-west-2"
    caller = identify_caller(headers, "http://localhost:5000/instance")
    assert (caller.region, caller.partition, caller.account_id) == ("eu-west-2", "aws", "123456789012")
    gov = identify_caller({}, "https://connect.us-gov-west-1.amazonaws.com/instance")
    assert (gov.region, gov.partition) == ("us-gov-west-1", "aws-us-gov")


def test_account_from_environment_then_header(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOTO_ACCOUNT_ID", raising=False)
    assert identify_caller({"x-moto-account-id": "111122223333"}, "http://h/").account_id == "111122223333"
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "444455556666")
    assert identify_caller({"x-moto-account-id": "111122223333"}, "http://h/").account_id == "444455556666"


def test_every_answer_has_its_own_request_id_even_after_random_is_seeded() -> None:
    import random
    import re

    from moto_connect_ext.core.responses import _stamp

    uuid4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")
    ids = set()
    for _ in range(2):
        random.seed(7)  # a test seeding random does not make the ids repeat
        ids.add(_stamp((200, {}, "{}"))[1]["x-amzn-RequestId"])
    assert len(ids) == 2
    assert all(uuid4.fullmatch(i) for i in ids)
