"""Recommenders, their schemas and filters, and the recommendations computed from the store.

Three resources of a domain, each named by its name (unique in the domain):

* a recommender schema (``domains/<d>/recommender-schemas/<name>``): per dataset type
  (``_webAnalytics``, ``_catalogItem``, the two keys AWS supports) the columns recommenders and
  filters may use, each a ``TargetFieldName`` (a dotted path such as ``Attributes.MealTime``),
  named once per dataset, ``TEXTUAL`` only for ``STRING`` content.  ``ACTIVE`` from the start; a
  schema that a recommender or a filter names cannot be deleted.
* a recommender filter (``domains/<d>/recommender-filters/<name>``): an Amazon Personalize
  filter expression (``INCLUDE|EXCLUDE ItemID WHERE <Dataset>.<field> IN|NOT IN (...)``,
  conditions joined by ``AND``/``OR``, expressions by ``|``), checked by structure when it is
  created, its status through moto's state manager (``PENDING -> IN_PROGRESS -> ACTIVE``).  A
  domain has at most 10 (Amazon Personalize's filters per dataset group).
* a recommender (``domains/<d>/recommenders/<name>``): a recipe of ``ListRecommenderRecipes``,
  its ``RecommenderConfig`` checked against its schema, its status through moto's state manager
  (model ``customer-profiles::recommender``): ``PENDING -> IN_PROGRESS -> ACTIVE`` when created,
  ``STOPPING -> INACTIVE`` (StopRecommender, from ``ACTIVE``), ``STARTING -> ACTIVE``
  (StartRecommender, from ``INACTIVE``).  UpdateRecommender with a configuration (or a version
  to go back to) starts an update with its own status (model
  ``customer-profiles::recommender-update``, ``PENDING -> IN_PROGRESS -> ACTIVE``); the
  configuration is the recommender's once the update is ``ACTIVE``.  Each completed training
  makes a version (``<name>/<yyyy-mm-ddThh-mm-ssZ>``) with training metrics computed from the
  store at that moment (leave-last-out evaluation of the recipe, and coverage).

Recommendations are computed from the profile objects of the domain (kind ``profile-object``,
attributes ``ObjectTypeName``, ``ProfileId``, ``Object`` as JSON):

* an *interaction* is an object of a profile whose JSON names an item (``Item.Id``, nested or
  dotted, or ``ItemId``), with ``EventType``, ``EventValue`` and ``EventTimestamp`` if it has them;
  the recommender's ``EventsConfig`` keeps the listed event types, at or above their
  ``EventValueThreshold``, each weighing its ``EventWeight`` (1 without one);
* a *catalog item* is a ``_catalogItem`` object (its ``Id``, ``Name``, ``Category``, ...).

The rules per recipe are written in ``rank`` below; every answer is a pure function of the store.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, lifecycle, register_transition
from ..core.resources import Container, Quota, Resource, Resources
from . import profiles
from .declarations import CREATED_AT, STAMPS, declare
from .exceptions import BadRequestException, ResourceNotFoundException

RECOMMENDER_MODEL = "customer-profiles::recommender"
RECOMMENDER_UPDATE_MODEL = "customer-profiles::recommender-update"
RECOMMENDER_FILTER_MODEL = "customer-profiles::recommender-filter"
for _model in (RECOMMENDER_MODEL, RECOMMENDER_UPDATE_MODEL, RECOMMENDER_FILTER_MODEL):
    register_transition(_model, "immediate")

PENDING, IN_PROGRESS, ACTIVE = "PENDING", "IN_PROGRESS", "ACTIVE"
STOPPING, INACTIVE, STARTING = "STOPPING", "INACTIVE", "STARTING"

#: the recipes, in the order AWS lists them, with what each recommends
RECIPES: dict[str, str] = {
    "recommended-for-you": "Personalized recommendations for a profile, from what the profiles whose "
    "interactions overlap with its own interacted with.",
    "similar-items": "Items similar to the items a profile interacted with (or to the item the "
    "context names): items of the same category, and items the same profiles interacted with.",
    "frequently-paired-items": "Items frequently interacted with together with the items a profile "
    "interacted with (or the item the context names).",
    "popular-items": "The items with the most interactions across all profiles.",
    "trending-now": "The items whose interactions are the most numerous in the latest period of interaction data.",
    "personalized-ranking": "The candidate items of a request, ranked by a profile's predicted interest.",
}
#: dataset types of schemas and of included or excluded columns
DATASETS = ("_webAnalytics", "_catalogItem")
#: columns every recommender trains on (they cannot be excluded)
MANDATORY_COLUMNS = {"_webAnalytics": ("Item.Id", "EventTimestamp", "EventType"), "_catalogItem": ("Id",)}
#: filters per domain (Amazon Personalize: filters per dataset group)
FILTERS_PER_DOMAIN = 10
#: the catalog item's members (CatalogItem), which filters and diversity columns may always name
CATALOG_MEMBERS = (
    "Id",
    "Name",
    "Code",
    "Type",
    "Category",
    "Description",
    "AdditionalInformation",
    "ImageLink",
    "Link",
    "Price",
)
_LONG_MEMBERS = ("AdditionalInformation", "ImageLink", "Link")
#: trending-now counts the interactions of this last period of the data
TRENDING_WINDOW = dt.timedelta(days=7)
#: how many versions keep their training metrics (GetRecommender's TrainingMetricsCount is 0 to 5)
METRICS_KEPT = 5
_FIELD_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")

# internal attributes
TRAINING = "_Training"
UPDATE = "_Update"
VERSIONS = "_Versions"
ACTIVE_VERSION = "_ActiveVersion"
PENDING_VERSION = "_PendingVersion"
FILTER_STATUS = "_FilterStatus"


#: a recommender's training, an update's and a filter's status: PENDING, IN_PROGRESS, ACTIVE (a
#: recommender is also stopped and started)
_TRAINED: list[tuple[str | None, str]] = [(PENDING, IN_PROGRESS), (IN_PROGRESS, ACTIVE)]
Lifecycle = lifecycle(RECOMMENDER_MODEL, _TRAINED, initial=PENDING)
UpdateStatus = lifecycle(RECOMMENDER_UPDATE_MODEL, _TRAINED, initial=PENDING)
FilterStatus = lifecycle(RECOMMENDER_FILTER_MODEL, _TRAINED, initial=PENDING)


@dataclass
class Update:
    """One UpdateRecommender that trains: its configuration, status and the version it makes."""

    config: dict[str, Any]
    status: StatefulModel
    created: dt.datetime
    last_updated: dt.datetime
    version: str
    applied: bool = False


@dataclass
class Version:
    name: str
    config: dict[str, Any]
    trained: dt.datetime
    metrics: dict[str, float] = field(default_factory=dict)


# -- declarations ------------------------------------------------------------------------
def _status(recommender: Resource) -> str:
    return str(recommender.attrs[TRAINING].stored_status)


def _latest_update(recommender: Resource) -> dict[str, Any] | None:
    update: Update | None = recommender.attrs.get(UPDATE)
    if update is None:
        return None
    return {
        "RecommenderConfig": update.config,
        "Status": str(update.status.stored_status),
        "CreatedAt": update.created,
        "LastUpdatedAt": update.last_updated,
        "RecommenderVersionName": update.version,
    }


RECOMMENDER = declare(
    "recommender",
    "Recommender",
    "domains/{parent}/recommenders/{id}",
    "RecommenderName",
    arn_name="RecommenderArn",
    aliases={"RecipeName": "RecommenderRecipeName"},
    computed={
        **STAMPS,
        "Status": _status,
        "LatestRecommenderUpdate": _latest_update,
        "ActiveRecommenderVersionName": lambda r: r.attrs.get(ACTIVE_VERSION),
    },
)

#: recommender filters per domain; checked before the filter's expression, as it always was (create
#: checks it too)
FILTERS_QUOTA = Quota(
    lambda: FILTERS_PER_DOMAIN, "BadRequestException", "A domain can have at most {limit} recommender filters"
)

RECOMMENDER_FILTER = declare(
    "recommender-filter",
    "Recommender filter",
    "domains/{parent}/recommender-filters/{id}",
    "RecommenderFilterName",
    arn_name="RecommenderFilterArn",
    tags_always=True,
    computed={**CREATED_AT, "Status": lambda f: str(f.attrs[FILTER_STATUS].stored_status)},
    quota=FILTERS_QUOTA,
)

RECOMMENDER_SCHEMA = declare(
    "recommender-schema",
    "Recommender schema",
    "domains/{parent}/recommender-schemas/{id}",
    "RecommenderSchemaName",
    arn_name="RecommenderSchemaArn",
    defaults={"Status": ACTIVE},
    computed=CREATED_AT,
)


# -- schemas -----------------------------------------------------------------------------
def create_schema(
    resources: Resources,
    domain: Resource,
    name: str,
    fields: dict[str, list[dict[str, Any]]],
    caller: Caller,
    tags: dict[str, str] | None,
) -> Resource:
    if resources.find(RECOMMENDER_SCHEMA, domain, name) is not None:
        raise BadRequestException(f"Recommender schema {name} already exists")
    for dataset, columns in fields.items():
        if dataset not in DATASETS:
            raise BadRequestException(f"Fields: {dataset} is not a dataset type; the keys are {', '.join(DATASETS)}")
        seen: set[str] = set()
        for column in columns:
            target = column["TargetFieldName"]
            if not _FIELD_PATH.match(target):
                raise BadRequestException(
                    f"Fields.{dataset}: {target!r} is not a field name (names separated by dots, "
                    "such as Location.City or Attributes.MealTime)"
                )
            if target in seen:
                raise BadRequestException(f"Fields.{dataset}: the column {target} is named more than once")
            seen.add(target)
            if column.get("FeatureType") == "TEXTUAL" and column.get("ContentType", "STRING") != "STRING":
                raise BadRequestException(
                    f"Fields.{dataset}: the column {target} is TEXTUAL, so its ContentType is STRING"
                )
    return resources.create(RECOMMENDER_SCHEMA, domain, {"Fields": fields}, caller, tags, resource_id=name)


def schema_columns(schema: Resource | None, dataset: str) -> set[str] | None:
    """The columns a schema gives a dataset (None without a schema: the default one)."""
    if schema is None:
        return None
    return {c["TargetFieldName"] for c in schema.attrs["Fields"].get(dataset, [])}


def delete_schema(resources: Resources, domain: Resource, name: str) -> None:
    schema = resources.get(RECOMMENDER_SCHEMA, domain, name)
    for kind, noun in ((RECOMMENDER, "recommender"), (RECOMMENDER_FILTER, "recommender filter")):
        users = [r.id for r in resources.all(kind, domain) if r.attrs.get("RecommenderSchemaName") == name]
        if users:
            raise BadRequestException(f"Recommender schema {name} is used by the {noun} {users[0]}; delete it first")
    resources.delete(schema)


def _schema(resources: Resources, domain: Resource, name: str | None) -> Resource | None:
    if name is None:
        return None
    found = resources.find(RECOMMENDER_SCHEMA, domain, name)
    if found is None:
        raise ResourceNotFoundException(f"Recommender schema {name} does not exist")
    return found


# -- filter expressions --------------------------------------------------------------------
_TOKEN = re.compile(
    r"""\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?)|(?P<param>\$[A-Za-z0-9_]+)
    |(?P<op><=|>=|=|<|>|\(|\)|,|\|)|(?P<word>[A-Za-z_][A-Za-z0-9_.]*))""",
    re.VERBOSE,
)
FILTER_DATASETS = ("Items", "Interactions", "Users", "CurrentItem")
_COMPARE = ("=", "<", ">", "<=", ">=")


@dataclass(frozen=True)
class Condition:
    dataset: str
    field: str
    op: str  # IN, NOT IN, =, <, >, <=, >=
    values: tuple[tuple[str, str], ...]  # (kind, text): kind is "str", "num" or "param"


@dataclass(frozen=True)
class Clause:
    include: bool
    #: conditions in disjunctive form: OR of ANDs
    any_of: tuple[tuple[Condition, ...], ...]


def _tokens(expression: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    while pos < len(expression):
        if expression[pos:].strip() == "":
            break
        match = _TOKEN.match(expression, pos)
        if match is None or match.end() == pos:
            raise BadRequestException(
                f"RecommenderFilterExpression: unexpected text at {expression[pos:].strip()[:20]!r}"
            )
        kind = match.lastgroup or ""
        out.append((kind, match.group(kind)))
        pos = match.end()
    return out


def parse_expression(expression: str) -> list[Clause]:
    """The clauses of a filter expression, or BadRequestException naming what is wrong."""
    tokens = _tokens(expression)
    position = 0

    def peek() -> tuple[str, str] | None:
        return tokens[position] if position < len(tokens) else None

    def take(expected: str | None = None) -> tuple[str, str]:
        nonlocal position
        token = peek()
        if token is None:
            raise BadRequestException(
                "RecommenderFilterExpression ends too early; the structure is "
                "INCLUDE|EXCLUDE ItemID WHERE Dataset.field IN|NOT IN (values)"
            )
        if expected is not None and token[1].upper() != expected:
            raise BadRequestException(f"RecommenderFilterExpression: expected {expected}, found {token[1]!r}")
        position += 1
        return token

    def condition() -> Condition:
        kind, ref = take()
        dataset, _, name = ref.partition(".")
        if kind != "word" or not name or dataset not in FILTER_DATASETS:
            raise BadRequestException(
                f"RecommenderFilterExpression: {ref!r} is not Dataset.field (datasets: {', '.join(FILTER_DATASETS)})"
            )
        if dataset == "Interactions" and name != "EVENT_TYPE":
            raise BadRequestException(
                "RecommenderFilterExpression: interactions are filtered by Interactions.EVENT_TYPE"
            )
        kind, word = take()
        op = word.upper()
        if op == "NOT":
            take("IN")
            op = "NOT IN"
        if op in ("IN", "NOT IN"):
            take("(")
            values = [value()]
            while peek() is not None and peek() == ("op", ","):
                take(",")
                values.append(value())
            take(")")
            return Condition(dataset, name, op, tuple(values))
        if op in _COMPARE:
            if dataset == "Interactions":
                raise BadRequestException("RecommenderFilterExpression: Interactions.EVENT_TYPE takes IN or NOT IN")
            operand = value()
            if op != "=" and operand[0] == "str":
                raise BadRequestException(f"RecommenderFilterExpression: {op} compares numbers, not {operand[1]}")
            return Condition(dataset, name, op, (operand,))
        raise BadRequestException(f"RecommenderFilterExpression: {word!r} is not IN, NOT IN, =, <, >, <= or >=")

    def value() -> tuple[str, str]:
        kind, text = take()
        if kind == "str":
            return kind, text[1:-1].replace('\\"', '"')
        if kind in ("num", "param"):
            return kind, text
        raise BadRequestException(
            f"RecommenderFilterExpression: {text!r} is not a quoted value, a number or a $PARAMETER"
        )

    clauses = []
    while True:
        action = take()[1].upper()
        if action not in ("INCLUDE", "EXCLUDE"):
            raise BadRequestException(f"RecommenderFilterExpression starts with INCLUDE or EXCLUDE, not {action!r}")
        target = take()[1]
        if target != "ItemID":
            raise BadRequestException(
                f"RecommenderFilterExpression: recommenders filter items (ItemID), not {target!r}"
            )
        take("WHERE")
        groups = [[condition()]]
        while peek() is not None and peek()[1].upper() in ("AND", "OR"):  # type: ignore[index]
            joiner = take()[1].upper()
            if joiner == "AND":
                groups[-1].append(condition())
            else:
                groups.append([condition()])
        clauses.append(Clause(action == "INCLUDE", tuple(tuple(g) for g in groups)))
        if peek() is None:
            return clauses
        take("|")


def parameters(clauses: Iterable[Clause]) -> set[str]:
    return {
        text[1:]
        for clause in clauses
        for group in clause.any_of
        for cond in group
        for kind, text in cond.values
        if kind == "param"
    }


def create_filter(
    resources: Resources, domain: Resource, name: str, params: dict[str, Any], caller: Caller
) -> Resource:
    if resources.find(RECOMMENDER_FILTER, domain, name) is not None:
        raise BadRequestException(f"Recommender filter {name} already exists")
    FILTERS_QUOTA.enforce(resources, RECOMMENDER_FILTER, domain)
    expression = params["RecommenderFilterExpression"]
    clauses = parse_expression(expression)
    schema = _schema(resources, domain, params.get("RecommenderSchemaName"))
    columns = schema_columns(schema, "_catalogItem")
    if columns is not None:
        known = columns | set(CATALOG_MEMBERS)
        for clause in clauses:
            for group in clause.any_of:
                for cond in group:
                    if cond.dataset in ("Items", "CurrentItem") and cond.field not in known:
                        raise BadRequestException(
                            f"RecommenderFilterExpression: {cond.dataset}.{cond.field} is not a _catalogItem "
                            f"column of the recommender schema {schema.id}"  # type: ignore[union-attr]
                        )
    attrs = {
        k: params[k] for k in ("RecommenderFilterExpression", "RecommenderSchemaName", "Description") if k in params
    }
    attrs[FILTER_STATUS] = FilterStatus()
    return resources.create(RECOMMENDER_FILTER, domain, attrs, caller, params.get("Tags"), resource_id=name)


def read_filter(resources: Resources, domain: Resource, name: str) -> Resource:
    found = resources.get(RECOMMENDER_FILTER, domain, name)
    found.attrs[FILTER_STATUS].status  # noqa: B018 - moto's state manager progresses on reads
    found.attrs[FILTER_STATUS].advance()
    return found


# -- recommenders --------------------------------------------------------------------------
def _check_config(config: Mapping[str, Any], schema: Resource | None) -> None:
    included, excluded = config.get("IncludedColumns"), config.get("ExcludedColumns")
    if included is not None and excluded is not None:
        raise BadRequestException("IncludedColumns and ExcludedColumns cannot both be given")
    for member, columns_by_dataset in (("IncludedColumns", included), ("ExcludedColumns", excluded)):
        for dataset, columns in (columns_by_dataset or {}).items():
            if dataset not in DATASETS:
                raise BadRequestException(
                    f"{member}: {dataset} is not a dataset type; the keys are {', '.join(DATASETS)}"
                )
            mandatory = MANDATORY_COLUMNS[dataset]
            if member == "ExcludedColumns":
                kept = [c for c in columns if c in mandatory]
                if kept:
                    raise BadRequestException(
                        f"ExcludedColumns.{dataset}: the column {kept[0]} is always used in training"
                    )
            known = schema_columns(schema, dataset)
            if known is not None:
                unknown = [c for c in columns if c not in known and c not in mandatory]
                if unknown:
                    raise BadRequestException(
                        f"{member}.{dataset}: {unknown[0]} is not a column of the recommender schema {schema.id}"  # type: ignore[union-attr]
                    )
    events = (config.get("EventsConfig") or {}).get("EventParametersList") or []
    types = [e["EventType"] for e in events]
    if len(set(types)) != len(types):
        raise BadRequestException("EventParametersList names an event type more than once")
    columns = (config.get("DiversityConfig") or {}).get("DiversityColumns") or []
    names = [c["Name"] for c in columns]
    if len(set(names)) != len(names):
        raise BadRequestException("DiversityColumns names a column more than once")
    catalog = schema_columns(schema, "_catalogItem")
    for column in columns:
        if catalog is not None and column["Name"] not in catalog | set(CATALOG_MEMBERS):
            raise BadRequestException(
                f"DiversityColumns: {column['Name']} is not a _catalogItem column of the recommender schema {schema.id}"  # type: ignore[union-attr]
            )
        target = column["Target"]
        if not target.startswith("$"):
            number = int(target) if target.isdigit() else -1
            low, high = (1, 100) if column["CapType"] == "PERCENTAGE" else (1, 500)
            if not low <= number <= high:
                raise BadRequestException(
                    f"DiversityColumns: the {column['CapType']} target of {column['Name']} is between {low} and {high}"
                )


def create_recommender(
    resources: Resources, domain: Resource, name: str, params: dict[str, Any], caller: Caller
) -> Resource:
    if resources.find(RECOMMENDER, domain, name) is not None:
        raise BadRequestException(f"Recommender {name} already exists")
    schema = _schema(resources, domain, params.get("RecommenderSchemaName"))
    config = params.get("RecommenderConfig") or {}
    _check_config(config, schema)
    attrs = {
        k: params[k]
        for k in ("RecommenderRecipeName", "RecommenderConfig", "RecommenderSchemaName", "Description")
        if k in params
    }
    attrs[TRAINING] = Lifecycle()
    attrs[VERSIONS] = []
    recommender = resources.create(RECOMMENDER, domain, attrs, caller, params.get("Tags"), resource_id=name)
    recommender.attrs[PENDING_VERSION] = _version_name(recommender, recommender.created_time)
    return recommender


def _version_name(recommender: Resource, at: dt.datetime) -> str:
    taken = {v.name for v in recommender.attrs.get(VERSIONS, [])}
    update: Update | None = recommender.attrs.get(UPDATE)
    if update is not None:
        taken.add(update.version)
    if recommender.attrs.get(PENDING_VERSION):
        taken.add(recommender.attrs[PENDING_VERSION])
    moment = at.replace(microsecond=0)
    while True:
        name = f"{recommender.id}/{moment.strftime('%Y-%m-%dT%H-%M-%SZ')}"
        if name not in taken:
            return name
        moment += dt.timedelta(seconds=1)


def settle(recommender: Resource) -> str:
    """The recommender brought up to date with moto's state manager (a read): a training that
    ended makes its version active, an update that ended applies its configuration."""
    status = str(recommender.attrs[TRAINING].status)
    pending = recommender.attrs.get(PENDING_VERSION)
    if pending and status == ACTIVE:
        _activate(recommender, pending, dict(recommender.attrs.get("RecommenderConfig") or {}))
        recommender.attrs[PENDING_VERSION] = None
    update: Update | None = recommender.attrs.get(UPDATE)
    if update is not None and not update.applied and update.status.status == ACTIVE:
        update.applied = True
        update.last_updated = now()
        if update.config:
            recommender.attrs["RecommenderConfig"] = update.config
        else:
            recommender.attrs.pop("RecommenderConfig", None)
        _activate(recommender, update.version, update.config)
    return status


def advance(recommender: Resource) -> None:
    """One read counted by moto's state manager (a ``manual`` progression moves after ``times``)."""
    recommender.attrs[TRAINING].advance()
    update: Update | None = recommender.attrs.get(UPDATE)
    if update is not None:
        update.status.advance()


def _activate(recommender: Resource, version: str, config: dict[str, Any]) -> None:
    versions: list[Version] = recommender.attrs[VERSIONS]
    existing = next((v for v in versions if v.name == version), None)
    trained = now()
    metrics = training_metrics(recommender.parent, recommender.attrs["RecommenderRecipeName"], config)
    if existing is None:
        versions.append(Version(version, config, trained, metrics))
    else:
        existing.trained, existing.metrics = trained, metrics
    recommender.attrs[ACTIVE_VERSION] = version


def metrics_of(recommender: Resource, count: int | None) -> list[dict[str, Any]]:
    """TrainingMetrics, newest first: ``count`` of them (1 when not asked)."""
    versions: list[Version] = recommender.attrs[VERSIONS]
    wanted = 1 if count is None else count
    newest = sorted(versions, key=lambda v: v.trained, reverse=True)[: min(wanted, METRICS_KEPT)]
    return [{"Time": v.trained, "Metrics": v.metrics, "RecommenderVersionName": v.name} for v in newest]


def update_recommender(
    resources: Resources, domain: Resource, recommender: Resource, params: dict[str, Any], caller: Caller
) -> None:
    settle(recommender)
    config, version = params.get("RecommenderConfig"), params.get("RecommenderVersionName")
    if config is not None and version is not None:
        raise BadRequestException("Give RecommenderConfig or RecommenderVersionName, not both")
    if config is not None or version is not None:
        status = _status(recommender)
        if status != ACTIVE:
            raise BadRequestException(
                f"Recommender {recommender.id} is {status}; only an ACTIVE recommender is updated"
            )
        current: Update | None = recommender.attrs.get(UPDATE)
        if current is not None and not current.applied:
            raise BadRequestException(
                f"Recommender {recommender.id} already has an update {current.status.stored_status}"
            )
        if config is not None:
            _check_config(config, _schema(resources, domain, recommender.attrs.get("RecommenderSchemaName")))
        else:
            known = {v.name: v for v in recommender.attrs[VERSIONS]}
            if version not in known:
                raise BadRequestException(f"Recommender {recommender.id} has no version {version}")
            config = known[version].config
    changes: dict[str, Any] = {}
    if "Description" in params:
        changes["Description"] = params["Description"]
    if config is not None:
        moment = now()
        changes[UPDATE] = Update(dict(config), UpdateStatus(), moment, moment, _version_name(recommender, moment))
    if not changes:
        raise BadRequestException(
            "UpdateRecommender needs a Description, a RecommenderConfig or a RecommenderVersionName"
        )
    resources.update(recommender, changes, caller)


def _switch(recommender: Resource, required: str, through: str, to: str, done: str) -> None:
    """Move a recommender that is ``required`` through ``through`` to ``to`` (StopRecommender,
    StartRecommender); one in any other status is refused."""
    status = settle(recommender)
    if status != required:
        raise BadRequestException(
            f"Recommender {recommender.id} is {status}; only an {required} recommender can be {done}"
        )
    recommender.attrs[TRAINING].reroute([(through, to)], through)


def stop_recommender(recommender: Resource) -> None:
    _switch(recommender, ACTIVE, STOPPING, INACTIVE, "stopped")


def start_recommender(recommender: Resource) -> None:
    _switch(recommender, INACTIVE, STARTING, ACTIVE, "started")


# -- the data: interactions and catalog items in the store ------------------------------------
@dataclass(frozen=True)
class Interaction:
    profile: str
    item: str
    event_type: str | None
    value: float | None
    at: dt.datetime
    order: int


def _json(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    try:
        parsed = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def _path(data: Mapping[str, Any], path: str) -> Any:
    if path in data:
        return data[path]
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _time(value: Any, default: dt.datetime) -> dt.datetime:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value / 1000 if value > 1e11 else value, dt.timezone.utc)
    if isinstance(value, str):
        try:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return default
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
    return default


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@dataclass
class Data:
    interactions: list[Interaction]
    catalog: dict[str, tuple[dict[str, Any], Resource]]


def data_of(domain: Container) -> Data:
    interactions, catalog = [], {}
    for order, obj in enumerate(domain.children("profile-object").values()):
        attrs = obj.attrs
        content = _json(attrs.get("Object"))
        if attrs.get("ObjectTypeName") == "_catalogItem":
            ident = content.get("Id")
            if ident is not None and str(ident):
                catalog[str(ident)] = (content, obj)
            continue
        item = _path(content, "Item.Id")
        if item is None:
            item = content.get("ItemId")
        profile = attrs.get("ProfileId")
        if item is None or not str(item) or not profile:
            continue
        event = content.get("EventType")
        interactions.append(
            Interaction(
                profile=str(profile),
                item=str(item),
                event_type=None if event is None else str(event),
                value=_number(content.get("EventValue")),
                at=_time(content.get("EventTimestamp"), obj.created_time),
                order=order,
            )
        )
    return Data(interactions, catalog)


def _weights(config: Mapping[str, Any], interactions: Iterable[Interaction]) -> list[tuple[Interaction, float]]:
    """The interactions the events configuration keeps, each with its weight."""
    events = (config.get("EventsConfig") or {}).get("EventParametersList")
    if not events:
        return [(i, 1.0) for i in interactions]
    by_type = {e["EventType"]: e for e in events}
    kept = []
    for interaction in interactions:
        params = by_type.get(interaction.event_type or "")
        if params is None:
            continue
        threshold = params.get("EventValueThreshold")
        if threshold is not None and (interaction.value is None or interaction.value < threshold):
            continue
        kept.append((interaction, float(params.get("EventWeight", 1.0))))
    return kept


# -- ranking ------------------------------------------------------------------------------
def rank(
    recipe: str,
    config: Mapping[str, Any],
    data: Data,
    profile_id: str,
    anchors: list[str] | None = None,
    candidates: list[str] | None = None,
    history: list[Interaction] | None = None,
) -> list[tuple[str, float]]:
    """Items with their raw scores, best first (ties by item ID), for one profile.

    * ``popular-items``: the sum of the weights of other profiles' interactions with the item;
    * ``trending-now``: the same, over the interactions of the last 7 days of the data;
    * ``recommended-for-you``: each other profile that interacted with an item this profile
      interacted with counts as many times as they share items, times its interaction weights
      with the item; popularity when no profile shares an item;
    * ``frequently-paired-items``: the interaction weights, with the item, of the other profiles
      that interacted with an anchor (the context's ``ItemId``, else the profile's own items);
    * ``similar-items``: the same, plus the popularity of the items of an anchor's ``Category``;
    * ``personalized-ranking``: the candidates, by the recommended-for-you score, then popularity.

    Items the profile already interacted with (and the anchors) are left out, except in a
    ranking; ``candidates`` restricts the items to rank.  ``history`` stands for the profile's
    own interactions (the training evaluation holds one out)."""
    kept = _weights(config, data.interactions)
    own = history if history is not None else [i for i in data.interactions if i.profile == profile_id]
    seen = {i.item for i in own}
    mine = {i.item for i, _w in _weights(config, own)}
    others = [(i, w) for i, w in kept if i.profile != profile_id]
    by_profile: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for interaction, weight in others:
        by_profile[interaction.profile][interaction.item] += weight

    def popularity(pairs: Iterable[tuple[Interaction, float]]) -> dict[str, float]:
        scores: dict[str, float] = defaultdict(float)
        for interaction, weight in pairs:
            scores[interaction.item] += weight
        return scores

    def co_occurrence(base: set[str]) -> dict[str, float]:
        scores: dict[str, float] = defaultdict(float)
        for items in by_profile.values():
            shared = len(base & items.keys())
            if shared:
                for item, weight in items.items():
                    scores[item] += shared * weight
        return scores

    exclude = set(seen)
    if recipe == "popular-items":
        scores = popularity(others)
    elif recipe == "trending-now":
        latest = max((i.at for i, _w in others), default=None)
        scores = popularity((i, w) for i, w in others if latest is not None and i.at >= latest - TRENDING_WINDOW)
    elif recipe in ("frequently-paired-items", "similar-items"):
        base = set(anchors) if anchors else mine
        exclude |= base
        scores = co_occurrence(base)
        if recipe == "similar-items":
            categories = {_category(data, a) for a in base} - {None}
            for item, weight in popularity(others).items():
                if _category(data, item) in categories:
                    scores[item] += weight
    elif recipe == "personalized-ranking":
        affinity, popular = co_occurrence(mine), popularity(others)
        ordered = sorted(candidates or [], key=lambda c: (-affinity.get(c, 0.0), -popular.get(c, 0.0), c))
        top = max((affinity.get(c, 0.0) for c in ordered), default=0.0)
        top_popular = max((popular.get(c, 0.0) for c in ordered), default=0.0)
        # a candidate's score: its affinity, or its popularity where no candidate has any
        return [(c, affinity.get(c, 0.0) if top else (popular.get(c, 0.0) if top_popular else 0.0)) for c in ordered]
    else:  # recommended-for-you
        scores = co_occurrence(mine)
        if not any(v for k, v in scores.items() if k not in exclude):
            scores = popularity(others)
    allowed = set(candidates) if candidates else None
    ranked = [
        (item, score)
        for item, score in scores.items()
        if score > 0 and item not in exclude and (allowed is None or item in allowed)
    ]
    return sorted(ranked, key=lambda pair: (-pair[1], pair[0]))


def _category(data: Data, item: str) -> Any:
    found = data.catalog.get(item)
    return found[0].get("Category") if found else None


def training_metrics(domain: Container, recipe: str, config: Mapping[str, Any]) -> dict[str, float]:
    """Metrics of a training, computed from the store: each profile with at least two interactions
    holds out its latest one and the recipe ranks items from the rest (hit, recall, precision at
    5/10/25 and reciprocal rank over the top 25); coverage is the share of known items (interacted
    with or in the catalog) that the interactions the configuration keeps reach."""
    data = data_of(domain)
    known = {i.item for i in data.interactions} | set(data.catalog)
    reached = {i.item for i, _w in _weights(config, data.interactions)}
    metrics = {"coverage": round(len(reached) / len(known), 4) if known else 0.0}
    if recipe == "personalized-ranking":
        return metrics
    by_profile: dict[str, list[Interaction]] = defaultdict(list)
    for interaction in data.interactions:
        by_profile[interaction.profile].append(interaction)
    cases = hits = 0
    reciprocal = 0.0
    precision = {5: 0.0, 10: 0.0, 25: 0.0}
    for profile_id in sorted(by_profile):
        history = sorted(by_profile[profile_id], key=lambda i: (i.at, i.order))
        if len(history) < 2:
            continue
        held = history[-1]
        rest = history[:-1]
        if held.item in {i.item for i in rest}:
            continue
        cases += 1
        others = Data([i for i in data.interactions if i.profile != profile_id] + rest, data.catalog)
        top = [item for item, _s in rank(recipe, config, others, profile_id, history=rest)[:25]]
        if held.item in top:
            hits += 1
            position = top.index(held.item) + 1
            reciprocal += 1 / position
            for k in precision:
                if position <= k:
                    precision[k] += 1 / k
    if cases:
        metrics.update(
            {
                "hit": round(hits / cases, 4),
                "recall": round(hits / cases, 4),
                "mean_reciprocal_rank_at_25": round(reciprocal / cases, 4),
                **{f"precision_at_{k}": round(v / cases, 4) for k, v in precision.items()},
            }
        )
    return metrics


# -- filters, promotions, diversity at request time -------------------------------------------
def _values(cond: Condition, given: Mapping[str, str]) -> list[str]:
    out: list[str] = []
    for kind, text in cond.values:
        if kind == "param":
            if text[1:] not in given:
                raise BadRequestException(f"The filter expression's parameter {text} has no value in Values")
            out.extend(v.strip() for v in given[text[1:]].split(","))
        else:
            out.append(text)
    return out


def _compare(op: str, actual: Any, values: list[str]) -> bool:
    if actual is None:
        return False
    if op in ("IN", "NOT IN", "="):
        present = str(actual) in values
        return not present if op == "NOT IN" else present
    number, bound = _number(actual), _number(values[0]) if values else None
    if number is None or bound is None:
        return False
    return {"<": number < bound, ">": number > bound, "<=": number <= bound, ">=": number >= bound}[op]


@dataclass
class Context:
    data: Data
    profile: Resource
    own: list[Interaction]
    anchors: list[str]


def _field(data: Data, item: str, name: str) -> Any:
    found = data.catalog.get(item)
    if found is None:
        return None
    content = found[0]
    value = _path(content, name)
    if value is None and not name.startswith("Attributes."):
        value = _path(content, f"Attributes.{name}")
    if value is None:
        lowered = {k.lower(): v for k, v in content.items()}
        value = lowered.get(name.lower())
    return value


def _holds(cond: Condition, item: str, values: list[str], ctx: Context) -> bool:
    if cond.dataset == "Items":
        return _compare(cond.op, _field(ctx.data, item, cond.field), values)
    if cond.dataset == "CurrentItem":
        return any(_compare(cond.op, _field(ctx.data, a, cond.field), values) for a in ctx.anchors)
    if cond.dataset == "Users":
        return _compare(cond.op, _path(ctx.profile.attrs, cond.field), values)
    events = {i.event_type for i in ctx.own if i.item == item and i.event_type is not None}
    hit = bool(events & set(values))
    return not hit if cond.op == "NOT IN" else hit


def filter_predicate(filter_: Resource, given: Mapping[str, str], ctx: Context) -> Any:
    clauses = parse_expression(filter_.attrs["RecommenderFilterExpression"])
    resolved = {cond: _values(cond, given) for clause in clauses for group in clause.any_of for cond in group}

    def keep(item: str) -> bool:
        for clause in clauses:
            matched = any(all(_holds(c, item, resolved[c], ctx) for c in group) for group in clause.any_of)
            if matched != clause.include:
                return False
        return True

    return keep


def _active_filter(resources: Resources, domain: Resource, name: str) -> Resource:
    found = resources.find(RECOMMENDER_FILTER, domain, name)
    if found is None:
        raise ResourceNotFoundException(f"Recommender filter {name} does not exist")
    status = found.attrs[FILTER_STATUS].status
    if status != ACTIVE:
        raise BadRequestException(f"Recommender filter {name} is {status}, not ACTIVE")
    return found


def _caps(config: Mapping[str, Any], diversity: Mapping[str, Any] | None, size: int) -> list[tuple[str, int]]:
    if not diversity or not diversity.get("Enabled"):
        return []
    values = diversity.get("Values") or {}
    caps = []
    for column in (config.get("DiversityConfig") or {}).get("DiversityColumns") or []:
        target = column["Target"]
        if target.startswith("$"):
            if target[1:] not in values:
                raise BadRequestException(f"DiversityConfig.Values has no value for the placeholder {target}")
            number = values[target[1:]]
        else:
            number = int(target)
        cap = max(1, size * number // 100) if column["CapType"] == "PERCENTAGE" else number
        caps.append((column["Name"], cap))
    return caps


def _catalog_item(data: Data, item: str, columns: list[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {"Id": item[:255]}
    found = data.catalog.get(item)
    if found is None:
        return out
    content, obj = found
    wanted = None if columns is None else {c.lower() for c in columns}
    for member in CATALOG_MEMBERS[1:]:
        value = content.get(member)
        if value is None or value == "" or isinstance(value, dict | list):
            continue
        if wanted is not None and member.lower() not in wanted:
            continue
        out[member] = str(value)[: 1000 if member in _LONG_MEMBERS else 255]
    attributes = content.get("Attributes")
    if isinstance(attributes, dict):
        kept = {
            str(k)[:255]: str(v)
            for k, v in sorted(attributes.items())
            if str(k) and (wanted is None or str(k).lower() in wanted)
        }
        if kept:
            out["Attributes"] = kept
    if wanted is None or "createdat" in wanted:
        out["CreatedAt"] = obj.created_time
    if wanted is None or "updatedat" in wanted:
        out["UpdatedAt"] = obj.last_modified_time
    return out


def recommendations(
    resources: Resources,
    domain: Resource,
    profile: Resource,
    recommender: Resource,
    request: Mapping[str, Any],
    size: int,
) -> list[dict[str, Any]]:
    """Recommendations for one profile (GetProfileRecommendations, SearchRecommendations).

    ``request`` holds ``Context``, ``Filters``, ``PromotionalFilters``, ``CandidateIds``,
    ``Diversity`` and ``Columns``.  The recipe ranks the items (``rank``); the filter keeps or
    drops items; a promotion puts its share of the results (rounded up), the best items its
    filter keeps, first; diversity caps how many items share a value of a column; scores are
    divided by the best one (rounded to 4 places)."""
    status = settle(recommender)
    advance(recommender)
    if status != ACTIVE:
        raise BadRequestException(
            f"Recommender {recommender.id} is {status}; recommendations need an ACTIVE recommender"
        )
    recipe = recommender.attrs["RecommenderRecipeName"]
    config = recommender.attrs.get("RecommenderConfig") or {}
    candidates = request.get("CandidateIds")
    if recipe == "personalized-ranking" and not candidates:
        raise BadRequestException("A personalized-ranking recommender ranks CandidateIds: give at least one")
    data = data_of(domain)
    context = request.get("Context") or {}
    anchors = [a.strip() for a in context.get("ItemId", "").split(",") if a.strip()]
    own = [i for i in data.interactions if i.profile == profile.id]
    ctx = Context(data, profile, own, anchors)
    ranked = rank(recipe, config, data, profile.id, anchors or None, candidates)
    keep = None
    for spec in request.get("Filters") or []:
        keep = filter_predicate(_active_filter(resources, domain, spec["Name"]), spec.get("Values") or {}, ctx)
    regular = [pair for pair in ranked if keep is None or keep(pair[0])]
    chosen: list[tuple[str, float]] = []
    for promo in request.get("PromotionalFilters") or []:
        percent = promo.get("PercentPromotedItems")
        if percent is None:
            raise BadRequestException("A promotional filter needs PercentPromotedItems")
        promoted = filter_predicate(_active_filter(resources, domain, promo["Name"]), promo.get("Values") or {}, ctx)
        share = math.ceil(size * percent / 100)
        chosen = [pair for pair in ranked if promoted(pair[0])][:share]
    taken = {item for item, _s in chosen}
    ordered = chosen + [pair for pair in regular if pair[0] not in taken]
    caps = _caps(config, request.get("Diversity"), size)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    result = []
    for item, score in ordered:
        capped = [((name, str(value)), cap) for name, cap in caps if (value := _field(data, item, name)) is not None]
        if any(counts[key] >= cap for key, cap in capped):
            continue
        for key, _cap in capped:
            counts[key] += 1
        result.append((item, score))
        if len(result) == size:
            break
    best = max((s for _i, s in result), default=0.0)
    columns = request.get("Columns")
    return [
        {"CatalogItem": _catalog_item(data, item, columns), "Score": round(score / best, 4) if best else 0.0}
        for item, score in result
    ]


def profile_by_key(domain: Resource, key: str, values: list[str]) -> Resource:
    """The one profile a search key names (SearchRecommendations)."""
    found: dict[str, Resource] = {}
    for value in values:
        for profile in profiles.find(domain, key, value):
            found[profile.id] = profile
    if not found:
        raise ResourceNotFoundException(f"No profile has the key {key} with the given values")
    if len(found) > 1:
        raise BadRequestException(f"The key {key} matches {len(found)} profiles; it must match exactly one")
    return next(iter(found.values()))


def recipes() -> list[dict[str, str]]:
    return [{"name": name, "description": text} for name, text in RECIPES.items()]
