"""Related items and SLAs: what each type holds, how it is shown, and the related-item operations.

Types (``RelatedItemType``): ``Contact``, ``Comment``, ``File``, ``Sla``,
``ConnectCase`` and ``Custom``; the content member is the type's name in
camel case (``contact``, ``comment``, ``file``, ``sla``, ``connectCase``,
``custom``).  ``check_type_matches`` and ``check_static_content`` need nothing
but the request; ``RelatedOperations`` (the part of ``CasesBackend`` that
creates, updates and deletes related items and keeps SLAs in step) checks what
needs the domain (fields, cases).  The search filters of related items are in
search.py.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from ..core.caller import Caller
from ..core.clock import now
from . import quotas
from .base import RuntimeBase, distinct, given, new_id, performer
from .exceptions import ConflictException, ValidationError, found
from .values import datetime_value, problem_with, same

if TYPE_CHECKING:
    from .cases import Case, CaseData
    from .models import Domain

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

#: the channel a Contact related item reports when its contact is not one of the plugin's
DEFAULT_CHANNEL = "VOICE"


def contact_facts(contact_arn: str) -> tuple[str, dt.datetime | None] | None:
    """(channel, connected-to-system time) of the Connect contact an ARN names, when the plugin's
    Connect has it (in the ARN's account, Region and instance); None otherwise."""
    from ..connect import contacts
    from ..connect.models import connect_backends
    from ..core.arns import parse_arn

    parsed = parse_arn(contact_arn)
    if parsed is None:
        return None
    _, instance_id, _, contact_id = parsed["resource"].split("/")
    try:
        backend = connect_backends[parsed["account"]][parsed["region"]]
    except KeyError:
        return None
    instance = backend.instances.get(instance_id)
    contact = None if instance is None else backend.resources.find(contacts.CONTACT, instance, contact_id)
    if contact is None:
        return None
    life = contacts.life(contact)
    return contact.attrs["Channel"], life.at(contacts.CONNECTED_TO_SYSTEM) or life.at(contacts.INITIATED)


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
            channel, connected = contact_facts(body["contactArn"]) or (DEFAULT_CHANNEL, None)
            return {
                "contact": {
                    "contactArn": body["contactArn"],
                    "channel": channel,
                    "connectedToSystemTime": connected or self.association_time,
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


class RelatedOperations(RuntimeBase):
    """The related-item and SLA operations of ``CasesBackend``."""

    @staticmethod
    def _item(case: Case, item_id: str) -> RelatedItem:
        return found(case.related.get(item_id), "RelatedItem", item_id, f"on case {case.id}")

    # -- checks --------------------------------------------------------------
    @staticmethod
    def _room_for_one(case: Case, item_type: str) -> None:
        """ServiceQuotaExceededException when the case already has as many related items as it may,
        or, for a file or an SLA, as many of that type."""
        quotas.check(len(case.related) + 1, quotas.RELATED_ITEMS_PER_CASE, "related items", f"Case {case.id}")
        per_type = {"File": (quotas.FILES_PER_CASE, "files"), "Sla": (quotas.SLAS_PER_CASE, "SLAs")}
        if item_type in per_type:
            limit, what = per_type[item_type]
            count = sum(1 for item in case.related.values() if item.type == item_type) + 1
            quotas.check(count, limit, what, f"Case {case.id}")

    def _check_content(self, domain: Domain, case: Case, item_type: str, content: dict[str, Any]) -> None:
        check_static_content(item_type, content)
        body = content[MEMBER_OF_TYPE[item_type]]
        if item_type == "Contact":
            if any(i.contact_arn == body["contactArn"] for i in case.related.values()):
                raise ConflictException(f"Contact {body['contactArn']} is already related to case {case.id}")
        elif item_type == "ConnectCase":
            target = body["caseId"]
            if target == case.id:
                raise ValidationError("A case cannot be related to itself")
            domain.reference(domain.runtime.cases, "Case", target)
            if any(i.linked_case_id == target for i in case.related.values()):
                raise ConflictException(f"Case {target} is already related to case {case.id}")
        elif item_type == "Sla":
            config = body["slaInputConfiguration"]
            field = domain.fields.get(config["fieldId"])
            if field is None or field.deleted:
                raise ValidationError(f"Field {config['fieldId']} of the SLA does not exist in domain {domain.id}")
            for target_value in config["targetFieldValues"]:
                problem = problem_with(field, target_value)
                if problem:
                    raise ValidationError(f"SLA target value: {problem}")
        elif item_type == "Custom":
            self._check_custom_fields(domain, body["fields"])

    def _check_custom_fields(self, domain: Domain, entries: list[dict[str, Any]]) -> None:
        for entry in distinct(entries, "the custom related item", lambda entry: entry["id"]):
            field_id = entry["id"]
            field = domain.reference(domain.fields, "Field", field_id)
            if field.is_system:
                raise ValidationError(f"System case field {field_id} cannot be used in a custom related item")
            if field.deleted:
                raise ValidationError(f"Field {field_id} is deleted")
            problem = problem_with(field, entry["value"])
            if problem:
                raise ValidationError(problem)
        quotas.check(len(entries), quotas.FIELDS_PER_CUSTOM_ITEM, "fields", "The custom related item")

    # -- state ---------------------------------------------------------------
    def _add_item(
        self,
        data: CaseData,
        case: Case,
        item_type: str,
        content: dict[str, Any],
        performed_by: dict[str, Any] | None,
        at: dt.datetime,
        who: dict[str, Any] | None = None,
    ) -> RelatedItem:
        """A new related item of the case, checks done; with ``who`` (CreateRelatedItem,
        BatchCreateRelatedItem; not a merge), its creation in the case's history."""
        item_id = new_id()
        item = RelatedItem(item_id, f"{case.arn}/related-item/{item_id}", case.id, item_type, content, at, performed_by)
        case.related.add(item_id, item)
        data.related_items.add(item_id, item)
        self.tags.track(item.arn)
        if item.contact_arn:
            data.link_contact(item.contact_arn, case)
        if item_type == "Sla":
            self._refresh_slas(case, at)
        if who is not None:
            case.record("RelatedItem.Created", at, who, related_item_type=item_type)
        return item

    def _drop_item(self, data: CaseData, case: Case, item: RelatedItem) -> None:
        case.related.pop(item.id)
        data.related_items.pop(item.id)
        self.tags.forget(item.arn)
        if item.contact_arn:
            data.unlink_contact(item.contact_arn, case)

    def _refresh_slas(self, case: Case, at: dt.datetime) -> None:
        """Complete SLAs whose target value the case now has; keep next_sla_breach_datetime in step."""
        pending: list[dt.datetime] = []
        for item in case.related.values():
            if item.type != "Sla" or item.completion_time is not None:
                continue
            field_id = item.sla_input.get("fieldId")
            if field_id and item.sla_target_reached(case.values.get(field_id)):
                item.completion_time = at
            elif item.target_time is not None:
                pending.append(item.target_time)
        # values are replaced, never changed in place, so the search index sees the change
        if pending:
            case.values = {**case.values, "next_sla_breach_datetime": datetime_value(min(pending))}
        elif "next_sla_breach_datetime" in case.values:
            case.values = {k: v for k, v in case.values.items() if k != "next_sla_breach_datetime"}

    def describe_item(self, item: RelatedItem, at: dt.datetime, with_case: bool = False) -> dict[str, Any]:
        out = {
            "relatedItemId": item.id,
            "type": item.type,
            "associationTime": item.association_time,
            "content": item.content_out(at),
            "tags": self.tags.get(item.arn),
            "performedBy": copy.deepcopy(item.created_by),
        }
        if with_case:
            out["caseId"] = item.case_id
        return out

    # -- operations ----------------------------------------------------------
    def create_related_item(
        self,
        caller: Caller,
        domain_id: str,
        case_id: str,
        item_type: str,
        content: dict[str, Any],
        performed_by: dict[str, Any] | None = None,
    ) -> RelatedItem:
        domain, data, case = self._runtime_case(domain_id, case_id)
        self._not_secondary(case)
        check_type_matches(item_type, content)
        self._check_content(domain, case, item_type, content)
        self._room_for_one(case, item_type)
        return self._add_item(data, case, item_type, content, performed_by, now(), performer(caller, performed_by))

    def batch_create_related_item(
        self,
        caller: Caller,
        domain_id: str,
        cases: list[dict[str, Any]],
        content: dict[str, Any],
        *,
        performed_by: dict[str, Any] | None = None,
        client_token: str | None = None,
    ) -> dict[str, Any]:
        domain, data = self._runtime(domain_id)
        request = given(domainId=domain_id, content=content, cases=cases, performedBy=performed_by)
        return self._once(
            "BatchCreateRelatedItem",
            domain,
            client_token,
            request,
            lambda: self._batch_comments(caller, domain, data, cases, content, performed_by),
        )

    def _batch_comments(
        self,
        caller: Caller,
        domain: Domain,
        data: CaseData,
        cases: list[dict[str, Any]],
        content: dict[str, Any],
        performed_by: dict[str, Any] | None,
    ) -> dict[str, Any]:
        member = next((m for m in MEMBER_OF_TYPE.values() if m in content), None)
        if member != "comment":
            raise ValidationError("BatchCreateRelatedItem creates comments only: give content.comment")
        targets, failed = data.batch_cases(domain.id, cases)
        who = performer(caller, performed_by)

        def comment(case: Case) -> dict[str, Any]:
            self._room_for_one(case, "Comment")
            item = self._add_item(data, case, "Comment", content, performed_by, now(), who)
            return {"relatedItemId": item.id, "relatedItemArn": item.arn}

        succeeded = self._each_case(targets, failed, comment)
        return {"successfulItems": succeeded, "failedItems": failed}

    def update_related_item(
        self,
        caller: Caller,
        domain_id: str,
        case_id: str,
        item_id: str,
        content: dict[str, Any],
        performed_by: dict[str, Any] | None = None,
    ) -> RelatedItem:
        domain, _, case = self._runtime_case(domain_id, case_id)
        item = self._item(case, item_id)
        self._not_secondary(case)
        if item.type not in ("Comment", "Custom"):
            raise ValidationError(
                f"Related item {item_id} is of type {item.type}: only Comment and Custom items can be updated"
            )
        check_type_matches(item.type, content)
        if item.type == "Custom":
            self._check_custom_fields(domain, content["custom"]["fields"])
        item.content = {item.member: copy.deepcopy(content[item.member])}
        if performed_by:
            item.last_updated_user = copy.deepcopy(performed_by)
        case.record("RelatedItem.Updated", now(), performer(caller, performed_by), related_item_type=item.type)
        return item

    def delete_related_item(self, caller: Caller, domain_id: str, case_id: str, item_id: str) -> None:
        _, data, case = self._runtime_case(domain_id, case_id)
        item = self._item(case, item_id)
        if item.type == "File":
            raise ValidationError("File related items cannot be deleted here: use DeleteAttachedFile")
        self._not_secondary(case)
        self._drop_item(data, case, item)
        at = now()
        if item.type == "Sla":
            self._refresh_slas(case, at)
        case.record("RelatedItem.Deleted", at, performer(caller, None), related_item_type=item.type)
