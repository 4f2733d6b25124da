"""Prompts, declared on the resource layer, and the audio files they are made from.

A prompt is made from a ``.wav`` file in S3, named by ``S3Uri``: ``s3://bucket/key``
or a virtual-hosted ``https://bucket.s3.region.amazonaws.com/key`` URL (such as the
pre-signed URL GetPromptFile returns).  The object must exist in moto's S3 in the
caller's account and be a RIFF/WAVE file of less than 50 MB and less than five
minutes (Administrator Guide, "Create prompts" and "Flow block: Play prompt"); the
8 kHz, mono, U-Law encoding AWS recommends is not required (AWS documents that
other encodings are accepted but do not play correctly).  Prompt names are unique
per instance; an instance has at most 500 prompts (Connect quotas).
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from moto.s3.exceptions import MissingBucket
from moto.s3.models import s3_backends

from ..core.caller import Caller
from ..core.clock import now
from ..core.resources import Container, Quota, Resource, Resources, ResourceType
from .exceptions import InvalidParameterException

#: prompts per instance (Connect quotas; adjustable at AWS)
PROMPTS_PER_INSTANCE = 500
#: a prompt's file must be smaller than this (bytes)
MAX_PROMPT_BYTES = 50 * 1024 * 1024
#: and shorter than this (seconds)
MAX_PROMPT_SECONDS = 5 * 60
#: how long GetPromptFile's URL is valid (seconds)
URL_EXPIRES = 3600

#: the host of a virtual-hosted S3 URL: bucket, then Region
_S3_HOST = re.compile(r"^(?P<bucket>.+)\.s3\.(?P<region>[^.]+)\.amazonaws\.com$")


# -- WAV files -------------------------------------------------------------------------
@dataclass(frozen=True)
class WavInfo:
    """What a WAV file's header says about its audio."""

    audio_format: int
    channels: int
    sample_rate: int
    bits_per_sample: int
    seconds: float


def wav_info(data: bytes) -> WavInfo:
    """The audio a RIFF/WAVE file holds, from its ``fmt `` and ``data`` chunks.

    Raises ``ValueError`` (saying why) for anything that is not a WAV file."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("it is not a RIFF/WAVE file")
    fmt: tuple[int, ...] | None = None
    data_bytes: int | None = None
    position = 12
    while position + 8 <= len(data) and (fmt is None or data_bytes is None):
        chunk, size = data[position : position + 4], int.from_bytes(data[position + 4 : position + 8], "little")
        body = position + 8
        if chunk == b"fmt ":
            if size < 16 or body + 16 > len(data):
                raise ValueError("its fmt chunk is truncated")
            fmt = struct.unpack("<HHIIHH", data[body : body + 16])
        elif chunk == b"data":
            data_bytes = min(size, len(data) - body)
        position = body + size + (size & 1)
    if fmt is None:
        raise ValueError("it has no fmt chunk")
    if data_bytes is None:
        raise ValueError("it has no data chunk")
    audio_format, channels, sample_rate, byte_rate, _block_align, bits = fmt
    if not channels or not sample_rate:
        raise ValueError("its fmt chunk gives no channels or sample rate")
    byte_rate = byte_rate or sample_rate * channels * bits // 8
    if not byte_rate:
        raise ValueError("its fmt chunk gives no byte rate")
    return WavInfo(audio_format, channels, sample_rate, bits, data_bytes / byte_rate)


# -- where a prompt's file is ----------------------------------------------------------
@dataclass(frozen=True)
class PromptSource:
    """The S3 object a prompt was made from."""

    bucket: str
    key: str
    region: str


def parse_s3_uri(uri: str) -> tuple[str, str] | None:
    """(bucket, key) of an ``s3://`` URI or a virtual-hosted S3 URL, or None."""
    if uri.startswith("s3://"):
        bucket, _, key = uri[len("s3://") :].partition("/")
    elif uri.startswith("https://"):
        try:
            parts = urlsplit(uri)
        except ValueError:  # not a URL at all (an unclosed IPv6 bracket...)
            return None
        match = _S3_HOST.match(parts.hostname or "")
        if match is None:
            return None
        bucket, key = match["bucket"], unquote(parts.path[1:])
    else:
        return None
    return (bucket, key) if bucket and key else None


def prompt_source(uri: str, caller: Caller) -> PromptSource:
    """The S3 object ``uri`` names, checked to be a prompt file AWS takes."""
    parsed = parse_s3_uri(uri)
    if parsed is None:
        raise InvalidParameterException(f"S3Uri {uri!r} is not an S3 URI (s3://bucket/key) or an S3 URL")
    bucket_name, key_name = parsed
    backend = s3_backends[caller.account_id][caller.partition]
    try:
        bucket = backend.get_bucket(bucket_name)
    except MissingBucket:
        raise InvalidParameterException(f"S3Uri {uri!r}: the bucket {bucket_name} does not exist") from None
    key = backend.get_object(bucket_name, key_name)
    if key is None:
        raise InvalidParameterException(f"S3Uri {uri!r}: the bucket {bucket_name} has no object {key_name}")
    if key.size >= MAX_PROMPT_BYTES:
        raise InvalidParameterException(f"S3Uri {uri!r}: a prompt file must be smaller than 50 MB")
    try:
        info = wav_info(key.value)
    except ValueError as error:
        raise InvalidParameterException(f"S3Uri {uri!r}: prompts are .wav files and {error}") from None
    if info.seconds >= MAX_PROMPT_SECONDS:
        raise InvalidParameterException(f"S3Uri {uri!r}: a prompt must be shorter than five minutes")
    return PromptSource(bucket_name, key_name, bucket.region_name)


# -- the resource ----------------------------------------------------------------------
PROMPT = ResourceType(
    kind="prompt",
    unique_name=True,
    quota=Quota.most(lambda: PROMPTS_PER_INSTANCE, "prompts", "LimitExceededException"),
)

#: the attribute holding a prompt's ``PromptSource`` (AWS's default prompts have none)
SOURCE = "_Source"

#: the prompts every new instance has (Connect's library of audio prompts)
DEFAULT_PROMPTS = (
    "Beep.wav",
    "CustomerHold.wav",
    "CustomerQueue.wav",
    "Music_Jazz_MyTimetoFly_Inst.wav",
    "Music_Pop_ThisAndThatIsLife_Inst.wav",
    "Music_Pop_ThrowYourselfInFrontOfIt_Inst.wav",
    "Music_Rock_EverywhereTheSunShines_Inst.wav",
)


def presigned_url(prompt: Resource, region: str) -> str:
    """A pre-signed-looking URL to the prompt's file (Connect's own copy for its default prompts)."""
    source: PromptSource | None = prompt.attrs.get(SOURCE)
    if source is None:
        source = PromptSource(f"amazon-connect-prompts-{region}", f"{prompt.root_id}/{prompt.id}.wav", region)
    return presigned_s3_url(source, prompt.arn)


def presigned_s3_url(
    source: PromptSource,
    signer: str,
    expires: int = URL_EXPIRES,
    signed_headers: str = "host",
    query: Mapping[str, str] | None = None,
) -> str:
    """A pre-signed-looking (SigV4 query string) URL to an S3 object, its access key derived from
    ``signer`` (the ARN of what it is for); ``query`` adds parameters (``response-content-disposition``)."""
    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    host = f"{source.bucket}.s3.{source.region}.amazonaws.com"
    path = quote(source.key, safe="/~")
    digest = hashlib.sha256(f"{host}/{path}{stamp}".encode()).hexdigest()
    access_key = "ASIA" + hashlib.sha256(signer.encode()).hexdigest()[:16].upper()
    query_string = "&".join(
        (
            *(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in sorted((query or {}).items())),
            "X-Amz-Algorithm=AWS4-HMAC-SHA256",
            f"X-Amz-Date={stamp}",
            f"X-Amz-SignedHeaders={quote(signed_headers, safe='')}",
            f"X-Amz-Expires={expires}",
            f"X-Amz-Credential={access_key}%2F{stamp[:8]}%2F{source.region}%2Fs3%2Faws4_request",
            f"X-Amz-Signature={digest}",
        )
    )
    return f"https://{host}/{path}?{query_string}"


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    """Connect's library of audio prompts (their files are Connect's, not the customer's)."""
    for name in DEFAULT_PROMPTS:
        resources.create(PROMPT, instance, {"Name": name}, caller)
