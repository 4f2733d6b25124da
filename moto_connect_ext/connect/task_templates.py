"""Task templates, declared on the resource layer, and the rules of their content.

What AWS documents (API Reference, CreateTaskTemplate/UpdateTaskTemplate; Administrator
Guide, "Task templates"; Connect quotas):

* exactly one field of type ``NAME``, and it is listed in ``Constraints.RequiredFields``
  (so ``Constraints`` with at least one required field is needed although the model
  marks it optional);
* a ``ContactFlowId`` or a field of type ``QUICK_CONNECT``;
* ``ContactFlowId`` and ``SelfAssignFlowId`` name flows of the instance;
* task expiry (``EXPIRY_DURATION``) up to 90 days (129,600 minutes);
* 50 task templates per instance and 50 customized fields per template, not adjustable
  (``ServiceQuotaExceededException``).

What follows from the model and what a task is: field names are unique in a template;
the types that set one attribute of the task (``NAME``, ``DESCRIPTION``,
``SCHEDULED_TIME``, ``QUICK_CONNECT``, ``SELF_ASSIGN``, ``EXPIRY_DURATION``) appear at
most once; only ``SINGLE_SELECT`` fields have options (and they need some, without
duplicates); constraints and defaults name fields of the template, and a default fits
its field's type.  Template names are unique per instance.

Every broken rule is reported at once in a ``PropertyValidationException``'s
``PropertyList`` (``PropertyPath``, ``Reason``, ``Message``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..core.resources import Container, ModeledError, Quota, Resource, Resources, ResourceType, child
from ..core.validation import is_http_url

#: task templates per instance (Connect quotas; not adjustable)
TEMPLATES_PER_INSTANCE = 50
#: customized fields per template (Connect quotas; not adjustable)
CUSTOM_FIELDS_PER_TEMPLATE = 50
#: the longest task expiry a template or a task can set, in minutes (90 days)
MAX_EXPIRY_MINUTES = 129_600
#: the longest task name (StartTaskContact's Name)
MAX_TASK_NAME = 512

#: field type -> the reference type a task gives a field of the type as
FIELD_REFERENCE_TYPES = {
    "TEXT": "STRING",
    "TEXT_AREA": "STRING",
    "BOOLEAN": "STRING",
    "SINGLE_SELECT": "STRING",
    "NUMBER": "NUMBER",
    "DATE_TIME": "DATE",
    "URL": "URL",
    "EMAIL": "EMAIL",
}
#: field types that set one attribute of the task: at most one field of each
SINGLE_TYPES = ("NAME", "DESCRIPTION", "SCHEDULED_TIME", "QUICK_CONNECT", "SELF_ASSIGN", "EXPIRY_DURATION")
#: the constraint lists of ``Constraints``
CONSTRAINT_LISTS = ("RequiredFields", "ReadOnlyFields", "InvisibleFields")

REQUIRED_PROPERTY_MISSING = "REQUIRED_PROPERTY_MISSING"
REFERENCED_RESOURCE_NOT_FOUND = "REFERENCED_RESOURCE_NOT_FOUND"
UNIQUE_CONSTRAINT_VIOLATED = "UNIQUE_CONSTRAINT_VIOLATED"
RESOURCE_NAME_ALREADY_EXISTS = "RESOURCE_NAME_ALREADY_EXISTS"
TYPE_MISMATCH = "TYPE_MISMATCH"
NOT_SUPPORTED = "NOT_SUPPORTED"
INVALID_FORMAT = "INVALID_FORMAT"

#: does a resource of this kind (``contact-flow``, ``quick-connect``) with this ID or ARN exist?
Exists = Callable[[str, str], bool]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Problems:
    """The properties a request gets wrong, as ``PropertyValidationExceptionProperty`` items."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, path: str, reason: str, message: str) -> None:
        self.items.append({"PropertyPath": path, "Reason": reason, "Message": message})

    def __bool__(self) -> bool:
        return bool(self.items)


# -- the values of a task's fields (a template's defaults, a task's references) --------
def is_number(value: str) -> bool:
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def iso_moment(value: str) -> dt.datetime | None:
    """The moment an ISO 8601 string names (a trailing Z is UTC), or None when it names none."""
    try:
        return dt.datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value)
    except ValueError:
        return None


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def _is_timestamp(value: str) -> bool:
    return iso_moment(value) is not None and ("T" in value or " " in value)


def default_problem(field_type: str, value: str, options: list[str], exists: Exists) -> str | None:
    """Why ``value`` cannot be the default of a field of ``field_type``, or None."""
    if value == "":
        return None  # no default
    if field_type == "NAME" and len(value) > MAX_TASK_NAME:
        return f"a task name has at most {MAX_TASK_NAME} characters"
    if field_type == "NUMBER" and not is_number(value):
        return f"{value!r} is not a number"
    if field_type in ("BOOLEAN", "SELF_ASSIGN") and value not in ("true", "false"):
        return f"{value!r} is not true or false"
    if field_type in ("DATE_TIME", "SCHEDULED_TIME") and not _is_timestamp(value):
        return f"{value!r} is not an ISO 8601 date and time"
    if field_type == "URL" and not is_http_url(value):
        return f"{value!r} is not an http or https URL"
    if field_type == "EMAIL" and not is_email(value):
        return f"{value!r} is not an email address"
    if field_type == "SINGLE_SELECT" and value not in options:
        return f"{value!r} is not one of the field's options"
    if field_type == "EXPIRY_DURATION" and not (value.isdigit() and 1 <= int(value) <= MAX_EXPIRY_MINUTES):
        return f"{value!r} is not a number of minutes from 1 to {MAX_EXPIRY_MINUTES} (90 days)"
    if field_type == "QUICK_CONNECT" and not exists("quick-connect", value):
        return f"the quick connect {value} does not exist"
    return None


# -- the rules of a template's content -------------------------------------------------
def _field_name(identifier: Mapping[str, Any] | None) -> str | None:
    return (identifier or {}).get("Name")


def template_problems(attrs: Mapping[str, Any], exists: Exists) -> Problems:
    """Everything wrong with a template's content (not its name's uniqueness)."""
    problems = Problems()
    fields: list[dict[str, Any]] = attrs.get("Fields") or []
    by_name: dict[str, dict[str, Any]] = {}
    types: dict[str, str] = {}
    for i, field in enumerate(fields):
        path = f"Fields[{i}]"
        name = _field_name(field.get("Id"))
        kind = field.get("Type")
        options = field.get("SingleSelectOptions")
        if name is None:
            problems.add(f"{path}.Id.Name", REQUIRED_PROPERTY_MISSING, "A field needs a name")
        elif name in by_name:
            problems.add(f"{path}.Id.Name", UNIQUE_CONSTRAINT_VIOLATED, f"The template has two fields named {name}")
        else:
            by_name[name] = field
        if kind is None:
            problems.add(f"{path}.Type", REQUIRED_PROPERTY_MISSING, f"Field {name} needs a type")
        elif kind in SINGLE_TYPES:
            if kind in types:
                problems.add(
                    f"{path}.Type",
                    UNIQUE_CONSTRAINT_VIOLATED,
                    f"A template has at most one field of type {kind} (field {types[kind]} is one)",
                )
            else:
                types[kind] = name or ""
        if kind == "SINGLE_SELECT":
            if not options:
                problems.add(
                    f"{path}.SingleSelectOptions",
                    REQUIRED_PROPERTY_MISSING,
                    f"Single select field {name} needs options",
                )
            elif len(set(options)) != len(options):
                problems.add(
                    f"{path}.SingleSelectOptions", UNIQUE_CONSTRAINT_VIOLATED, f"Field {name} repeats an option"
                )
        elif options:
            problems.add(
                f"{path}.SingleSelectOptions", NOT_SUPPORTED, f"Only SINGLE_SELECT fields have options, not {kind}"
            )
    if "NAME" not in types:
        problems.add("Fields", REQUIRED_PROPERTY_MISSING, "A template needs exactly one field of type NAME")

    constraints = attrs.get("Constraints") or {}
    for member in CONSTRAINT_LISTS:
        named: set[str] = set()
        for j, entry in enumerate(constraints.get(member) or []):
            path = f"Constraints.{member}[{j}].Id.Name"
            name = _field_name(entry.get("Id"))
            if name is None:
                problems.add(path, REQUIRED_PROPERTY_MISSING, "A constraint names a field")
            elif name not in by_name:
                problems.add(path, REFERENCED_RESOURCE_NOT_FOUND, f"The template has no field named {name}")
            elif name in named:
                problems.add(path, UNIQUE_CONSTRAINT_VIOLATED, f"Field {name} is listed twice in {member}")
            if name is not None:
                named.add(name)
    required = {_field_name(e.get("Id")) for e in constraints.get("RequiredFields") or []}
    if not required:
        problems.add(
            "Constraints.RequiredFields", REQUIRED_PROPERTY_MISSING, "A template requires at least its NAME field"
        )
    elif types.get("NAME") and types["NAME"] not in required:
        problems.add(
            "Constraints.RequiredFields",
            REQUIRED_PROPERTY_MISSING,
            f"The NAME field {types['NAME']} must be listed in RequiredFields",
        )

    defaulted: set[str] = set()
    for j, entry in enumerate((attrs.get("Defaults") or {}).get("DefaultFieldValues") or []):
        path = f"Defaults.DefaultFieldValues[{j}]"
        name = _field_name(entry.get("Id"))
        if name is None:
            problems.add(f"{path}.Id.Name", REQUIRED_PROPERTY_MISSING, "A default value names a field")
            continue
        target = by_name.get(name)
        if target is None:
            problems.add(f"{path}.Id.Name", REFERENCED_RESOURCE_NOT_FOUND, f"The template has no field named {name}")
            continue
        if name in defaulted:
            problems.add(f"{path}.Id.Name", UNIQUE_CONSTRAINT_VIOLATED, f"Field {name} has two default values")
        defaulted.add(name)
        value = entry.get("DefaultValue")
        kind = target.get("Type")
        if value is not None and kind is not None:
            wrong = default_problem(kind, value, target.get("SingleSelectOptions") or [], exists)
            if wrong is not None:
                problems.add(f"{path}.DefaultValue", TYPE_MISMATCH, f"Default of {kind} field {name}: {wrong}")

    for member in ("ContactFlowId", "SelfAssignFlowId"):
        flow = attrs.get(member)
        if flow and not exists("contact-flow", flow):
            problems.add(member, REFERENCED_RESOURCE_NOT_FOUND, f"The contact flow {flow} does not exist")
    if not attrs.get("ContactFlowId") and "QUICK_CONNECT" not in types:
        problems.add(
            "ContactFlowId",
            REQUIRED_PROPERTY_MISSING,
            "A template needs a ContactFlowId or a field of type QUICK_CONNECT",
        )
    return problems


def custom_field_count(attrs: Mapping[str, Any]) -> int:
    return sum(1 for f in attrs.get("Fields") or [] if f.get("Type") not in SINGLE_TYPES)


def property_error(problems: Problems) -> ModeledError:
    first = problems.items[0]
    more = len(problems.items) - 1
    message = f"{first['PropertyPath']}: {first['Message']}" + (f" (and {more} more)" if more else "")
    return ModeledError("PropertyValidationException", message, PropertyList=problems.items)


# -- the resource ----------------------------------------------------------------------
def _exists_in(parent: Container) -> Exists:
    return lambda kind, ident: child(parent, kind, ident) is not None


def _check(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    problems = template_problems(attrs, _exists_in(parent))
    name = attrs.get("Name")
    if any(t is not current and t.attrs.get("Name") == name for t in parent.children(TASK_TEMPLATE.kind).values()):
        problems.add("Name", RESOURCE_NAME_ALREADY_EXISTS, f"A task template named {name} already exists")
    if problems:
        raise property_error(problems)
    if custom_field_count(attrs) > CUSTOM_FIELDS_PER_TEMPLATE:
        raise ModeledError(
            "ServiceQuotaExceededException",
            f"A task template has at most {CUSTOM_FIELDS_PER_TEMPLATE} customized fields",
        )


TASK_TEMPLATE = ResourceType(
    kind="task-template",
    root_id_names=("InstanceId",),
    defaults={"Status": "ACTIVE"},
    check=_check,
    quota=Quota.most(lambda: TEMPLATES_PER_INSTANCE, "task templates"),
)

#: what a template's content is: UpdateTaskTemplate replaces all of it (Name is kept when not given)
CONTENT = (
    "Description",
    "ContactFlowId",
    "SelfAssignFlowId",
    "ContactHooks",
    "Constraints",
    "Defaults",
    "Fields",
    "Status",
)

#: the attribute holding a template's versions: (attributes, LastModifiedTime, LastModifiedRegion) each
SNAPSHOTS = "_Snapshots"


def record_version(template: Resource) -> None:
    """Keep the template as it is now as its next snapshot version ("1", "2"...)."""
    content = {k: v for k, v in template.attrs.items() if not k.startswith("_")}
    snapshot = (content, template.last_modified_time, template.last_modified_region)
    template.attrs[SNAPSHOTS] = (*template.attrs.get(SNAPSHOTS, ()), snapshot)


def version_of(template: Resource, version: str) -> Resource | None:
    """The template as it was at a snapshot version, or None."""
    snapshots = template.attrs.get(SNAPSHOTS, ())
    if not version.isdigit() or not 1 <= int(version) <= len(snapshots):
        return None
    content, modified, region = snapshots[int(version) - 1]
    old = Resource(template.rtype, template.id, template.arn, template.parent, dict(content))
    old.created_time = template.created_time
    old.last_modified_time = modified
    old.last_modified_region = region
    return old


def current_version(template: Resource) -> str:
    """The snapshot version a task created from the template now refers to."""
    return str(len(template.attrs.get(SNAPSHOTS, ())))
