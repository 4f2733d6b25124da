"""What the operations of Connect Cases share: ids, performers, lookups, checks, client tokens, batches.

``CasesBackend`` (models.py) is made of one mixin per responsibility, each
built on those it uses: related items and SLAs (related.py) on ``RuntimeBase``,
case operations (cases.py) on related items, merges (merges.py) on case
operations, and search (search.py) on related items.  ``RuntimeBase`` holds
the helpers they all use and declares, for the type checker, what the backend
and the merges provide.  Every public runtime operation starts with
``_runtime(domain_id)``: it settles the domain's running merges first, so a
merge the state manager has completed has its effects before anything reads
or changes the cases.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar

from ..core.caller import Caller
from ..core.idempotency import ClientTokens
from ..core.tagging import Tags
from .exceptions import ConflictException, ServiceQuotaExceededException, ValidationError

if TYPE_CHECKING:
    from .cases import Case, CaseData
    from .models import Domain
    from .search import TypeLookup

T = TypeVar("T")
X = TypeVar("X")


class Deletable(Protocol):
    """Something soft-deleted: fields, case rules, templates, layouts."""

    deleted: bool


D = TypeVar("D", bound=Deletable)


class ConfigItem:
    """A field, case rule or template of a domain: named, soft-deleted (it keeps its id, ARN and
    tags and carries ``deleted``) and stamped with its creation and its last change."""

    #: what its output members are named after: ``<KEY>Id``, ``<KEY>Arn``
    KEY: ClassVar[str]

    def __init__(self, item_id: str, arn: str, name: str, at: dt.datetime, description: str | None = None) -> None:
        self.id = item_id
        self.arn = arn
        self.name = name
        self.description = description
        self.created_time = at
        self.last_modified_time = at
        self.deleted = False

    def identity(self) -> dict[str, Any]:
        """The members its summary and description begin with: its id, ARN and name."""
        return {f"{self.KEY}Id": self.id, f"{self.KEY}Arn": self.arn, "name": self.name}

    def stamps(self) -> dict[str, Any]:
        """Whether it is deleted, and when it was created and last changed, as its description says."""
        return {"deleted": self.deleted, "createdTime": self.created_time, "lastModifiedTime": self.last_modified_time}


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


def require_live(item: Deletable, noun: str, ident: str, action: str) -> None:
    """ValidationException when the item is deleted: it cannot be ``action`` (``updated``...)."""
    if item.deleted:
        raise ValidationError(f"{noun} {ident} is deleted and cannot be {action}")


def distinct(items: Iterable[X], where: str, field_id: Callable[[X], str] = str) -> Iterator[X]:
    """The items (field ids, or what ``field_id`` reads one from), each checked as it comes:
    ValidationException at the first field id seen again."""
    seen: set[str] = set()
    for item in items:
        ident = field_id(item)
        if ident in seen:
            raise ValidationError(f"Field {ident} appears more than once in {where}")
        seen.add(ident)
        yield item


def failure(identifier: dict[str, Any], code: str, message: str) -> dict[str, Any]:
    """One failed entry of BatchUpdateCase or BatchCreateRelatedItem."""
    return {"caseIdentifier": identifier, "errorCode": code, "errorMessage": message}


class RuntimeBase:
    """Helpers of every runtime mixin of ``CasesBackend``."""

    tags: Tags
    case_tokens: ClientTokens

    if TYPE_CHECKING:
        # defined by CasesBackend (models.py) and by MergeOperations (merges.py)
        def domain(self, domain_id: str) -> Domain: ...

        def _settle(self, domain: Domain) -> None: ...

    # -- lookups -------------------------------------------------------------
    def _runtime(self, domain_id: str) -> tuple[Domain, CaseData]:
        domain = self.domain(domain_id)
        self._settle(domain)
        return domain, domain.runtime

    def _runtime_case(self, domain_id: str, case_id: str) -> tuple[Domain, CaseData, Case]:
        """``_runtime``, and the case the request names."""
        domain, data = self._runtime(domain_id)
        return domain, data, self._case(domain, case_id)

    @staticmethod
    def _case(domain: Domain, case_id: str) -> Case:
        return domain.lookup(domain.runtime.cases, "Case", case_id)

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

    # -- batches -------------------------------------------------------------
    def _each_case(
        self, targets: list[Case], failed: list[dict[str, Any]], act: Callable[[Case], dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """A batch's work on each case it names: the successful entries (the case's identifier and
        what ``act`` answers).  A case that is the secondary case of a running merge, or that ``act``
        refuses (a conflict, a bad value, a quota), fails alone: its entry joins ``failed``."""
        succeeded: list[dict[str, Any]] = []
        for case in targets:
            try:
                self._not_secondary(case)
                entry = act(case)
            except ConflictException as error:
                failed.append(failure(case.identifier(), "CONFLICT", error.message))
            except ValidationError as error:
                failed.append(failure(case.identifier(), "VALIDATION_ERROR", error.message))
            except ServiceQuotaExceededException as error:
                failed.append(failure(case.identifier(), "SERVICE_QUOTA_EXCEEDED", error.message))
            else:
                succeeded.append({"caseIdentifier": case.identifier(), **entry})
        return succeeded

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
