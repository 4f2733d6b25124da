"""Views (step-by-step guides' UI pages), declared on the resource layer, with AWS's managed views.

A customer-managed view (CreateView) holds content: ``Template``, a JSON document in the
structure the Administrator Guide documents ("Custom views": a ``Head`` object with the
view's ``Title`` and optional ``Configuration``, and a ``Body`` list of components, each with
a ``Type``, optional ``_id``, ``Props`` and nested ``Content``), and ``Actions``, the actions the
view may raise.  ``InputSchema`` is generated from the template (each ``$.Name`` reference
becomes an input property).  The rules enforced:

* "basic content validation if the status is SAVED or full content validation if the status
  is set to PUBLISHED" (CreateView): saved content needs a template that is a JSON object and
  distinct actions; published content also needs a template, ``Head`` with a ``Title``, a
  ``Body`` list of components with a ``Type`` each, ``_id`` values unique within the view,
  and every ``Action`` a component raises listed in ``Actions``
  (``InvalidParameterException``);
* qualifiers, as CreateView and UpdateViewContent document them: saved content goes to
  ``$SAVED``, published content to ``$SAVED`` and ``$LATEST``; DescribeView without a
  qualifier is ``$LATEST`` ("an error is returned if there is no published content"), a
  number names a version; a view's ``Status`` is ``PUBLISHED`` when its ``$SAVED`` content is
  the ``$LATEST`` one, ``SAVED`` while it has unpublished content;
* versions (CreateViewVersion) snapshot ``$LATEST``, are immutable and numbered
  monotonically (a deleted number is not reused); "It returns the highest version if there
  is no change in content compared to that version"; a ``ViewContentSha256`` that is not
  ``$LATEST``'s is refused; at most ``VERSIONS_PER_VIEW`` versions;
* content (template and actions) of at most ``MAX_CONTENT_BYTES`` ("The total uncompressed
  content has a maximum file size of 400kB"; ``InvalidParameterException``);
* names unique per instance (``DuplicateResourceException``), at most
  ``VIEWS_PER_INSTANCE`` views (``ServiceQuotaExceededException``), idempotent creates with a
  client token, tags on the view (not its versions);
* a view (or a version) that a published flow or flow module shows (a ``ShowView`` action
  naming its ARN, or ``<arn>:<version>``), or that a workspace page shows (its
  ``ResourceArn``), cannot be deleted (``ResourceInUseException``: "If you are trying to
  delete a resource [...], remove its reference from related resources and then try again").

AWS-managed views (``ListViews`` ``Type=AWS_MANAGED``) exist in every instance and region,
outside the account: ``arn:<partition>:connect:<region>:aws:view/<name>``; DescribeView names
them by ARN ("This must be an ARN for AWS managed views"), version 1 only.  They are AWS's
documents: described, listed and searched, never changed or deleted.  They are computed per
instance (no ``seed_defaults``).

``view_content`` is how another family (the participant service's DescribeView) reads a view.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

from ..core.arns import split_qualifier
from ..core.caller import Caller
from ..core.pagination import Walks
from ..core.resources import Container, ModeledError, Quota, Resource, Resources, ResourceType, render
from . import flow_language as fl
from .exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceNotFoundException,
)
from .instance_lookup import answer_or_none

PUBLISHED = "PUBLISHED"
SAVED = "SAVED"
CUSTOMER_MANAGED = "CUSTOMER_MANAGED"
AWS_MANAGED = "AWS_MANAGED"
SAVED_QUALIFIER = "$SAVED"
LATEST_QUALIFIER = "$LATEST"

#: the plugin's bounds: AWS's quota page lists none for views that could be confirmed
VIEWS_PER_INSTANCE = 500
VERSIONS_PER_VIEW = 100
#: "The total uncompressed content has a maximum file size of 400kB" (CreateView, UpdateViewContent):
#: the template and the actions, in UTF-8; a kB is taken as 1,024 bytes, the larger reading
MAX_CONTENT_BYTES = 400 * 1024

#: private attributes: the ``$SAVED`` and ``$LATEST`` content, the version counter, managed flag
SAVED_CONTENT = "_Saved"
LATEST_CONTENT = "_Latest"
VERSIONS_MADE = "_VersionsMade"
MANAGED = "_Managed"

_REFERENCE = re.compile(r"\$\.([A-Za-z_][A-Za-z0-9_]*)")


# -- content ------------------------------------------------------------------------------
def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def input_schema(template: dict[str, Any]) -> str:
    """The ``InputSchema`` of a template: a JSON schema with one property per ``$.Name`` it reads."""
    names = sorted({m.group(1) for s in _strings(template) for m in _REFERENCE.finditer(s)})
    schema = {"type": "object", "properties": {name: {} for name in names}, "additionalProperties": True}
    return json.dumps(schema, separators=(",", ":"))


def _template(text: str) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except ValueError as error:
        raise InvalidParameterException(f"Content.Template is not valid JSON: {error}") from None
    if not isinstance(doc, dict):
        raise InvalidParameterException("Content.Template must be a JSON object with Head and Body")
    return doc


def _components(nodes: Any, path: str, ids: set[str], raised: list[tuple[str, str]]) -> None:
    if not isinstance(nodes, list):
        raise InvalidParameterException(f"Content.Template {path} must be a list of components")
    for position, node in enumerate(nodes):
        where = f"{path}[{position}]"
        if not isinstance(node, dict):
            raise InvalidParameterException(f"Content.Template {where} must be a component object")
        if not isinstance(node.get("Type"), str) or not node["Type"]:
            raise InvalidParameterException(f"Content.Template {where} has no Type")
        ident = node.get("_id")
        if ident is not None:
            if not isinstance(ident, str) or not ident:
                raise InvalidParameterException(f"Content.Template {where}._id must be a non-empty string")
            if ident in ids:
                raise InvalidParameterException(f"Content.Template component _id {ident} is used more than once")
            ids.add(ident)
        props = node.get("Props", {})
        if not isinstance(props, dict):
            raise InvalidParameterException(f"Content.Template {where}.Props must be an object")
        action = props.get("Action")
        if isinstance(action, str):
            raised.append((f"{where}.Props.Action", action))
        if "Content" in node:
            _components(node["Content"], f"{where}.Content", ids, raised)


def _check_structure(doc: dict[str, Any], actions: list[str]) -> None:
    head = doc.get("Head")
    if not isinstance(head, dict):
        raise InvalidParameterException("Content.Template needs a Head object (with the view's Title)")
    if not isinstance(head.get("Title"), str) or not head["Title"]:
        raise InvalidParameterException("Content.Template Head.Title must be a non-empty string")
    if "Configuration" in head and not isinstance(head["Configuration"], dict):
        raise InvalidParameterException("Content.Template Head.Configuration must be an object")
    if "Body" not in doc:
        raise InvalidParameterException("Content.Template needs a Body list of components")
    raised: list[tuple[str, str]] = []
    _components(doc["Body"], "Body", set(), raised)
    for where, action in raised:
        if action not in actions:
            raise InvalidParameterException(
                f"Content.Template {where} raises the action {action}, which is not in Content.Actions"
            )


def check_content(content: dict[str, Any], status: str) -> dict[str, Any]:
    """The content to keep (with its ``InputSchema``), checked as ``status`` asks, or the error."""
    actions = list(content.get("Actions") or [])
    size = len((content.get("Template") or "").encode()) + sum(len(action.encode()) for action in actions)
    if size > MAX_CONTENT_BYTES:
        raise InvalidParameterException(
            f"Content is {size} bytes; the total uncompressed content of a view is at most 400 kB "
            f"({MAX_CONTENT_BYTES} bytes)"
        )
    seen: set[str] = set()
    for action in actions:
        if action in seen:
            raise InvalidParameterException(f"Content.Actions lists {action} more than once")
        seen.add(action)
    template = content.get("Template")
    if template is None:
        if status == PUBLISHED:
            raise InvalidParameterException("Content.Template is required to publish a view")
        return {"Actions": actions}
    doc = _template(template)
    if status == PUBLISHED:
        _check_structure(doc, actions)
    return {"InputSchema": input_schema(doc), "Template": template, "Actions": actions}


def content_sha256(content: dict[str, Any] | None) -> str | None:
    """``ViewContentSha256``: the SHA-256 (hex) of the template and actions, as JSON with sorted keys."""
    if content is None:
        return None
    canonical = {"Actions": content.get("Actions") or [], "Template": content.get("Template")}
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


# -- declarations -------------------------------------------------------------------------
def status_of(view: Resource) -> str:
    if view.attrs.get(MANAGED):
        return PUBLISHED
    latest = view.attrs.get(LATEST_CONTENT)
    return PUBLISHED if latest is not None and latest == view.attrs.get(SAVED_CONTENT) else SAVED


def type_of(view: Resource) -> str:
    return AWS_MANAGED if view.attrs.get(MANAGED) else CUSTOMER_MANAGED


VIEW = ResourceType(
    kind="view",
    unique_name=True,
    duplicate_message="A view with the name {name} already exists in the instance",
    computed={"Status": status_of, "Type": type_of},
    quota=Quota.most(lambda: VIEWS_PER_INSTANCE, "views"),
)

VIEW_VERSION = ResourceType(
    kind="view-version",
    arn_path="instance/{root}/view/{parent}:{id}",
    id_param="ViewVersion",
    id_names=(),
    parent=VIEW,
    name_member=None,
    iam_arn_path="instance/{root}/view/{parent}",
    quota=Quota(
        lambda: VERSIONS_PER_VIEW,
        message="View {parent} already has {limit} versions, the most it can have; delete one first",
    ),
)

# -- AWS-managed views --------------------------------------------------------------------
#: launch of step-by-step guides (the views' creation time as ListViews shows it)
_MANAGED_SINCE = dt.datetime(2023, 11, 26, tzinfo=dt.timezone.utc)


def _managed_template(title: str, body: list[dict[str, Any]]) -> str:
    return json.dumps({"Head": {"Title": title}, "Body": body}, separators=(",", ":"))


def _button(action: str) -> dict[str, Any]:
    return {"_id": action.lower(), "Type": "Button", "Props": {"Action": action, "Label": f"$.{action}.Label"}}


#: name -> (Name, Description, Actions, Body): the views the Show view block offers
MANAGED_VIEWS: dict[str, tuple[str, str, list[str], list[dict[str, Any]]]] = {
    "after-contact-work": (
        "After contact work",
        "Guides the agent through the contact's after contact work",
        ["Submit"],
        [{"_id": "acw", "Type": "AfterContactWork", "Props": {"Heading": "$.Heading"}}, _button("Submit")],
    ),
    "cards": (
        "Cards",
        "A set of cards the agent chooses from",
        ["Back", "CardSelected"],
        [
            {"_id": "cards", "Type": "Cards", "Props": {"Cards": "$.Cards", "Action": "CardSelected"}},
            _button("Back"),
        ],
    ),
    "confirmation": (
        "Confirmation",
        "Confirms to the agent that an action is done",
        ["Next"],
        [{"_id": "confirmation", "Type": "Confirmation", "Props": {"Heading": "$.Heading"}}, _button("Next")],
    ),
    "detail": (
        "Detail",
        "Details of one topic, with actions the agent can take",
        ["ActionSelected", "Back"],
        [
            {"_id": "detail", "Type": "Detail", "Props": {"Sections": "$.Sections", "Action": "ActionSelected"}},
            _button("Back"),
        ],
    ),
    "form": (
        "Form",
        "A form that collects input, in one or more steps",
        ["Back", "Next", "Step"],
        [
            {"_id": "form", "Type": "Form", "Props": {"Sections": "$.Sections", "Action": "Step"}},
            _button("Back"),
            _button("Next"),
        ],
    ),
    "list": (
        "List",
        "A list of items the agent can act on",
        ["ActionSelected", "Back"],
        [
            {"_id": "list", "Type": "List", "Props": {"Items": "$.Items", "Action": "ActionSelected"}},
            _button("Back"),
        ],
    ),
}


def managed_arn(instance: Any, name: str) -> str:
    partition = str(instance.arn).split(":")[1]
    return f"arn:{partition}:connect:{instance.region}:aws:view/{name}"


def managed_views(instance: Any) -> dict[str, Resource]:
    """The AWS-managed views as the instance sees them (ARN -> view), made once per instance."""
    found: dict[str, Resource] | None = instance.__dict__.get("_aws_views")
    if found is None:
        found = {}
        for name, (title, description, actions, body) in MANAGED_VIEWS.items():
            template = _managed_template(title, body)
            content = {"InputSchema": input_schema(json.loads(template)), "Template": template, "Actions": actions}
            attrs = {"Name": title, "Description": description, MANAGED: True, LATEST_CONTENT: content}
            attrs[SAVED_CONTENT] = content
            view = Resource(VIEW, name, managed_arn(instance, name), instance, attrs)
            view.created_time = view.last_modified_time = _MANAGED_SINCE
            view.last_modified_region = instance.region
            found[view.arn] = view
        instance.__dict__["_aws_views"] = found
    return found


# -- lookups ------------------------------------------------------------------------------


def find(resources: Resources, instance: Container, ident: str) -> tuple[Resource, str | None]:
    """The view an ID or ARN names (customer-managed, or AWS-managed by ARN), with its qualifier."""
    base, qualifier = split_qualifier(ident)
    if base.startswith("arn:"):
        managed = managed_views(instance).get(base)
        if managed is not None:
            return managed, qualifier
    view = resources.find(VIEW, instance, base)
    if view is None or (base.startswith("arn:") and view.arn != base):
        if base in MANAGED_VIEWS:
            raise ResourceNotFoundException(
                f"View not found: {ident}. AWS managed views are named by their ARN, "
                f"such as {managed_arn(instance, base)}"
            )
        raise ResourceNotFoundException(f"View not found: {ident}")
    return view, qualifier


def customer_view(view: Resource, operation: str) -> Resource:
    if view.attrs.get(MANAGED):
        raise InvalidRequestException(
            f"{view.arn} is an AWS managed view: {operation} applies to customer managed views"
        )
    return view


def show(resources: Resources, view: Resource, qualifier: str | None, qualified_arn: bool = True) -> dict[str, Any]:
    """The ``View`` a qualifier names: ``$LATEST`` (the default), ``$SAVED`` or a version.

    The ARN carries a ``$SAVED``/``$LATEST`` qualifier the request named (``qualified_arn``);
    a version's ARN is always the version's."""
    out = render(view, "View", resources.tags)
    if view.attrs.get(MANAGED):
        if qualifier not in (None, "1", LATEST_QUALIFIER):
            raise ResourceNotFoundException(f"AWS managed view {view.arn} has version 1 only, not {qualifier}")
        content = view.attrs[LATEST_CONTENT]
        out.update(Version=1, Content=content, ViewContentSha256=content_sha256(content))
        return out
    if qualifier is None or qualifier == LATEST_QUALIFIER:
        content = view.attrs.get(LATEST_CONTENT)
        if content is None:
            raise ResourceNotFoundException(
                f"View {view.id} has no published content: describe {view.id}:$SAVED for its saved content"
            )
        out["Status"] = PUBLISHED
    elif qualifier == SAVED_QUALIFIER:
        content = view.attrs[SAVED_CONTENT]
    else:
        version = view.children(VIEW_VERSION.kind).get(qualifier) if qualifier.isdigit() else None
        if version is None:
            raise ResourceNotFoundException(f"View {view.id} has no version {qualifier}")
        content = version.attrs["Content"]
        out.update(Status=PUBLISHED, Version=int(version.id), Arn=version.arn, CreatedTime=version.created_time)
        if version.attrs.get("VersionDescription") is not None:
            out["VersionDescription"] = version.attrs["VersionDescription"]
    if qualified_arn and qualifier in (LATEST_QUALIFIER, SAVED_QUALIFIER):
        out["Arn"] = f"{view.arn}:{qualifier}"
    out["Content"] = content
    sha = content_sha256(content)
    if sha is not None:
        out["ViewContentSha256"] = sha
    return out


# -- changes ------------------------------------------------------------------------------
def create(
    resources: Resources,
    instance: Container,
    attrs: dict[str, Any],
    content: dict[str, Any],
    status: str,
    caller: Caller,
    tags: dict[str, str] | None,
) -> Resource:
    kept = check_content(content, status)
    attrs = {**attrs, SAVED_CONTENT: kept}
    if status == PUBLISHED:
        attrs[LATEST_CONTENT] = kept
    return resources.create(VIEW, instance, attrs, caller, tags)


def update_content(
    resources: Resources, view: Resource, qualifier: str | None, content: dict[str, Any], status: str, caller: Caller
) -> None:
    """Save (``$SAVED``) or publish (``$SAVED`` and ``$LATEST``) new content."""
    customer_view(view, "UpdateViewContent")
    if qualifier not in (None, SAVED_QUALIFIER, LATEST_QUALIFIER):
        raise InvalidRequestException(
            f"Version {qualifier} of view {view.id} is immutable: update the view's content, then create a version"
        )
    kept = check_content(content, status)
    changes: dict[str, Any] = {SAVED_CONTENT: kept}
    if status == PUBLISHED:
        changes[LATEST_CONTENT] = kept
    resources.update(view, changes, caller)


def create_version(
    resources: Resources, view: Resource, description: str | None, sha: str | None, caller: Caller
) -> Resource:
    """A version of ``$LATEST``, or the highest version when ``$LATEST`` has not changed since."""
    customer_view(view, "CreateViewVersion")
    latest = view.attrs.get(LATEST_CONTENT)
    if latest is None:
        raise InvalidRequestException(f"View {view.id} has no published content ($LATEST) to make a version of")
    digest = content_sha256(latest)
    if sha is not None and sha != digest:
        raise InvalidRequestException(
            f"ViewContentSha256 {sha} is not the checksum of the $LATEST content of view {view.id} ({digest})"
        )
    versions = view.children(VIEW_VERSION.kind)
    if len(versions):
        highest = max(versions.values(), key=lambda v: int(v.id))
        if highest.attrs["Content"] == latest:
            return highest
    number = int(view.attrs.get(VERSIONS_MADE, 0)) + 1
    attrs: dict[str, Any] = {"Content": latest}
    if description is not None:
        attrs["VersionDescription"] = description
    version = resources.create(VIEW_VERSION, view, attrs, caller, resource_id=str(number))
    resources.tags.forget(version.arn)  # tags belong to the view, not its versions
    view.attrs[VERSIONS_MADE] = number
    Resources.touch(view, caller)
    return version


def _shown_by(instance: Container, arn: str, version: str | None) -> list[str]:
    """Names of the published flows and flow modules whose ShowView actions name the view (version)."""
    users = []
    for kind in (fl.FLOW, fl.FLOW_MODULE):
        if not instance.has_children(kind):
            continue
        for flow in instance.children(kind).values():
            if flow.deleted or flow.attrs.get("Status") != PUBLISHED:
                continue
            try:
                doc = json.loads(flow.attrs.get("Content") or "{}")
            except ValueError:
                continue
            actions = doc.get("Actions") if isinstance(doc, dict) else None
            for action in actions if isinstance(actions, list) else []:
                if not isinstance(action, dict) or action.get("Type") != "ShowView":
                    continue
                resource = (action.get("Parameters") or {}).get("ViewResource")
                ident = resource.get("Id") if isinstance(resource, dict) else None
                if not isinstance(ident, str):
                    continue
                base, qualifier = split_qualifier(ident)
                if base == arn and (version is None or qualifier == version):
                    users.append(str(flow.attrs.get("Name")))
                    break
    return users


#: the kinds of a workspace and of its pages (``workspaces`` declares them with these)
WORKSPACE_KIND = "workspace"
WORKSPACE_PAGE_KIND = "workspace-page"


def _pages_showing(instance: Container, arn: str, version: str | None) -> list[str]:
    """Pages of the instance's workspaces whose ``ResourceArn`` names the view (the version)."""
    pages = []
    if instance.has_children(WORKSPACE_KIND):
        for workspace in instance.children(WORKSPACE_KIND).values():
            if not workspace.has_children(WORKSPACE_PAGE_KIND):
                continue
            for page in workspace.children(WORKSPACE_PAGE_KIND).values():
                base, qualifier = split_qualifier(str(page.attrs.get("ResourceArn") or ""))
                if base == arn and (version is None or qualifier == version):
                    pages.append(f"page {page.attrs['Page']} of workspace {workspace.name}")
    return pages


def _refuse_in_use(what: str, view: Resource, version: str | None) -> None:
    flows = _shown_by(view.parent, view.arn, version)
    if flows:
        raise_in_use(f"{what} is shown by flow(s) {', '.join(sorted(flows))}")
    pages = _pages_showing(view.parent, view.arn, version)
    if pages:
        raise_in_use(f"{what} is shown by {', '.join(sorted(pages))}")


def delete(resources: Resources, view: Resource, qualifier: str | None) -> None:
    customer_view(view, "DeleteView")
    if qualifier is not None:
        raise InvalidRequestException(
            f"DeleteView deletes a whole view with its versions: name it without the {qualifier} qualifier"
        )
    _refuse_in_use(f"View {view.id}", view, None)
    resources.delete(view)


def delete_version(resources: Resources, view: Resource, qualifier: str | None, number: int) -> None:
    customer_view(view, "DeleteViewVersion")
    if qualifier is not None:
        raise InvalidRequestException(f"Name the view without the {qualifier} qualifier; ViewVersion names the version")
    version = view.children(VIEW_VERSION.kind).get(str(number))
    if version is None:
        raise ResourceNotFoundException(f"View {view.id} has no version {number}")
    _refuse_in_use(f"Version {number} of view {view.id}", view, str(number))
    resources.delete(version)


def raise_in_use(message: str) -> None:
    raise ModeledError("ResourceInUseException", message)


# -- listing ------------------------------------------------------------------------------
def walks(instance: Container) -> Walks:
    found: Walks = instance.__dict__.setdefault("_view_walks", Walks())
    return found


def every_view(resources: Resources, instance: Container) -> list[Resource]:
    """AWS's and the instance's views, "sorted primarily by type, and secondarily by name"."""
    views = [*managed_views(instance).values(), *resources.all(VIEW, instance)]
    return sorted(views, key=lambda v: (type_of(v), str(v.name).lower(), v.id))


def lookup(resources: Resources, instance: Container, arn: str) -> Resource | None:
    managed = managed_views(instance).get(arn)
    if managed is not None:
        return managed
    found = resources.find(VIEW, instance, arn)
    return found if found is not None and found.arn == arn else None


def version_summary(view: Resource, version: Resource | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "Id": view.id,
        "Arn": version.arn if version is not None else view.arn,
        "Name": view.name,
        "Type": type_of(view),
        "Version": int(version.id) if version is not None else 1,
    }
    if view.attrs.get("Description") is not None:
        out["Description"] = view.attrs["Description"]
    if version is not None and version.attrs.get("VersionDescription") is not None:
        out["VersionDescription"] = version.attrs["VersionDescription"]
    return out


# -- for other families -------------------------------------------------------------------
def view_content(backend: Any, instance: Container | str, view_id_or_arn: str) -> dict[str, Any] | None:
    """The ``View`` DescribeView answers for an ID or ARN (qualified or not), or None.

    For the participant service's DescribeView: an AWS-managed view by ARN, a customer view
    by ID or ARN (``$LATEST`` unless qualified)."""

    def content(resources: Resources, root: Container) -> dict[str, Any]:
        return show(resources, *find(resources, root, view_id_or_arn))

    return answer_or_none(backend, instance, content)
