"""Upload jobs: CSV files of profiles ingested into a domain, declared on the resource layer
(``domains/<domain>/upload-jobs/<job id>``; IDs are 32 hex characters).

CreateUploadJob keeps the field mapping: each field reads a CSV column (``Source``:
``_source.<column>`` or a Handlebars template of them) into a member of the standard profile
(``Target``: ``_profile.<member>``, ``_profile.<address>.<member>`` or
``_profile.Attributes.<name>``), and ``UniqueKey`` names the field that identifies a profile.
``DataExpiry`` defaults to 14 days ("the system default of 2 weeks").

GetUploadJobPath answers a pre-signed-looking S3 URL (SigV4 query string, SSE-C headers signed)
to a bucket of the service's own, ``customer-profiles-uploads-<digest of account and Region>``,
key ``upload-jobs/<domain>/<job id>.csv``, valid for an hour, and the client token (a base64
AES-256 key, the one the SSE-C headers carry).  Where a test creates that bucket in moto's S3
and puts the CSV there, StartUploadJob reads it.

StartUploadJob (a ``CREATED`` job only) reads the file and moves the job through moto's state
manager (model ``customer-profiles::upload-job``, immediate by default): ``IN_PROGRESS`` ->

* ``SUCCEEDED`` when every row is good, and when nothing was uploaded (zero records);
* ``PARTIALLY_SUCCEEDED`` when some rows are bad: no value for the unique key, or a value that
  is not of its field's ``ContentType`` (``EMAIL_ADDRESS``, ``PHONE_NUMBER``, ``NUMBER``);
* ``FAILED`` (``StatusReason`` ``VALIDATION_FAILURE``) when all rows are bad, or the file is
  not a UTF-8 CSV whose header has every column the fields read.

The rows are ingested when the job is seen to succeed (at once with the default progression;
GetUploadJob and ListUploadJobs are the reads of a ``manual`` one), through the profile store:
a row updates the profile its unique key value names (the profile key named after
``UniqueKey``, else the standard key its target derives, such as ``_email``), else creates one
that gets that key.  ``ResultsSummary`` counts created, updated and failed records.
StopUploadJob stops a job that is ``CREATED`` or ``IN_PROGRESS`` (``STOPPED``, nothing ingested).
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, lifecycle, register_transition
from ..core.resources import Resource, Resources
from . import profiles
from .declarations import CREATED_AT, declare, hex_id
from .exceptions import BadRequestException
from .object_types import check_source, check_target
from .profile_operations import PROFILE_OBJECT_TYPE, record_history

UPLOAD_JOB_MODEL = "customer-profiles::upload-job"
register_transition(UPLOAD_JOB_MODEL, "immediate")

CREATED, IN_PROGRESS, STOPPED = "CREATED", "IN_PROGRESS", "STOPPED"
SUCCEEDED, PARTIALLY_SUCCEEDED, FAILED = "SUCCEEDED", "PARTIALLY_SUCCEEDED", "FAILED"
DONE = frozenset({SUCCEEDED, PARTIALLY_SUCCEEDED, FAILED, STOPPED})
#: "If not provided, the system default of 2 weeks is used"
DEFAULT_DATA_EXPIRY = 14
#: how long the upload URL lasts (seconds)
URL_EXPIRES = 3600
_SSE_HEADERS = (
    "host;x-amz-server-side-encryption-customer-algorithm;"
    "x-amz-server-side-encryption-customer-key;x-amz-server-side-encryption-customer-key-md5"
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{6,}$")
_ACCESSOR = re.compile(r"_source\.([A-Za-z0-9_$@.-]+)")
_TEMPLATE = re.compile(r"\{\{\s*_source\.([^{}\s]+)\s*\}\}")

#: internal attributes: the status workflow, the last status seen, the file read at start
LIFECYCLE, SEEN, RUN = "_Lifecycle", "_Seen", "_Run"


#: CREATED until started; then IN_PROGRESS to the outcome the file gives
JobLifecycle = lifecycle(UPLOAD_JOB_MODEL, [(IN_PROGRESS, SUCCEEDED)], initial=CREATED)


@dataclass
class Run:
    """What StartUploadJob read: the good rows (profile changes by unique key value), the bad ones."""

    caller: Caller | None = None
    rows: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    failed: int = 0
    outcome: str = SUCCEEDED
    reason: str | None = None
    summary: dict[str, int] | None = None
    completed: dt.datetime | None = None


def _lifecycle(job: Resource) -> StatefulModel:
    found: StatefulModel = job.attrs[LIFECYCLE]
    return found


def _run(job: Resource) -> Run | None:
    found: Run | None = job.attrs.get(RUN)
    return found


def _shown(job: Resource, member: str) -> Any:
    run = _run(job)
    status = job.attrs.get(SEEN, CREATED)
    if run is None or status not in DONE:
        return None
    if member == "StatusReason":
        return run.reason if status == FAILED else None
    if member == "ResultsSummary":
        return run.summary if status != STOPPED else None
    return run.completed


UPLOAD_JOB = declare(
    "upload-job",
    "Upload job",
    "domains/{parent}/upload-jobs/{id}",
    "JobId",
    defaults={"DataExpiry": DEFAULT_DATA_EXPIRY},
    new_id=hex_id,
    computed={
        "Status": lambda j: j.attrs.get(SEEN, CREATED),
        "StatusReason": lambda j: _shown(j, "StatusReason"),
        "ResultsSummary": lambda j: _shown(j, "ResultsSummary"),
        "CompletedAt": lambda j: _shown(j, "CompletedAt"),
        **CREATED_AT,
    },
)


# -- creation ------------------------------------------------------------------------------
def create(resources: Resources, domain: Resource, caller: Caller, params: dict[str, Any]) -> Resource:
    fields: dict[str, Any] = params["Fields"]
    for name, spec in fields.items():
        if not spec.get("Source") or not spec.get("Target"):
            raise BadRequestException(f"Field {name} must have a Source (a CSV column) and a Target")
        check_source(name, spec["Source"])
        if not spec["Target"].startswith("_profile."):
            raise BadRequestException(f"Field {name}: an upload job's Target is a member of the profile (_profile.)")
        check_target(name, spec["Target"])
    unique = params["UniqueKey"]
    if unique not in fields:
        raise BadRequestException(f"UniqueKey {unique} must name one of the Fields")
    attrs = {
        "DisplayName": params["DisplayName"],
        "Fields": fields,
        "UniqueKey": unique,
        LIFECYCLE: JobLifecycle(),
        SEEN: CREATED,
    }
    if params.get("DataExpiry") is not None:
        attrs["DataExpiry"] = params["DataExpiry"]
    return resources.create(UPLOAD_JOB, domain, attrs, caller)


# -- the upload path -----------------------------------------------------------------------
def location(job: Resource, caller: Caller) -> tuple[str, str]:
    """(bucket, key) of the job's CSV in the service's own bucket."""
    digest = hashlib.sha256(f"{caller.account_id}/{caller.region}".encode()).hexdigest()[:12]
    return f"customer-profiles-uploads-{digest}", f"upload-jobs/{job.parent.id}/{job.id}.csv"


def client_token(job: Resource) -> str:
    """The SSE-C key the upload is encrypted with (AES-256, base64)."""
    return base64.b64encode(hashlib.sha256(f"upload-key/{job.arn}".encode()).digest()).decode()


def upload_path(job: Resource, caller: Caller) -> dict[str, Any]:
    from ..connect.prompts import PromptSource, presigned_s3_url

    bucket, key = location(job, caller)
    url = presigned_s3_url(PromptSource(bucket, key, caller.region), job.arn, URL_EXPIRES, _SSE_HEADERS)
    return {
        "Url": url,
        "ClientToken": client_token(job),
        "ValidUntil": now() + dt.timedelta(seconds=URL_EXPIRES),
    }


def _uploaded(job: Resource, caller: Caller) -> bytes | None:
    from moto.s3.exceptions import MissingBucket
    from moto.s3.models import s3_backends

    bucket, key = location(job, caller)
    backend = s3_backends[caller.account_id][caller.partition]
    try:
        backend.get_bucket(bucket)
    except MissingBucket:
        return None
    found = backend.get_object(bucket, key)
    return None if found is None else bytes(found.value)


# -- reading the file ----------------------------------------------------------------------
def _columns(source: str) -> list[str]:
    inner = _TEMPLATE.findall(source)
    if inner:
        return list(inner)
    match = _ACCESSOR.fullmatch(source)
    return [match[1]] if match else []


def _value(source: str, row: dict[str, str]) -> str | None:
    if _TEMPLATE.search(source):
        text = _TEMPLATE.sub(lambda m: row.get(m[1]) or "", source).strip()
        return text or None
    columns = _columns(source)
    value = (row.get(columns[0]) or "").strip() if columns else ""
    return value or None


def _good(content: str | None, value: str) -> bool:
    if content == "EMAIL_ADDRESS":
        return bool(_EMAIL.match(value))
    if content == "PHONE_NUMBER":
        return bool(_PHONE.match(value))
    if content == "NUMBER":
        try:
            float(value)
        except ValueError:
            return False
    return True


def _changes(fields: dict[str, Any], row: dict[str, str]) -> dict[str, Any] | None:
    """The profile members a row sets, or None when a value is not of its field's content type
    or, for a member the standard profile keeps as an enum (``Gender``...), not one of its values."""
    changes: dict[str, Any] = {}
    for spec in fields.values():
        value = _value(spec["Source"], row)
        if value is None:
            continue
        if not _good(spec.get("ContentType"), value):
            return None
        member = spec["Target"].removeprefix("_profile.")
        allowed = profiles.ENUM_MEMBERS.get(member)
        if allowed is not None and value not in allowed:
            return None
        head, _, rest = member.partition(".")
        if rest:
            changes.setdefault(head, {})[rest] = value
        else:
            changes[head] = value
    return changes


def read(job: Resource, caller: Caller) -> Run:
    """The uploaded file, checked and turned into profile changes (a run with no rows if none)."""
    run = Run(caller)
    data = _uploaded(job, caller)
    if data is None:
        return run
    fields: dict[str, Any] = job.attrs["Fields"]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        run.outcome, run.reason = FAILED, "VALIDATION_FAILURE"
        return run
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    needed = {c for spec in fields.values() for c in _columns(spec["Source"])}
    if not header or len(set(header)) != len(header) or not needed <= set(header):
        run.outcome, run.reason = FAILED, "VALIDATION_FAILURE"
        run.failed = sum(1 for line in text.splitlines()[1:] if line.strip())
        return run
    unique_spec = fields[job.attrs["UniqueKey"]]
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # a blank line
        key = _value(unique_spec["Source"], row)
        changes = _changes(fields, row)
        if key is None or changes is None or None in row:  # None: more values than the header has columns
            run.failed += 1
        else:
            run.rows.append((key, changes))
    if run.failed:
        run.outcome = PARTIALLY_SUCCEEDED if run.rows else FAILED
        run.reason = None if run.rows else "VALIDATION_FAILURE"
    return run


# -- status --------------------------------------------------------------------------------
def start(resources: Resources, job: Resource, caller: Caller) -> None:
    status = observe(resources, job)
    if status != CREATED:
        raise BadRequestException(f"Upload job {job.id} is {status}: only a CREATED job can be started")
    run = read(job, caller)
    job.attrs[RUN] = run
    _lifecycle(job).reroute([(IN_PROGRESS, run.outcome)], IN_PROGRESS)
    job.attrs[SEEN] = IN_PROGRESS


def stop(resources: Resources, job: Resource) -> None:
    status = observe(resources, job)
    if status not in (CREATED, IN_PROGRESS):
        raise BadRequestException(f"Upload job {job.id} is {status}: only a created or running job can be stopped")
    _lifecycle(job).reroute([], STOPPED)
    run = _run(job) or Run()
    run.completed = now()
    job.attrs[RUN] = run
    job.attrs[SEEN] = STOPPED


def observe(resources: Resources, job: Resource, read_count: bool = False) -> str:
    """The job's status now; the rows are ingested when it is first seen to succeed."""
    status = str(_lifecycle(job).status)
    run = _run(job)
    if run is not None and status in DONE and run.completed is None:
        if status in (SUCCEEDED, PARTIALLY_SUCCEEDED):
            _ingest(resources, job, run)
        else:
            run.summary = {"CreatedRecords": 0, "UpdatedRecords": 0, "FailedRecords": run.failed}
        run.completed = now()
    job.attrs[SEEN] = status
    if read_count:
        _lifecycle(job).advance()
    return status


def _profile_for(domain: Resource, unique: str, target: str, value: str) -> Resource | None:
    found = profiles.find(domain, unique, value)
    if found:
        return found[0]
    member = target.removeprefix("_profile.")
    for key, members in profiles.DERIVED_KEYS.items():
        if member in members:
            derived = profiles.find(domain, key, value)
            if derived:
                return derived[0]
    return None


def _ingest(resources: Resources, job: Resource, run: Run) -> None:
    domain = job.parent
    assert isinstance(domain, Resource) and run.caller is not None
    unique = job.attrs["UniqueKey"]
    target = job.attrs["Fields"][unique]["Target"]
    created = updated = 0
    for value, changes in run.rows:
        profile = _profile_for(domain, unique, target, value)
        if profile is None:
            profile = profiles.create(resources, domain, run.caller, changes)
            created += 1
            action = "CREATED"
        else:
            merged = {
                k: {**(profile.attrs.get(k) or {}), **v} if isinstance(v, dict) else v for k, v in changes.items()
            }
            profiles.update(resources, domain, profile, merged, run.caller)
            updated += 1
            action = "UPDATED"
        profiles.add_keys(domain, profile, unique, [value])
        content = {k: v for k, v in profile.attrs.items() if not k.startswith("_")} | {"ProfileId": profile.id}
        record_history(domain, profile.id, action, PROFILE_OBJECT_TYPE, content, run.caller)
    run.summary = {"CreatedRecords": created, "UpdatedRecords": updated, "FailedRecords": run.failed}
