"""Connect Cases handlers: thin glue between parsed requests and the backend."""

from __future__ import annotations

from typing import Any

from ..core.clock import now
from ..core.pagination import limit_of
from ..core.resources import operations
from ..core.responses import PluginResponse
from .layouts import LAYOUT
from .models import CasesBackend, connectcases_backends

#: default page sizes: the model's upper bound of each list operation's maxResults
DOMAINS_PAGE = 10
PAGE = 100
#: SearchCases and GetCaseAuditEvents: "When no value is provided, 25 is the default"
SEARCH_PAGE = 25
AUDIT_PAGE = 25
RELATED_PAGE = 25
CONTACT_CASES_PAGE = 10


class CasesResponse(PluginResponse):
    SERVICE = "connectcases"
    VALIDATION_ERRORS = ("ValidationException",)
    INTERNAL_ERROR = "InternalServerException"
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
        return self.params.get("nextToken"), limit_of(self.params.get("maxResults"), default)

    # -- domains -------------------------------------------------------------
    def create_domain(self) -> dict[str, Any]:
        domain = self.backend.create_domain(self.caller, self.params["name"])
        return {"domainId": domain.id, "domainArn": domain.arn, "domainStatus": domain.domain_status}

    def get_domain(self) -> dict[str, Any]:
        return self.backend.describe_domain(self.params["domainId"])

    def list_domains(self) -> dict[str, Any]:
        page, token = self.backend.domains.page(*self._page_args(DOMAINS_PAGE))
        return {"domains": [d.summary() for d in page], "nextToken": token}

    def delete_domain(self) -> None:
        self.backend.delete_domain(self.params["domainId"])

    # -- fields --------------------------------------------------------------
    def create_field(self) -> dict[str, Any]:
        p = self.params
        field = self.backend.create_field(
            p["domainId"], p["name"], p["type"], p.get("description"), p.get("attributes")
        )
        return {"fieldId": field.id, "fieldArn": field.arn}

    def update_field(self) -> None:
        p = self.params
        self.backend.update_field(p["domainId"], p["fieldId"], p.get("name"), p.get("description"), p.get("attributes"))

    def delete_field(self) -> None:
        self.backend.delete_field(self.params["domainId"], self.params["fieldId"])

    def batch_get_field(self) -> dict[str, Any]:
        p = self.params
        fields, errors = self.backend.batch_get_fields(p["domainId"], [f["id"] for f in p["fields"]])
        return {"fields": fields, "errors": errors}

    def list_fields(self) -> dict[str, Any]:
        page, token = self.backend.list_fields(self.params["domainId"], *self._page_args())
        return {"fields": [f.summary() for f in page], "nextToken": token}

    def batch_put_field_options(self) -> dict[str, Any]:
        p = self.params
        errors = self.backend.batch_put_field_options(p["domainId"], p["fieldId"], p["options"])
        return {"errors": errors}

    def list_field_options(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.list_field_options(p["domainId"], p["fieldId"], p.get("values"), *self._page_args())
        return {"options": [o.describe() for o in page], "nextToken": token}

    # -- case rules ----------------------------------------------------------
    def create_case_rule(self) -> dict[str, Any]:
        p = self.params
        rule = self.backend.create_case_rule(p["domainId"], p["name"], p["rule"], p.get("description"))
        return {"caseRuleId": rule.id, "caseRuleArn": rule.arn}

    def update_case_rule(self) -> None:
        p = self.params
        self.backend.update_case_rule(
            p["domainId"], p["caseRuleId"], p.get("name"), p.get("description"), p.get("rule")
        )

    def delete_case_rule(self) -> None:
        self.backend.delete_case_rule(self.params["domainId"], self.params["caseRuleId"])

    def batch_get_case_rule(self) -> dict[str, Any]:
        p = self.params
        rules, errors = self.backend.batch_get_case_rules(p["domainId"], [r["id"] for r in p["caseRules"]])
        return {"caseRules": rules, "errors": errors}

    def list_case_rules(self) -> dict[str, Any]:
        page, token = self.backend.list_case_rules(self.params["domainId"], *self._page_args())
        return {"caseRules": [r.summary() for r in page], "nextToken": token}

    # -- templates -----------------------------------------------------------
    def _template_attributes(self) -> dict[str, Any]:
        """The members of Create/UpdateTemplate other than the ids and the name, as keyword arguments."""
        p = self.params
        return {
            "description": p.get("description"),
            "layout_configuration": p.get("layoutConfiguration"),
            "required_fields": p.get("requiredFields"),
            "status": p.get("status"),
            "rules": p.get("rules"),
            "tag_propagation_configurations": p.get("tagPropagationConfigurations"),
        }

    def create_template(self) -> dict[str, Any]:
        p = self.params
        template = self.backend.create_template(p["domainId"], p["name"], **self._template_attributes())
        return {"templateId": template.id, "templateArn": template.arn}

    def get_template(self) -> dict[str, Any]:
        return self.backend.describe_template(self.params["domainId"], self.params["templateId"])

    def update_template(self) -> None:
        p = self.params
        self.backend.update_template(p["domainId"], p["templateId"], name=p.get("name"), **self._template_attributes())

    def delete_template(self) -> None:
        self.backend.delete_template(self.params["domainId"], self.params["templateId"])

    def list_templates(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.list_templates(p["domainId"], p.get("status"), *self._page_args())
        return {"templates": [t.summary() for t in page], "nextToken": token}

    # -- case event configuration --------------------------------------------
    def put_case_event_configuration(self) -> None:
        self.backend.put_case_event_configuration(self.params["domainId"], self.params["eventBridge"])

    def get_case_event_configuration(self) -> dict[str, Any]:
        domain = self.backend.domain(self.params["domainId"])
        return {"eventBridge": domain.describe_event_configuration()}

    # -- cases ---------------------------------------------------------------
    def create_case(self) -> dict[str, Any]:
        p = self.params
        case = self.backend.create_case(
            self.caller,
            p["domainId"],
            p["templateId"],
            p["fields"],
            client_token=p.get("clientToken"),
            performed_by=p.get("performedBy"),
            tags=p.get("tags"),
        )
        return {"caseId": case.id, "caseArn": case.arn}

    def get_case(self) -> dict[str, Any]:
        p = self.params
        return self.backend.get_case(p["domainId"], p["caseId"], [f["id"] for f in p["fields"]])

    def update_case(self) -> None:
        p = self.params
        self.backend.update_case(self.caller, p["domainId"], p["caseId"], p["fields"], p.get("performedBy"))

    def delete_case(self) -> None:
        self.backend.delete_case(self.params["domainId"], self.params["caseId"])

    def batch_update_case(self) -> dict[str, Any]:
        p = self.params
        return self.backend.batch_update_case(
            self.caller,
            p["domainId"],
            p["cases"],
            p["fields"],
            title=p.get("title"),
            status=p.get("status"),
            customer_id=p.get("customerId"),
            performed_by=p.get("performedBy"),
            client_token=p.get("clientToken"),
        )

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

    def list_cases_for_contact(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.list_cases_for_contact(
            p["domainId"], p["contactArn"], *self._page_args(CONTACT_CASES_PAGE)
        )
        return {"cases": [case.summary() for case in page], "nextToken": token}

    def get_case_audit_events(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.get_case_audit_events(p["domainId"], p["caseId"], *self._page_args(AUDIT_PAGE))
        return {"auditEvents": [event.describe() for event in page], "nextToken": token}

    # -- related items -------------------------------------------------------
    def create_related_item(self) -> dict[str, Any]:
        p = self.params
        item = self.backend.create_related_item(
            self.caller, p["domainId"], p["caseId"], p["type"], p["content"], p.get("performedBy")
        )
        return {"relatedItemId": item.id, "relatedItemArn": item.arn}

    def batch_create_related_item(self) -> dict[str, Any]:
        p = self.params
        return self.backend.batch_create_related_item(
            self.caller,
            p["domainId"],
            p["cases"],
            p["content"],
            performed_by=p.get("performedBy"),
            client_token=p.get("clientToken"),
        )

    def update_related_item(self) -> dict[str, Any]:
        p = self.params
        item = self.backend.update_related_item(
            self.caller, p["domainId"], p["caseId"], p["relatedItemId"], p["content"], p.get("performedBy")
        )
        shown = self.backend.describe_item(item, now())
        return {
            "relatedItemId": item.id,
            "relatedItemArn": item.arn,
            "type": item.type,
            "content": shown["content"],
            "associationTime": item.association_time,
            "tags": shown["tags"],
            "lastUpdatedUser": item.last_updated_user,
            "createdBy": item.created_by,
        }

    def delete_related_item(self) -> None:
        p = self.params
        self.backend.delete_related_item(self.caller, p["domainId"], p["caseId"], p["relatedItemId"])

    def search_related_items(self) -> dict[str, Any]:
        p = self.params
        items, token = self.backend.search_related_items(
            p["domainId"], p["caseId"], p.get("filters") or [], *self._page_args(RELATED_PAGE)
        )
        return {"relatedItems": items, "nextToken": token}

    def search_all_related_items(self) -> dict[str, Any]:
        p = self.params
        items, token = self.backend.search_all_related_items(
            p["domainId"], p.get("filters") or [], p.get("sorts") or [], *self._page_args(RELATED_PAGE)
        )
        return {"relatedItems": items, "nextToken": token}

    # -- merges --------------------------------------------------------------
    def start_merge_cases(self) -> None:
        p = self.params
        self.backend.start_merge_cases(
            self.caller,
            p["domainId"],
            p["caseId"],
            p["secondaryCaseIds"],
            fields_configuration=p.get("fieldsConfiguration"),
            related_items_configuration=p.get("relatedItemsConfiguration"),
            performed_by=p.get("performedBy"),
        )

    def get_merge_cases_status(self) -> dict[str, Any]:
        return self.backend.get_merge_cases_status(self.params["domainId"], self.params["caseId"])

    # -- tags ----------------------------------------------------------------
    def tag_resource(self) -> None:
        self.backend.tags.add(self.backend.tagged(self.params["arn"]), self.params["tags"])

    def untag_resource(self) -> None:
        self.backend.tags.remove(self.backend.tagged(self.params["arn"]), self.params["tagKeys"])

    def list_tags_for_resource(self) -> dict[str, Any]:
        return {"tags": self.backend.tags.get(self.backend.tagged(self.params["arn"]))}


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
