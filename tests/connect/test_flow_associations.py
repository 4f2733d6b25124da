"""Flow associations (AssociateFlow, GetFlowAssociation, BatchGetFlowAssociation...) through boto3."""

from __future__ import annotations

from typing import Any

import pytest
from moto.backends import get_backend

from moto_connect_ext.core.resources import ModeledError
from tests.helpers import new_instance, raises
from tests.servers import server_client

ACCOUNT = "123456789012"
SMS = f"arn:aws:sms-voice:us-east-1:{ACCOUNT}:phone-number/phone-00000000000000000000000000000001"
WHATSAPP = f"arn:aws:social-messaging:us-east-1:{ACCOUNT}:phone-number-id/0000000000000000000000000000000a"
CONNECTOR = f"arn:aws:connect:us-east-1:{ACCOUNT}:analytics-connector/c1"


def _email_arn(iid: str, name: str = "e1") -> str:
    return f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/{iid}/email-address/{name}"


def _email(connect: Any, iid: str, name: str = "e1") -> str:
    """The ARN of a new email address of the instance (the instance fixture's alias is test-instance)."""
    address = f"{name}@test-instance.email.connect.aws"
    return str(connect.create_email_address(InstanceId=iid, EmailAddress=address)["EmailAddressArn"])


def _resource(connect: Any, kind: str, iid: str) -> str:
    return {"SMS_PHONE_NUMBER": SMS, "WHATSAPP_MESSAGING_PHONE_NUMBER": WHATSAPP, "ANALYTICS_CONNECTOR": CONNECTOR}.get(
        kind
    ) or _email(connect, iid)


def flow_of_type(backend: Any, iid: str, flow_type: str) -> Any:
    """A flow of the instance of that type (every instance comes with one of each default type)."""
    instance = backend.instance(iid)
    return next(f for f in instance.children("contact-flow").values() if f.attrs.get("Type") == flow_type)


def _listed(connect: Any, iid: str, **kw: Any) -> list[dict[str, Any]]:
    return connect.list_flow_associations(InstanceId=iid, **kw)["FlowAssociationSummaryList"]  # type: ignore[no-any-return]


@pytest.fixture
def inbound(moto_connect: Any, instance: dict[str, Any]) -> Any:
    return flow_of_type(moto_connect.backend("connect"), instance["Id"], "CONTACT_FLOW")


@pytest.mark.parametrize(
    "kind",
    ["SMS_PHONE_NUMBER", "WHATSAPP_MESSAGING_PHONE_NUMBER", "INBOUND_EMAIL", "OUTBOUND_EMAIL", "ANALYTICS_CONNECTOR"],
)
def test_associate_and_get(connect: Any, instance: dict[str, Any], inbound: Any, kind: str) -> None:
    iid = instance["Id"]
    resource = _resource(connect, kind, iid)
    assert connect.associate_flow(InstanceId=iid, ResourceId=resource, FlowId=inbound.arn, ResourceType=kind)
    got = connect.get_flow_association(InstanceId=iid, ResourceId=resource, ResourceType=kind)
    assert {k: got[k] for k in ("ResourceId", "FlowId", "ResourceType")} == {
        "ResourceId": resource,
        "FlowId": inbound.arn,
        "ResourceType": kind,
    }
    # SMS_PHONE_NUMBER is not a type the lists answer (ListFlowAssociationResourceType)
    expected = (
        [] if kind == "SMS_PHONE_NUMBER" else [{"ResourceId": resource, "FlowId": inbound.arn, "ResourceType": kind}]
    )
    assert _listed(connect, iid) == expected
    connect.disassociate_flow(InstanceId=iid, ResourceId=resource, ResourceType=kind)
    with raises("ResourceNotFoundException", 404, match="No flow is associated"):
        connect.get_flow_association(InstanceId=iid, ResourceId=resource, ResourceType=kind)
    with raises("ResourceNotFoundException", 404):
        connect.disassociate_flow(InstanceId=iid, ResourceId=resource, ResourceType=kind)


def test_associating_again_points_at_the_new_flow(
    moto_connect: Any, connect: Any, instance: dict[str, Any], inbound: Any
) -> None:
    iid = instance["Id"]
    backend = moto_connect.backend("connect")
    connect.associate_flow(
        InstanceId=iid, ResourceId=WHATSAPP, FlowId=inbound.id, ResourceType="WHATSAPP_MESSAGING_PHONE_NUMBER"
    )
    # the flow cannot be deleted while a resource runs it
    with pytest.raises(ModeledError):
        backend.resources.delete(inbound)
    other = flow_of_type(backend, iid, "CUSTOMER_QUEUE")
    connect.associate_flow(
        InstanceId=iid, ResourceId=WHATSAPP, FlowId=other.id, ResourceType="WHATSAPP_MESSAGING_PHONE_NUMBER"
    )
    assert [a["FlowId"] for a in _listed(connect, iid)] == [other.arn]
    backend.resources.delete(inbound)
    # the same resource has one association per type
    email = _email(connect, iid)
    connect.associate_flow(InstanceId=iid, ResourceId=email, FlowId=other.id, ResourceType="INBOUND_EMAIL")
    connect.associate_flow(InstanceId=iid, ResourceId=email, FlowId=other.id, ResourceType="OUTBOUND_EMAIL")
    assert [a["ResourceType"] for a in _listed(connect, iid)] == [
        "WHATSAPP_MESSAGING_PHONE_NUMBER",
        "INBOUND_EMAIL",
        "OUTBOUND_EMAIL",
    ]


@pytest.mark.parametrize(
    ("change", "code", "match"),
    [({"ResourceId": "not-an-arn"}, "InvalidParameterException", "is not an ARN"),
     ({"ResourceId": WHATSAPP}, "InvalidParameterException", "is not valid for SMS_PHONE_NUMBER"),
     ({"ResourceType": "INBOUND_EMAIL", "ResourceId": _email_arn("other-instance")}, "InvalidParameterException",
      "is not of instance"),
     ({"ResourceType": "INBOUND_EMAIL", "ResourceId": _email_arn("{iid}")}, "ResourceNotFoundException",
      "Email address not found"),
     ({"ResourceType": "OUTBOUND_EMAIL", "ResourceId": _email_arn("{iid}")}, "ResourceNotFoundException",
      "Email address not found"),
     ({"ResourceId": SMS.replace(ACCOUNT, "111111111111")}, "ResourceNotFoundException", "this account and Region"),
     ({"ResourceId": SMS.replace("us-east-1", "eu-west-2")}, "ResourceNotFoundException", "this account and Region"),
     ({"FlowId": "missing"}, "ResourceNotFoundException", "Contact flow not found"),
     ({"InstanceId": "nope"}, "ResourceNotFoundException", "Instance not found")],
)  # fmt: skip
def test_associate_errors_change_nothing(
    connect: Any, instance: dict[str, Any], inbound: Any, change: dict[str, str], code: str, match: str
) -> None:
    iid = instance["Id"]
    change = {k: v.replace("{iid}", iid) for k, v in change.items()}
    request = {"InstanceId": iid, "ResourceId": SMS, "FlowId": inbound.id, "ResourceType": "SMS_PHONE_NUMBER", **change}
    with raises(code, match=match):
        connect.associate_flow(**request)
    with raises("ResourceNotFoundException", 404):
        connect.get_flow_association(
            InstanceId=iid, ResourceId=request["ResourceId"], ResourceType=request["ResourceType"]
        )


def test_list_filters_and_pages(connect: Any, instance: dict[str, Any], inbound: Any) -> None:
    iid = instance["Id"]
    emails = [_email(connect, iid, f"e{i}") for i in range(4)]
    for email in emails:
        connect.associate_flow(InstanceId=iid, ResourceId=email, FlowId=inbound.id, ResourceType="INBOUND_EMAIL")
    connect.associate_flow(InstanceId=iid, ResourceId=CONNECTOR, FlowId=inbound.id, ResourceType="ANALYTICS_CONNECTOR")
    assert [a["ResourceId"] for a in _listed(connect, iid, ResourceType="ANALYTICS_CONNECTOR")] == [CONNECTOR]
    assert _listed(connect, iid, ResourceType="VOICE_PHONE_NUMBER") == []
    page = connect.list_flow_associations(InstanceId=iid, ResourceType="INBOUND_EMAIL", MaxResults=1)
    walked = [a["ResourceId"] for a in page["FlowAssociationSummaryList"]]
    # removed and added between pages: the walk sees what is left, and what was added after it
    connect.disassociate_flow(InstanceId=iid, ResourceId=emails[1], ResourceType="INBOUND_EMAIL")
    late = _email(connect, iid, "late")
    connect.associate_flow(InstanceId=iid, ResourceId=late, FlowId=inbound.id, ResourceType="INBOUND_EMAIL")
    while page.get("NextToken"):
        page = connect.list_flow_associations(
            InstanceId=iid, ResourceType="INBOUND_EMAIL", MaxResults=1, NextToken=page["NextToken"]
        )
        walked += [a["ResourceId"] for a in page["FlowAssociationSummaryList"]]
    assert walked == [emails[0], emails[2], emails[3], late]
    with raises("ResourceNotFoundException", 404):
        _listed(connect, "nope")


def test_batch_get(connect: Any, instance: dict[str, Any], inbound: Any) -> None:
    iid = instance["Id"]
    found = connect.search_available_phone_numbers(InstanceId=iid, PhoneNumberCountryCode="US", PhoneNumberType="DID")
    number = connect.claim_phone_number(InstanceId=iid, PhoneNumber=found["AvailableNumbersList"][0]["PhoneNumber"])
    connect.associate_phone_number_contact_flow(
        PhoneNumberId=number["PhoneNumberId"], InstanceId=iid, ContactFlowId=inbound.id
    )
    connect.associate_flow(
        InstanceId=iid, ResourceId=WHATSAPP, FlowId=inbound.id, ResourceType="WHATSAPP_MESSAGING_PHONE_NUMBER"
    )
    connect.associate_flow(InstanceId=iid, ResourceId=SMS, FlowId=inbound.id, ResourceType="SMS_PHONE_NUMBER")
    voice = {"ResourceId": number["PhoneNumberArn"], "FlowId": inbound.arn, "ResourceType": "VOICE_PHONE_NUMBER"}
    whatsapp = {"ResourceId": WHATSAPP, "FlowId": inbound.arn, "ResourceType": "WHATSAPP_MESSAGING_PHONE_NUMBER"}
    ids = [WHATSAPP, "arn:aws:connect:us-east-1:123456789012:phone-number/none", number["PhoneNumberArn"], WHATSAPP]
    batch = connect.batch_get_flow_association(InstanceId=iid, ResourceIds=ids)["FlowAssociationSummaryList"]
    assert batch == [whatsapp, voice]
    typed = connect.batch_get_flow_association(InstanceId=iid, ResourceIds=ids, ResourceType="VOICE_PHONE_NUMBER")
    assert typed["FlowAssociationSummaryList"] == [voice]
    assert connect.batch_get_flow_association(InstanceId=iid, ResourceIds=[SMS])["FlowAssociationSummaryList"] == []
    with raises("ResourceNotFoundException", 404):
        connect.batch_get_flow_association(InstanceId="nope", ResourceIds=ids)


def test_requests_are_authorized_on_the_instance() -> None:
    from moto_connect_ext.connect.responses import ConnectResponse
    from moto_connect_ext.core.caller import Caller

    caller = Caller(ACCOUNT, "us-east-1", "aws")
    request = {"InstanceId": "i", "ResourceId": SMS, "ResourceType": "SMS_PHONE_NUMBER", "FlowId": "f"}
    for operation in ("AssociateFlow", "GetFlowAssociation", "DisassociateFlow"):
        assert (
            ConnectResponse.iam_resource(operation, request, caller)
            == f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/i"
        )
    # an association is no resource of its own: requests naming a queue still name the queue
    queue = ConnectResponse.iam_resource("DescribeQueue", {"InstanceId": "i", "QueueId": "q"}, caller)
    assert queue == f"arn:aws:connect:us-east-1:{ACCOUNT}:instance/i/queue/q"


def test_flow_associations_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect")
    iid = new_instance(connect, "served")["Id"]
    # the server runs in this process: its backend is at hand
    flow = flow_of_type(get_backend("connect")[ACCOUNT]["us-east-1"], iid, "CONTACT_FLOW")
    connect.associate_flow(InstanceId=iid, ResourceId=SMS, FlowId=flow.arn, ResourceType="SMS_PHONE_NUMBER")
    got = connect.get_flow_association(InstanceId=iid, ResourceId=SMS, ResourceType="SMS_PHONE_NUMBER")
    assert (got["ResourceId"], got["FlowId"]) == (SMS, flow.arn)
    connect.disassociate_flow(InstanceId=iid, ResourceId=SMS, ResourceType="SMS_PHONE_NUMBER")
    with raises("ResourceNotFoundException", 404, match="No flow is associated"):
        connect.get_flow_association(InstanceId=iid, ResourceId=SMS, ResourceType="SMS_PHONE_NUMBER")
