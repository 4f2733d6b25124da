"""Cases, their audit history and the per-domain indexes the runtime operations use.

A case stores the values of its fields by field id (empty values are not
stored), its related items and its audit events (both in creation order), and
whether it takes part in a merge.  ``CaseData`` is the runtime state of one
domain: cases by id, related items of every case in association order (for
SearchAllRelatedItems), cases by contact ARN (ListCasesForContact), cases by
reference ID, running merges and the sorted results of recent searches.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..core.pagination import Store
from ..core.tagging import Tags
from .related import RelatedItem
from .search import TypeLookup, comparable
from .values import is_empty, text_of

if TYPE_CHECKING:
    from .merges import Merge

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
#: how many recent searches keep their sorted results for the next pages
SEARCHES_KEPT = 32


class AuditEvent:
    def __init__(
        self,
        event_id: str,
        event_type: str,
        at: dt.datetime,
        fields: list[dict[str, Any]],
        performed_by: dict[str, Any],
        related_item_type: str | None = None,
        merge_metadata: dict[str, Any] | None = None,
    ) -> None:
        self.id = event_id
        self.type = event_type
        self.performed_time = at
        self.fields = fields
        self.performed_by = performed_by
        self.related_item_type = related_item_type
        self.merge_metadata = merge_metadata

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
        #: query key -> sorted results of the last walk of that query
        self.searches: OrderedDict[str, list[Any]] = OrderedDict()
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

    def remember_search(self, key: str, results: list[Any]) -> None:
        self.searches[key] = results
        self.searches.move_to_end(key)
        while len(self.searches) > SEARCHES_KEPT:
            self.searches.popitem(last=False)

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


def _conjuncts(case_filter: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The filter itself, or the members of its top-level ``andAll``: each must hold."""
    if not case_filter:
        return []
    if "andAll" in case_filter:
        return list(case_filter["andAll"])
    return [case_filter]
