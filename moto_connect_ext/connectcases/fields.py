"""Case fields and their options, including the system fields of every domain.

System fields carry stable ids equal to their names in the API (``title``,
``status``, ``reference_number``...), as AWS documents them in "Create case
fields" (Connect administrator guide), and live in namespace ``System``.
Custom fields get UUIDs and namespace ``Custom``.  Fields are soft-deleted:
a deleted field keeps its id, ARN, options and tags, is still returned by
BatchGetField (``deleted: true``) and is left out of everything else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..core.pagination import Store
from .base import ConfigItem

SYSTEM = "System"
CUSTOM = "Custom"

#: field types whose values are text (and compare with ``stringValue``)
TEXT_LIKE_TYPES = frozenset({"Text", "Url", "SingleSelect", "User"})


@dataclass(frozen=True)
class SystemField:
    id: str
    name: str
    type: str
    description: str
    #: (name, value) of options that come with the field and cannot be changed
    fixed_options: tuple[tuple[str, str], ...] = ()


#: the system fields of a new domain, in the order AWS lists them
SYSTEM_FIELDS: tuple[SystemField, ...] = (
    SystemField("assigned_queue", "Assigned queue", "Text", "The Amazon Connect queue assigned to the case"),
    SystemField("assigned_user", "Assigned user", "Text", "The Amazon Connect user assigned to the case"),
    SystemField("case_id", "Case ID", "Text", "Unique identifier of the case"),
    SystemField("case_reason", "Case Reason", "SingleSelect", "The reason for opening the case"),
    SystemField("customer_id", "Customer", "Text", "The customer profile ARN of the case"),
    SystemField("last_closed_datetime", "Date/Time Closed", "DateTime", "When the case was last closed"),
    SystemField("created_datetime", "Date/Time Opened", "DateTime", "When the case was opened"),
    SystemField("last_updated_datetime", "Date/Time Updated", "DateTime", "When the case was last updated"),
    SystemField("last_reopened_datetime", "Date/Time Reopened", "DateTime", "When the case was last reopened"),
    SystemField("next_sla_breach_datetime", "Next SLA Breach", "DateTime", "When the next SLA of the case breaches"),
    SystemField("last_updated_user", "Last Updated User", "User", "The user who last updated the case"),
    SystemField("reference_number", "Reference number", "Text", "A friendly 8-digit number for the case"),
    SystemField(
        "status",
        "Status",
        "SingleSelect",
        "Current status of the case",
        fixed_options=(("Open", "open"), ("Closed", "closed")),
    ),
    SystemField("summary", "Summary", "Text", "Summary of the case"),
    SystemField("title", "Title", "Text", "Title of the case"),
)

SYSTEM_FIELD_IDS = frozenset(f.id for f in SYSTEM_FIELDS)

#: system fields that cannot be placed on a layout (they are not configurable)
NOT_ON_LAYOUTS = frozenset({"title", "status"})

#: "FieldOptionValue has max length 100 and must be alphanumeric with hyphens and underscores" (FieldOption)
OPTION_VALUE = re.compile(r"^[A-Za-z0-9_-]+$")


class FieldOption:
    """One option of a SingleSelect field; its value is its identity."""

    def __init__(self, name: str, value: str, active: bool, fixed: bool = False) -> None:
        self.name = name
        self.value = value
        self.active = active
        #: system options (status open/closed) cannot be renamed or deactivated
        self.fixed = fixed

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "active": self.active}


class Field(ConfigItem):
    KEY = "field"

    def __init__(
        self,
        field_id: str,
        arn: str,
        name: str,
        field_type: str,
        namespace: str,
        now: dt.datetime,
        description: str | None = None,
        attributes: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(field_id, arn, name, now, description)
        self.type = field_type
        self.namespace = namespace
        self.attributes = attributes
        #: options by value, in the order they were first put
        self.options: Store[FieldOption] = Store()

    @property
    def is_system(self) -> bool:
        return self.namespace == SYSTEM

    def option_values(self) -> set[str]:
        return set(self.options)

    def active_option_values(self) -> set[str]:
        return {o.value for o in self.options.values() if o.active}

    def summary(self) -> dict[str, Any]:
        return {**self.identity(), "type": self.type, "namespace": self.namespace, "attributes": self.attributes}

    def describe(self, tags: dict[str, str]) -> dict[str, Any]:
        return {**self.summary(), "description": self.description, "tags": tags, **self.stamps()}
