"""Workspaces, their pages, media and assignments, declared on the resource layer.

A workspace (``instance/{root}/workspace/{id}``) maps views to pages of the agent
workspace, with a theme (light and dark palettes, logos, a font) and a visibility
(``ALL``, ``ASSIGNED``, ``NONE``; a new workspace is visible to no one until it is
made visible).  Its name is unique per instance; its description has at most 250
characters (API Reference, CreateWorkspace).

* **Pages** (children of the workspace, found by their ``Page`` name, unique per
  workspace): a system page (``HOME``, ``AGENT_EXPERIENCE``) or a custom page, whose
  name cannot start with ``aws:`` or ``connect:``; an instance has at most 17 custom
  pages (Administrator Guide, "Set up workspaces").  A page shows a view: its
  ``ResourceArn`` is the ARN of an existing view of the same instance
  (``instance/{id}/view/{viewId}[:qualifier]``) or of an AWS managed view
  (``arn:aws:connect:{region}:aws:view/{name}``), with a version that exists.
  Slugs are unique per workspace; ``InputData`` is a JSON object.  A view (or the version)
  a page shows cannot be deleted (``views.delete``).
* **Media** (children of the workspace, one per ``MediaType``; importing again
  replaces it): an S3 (pre-signed) URL to an object in moto's S3, or base64 data
  (optionally a ``data:`` URL), holding a PNG, JPEG, GIF, WebP, SVG or ICO image of
  at most 400,000 bytes (what the longest base64 ``MediaSource`` holds).
* **Assignments** (``workspace-association``, resources of the instance): users and
  routing profiles of the instance (API Reference, AssociateWorkspace), each
  assigned once; per-ARN failures are reported with an HTTP-like code.  Deleting a
  workspace removes its pages, media and assignments.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable
from typing import Any

from moto.s3.exceptions import MissingBucket
from moto.s3.models import s3_backends

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.json_input import load_json
from ..core.resources import Container, ModeledError, Resource, Resources, ResourceType
from . import views
from .exceptions import InvalidParameterException
from .prompts import parse_s3_uri

#: a new workspace's visibility (it is shown to no one until made visible)
DEFAULT_VISIBILITY = "NONE"
#: CreateWorkspace: "Maximum length is 250 characters" (the model's bound is 500)
MAX_DESCRIPTION = 250
#: pages Connect provides; any other page is a custom page
SYSTEM_PAGES = ("HOME", "AGENT_EXPERIENCE")
#: prefixes custom pages cannot use
RESERVED_PREFIXES = ("aws:", "connect:")
#: "Up to 17 custom pages can be set up per instance" (Administrator Guide)
CUSTOM_PAGES_PER_INSTANCE = 17
#: the bytes the longest base64 MediaSource (533,333 characters) can hold
MAX_MEDIA_BYTES = 400_000
#: the kinds of resource a workspace can be assigned to, by the ARN's resource segment
ASSIGNABLE = {"agent": ("user", "USER"), "routing-profile": ("routing-profile", "ROUTING_PROFILE")}

_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_FUNCTION_COLOR = re.compile(r"^(?:rgba?|hsla?)\(\s*[0-9.%\s,/+-]+\)$")
_LINK = re.compile(r"^https?://[^\s/]+\S*$")


# -- the theme -------------------------------------------------------------------------
def _check_theme(theme: dict[str, Any] | None) -> None:
    """Colors are CSS colors (``#rgb``, ``#rrggbb``, with alpha, or ``rgb()``/``hsl()``);
    logo images are http(s) links."""
    for mode, config in (theme or {}).items():
        for group, colors in ((config or {}).get("Palette") or {}).items():
            for name, value in (colors or {}).items():
                if isinstance(value, bool):  # InvertActionsColors
                    continue
                if not (_HEX_COLOR.match(value.strip()) or _FUNCTION_COLOR.match(value.strip())):
                    raise InvalidParameterException(
                        f"Theme.{mode}.Palette.{group}.{name} {value!r} is not a color: use a hex color "
                        "(#RRGGBB, #RGB, with or without alpha) or rgb()/rgba()/hsl()/hsla()"
                    )
        logo = (((config or {}).get("Images") or {}).get("Logo")) or {}
        for name, link in logo.items():
            if not _LINK.match(link):
                raise InvalidParameterException(f"Theme.{mode}.Images.Logo.{name} {link!r} is not an http(s) link")


def _check_workspace(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    description = attrs.get("Description")
    if description is not None and len(description) > MAX_DESCRIPTION:
        raise InvalidParameterException(f"Description must be at most {MAX_DESCRIPTION} characters")
    if current is None or attrs.get("Theme") != current.attrs.get("Theme"):
        _check_theme(attrs.get("Theme"))


WORKSPACE = ResourceType(
    kind=views.WORKSPACE_KIND,
    unique_name=True,
    duplicate_message="A workspace with the name {name} already exists in the instance",
    defaults={"Visibility": DEFAULT_VISIBILITY},
    computed={"CreatedAt": lambda r: r.created_time},
    check=_check_workspace,
)


# -- pages -----------------------------------------------------------------------------
def is_custom(page: str) -> bool:
    return page not in SYSTEM_PAGES


def _instance_of(workspace: Resource) -> Container:
    return workspace.parent


def _custom_pages(instance: Container, but: Resource | None) -> int:
    return sum(
        1
        for workspace in instance.children(WORKSPACE.kind).values()
        for page in workspace.children(PAGE.kind).values()
        if page is not but and is_custom(page.attrs["Page"])
    )


def check_view(resources: Resources, instance: Any, arn: str) -> None:
    """A view ARN: a view of this instance or an AWS managed view, which exists, with the version
    (``$LATEST``, ``$SAVED`` or a number) it names."""
    parsed = parse_arn(arn)
    if parsed is None or parsed["service"] != "connect":
        raise InvalidParameterException(f"ResourceArn {arn!r} is not the ARN of an Amazon Connect view")
    if parsed["account"] == "aws":
        if not re.match(r"^view/[A-Za-z0-9_\-]+(?::[A-Za-z0-9$]+)?$", parsed["resource"]):
            raise InvalidParameterException(f"ResourceArn {arn!r} is not the ARN of an AWS managed view")
    else:
        prefix = f"{instance.arn}/view/"
        view_id, _, qualifier = arn[len(prefix) :].partition(":")
        if (
            not arn.startswith(prefix)
            or not re.match(r"^[A-Za-z0-9_\-]+$", view_id)
            or (qualifier and not re.match(r"^[A-Za-z0-9$]+$", qualifier))
        ):
            raise InvalidParameterException(f"ResourceArn {arn!r} is not the ARN of a view of instance {instance.id}")
    view, version = views.find(resources, instance, arn)
    views.show(resources, view, version)


def _check_page(resources: Resources, current: Resource | None, workspace: Any, attrs: dict[str, Any]) -> None:
    page = attrs["Page"]
    instance = _instance_of(workspace)
    if is_custom(page):
        if page.lower().startswith(RESERVED_PREFIXES):
            raise InvalidParameterException(f"Page {page!r}: custom pages cannot start with aws: or connect:")
        if (current is None or not is_custom(current.attrs["Page"])) and _custom_pages(
            instance, current
        ) >= CUSTOM_PAGES_PER_INSTANCE:
            # UpdateWorkspacePage models no quota error: a rename that needs one more is a bad request
            raise ModeledError(
                "ServiceQuotaExceededException" if current is None else "InvalidRequestException",
                f"The instance already has {CUSTOM_PAGES_PER_INSTANCE} custom pages, the most it can have",
            )
    slug = attrs.get("Slug")
    if slug:
        for other in workspace.children(PAGE.kind).values():
            if other is not current and other.attrs.get("Slug") == slug:
                raise ModeledError(
                    "DuplicateResourceException",
                    f"Page {other.attrs['Page']} of workspace {workspace.id} already has the slug {slug}",
                )
    data = attrs.get("InputData")
    if data and (current is None or data != current.attrs.get("InputData")):
        load_json(
            data,
            dict,
            InvalidParameterException,
            "InputData must be a JSON string",
            "InputData must be a JSON object of the view's inputs",
        )
    if current is None or attrs["ResourceArn"] != current.attrs.get("ResourceArn"):
        check_view(resources, instance, attrs["ResourceArn"])


PAGE = ResourceType(
    kind=views.WORKSPACE_PAGE_KIND,
    arn_path="instance/{root}/workspace/{parent}/page/{id}",
    # pages have no ARN of their own at AWS: IAM sees the workspace's
    iam_arn_path="instance/{root}/workspace/{parent}",
    id_param="Page",
    parent=WORKSPACE,
    name_member="Page",
    unique_name=True,
    duplicate_message="The workspace already has a page {name}",
    check=_check_page,
)


def find_page(workspace: Resource, page: str) -> Resource:
    found = workspace.names(PAGE.kind).get(page)
    resource = workspace.children(PAGE.kind).get(found) if found is not None else None
    if resource is None:
        raise ModeledError("ResourceNotFoundException", f"Workspace {workspace.id} has no page {page}")
    return resource


# -- media -----------------------------------------------------------------------------
MEDIA = ResourceType(
    kind="workspace-media",
    arn_path="instance/{root}/workspace/{parent}/media/{id}",
    iam_arn_path="instance/{root}/workspace/{parent}",
    id_param="MediaType",
    parent=WORKSPACE,
    name_member=None,
    aliases={"Type": "MediaType", "Source": "MediaSource"},
    not_found_error=lambda ident, parent: ModeledError(
        "ResourceNotFoundException", f"The workspace has no media of type {ident}"
    ),
)

_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x00\x00\x01\x00", "ICO"),
)


def image_format(data: bytes) -> str | None:
    """The image format of ``data`` from its signature (SVG from its markup), or None."""
    for magic, name in _IMAGES:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "SVG"
    return None


def media_bytes(source: str, caller: Caller) -> bytes:
    """The image a MediaSource holds: an S3 (pre-signed) URL or base64 data."""
    if source.startswith(("https://", "s3://")):
        parsed = parse_s3_uri(source)
        if parsed is None:
            raise InvalidParameterException("MediaSource must be an S3 presigned URL or a base64-encoded string")
        bucket, key = parsed
        backend = s3_backends[caller.account_id][caller.partition]
        try:
            backend.get_bucket(bucket)
        except MissingBucket:
            raise InvalidParameterException(f"MediaSource: the bucket {bucket} does not exist") from None
        found = backend.get_object(bucket, key)
        if found is None:
            raise InvalidParameterException(f"MediaSource: the bucket {bucket} has no object {key}")
        if found.size > MAX_MEDIA_BYTES:
            raise InvalidParameterException(f"MediaSource: a media file must be at most {MAX_MEDIA_BYTES} bytes")
        return bytes(found.value)
    text = source
    if text.startswith("data:"):
        header, comma, text = text.partition(",")
        if not comma or not header.endswith(";base64") or not header[5:].startswith("image/"):
            raise InvalidParameterException("MediaSource: a data URL must be data:image/<type>;base64,<data>")
    try:
        data = base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise InvalidParameterException("MediaSource must be an S3 presigned URL or a base64-encoded string") from None
    if len(data) > MAX_MEDIA_BYTES:
        raise InvalidParameterException(f"MediaSource: a media file must be at most {MAX_MEDIA_BYTES} bytes")
    return data


def import_media(resources: Resources, workspace: Resource, media_type: str, source: str, caller: Caller) -> Resource:
    data = media_bytes(source, caller)
    if image_format(data) is None:
        raise InvalidParameterException("MediaSource is not an image (PNG, JPEG, GIF, WebP, SVG or ICO)")
    attrs = {"MediaType": media_type, "MediaSource": source}
    existing = resources.find(MEDIA, workspace, media_type)
    if existing is not None:
        resources.update(existing, attrs, caller)
        return existing
    return resources.create(MEDIA, workspace, attrs, caller, resource_id=media_type)


# -- assignments -----------------------------------------------------------------------
def _target(association: Resource) -> Resource | None:
    return association.parent.children(association.attrs["_Kind"]).get(association.attrs["ResourceId"])


def _workspace_of(association: Resource) -> Resource | None:
    return association.parent.children(WORKSPACE.kind).get(association.attrs["WorkspaceId"])


def _name_of(association: Resource) -> Any:
    target = _target(association)
    return target.name if target is not None else None


ASSOCIATION = ResourceType(
    kind="workspace-association",
    # one assignment of a workspace per resource
    name_member="_Key",
    unique_name=True,
    computed={
        "WorkspaceArn": lambda r: getattr(_workspace_of(r), "arn", None),
        "ResourceName": _name_of,
    },
)


def live(association: Resource) -> bool:
    """The assigned resource still exists (a deleted user's assignments are gone with it)."""
    return _target(association) is not None


def _key(workspace_id: str, kind: str, resource_id: str) -> str:
    return f"{workspace_id}|{kind}|{resource_id}"


def _locate(instance: Any, arn: str) -> tuple[str, str, str] | tuple[None, str, str]:
    """(kind, resource type, id) an ARN names in the instance, or (None, code, message)."""
    prefix = f"{instance.arn}/"
    if parse_arn(arn) is None:
        return None, "400", f"{arn} is not an ARN"
    if not arn.startswith(prefix):
        return None, "400", f"{arn} is not a resource of instance {instance.id}"
    segment, _, ident = arn[len(prefix) :].partition("/")
    if segment not in ASSIGNABLE or not ident or "/" in ident:
        return None, "400", "Only users and routing profiles can be assigned a workspace"
    kind, resource_type = ASSIGNABLE[segment]
    return kind, resource_type, ident


class _Refused(Exception):
    """One ARN of an (dis)association request refused: its error code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _per_arn(
    workspace: Resource, arns: Iterable[str], act: Callable[[str, str, str, str], None]
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(successes, failures): ``act(kind, resource type, id, arn)`` for each ARN that names an
    assignable resource of the workspace's instance; what it refuses fails alone."""
    done: list[dict[str, str]] = []
    failed: list[dict[str, str]] = []
    for arn in arns:
        kind, resource_type, ident = _locate(workspace.parent, arn)
        try:
            if kind is None:
                raise _Refused(resource_type, ident)
            act(kind, resource_type, ident, arn)
        except _Refused as refused:
            failed.append({"ResourceArn": arn, "ErrorCode": refused.code, "ErrorMessage": refused.message})
            continue
        done.append({"ResourceArn": arn})
    return done, failed


def associate(
    resources: Resources, workspace: Resource, arns: Iterable[str], caller: Caller
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Assign the workspace to each resource: (successes, failures) per ARN."""
    instance = workspace.parent

    def assign(kind: str, resource_type: str, ident: str, arn: str) -> None:
        target = instance.children(kind).get(ident)
        if target is None:
            raise _Refused("404", f"{arn} was not found")
        key = _key(workspace.id, kind, target.id)
        if key in instance.names(ASSOCIATION.kind):
            raise _Refused("409", f"The workspace is already assigned to {arn}")
        attrs = {
            "_Key": key,
            "_Kind": kind,
            "WorkspaceId": workspace.id,
            "ResourceId": target.id,
            "ResourceArn": target.arn,
            "ResourceType": resource_type,
        }
        resources.create(ASSOCIATION, instance, attrs, caller)

    return _per_arn(workspace, arns, assign)


def disassociate(
    resources: Resources, workspace: Resource, arns: Iterable[str]
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Unassign the workspace from each resource: (successes, failures) per ARN."""
    instance = workspace.parent

    def unassign(kind: str, resource_type: str, ident: str, arn: str) -> None:
        found = instance.names(ASSOCIATION.kind).get(_key(workspace.id, kind, ident))
        association = instance.children(ASSOCIATION.kind).get(found) if found is not None else None
        if association is None:
            raise _Refused("404", f"The workspace is not assigned to {arn}")
        resources.delete(association)

    return _per_arn(workspace, arns, unassign)


def delete_workspace(resources: Resources, workspace: Resource) -> None:
    """The workspace, its pages and media, and its assignments."""
    instance = workspace.parent
    for association in list(instance.children(ASSOCIATION.kind).values()):
        if association.attrs["WorkspaceId"] == workspace.id:
            resources.delete(association)
    resources.delete(workspace)
