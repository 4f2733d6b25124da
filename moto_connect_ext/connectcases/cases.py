"""Cases: their data, their audit history, the per-domain indexes, and the case operations.

A case stores the values of its fields by field id (empty values are not
stored), its related items and its audit events (both in creation order), and
whether it takes part in a merge.  ``CaseData`` is the runtime state of one
domain: cases by id, related items of every case in association order (for
SearchAllRelatedItems), cases by contact ARN (ListCasesForContact), cases by
reference ID, running merges, and the equality index of SearchCases.

``CaseOperations`` is the part of ``CasesBackend`` that creates, reads, updates
and deletes cases (one at a time and in batches), evaluates a template's case
rules, lists a case's audit events and the cases of a contact.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.pagination import Store, page_list
from ..core.tagging import Tags
from .base import Change, distinct, failure, given, new_id, performer
from .evaluation import Evaluation, evaluate
from .exceptions import ConflictException, ValidationError
from .related import RelatedItem, RelatedOperations
from .search import TypeLookup, comparable, project
from .values import datetime_value, is_empty, problem_with, same, stored, text_of

if TYPE_CHECKING:
    from .merges import Merge
    from .models import Domain, Template

#: system fields the service sets; requests cannot
READ_ONLY_FIELDS = frozenset(
    {
        "case_id",
        "reference_number",
        "created_datetime",
        "last_updated_datetime",
        "last_closed_datetime",
        "last_reopened_datetime",
        "next_sla_breach_datetime",
        "last_updated_user",
    }
)
#: system fields StartMergeCases can take from the secondary case (custom fields always can)
MERGEABLE_SYSTEM_FIELDS = frozenset({"assigned_queue", "assigned_user", "summary", "case_reason"})
CLOSED = "closed"
OPEN = "open"
#: environment variable that turns case-rule enforcement on (read per request)
RULES_SETTING = "MOTO_CONNECT_CASE_RULES"
#: fields BatchUpdateCase sets only through its top-level members
TOP_LEVEL_FIELDS = {"title": "title", "status": "status", "customer_id": "customerId"}


@dataclass(eq=False)
class AuditEvent:
    id: str
    type: str
    performed_time: dt.datetime
    fields: list[dict[str, Any]]
    performed_by: dict[str, Any]
    related_item_type: str | None = None
    merge_metadata: dict[str, Any] | None = None

    def describe(self) -> dict[str, Any]:
        return {
            "eventId": self.id,
            "type": self.type,
            "relatedItemType": self.related_item_type,
            "performedTime": self.performed_time,
            "fields": copy.deepcopy(self.fields),
            "performedBy": copy.deepcopy(self.performed_by),
            "mergeMetadata": copy.deepcopy(self.merge_metadata),
        }


def audit_fields(changes: Iterable[tuple[str, dict[str, Any] | None, dict[str, Any] | None]]) -> list[dict[str, Any]]:
    """``AuditEventField`` entries from (field id, old value, new value); a cleared field's new value is empty."""
    out: list[dict[str, Any]] = []
    for field_id, old, new in changes:
        entry: dict[str, Any] = {"eventFieldId": field_id, "newValue": {"emptyValue": {}} if is_empty(new) else new}
        if not is_empty(old):
            entry["oldValue"] = old
        out.append(copy.deepcopy(entry))
    return out


class Case:
    def __init__(self, case_id: str, arn: str, template_id: str, reference: str, tags: Tags) -> None:
        self.id = case_id
        self.arn = arn
        self.template_id = template_id
        #: reference number and reference ID (the same text here)
        self.reference = reference
        self._values: dict[str, dict[str, Any]] = {}
        #: told (with the old values) whenever the values are replaced: the search index listens
        self.on_change: Callable[[Case, dict[str, dict[str, Any]]], None] | None = None
        self.related: Store[RelatedItem] = Store()
        self.audit: Store[AuditEvent] = Store()
        self.deleted = False
        #: the running merge this case takes part in (as primary or secondary)
        self.merge: Merge | None = None
        #: the finished merge that merged this case into another
        self.merged_into: Merge | None = None
        self._tags = tags

    @property
    def values(self) -> dict[str, dict[str, Any]]:
        """Field id -> stored value; replace the whole mapping to change it."""
        return self._values

    @values.setter
    def values(self, values: dict[str, dict[str, Any]]) -> None:
        old, self._values = self._values, values
        if self.on_change is not None:
            self.on_change(self, old)

    # -- Searchable ------------------------------------------------------------
    @property
    def tags(self) -> dict[str, str]:
        return self._tags.get(self.arn)

    def value(self, field_id: str) -> dict[str, Any] | None:
        return self.values.get(field_id)

    def texts(self) -> Iterable[str]:
        for value in self.values.values():
            text = text_of(value)
            if text is not None:
                yield text

    # -- state -----------------------------------------------------------------
    @property
    def status(self) -> str | None:
        return text_of(self.values.get("status"))

    @property
    def customer(self) -> str | None:
        return text_of(self.values.get("customer_id")) or None

    def identifier(self, with_number: bool = False) -> dict[str, Any]:
        """A ``CaseIdentifier`` (the batch operations leave the reference number out)."""
        out = {"caseId": self.id, "referenceId": self.reference}
        if with_number:
            out["referenceNumber"] = self.reference
        return out

    def summary(self) -> dict[str, Any]:
        return {"caseId": self.id, "templateId": self.template_id}

    def record(
        self,
        event_type: str,
        at: dt.datetime,
        who: dict[str, Any],
        fields: list[dict[str, Any]] | None = None,
        related_item_type: str | None = None,
        merge_metadata: dict[str, Any] | None = None,
    ) -> None:
        """Add an event to the case's audit history."""
        event = AuditEvent(new_id(), event_type, at, fields or [], who, related_item_type, merge_metadata)
        self.audit.add(event.id, event)


class CaseData:
    """The runtime state of one domain."""

    def __init__(self) -> None:
        self.cases: Store[Case] = Store()
        #: related items of every case, in association order
        self.related_items: Store[RelatedItem] = Store()
        #: contact ARN -> cases it is related to, in association order
        self.by_contact: dict[str, Store[Case]] = {}
        #: lower-cased reference ID -> case
        self.by_reference: dict[str, Case] = {}
        self.running: list[Merge] = []
        self._numbers = itertools.count(1)
        #: field id -> comparable value -> ids of the cases holding it; built for a field the
        #: first time an ``equalTo`` filter names it, and kept up to date from then on
        self.field_index: dict[str, dict[Any, set[str]]] = {}
        self._type_of: TypeLookup | None = None

    # -- the equality index ------------------------------------------------------
    def watch(self, case: Case) -> None:
        """Index a new case, and again whenever its values are replaced."""
        case.on_change = self._changed
        self._file(case.id, case.values, add=True)

    def forget(self, case: Case) -> None:
        case.on_change = None
        self._file(case.id, case.values, add=False)

    def _changed(self, case: Case, old: dict[str, dict[str, Any]]) -> None:
        self._file(case.id, old, add=False)
        self._file(case.id, case.values, add=True)

    def _file(self, case_id: str, values: dict[str, dict[str, Any]], add: bool) -> None:
        """Add a case to (or take it out of) the buckets of every indexed field."""
        if not self.field_index or self._type_of is None:
            return
        for field_id, buckets in self.field_index.items():
            key = comparable(values.get(field_id), self._type_of(field_id))
            if key is None:
                continue
            if add:
                buckets.setdefault(key, set()).add(case_id)
            else:
                bucket = buckets.get(key)
                if bucket is not None:
                    bucket.discard(case_id)
                    if not bucket:
                        del buckets[key]

    def candidates(self, case_filter: dict[str, Any] | None, type_of: TypeLookup) -> list[Case] | None:
        """The cases an ``equalTo`` field filter narrows a search to, in creation order.

        None when no index applies (no filter, or no ``equalTo`` on a value at the top
        of the filter or among the members of a top-level ``andAll``): then every case
        is a candidate.  The query still checks each candidate against the whole filter."""
        equalities = [
            member["field"]["equalTo"]
            for member in _conjuncts(case_filter)
            if "equalTo" in member.get("field", {}) and not is_empty(member["field"]["equalTo"]["value"])
        ]
        if not equalities:
            return None
        self._type_of = type_of
        for field_id in {operand["id"] for operand in equalities} - set(self.field_index):
            buckets: dict[Any, set[str]] = {}
            field_type = type_of(field_id)
            for case in self.cases.values():
                key = comparable(case.values.get(field_id), field_type)
                if key is not None:
                    buckets.setdefault(key, set()).add(case.id)
            self.field_index[field_id] = buckets
        narrowest: set[str] | None = None
        for operand in equalities:
            key = comparable(operand["value"], type_of(operand["id"]))
            bucket = self.field_index[operand["id"]].get(key, set())
            if narrowest is None or len(bucket) < len(narrowest):
                narrowest = bucket
        found = [self.cases[case_id] for case_id in narrowest or ()]
        found.sort(key=lambda case: self.cases.position(case.id))
        return found

    def next_reference(self) -> str:
        """An 8-digit reference number, unique in the domain."""
        return f"{10_000_000 + next(self._numbers):08d}"

    def batch_cases(self, domain_id: str, identifiers: list[dict[str, Any]]) -> tuple[list[Case], list[dict[str, Any]]]:
        """Cases a batch names (by case ID or reference ID) and failures for unknown case IDs.

        A reference ID that matches no case, or a case named twice, fails the whole request."""
        found: list[Case] = []
        failed: list[dict[str, Any]] = []
        seen: set[str] = set()
        for entry in identifiers:
            ident = entry["caseIdentifier"]
            if "referenceId" in ident:
                case = self.by_reference.get(ident["referenceId"].lower())
                if case is None:
                    raise ValidationError(f"Reference ID {ident['referenceId']} matches no case in domain {domain_id}")
                key = case.id
            else:
                key = ident["caseId"]
                case = self.cases.get(key)
            if key in seen:
                raise ValidationError(f"Case {key} appears more than once in the request")
            seen.add(key)
            if case is None:
                failed.append(failure({"caseId": key}, "CASE_NOT_FOUND", f"Case {key} not found in domain {domain_id}"))
            else:
                found.append(case)
        return found, failed

    def link_contact(self, contact_arn: str, case: Case) -> None:
        self.by_contact.setdefault(contact_arn, Store()).add(case.id, case)

    def unlink_contact(self, contact_arn: str, case: Case) -> None:
        """Forget the pair unless the case still has another item for the contact."""
        if any(item.contact_arn == contact_arn for item in case.related.values()):
            return
        store = self.by_contact.get(contact_arn)
        if store is not None:
            store.pop(case.id)
            if not len(store):
                del self.by_contact[contact_arn]


def with_values(
    values: Mapping[str, dict[str, Any]], incoming: Mapping[str, dict[str, Any] | None]
) -> dict[str, dict[str, Any]]:
    """A case's values once ``incoming`` is stored over them (None clears a field)."""
    out = dict(values)
    for field_id, value in incoming.items():
        if value is None:
            out.pop(field_id, None)
        else:
            out[field_id] = value
    return out


def _conjuncts(case_filter: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The filter itself, or the members of its top-level ``andAll``: each must hold."""
    if not case_filter:
        return []
    if "andAll" in case_filter:
        return list(case_filter["andAll"])
    return [case_filter]


def rules_enforced() -> bool:
    return os.environ.get(RULES_SETTING, "").strip().lower() == "enforce"


def _missing(value: dict[str, Any] | None) -> bool:
    return is_empty(value) or text_of(value) == ""


class CaseOperations(RelatedOperations):
    """The case operations of ``CasesBackend`` (cases hold related items and SLAs)."""

    # -- field values --------------------------------------------------------
    def _incoming(
        self, domain: Domain, entries: Iterable[tuple[str, dict[str, Any]]], case: Case | None
    ) -> dict[str, dict[str, Any] | None]:
        """Checked values by field id (None clears); ValidationError names what is wrong."""
        out: dict[str, dict[str, Any] | None] = {}
        deleted: list[str] = []
        for field_id, value in distinct(entries, "the request", lambda entry: entry[0]):
            field = domain.reference(domain.fields, "Field", field_id)
            if field_id in READ_ONLY_FIELDS:
                raise ValidationError(f"Field {field_id} is a system field that only the service sets")
            if field.deleted and (case is None or field_id not in case.values):
                deleted.append(field_id)
                continue
            problem = problem_with(field, value)
            if problem:
                raise ValidationError(problem)
            out[field_id] = None if is_empty(value) else stored(value)
        if deleted:
            what = "a value for them" if len(deleted) > 1 else "a value for it"
            where = "the case does not already have " + what if case is not None else "they cannot be set"
            raise ValidationError(f"Deleted field identifiers in the request: {', '.join(deleted)} ({where})")
        return out

    def _case_template(self, domain: Domain, template_id: str) -> Template:
        template = domain.templates.get(template_id)
        if template is None:
            raise ValidationError(f"Template {template_id} does not exist in domain {domain.id}")
        if template.deleted:
            raise ValidationError(f"Template {template_id} is deleted: cases cannot be created from it")
        if template.status != "Active":
            raise ValidationError(f"Template {template_id} is {template.status}: cases cannot be created from it")
        return template

    def _required_ids(self, domain: Domain, template: Template | None) -> list[str]:
        ids = ["title"]
        if template is not None:
            ids += [f for f in template.required_fields if domain.is_live_field(f) and f != "title"]
        return ids

    # -- case rules ----------------------------------------------------------
    def _evaluation(self, domain: Domain, template: Template, values: Mapping[str, Any]) -> Evaluation:
        attached: list[tuple[str, dict[str, Any]]] = []
        for link in domain.live_template_rules(template):
            rule = domain.case_rules[link["caseRuleId"]].rule
            target = link.get("fieldId") or rule.get("fieldOptions", {}).get("childFieldId")
            if target:
                attached.append((target, rule))
        return evaluate(attached, values)

    def _enforce_rules(self, domain: Domain, template: Template | None, values: Mapping[str, Any]) -> None:
        if template is None or not rules_enforced():
            return
        problems = self._evaluation(domain, template, values).problems(values)
        if problems:
            raise ValidationError("The case breaks case rules of its template: " + "; ".join(problems))

    def evaluate_case_rules(
        self, domain_id: str, template_id: str, field_values: Mapping[str, Any] | Iterable[dict[str, Any]]
    ) -> Evaluation:
        """What the template's case rules say about these values (``{field id: FieldValueUnion}``
        or a list of ``FieldValue`` dicts): which fields are required, hidden, and which child
        options are allowed.  ``.problems(values)`` lists what enforcement would refuse."""
        domain = self.domain(domain_id)
        template = domain.template(template_id)
        if isinstance(field_values, Mapping):
            values = dict(field_values)
        else:
            values = {entry["id"]: entry["value"] for entry in field_values}
        return self._evaluation(domain, template, values)

    # -- changing values -----------------------------------------------------
    def _apply(
        self,
        domain: Domain,
        case: Case,
        incoming: Mapping[str, dict[str, Any] | None],
        who: dict[str, Any],
        at: dt.datetime,
    ) -> list[Change]:
        """Store new values on a case (checks done); keeps the system fields in step."""
        changes: list[Change] = [
            (field_id, case.values.get(field_id), value)
            for field_id, value in incoming.items()
            if not same(case.values.get(field_id), value)
        ]
        if not changes:
            return []
        values = with_values(case.values, {field_id: value for field_id, _, value in changes})
        old_status, new_status = text_of(case.values.get("status")), text_of(values.get("status"))
        if new_status != old_status:
            if new_status == CLOSED:
                values["last_closed_datetime"] = datetime_value(at)
            elif old_status == CLOSED:
                values["last_reopened_datetime"] = datetime_value(at)
        values["last_updated_datetime"] = datetime_value(at)
        user_arn = (who.get("user") or {}).get("userArn")
        if user_arn:
            values["last_updated_user"] = {"userArnValue": user_arn}
        case.values = values
        self._refresh_slas(case, at)
        return changes

    def _update(
        self, domain: Domain, case: Case, incoming: Mapping[str, dict[str, Any] | None], who: dict[str, Any]
    ) -> list[Change]:
        """UpdateCase on one case: required fields cannot be cleared; rules checked when enforced."""
        template = domain.templates.get(case.template_id)
        for field_id in self._required_ids(domain, template):
            if field_id in incoming and _missing(incoming[field_id]):
                raise ValidationError(f"Field {field_id} is required on the case's template and cannot be emptied")
        self._enforce_rules(domain, template, with_values(case.values, incoming))
        at = now()
        changes = self._apply(domain, case, incoming, who, at)
        if changes:
            case.record("Case.Updated", at, who, fields=audit_fields(changes))
        return changes

    # -- operations ----------------------------------------------------------
    def create_case(
        self,
        caller: Caller,
        domain_id: str,
        template_id: str,
        fields: list[dict[str, Any]],
        *,
        client_token: str | None = None,
        performed_by: dict[str, Any] | None = None,
        tags: dict[str, str] | None = None,
    ) -> Case:
        domain, data = self._runtime(domain_id)
        request = given(domainId=domain_id, templateId=template_id, fields=fields, performedBy=performed_by, tags=tags)
        case_id = self._once(
            "CreateCase",
            domain,
            client_token,
            request,
            lambda: self._new_case(caller, domain, data, template_id, fields, performed_by, tags).id,
        )
        return data.cases[case_id]

    def _new_case(
        self,
        caller: Caller,
        domain: Domain,
        data: CaseData,
        template_id: str,
        fields: list[dict[str, Any]],
        performed_by: dict[str, Any] | None,
        tags: dict[str, str] | None,
    ) -> Case:
        template = self._case_template(domain, template_id)
        incoming = self._incoming(domain, ((f["id"], f["value"]) for f in fields), None)
        values = {k: v for k, v in incoming.items() if v is not None}
        for field_id in self._required_ids(domain, template):
            if _missing(values.get(field_id)):
                why = "is always required" if field_id == "title" else "is required by the template"
                raise ValidationError(f"Field {field_id} {why}: give it a value to create a case")
        values.setdefault("status", {"stringValue": OPEN})
        self._enforce_rules(domain, template, values)

        at = now()
        case_id = new_id()
        reference = data.next_reference()
        case = Case(case_id, domain.child_arn("case", case_id), template.id, reference, self.tags)
        who = performer(caller, performed_by)
        system: dict[str, dict[str, Any]] = {
            "case_id": {"stringValue": case_id},
            "reference_number": {"stringValue": reference},
            "created_datetime": datetime_value(at),
            "last_updated_datetime": datetime_value(at),
        }
        if text_of(values["status"]) == CLOSED:
            system["last_closed_datetime"] = datetime_value(at)
        user_arn = (performed_by or {}).get("userArn")
        if user_arn:
            system["last_updated_user"] = {"userArnValue": user_arn}
        case.values = {**values, **system}
        case_tags = dict(tags or {})
        for config in template.tag_propagation or []:
            if config["resourceType"] == "Cases":
                case_tags.update(config["tagMap"])
        data.cases.add(case_id, case)
        data.watch(case)
        data.by_reference[reference.lower()] = case
        self.tags.track(case.arn, case_tags)
        case.record("Case.Created", at, who, fields=audit_fields((k, None, v) for k, v in case.values.items()))
        return case

    def get_case(self, domain_id: str, case_id: str, field_ids: list[str]) -> dict[str, Any]:
        _, _, case = self._runtime_case(domain_id, case_id)
        return {"fields": project(case, field_ids), "templateId": case.template_id, "tags": case.tags}

    def update_case(
        self,
        caller: Caller,
        domain_id: str,
        case_id: str,
        fields: list[dict[str, Any]],
        performed_by: dict[str, Any] | None = None,
    ) -> None:
        domain, _, case = self._runtime_case(domain_id, case_id)
        self._not_secondary(case)
        incoming = self._incoming(domain, ((f["id"], f["value"]) for f in fields), case)
        self._update(domain, case, incoming, performer(caller, performed_by))

    def delete_case(self, domain_id: str, case_id: str) -> None:
        _, data, case = self._runtime_case(domain_id, case_id)
        if case.merge is not None:
            role = "primary" if case.merge.primary is case else "secondary"
            raise ConflictException(f"Case {case.id} is the {role} case of a merge that is running")
        for item in list(case.related.values()):
            self._drop_item(data, case, item)
        data.cases.pop(case.id)
        data.forget(case)
        data.by_reference.pop(case.reference.lower(), None)
        self.tags.forget(case.arn)
        case.deleted = True
        self.case_tokens.forget_results(lambda result: result == case.id)

    def batch_update_case(
        self,
        caller: Caller,
        domain_id: str,
        cases: list[dict[str, Any]],
        fields: list[dict[str, Any]],
        *,
        title: str | None = None,
        status: str | None = None,
        customer_id: str | None = None,
        performed_by: dict[str, Any] | None = None,
        client_token: str | None = None,
    ) -> dict[str, Any]:
        domain, data = self._runtime(domain_id)
        request = given(
            domainId=domain_id,
            cases=cases,
            fields=fields,
            performedBy=performed_by,
            title=title,
            status=status,
            customerId=customer_id,
        )
        top_level = {"title": title, "status": status, "customer_id": customer_id}
        return self._once(
            "BatchUpdateCase",
            domain,
            client_token,
            request,
            lambda: self._batch_update(caller, domain, data, cases, fields, top_level, performed_by),
        )

    def _batch_update(
        self,
        caller: Caller,
        domain: Domain,
        data: CaseData,
        cases: list[dict[str, Any]],
        fields: list[dict[str, Any]],
        top_level: dict[str, str | None],
        performed_by: dict[str, Any] | None,
    ) -> dict[str, Any]:
        targets, failed = data.batch_cases(domain.id, cases)
        entries = self._batch_fields(domain, fields, top_level)
        who = performer(caller, performed_by)

        def update(case: Case) -> dict[str, Any]:
            self._update(domain, case, self._incoming(domain, entries, case), who)
            return {}

        succeeded = self._each_case(targets, failed, update)
        return {"successfulCases": succeeded, "failedCases": failed}

    def _batch_fields(
        self, domain: Domain, fields: list[dict[str, Any]], top_level: dict[str, str | None]
    ) -> list[tuple[str, dict[str, Any]]]:
        """(field id, value) to set: ``fields`` by id or name, then the top-level members given
        (``top_level`` is keyed by the field id each sets)."""
        entries: list[tuple[str, dict[str, Any]]] = []
        for item in fields:
            ident = item["fieldIdentifier"]
            if "name" in ident:
                name = ident["name"]
                if "|" in name or "," in name:
                    raise ValidationError(f"Field name {name!r} cannot contain a pipe (|) or a comma (,)")
                field = next((f for f in domain.fields.values() if f.name == name and not f.deleted), None)
                if field is None:
                    raise ValidationError(f"No field named {name!r} in domain {domain.id}")
            else:
                field = domain.reference(domain.fields, "Field", ident["id"])
            if field.id in TOP_LEVEL_FIELDS:
                raise ValidationError(
                    f"Set {field.id} through the top-level {TOP_LEVEL_FIELDS[field.id]} parameter, not in fields"
                )
            entries.append((field.id, item["value"]))
        for field_id in TOP_LEVEL_FIELDS:
            value = top_level.get(field_id)
            if value is not None:
                entries.append((field_id, {"stringValue": value}))
        if not entries:
            raise ValidationError(
                "Nothing to update: give at least one entry in fields, or a title, status or customerId"
            )
        ids = [field_id for field_id, _ in entries]
        for field_id in ids:
            if ids.count(field_id) > 1:
                raise ValidationError(f"Field {field_id} appears more than once in the request")
        return entries

    # -- lists ---------------------------------------------------------------
    def list_cases_for_contact(
        self, domain_id: str, contact_arn: str, next_token: str | None, max_results: int
    ) -> tuple[list[Case], str | None]:
        _, data = self._runtime(domain_id)
        store = data.by_contact.get(contact_arn)
        if store is None:
            if next_token:
                page_list([], next_token, max_results)  # refuses a token that was never issued
            return [], None
        return store.page(next_token, max_results)

    def get_case_audit_events(
        self, domain_id: str, case_id: str, next_token: str | None, max_results: int
    ) -> tuple[list[AuditEvent], str | None]:
        _, _, case = self._runtime_case(domain_id, case_id)
        return case.audit.page(next_token, max_results)
