"""Connect Cases, runtime side: cases, related items, audit history, search and merges.

``CaseRuntime`` is mixed into ``CasesBackend``; its state lives in each
domain's ``runtime`` (``cases.CaseData``).  Every public method settles the
domain's running merges first, so a merge the state manager has completed has
its effects before anything reads or changes the cases.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..core.clock import now
from ..core.idempotency import ClientTokens, without
from ..core.pagination import page_list
from ..core.tagging import Tags
from .cases import (
    CLOSED,
    MERGEABLE_SYSTEM_FIELDS,
    OPEN,
    READ_ONLY_FIELDS,
    AuditEvent,
    Case,
    CaseData,
    audit_fields,
)
from .evaluation import Evaluation, evaluate
from .exceptions import ConflictException, ValidationError, not_found
from .merges import COMPLETED, IN_PROGRESS, Merge
from .related import (
    MEMBER_OF_TYPE,
    RelatedItem,
    check_static_content,
    check_type_matches,
    filters_match,
)
from .search import Query, TypeLookup, check_case_filter, project
from .values import datetime_value, is_empty, problem_with, same, stored, text_of

T = TypeVar("T")

if TYPE_CHECKING:
    from .models import Domain, Template

#: environment variable that turns case-rule enforcement on (read per request)
RULES_SETTING = "MOTO_CONNECT_CASE_RULES"
#: "After the merge, the primary case would have more than 500 field values" (StartMergeCases)
MAX_FIELD_VALUES = 500
#: fields BatchUpdateCase sets only through its top-level members
TOP_LEVEL_FIELDS = {"title": "title", "status": "status", "customer_id": "customerId"}

Change = tuple[str, "dict[str, Any] | None", "dict[str, Any] | None"]


def new_id() -> str:
    return str(uuid.uuid4())


def rules_enforced() -> bool:
    return os.environ.get(RULES_SETTING, "").strip().lower() == "enforce"


def performer(caller: Any, performed_by: dict[str, Any] | None) -> dict[str, Any]:
    """An ``AuditEventPerformedBy``: the user given in the request and the calling principal."""
    out: dict[str, Any] = {"iamPrincipalArn": f"arn:{caller.partition}:sts::{caller.account_id}:user/moto"}
    if performed_by:
        out["user"] = copy.deepcopy(performed_by)
    return out


def _missing(value: dict[str, Any] | None) -> bool:
    return is_empty(value) or text_of(value) == ""


class CaseRuntime:
    """The runtime operations of ``CasesBackend``."""

    tags: Tags
    case_tokens: ClientTokens

    if TYPE_CHECKING:

        def domain(self, domain_id: str) -> Domain: ...

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
    def _item(case: Case, item_id: str) -> RelatedItem:
        found = case.related.get(item_id)
        if found is None:
            raise not_found("RelatedItem", item_id, f"on case {case.id}")
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

    # -- field values --------------------------------------------------------
    def _incoming(
        self, domain: Domain, entries: Iterable[tuple[str, dict[str, Any]]], case: Case | None
    ) -> dict[str, dict[str, Any] | None]:
        """Checked values by field id (None clears); ValidationError names what is wrong."""
        out: dict[str, dict[str, Any] | None] = {}
        deleted: list[str] = []
        for field_id, value in entries:
            if field_id in out or field_id in deleted:
                raise ValidationError(f"Field {field_id} appears more than once in the request")
            field = domain.fields.get(field_id)
            if field is None:
                raise ValidationError(f"Field {field_id} does not exist in domain {domain.id}")
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

    def _apply(
        self,
        domain: Domain,
        case: Case,
        incoming: Mapping[str, dict[str, Any] | None],
        who: dict[str, Any],
        at: dt.datetime,
    ) -> list[Change]:
        """Store new values on a case (checks done); keeps the system fields in step."""
        values = dict(case.values)
        changes: list[Change] = []
        for field_id, value in incoming.items():
            old = case.values.get(field_id)
            if same(old, value):
                continue
            if value is None:
                values.pop(field_id, None)
            else:
                values[field_id] = value
            changes.append((field_id, old, value))
        if not changes:
            return []
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
        result = dict(case.values)
        for field_id, value in incoming.items():
            if value is None:
                result.pop(field_id, None)
            else:
                result[field_id] = value
        self._enforce_rules(domain, template, result)
        at = now()
        changes = self._apply(domain, case, incoming, who, at)
        if changes:
            self._audit(case, "Case.Updated", at, who, fields=audit_fields(changes))
        return changes

    def _audit(
        self,
        case: Case,
        event_type: str,
        at: dt.datetime,
        who: dict[str, Any],
        fields: list[dict[str, Any]] | None = None,
        related_item_type: str | None = None,
        merge_metadata: dict[str, Any] | None = None,
    ) -> None:
        event = AuditEvent(new_id(), event_type, at, fields or [], who, related_item_type, merge_metadata)
        case.audit.add(event.id, event)

    def _once(self, operation: str, domain: Domain, request: dict[str, Any], create: Callable[[], T]) -> T:
        """``create()`` once per ``clientToken`` in a domain: a retry gets the first result."""
        token = request.get("clientToken")
        result, _ = self.case_tokens.once(
            f"{operation}/{domain.id}",
            token,
            without(request, "clientToken"),
            create,
            lambda: ConflictException(f"The client token {token!r} was already used with a different request"),
        )
        return result

    # -- cases ---------------------------------------------------------------
    def create_case(self, caller: Any, domain_id: str, request: dict[str, Any]) -> Case:
        domain, data = self._runtime(domain_id)
        case_id = self._once("CreateCase", domain, request, lambda: self._new_case(caller, domain, data, request).id)
        return data.cases[case_id]

    def _new_case(self, caller: Any, domain: Any, data: Any, request: dict[str, Any]) -> Case:
        template = self._case_template(domain, request["templateId"])
        incoming = self._incoming(domain, ((f["id"], f["value"]) for f in request["fields"]), None)
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
        who = performer(caller, request.get("performedBy"))
        system: dict[str, dict[str, Any]] = {
            "case_id": {"stringValue": case_id},
            "reference_number": {"stringValue": reference},
            "created_datetime": datetime_value(at),
            "last_updated_datetime": datetime_value(at),
        }
        if text_of(values["status"]) == CLOSED:
            system["last_closed_datetime"] = datetime_value(at)
        user_arn = (request.get("performedBy") or {}).get("userArn")
        if user_arn:
            system["last_updated_user"] = {"userArnValue": user_arn}
        case.values = {**values, **system}
        tags = dict(request.get("tags") or {})
        for config in template.tag_propagation or []:
            if config["resourceType"] == "Cases":
                tags.update(config["tagMap"])
        data.cases.add(case_id, case)
        data.watch(case)
        data.by_reference[reference.lower()] = case
        self.tags.track(case.arn, tags)
        self._audit(case, "Case.Created", at, who, fields=audit_fields((k, None, v) for k, v in case.values.items()))
        return case

    def get_case(self, domain_id: str, case_id: str, field_ids: list[str]) -> dict[str, Any]:
        domain, _ = self._runtime(domain_id)
        case = self._case(domain, case_id)
        return {"fields": project(case, field_ids), "templateId": case.template_id, "tags": case.tags}

    def update_case(
        self, caller: Any, domain_id: str, case_id: str, fields: list[dict[str, Any]], performed_by: Any
    ) -> None:
        domain, _ = self._runtime(domain_id)
        case = self._case(domain, case_id)
        self._not_secondary(case)
        incoming = self._incoming(domain, ((f["id"], f["value"]) for f in fields), case)
        self._update(domain, case, incoming, performer(caller, performed_by))

    def delete_case(self, domain_id: str, case_id: str) -> None:
        domain, data = self._runtime(domain_id)
        case = self._case(domain, case_id)
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

    def batch_update_case(self, caller: Any, request: dict[str, Any]) -> dict[str, Any]:
        domain, data = self._runtime(request["domainId"])
        return self._once("BatchUpdateCase", domain, request, lambda: self._batch_update(caller, domain, data, request))

    def _batch_update(self, caller: Any, domain: Any, data: Any, request: dict[str, Any]) -> dict[str, Any]:
        targets, failed = self._batch_cases(domain, data, request["cases"])
        entries = self._batch_fields(domain, request)
        who = performer(caller, request.get("performedBy"))
        succeeded: list[dict[str, Any]] = []
        for case in targets:
            try:
                self._not_secondary(case)
                self._update(domain, case, self._incoming(domain, entries, case), who)
            except ConflictException as error:
                failed.append(
                    {"caseIdentifier": case.identifier(), "errorCode": "CONFLICT", "errorMessage": error.message}
                )
            except ValidationError as error:
                failed.append(
                    {
                        "caseIdentifier": case.identifier(),
                        "errorCode": "VALIDATION_ERROR",
                        "errorMessage": error.message,
                    }
                )
            else:
                succeeded.append({"caseIdentifier": case.identifier()})
        return {"successfulCases": succeeded, "failedCases": failed}

    def _batch_cases(
        self, domain: Domain, data: CaseData, identifiers: list[dict[str, Any]]
    ) -> tuple[list[Case], list[dict[str, Any]]]:
        """Cases a batch names (by case ID or reference ID) and failures for unknown case IDs.

        A reference ID that matches no case, or a case named twice, fails the whole request."""
        found: list[Case] = []
        failed: list[dict[str, Any]] = []
        seen: set[str] = set()
        for entry in identifiers:
            ident = entry["caseIdentifier"]
            if "referenceId" in ident:
                case = data.by_reference.get(ident["referenceId"].lower())
                if case is None:
                    raise ValidationError(f"Reference ID {ident['referenceId']} matches no case in domain {domain.id}")
                key = case.id
            else:
                key = ident["caseId"]
                case = data.cases.get(key)
            if key in seen:
                raise ValidationError(f"Case {key} appears more than once in the request")
            seen.add(key)
            if case is None:
                failed.append(
                    {
                        "caseIdentifier": {"caseId": key},
                        "errorCode": "CASE_NOT_FOUND",
                        "errorMessage": f"Case {key} not found in domain {domain.id}",
                    }
                )
            else:
                found.append(case)
        return found, failed

    def _batch_fields(self, domain: Domain, request: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        entries: list[tuple[str, dict[str, Any]]] = []
        for item in request["fields"]:
            ident = item["fieldIdentifier"]
            if "name" in ident:
                name = ident["name"]
                if "|" in name or "," in name:
                    raise ValidationError(f"Field name {name!r} cannot contain a pipe (|) or a comma (,)")
                field = next((f for f in domain.fields.values() if f.name == name and not f.deleted), None)
                if field is None:
                    raise ValidationError(f"No field named {name!r} in domain {domain.id}")
            else:
                field = domain.fields.get(ident["id"])
                if field is None:
                    raise ValidationError(f"Field {ident['id']} does not exist in domain {domain.id}")
            if field.id in TOP_LEVEL_FIELDS:
                raise ValidationError(
                    f"Set {field.id} through the top-level {TOP_LEVEL_FIELDS[field.id]} parameter, not in fields"
                )
            entries.append((field.id, item["value"]))
        for field_id, member in TOP_LEVEL_FIELDS.items():
            if member in request:
                entries.append((field_id, {"stringValue": request[member]}))
        if not entries:
            raise ValidationError(
                "Nothing to update: give at least one entry in fields, or a title, status or customerId"
            )
        ids = [field_id for field_id, _ in entries]
        for field_id in ids:
            if ids.count(field_id) > 1:
                raise ValidationError(f"Field {field_id} appears more than once in the request")
        return entries

    # -- search and lists ----------------------------------------------------
    def search_cases(self, domain_id: str, request: dict[str, Any], max_results: int) -> dict[str, Any]:
        domain, data = self._runtime(domain_id)
        query = Query(self._type_lookup(domain), request.get("filter"), request.get("searchTerm"), request.get("sorts"))
        token = request.get("nextToken")
        key = "cases:" + query.key()
        results = data.searches.get(key) if token else None
        if results is None:
            type_of = self._type_lookup(domain)
            candidates = data.candidates(request.get("filter"), type_of)
            results = query.select(data.cases.values() if candidates is None else candidates)
        data.remember_search(key, results)
        page, next_token = page_list(results, token, max_results)
        field_ids = [f["id"] for f in request.get("fields") or []]
        return {
            "cases": [
                {**case.summary(), "fields": project(case, field_ids), "tags": case.tags}
                for case in page
                if not case.deleted
            ],
            "nextToken": next_token,
            "totalCount": len(results),
        }

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
        domain, _ = self._runtime(domain_id)
        return self._case(domain, case_id).audit.page(next_token, max_results)

    # -- related items -------------------------------------------------------
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
            if target not in domain.runtime.cases:
                raise ValidationError(f"Case {target} does not exist in domain {domain.id}")
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
        seen: set[str] = set()
        for entry in entries:
            field_id = entry["id"]
            if field_id in seen:
                raise ValidationError(f"Field {field_id} appears more than once in the custom related item")
            seen.add(field_id)
            field = domain.fields.get(field_id)
            if field is None:
                raise ValidationError(f"Field {field_id} does not exist in domain {domain.id}")
            if field.is_system:
                raise ValidationError(f"System case field {field_id} cannot be used in a custom related item")
            if field.deleted:
                raise ValidationError(f"Field {field_id} is deleted")
            problem = problem_with(field, entry["value"])
            if problem:
                raise ValidationError(problem)

    def _add_item(
        self,
        data: CaseData,
        case: Case,
        item_type: str,
        content: dict[str, Any],
        performed_by: dict[str, Any] | None,
        at: dt.datetime,
    ) -> RelatedItem:
        item_id = new_id()
        item = RelatedItem(item_id, f"{case.arn}/related-item/{item_id}", case.id, item_type, content, at, performed_by)
        case.related.add(item_id, item)
        data.related_items.add(item_id, item)
        self.tags.track(item.arn)
        if item.contact_arn:
            data.link_contact(item.contact_arn, case)
        if item_type == "Sla":
            self._refresh_slas(case, at)
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

    def create_related_item(self, caller: Any, domain_id: str, case_id: str, request: dict[str, Any]) -> RelatedItem:
        domain, data = self._runtime(domain_id)
        case = self._case(domain, case_id)
        self._not_secondary(case)
        item_type = request["type"]
        check_type_matches(item_type, request["content"])
        self._check_content(domain, case, item_type, request["content"])
        at = now()
        item = self._add_item(data, case, item_type, request["content"], request.get("performedBy"), at)
        self._audit(
            case, "RelatedItem.Created", at, performer(caller, request.get("performedBy")), related_item_type=item_type
        )
        return item

    def batch_create_related_item(self, caller: Any, request: dict[str, Any]) -> dict[str, Any]:
        domain, data = self._runtime(request["domainId"])
        return self._once(
            "BatchCreateRelatedItem", domain, request, lambda: self._batch_comments(caller, domain, data, request)
        )

    def _batch_comments(self, caller: Any, domain: Any, data: Any, request: dict[str, Any]) -> dict[str, Any]:
        content = request["content"]
        member = next((m for m in MEMBER_OF_TYPE.values() if m in content), None)
        if member != "comment":
            raise ValidationError("BatchCreateRelatedItem creates comments only: give content.comment")
        targets, failed = self._batch_cases(domain, data, request["cases"])
        who = performer(caller, request.get("performedBy"))
        succeeded: list[dict[str, Any]] = []
        for case in targets:
            if case.merge is not None and case.merge.secondary is case:
                failed.append(
                    {
                        "caseIdentifier": case.identifier(),
                        "errorCode": "CONFLICT",
                        "errorMessage": f"Case {case.id} is the secondary case of a merge that is running",
                    }
                )
                continue
            at = now()
            item = self._add_item(data, case, "Comment", content, request.get("performedBy"), at)
            self._audit(case, "RelatedItem.Created", at, who, related_item_type="Comment")
            succeeded.append(
                {"caseIdentifier": case.identifier(), "relatedItemId": item.id, "relatedItemArn": item.arn}
            )
        return {"successfulItems": succeeded, "failedItems": failed}

    def update_related_item(
        self, caller: Any, domain_id: str, case_id: str, item_id: str, request: dict[str, Any]
    ) -> RelatedItem:
        domain, _ = self._runtime(domain_id)
        case = self._case(domain, case_id)
        item = self._item(case, item_id)
        self._not_secondary(case)
        if item.type not in ("Comment", "Custom"):
            raise ValidationError(
                f"Related item {item_id} is of type {item.type}: only Comment and Custom items can be updated"
            )
        content = request["content"]
        check_type_matches(item.type, content)
        if item.type == "Custom":
            self._check_custom_fields(domain, content["custom"]["fields"])
        item.content = {item.member: copy.deepcopy(content[item.member])}
        if request.get("performedBy"):
            item.last_updated_user = copy.deepcopy(request["performedBy"])
        self._audit(
            case,
            "RelatedItem.Updated",
            now(),
            performer(caller, request.get("performedBy")),
            related_item_type=item.type,
        )
        return item

    def delete_related_item(self, caller: Any, domain_id: str, case_id: str, item_id: str) -> None:
        domain, data = self._runtime(domain_id)
        case = self._case(domain, case_id)
        item = self._item(case, item_id)
        if item.type == "File":
            raise ValidationError("File related items cannot be deleted here: use DeleteAttachedFile")
        self._not_secondary(case)
        self._drop_item(data, case, item)
        at = now()
        if item.type == "Sla":
            self._refresh_slas(case, at)
        self._audit(case, "RelatedItem.Deleted", at, performer(caller, None), related_item_type=item.type)

    def _check_item_filters(self, domain: Domain, filters: list[dict[str, Any]]) -> TypeLookup:
        type_of = self._type_lookup(domain)
        for type_filter in filters:
            fields_filter = type_filter.get("custom", {}).get("fields")
            if fields_filter is not None:
                check_case_filter(fields_filter, type_of)
        return type_of

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

    def search_related_items(
        self, domain_id: str, case_id: str, filters: list[dict[str, Any]], next_token: str | None, max_results: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        domain, _ = self._runtime(domain_id)
        case = self._case(domain, case_id)
        type_of = self._check_item_filters(domain, filters)
        at = now()
        page, token = case.related.page(next_token, max_results, lambda i: filters_match(filters, i, at, type_of))
        return [self.describe_item(item, at) for item in page], token

    def search_all_related_items(
        self,
        domain_id: str,
        filters: list[dict[str, Any]],
        sorts: list[dict[str, Any]],
        next_token: str | None,
        max_results: int,
    ) -> tuple[list[dict[str, Any]], str | None]:
        domain, data = self._runtime(domain_id)
        type_of = self._check_item_filters(domain, filters)
        at = now()
        if not sorts:
            page, token = data.related_items.page(
                next_token, max_results, lambda i: filters_match(filters, i, at, type_of)
            )
            return [self.describe_item(item, at, with_case=True) for item in page], token
        properties = [s["sortProperty"] for s in sorts]
        if len(set(properties)) != len(properties):
            raise ValidationError("A sort property appears more than once in sorts")
        key = "related:" + json.dumps([filters, sorts], sort_keys=True, default=str)
        results = data.searches.get(key) if next_token else None
        if results is None:
            results = [i for i in data.related_items.values() if filters_match(filters, i, at, type_of)]
            for sort in reversed(sorts):
                prop = sort["sortProperty"]
                results.sort(
                    key=(lambda i: i.association_time) if prop == "AssociationTime" else (lambda i: i.case_id),
                    reverse=sort["sortOrder"] == "Desc",
                )
        data.remember_search(key, results)
        page_items, token = page_list(results, next_token, max_results)
        live = [i for i in page_items if i.id in data.related_items]
        return [self.describe_item(item, at, with_case=True) for item in live], token

    # -- merges --------------------------------------------------------------
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
            used.update(layout.field_ids())
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

    def start_merge_cases(self, caller: Any, domain_id: str, case_id: str, request: dict[str, Any]) -> None:
        domain, data = self._runtime(domain_id)
        primary = self._case(domain, case_id)
        secondary_id = request["secondaryCaseIds"][0]
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
        configs = request.get("fieldsConfiguration") or []
        if len(configs) > 1:
            raise ValidationError("fieldsConfiguration takes at most one entry")
        selected: list[str] = []
        for config in configs:
            if config["sourceCaseId"] != secondary.id:
                raise ValidationError("fieldsConfiguration.sourceCaseId must be the secondary case")
            for entry in config["fieldIds"]:
                field_id = entry["id"]
                if field_id in selected:
                    raise ValidationError(f"Field {field_id} appears more than once in fieldsConfiguration")
                field = domain.fields.get(field_id)
                if field is None:
                    raise ValidationError(f"Field {field_id} does not exist in domain {domain.id}")
                if not self._mergeable(domain, field_id):
                    raise ValidationError(
                        f"Field {field_id} cannot be merged: only custom fields and "
                        + ", ".join(sorted(MERGEABLE_SYSTEM_FIELDS))
                        + " can"
                    )
                if not self._on_case(domain, secondary, field_id):
                    raise ValidationError(f"The secondary case does not have field {field_id}")
                selected.append(field_id)
        planned = self._merge_changes(domain, primary, secondary, selected)
        after = dict(primary.values)
        for field_id, value in planned.items():
            if value is None:
                after.pop(field_id, None)
            else:
                after[field_id] = value
        count = len(after)
        if count > MAX_FIELD_VALUES:
            raise ValidationError(
                f"After the merge the primary case would have {count} field values (at most {MAX_FIELD_VALUES})"
            )
        related = {k: bool(v) for k, v in (request.get("relatedItemsConfiguration") or {}).items()}
        merge = Merge(new_id(), primary, secondary, selected, related, performer(caller, request.get("performedBy")))
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
        for item in list(secondary.related.values()):
            if item.type in ("File", "Sla") or not merge.related.get(item.member):
                continue
            if item.contact_arn:
                twin = next((i for i in primary.related.values() if i.contact_arn == item.contact_arn), None)
                if twin is not None:
                    theirs, mine = self.tags.get(item.arn), self.tags.get(twin.arn)
                    self.tags.add(twin.arn, {k: v for k, v in theirs.items() if k not in mine})
                    self._drop_item(data, secondary, item)
                    continue
            if item.linked_case_id:
                target = item.linked_case_id
                if target == primary.id or any(i.linked_case_id == target for i in primary.related.values()):
                    self._drop_item(data, secondary, item)
                    continue
            self._move_item(data, item, secondary, primary)
        for case, other in ((primary, secondary), (secondary, primary)):
            if not any(i.linked_case_id == other.id for i in case.related.values()):
                self._add_item(data, case, "ConnectCase", {"connectCase": {"caseId": other.id}}, user, at)
        secondary_changes = self._apply(domain, secondary, {"status": {"stringValue": CLOSED}}, who, at)
        self._refresh_slas(primary, at)
        self._refresh_slas(secondary, at)
        for case, changes in ((primary, primary_changes), (secondary, secondary_changes)):
            self._audit(case, "Case.Merged", at, who, fields=audit_fields(changes), merge_metadata=merge.metadata())

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
        domain, _ = self._runtime(domain_id)
        case = self._case(domain, case_id)
        if case.merge is not None:
            merge = case.merge
            merge.advance()  # the state manager counts reads: the merge finishes after `times` of them
            return merge.describe(IN_PROGRESS)
        if case.merged_into is not None:
            return case.merged_into.describe(COMPLETED)
        raise not_found("Case", case.id, "as part of a running merge or as the secondary case of a finished one")
