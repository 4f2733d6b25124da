"""What the runtime operations of Connect Cases share: ids, performers, lookups, client tokens.

``CasesBackend`` (models.py) is made of one mixin per responsibility: case
operations (cases.py), related items and SLAs (related.py), merges (merges.py)
and search (search.py).  Each derives from ``RuntimeBase``, which holds the
helpers they all use and declares, for the type checker, the few methods one
mixin calls on another.  Every public runtime operation starts with
``_runtime(domain_id)``: it settles the domain's running merges first, so a
merge the state manager has completed has its effects before anything reads
or changes the cases.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.caller import Caller
from ..core.idempotency import ClientTokens
from ..core.tagging import Tags
from .exceptions import ConflictException, not_found

if TYPE_CHECKING:
    from .cases import Case, CaseData
    from .models import Domain
    from .related import RelatedItem
    from .search import TypeLookup

T = TypeVar("T")

#: (field id, old value, new value) of one changed field; None is "no value"
Change = tuple[str, "dict[str, Any] | None", "dict[str, Any] | None"]


def new_id() -> str:
    """A new resource id (a UUID)."""
    return str(uuid.uuid4())


def performer(caller: Caller, performed_by: dict[str, Any] | None) -> dict[str, Any]:
    """An ``AuditEventPerformedBy``: the user given in the request and the calling principal."""
    out: dict[str, Any] = {"iamPrincipalArn": f"arn:{caller.partition}:sts::{caller.account_id}:user/moto"}
    if performed_by:
        out["user"] = copy.deepcopy(performed_by)
    return out


def given(**members: Any) -> dict[str, Any]:
    """A request's members as the parser hands them over: the ones not given are absent."""
    return {name: value for name, value in members.items() if value is not None}


class RuntimeBase:
    """Helpers of every runtime mixin of ``CasesBackend``."""

    tags: Tags
    case_tokens: ClientTokens

    if TYPE_CHECKING:
        # defined by CasesBackend (models.py) and by the sibling mixins
        def domain(self, domain_id: str) -> Domain: ...

        def _settle(self, domain: Domain) -> None: ...

        def _apply(
            self,
            domain: Domain,
            case: Case,
            incoming: Mapping[str, dict[str, Any] | None],
            who: dict[str, Any],
            at: dt.datetime,
        ) -> list[Change]: ...

        def _refresh_slas(self, case: Case, at: dt.datetime) -> None: ...

        def _add_item(
            self,
            data: CaseData,
            case: Case,
            item_type: str,
            content: dict[str, Any],
            performed_by: dict[str, Any] | None,
            at: dt.datetime,
        ) -> RelatedItem: ...

        def _drop_item(self, data: CaseData, case: Case, item: RelatedItem) -> None: ...

        def describe_item(self, item: RelatedItem, at: dt.datetime, with_case: bool = False) -> dict[str, Any]: ...

    # -- lookups -------------------------------------------------------------
    def _runtime(self, domain_id: str) -> tuple[Domain, CaseData]:
        domain = self.domain(domain_id)
        self._settle(domain)
        return domain, domain.runtime

    @staticmethod
    def _case(domain: Domain, case_id: str) -> Case:
        found = domain.runtime.cases.get(case_id)
        if found is None:
            raise not_found("Case", case_id, f"in domain {domain.id}")
        return found

    @staticmethod
    def _type_lookup(domain: Domain) -> TypeLookup:
        def type_of(field_id: str) -> str | None:
            field = domain.fields.get(field_id)
            return field.type if field is not None else None

        return type_of

    @staticmethod
    def _not_secondary(case: Case) -> None:
        merge = case.merge
        if merge is not None and merge.secondary is case:
            raise ConflictException(f"Case {case.id} is the secondary case of a merge that is running")

    # -- client tokens -------------------------------------------------------
    def _once(
        self, operation: str, domain: Domain, token: str | None, request: dict[str, Any], create: Callable[[], T]
    ) -> T:
        """``create()`` once per ``clientToken`` in a domain: a retry gets the first result.

        ``request`` is the request minus its token (see ``given``): a token reused with
        another request is ``ConflictException``."""
        result, _ = self.case_tokens.once(
            f"{operation}/{domain.id}",
            token,
            request,
            create,
            lambda: ConflictException(f"The client token {token!r} was already used with a different request"),
        )
        return result
