"""The output side of the request path: wire rendering, the pass-through of an already encoded
structure, the JSON text, and the request readers the fast path uses."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from botocore.awsrequest import AWSPreparedRequest, HeadersDict

from moto_connect_ext.connect.queues import QUEUE
from moto_connect_ext.core.moto_compat import header_reader
from moto_connect_ext.core.protocol import Encoded, OutputShapeError, ServiceProtocol, dump_json, output_compiler
from moto_connect_ext.core.resources import Resource, render, render_wire
from moto_connect_ext.core.responses import _host_region, request_parts
from moto_connect_ext.core.tagging import Tags

WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, 678_000, tzinfo=dt.timezone.utc)


def _queue(**attrs: object) -> tuple[Resource, Tags]:
    instance = SimpleNamespace(id="i-1", root_id="i-1")
    arn = "arn:aws:connect:us-east-1:123456789012:instance/i-1/queue/q-1"
    queue = Resource(QUEUE, "q-1", arn, instance, {"Name": "support", "Status": "ENABLED", **attrs})  # type: ignore[arg-type]
    queue.last_modified_time = WHEN
    queue.last_modified_region = "us-east-1"
    tags = Tags()
    tags.track(arn, {"team": "a"})
    return queue, tags


def test_wire_rendering_is_rendering_then_encoding() -> None:
    queue, tags = _queue(MaxContacts=5, OutboundCallerIdName="Support")
    shape = ServiceProtocol("connect").model.shape_for("Queue")
    expected = output_compiler("connect").encoder(shape)(render(queue, "Queue", tags))
    wire = render_wire(queue, "Queue", tags)
    assert wire == expected
    assert wire["LastModifiedTime"] == 1767323045.678
    assert wire["Tags"] == {"team": "a"}
    assert wire["OutboundCallerConfig"] == {"OutboundCallerIdName": "Support"}
    assert set(wire) <= set(shape.members)
    # the shape's encoder passes it through as it is
    assert output_compiler("connect").encoder(shape)(wire) is wire


@pytest.mark.parametrize(
    ("attrs", "where"),
    [
        ({"Status": "HALF_OPEN"}, "Status"),
        ({"MaxContacts": "five"}, "MaxContacts"),
        ({"Description": 7}, "Description"),
    ],
)
def test_wire_rendering_checks_every_member(attrs: dict[str, object], where: str) -> None:
    queue, tags = _queue(**attrs)
    with pytest.raises(OutputShapeError) as raised:
        render_wire(queue, "Queue", tags)
    assert raised.value.path[0] == where


def test_wire_rendering_refuses_a_missing_required_member() -> None:
    queue, tags = _queue()
    del queue.attrs["Name"]
    # HoursOfOperationsIdentifier requires Name and Id: a queue without a name cannot fill it
    with pytest.raises(OutputShapeError, match="required member 'Name'"):
        render_wire(queue, "HoursOfOperationsIdentifier", tags)


def test_an_encoded_structure_of_another_shape_is_refused() -> None:
    other = Encoded()
    other.shape = "QueueSummary"
    queue_shape = ServiceProtocol("connect").model.shape_for("Queue")
    with pytest.raises(OutputShapeError, match="QueueSummary"):
        output_compiler("connect").encoder(queue_shape)(other)


def test_json_text_is_compact_utf8_and_takes_what_orjson_refuses() -> None:
    assert dump_json({"a": [1, "é"], "b": 1.5}) == '{"a":[1,"é"],"b":1.5}'.encode()
    big = 2**70
    assert json.loads(dump_json({"n": big})) == {"n": big}
    for stray in (WHEN, object()):  # a value no encoder turned into JSON is a bug, as before
        with pytest.raises(TypeError):
            dump_json({"x": stray})


def test_header_reader_reads_botocore_headers_and_any_mapping() -> None:
    read = header_reader("x-moto-account-id")
    headers = HeadersDict({"X-Moto-Account-Id": "111122223333", "Authorization": "AWS4"})
    assert read(headers) == "111122223333"
    assert read(HeadersDict({"Authorization": "AWS4"})) is None
    assert read({"x-moto-account-id": "444455556666"}) == "444455556666"
    assert read({}) is None


@pytest.mark.parametrize(
    ("url", "region"),
    [
        ("https://connect.eu-west-2.amazonaws.com/queues/i/q", "eu-west-2"),
        ("https://connect.eu-west-2.amazonaws.com", "eu-west-2"),
        ("http://localhost:5000/queues/i/q", ""),
        ("https://cases.us-gov-west-1.amazonaws.com/domains?x=1", "us-gov-west-1"),
    ],
)
def test_host_region(url: str, region: str) -> None:
    assert _host_region(url) == region


@pytest.mark.parametrize(
    ("url", "path", "query"),
    [
        ("https://connect.us-east-1.amazonaws.com/queues/i%2Fx/q?a=1&b=", "/queues/i%2Fx/q", "a=1&b="),
        ("https://connect.us-east-1.amazonaws.com/instance", "/instance", ""),
        ("https://connect.us-east-1.amazonaws.com", "/", ""),
        ("http://localhost:5000/?x", "/", "x"),
        ("http://localhost:5000?x=/a", "/", "x=/a"),
    ],
)
def test_botocore_request_parts(url: str, path: str, query: str) -> None:
    request = AWSPreparedRequest("get", url, HeadersDict(), b"{}", None)
    assert request_parts(request, url) == ("GET", path, query, b"{}")


def test_a_recursive_shape_is_encoded_and_built_once_by_concurrent_threads() -> None:
    import threading

    from moto_connect_ext.core.protocol import _OutputCompiler

    section = ServiceProtocol("connect").model.shape_for("EvaluationFormSection")
    nested = {"Title": "outer", "RefId": "s1", "Items": [{"Section": {"Title": "inner", "RefId": "s2", "Items": []}}]}
    compiler = _OutputCompiler()
    start = threading.Barrier(8)
    results: list[object] = []

    def build() -> None:
        start.wait()
        try:
            results.append(compiler.encoder(section)(nested))
        except Exception as error:  # a stand-in seen before its encoder was built
            results.append(error)

    threads = [threading.Thread(target=build) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [nested] * 8
    with pytest.raises(OutputShapeError, match="Items"):
        compiler.encoder(section)({**nested, "Items": [{"Section": {"Title": 3, "RefId": "s2"}}]})


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://connect.us-east-1.amazonaws.com/queues/i?a=/b", "https://connect.us-east-1.amazonaws.com"),
        ("https://connect.us-east-1.amazonaws.com", "https://connect.us-east-1.amazonaws.com"),
        ("http://localhost:5000?x=/a", "http://localhost:5000"),
        ("http://localhost:5000/", "http://localhost:5000"),
    ],
)
def test_host_of(url: str, host: str) -> None:
    from moto_connect_ext.core.fastpath import host_of

    assert host_of(url) == host
