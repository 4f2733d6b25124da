"""Custom metric definitions (CreateMetric and its family), declared on the resource layer.

A custom metric (API Reference, CreateMetric; CloudFormation ``AWS::Connect::Metric``) is a
formula over AWS-managed metrics: ``MetricCalculation`` holds the formula (``Calculation``,
such as ``100 * SUM(M1) / SUM(M2)``) and its components, each an ``Alias`` naming one
AWS-managed metric (``MetricName``, such as ``CONTACTS_HANDLED``, or ``MetricId``, its ARN;
"Mutually exclusive") with up to five filters.  The rules enforced:

* a component's alias matches ``[a-zA-Z_][a-zA-Z0-9_]*`` (the CloudFormation schema) and is
  unique within the calculation; a component names exactly one metric, an AWS-managed one
  (the historical metrics GetMetricDataV2 documents; a custom metric is not a component,
  its ``SupportsCustomCalculation`` is false);
* a filter has exactly one condition (number, string or boolean);
* the formula is an arithmetic expression (numbers, ``+ - * /``, parentheses) over the
  components' aliases and the statistics custom metrics use (``SUM``, ``AVG``, ``MIN``,
  ``MAX``, Administrator Guide, "Custom metric primitives"); any other name is refused;
* names are unique per instance (``DuplicateResourceException``); an instance has at most
  ``METRICS_PER_INSTANCE`` custom metrics (``LimitExceededException``);
* a client token makes CreateMetric idempotent.

A metric is ``PUBLISHED`` (the default) or ``SAVED`` (a draft).  As with flows, the metric
ID takes a qualifier: UpdateMetricContent on ``<id>`` or ``<id>:$LATEST`` publishes (a
``SAVED`` metric becomes ``PUBLISHED``: the one transition there is; a published metric never
goes back), on ``<id>:$SAVED`` saves without publishing (a published metric keeps the draft
apart, shown by DescribeMetric on ``<id>:$SAVED`` with an ARN qualified ``:$SAVED``).
``$LATEST`` of a metric never published is ``ResourceNotFoundException``.

The definition's other members are derived: ``Type`` ``CUSTOMER_MANAGED``, ``CreationMethod``
``METRIC_BUILDER``, ``Groupings`` the groupings every component metric supports (from
GetMetricDataV2's documentation), ``Filters`` those groupings as resource-level filters.
``metric_definition`` is how the metrics engine looks a custom metric up.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..core.arns import split_qualifier
from ..core.model import service_model
from ..core.resources import Container, Quota, Resource, Resources, ResourceType, render
from ..core.tagging import Tags
from .exceptions import InvalidParameterException, ResourceNotFoundException
from .instance_lookup import answer_or_none

PUBLISHED = "PUBLISHED"
SAVED = "SAVED"
SAVED_QUALIFIER = "$SAVED"
LATEST_QUALIFIER = "$LATEST"
CUSTOMER_MANAGED = "CUSTOMER_MANAGED"
AWS_MANAGED = "AWS_MANAGED"
CATEGORY = "CUSTOM"

#: custom metrics per instance: AWS documents no number; the plugin's own bound
METRICS_PER_INSTANCE = 100
#: the members UpdateMetricContent changes (a draft holds these)
CONTENT = ("MetricCalculation", "Unit", "PositiveTrendIndicator")
#: the statistics a formula applies to a component ("Custom metric primitives")
STATISTICS = frozenset({"SUM", "AVG", "MIN", "MAX"})
ALIAS = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*\Z")

#: internal attribute: the saved, unpublished content of a published metric
DRAFT = "_Draft"


# -- the AWS-managed metrics components name ------------------------------------------
@functools.cache
def managed_metrics() -> dict[str, tuple[str, ...]]:
    """Every AWS-managed historical metric GetMetricDataV2 documents -> the grouping keys it
    supports, in the order the operation lists its groupings (read from GetMetricDataV2's
    catalogue, which the metrics engine computes with)."""
    from .metrics import v2_catalogue

    inputs = service_model("connect").operation_model("GetMetricDataV2").input_shape
    keys = list(dict.fromkeys(re.findall(r"<code>([^<]+)</code>", inputs.members["Groupings"].documentation)))
    return {name: tuple(k for k in keys if k in metric.groupings) for name, metric in v2_catalogue().items()}


# -- the calculation ------------------------------------------------------------------
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(.))")


def _tokens(expression: str) -> list[tuple[str, str]]:
    out = []
    for number, name, other in _TOKEN.findall(expression):
        if number:
            out.append(("number", number))
        elif name:
            out.append(("name", name))
        elif other.strip():
            out.append(("op", other))
    return out


def calculation_tree(expression: str, aliases: frozenset[str] | None = None) -> Any:
    """The formula as a tree: ``("num", float)``, ``("alias", name)``, ``("stat", STAT, tree)``,
    ``("neg", tree)`` or ``(op, left, right)`` for ``+ - * /``.

    Raises ``InvalidParameterException`` for a formula that is not one, or (given
    ``aliases``) that names anything else than those aliases and the statistics."""
    tokens = _tokens(expression)
    position = 0

    def fail(why: str) -> InvalidParameterException:
        return InvalidParameterException(f"MetricCalculation.Calculation {expression!r} is not valid: {why}")

    def peek() -> tuple[str, str] | None:
        return tokens[position] if position < len(tokens) else None

    def take(value: str) -> bool:
        nonlocal position
        found = peek()
        if found is not None and found == ("op", value):
            position += 1
            return True
        return False

    def chain(operand: Callable[[], Any], operators: tuple[str, ...]) -> Any:
        """Operands joined by operators of one precedence, left to right."""
        tree = operand()
        while (found := peek()) is not None and found[0] == "op" and found[1] in operators:
            take(found[1])
            tree = (found[1], tree, operand())
        return tree

    def expr() -> Any:
        return chain(term, ("+", "-"))

    def term() -> Any:
        return chain(factor, ("*", "/"))

    def factor() -> Any:
        nonlocal position
        found = peek()
        if found is None:
            raise fail("it ends where a value is expected")
        kind, value = found
        if take("-"):
            return ("neg", factor())
        if take("("):
            inner = expr()
            if not take(")"):
                raise fail("a parenthesis is not closed")
            return inner
        if kind == "number":
            position += 1
            return ("num", float(value))
        if kind == "name":
            position += 1
            if take("("):
                if value.upper() not in STATISTICS:
                    raise fail(f"{value} is not a statistic ({', '.join(sorted(STATISTICS))})")
                inner = expr()
                if not take(")"):
                    raise fail(f"{value}( is not closed")
                return ("stat", value.upper(), inner)
            if aliases is not None and value not in aliases:
                raise fail(f"{value} is not the alias of one of its CalculationComponents")
            return ("alias", value)
        raise fail(f"{value!r} is not expected here")

    tree = expr()
    if position != len(tokens):
        raise fail(f"{tokens[position][1]!r} is not expected here")
    return tree


def _managed_name(component: Mapping[str, Any], instance: Container) -> str:
    """The AWS-managed metric a component names, by name or by ARN (or the error saying why)."""
    alias = component["Alias"]
    name, metric_id = component.get("MetricName"), component.get("MetricId")
    if (name is None) == (metric_id is None):
        raise InvalidParameterException(
            f"CalculationComponent {alias}: give exactly one of MetricName and MetricId (they are mutually exclusive)"
        )
    if metric_id is not None:
        base = metric_id.split(":$", 1)[0]
        name = base.rsplit("/", 1)[-1]
        if instance.has_children(METRIC.kind) and instance.children(METRIC.kind).get(name) is not None:
            raise InvalidParameterException(
                f"CalculationComponent {alias}: {metric_id} is a custom metric; components are AWS-managed metrics"
            )
    if name not in managed_metrics():
        raise InvalidParameterException(f"CalculationComponent {alias}: {name} is not an AWS-managed metric")
    return str(name)


def check_calculation(calculation: Mapping[str, Any], instance: Container) -> None:
    aliases: set[str] = set()
    for component in calculation["CalculationComponents"]:
        alias = component["Alias"]
        if not ALIAS.match(alias):
            raise InvalidParameterException(f"CalculationComponent alias {alias!r} must match [a-zA-Z_][a-zA-Z0-9_]*")
        if alias in aliases:
            raise InvalidParameterException(f"CalculationComponent alias {alias} is used more than once")
        aliases.add(alias)
        _managed_name(component, instance)
        for position, metric_filter in enumerate(component.get("MetricFilters") or ()):
            given = [c for c in ("NumberCondition", "StringCondition", "BooleanCondition") if c in metric_filter]
            if len(given) != 1:
                raise InvalidParameterException(
                    f"CalculationComponent {alias}: MetricFilters[{position}] ({metric_filter['MetricFilterKey']}) "
                    "needs exactly one of NumberCondition, StringCondition and BooleanCondition"
                )
    calculation_tree(calculation["Calculation"], frozenset(aliases))


def _check(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    for content in (attrs, attrs.get(DRAFT)):
        if content is not None and content.get("MetricCalculation") is not None:
            check_calculation(content["MetricCalculation"], instance)


def groupings_of(calculation: Mapping[str, Any] | None) -> list[str]:
    """The groupings every component metric supports, in the first one's order."""
    if not calculation:
        return []
    catalog = managed_metrics()
    found: list[str] | None = None
    for component in calculation["CalculationComponents"]:
        name = component.get("MetricName") or str(component.get("MetricId", "")).split(":$", 1)[0].rsplit("/", 1)[-1]
        supported = catalog.get(name, ())
        found = list(supported) if found is None else [g for g in found if g in supported]
    return found or []


METRIC = ResourceType(
    kind="metric",
    unique_name=True,
    duplicate_message="A metric with the name {name} already exists in the instance",
    defaults={"Status": PUBLISHED, "PositiveTrendIndicator": "NEUTRAL"},
    check=_check,
    quota=Quota.most(lambda: METRICS_PER_INSTANCE, "custom metrics", "LimitExceededException", first=True),
    computed={
        "Type": lambda r: CUSTOMER_MANAGED,
        "CreationMethod": lambda r: "METRIC_BUILDER",
        "Category": lambda r: CATEGORY,
        "Groupings": lambda r: groupings_of(r.attrs.get("MetricCalculation")),
        "Filters": lambda r: [
            {"Id": g, "Type": "RESOURCE_LEVEL"} for g in groupings_of(r.attrs.get("MetricCalculation"))
        ],
        "SupportsPreaggregateCalculation": lambda r: False,
        "SupportsCustomCalculation": lambda r: False,
    },
)


# -- the rules of the operations ----------------------------------------------------------


def find(resources: Resources, instance: Container, ident: str) -> tuple[Resource, str | None]:
    """The metric an ID or ARN names, with its qualifier (``$SAVED``, ``$LATEST``)."""
    base, qualifier = split_qualifier(ident)
    metric = resources.find(METRIC, instance, base)
    if metric is None or (base.startswith("arn:") and metric.arn != base):
        raise ResourceNotFoundException(f"Metric not found: {ident}")
    if qualifier not in (None, SAVED_QUALIFIER, LATEST_QUALIFIER):
        raise ResourceNotFoundException(
            f"Metric {metric.id} has no version {qualifier}: the qualifiers are $SAVED and $LATEST"
        )
    if qualifier == LATEST_QUALIFIER and metric.attrs.get("Status") != PUBLISHED:
        raise ResourceNotFoundException(f"Metric {metric.id} has not been published")
    return metric, qualifier


def view(metric: Resource, qualifier: str | None, tags: Tags) -> dict[str, Any]:
    """The metric's definition as a qualifier shows it (``$SAVED``: its draft, if it has one)."""
    out = render(metric, "MetricDefinition", tags)
    draft = metric.attrs.get(DRAFT)
    if qualifier == SAVED_QUALIFIER and draft is not None:
        out.update({k: v for k, v in draft.items() if k in CONTENT})
        out.update(Status=SAVED, Arn=f"{metric.arn}:{SAVED_QUALIFIER}")
        out["Groupings"] = groupings_of(draft.get("MetricCalculation"))
        out["Filters"] = [{"Id": g, "Type": "RESOURCE_LEVEL"} for g in out["Groupings"]]
    return out


def update_content(
    resources: Resources, metric: Resource, qualifier: str | None, changes: dict[str, Any], caller: Any
) -> None:
    """Publish (no qualifier, ``$LATEST``) or save (``$SAVED``) the calculation, unit and trend."""
    if qualifier == SAVED_QUALIFIER and metric.attrs.get("Status") == PUBLISHED:
        base = metric.attrs.get(DRAFT) or {k: metric.attrs[k] for k in CONTENT if k in metric.attrs}
        resources.update(metric, {DRAFT: {**base, **changes}}, caller)
        return
    update = dict(changes)
    if qualifier != SAVED_QUALIFIER:
        update["Status"] = PUBLISHED
        if DRAFT in metric.attrs:
            update[DRAFT] = None
    resources.update(metric, update, caller)


def metric_definition(backend: Any, instance: Container | str, metric_id_or_arn_or_name: str) -> dict[str, Any] | None:
    """A custom metric's stored definition (``MetricDefinition`` members), by ID, ARN or name, or None.

    For the metrics engine (GetMetricDataV2): the published definition, or the saved one of a
    metric never published; ``<id>:$SAVED`` gives the draft."""

    def definition(resources: Resources, root: Container) -> dict[str, Any]:
        try:
            metric, qualifier = find(resources, root, metric_id_or_arn_or_name)
        except ResourceNotFoundException:
            rid = root.names(METRIC.kind).get(metric_id_or_arn_or_name)
            if rid is None:
                raise
            metric, qualifier = root.children(METRIC.kind)[rid], None
        return view(metric, qualifier, resources.tags)

    return answer_or_none(backend, instance, definition)
