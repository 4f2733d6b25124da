"""Prompts through boto3 (files in moto's S3), the WAV reader, and the family in server mode."""

from __future__ import annotations

import io
import struct
import urllib.parse
import wave
from typing import Any

import pytest

from moto_connect_ext.connect import prompts
from moto_connect_ext.connect.prompts import PROMPT, parse_s3_uri, wav_info
from moto_connect_ext.core.caller import Caller
from tests.helpers import new_instance, raises
from tests.servers import server_client

BUCKET = "prompt-files"


def wav(seconds: float = 0.5, rate: int = 8000, channels: int = 1, width: int = 1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(b"\x80" * int(rate * seconds) * channels * width)
    return buffer.getvalue()


def chunk(name: bytes, body: bytes) -> bytes:
    return name + struct.pack("<I", len(body)) + body + (b"\x00" if len(body) % 2 else b"")


def riff(*chunks: bytes) -> bytes:
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


#: U-Law (format 7), mono, 8 kHz: 8,000 bytes a second
ULAW_FMT = chunk(b"fmt ", struct.pack("<HHIIHH", 7, 1, 8000, 8000, 1, 8))


@pytest.fixture
def s3(moto_connect: Any) -> Any:
    client = moto_connect.client("s3")
    client.create_bucket(Bucket=BUCKET)
    files = {
        "hello.wav": wav(),
        "other.wav": wav(rate=16000, channels=2, width=2),
        "folder/u law.wav": riff(chunk(b"LIST", b"odd"), ULAW_FMT, chunk(b"data", b"\xff" * 800)),
        "notes.txt": b"not audio",
        # one byte a second: 300 bytes of audio last five minutes
        "long.wav": riff(chunk(b"fmt ", struct.pack("<HHIIHH", 1, 1, 1, 1, 1, 8)), chunk(b"data", b"\x80" * 300)),
    }
    for key, body in files.items():
        client.put_object(Bucket=BUCKET, Key=key, Body=body)
    return client


@pytest.fixture
def iid(instance: dict[str, Any], s3: Any) -> str:
    return str(instance["Id"])


def _create(connect: Any, iid: str, name: str, key: str = "hello.wav", **kw: Any) -> dict[str, Any]:
    return dict(connect.create_prompt(InstanceId=iid, Name=name, S3Uri=f"s3://{BUCKET}/{key}", **kw))


def _ids(connect: Any, iid: str) -> list[str]:
    return [p["Id"] for p in connect.list_prompts(InstanceId=iid)["PromptSummaryList"]]


def test_round_trip(connect: Any, iid: str) -> None:
    before = _ids(connect, iid)
    created = _create(connect, iid, "Greeting", Description="Welcome message", Tags={"team": "ivr"})
    pid, arn = created["PromptId"], created["PromptARN"]
    assert arn == f"arn:aws:connect:us-east-1:123456789012:instance/{iid}/prompt/{pid}"
    described = dict(connect.describe_prompt(InstanceId=iid, PromptId=pid)["Prompt"])
    stamp = described.pop("LastModifiedTime")
    assert described == {
        "PromptARN": arn,
        "PromptId": pid,
        "Name": "Greeting",
        "Description": "Welcome message",
        "Tags": {"team": "ivr"},
        "LastModifiedRegion": "us-east-1",
    }
    assert _ids(connect, iid) == [*before, pid]
    summary = connect.list_prompts(InstanceId=iid)["PromptSummaryList"][-1]
    assert summary == {
        "Id": pid,
        "Arn": arn,
        "Name": "Greeting",
        "LastModifiedTime": stamp,
        "LastModifiedRegion": "us-east-1",
    }
    answer = connect.update_prompt(
        InstanceId=iid, PromptId=pid, Name="Hello", Description="Shorter", S3Uri=f"s3://{BUCKET}/other.wav"
    )
    assert (answer["PromptARN"], answer["PromptId"]) == (arn, pid)
    updated = connect.describe_prompt(InstanceId=iid, PromptId=arn)["Prompt"]
    assert (updated["Name"], updated["Description"]) == ("Hello", "Shorter")
    assert updated["LastModifiedTime"] > stamp
    connect.update_prompt(InstanceId=iid, PromptId=pid, Description="Only the description")
    assert connect.describe_prompt(InstanceId=iid, PromptId=pid)["Prompt"]["Name"] == "Hello"
    connect.delete_prompt(InstanceId=iid, PromptId=pid)
    assert _ids(connect, iid) == before
    with raises("ResourceNotFoundException", 404):
        connect.describe_prompt(InstanceId=iid, PromptId=pid)
    with raises("ResourceNotFoundException", 404):
        connect.list_tags_for_resource(resourceArn=arn)


def test_prompt_file(connect: Any, iid: str) -> None:
    pid = _create(connect, iid, "Spaced", key="folder/u law.wav")["PromptId"]
    answer = connect.get_prompt_file(InstanceId=iid, PromptId=pid)
    described = connect.describe_prompt(InstanceId=iid, PromptId=pid)["Prompt"]
    assert answer["LastModifiedTime"] == described["LastModifiedTime"]
    assert answer["LastModifiedRegion"] == "us-east-1"
    url = urllib.parse.urlsplit(answer["PromptPresignedUrl"])
    assert (url.scheme, url.hostname, url.path) == (
        "https",
        f"{BUCKET}.s3.us-east-1.amazonaws.com",
        "/folder/u%20law.wav",
    )
    query = urllib.parse.parse_qs(url.query)
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"] and len(query["X-Amz-Signature"][0]) == 64
    assert query["X-Amz-Credential"][0].endswith("/us-east-1/s3/aws4_request")
    # the URL is accepted where an S3 URI is
    again = connect.create_prompt(InstanceId=iid, Name="From URL", S3Uri=answer["PromptPresignedUrl"])
    assert again["PromptId"] != pid
    with raises("ResourceNotFoundException", 404):
        connect.get_prompt_file(InstanceId=iid, PromptId="missing")


def test_names_are_unique(connect: Any, iid: str) -> None:
    first = _create(connect, iid, "Hold")["PromptId"]
    second = _create(connect, iid, "hold")["PromptId"]  # another name: compared as given
    with raises("DuplicateResourceException", 409, match="Hold"):
        _create(connect, iid, "Hold")
    # UpdatePrompt models no duplicate error: a taken name is a bad parameter
    with raises("InvalidParameterException", 400, match="Hold"):
        connect.update_prompt(InstanceId=iid, PromptId=second, Name="Hold")
    assert connect.describe_prompt(InstanceId=iid, PromptId=second)["Prompt"]["Name"] == "hold"
    connect.update_prompt(InstanceId=iid, PromptId=first, Name="Hold")  # its own name


BAD_FILES = [
    ("s3://missing-bucket/hello.wav", "bucket missing-bucket does not exist"),
    (f"s3://{BUCKET}/missing.wav", "has no object missing.wav"),
    (f"s3://{BUCKET}/notes.txt", "not a RIFF/WAVE file"),
    (f"s3://{BUCKET}/long.wav", "shorter than five minutes"),
    (f"https://{BUCKET}.s3.us-east-1.amazonaws.com/missing.wav?X-Amz-Expires=1", "has no object missing.wav"),
    ("https://example.com/hello.wav", "s3Uri"),  # the model's pattern
]


def test_the_file_must_be_a_prompt_file(connect: Any, iid: str) -> None:
    pid = _create(connect, iid, "Good")["PromptId"]
    before = _ids(connect, iid)
    for uri, match in BAD_FILES:
        with raises("InvalidParameterException", 400, match=match):
            connect.create_prompt(InstanceId=iid, Name="Bad", S3Uri=uri)
        with raises("InvalidParameterException", 400, match=match):
            connect.update_prompt(InstanceId=iid, PromptId=pid, Name="Renamed", S3Uri=uri)
    assert connect.describe_prompt(InstanceId=iid, PromptId=pid)["Prompt"]["Name"] == "Good"
    assert _ids(connect, iid) == before


def test_size_and_count_limits(connect: Any, iid: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prompts, "MAX_PROMPT_BYTES", len(wav()))
    with raises("InvalidParameterException", 400, match="smaller than 50 MB"):
        _create(connect, iid, "Too big")
    monkeypatch.undo()
    monkeypatch.setattr(prompts, "PROMPTS_PER_INSTANCE", len(_ids(connect, iid)) + 1)
    last = _create(connect, iid, "Last one")["PromptId"]
    with raises("LimitExceededException", 429, match="prompts"):
        _create(connect, iid, "One too many")
    connect.delete_prompt(InstanceId=iid, PromptId=last)
    _create(connect, iid, "One too many")


def test_unknown_instance(connect: Any, iid: str) -> None:
    # CreatePrompt models no ResourceNotFoundException: the instance is a bad parameter
    with raises("InvalidParameterException", 400, match="Instance not found"):
        connect.create_prompt(InstanceId="no-such-instance", Name="x", S3Uri=f"s3://{BUCKET}/hello.wav")
    for call in (connect.list_prompts, connect.search_prompts):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId="no-such-instance")
    for call in (connect.describe_prompt, connect.delete_prompt, connect.get_prompt_file, connect.update_prompt):
        with raises("ResourceNotFoundException", 404):
            call(InstanceId=iid, PromptId="missing")


def test_list_pages_stay_stable(connect: Any, iid: str) -> None:
    mine = [_create(connect, iid, f"p{i}")["PromptId"] for i in range(4)]
    seen: list[str] = []
    token = None
    late = None
    while True:
        kw = {"NextToken": token} if token else {}
        page = connect.list_prompts(InstanceId=iid, MaxResults=1, **kw)
        assert len(page["PromptSummaryList"]) <= 1
        seen += [p["Id"] for p in page["PromptSummaryList"]]
        if seen and seen[-1] == mine[1]:
            connect.delete_prompt(InstanceId=iid, PromptId=mine[2])
            late = _create(connect, iid, "late")["PromptId"]
        token = page.get("NextToken")
        if not token:
            break
    assert [p for p in seen if p in {*mine, late}] == [mine[0], mine[1], mine[3], late]


def test_search(connect: Any, iid: str) -> None:
    a = _create(connect, iid, "Queue music", Description="jazz", Tags={"team": "a"})["PromptId"]
    b = _create(connect, iid, "Queue message", Description="spoken", Tags={"team": "b", "env": "prod"})["PromptId"]
    c = _create(connect, iid, "Closed", Tags={"team": "a"})["PromptId"]

    def search(criteria: dict[str, Any] | None = None, tags: dict[str, Any] | None = None) -> tuple[set[str], int]:
        request: dict[str, Any] = {}
        if criteria is not None:
            request["SearchCriteria"] = criteria
        if tags is not None:
            request["SearchFilter"] = {"TagFilter": tags}
        found = connect.search_prompts(InstanceId=iid, **request)
        ids = {p["PromptId"] for p in found["Prompts"]} & {a, b, c}
        return ids, found["ApproximateTotalCount"]

    def condition(field: str, value: str, comparison: str) -> dict[str, Any]:
        return {"StringCondition": {"FieldName": field, "Value": value, "ComparisonType": comparison}}

    assert search(condition("name", "Closed", "EXACT")) == ({c}, 1)
    assert search(condition("name", "queue", "STARTS_WITH")) == ({a, b}, 2)
    assert search(condition("description", "AZ", "CONTAINS")) == ({a}, 1)
    assert search(condition("resourceID", b, "EXACT")) == ({b}, 1)
    ors = {"OrConditions": [condition("name", "Closed", "EXACT"), condition("description", "spoken", "EXACT")]}
    assert search(ors) == ({b, c}, 2)
    ands = {"AndConditions": [condition("name", "Queue", "STARTS_WITH"), condition("name", "music", "CONTAINS")]}
    assert search(ands) == ({a}, 1)
    assert search(tags={"TagCondition": {"TagKey": "team", "TagValue": "a"}}) == ({a, c}, 2)
    assert search(tags={"AndConditions": [{"TagKey": "team"}, {"TagKey": "env"}]}) == ({b}, 1)
    assert search(
        condition("name", "Queue", "STARTS_WITH"), {"OrConditions": [[{"TagKey": "env", "TagValue": "prod"}]]}
    ) == ({b}, 1)
    page = connect.search_prompts(
        InstanceId=iid, SearchCriteria=condition("name", "Queue", "STARTS_WITH"), MaxResults=1
    )
    assert len(page["Prompts"]) == 1 and page["NextToken"] and page["ApproximateTotalCount"] == 2
    with raises("InvalidParameterException", 400, match="supported fields"):
        search(condition("type", "x", "EXACT"))


def test_tags(connect: Any, iid: str) -> None:
    arn = _create(connect, iid, "Tagged", Tags={"a": "1"})["PromptARN"]
    connect.tag_resource(resourceArn=arn, tags={"b": "2"})
    connect.untag_resource(resourceArn=arn, tagKeys=["a"])
    assert connect.list_tags_for_resource(resourceArn=arn)["tags"] == {"b": "2"}
    assert connect.describe_prompt(InstanceId=iid, PromptId=arn)["Prompt"]["Tags"] == {"b": "2"}


def test_prompts_without_a_file_of_the_customer(moto_connect: Any, connect: Any, iid: str) -> None:
    """Connect's own prompts (an instance's defaults) have a file in Connect's storage."""
    backend = moto_connect.backend("connect")
    caller = Caller("123456789012", "us-east-1", "aws")
    own = backend.resources.create(PROMPT, backend.instance(iid), {"Name": "Beep (own)"}, caller)
    url = connect.get_prompt_file(InstanceId=iid, PromptId=own.id)["PromptPresignedUrl"]
    assert url.startswith(f"https://amazon-connect-prompts-us-east-1.s3.us-east-1.amazonaws.com/{iid}/{own.id}.wav?")


# -- the pieces ------------------------------------------------------------------------
def test_wav_info() -> None:
    pcm = wav_info(wav(seconds=2, rate=16000, channels=2, width=2))
    assert (pcm.audio_format, pcm.channels, pcm.sample_rate, pcm.bits_per_sample, pcm.seconds) == (1, 2, 16000, 16, 2)
    ulaw = wav_info(riff(chunk(b"LIST", b"odd"), ULAW_FMT, chunk(b"data", b"\xff" * 4000)))
    assert (ulaw.audio_format, ulaw.sample_rate, ulaw.seconds) == (7, 8000, 0.5)
    # a byte rate of 0 is worked out from the rest; a data chunk cut short counts what is there
    derived = riff(chunk(b"fmt ", struct.pack("<HHIIHH", 1, 1, 8000, 0, 1, 8)), b"data" + struct.pack("<I", 10**6))
    assert wav_info(derived + b"\x80" * 800).seconds == 0.1


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not audio", "not a RIFF/WAVE file"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "not a RIFF/WAVE file"),
        (riff(chunk(b"data", b"\x00" * 8)), "no fmt chunk"),
        (riff(ULAW_FMT), "no data chunk"),
        (riff(b"fmt " + struct.pack("<I", 16) + b"\x07\x00"), "fmt chunk is truncated"),
        (riff(chunk(b"fmt ", struct.pack("<HHIIHH", 1, 0, 8000, 8000, 1, 8)), chunk(b"data", b"")), "no channels"),
        (riff(chunk(b"fmt ", struct.pack("<HHIIHH", 1, 1, 8000, 0, 0, 0)), chunk(b"data", b"")), "no byte rate"),
    ],
)
def test_wav_info_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        wav_info(data)


@pytest.mark.parametrize(
    ("uri", "parsed"),
    [
        ("s3://bucket/key.wav", ("bucket", "key.wav")),
        ("s3://bucket/a/b c.wav", ("bucket", "a/b c.wav")),
        ("https://my.bucket.s3.eu-west-2.amazonaws.com/a/b%20c.wav?X-Amz-Date=1", ("my.bucket", "a/b c.wav")),
        ("s3://bucket/", None),
        ("s3://bucket", None),
        ("https://bucket.s3.us-east-1.amazonaws.com/", None),
        ("https://example.com/key.wav", None),
        ("ftp://bucket/key.wav", None),
        ("https://]bucket.s3.us-east-1.amazonaws.com/key.wav", None),  # not a URL at all: no error
    ],
)
def test_parse_s3_uri(uri: str, parsed: tuple[str, str] | None) -> None:
    assert parse_s3_uri(uri) == parsed


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    """Predefined attributes, prompts and task templates through moto's server."""
    connect = server_client(server, "connect", "eu-west-2")
    s3 = server_client(server, "s3", "eu-west-2")
    s3.create_bucket(Bucket="served-prompts", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    s3.put_object(Bucket="served-prompts", Key="hello.wav", Body=wav())
    iid = new_instance(connect, "served")["Id"]

    connect.create_predefined_attribute(InstanceId=iid, Name="Skill / tier", Values={"StringList": ["a", "b"]})
    described = connect.describe_predefined_attribute(InstanceId=iid, Name="Skill / tier")["PredefinedAttribute"]
    assert described["Values"] == {"StringList": ["a", "b"]} and described["LastModifiedRegion"] == "eu-west-2"

    prompt = connect.create_prompt(InstanceId=iid, Name="Hello", S3Uri="s3://served-prompts/hello.wav")
    url = connect.get_prompt_file(InstanceId=iid, PromptId=prompt["PromptId"])["PromptPresignedUrl"]
    assert url.startswith("https://served-prompts.s3.eu-west-2.amazonaws.com/hello.wav?")
    with raises("InvalidParameterException", 400, match="has no object"):
        connect.create_prompt(InstanceId=iid, Name="Missing", S3Uri="s3://served-prompts/missing.wav")

    template = connect.create_task_template(
        InstanceId=iid,
        Name="Callback",
        Fields=[{"Id": {"Name": "Title"}, "Type": "NAME"}, {"Id": {"Name": "Assign"}, "Type": "QUICK_CONNECT"}],
        Constraints={"RequiredFields": [{"Id": {"Name": "Title"}}]},
    )
    assert connect.get_task_template(InstanceId=iid, TaskTemplateId=template["Id"])["Status"] == "ACTIVE"
    with raises("PropertyValidationException", 400) as info:
        connect.create_task_template(InstanceId=iid, Name="Broken", Fields=[{"Id": {"Name": "Title"}, "Type": "TEXT"}])
    assert {p["Reason"] for p in info.value.response["PropertyList"]} == {"REQUIRED_PROPERTY_MISSING"}
