"""Case merges: a secondary case merged into a primary one, asynchronously.

A merge is ``IN_PROGRESS`` until moto's state manager moves it to ``COMPLETED``
(model ``connectcases::merge``; immediate by default).  Each GetMergeCasesStatus
call counts as one read for the ``manual`` progression, so a test can hold a
merge running with ``state_manager.set_transition("connectcases::merge",
{"progression": "manual", "times": N})``.  The backend applies the merge's
effects when it first sees the merge completed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.moto_compat import ManagedState, register_transition

if TYPE_CHECKING:
    from .cases import Case

MERGE_MODEL = "connectcases::merge"
register_transition(MERGE_MODEL, "immediate")

IN_PROGRESS = "IN_PROGRESS"
COMPLETED = "COMPLETED"


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
