"""Instance settings: approved origins, security keys, the analytics data lake's data sets and
the attached files configurations.

* **Approved origins** are the web origins allowed to embed the instance's applications: a
  scheme (``http`` or ``https``), a host and an optional port, nothing else (the model's 267
  characters are ``https://``, a 253-character host and ``:65535``).  Compared without regard
  to case, each at most once per instance; at most 100 per instance (Administrator Guide,
  "Feature specifications": a hard limit).
* **Security keys** are PEM public keys (``-----BEGIN PUBLIC KEY-----``) that must parse; each
  at most once per instance (the same key in other line breaks is the same key), and at most
  two per instance (CloudFormation's ``AWS::Connect::SecurityKey`` and "Encrypt sensitive
  customer input": two keys, to rotate them).
* **Analytics data sets** of the data lake (its tables) are shared with an account through AWS
  RAM.  The batch operations work on moto's own store (``analytics_data_associations``, through
  moto's public ``associate_analytics_data_set``/``disassociate_analytics_data_set``), so moto's
  AssociateAnalyticsDataSet and ListAnalyticsDataAssociations see what they do and the other
  way round.  An unknown data set, one already associated or one not associated is an entry of
  the answer's ``Errors``, not an exception.
* **Attached files configurations**, per attachment scope, start as AWS's defaults ("Feature
  specifications": 20 MB and the file types supported for attachments to emails, cases and
  chats) until UpdateAttachedFilesConfiguration sets what it is given.

None of these has an ARN at AWS: they live on the resource layer (under their instance,
dropped with it) and IAM authorizes them on the instance.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from cryptography.hazmat.primitives import serialization

from ..core.caller import Caller
from ..core.errors import ServiceError
from ..core.model import service_model
from ..core.resources import Container, Resource, Resources, ResourceType
from .exceptions import (
    InvalidParameterException,
    ResourceConflictException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
)

# -- approved origins ------------------------------------------------------------------
#: approved origins per instance (Feature specifications; not adjustable)
ORIGINS_PER_INSTANCE = 100

_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)", re.IGNORECASE)

APPROVED_ORIGIN = ResourceType(
    kind="approved-origin",
    id_param="Origin",
    id_names=(),
    has_arn=False,
    name_member="Origin",
    unique_name=True,
    names_ignore_case=True,
    duplicate_code="ResourceConflictException",
    duplicate_message="The origin {name} is already approved for this instance",
)


def check_origin(origin: str) -> None:
    """An origin is a scheme, a host and an optional port: InvalidParameterException otherwise."""

    def bad(why: str) -> InvalidParameterException:
        return InvalidParameterException(f"Origin {origin!r} is not valid: {why}")

    scheme, sep, rest = origin.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        raise bad("it must start with http:// or https://")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if authority != rest:
        raise bad("an origin is a scheme, a host and an optional port, without a path, query or fragment")
    if "@" in authority:
        raise bad("an origin has no user information")
    host, colon, port = authority.rpartition(":") if ":" in authority else (authority, "", "")
    if not host or len(host) > 253 or not all(_LABEL.fullmatch(label) for label in host.split(".")):
        raise bad("its host is not a valid domain name")
    if colon and not (re.fullmatch(r"[0-9]{1,5}", port) and 1 <= int(port) <= 65535):
        raise bad("its port is not a number from 1 to 65535")


def associate_origin(resources: Resources, instance: Container, origin: str, caller: Caller) -> Resource:
    check_origin(origin)
    if origin.lower() not in instance.names(APPROVED_ORIGIN.kind) and (
        len(instance.children(APPROVED_ORIGIN.kind)) >= ORIGINS_PER_INSTANCE
    ):
        raise ServiceQuotaExceededException(
            f"The instance already has {ORIGINS_PER_INSTANCE} approved origins, the most it can have"
        )
    return _created(resources, resources.create(APPROVED_ORIGIN, instance, {"Origin": origin}, caller))


def find_origin(resources: Resources, instance: Container, origin: str) -> Resource:
    found = instance.names(APPROVED_ORIGIN.kind).get(origin.lower())
    resource = resources.find(APPROVED_ORIGIN, instance, found) if found else None
    if resource is None:
        raise ResourceNotFoundException(f"The origin {origin} is not an approved origin of instance {instance.id}")
    return resource


# -- security keys ---------------------------------------------------------------------
#: security keys per instance (two, so that one can be rotated)
KEYS_PER_INSTANCE = 2
#: the attribute holding a key's digest (its DER encoding's): the same key is there once
DIGEST = "_Digest"

SECURITY_KEY = ResourceType(
    kind="security-key",
    id_param="AssociationId",
    has_arn=False,
    name_member=DIGEST,
    unique_name=True,
    duplicate_code="ResourceConflictException",
    duplicate_message="This security key is already associated with the instance",
    computed={"CreationTime": lambda r: r.created_time},
    not_found_error=lambda ident, _parent: ResourceNotFoundException(f"Security key association not found: {ident}"),
)


def key_digest(pem: str) -> str:
    """The SHA-256 of a PEM public key's DER form; InvalidParameterException if it is not one."""
    text = pem.strip()
    if not text.startswith("-----BEGIN PUBLIC KEY-----") and not text.startswith("-----BEGIN RSA PUBLIC KEY-----"):
        raise InvalidParameterException(
            "Key must be a public key in PEM format (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----)"
        )
    try:
        key = serialization.load_pem_public_key(text.encode())
    except (ValueError, TypeError) as error:
        raise InvalidParameterException(f"Key is not a valid PEM public key: {error}") from None
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


def associate_key(resources: Resources, instance: Container, pem: str, caller: Caller) -> Resource:
    digest = key_digest(pem)
    if digest not in instance.names(SECURITY_KEY.kind) and (
        len(instance.children(SECURITY_KEY.kind)) >= KEYS_PER_INSTANCE
    ):
        raise ServiceQuotaExceededException(
            f"The instance already has {KEYS_PER_INSTANCE} security keys, the most it can have; disassociate one first"
        )
    return _created(resources, resources.create(SECURITY_KEY, instance, {"Key": pem, DIGEST: digest}, caller))


def _created(resources: Resources, resource: Resource) -> Resource:
    # AWS gives these no ARN: nothing can be tagged through the one the layer made up
    resources.tags.forget(resource.arn)
    return resource


# -- analytics data lake ---------------------------------------------------------------
#: the data lake's tables (data set ID -> name): Administrator Guide, "Amazon Connect
#: analytics data lake" (contact, agent, contact analytics, flow, bot, forecasting,
#: scheduling, outbound campaign and configuration data; "Data retention" lists them)
DATA_SETS: dict[str, str] = {
    "contact_record": "Contact record",
    "contact_statistic_record": "Contact statistic record",
    "agent_queue_statistic_record": "Agent queue statistic record",
    "agent_statistic_record": "Agent statistic record",
    "contact_evaluation_record": "Contact evaluation record",
    "contact_lens_conversational_analytics": "Contact Lens conversational analytics",
    "contact_flow_events": "Contact flow events",
    "bot_conversations": "Bot conversations",
    "bot_intents": "Bot intents",
    "bot_slots": "Bot slots",
    "outbound_campaign_events": "Outbound campaign events",
    "long_term_forecasts": "Long-term forecasts",
    "short_term_forecasts": "Short-term forecasts",
    "intraday_forecasts": "Intraday forecasts",
    "staff_shifts": "Staff shifts",
    "staff_shift_activities": "Staff shift activities",
    "staff_timeoffs": "Staff time offs",
    "staff_timeoff_intervals": "Staff time off intervals",
    "agent_hierarchy_groups": "Agent hierarchy groups",
    "routing_profiles": "Routing profiles",
    "users": "Users",
}

_ACCOUNT = re.compile(r"[0-9]{12}")


def data_sets() -> list[dict[str, str]]:
    return [{"DataSetId": key, "DataSetName": name} for key, name in DATA_SETS.items()]


def _target(caller: Caller, target_account: str | None) -> str:
    if target_account is None:
        return caller.account_id
    if not _ACCOUNT.fullmatch(target_account):
        raise InvalidParameterException(f"TargetAccountId {target_account!r} is not an AWS account ID (12 digits)")
    return target_account


def _error(code: str, message: str) -> dict[str, str]:
    return {"ErrorCode": code, "ErrorMessage": message}


def associate_data_set(
    backend: Any,
    instance_id: str,
    data_set: str,
    target_account: str | None,
    caller: Caller,
    conflict: type[ServiceError] = ResourceConflictException,
) -> dict[str, str]:
    """One data set associated with the target account (AnalyticsDataAssociationResult), or the
    error (``conflict`` for one already associated: the batch's entry, or the single operation's
    InvalidParameterException)."""
    target = _target(caller, target_account)
    associated = backend.analytics_data_associations.get(instance_id, {})
    if data_set not in DATA_SETS:
        raise ResourceNotFoundException(f"Data set {data_set} is not a data set of the analytics data lake")
    if data_set in associated:
        raise conflict(
            f"Data set {data_set} is already associated with account "
            f"{associated[data_set].target_account_id} for instance {instance_id}"
        )
    result: dict[str, str] = backend.associate_analytics_data_set(
        instance_id=instance_id, data_set_id=data_set, target_account_id=target
    )
    return result


def disassociate_data_set(
    backend: Any, instance_id: str, data_set: str, target_account: str | None, caller: Caller
) -> None:
    """One data set's association with the target account removed, or the error."""
    target = _target(caller, target_account)
    association = backend.analytics_data_associations.get(instance_id, {}).get(data_set)
    if association is None or association.target_account_id != target:
        raise ResourceNotFoundException(
            f"Data set {data_set} is not associated with account {target} for instance {instance_id}"
        )
    backend.disassociate_analytics_data_set(instance_id=instance_id, data_set_id=data_set)


def data_set_associations(backend: Any, instance_id: str, data_set: str | None) -> list[dict[str, str]]:
    """The instance's associations (of one data set), by data set ID."""
    found = backend.analytics_data_associations.get(instance_id, {})
    return [found[key].to_dict() for key in sorted(found) if data_set is None or key == data_set]


def batch_associate(
    backend: Any, instance_id: str, data_set_ids: list[str], target_account: str | None, caller: Caller
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(Created, Errors): each data set associated with the target account, or why not."""
    if not data_set_ids:
        raise InvalidParameterException("DataSetIds must name at least one data set")
    _target(caller, target_account)
    created: list[dict[str, str]] = []
    errors: list[dict[str, str]] = []
    for data_set in data_set_ids:
        try:
            created.append(associate_data_set(backend, instance_id, data_set, target_account, caller))
        except ServiceError as error:
            errors.append(_error(error.code, error.message))
    return created, errors


def batch_disassociate(
    backend: Any, instance_id: str, data_set_ids: list[str], target_account: str | None, caller: Caller
) -> tuple[list[str], list[dict[str, str]]]:
    """(Deleted, Errors): each data set's association with the target account removed, or why not."""
    if not data_set_ids:
        raise InvalidParameterException("DataSetIds must name at least one data set")
    _target(caller, target_account)
    deleted: list[str] = []
    errors: list[dict[str, str]] = []
    for data_set in data_set_ids:
        try:
            disassociate_data_set(backend, instance_id, data_set, target_account, caller)
        except ServiceError as error:
            errors.append(_error(error.code, error.message))
            continue
        deleted.append(data_set)
    return deleted, errors


# -- attached files configurations -----------------------------------------------------
#: the largest attachment by default: 20 MB (Feature specifications)
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: the file types supported for attachments to emails, cases and chats (Feature specifications)
DEFAULT_EXTENSIONS = (
    "csv",
    "doc",
    "docx",
    "heic",
    "jfif",
    "jpeg",
    "jpg",
    "mov",
    "mp4",
    "pdf",
    "png",
    "ppt",
    "pptx",
    "rtf",
    "txt",
    "wav",
    "xls",
    "xlsx",
)
ATTACHED_FILES = ResourceType(
    kind="attached-files-configuration",
    id_param="AttachmentScope",
    id_names=("AttachmentScope",),
    has_arn=False,
    root_id_names=("InstanceId",),
    name_member=None,
)


def attachment_scopes() -> list[str]:
    """Every attachment scope the installed model knows (EMAIL, CHAT, CASE, TASK)."""
    return list(service_model("connect").shape_for("AttachmentScope").enum)


def _defaults() -> dict[str, Any]:
    return {
        "MaximumSizeLimitInBytes": DEFAULT_MAX_BYTES,
        "ExtensionConfiguration": {"AllowedExtensions": [{"Extension": e} for e in DEFAULT_EXTENSIONS]},
    }


def attached_files(instance: Container, scope: str) -> dict[str, Any]:
    """The scope's effective configuration: the instance's own, else AWS's defaults."""
    own = instance.children(ATTACHED_FILES.kind).get(scope)
    out: dict[str, Any] = {"InstanceId": instance.id, "AttachmentScope": scope}
    if own is None:
        return {**out, **_defaults()}
    return {**out, **own.attrs, "LastModifiedTime": own.last_modified_time}


def update_attached_files(
    resources: Resources,
    instance: Container,
    scope: str,
    max_bytes: int | None,
    extensions: dict[str, Any] | None,
    caller: Caller,
) -> dict[str, Any]:
    """Set what the request gives; the rest keeps its current (or default) value."""
    changes: dict[str, Any] = {}
    if max_bytes is not None:
        changes["MaximumSizeLimitInBytes"] = max_bytes
    if extensions is not None:
        allowed = [e["Extension"] for e in extensions["AllowedExtensions"]]
        if not allowed:
            raise InvalidParameterException("AllowedExtensions must name at least one file extension")
        seen: set[str] = set()
        for extension in allowed:
            if extension.lower() in seen:
                raise InvalidParameterException(f"The file extension {extension} is given more than once")
            seen.add(extension.lower())
        changes["ExtensionConfiguration"] = {"AllowedExtensions": [{"Extension": e} for e in allowed]}
    own = instance.children(ATTACHED_FILES.kind).get(scope)
    if own is None:
        own = resources.create(ATTACHED_FILES, instance, {**_defaults(), **changes}, caller, resource_id=scope)
        _created(resources, own)
    else:
        resources.update(own, changes, caller)
        resources.touch(own, caller)  # stamped even when it sets what was there
    return attached_files(instance, scope)
