"""Phone numbers through boto3: the inventory, claims, imports, updates, releases, flows, lists, tags."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connect import phone_numbers as pn
from moto_connect_ext.core.resources import ModeledError
from tests.helpers import new_instance, raises
from tests.servers import server_client

E164 = re.compile(r"^\+[1-9]\d{1,14}$")
SMS_ARN = "arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0123456789abcdef0123456789abcdef"
UUID = "12345678-1234-1234-1234-123456789012"


def _search(connect: Any, iid: str, country: str = "US", kind: str = "DID", **kw: Any) -> list[str]:
    found = connect.search_available_phone_numbers(
        InstanceId=iid, PhoneNumberCountryCode=country, PhoneNumberType=kind, **kw
    )["AvailableNumbersList"]
    return [n["PhoneNumber"] for n in found]


def _claim(connect: Any, iid: str, country: str = "US", kind: str = "DID", **kw: Any) -> dict[str, Any]:
    number = _search(connect, iid, country, kind, MaxResults=1)[0]
    return dict(connect.claim_phone_number(InstanceId=iid, PhoneNumber=number, **kw))


def _describe(connect: Any, number_id: str) -> dict[str, Any]:
    return connect.describe_phone_number(PhoneNumberId=number_id)["ClaimedPhoneNumberSummary"]  # type: ignore[no-any-return]


def _v2(connect: Any, **kw: Any) -> list[dict[str, Any]]:
    return connect.list_phone_numbers_v2(**kw)["ListPhoneNumbersSummaryList"]  # type: ignore[no-any-return]


def flow_of_type(moto_connect: Any, iid: str, flow_type: str) -> Any:
    """A flow of the instance of that type (every instance comes with one of each default type)."""
    instance = moto_connect.backend("connect").instance(iid)
    return next(f for f in instance.children("contact-flow").values() if f.attrs.get("Type") == flow_type)


@pytest.fixture
def claimed(connect: Any, instance: dict[str, Any]) -> dict[str, Any]:
    return _claim(connect, instance["Id"], PhoneNumberDescription="Main line", Tags={"team": "sales"})


@pytest.fixture
def manual_progress() -> Iterator[None]:
    state_manager.set_transition(pn.PHONE_NUMBER_MODEL, {"progression": "manual", "times": 2})
    try:
        yield
    finally:
        state_manager.unset_transition(pn.PHONE_NUMBER_MODEL)


# -- the inventory engine ------------------------------------------------------------------
def test_every_country_of_the_model_has_a_plan(connect: Any) -> None:
    countries = connect.meta.service_model.shape_for("PhoneNumberCountryCode").enum
    assert sorted(countries) == sorted(pn.CALLING_CODES)
    for country in countries:
        assert pn.plan(country).blocks[pn.DID], country


def test_blocks_never_overlap() -> None:
    """No block's first digits start another block's numbers of the same length: every
    number belongs to one country and type."""
    blocks = [b for c in pn.CALLING_CODES for bs in pn.plan(c).blocks.values() for b in bs]
    by_length: dict[int, list[str]] = {}
    for block in blocks:
        assert block.total <= 15, block
        by_length.setdefault(block.total, []).append(block.start)
    for starts in by_length.values():
        ordered = sorted(starts)
        assert len(set(ordered)) == len(ordered)
        for a, b in itertools.pairwise(ordered):
            assert not b.startswith(a), (a, b)


@pytest.mark.parametrize(
    ("country", "kind", "prefix"),
    [("US", "DID", ""), ("US", "TOLL_FREE", "1800"), ("CA", "DID", "1416"), ("GB", "DID", "4420"),
     ("GG", "DID", ""), ("FR", "THIRD_PARTY_TF", ""), ("JP", "UIFN", "800"), ("US", "SHORT_CODE", "")],
)  # fmt: skip
def test_window_numbers_belong_to_their_country_and_type(country: str, kind: str, prefix: str) -> None:
    numbers = pn.window(country, kind, prefix)
    assert len(numbers) == pn.SEARCH_WINDOW == len(set(numbers))
    assert numbers == pn.window(country, kind, prefix)
    for number in numbers:
        assert E164.match(number) and number.startswith("+" + prefix)
        block = pn.block_of(number)
        assert block is not None and (block.country, block.kind) == (country, kind)


def test_window_of_a_nearly_full_prefix_is_what_is_left() -> None:
    assert sorted(pn.window("US", "DID", "1206201234")) == [f"+1206201234{d}" for d in "0123456789"]
    assert pn.window("US", "DID", "12062012345") == ("+12062012345",)
    assert pn.window("US", "DID", "120620123456") == ()
    assert pn.window("GG", "TOLL_FREE", "") == ()


@pytest.mark.parametrize(
    ("country", "kind", "digits", "fits"),
    [("US", "DID", "1", True), ("US", "DID", "1206", True), ("US", "DID", "1800", True), ("BS", "DID", "1206", False),
     ("BS", "DID", "1242", True), ("GB", "DID", "4", True), ("GB", "DID", "33", False), ("GB", "UIFN", "80", True),
     ("GB", "UIFN", "44", False)],
)  # fmt: skip
def test_prefixes_must_fit_the_country(country: str, kind: str, digits: str, fits: bool) -> None:
    if fits:
        pn.check_prefix(country, kind, digits)
    else:
        with pytest.raises(pn.InvalidParameterException):
            pn.check_prefix(country, kind, digits)


def test_imported_numbers_are_never_offered() -> None:
    number = pn.imported_number(SMS_ARN)
    assert E164.match(number) and pn.block_of(number) is None


# -- SearchAvailablePhoneNumbers -----------------------------------------------------------
@pytest.mark.parametrize(
    ("country", "kind", "prefix"),
    [("US", "TOLL_FREE", "+1888"), ("DE", "DID", "+49"), ("FR", "UIFN", None), ("CA", "SHARED", "+1514")],
)  # fmt: skip
def test_search_offers_numbers_of_the_request(
    connect: Any, instance: dict[str, Any], country: str, kind: str, prefix: str | None
) -> None:
    kw = {"PhoneNumberPrefix": prefix} if prefix else {}
    found = connect.search_available_phone_numbers(
        TargetArn=instance["Arn"], PhoneNumberCountryCode=country, PhoneNumberType=kind, **kw
    )["AvailableNumbersList"]
    assert len(found) == 10
    code = "+800" if kind == "UIFN" else "+" + pn.CALLING_CODES[country]
    for item in found:
        assert item["PhoneNumberCountryCode"] == country and item["PhoneNumberType"] == kind
        assert E164.match(item["PhoneNumber"]) and item["PhoneNumber"].startswith(prefix or code)
    assert _search(connect, instance["Id"], country, kind, **kw) == [n["PhoneNumber"] for n in found]


def test_search_pages_stay_right_while_numbers_are_claimed(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    stock = []
    token = None
    while True:
        page = connect.search_available_phone_numbers(
            InstanceId=iid,
            PhoneNumberCountryCode="GB",
            PhoneNumberType="DID",
            PhoneNumberPrefix="+44161",
            MaxResults=10,
            **({"NextToken": token} if token else {}),
        )
        stock += [n["PhoneNumber"] for n in page["AvailableNumbersList"]]
        token = page.get("NextToken")
        if token is None:
            break
    assert len(stock) == len(set(stock)) == pn.SEARCH_WINDOW
    first = connect.search_available_phone_numbers(
        InstanceId=iid, PhoneNumberCountryCode="GB", PhoneNumberType="DID", PhoneNumberPrefix="+44161", MaxResults=1
    )
    # claimed between pages: the walk goes on after the first number and skips the claimed ones
    connect.claim_phone_number(InstanceId=iid, PhoneNumber=stock[1])
    connect.claim_phone_number(InstanceId=iid, PhoneNumber=stock[0])
    second = connect.search_available_phone_numbers(
        InstanceId=iid,
        PhoneNumberCountryCode="GB",
        PhoneNumberType="DID",
        PhoneNumberPrefix="+44161",
        MaxResults=1,
        NextToken=first["NextToken"],
    )
    assert [n["PhoneNumber"] for n in first["AvailableNumbersList"]] == [stock[0]]
    assert [n["PhoneNumber"] for n in second["AvailableNumbersList"]] == [stock[2]]
    assert _search(connect, iid, "GB", "DID", PhoneNumberPrefix="+44161", MaxResults=2) == stock[2:4]


def test_search_of_a_type_a_country_does_not_offer_is_empty(connect: Any, instance: dict[str, Any]) -> None:
    page = connect.search_available_phone_numbers(
        InstanceId=instance["Id"], PhoneNumberCountryCode="GG", PhoneNumberType="TOLL_FREE"
    )
    assert page["AvailableNumbersList"] == [] and "NextToken" not in page


SEARCH_ERRORS = [
    ({"PhoneNumberPrefix": "1206"}, "must start with +"),
    ({"PhoneNumberPrefix": "+44"}, "not valid for country US"),
    ({"PhoneNumberCountryCode": "BS", "PhoneNumberPrefix": "+1206"}, "not valid for country BS"),
    ({"InstanceId": None}, "You must enter InstanceId or TargetArn"),
    ({"InstanceId": "nope"}, "Instance not found"),
    ({"InstanceId": None, "TargetArn": "arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/t"},
     "Traffic distribution group not found"),
    ({"InstanceId": None, "TargetArn": "arn:aws:s3:::bucket"}, "not the ARN of an instance"),
]  # fmt: skip


def test_search_errors(connect: Any, instance: dict[str, Any]) -> None:
    """Every one is the operation's InvalidParameterException (it models no not-found error)."""
    for change, match in SEARCH_ERRORS:
        request = {"InstanceId": instance["Id"], "PhoneNumberCountryCode": "US", "PhoneNumberType": "DID", **change}
        with raises("InvalidParameterException", 400, match=match):
            connect.search_available_phone_numbers(**{k: v for k, v in request.items() if v is not None})


# -- ClaimPhoneNumber and DescribePhoneNumber ------------------------------------------------
def test_claim_and_describe(connect: Any, instance: dict[str, Any], claimed: dict[str, Any]) -> None:
    number_id = claimed["PhoneNumberId"]
    assert claimed["PhoneNumberArn"] == f"arn:aws:connect:us-east-1:123456789012:phone-number/{number_id}"
    described = _describe(connect, number_id)
    assert described == {
        "PhoneNumberId": number_id,
        "PhoneNumberArn": claimed["PhoneNumberArn"],
        "PhoneNumber": described["PhoneNumber"],
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
        "PhoneNumberDescription": "Main line",
        "TargetArn": instance["Arn"],
        "InstanceId": instance["Id"],
        "Tags": {"team": "sales"},
        "PhoneNumberStatus": {"Status": "CLAIMED"},
    }
    assert _describe(connect, claimed["PhoneNumberArn"]) == described
    assert described["PhoneNumber"] not in _search(connect, instance["Id"])


@pytest.mark.parametrize(("country", "kind"), [("GB", "TOLL_FREE"), ("JP", "UIFN"), ("US", "SHORT_CODE")])
def test_claim_by_target_arn_knows_the_country_and_type(
    connect: Any, instance: dict[str, Any], country: str, kind: str
) -> None:
    number = _search(connect, instance["Id"], country, kind, MaxResults=1)[0]
    claimed = connect.claim_phone_number(TargetArn=instance["Arn"], PhoneNumber=number)
    described = _describe(connect, claimed["PhoneNumberId"])
    assert (described["PhoneNumber"], described["PhoneNumberCountryCode"], described["PhoneNumberType"]) == (
        number,
        country,
        kind,
    )
    assert "Tags" not in described and "PhoneNumberDescription" not in described


def test_a_number_is_claimed_once_in_the_account(
    moto_connect: Any, connect: Any, instance: dict[str, Any], claimed: dict[str, Any]
) -> None:
    number = _describe(connect, claimed["PhoneNumberId"])["PhoneNumber"]
    with raises("InvalidParameterException", 400, match="is already claimed"):
        connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)
    # phone numbers are global: another Region of the account neither offers nor claims it
    west = moto_connect.client("connect", region_name="us-west-2")
    west_id = new_instance(west, "west")["Id"]
    assert _search(west, west_id, PhoneNumberPrefix=number) == []
    with raises("InvalidParameterException", match="is already claimed"):
        west.claim_phone_number(InstanceId=west_id, PhoneNumber=number)
    with raises("ResourceNotFoundException", 404):
        west.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    # another account has its own inventory
    role = moto_connect.client("sts").assume_role(RoleArn="arn:aws:iam::111111111111:role/r", RoleSessionName="session")
    keys = role["Credentials"]
    other = boto3.client(
        "connect",
        region_name="us-east-1",
        aws_access_key_id=keys["AccessKeyId"],
        aws_secret_access_key=keys["SecretAccessKey"],
        aws_session_token=keys["SessionToken"],
    )
    other_id = new_instance(other, "other")["Id"]
    assert other.claim_phone_number(InstanceId=other_id, PhoneNumber=number)["PhoneNumberArn"].startswith(
        "arn:aws:connect:us-east-1:111111111111:phone-number/"
    )


@pytest.mark.parametrize(
    ("request_", "code", "match"),
    [({"PhoneNumber": "+99912345678"}, "InvalidParameterException", "is not available to claim"),
     ({"PhoneNumber": "+12069912345"}, "InvalidParameterException", "is not available to claim"),
     ({"InstanceId": None}, "InvalidParameterException", "You must enter InstanceId or TargetArn"),
     ({"InstanceId": "nope"}, "ResourceNotFoundException", "Instance not found"),
     ({"TargetArn": f"arn:aws:connect:us-east-1:123456789012:instance/{UUID}"}, "ResourceNotFoundException",
      "not found"),
     ({"InstanceId": None, "TargetArn": "arn:aws:connect:us-west-2:123456789012:instance/{iid}"},
      "ResourceNotFoundException", "this account and Region"),
     ({"InstanceId": None, "TargetArn": "arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/t"},
      "ResourceNotFoundException", "Traffic distribution group"),
     ({"InstanceId": None, "TargetArn": "arn:aws:connect:us-east-1:123456789012:instance/{iid}/queue/q"},
      "InvalidParameterException", "not the ARN of an instance")],
)  # fmt: skip
def test_claim_errors_change_nothing(
    connect: Any, instance: dict[str, Any], request_: dict[str, Any], code: str, match: str
) -> None:
    iid = instance["Id"]
    number = _search(connect, iid, MaxResults=1)[0]
    request = {"InstanceId": iid, "PhoneNumber": number, **request_}
    request = {k: v.format(iid=iid) if isinstance(v, str) else v for k, v in request.items() if v is not None}
    with raises(code, match=match):
        connect.claim_phone_number(**request)
    assert _v2(connect) == []
    assert _search(connect, iid, MaxResults=1) == [number]


def test_claim_is_idempotent_with_a_client_token(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    first, second = _search(connect, iid, MaxResults=2)
    claimed = connect.claim_phone_number(InstanceId=iid, PhoneNumber=first, ClientToken=UUID)
    again = connect.claim_phone_number(InstanceId=iid, PhoneNumber=first, ClientToken=UUID)
    assert again["PhoneNumberId"] == claimed["PhoneNumberId"]
    with raises("IdempotencyException", 409):
        connect.claim_phone_number(InstanceId=iid, PhoneNumber=second, ClientToken=UUID)
    assert [n["PhoneNumber"] for n in _v2(connect)] == [first]


def test_describe_unknown_number(connect: Any, instance: dict[str, Any]) -> None:
    with raises("ResourceNotFoundException", 404, match="Phone number not found"):
        connect.describe_phone_number(PhoneNumberId=UUID)


def test_status_goes_through_the_state_manager(connect: Any, instance: dict[str, Any], manual_progress: None) -> None:
    """Manual progression, two describes a step: the second describe after a change sees it done."""
    claimed = _claim(connect, instance["Id"])
    number_id = claimed["PhoneNumberId"]
    # while a claim is in progress, the number can be neither updated nor released
    with raises("ResourceInUseException", 409, match="in progress") as info:
        connect.update_phone_number_metadata(PhoneNumberId=number_id, PhoneNumberDescription="x")
    assert info.value.response["ResourceType"] == "PHONE_NUMBER"
    assert info.value.response["ResourceId"] == claimed["PhoneNumberArn"]
    with raises("ResourceInUseException", 409):
        connect.update_phone_number(PhoneNumberId=number_id, InstanceId=instance["Id"])
    with raises("ResourceInUseException", 409):
        connect.release_phone_number(PhoneNumberId=number_id)
    assert _describe(connect, number_id)["PhoneNumberStatus"] == {"Status": "IN_PROGRESS"}
    assert _describe(connect, number_id)["PhoneNumberStatus"] == {"Status": "CLAIMED"}
    connect.update_phone_number_metadata(PhoneNumberId=number_id, PhoneNumberDescription="x")
    described = _describe(connect, number_id)
    assert (described["PhoneNumberStatus"], described["PhoneNumberDescription"]) == ({"Status": "IN_PROGRESS"}, "x")
    assert _describe(connect, number_id)["PhoneNumberStatus"] == {"Status": "CLAIMED"}


# -- updates ---------------------------------------------------------------------------------
def test_update_metadata(connect: Any, claimed: dict[str, Any]) -> None:
    number_id = claimed["PhoneNumberId"]
    connect.update_phone_number_metadata(PhoneNumberId=claimed["PhoneNumberArn"], PhoneNumberDescription="Support")
    assert _describe(connect, number_id)["PhoneNumberDescription"] == "Support"
    with raises("InvalidRequestException", 400, match="PhoneNumberDescription is required"):
        connect.update_phone_number_metadata(PhoneNumberId=number_id)
    with raises("IdempotencyException", 409):
        connect.update_phone_number_metadata(PhoneNumberId=number_id, PhoneNumberDescription="a", ClientToken=UUID)
        connect.update_phone_number_metadata(PhoneNumberId=number_id, PhoneNumberDescription="b", ClientToken=UUID)
    assert _describe(connect, number_id)["PhoneNumberDescription"] == "a"
    with raises("ResourceNotFoundException", 404):
        connect.update_phone_number_metadata(PhoneNumberId=UUID, PhoneNumberDescription="x")


def test_update_moves_the_number_without_its_flow(
    moto_connect: Any, connect: Any, instance: dict[str, Any], claimed: dict[str, Any]
) -> None:
    iid, number_id = instance["Id"], claimed["PhoneNumberId"]
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=number_id, InstanceId=iid, ContactFlowId=flow_of_type(moto_connect, iid, "CONTACT_FLOW").id
    )
    other = new_instance(connect, "other")
    moved = connect.update_phone_number(PhoneNumberId=number_id, TargetArn=other["Arn"])
    assert (moved["PhoneNumberId"], moved["PhoneNumberArn"]) == (number_id, claimed["PhoneNumberArn"])
    described = _describe(connect, number_id)
    assert (described["InstanceId"], described["TargetArn"]) == (other["Id"], other["Arn"])
    assert described["Tags"] == {"team": "sales"}
    assert connect.list_phone_numbers(InstanceId=iid)["PhoneNumberSummaryList"] == []
    assert [n["Id"] for n in connect.list_phone_numbers(InstanceId=other["Id"])["PhoneNumberSummaryList"]] == [
        number_id
    ]
    assert connect.list_flow_associations(InstanceId=iid)["FlowAssociationSummaryList"] == []
    assert (
        pn.flow_of_number(
            moto_connect.backend("connect").resources, moto_connect.backend("connect").instance(other["Id"]), number_id
        )
        is None
    )
    with raises("ResourceNotFoundException", 404):
        connect.update_phone_number(PhoneNumberId=number_id, InstanceId="nope")
    with raises("InvalidParameterException", 400, match="different instances"):
        connect.update_phone_number(PhoneNumberId=number_id, InstanceId=iid, TargetArn=other["Arn"])
    assert _describe(connect, number_id)["InstanceId"] == other["Id"]


def test_update_is_idempotent_with_a_client_token(
    connect: Any, instance: dict[str, Any], claimed: dict[str, Any]
) -> None:
    number_id = claimed["PhoneNumberId"]
    other = new_instance(connect, "other")["Id"]
    connect.update_phone_number(PhoneNumberId=number_id, InstanceId=other, ClientToken=UUID)
    connect.update_phone_number(PhoneNumberId=number_id, InstanceId=other, ClientToken=UUID)
    with raises("IdempotencyException", 409):
        connect.update_phone_number(PhoneNumberId=number_id, InstanceId=instance["Id"], ClientToken=UUID)
    assert _describe(connect, number_id)["InstanceId"] == other


# -- ReleasePhoneNumber --------------------------------------------------------------------
def test_release_cools_the_number_down(
    moto_connect: Any, connect: Any, instance: dict[str, Any], claimed: dict[str, Any]
) -> None:
    iid, number_id = instance["Id"], claimed["PhoneNumberId"]
    number = _describe(connect, number_id)["PhoneNumber"]
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])
    with raises("ResourceNotFoundException", 404):
        _describe(connect, number_id)
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=claimed["PhoneNumberArn"])
    with raises("ResourceNotFoundException", 404):
        connect.release_phone_number(PhoneNumberId=number_id)
    assert _v2(connect) == []
    assert _search(connect, iid, PhoneNumberPrefix=number) == []
    with raises("InvalidParameterException", 400, match="cooling down"):
        connect.claim_phone_number(InstanceId=iid, PhoneNumber=number)
    # once the cool-down is over, the number is back in stock
    backend = moto_connect.backend("connect")
    backend.phone_numbers.cooling[number] = pn.now()
    assert _search(connect, iid, PhoneNumberPrefix=number) == [number]
    reclaimed = connect.claim_phone_number(InstanceId=iid, PhoneNumber=number)
    assert reclaimed["PhoneNumberId"] != number_id


def test_release_is_idempotent_with_a_client_token(connect: Any, claimed: dict[str, Any]) -> None:
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken=UUID)
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken=UUID)
    with raises("ResourceNotFoundException", 404):
        _describe(connect, claimed["PhoneNumberId"])


def test_deleting_the_instance_releases_its_numbers(
    connect: Any, instance: dict[str, Any], claimed: dict[str, Any]
) -> None:
    number = _describe(connect, claimed["PhoneNumberId"])["PhoneNumber"]
    connect.delete_instance(InstanceId=instance["Id"])
    with raises("ResourceNotFoundException", 404):
        _describe(connect, claimed["PhoneNumberId"])
    assert _v2(connect) == []
    other = new_instance(connect, "other")["Id"]
    with raises("InvalidParameterException", match="cooling down"):
        connect.claim_phone_number(InstanceId=other, PhoneNumber=number)


# -- ImportPhoneNumber -----------------------------------------------------------------------
def test_import_an_end_user_messaging_number(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    imported = connect.import_phone_number(
        InstanceId=iid, SourcePhoneNumberArn=SMS_ARN, PhoneNumberDescription="SMS", Tags={"k": "v"}, ClientToken=UUID
    )
    again = connect.import_phone_number(
        InstanceId=iid, SourcePhoneNumberArn=SMS_ARN, PhoneNumberDescription="SMS", Tags={"k": "v"}, ClientToken=UUID
    )
    assert again["PhoneNumberId"] == imported["PhoneNumberId"]
    described = _describe(connect, imported["PhoneNumberId"])
    assert described["SourcePhoneNumberArn"] == SMS_ARN
    assert described["PhoneNumber"] == pn.imported_number(SMS_ARN)
    assert (described["PhoneNumberDescription"], described["Tags"], described["InstanceId"]) == ("SMS", {"k": "v"}, iid)
    assert (described["PhoneNumberCountryCode"], described["PhoneNumberType"]) == ("US", "DID")
    assert _v2(connect)[0]["SourcePhoneNumberArn"] == SMS_ARN
    with raises("InvalidParameterException", 400, match="already imported"):
        connect.import_phone_number(InstanceId=iid, SourcePhoneNumberArn=SMS_ARN)
    # released, it goes back to End User Messaging, and can come back at once
    connect.release_phone_number(PhoneNumberId=imported["PhoneNumberId"])
    back = connect.import_phone_number(InstanceId=iid, SourcePhoneNumberArn=SMS_ARN)
    assert _describe(connect, back["PhoneNumberId"])["PhoneNumber"] == described["PhoneNumber"]


IMPORT_ERRORS = [
    ("arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1", "InvalidParameterException"),
    ("arn:aws:sns:us-east-1:123456789012:phone-number/p", "InvalidParameterException"),
    (SMS_ARN.replace("123456789012", "111111111111"), "ResourceNotFoundException"),
    (SMS_ARN.replace("us-east-1", "eu-west-2"), "ResourceNotFoundException"),
]


def test_import_errors(connect: Any, instance: dict[str, Any]) -> None:
    for source, code in IMPORT_ERRORS:
        with raises(code):
            connect.import_phone_number(InstanceId=instance["Id"], SourcePhoneNumberArn=source)
    with raises("ResourceNotFoundException", 404):
        connect.import_phone_number(InstanceId="nope", SourcePhoneNumberArn=SMS_ARN)
    assert _v2(connect) == []


# -- flows -----------------------------------------------------------------------------------
def test_a_number_runs_an_inbound_flow(
    moto_connect: Any, connect: Any, instance: dict[str, Any], claimed: dict[str, Any]
) -> None:
    iid, number_id = instance["Id"], claimed["PhoneNumberId"]
    backend = moto_connect.backend("connect")
    inbound = flow_of_type(moto_connect, iid, "CONTACT_FLOW")
    connect.associate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=iid, ContactFlowId=inbound.id)
    assert pn.flow_of_number(backend.resources, backend.instance(iid), number_id) is inbound
    assert pn.flow_of_number(backend.resources, backend.instance(iid), claimed["PhoneNumberArn"]) is inbound
    assert connect.list_flow_associations(InstanceId=iid, ResourceType="VOICE_PHONE_NUMBER")[
        "FlowAssociationSummaryList"
    ] == [{"ResourceId": claimed["PhoneNumberArn"], "FlowId": inbound.arn, "ResourceType": "VOICE_PHONE_NUMBER"}]
    # the flow cannot be deleted while the number runs it
    with pytest.raises(ModeledError):
        backend.resources.delete(inbound)
    # associating again points the number at the new flow
    attrs = {"Name": "Other inbound", "Type": "CONTACT_FLOW", "Content": inbound.attrs["Content"]}
    sample = backend.resources.create(inbound.rtype, backend.instance(iid), attrs, backend._own_caller())
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=claimed["PhoneNumberArn"], InstanceId=iid, ContactFlowId=sample.arn
    )
    assert pn.flow_of_number(backend.resources, backend.instance(iid), number_id) is sample
    backend.resources.delete(inbound)
    connect.disassociate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=iid)
    assert pn.flow_of_number(backend.resources, backend.instance(iid), number_id) is None
    assert connect.list_flow_associations(InstanceId=iid)["FlowAssociationSummaryList"] == []
    backend.resources.delete(sample)
    with raises("ResourceNotFoundException", 404, match="No flow is associated"):
        connect.disassociate_phone_number_contact_flow(PhoneNumberId=number_id, InstanceId=iid)


@pytest.mark.parametrize(
    ("change", "code", "match"),
    [({"ContactFlowId": "missing"}, "ResourceNotFoundException", "Contact flow not found"),
     ({"ContactFlowId": "CUSTOMER_QUEUE"}, "InvalidParameterException", "CONTACT_FLOW"),
     ({"InstanceId": "other"}, "ResourceNotFoundException", "is not claimed to instance"),
     ({"InstanceId": "nope"}, "ResourceNotFoundException", "Instance not found"),
     ({"PhoneNumberId": UUID}, "ResourceNotFoundException", "Phone number not found")],
)  # fmt: skip
def test_flow_association_errors(
    moto_connect: Any,
    connect: Any,
    instance: dict[str, Any],
    claimed: dict[str, Any],
    change: dict[str, str],
    code: str,
    match: str,
) -> None:
    iid = instance["Id"]
    request = {"PhoneNumberId": claimed["PhoneNumberId"], "InstanceId": iid, "ContactFlowId": "", **change}
    if request["InstanceId"] == "other":
        request["InstanceId"] = new_instance(connect, "other")["Id"]
    flow_type = request["ContactFlowId"] or "CONTACT_FLOW"
    if flow_type.isupper():
        request["ContactFlowId"] = flow_of_type(moto_connect, iid, flow_type).id
    with raises(code, match=match):
        connect.associate_phone_number_contact_flow(**request)
    assert connect.list_flow_associations(InstanceId=iid)["FlowAssociationSummaryList"] == []
    with raises(code if code != "InvalidParameterException" else "ResourceNotFoundException"):
        connect.disassociate_phone_number_contact_flow(
            PhoneNumberId=request["PhoneNumberId"], InstanceId=request["InstanceId"]
        )


# -- lists -----------------------------------------------------------------------------------
def test_list_phone_numbers_answers_legacy_arns_and_types(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    kinds = ["DID", "TOLL_FREE", "UIFN", "SHARED", "THIRD_PARTY_DID", "THIRD_PARTY_TF", "SHORT_CODE"]
    claimed = {kind: _claim(connect, iid, "US", kind) for kind in kinds}
    listed = connect.list_phone_numbers(InstanceId=iid)["PhoneNumberSummaryList"]
    assert [n["Id"] for n in listed] == [claimed[k]["PhoneNumberId"] for k in kinds]
    assert [n["PhoneNumberType"] for n in listed] == [
        "DID", "TOLL_FREE", "TOLL_FREE", "DID", "DID", "TOLL_FREE", "SHORT_CODE"
    ]  # fmt: skip
    first = listed[0]
    assert first["Arn"] == f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/phone-number/{first['Id']}"
    assert set(first) == {"Id", "Arn", "PhoneNumber", "PhoneNumberType", "PhoneNumberCountryCode"}
    # that ARN "cannot be used to tag phone number resources"
    with raises("ResourceNotFoundException", 404):
        connect.tag_resource(resourceArn=first["Arn"], tags={"a": "b"})
    by_type = connect.list_phone_numbers(InstanceId=iid, PhoneNumberTypes=["UIFN", "SHARED"])["PhoneNumberSummaryList"]
    assert [n["Id"] for n in by_type] == [claimed["UIFN"]["PhoneNumberId"], claimed["SHARED"]["PhoneNumberId"]]
    assert connect.list_phone_numbers(InstanceId=iid, PhoneNumberCountryCodes=["GB"])["PhoneNumberSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        connect.list_phone_numbers(InstanceId="nope")


def test_list_v2_filters(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    other = new_instance(connect, "other")
    us = _claim(connect, iid, "US", "DID", PhoneNumberDescription="US")
    gb = _claim(connect, iid, "GB", "TOLL_FREE")
    de = _claim(connect, other["Id"], "DE", "DID")
    assert [n["PhoneNumberId"] for n in _v2(connect)] == [us["PhoneNumberId"], gb["PhoneNumberId"], de["PhoneNumberId"]]
    assert [n["PhoneNumberId"] for n in _v2(connect, InstanceId=iid)] == [us["PhoneNumberId"], gb["PhoneNumberId"]]
    assert [n["PhoneNumberId"] for n in _v2(connect, TargetArn=other["Arn"])] == [de["PhoneNumberId"]]
    assert [n["PhoneNumberId"] for n in _v2(connect, PhoneNumberCountryCodes=["GB", "DE"])] == [
        gb["PhoneNumberId"],
        de["PhoneNumberId"],
    ]
    assert [n["PhoneNumberId"] for n in _v2(connect, PhoneNumberTypes=["TOLL_FREE"])] == [gb["PhoneNumberId"]]
    assert [n["PhoneNumberId"] for n in _v2(connect, PhoneNumberPrefix="+49")] == [de["PhoneNumberId"]]
    summary = _v2(connect, PhoneNumberPrefix="+1")[0]
    assert summary == {
        "PhoneNumberId": us["PhoneNumberId"],
        "PhoneNumberArn": us["PhoneNumberArn"],
        "PhoneNumber": summary["PhoneNumber"],
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "DID",
        "TargetArn": instance["Arn"],
        "InstanceId": iid,
        "PhoneNumberDescription": "US",
    }
    with raises("InvalidParameterException", 400, match="must start with +"):
        _v2(connect, PhoneNumberPrefix="49")
    with raises("ResourceNotFoundException", 404):
        _v2(connect, InstanceId="nope")


def test_list_pages_stay_right_while_numbers_come_and_go(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    numbers = [n for n in _search(connect, iid, MaxResults=4)]
    ids = [connect.claim_phone_number(InstanceId=iid, PhoneNumber=n)["PhoneNumberId"] for n in numbers]
    seen = []
    for operation, member, key in (
        (connect.list_phone_numbers_v2, "ListPhoneNumbersSummaryList", "PhoneNumberId"),
        (connect.list_phone_numbers, "PhoneNumberSummaryList", "Id"),
    ):
        page = operation(InstanceId=iid, MaxResults=1)
        walked = [page[member][0][key]]
        if operation is connect.list_phone_numbers_v2:
            connect.release_phone_number(PhoneNumberId=ids[1])
            added = _claim(connect, iid)["PhoneNumberId"]
            ids = [ids[0], *ids[2:], added]
        while page.get("NextToken"):
            page = operation(InstanceId=iid, MaxResults=1, NextToken=page["NextToken"])
            walked += [n[key] for n in page[member]]
        seen.append(walked)
    assert seen == [ids, ids]


def test_requests_naming_a_number_are_authorized_on_its_arn() -> None:
    from moto_connect_ext.connect.responses import ConnectResponse
    from moto_connect_ext.core.caller import Caller

    caller = Caller("123456789012", "us-east-1", "aws")
    arn = ConnectResponse.iam_resource("DescribePhoneNumber", {"PhoneNumberId": UUID}, caller)
    assert arn == f"arn:aws:connect:us-east-1:123456789012:phone-number/{UUID}"


# -- tags and server mode ----------------------------------------------------------------------
def test_tags_on_phone_numbers(connect: Any, claimed: dict[str, Any]) -> None:
    arn = claimed["PhoneNumberArn"]
    connect.tag_resource(resourceArn=arn, tags={"env": "test"})
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "sales", "env": "test"}
    connect.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert _describe(connect, claimed["PhoneNumberId"])["Tags"] == {"env": "test"}


def test_phone_numbers_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    instance = new_instance(connect, "served")
    number = _search(connect, instance["Id"], "GB", "DID", MaxResults=1)[0]
    claimed = connect.claim_phone_number(TargetArn=instance["Arn"], PhoneNumber=number, Tags={"k": "v"})
    assert claimed["PhoneNumberArn"].startswith("arn:aws:connect:eu-west-2:")
    assert _describe(connect, claimed["PhoneNumberArn"])["PhoneNumber"] == number
    assert connect.list_tags_for_resource(resourceArn=claimed["PhoneNumberArn"])["tags"] == {"k": "v"}
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    with raises("ResourceNotFoundException", 404):
        _describe(connect, claimed["PhoneNumberId"])
