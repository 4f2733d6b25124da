"""Connect Cases, configuration side: domains, fields, layouts, case rules, templates.

The runtime side is one mixin per responsibility (see base.py): cases and
their audit history (cases.py), related items and SLAs (related.py), merges
(merges.py) and search (search.py).

One backend per account and Region holds its domains; everything else lives in
its domain.  Fields, layouts, case rules and templates are soft-deleted (they
keep their id, ARN and tags and carry ``deleted``); domains are deleted for
good, with everything in them.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from moto.core.base_backend import BackendDict, BaseBackend

from ..core.arns import make_arn, parse_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.idempotency import ClientTokens
from ..core.moto_compat import ManagedState, register_transition
from ..core.pagination import Store, Walks
from ..core.resources import Container, Resource, Resources
from ..core.tagging import Tags
from . import quotas
from . import rules as case_rules
from .base import ConfigItem, D, T, distinct, given, new_id, require_live
from .cases import CaseData
from .exceptions import ConflictException, ValidationError, found, not_found
from .fields import CUSTOM, NOT_ON_LAYOUTS, OPTION_VALUE, SYSTEM, SYSTEM_FIELDS, Field, FieldOption
from .layouts import LAYOUT, layout_field_ids
from .merges import MergeOperations
from .search import SearchOperations

if TYPE_CHECKING:
    from typing_extensions import Unpack

DOMAIN_MODEL = "connectcases::domain"
register_transition(DOMAIN_MODEL, "immediate")

#: ARN path segment -> resourceType reported by ResourceNotFoundException
_ARN_TYPES = {
    "field": "Field",
    "layout": "Layout",
    "template": "Template",
    "case-rule": "CaseRule",
    "case": "Case",
    "related-item": "RelatedItem",
}


class CaseRule(ConfigItem):
    KEY = "caseRule"

    def __init__(
        self, rule_id: str, arn: str, name: str, description: str | None, rule: dict[str, Any], at: dt.datetime
    ) -> None:
        super().__init__(rule_id, arn, name, at, description)
        self.rule = rule

    @property
    def rule_type(self) -> str:
        return case_rules.rule_type(self.rule)

    def summary(self) -> dict[str, Any]:
        return {**self.identity(), "ruleType": self.rule_type, "description": self.description}

    def describe(self, tags: dict[str, str]) -> dict[str, Any]:
        return {
            **self.identity(),
            "description": self.description,
            "rule": copy.deepcopy(self.rule),
            **self.stamps(),
            "tags": tags,
        }


class Template(ConfigItem):
    KEY = "template"

    def __init__(self, template_id: str, arn: str, name: str, at: dt.datetime) -> None:
        super().__init__(template_id, arn, name, at)
        self.layout_configuration: dict[str, Any] | None = None
        #: field ids a case made from this template must have a value for
        self.required_fields: list[str] = []
        #: ``TemplateRule`` dicts: ``{"caseRuleId": ..., "fieldId": ...}``
        self.rules: list[dict[str, Any]] = []
        self.status = "Active"
        self.tag_propagation: list[dict[str, Any]] | None = None

    @property
    def default_layout(self) -> str | None:
        return (self.layout_configuration or {}).get("defaultLayout")

    def summary(self) -> dict[str, Any]:
        return {
            **self.identity(),
            "status": self.status,
            "tagPropagationConfigurations": copy.deepcopy(self.tag_propagation),
        }


class Domain(ManagedState, Container):
    """A Cases domain; its status moves CreationInProgress -> Active."""

    def __init__(self, caller: Caller, domain_id: str, name: str) -> None:
        super().__init__(DOMAIN_MODEL, [("CreationInProgress", "Active")])
        self.id = domain_id
        self.name = name
        self.arn = make_arn(caller, "cases", f"domain/{domain_id}")
        self.created_time = now()
        self.fields: Store[Field] = Store()
        self.case_rules: Store[CaseRule] = Store()
        self.templates: Store[Template] = Store()
        self.event_configuration: dict[str, Any] = {"enabled": False}
        #: cases, related items, merges and search results (see cases.py)
        self.runtime = CaseData()
        for spec in SYSTEM_FIELDS:
            field = Field(
                spec.id,
                self.child_arn("field", spec.id),
                spec.name,
                spec.type,
                SYSTEM,
                self.created_time,
                spec.description,
            )
            for option_name, value in spec.fixed_options:
                field.options.add(value, FieldOption(option_name, value, True, fixed=True))
            self.fields.add(field.id, field)

    @property
    def domain_status(self) -> str:
        return str(self.status)

    @property
    def layouts(self) -> Store[Resource]:
        """The domain's layouts (the resource layer's store of them)."""
        return self.children(LAYOUT.kind)

    def child_arn(self, kind: str, child_id: str) -> str:
        return f"{self.arn}/{kind}/{child_id}"

    def summary(self) -> dict[str, Any]:
        return {"domainId": self.id, "domainArn": self.arn, "name": self.name}

    def arns(self) -> Iterable[str]:
        """Every ARN in the domain, its own included."""
        yield self.arn
        for store in (self.fields, self.layouts, self.case_rules, self.templates):
            for item in store.values():
                yield item.arn  # type: ignore[attr-defined]
        for case in self.runtime.cases.values():
            yield case.arn
            for related in case.related.values():
                yield related.arn

    # -- lookups -------------------------------------------------------------
    def lookup(self, store: Store[T], resource_type: str, ident: str) -> T:
        """An item of one of the domain's stores, deleted or not, or ResourceNotFoundException."""
        return found(store.get(ident), resource_type, ident, f"in domain {self.id}")

    def field(self, field_id: str) -> Field:
        return self.lookup(self.fields, "Field", field_id)

    def live_field(self, field_id: str, action: str) -> Field:
        """A field that is not deleted (ValidationException when it is)."""
        field = self.field(field_id)
        require_live(field, "Field", field_id, action)
        return field

    def case_rule(self, rule_id: str) -> CaseRule:
        return self.lookup(self.case_rules, "CaseRule", rule_id)

    def template(self, template_id: str) -> Template:
        return self.lookup(self.templates, "Template", template_id)

    @staticmethod
    def _is_live(store: Store[D], ident: str) -> bool:
        item = store.get(ident)
        return item is not None and not item.deleted

    def is_live_field(self, field_id: str) -> bool:
        return self._is_live(self.fields, field_id)

    def is_live_rule(self, rule_id: str) -> bool:
        return self._is_live(self.case_rules, rule_id)

    # -- uniqueness ----------------------------------------------------------
    def claim_name(
        self, store: Store[Field] | Store[Template], noun: str, name: str, but: Field | Template | None = None
    ) -> None:
        """ConflictException when another item of the store that is not deleted has the name."""
        if any(i.name == name and not i.deleted and i is not but for i in store.values()):
            raise ConflictException(f"A {noun} named {name!r} already exists in domain {self.id}")

    # -- reference checks ----------------------------------------------------
    def reference(self, store: Store[D], noun: str, ident: str, action: str | None = None) -> D:
        """An item a request refers to: ValidationException when the domain has none of that id
        or (``action`` given) when it is deleted, and so cannot be ``action``."""
        item = store.get(ident)
        if item is None:
            raise ValidationError(f"{noun} {ident} does not exist in domain {self.id}")
        if action is not None:
            require_live(item, noun, ident, action)
        return item

    def live_reference(self, field_id: str, action: str) -> Field:
        """A field a request refers to that exists and is not deleted."""
        return self.reference(self.fields, "Field", field_id, action)

    def check_rule(self, rule: dict[str, Any]) -> None:
        problems = case_rules.check_rule(rule, self.fields.get)
        if problems:
            raise ValidationError("Invalid case rule: " + "; ".join(problems))

    def check_layout_content(self, content: dict[str, Any]) -> None:
        placed = layout_field_ids(content)
        quotas.check(len(placed), quotas.FIELDS_PER_LAYOUT, "fields", "The layout")
        for field_id in distinct(placed, "the layout"):
            if field_id in NOT_ON_LAYOUTS:
                raise ValidationError(f"Field {field_id} cannot be part of a layout: it is not configurable")
            self.live_reference(field_id, "placed on a layout")

    def check_template(self, attributes: dict[str, Any]) -> None:
        """The references of the template attributes a Create/UpdateTemplate request gives
        (keyed by member name, see ``template_attributes``)."""
        layout_configuration = attributes.get("layoutConfiguration")
        if layout_configuration is not None and layout_configuration.get("defaultLayout"):
            self.reference(self.layouts, "Layout", layout_configuration["defaultLayout"], "a template's default layout")
        required = attributes.get("requiredFields")
        if required is not None:
            for field_id in distinct((item["fieldId"] for item in required), "requiredFields"):
                self.live_reference(field_id, "required by a template")
        rules = attributes.get("rules")
        if rules is not None:
            pairs: set[tuple[str, str | None]] = set()
            for item in rules:
                rule_id = item["caseRuleId"]
                field_id = item.get("fieldId")
                rule = self.reference(self.case_rules, "Case rule", rule_id, "attached to a template")
                if (rule_id, field_id) in pairs:
                    raise ValidationError(f"Case rule {rule_id} is attached to field {field_id} more than once")
                pairs.add((rule_id, field_id))
                if rule.rule_type == "FieldOptions":
                    child = rule.rule["fieldOptions"].get("childFieldId")
                    if field_id is not None and field_id != child:
                        raise ValidationError(
                            f"Case rule {rule_id} sets the options of field {child}; it cannot act on field {field_id}"
                        )
                    target = field_id or child
                elif field_id is None:
                    raise ValidationError(
                        f"Case rule {rule_id} is a {rule.rule_type} rule: give the fieldId it acts on"
                    )
                else:
                    target = field_id
                if target:
                    self.live_reference(target, "the target of a case rule")

    # -- views that hide deleted references ----------------------------------
    def live_template_rules(self, template: Template) -> list[dict[str, Any]]:
        """A template's rules whose case rule and field are both still there."""
        return [
            dict(r)
            for r in template.rules
            if self.is_live_rule(r["caseRuleId"]) and (r.get("fieldId") is None or self.is_live_field(r["fieldId"]))
        ]

    def describe_template(self, template: Template, tags: dict[str, str]) -> dict[str, Any]:
        return {
            **template.summary(),
            "description": template.description,
            "layoutConfiguration": copy.deepcopy(template.layout_configuration),
            "requiredFields": [{"fieldId": f} for f in template.required_fields if self.is_live_field(f)],
            "rules": self.live_template_rules(template),
            "tags": tags,
            **template.stamps(),
        }

    def describe_event_configuration(self) -> dict[str, Any]:
        config = copy.deepcopy(self.event_configuration)
        case_data = config.get("includedData", {}).get("caseData")
        if case_data is not None:
            case_data["fields"] = [f for f in case_data["fields"] if self.is_live_field(f["id"])]
        return config


#: what a domain's configuration stores hold
C = TypeVar("C", Field, CaseRule, Template)


class CasesBackend(MergeOperations, SearchOperations, BaseBackend):
    """Connect Cases state of one account and Region: the configuration operations are here,
    the runtime ones in the mixins (merges.py on cases.py on related.py, search.py on related.py)."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.domains: Store[Domain] = Store()
        self.tags = Tags()
        self.resources = Resources(self.tags)
        self.case_tokens = ClientTokens()
        #: snapshots of the walks of sorted searches (SearchCases, SearchAllRelatedItems)
        self.walks = Walks()

    def resource_root(self, params: dict[str, Any]) -> Domain:
        """What the resource layer's resources of a request live under: its domain."""
        return self.domain(params["domainId"])

    # -- domains -------------------------------------------------------------
    def domain(self, domain_id: str) -> Domain:
        return found(self.domains.get(domain_id), "Domain", domain_id)

    def create_domain(self, caller: Caller, name: str) -> Domain:
        if any(d.name == name for d in self.domains.values()):
            raise ConflictException(f"A domain named {name!r} already exists in this account and Region")
        quotas.check(len(self.domains) + 1, quotas.DOMAINS, "Cases domains", "This account and Region")
        domain = Domain(caller, new_id(), name)
        self.domains.add(domain.id, domain)
        for arn in domain.arns():
            self.tags.track(arn)
        return domain

    def list_domains(self, next_token: str | None, max_results: int) -> tuple[list[Domain], str | None]:
        return self.domains.page(next_token, max_results)

    def describe_domain(self, domain_id: str) -> dict[str, Any]:
        domain = self.domain(domain_id)
        status = domain.domain_status
        domain.advance()  # the state manager counts reads: the status moves after `times` of them
        return {
            **domain.summary(),
            "createdTime": domain.created_time,
            "domainStatus": status,
            "tags": self.tags.get(domain.arn),
        }

    def delete_domain(self, domain_id: str) -> None:
        domain = self.domain(domain_id)
        for arn in domain.arns():
            self.tags.forget(arn)
        self.domains.pop(domain.id)

    # -- fields --------------------------------------------------------------
    def create_field(
        self,
        domain_id: str,
        name: str,
        field_type: str,
        description: str | None = None,
        attributes: dict[str, Any] | None = None,
    ) -> Field:
        domain = self.domain(domain_id)
        _check_attributes(field_type, attributes)
        domain.claim_name(domain.fields, "field", name)
        custom = sum(1 for f in domain.fields.values() if not f.is_system and not f.deleted)
        quotas.check(custom + 1, quotas.FIELDS_PER_DOMAIN, "custom fields", f"Domain {domain.id}")
        return self._added(
            domain,
            "field",
            domain.fields,
            lambda field_id, arn: Field(field_id, arn, name, field_type, CUSTOM, now(), description, attributes),
        )

    def update_field(
        self,
        domain_id: str,
        field_id: str,
        name: str | None = None,
        description: str | None = None,
        attributes: dict[str, Any] | None = None,
    ) -> None:
        """Changes the attributes given (None: not given) and keeps the others."""
        domain = self.domain(domain_id)
        field = domain.live_field(field_id, "updated")
        changes = given(name=name, description=description, attributes=attributes)
        if field.is_system and changes:
            raise ValidationError(f"Field {field_id} is a system field: its name, description and attributes are fixed")
        if attributes is not None:
            _check_attributes(field.type, attributes)
        if name is not None and name != field.name:
            domain.claim_name(domain.fields, "field", name, but=field)
        _update(field, changes)

    def delete_field(self, domain_id: str, field_id: str) -> None:
        domain = self.domain(domain_id)
        field = domain.field(field_id)
        if field.is_system:
            raise ValidationError(f"Field {field_id} is a system field and cannot be deleted")
        _soft_delete(field, "Field", field_id)

    def batch_get_fields(
        self, domain_id: str, field_ids: list[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return self._batch_get(self.domain(domain_id).fields, "Field", field_ids)

    def list_fields(self, domain_id: str, next_token: str | None, max_results: int) -> tuple[list[Field], str | None]:
        return self.domain(domain_id).fields.page(next_token, max_results, lambda f: not f.deleted)

    def _added(self, domain: Domain, kind: str, store: Store[C], make: Callable[[str, str], C]) -> C:
        """A new field, case rule or template, made by ``make(id, ARN)`` with a new id and the ARN of a
        ``kind`` of the domain, kept by the domain, its ARN known for tagging."""
        item_id = new_id()
        item = make(item_id, domain.child_arn(kind, item_id))
        store.add(item_id, item)
        self.tags.track(item.arn)
        return item

    # -- field options -------------------------------------------------------
    def _select_field(self, domain: Domain, field_id: str) -> Field:
        field = domain.live_field(field_id, "given options")
        if field.type != "SingleSelect":
            raise ValidationError(f"Field {field_id} is of type {field.type}: only SingleSelect fields have options")
        return field

    def batch_put_field_options(
        self, domain_id: str, field_id: str, options: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        domain = self.domain(domain_id)
        field = self._select_field(domain, field_id)
        seen: set[str] = set()
        for option in options:
            if not OPTION_VALUE.match(option["value"]):
                raise ValidationError(
                    f"Option value {option['value']!r} must be alphanumeric, with hyphens and underscores"
                )
            if option["value"] in seen:
                raise ValidationError(f"Option value {option['value']!r} appears more than once in the request")
            seen.add(option["value"])
        added = sum(1 for value in seen if value not in field.options)
        quotas.check(len(field.options) + added, quotas.OPTIONS_PER_FIELD, "options", f"Field {field.id}")
        errors: list[dict[str, Any]] = []
        changed = False
        for option in options:
            value = option["value"]
            existing = field.options.get(value)
            if existing is None:
                field.options.add(value, FieldOption(option["name"], value, option["active"]))
                changed = True
            elif existing.fixed and (existing.name != option["name"] or existing.active != option["active"]):
                errors.append(
                    {
                        "value": value,
                        "errorCode": "ValidationException",
                        "message": f"Option {value!r} of system field {field.id} cannot be renamed or deactivated",
                    }
                )
            elif existing.name != option["name"] or existing.active != option["active"]:
                existing.name = option["name"]
                existing.active = option["active"]
                changed = True
        if changed:
            field.last_modified_time = now()
        return errors

    def list_field_options(
        self, domain_id: str, field_id: str, values: list[str] | None, next_token: str | None, max_results: int
    ) -> tuple[list[FieldOption], str | None]:
        domain = self.domain(domain_id)
        field = domain.field(field_id)
        if field.type != "SingleSelect":
            raise ValidationError(f"Field {field_id} is of type {field.type}: only SingleSelect fields have options")
        wanted = set(values) if values else None
        return field.options.page(next_token, max_results, lambda o: wanted is None or o.value in wanted)

    # -- case rules ----------------------------------------------------------
    def create_case_rule(
        self, domain_id: str, name: str, rule: dict[str, Any], description: str | None = None
    ) -> CaseRule:
        domain = self.domain(domain_id)
        domain.check_rule(rule)
        return self._added(
            domain,
            "case-rule",
            domain.case_rules,
            lambda rule_id, arn: CaseRule(rule_id, arn, name, description, copy.deepcopy(rule), now()),
        )

    def update_case_rule(
        self,
        domain_id: str,
        rule_id: str,
        name: str | None = None,
        description: str | None = None,
        rule: dict[str, Any] | None = None,
    ) -> None:
        """Changes the name, description and/or rule given (None: not given)."""
        domain = self.domain(domain_id)
        case_rule = domain.case_rule(rule_id)
        require_live(case_rule, "Case rule", rule_id, "updated")
        if rule is not None:
            domain.check_rule(rule)
        _update(case_rule, given(name=name, description=description, rule=copy.deepcopy(rule)))

    def delete_case_rule(self, domain_id: str, rule_id: str) -> None:
        _soft_delete(self.domain(domain_id).case_rule(rule_id), "CaseRule", rule_id)

    def batch_get_case_rules(
        self, domain_id: str, rule_ids: list[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return self._batch_get(self.domain(domain_id).case_rules, "Case rule", rule_ids)

    def _batch_get(
        self, store: Store[Field] | Store[CaseRule], noun: str, ids: list[str]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """BatchGetField, BatchGetCaseRule: each item (deleted or not) described, an error for each unknown id."""
        described: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for ident in dict.fromkeys(ids):
            item = store.get(ident)
            if item is None:
                errors.append(
                    {"id": ident, "errorCode": "ResourceNotFoundException", "message": f"{noun} {ident} not found"}
                )
            else:
                described.append(item.describe(self.tags.get(item.arn)))
        return described, errors

    def list_case_rules(
        self, domain_id: str, next_token: str | None, max_results: int
    ) -> tuple[list[CaseRule], str | None]:
        return self.domain(domain_id).case_rules.page(next_token, max_results, lambda r: not r.deleted)

    # -- templates -----------------------------------------------------------
    def create_template(self, domain_id: str, name: str, **attributes: Unpack[TemplateAttributes]) -> Template:
        domain = self.domain(domain_id)
        changes = template_attributes(name=name, **attributes)
        domain.claim_name(domain.templates, "template", name)
        domain.check_template(changes)
        live = sum(1 for t in domain.templates.values() if not t.deleted)
        quotas.check(live + 1, quotas.TEMPLATES_PER_DOMAIN, "templates", f"Domain {domain.id}")
        template = self._added(
            domain, "template", domain.templates, lambda template_id, arn: Template(template_id, arn, name, now())
        )
        _apply_template(template, changes)
        return template

    def describe_template(self, domain_id: str, template_id: str) -> dict[str, Any]:
        domain = self.domain(domain_id)
        template = domain.template(template_id)
        return domain.describe_template(template, self.tags.get(template.arn))

    def update_template(
        self, domain_id: str, template_id: str, *, name: str | None = None, **attributes: Unpack[TemplateAttributes]
    ) -> None:
        """Changes the attributes given (None: not given) and keeps the others."""
        domain = self.domain(domain_id)
        template = domain.template(template_id)
        require_live(template, "Template", template_id, "updated")
        changes = template_attributes(name=name, **attributes)
        if not changes:
            raise ValidationError("Give at least one of " + ", ".join(TEMPLATE_ATTRIBUTES) + " to update a template")
        if "name" in changes and changes["name"] != template.name:
            domain.claim_name(domain.templates, "template", changes["name"], but=template)
        domain.check_template(changes)
        _apply_template(template, changes)
        template.last_modified_time = now()

    def delete_template(self, domain_id: str, template_id: str) -> None:
        _soft_delete(self.domain(domain_id).template(template_id), "Template", template_id)

    def list_templates(
        self, domain_id: str, statuses: list[str] | None, next_token: str | None, max_results: int
    ) -> tuple[list[Template], str | None]:
        wanted = set(statuses) if statuses else None
        return self.domain(domain_id).templates.page(
            next_token, max_results, lambda t: not t.deleted and (wanted is None or t.status in wanted)
        )

    # -- case event configuration --------------------------------------------
    def put_case_event_configuration(self, domain_id: str, event_bridge: dict[str, Any]) -> None:
        domain = self.domain(domain_id)
        case_data = event_bridge.get("includedData", {}).get("caseData")
        if case_data is not None:
            for item in case_data["fields"]:
                domain.live_reference(item["id"], "included in case events")
        domain.event_configuration = copy.deepcopy(event_bridge)

    # -- tags ----------------------------------------------------------------
    def tagged(self, arn: str) -> str:
        """An ARN that names a Cases resource of this backend, or ResourceNotFoundException."""
        if not self.tags.knows(arn):
            raise not_found(_arn_resource_type(arn), arn)
        return arn


class TemplateAttributes(TypedDict, total=False):
    """The attributes of Create/UpdateTemplate other than the name (None: not given)."""

    description: str | None
    layout_configuration: dict[str, Any] | None
    required_fields: list[dict[str, Any]] | None
    status: str | None
    rules: list[dict[str, Any]] | None
    tag_propagation_configurations: list[dict[str, Any]] | None


def _kept(value: Any) -> Any:
    return value


#: the template attributes, keyword argument -> (request member, ``Template`` attribute, what the template keeps of
#: a request's value), in the order of the model
_TEMPLATE_MEMBERS: dict[str, tuple[str, str, Callable[[Any], Any]]] = {
    "name": ("name", "name", _kept),
    "description": ("description", "description", _kept),
    "layout_configuration": ("layoutConfiguration", "layout_configuration", copy.deepcopy),
    "required_fields": ("requiredFields", "required_fields", lambda items: [item["fieldId"] for item in items]),
    "status": ("status", "status", _kept),
    "rules": ("rules", "rules", lambda items: [dict(item) for item in items]),
    "tag_propagation_configurations": ("tagPropagationConfigurations", "tag_propagation", copy.deepcopy),
}

#: the template attributes' request members
TEMPLATE_ATTRIBUTES = tuple(member for member, _, _ in _TEMPLATE_MEMBERS.values())


def template_attributes(**attributes: Any) -> dict[str, Any]:
    """The template attributes given (not None, keyword arguments as in ``_TEMPLATE_MEMBERS``), keyed by their
    member names."""
    return given(**{_TEMPLATE_MEMBERS[arg][0]: value for arg, value in attributes.items()})


def _apply_template(template: Template, request: dict[str, Any]) -> None:
    """Copy the attributes a Create/UpdateTemplate request gives (``template_attributes``); keep the others."""
    for member, attribute, keep in _TEMPLATE_MEMBERS.values():
        if member in request:
            setattr(template, attribute, keep(request[member]))


def _update(item: ConfigItem, changes: dict[str, Any]) -> None:
    """Set the attributes given (``changes``: keyed by attribute); any change stamps the item."""
    for attr, value in changes.items():
        setattr(item, attr, value)
    if changes:
        item.last_modified_time = now()


def _soft_delete(item: ConfigItem, resource_type: str, ident: str) -> None:
    """Soft-delete a field, case rule or template (it keeps its id, ARN and tags); not twice."""
    if item.deleted:
        raise not_found(resource_type, ident, "(it is already deleted)")
    item.deleted = True
    item.last_modified_time = now()


def _check_attributes(field_type: str, attributes: dict[str, Any] | None) -> None:
    if attributes and "text" in attributes and field_type != "Text":
        raise ValidationError(f"Text attributes apply to fields of type Text, not {field_type}")


def _arn_resource_type(arn: str) -> str:
    parsed = parse_arn(arn)
    if parsed is None or parsed["service"] != "cases":
        return "Resource"
    parts = parsed["resource"].split("/")
    if len(parts) >= 4 and parts[0] == "domain":
        return _ARN_TYPES.get(parts[-2], "Resource")
    return "Domain" if parts[0] == "domain" else "Resource"


connectcases_backends = BackendDict(CasesBackend, "connectcases")
