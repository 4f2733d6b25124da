"""Unit tests of routing and error serialization, straight from the models."""

from __future__ import annotations

import json

from moto_connect_ext.core.errors import ResourceNotFoundException, ServiceError, ValidationError
from moto_connect_ext.core.protocol import ServiceProtocol


def test_routes_resolve_by_method_and_path() -> None:
    proto = ServiceProtocol("connectcases")
    assert proto.resolve("POST", "/domains/d1/cases/c1")[0] == "GetCase"  # type: ignore[index]
    assert proto.resolve("POST", "/domains/d1/cases-search")[0] == "SearchCases"  # type: ignore[index]
    assert proto.resolve("POST", "/domains/d1/cases")[0] == "CreateCase"  # type: ignore[index]
    # a trailing slash is optional either way
    assert proto.resolve("POST", "/domains/d1/cases/c1/related-items/")[0] == "CreateRelatedItem"  # type: ignore[index]
    assert proto.resolve("POST", "/domains/d1/cases/c1/related-items")[0] == "CreateRelatedItem"  # type: ignore[index]
    assert proto.resolve("POST", "/domains-list/")[0] == "ListDomains"  # type: ignore[index]
    assert proto.resolve("PATCH", "/domains/d1") is None
    assert proto.resolve("POST", "/nothing/here") is None


def test_uri_labels_are_captured() -> None:
    proto = ServiceProtocol("connect")
    name, match = proto.resolve("GET", "/instance/abc/attribute/EARLY_MEDIA")  # type: ignore[misc]
    assert name == "DescribeInstanceAttribute"
    plan = proto.plan(name)
    params = plan.parse(match, "", {}, b"")
    assert params == {"InstanceId": "abc", "AttributeType": "EARLY_MEDIA"}


def test_encoded_arn_in_a_path_segment() -> None:
    proto = ServiceProtocol("connect")
    name, match = proto.resolve("GET", "/tags/arn%3Aaws%3Aconnect%3Aus-east-1%3A1%3Ainstance%2Fabc")  # type: ignore[misc]
    assert name == "ListTagsForResource"
    assert proto.plan(name).parse(match, "", {}, b"") == {"resourceArn": "arn:aws:connect:us-east-1:1:instance/abc"}


def test_query_list_and_integer_members() -> None:
    proto = ServiceProtocol("connect")
    name, match = proto.resolve("DELETE", "/tags/arn")  # type: ignore[misc]
    params = proto.plan(name).parse(match, "tagKeys=a&tagKeys=b", {}, b"")
    assert params["tagKeys"] == ["a", "b"]
    name, match = proto.resolve("GET", "/instance")  # type: ignore[misc]
    try:
        proto.plan(name).parse(match, "maxResults=ten", {}, b"")
    except ValidationError as error:
        assert "Member must be an integer" in error.message
    else:  # pragma: no cover
        raise AssertionError("expected a validation error")


def test_malformed_json_is_a_validation_error() -> None:
    proto = ServiceProtocol("connect")
    name, match = proto.resolve("PUT", "/instance")  # type: ignore[misc]
    for body in (b"{not json", b"[1, 2]", b'"text"'):
        try:
            proto.plan(name).parse(match, "", {}, body)
        except ValidationError:
            pass
        else:  # pragma: no cover
            raise AssertionError(body)


def test_error_bodies_follow_each_service_shape() -> None:
    cases = ServiceProtocol("connectcases")
    status, headers, body = cases.serialize_error(
        ResourceNotFoundException("no domain", resourceId="d1", resourceType="Domain"), None
    )
    assert status == 404 and headers["x-amzn-ErrorType"] == "ResourceNotFoundException"
    assert json.loads(body) == {"message": "no domain", "resourceId": "d1", "resourceType": "Domain"}
    connect = ServiceProtocol("connect", ("InvalidParameterException", "InvalidRequestException"))
    status, headers, body = connect.serialize_error(ResourceNotFoundException("gone"), None)
    assert (status, json.loads(body)) == (404, {"Message": "gone"})


def test_validation_error_takes_the_operation_modeled_name() -> None:
    connect = ServiceProtocol("connect", ("InvalidParameterException", "InvalidRequestException"))
    with_param = connect.plan("DescribeInstanceAttribute")
    without = connect.plan("CreateInstance")
    assert (
        connect.serialize_error(ValidationError("x"), with_param)[1]["x-amzn-ErrorType"] == "InvalidParameterException"
    )
    assert connect.serialize_error(ValidationError("x"), without)[1]["x-amzn-ErrorType"] == "InvalidRequestException"
    campaigns = ServiceProtocol("connectcampaignsv2")
    status, headers, _ = campaigns.serialize_error(ValidationError("x"), campaigns.plan("CreateCampaign"))
    assert (status, headers["x-amzn-ErrorType"]) == (400, "ValidationException")


def test_unmodeled_error_names_still_serialize() -> None:
    status, _, body = ServiceProtocol("connect").serialize_error(ServiceError("odd"), None)
    assert status == 400 and json.loads(body) == {"message": "odd"}


def test_an_error_the_operation_does_not_model_is_answered_as_its_first_modeled_alternative() -> None:
    connect = ServiceProtocol("connect", ("InvalidParameterException", "InvalidRequestException"))
    taken = ServiceError("A prompt with the name Hold already exists")
    taken.code = "DuplicateResourceException"
    taken.instead = ("ConflictException", "InvalidParameterException")

    def answered(operation: str) -> tuple[int, str]:
        status, headers, _ = connect.serialize_error(taken, connect.plan(operation))
        return status, headers["x-amzn-ErrorType"]

    assert answered("CreatePrompt") == (409, "DuplicateResourceException")  # modeled: kept
    assert answered("UpdatePrompt") == (400, "InvalidParameterException")
    assert answered("UpdateDataTableAttribute") == (409, "ConflictException")
    plain = ServiceError("odd")
    plain.code = "DuplicateResourceException"  # no alternatives: answered as raised
    assert connect.serialize_error(plain, connect.plan("UpdatePrompt"))[1]["x-amzn-ErrorType"] == plain.code


def test_epoch_times_are_whole_milliseconds_cut_as_iso_times_are() -> None:
    import datetime as dt

    from moto_connect_ext.core.protocol import _epoch, _iso8601

    utc = dt.timezone.utc
    late = dt.datetime(2026, 12, 1, 7, 35, 8, 644999, tzinfo=utc)
    assert _epoch(late) == 1796110508.644  # cut, not rounded up to .645
    assert _iso8601(late).endswith("08.644Z")
    assert _epoch(dt.datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=utc)) == -0.5
    assert _epoch(dt.datetime(1970, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=2)))) == -7200.0
    naive = dt.datetime(2026, 12, 1, 7, 35, 8, 644000)  # a naive time is local, as timestamp() reads it
    assert _epoch(naive) == naive.timestamp()
