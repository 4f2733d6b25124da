"""Connect Cases handlers: thin glue between parsed requests and the backend.

Most handlers are one call: the request's members, in order, to a backend
method (``_call``), its result answered as is or shaped (``_created``);
a list's page (``_list``).  The others unpack what a member list cannot say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..core.arguments import keywords, page_args
from ..core.clock import now
from ..core.resources import operations
from ..core.responses import PluginResponse, tag_handlers
from .cases import AuditEvent, Case
from .fields import Field, FieldOption
from .layouts import LAYOUT
from .models import TEMPLATE_ATTRIBUTES, CaseRule, CasesBackend, Domain, Template, connectcases_backends

#: default page sizes: the model's upper bound of each list operation's maxResults
DOMAINS_PAGE = 10
PAGE = 100
#: SearchCases and GetCaseAuditEvents: "When no value is provided, 25 is the default"
SEARCH_PAGE = 25
AUDIT_PAGE = 25
RELATED_PAGE = 25
CONTACT_CASES_PAGE = 10

Handler = Callable[[Any], Any]


def _call(
    method: Callable[..., Any],
    *members: str,
    caller: bool = False,
    page: int | None = None,
    answer: Callable[[Any], Any] | None = None,
) -> Handler:
    """A handler that calls a backend method with the request's ``members``, in order (``name?``:
    a member that may be absent, passed as None), after the caller when ``caller`` is set and
    followed by nextToken and maxResults (default ``page``) when ``page`` is; it answers what the
    method returns, or what ``answer`` makes of it."""

    def handler(self: CasesResponse) -> Any:
        p = self.params
        args = [p.get(m[:-1]) if m.endswith("?") else p[m] for m in members]
        if caller:
            args.insert(0, self.caller)
        if page is not None:
            args += self._page_args(page)
        result = method(self.backend, *args)
        return result if answer is None else answer(result)

    return handler


def _created(prefix: str) -> Callable[[Any], dict[str, Any]]:
    """The answer of a Create operation: ``<prefix>Id`` and ``<prefix>Arn``."""
    return lambda made: {f"{prefix}Id": made.id, f"{prefix}Arn": made.arn}


def _list(
    method: Callable[..., Any], *members: str, key: str, show: Callable[[Any], Any] | None = None, page: int = PAGE
) -> Handler:
    """A list or search operation's handler: ``_call`` with the page the request asks for (``page`` items
    unless it says), answering the page's items under ``key`` (each shown by ``show``) and the token."""

    def answer(result: tuple[list[Any], str | None]) -> dict[str, Any]:
        items, token = result
        return {key: items if show is None else [show(item) for item in items], "nextToken": token}

    return _call(method, *members, page=page, answer=answer)


def _batch_get(method: Callable[..., Any], key: str) -> Handler:
    """BatchGetField, BatchGetCaseRule: the ids listed under ``key``; the items found, and errors."""

    def handler(self: CasesResponse) -> dict[str, Any]:
        items, errors = method(self.backend, self.params["domainId"], [entry["id"] for entry in self.params[key]])
        return {key: items, "errors": errors}

    return handler


class CasesResponse(PluginResponse):
    SERVICE = "connectcases"
    BACKENDS = connectcases_backends
    ARN_SERVICE = "cases"
    #: IAM resources, most specific first: what a request's path names
    IAM_RESOURCES = (
        "{arn}",
        "domain/{domainId}/case/{caseId}/related-item/{relatedItemId}",
        "domain/{domainId}/case/{caseId}",
        "domain/{domainId}/field/{fieldId}",
        "domain/{domainId}/layout/{layoutId}",
        "domain/{domainId}/template/{templateId}",
        "domain/{domainId}/case-rule/{caseRuleId}",
        "domain/{domainId}",
    )
    backend: CasesBackend

    def _page_args(self, default: int = PAGE) -> tuple[str | None, int]:
        return page_args(self.params, default, "nextToken", "maxResults")

    # -- domains -------------------------------------------------------------
    def create_domain(self) -> dict[str, Any]:
        domain = self.backend.create_domain(self.caller, self.params["name"])
        return {"domainId": domain.id, "domainArn": domain.arn, "domainStatus": domain.domain_status}

    get_domain = _call(CasesBackend.describe_domain, "domainId")
    list_domains = _list(CasesBackend.list_domains, key="domains", show=Domain.summary, page=DOMAINS_PAGE)
    delete_domain = _call(CasesBackend.delete_domain, "domainId")

    # -- fields --------------------------------------------------------------
    create_field = _call(
        CasesBackend.create_field,
        "domainId",
        "name",
        "type",
        "description?",
        "attributes?",
        answer=_created("field"),
    )
    update_field = _call(CasesBackend.update_field, "domainId", "fieldId", "name?", "description?", "attributes?")
    delete_field = _call(CasesBackend.delete_field, "domainId", "fieldId")
    batch_get_field = _batch_get(CasesBackend.batch_get_fields, "fields")
    list_fields = _list(CasesBackend.list_fields, "domainId", key="fields", show=Field.summary)
    batch_put_field_options = _call(
        CasesBackend.batch_put_field_options,
        "domainId",
        "fieldId",
        "options",
        answer=lambda errors: {"errors": errors},
    )
    list_field_options = _list(
        CasesBackend.list_field_options, "domainId", "fieldId", "values?", key="options", show=FieldOption.describe
    )

    # -- case rules ----------------------------------------------------------
    create_case_rule = _call(
        CasesBackend.create_case_rule, "domainId", "name", "rule", "description?", answer=_created("caseRule")
    )
    update_case_rule = _call(CasesBackend.update_case_rule, "domainId", "caseRuleId", "name?", "description?", "rule?")
    delete_case_rule = _call(CasesBackend.delete_case_rule, "domainId", "caseRuleId")
    batch_get_case_rule = _batch_get(CasesBackend.batch_get_case_rules, "caseRules")
    list_case_rules = _list(CasesBackend.list_case_rules, "domainId", key="caseRules", show=CaseRule.summary)

    # -- templates -----------------------------------------------------------
    def create_template(self) -> dict[str, Any]:
        p = self.params
        template = self.backend.create_template(p["domainId"], **keywords(p, *TEMPLATE_ATTRIBUTES))
        return _created("template")(template)

    get_template = _call(CasesBackend.describe_template, "domainId", "templateId")

    def update_template(self) -> None:
        p = self.params
        self.backend.update_template(p["domainId"], p["templateId"], **keywords(p, *TEMPLATE_ATTRIBUTES))

    delete_template = _call(CasesBackend.delete_template, "domainId", "templateId")
    list_templates = _list(CasesBackend.list_templates, "domainId", "status?", key="templates", show=Template.summary)

    # -- case event configuration --------------------------------------------
    put_case_event_configuration = _call(CasesBackend.put_case_event_configuration, "domainId", "eventBridge")

    def get_case_event_configuration(self) -> dict[str, Any]:
        domain = self.backend.domain(self.params["domainId"])
        return {"eventBridge": domain.describe_event_configuration()}

    # -- cases ---------------------------------------------------------------
    def create_case(self) -> dict[str, Any]:
        p = self.params
        options = keywords(p, "clientToken", "performedBy", "tags")
        case = self.backend.create_case(self.caller, p["domainId"], p["templateId"], p["fields"], **options)
        return _created("case")(case)

    def get_case(self) -> dict[str, Any]:
        p = self.params
        return self.backend.get_case(p["domainId"], p["caseId"], [f["id"] for f in p["fields"]])

    update_case = _call(CasesBackend.update_case, "domainId", "caseId", "fields", "performedBy?", caller=True)
    delete_case = _call(CasesBackend.delete_case, "domainId", "caseId")

    def batch_update_case(self) -> dict[str, Any]:
        p = self.params
        options = keywords(p, "title", "status", "customerId", "performedBy", "clientToken")
        return self.backend.batch_update_case(self.caller, p["domainId"], p["cases"], p["fields"], **options)

    def search_cases(self) -> dict[str, Any]:
        p = self.params
        return self.backend.search_cases(
            p["domainId"],
            p.get("filter"),
            p.get("searchTerm"),
            p.get("sorts"),
            [f["id"] for f in p.get("fields") or []],
            *self._page_args(SEARCH_PAGE),
        )

    list_cases_for_contact = _list(
        CasesBackend.list_cases_for_contact,
        "domainId",
        "contactArn",
        key="cases",
        show=Case.summary,
        page=CONTACT_CASES_PAGE,
    )
    get_case_audit_events = _list(
        CasesBackend.get_case_audit_events,
        "domainId",
        "caseId",
        key="auditEvents",
        show=AuditEvent.describe,
        page=AUDIT_PAGE,
    )

    # -- related items -------------------------------------------------------
    create_related_item = _call(
        CasesBackend.create_related_item,
        "domainId",
        "caseId",
        "type",
        "content",
        "performedBy?",
        caller=True,
        answer=_created("relatedItem"),
    )

    def batch_create_related_item(self) -> dict[str, Any]:
        p = self.params
        return self.backend.batch_create_related_item(
            self.caller, p["domainId"], p["cases"], p["content"], **keywords(p, "performedBy", "clientToken")
        )

    def update_related_item(self) -> dict[str, Any]:
        p = self.params
        item = self.backend.update_related_item(
            self.caller, p["domainId"], p["caseId"], p["relatedItemId"], p["content"], p.get("performedBy")
        )
        shown = self.backend.describe_item(item, now())
        return {
            **_created("relatedItem")(item),
            "type": item.type,
            "content": shown["content"],
            "associationTime": item.association_time,
            "tags": shown["tags"],
            "lastUpdatedUser": item.last_updated_user,
            "createdBy": item.created_by,
        }

    delete_related_item = _call(CasesBackend.delete_related_item, "domainId", "caseId", "relatedItemId", caller=True)
    search_related_items = _list(
        CasesBackend.search_related_items, "domainId", "caseId", "filters?", key="relatedItems", page=RELATED_PAGE
    )
    search_all_related_items = _list(
        CasesBackend.search_all_related_items, "domainId", "filters?", "sorts?", key="relatedItems", page=RELATED_PAGE
    )

    # -- merges --------------------------------------------------------------
    def start_merge_cases(self) -> None:
        p = self.params
        options = keywords(p, "fieldsConfiguration", "relatedItemsConfiguration", "performedBy")
        self.backend.start_merge_cases(self.caller, p["domainId"], p["caseId"], p["secondaryCaseIds"], **options)

    get_merge_cases_status = _call(CasesBackend.get_merge_cases_status, "domainId", "caseId")


# layouts: the resource layer's standard operations
CasesResponse.install(
    operations(
        LAYOUT,
        ("domainId",),
        create="CreateLayout",
        describe="GetLayout",
        list_="ListLayouts",
        delete="DeleteLayout",
        updates={"UpdateLayout": ("name", "content")},
        page_size=PAGE,
    )
)
CasesResponse.install(tag_handlers("arn"))
