"""Case merges: a secondary case merged into a primary one, asynchronously, and their operations.

A merge is ``IN_PROGRESS`` until moto's state manager moves it to ``COMPLETED``
(model ``connectcases::merge``; immediate by default).  Each GetMergeCasesStatus
call counts as one read for the ``manual`` progression, so a test can hold a
merge running with ``state_manager.set_transition("connectcases::merge",
{"progression": "manual", "times": N})``.  The backend applies the merge's
effects when it first sees the merge completed (``MergeOperations._settle``,
called at the start of every runtime operation).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import ManagedState, register_transition
from . import quotas
from .base import distinct, new_id, performer
from .cases import CLOSED, MERGEABLE_SYSTEM_FIELDS, Case, CaseData, CaseOperations, audit_fields, with_values
from .exceptions import ConflictException, ValidationError, not_found
from .layouts import layout_field_ids

if TYPE_CHECKING:
    from .models import Domain
    from .related import RelatedItem

MERGE_MODEL = "connectcases::merge"
register_transition(MERGE_MODEL, "immediate")

IN_PROGRESS = "IN_PROGRESS"
COMPLETED = "COMPLETED"
#: "After the merge, the primary case would have more than 500 field values" (StartMergeCases)
MAX_FIELD_VALUES = 500


class Merge(ManagedState):
    def __init__(
        self,
        merge_id: str,
        primary: Case,
        secondary: Case,
        field_ids: list[str],
        related: dict[str, bool],
        performed_by: dict[str, Any],
    ) -> None:
        super().__init__(MERGE_MODEL, [(IN_PROGRESS, COMPLETED)])
        self.id = merge_id
        self.primary = primary
        self.secondary = secondary
        #: fields whose values to take from the secondary case
        self.field_ids = field_ids
        #: related item content member -> whether to move items of that type
        self.related = related
        self.performed_by = performed_by
        self.applied = False

    @property
    def finished(self) -> bool:
        """Whether the state manager says the merge is done (reading it may move it on)."""
        return self.status == COMPLETED

    def metadata(self) -> dict[str, Any]:
        return {"mergeEventId": self.id, "primaryCaseId": self.primary.id, "secondaryCaseId": self.secondary.id}

    def describe(self, status: str) -> dict[str, Any]:
        return {"status": status, "primaryCaseId": self.primary.id, "secondaryCaseIds": [self.secondary.id]}


class MergeOperations(CaseOperations):
    """The merge operations of ``CasesBackend`` (a merge changes cases and moves related items)."""

    def _settle(self, domain: Domain) -> None:
        for merge in list(domain.runtime.running):
            if merge.finished:
                self._finish_merge(domain, merge)

    def _on_case(self, domain: Domain, case: Case, field_id: str) -> bool:
        """Whether a field is "on" a case: it has a value there, or the case's template uses it."""
        if field_id in case.values:
            return True
        template = domain.templates.get(case.template_id)
        if template is None:
            return False
        used = set(template.required_fields)
        layout = domain.layouts.get(template.default_layout or "")
        if layout is not None:
            used.update(layout_field_ids(layout.attrs["content"]))
        return field_id in used

    @staticmethod
    def _mergeable(domain: Domain, field_id: str) -> bool:
        field = domain.fields.get(field_id)
        return field is not None and (not field.is_system or field_id in MERGEABLE_SYSTEM_FIELDS)

    def _merge_changes(
        self, domain: Domain, primary: Case, secondary: Case, selected: list[str]
    ) -> dict[str, dict[str, Any] | None]:
        """New primary values: selected fields take the secondary's value (empty clears);
        other mergeable fields take it only where the primary has none."""
        out: dict[str, dict[str, Any] | None] = {}
        for field_id in dict.fromkeys([*selected, *secondary.values]):
            if not self._mergeable(domain, field_id):
                continue
            theirs = secondary.values.get(field_id)
            if field_id in selected or (primary.values.get(field_id) is None and theirs is not None):
                out[field_id] = copy.deepcopy(theirs)
        return out

    def start_merge_cases(
        self,
        caller: Caller,
        domain_id: str,
        case_id: str,
        secondary_case_ids: list[str],
        *,
        fields_configuration: list[dict[str, Any]] | None = None,
        related_items_configuration: dict[str, Any] | None = None,
        performed_by: dict[str, Any] | None = None,
    ) -> None:
        domain, data, primary = self._runtime_case(domain_id, case_id)
        secondary_id = secondary_case_ids[0]
        if secondary_id == primary.id:
            raise ValidationError("The primary case and the secondary case must be different cases")
        secondary = self._case(domain, secondary_id)
        for case in (primary, secondary):
            if case.merge is not None:
                raise ConflictException(f"Case {case.id} is already part of a merge that is running")
            if case.merged_into is not None:
                raise ConflictException(f"Case {case.id} was merged into another case and cannot be merged again")
        for case in (primary, secondary):
            if case.status == CLOSED:
                raise ValidationError(f"Case {case.id} is closed: only open cases can be merged")
        if primary.customer and secondary.customer and primary.customer != secondary.customer:
            raise ValidationError("The two cases have different customers")
        configs = fields_configuration or []
        if len(configs) > 1:
            raise ValidationError("fieldsConfiguration takes at most one entry")
        selected: list[str] = []
        for config in configs:
            if config["sourceCaseId"] != secondary.id:
                raise ValidationError("fieldsConfiguration.sourceCaseId must be the secondary case")
            for field_id in distinct((entry["id"] for entry in config["fieldIds"]), "fieldsConfiguration"):
                domain.reference(domain.fields, "Field", field_id)
                if not self._mergeable(domain, field_id):
                    raise ValidationError(
                        f"Field {field_id} cannot be merged: only custom fields and "
                        + ", ".join(sorted(MERGEABLE_SYSTEM_FIELDS))
                        + " can"
                    )
                if not self._on_case(domain, secondary, field_id):
                    raise ValidationError(f"The secondary case does not have field {field_id}")
                selected.append(field_id)
        count = len(with_values(primary.values, self._merge_changes(domain, primary, secondary, selected)))
        if count > MAX_FIELD_VALUES:
            raise ValidationError(
                f"After the merge the primary case would have {count} field values (at most {MAX_FIELD_VALUES})"
            )
        related = {k: bool(v) for k, v in (related_items_configuration or {}).items()}
        self._check_related_quota(primary, secondary, related)
        merge = Merge(new_id(), primary, secondary, selected, related, performer(caller, performed_by))
        primary.merge = secondary.merge = merge
        data.running.append(merge)

    def _finish_merge(self, domain: Domain, merge: Merge) -> None:
        data = domain.runtime
        data.running.remove(merge)
        primary, secondary = merge.primary, merge.secondary
        primary.merge = secondary.merge = None
        secondary.merged_into = merge
        merge.applied = True
        at = now()
        who = merge.performed_by
        user = who.get("user")
        primary_changes = self._apply(
            domain, primary, self._merge_changes(domain, primary, secondary, merge.field_ids), who, at
        )
        for item, twin in self._merged_items(primary, secondary, merge.related):
            if twin is None:
                self._move_item(data, item, secondary, primary)
                continue
            if item.contact_arn:
                theirs, mine = self.tags.get(item.arn), self.tags.get(twin.arn)
                self.tags.add(twin.arn, {k: v for k, v in theirs.items() if k not in mine})
            self._drop_item(data, secondary, item)
        for case, other in ((primary, secondary), (secondary, primary)):
            if not any(i.linked_case_id == other.id for i in case.related.values()):
                self._add_item(data, case, "ConnectCase", {"connectCase": {"caseId": other.id}}, user, at)
        secondary_changes = self._apply(domain, secondary, {"status": {"stringValue": CLOSED}}, who, at)
        self._refresh_slas(primary, at)
        self._refresh_slas(secondary, at)
        for case, changes in ((primary, primary_changes), (secondary, secondary_changes)):
            case.record("Case.Merged", at, who, fields=audit_fields(changes), merge_metadata=merge.metadata())

    @staticmethod
    def _merged_items(
        primary: Case, secondary: Case, related: dict[str, bool]
    ) -> list[tuple[RelatedItem, RelatedItem | None]]:
        """The secondary case's related items a merge takes (the types ``related`` selects, never
        files or SLAs), each with the item of the primary case it duplicates (the same contact, a
        link to the same case or to the primary case itself): None means it moves to the primary case,
        an item means it is dropped."""
        out: list[tuple[RelatedItem, RelatedItem | None]] = []
        for item in secondary.related.values():
            if item.type in ("File", "Sla") or not related.get(item.member):
                continue
            twin: RelatedItem | None = None
            if item.contact_arn:
                twin = next((i for i in primary.related.values() if i.contact_arn == item.contact_arn), None)
            elif item.linked_case_id:
                target = item.linked_case_id
                twin = next((i for i in primary.related.values() if i.linked_case_id == target), None)
                if target == primary.id:
                    twin = item
            out.append((item, twin))
        return out

    @staticmethod
    def _check_related_quota(primary: Case, secondary: Case, related: dict[str, bool]) -> None:
        """ServiceQuotaExceededException when, after the merge, either case would have more related
        items than a case may: the primary case's own, those it takes from the secondary case and the
        link to it; the secondary case's that stay, and the link to the primary case."""
        taken = MergeOperations._merged_items(primary, secondary, related)
        gone = {item.id for item, _ in taken}
        after = {
            primary: [*primary.related.values(), *(item for item, twin in taken if twin is None)],
            secondary: [item for item in secondary.related.values() if item.id not in gone],
        }
        for case, other in ((primary, secondary), (secondary, primary)):
            items = after[case]
            link = 0 if any(i.linked_case_id == other.id for i in items) else 1
            quotas.check(len(items) + link, quotas.RELATED_ITEMS_PER_CASE, "related items", f"Case {case.id}")

    def _move_item(self, data: CaseData, item: RelatedItem, source: Case, target: Case) -> None:
        tags = self.tags.get(item.arn)
        source.related.pop(item.id)
        self.tags.forget(item.arn)
        if item.contact_arn:
            data.unlink_contact(item.contact_arn, source)
        item.case_id = target.id
        item.arn = f"{target.arn}/related-item/{item.id}"
        self.tags.track(item.arn, tags)
        target.related.add(item.id, item)
        if item.contact_arn:
            data.link_contact(item.contact_arn, target)

    def get_merge_cases_status(self, domain_id: str, case_id: str) -> dict[str, Any]:
        _, _, case = self._runtime_case(domain_id, case_id)
        if case.merge is not None:
            merge = case.merge
            merge.advance()  # the state manager counts reads: the merge finishes after `times` of them
            return merge.describe(IN_PROGRESS)
        if case.merged_into is not None:
            return case.merged_into.describe(COMPLETED)
        raise not_found("Case", case.id, "as part of a running merge or as the secondary case of a finished one")
