"""Related items: what each type holds, how it is shown, and how the search filters select it.

Types (``RelatedItemType``): ``Contact``, ``Comment``, ``File``, ``Sla``,
``ConnectCase`` and ``Custom``; the content member is the type's name in
camel case (``contact``, ``comment``, ``file``, ``sla``, ``connectCase``,
``custom``).  The checks that need the domain (fields, cases) live in the
backend; the ones here need nothing but the request.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from ..core.errors import ValidationError
from .search import TypeLookup, match_fields
from .values import same

#: RelatedItemType -> member of RelatedItemInputContent / RelatedItemContent / RelatedItemTypeFilter
MEMBER_OF_TYPE = {
    "Contact": "contact",
    "Comment": "comment",
    "File": "file",
    "Sla": "sla",
    "ConnectCase": "connectCase",
    "Custom": "custom",
}
TYPE_OF_MEMBER = {member: kind for kind, member in MEMBER_OF_TYPE.items()}

CONTACT_ARN = re.compile(r"^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance/[^/\s]+/contact/[^/\s]+$")
FILE_ARN = re.compile(r"^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance/[^/\s]+/file/[^/\s]+$")

#: the channel a Contact related item reports: the plugin has no contacts to read it from
DEFAULT_CHANNEL = "VOICE"


def content_member(content: dict[str, Any]) -> str:
    for member in TYPE_OF_MEMBER:
        if member in content:
            return member
    raise ValidationError("The content of a related item must set one of " + ", ".join(TYPE_OF_MEMBER))


def check_type_matches(item_type: str, content: dict[str, Any]) -> str:
    """The content member; ValidationError when it is not the one ``item_type`` needs."""
    member = content_member(content)
    expected = MEMBER_OF_TYPE[item_type]
    if member != expected:
        raise ValidationError(f"A related item of type {item_type} takes content.{expected}, not content.{member}")
    return member


def check_static_content(item_type: str, content: dict[str, Any]) -> None:
    """Content rules that need no domain lookup."""
    body = content[MEMBER_OF_TYPE[item_type]]
    if item_type == "Contact" and not CONTACT_ARN.match(body["contactArn"]):
        raise ValidationError(
            f"{body['contactArn']!r} is not the ARN of an Amazon Connect contact "
            "(arn:aws:connect:<region>:<account>:instance/<instance id>/contact/<contact id>)"
        )
    if item_type == "File" and not FILE_ARN.match(body["fileArn"]):
        raise ValidationError(
            f"{body['fileArn']!r} is not the ARN of an Amazon Connect file "
            "(arn:aws:connect:<region>:<account>:instance/<instance id>/file/<file id>)"
        )
    if item_type == "Sla":
        config = body.get("slaInputConfiguration")
        if config is None:
            raise ValidationError("An Sla related item needs content.sla.slaInputConfiguration")
        if config["type"] == "CaseField" and (not config.get("fieldId") or not config.get("targetFieldValues")):
            raise ValidationError("An SLA of type CaseField needs a fieldId and targetFieldValues")


class RelatedItem:
    def __init__(
        self,
        item_id: str,
        arn: str,
        case_id: str,
        item_type: str,
        content: dict[str, Any],
        at: dt.datetime,
        performed_by: dict[str, Any] | None,
    ) -> None:
        self.id = item_id
        self.arn = arn
        self.case_id = case_id
        self.type = item_type
        #: the input content, as given (member of RelatedItemInputContent)
        self.content = copy.deepcopy(content)
        self.association_time = at
        self.created_by = copy.deepcopy(performed_by)
        self.last_updated_user = copy.deepcopy(performed_by)
        # SLA state
        self.target_time: dt.datetime | None = None
        self.completion_time: dt.datetime | None = None
        if item_type == "Sla":
            minutes = int(self.sla_input["targetSlaMinutes"])
            self.target_time = at + dt.timedelta(minutes=minutes)

    # -- views -----------------------------------------------------------------
    @property
    def member(self) -> str:
        return MEMBER_OF_TYPE[self.type]

    @property
    def body(self) -> dict[str, Any]:
        return self.content[self.member]  # type: ignore[no-any-return]

    @property
    def sla_input(self) -> dict[str, Any]:
        return self.content["sla"]["slaInputConfiguration"]  # type: ignore[no-any-return]

    @property
    def contact_arn(self) -> str | None:
        return self.body["contactArn"] if self.type == "Contact" else None

    @property
    def linked_case_id(self) -> str | None:
        return self.body["caseId"] if self.type == "ConnectCase" else None

    def sla_status(self, at: dt.datetime) -> str:
        """``Met``/``NotMet`` once the target value was reached (in time or late), else ``Active``/``Overdue``."""
        assert self.target_time is not None
        if self.completion_time is not None:
            return "Met" if self.completion_time <= self.target_time else "NotMet"
        return "Overdue" if at > self.target_time else "Active"

    def sla_target_reached(self, value: dict[str, Any] | None) -> bool:
        targets = self.sla_input.get("targetFieldValues") or []
        return any(same(value, target) for target in targets)

    def content_out(self, at: dt.datetime) -> dict[str, Any]:
        """The ``RelatedItemContent`` union."""
        body = self.body
        if self.type == "Contact":
            return {
                "contact": {
                    "contactArn": body["contactArn"],
                    "channel": DEFAULT_CHANNEL,
                    "connectedToSystemTime": self.association_time,
                }
            }
        if self.type == "Sla":
            config = self.sla_input
            return {
                "sla": {
                    "slaConfiguration": {
                        "name": config["name"],
                        "type": config["type"],
                        "status": self.sla_status(at),
                        "fieldId": config.get("fieldId"),
                        "targetFieldValues": copy.deepcopy(config.get("targetFieldValues")),
                        "targetTime": self.target_time,
                        "completionTime": self.completion_time,
                    }
                }
            }
        return {self.member: copy.deepcopy(body)}

    def custom_value(self, field_id: str) -> dict[str, Any] | None:
        if self.type != "Custom":
            return None
        for entry in self.body["fields"]:
            if entry["id"] == field_id:
                return entry["value"]  # type: ignore[no-any-return]
        return None


def type_filter_matches(type_filter: dict[str, Any], item: RelatedItem, at: dt.datetime, type_of: TypeLookup) -> bool:
    """Whether an item passes one ``RelatedItemTypeFilter`` (its type, then the type's parameters)."""
    member = next(m for m in TYPE_OF_MEMBER if m in type_filter)
    if TYPE_OF_MEMBER[member] != item.type:
        return False
    params = type_filter[member]
    body = item.body
    if member == "contact":
        channels = params.get("channel") or []
        if channels and DEFAULT_CHANNEL not in channels:
            return False
        return "contactArn" not in params or params["contactArn"] == body["contactArn"]
    if member == "file":
        return "fileArn" not in params or params["fileArn"] == body["fileArn"]
    if member == "sla":
        if "name" in params and params["name"] != item.sla_input["name"]:
            return False
        return "status" not in params or params["status"] == item.sla_status(at)
    if member == "connectCase":
        return "caseId" not in params or params["caseId"] == body["caseId"]
    if member == "custom":
        fields_filter = params.get("fields")
        return fields_filter is None or match_fields(fields_filter, item.custom_value, type_of)
    return True  # comment: no parameters


def filters_match(filters: list[dict[str, Any]], item: RelatedItem, at: dt.datetime, type_of: TypeLookup) -> bool:
    """Filters combine with OR; no filter keeps everything."""
    return not filters or any(type_filter_matches(f, item, at, type_of) for f in filters)
