"""Data tables, declared on the resource layer, with their attributes and their values.

A data table (CreateDataTable) is a resource of its instance; its attributes (columns,
CreateDataTableAttribute) are resources of the table; its values live in the table's
``TableData``: records (rows) keyed by their primary values, each holding one value per
attribute, indexed so that a lookup by primary values is one dictionary access.

* **Tables.**  Names are trimmed, unique per instance ignoring case, and must not start with
  ``connect:`` or ``aws:`` (any case).  ``TimeZone`` is an IANA time zone.  An instance has at
  most 100 tables (``ServiceQuotaExceededException``).  UpdateDataTableMetadata replaces the
  metadata whole (an absent ``Description`` is removed).  A table is named by its ID or ARN,
  optionally with a version alias (``id:$LATEST``): ``$LATEST`` is the table; ``$SAVED`` is
  accepted where the API Reference allows it; deletes and metadata updates take ``$LATEST``
  only (``InvalidParameterException``); any other version does not exist (there is no
  operation that makes customer versions).
* **Attributes.**  Named like tables (unique per table, ignoring case), at most 100 per table
  (``ServiceQuotaExceededException``).  ``Validation`` must make sense for the value type
  (``MinLength``/``MaxLength``/``IgnoreCase`` for text types, ``Minimum``/``Maximum``/
  ``ExclusiveMinimum``/``ExclusiveMaximum``/``MultipleOf`` for number types,
  ``MinValues``/``MaxValues`` for lists; bounds in order; ``Minimum`` not with
  ``ExclusiveMinimum``; at most 5 enum values, each of the attribute's type).  Making an
  attribute primary gives existing records the empty value of its type; turning one on or
  off through UpdateDataTableAttribute keeps the records' values and must keep primary
  values unique (``ConflictException``).  Deleting an attribute deletes its values.
* **Values** are strings read by the attribute's type: ``TEXT`` (at most 1,000 characters),
  ``NUMBER`` (a decimal number), ``BOOLEAN`` (``true``/``false``), ``TEXT_LIST`` and
  ``NUMBER_LIST`` (JSON arrays of at most 100 strings / numbers).  They pass the attribute's
  validation.  A value is identified by its record's primary values (all of the table's
  primary attributes, or none for the table's default record) and its attribute's name.
  Batch operations answer each item on its own in ``Successful``/``Failed``.
* **Locking.**  Every table, attribute, record and value has a lock version.  The table's
  ``ValueLockLevel`` says which one a value edit is checked against: ``DATA_TABLE``,
  ``PRIMARY_VALUE`` (the record), ``ATTRIBUTE`` or ``VALUE``; ``NONE`` checks nothing.  Updates
  and deletes must give that version (and creates may): a stale one fails the item (a
  ``ConflictException`` for UpdateDataTablePrimaryValues).  A value edit moves the value's and
  its record's versions, and the attribute's or table's when the table locks at that level;
  metadata and attribute changes move the table's.
* **Evaluation** (EvaluateDataTableValues) answers each (primary values, attribute): the
  record's value, else the default record's value for the attribute, read by the attribute's
  current type (``Found``); the type's empty value when there is none (``Found`` false) or when
  the stored value no longer reads as the type (``Error``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..core.caller import Caller
from ..core.clock import now
from ..core.errors import ConflictException
from ..core.json_input import load_json
from ..core.pagination import Store
from ..core.resources import Container, Quota, Resource, Resources, ResourceType, parent_members, uuid_id
from .exceptions import InvalidParameterException, InvalidRequestException, ResourceNotFoundException

#: "The number of tables per instance is limited to 100 per instance" (CreateDataTable)
TABLES_PER_INSTANCE = 100
#: "A maximum of 100 attributes per data table is allowed" (ListDataTableAttributes)
ATTRIBUTES_PER_TABLE = 100
#: the default limits of values (the model's LengthBoundary and ValueBoundary maxima)
MAX_TEXT_LENGTH = 1000
MAX_LIST_VALUES = 100
#: "The maximum length of arrays within validations ... is 5"
MAX_ENUM_VALUES = 5
_RESERVED_PREFIXES = ("connect:", "aws:")

TEXT_TYPES = frozenset({"TEXT", "TEXT_LIST"})
NUMBER_TYPES = frozenset({"NUMBER", "NUMBER_LIST"})
LIST_TYPES = frozenset({"TEXT_LIST", "NUMBER_LIST"})
EMPTY_VALUES = {"TEXT": "", "NUMBER": "0", "BOOLEAN": "false", "TEXT_LIST": "[]", "NUMBER_LIST": "[]"}
#: the lock version member each ValueLockLevel checks
LEVEL_MEMBER = {"DATA_TABLE": "DataTable", "PRIMARY_VALUE": "PrimaryValues", "ATTRIBUTE": "Attribute", "VALUE": "Value"}
LATEST, SAVED = "$LATEST", "$SAVED"

_NUMBER = re.compile(r"^\s*-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")

#: the attribute of a table holding its values
DATA = "_Data"


# -- values: storage -------------------------------------------------------------------
@dataclass(eq=False)
class Value:
    """One value: a record's value of one attribute."""

    record: Record
    attribute_id: str
    raw: str
    modified: datetime
    region: str
    version: int = 1

    @property
    def key(self) -> str:
        return f"{self.record.id}/{self.attribute_id}"


@dataclass(eq=False)
class Record:
    """A row: its primary values (attribute ID -> value) and its other values."""

    id: str
    primary: dict[str, str]
    modified: datetime
    region: str
    values: dict[str, Value] = field(default_factory=dict)
    version: int = 1
    default: bool = False


class TableData:
    """A table's values: records by primary key, the default record, and every value in creation order."""

    def __init__(self, caller: Caller) -> None:
        self.version = 1
        self.attribute_versions: dict[str, int] = {}
        #: primary attribute IDs, in the order they became primary
        self.primaries: list[str] = []
        self.default = Record(uuid_id(), {}, now(), caller.region, default=True)
        self.records: Store[Record] = Store()
        self.index: dict[tuple[str, ...], str] = {}
        self.values: Store[Value] = Store()

    def record_at(self, key: tuple[str, ...] | None) -> Record | None:
        if key is None:
            return self.default
        rid = self.index.get(key)
        return None if rid is None else self.records.get(rid)


def data_of(table: Resource) -> TableData:
    data: TableData = table.attrs[DATA]
    return data


# -- values: types and validation -------------------------------------------------------
def _number(text: str) -> float:
    if not _NUMBER.match(text):
        raise ValueError(f"{text!r} is not a number")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a finite number")
    return number


def parse(value_type: str, raw: str) -> Any:
    """The value a string holds for a value type; ``ValueError`` says why it holds none."""
    if value_type == "TEXT":
        return raw
    if value_type == "NUMBER":
        return _number(raw)
    if value_type == "BOOLEAN":
        lowered = raw.strip().lower()
        if lowered not in ("true", "false"):
            raise ValueError(f"{raw!r} is not a BOOLEAN (true or false)")
        return lowered == "true"
    not_array = f"{raw!r} is not a JSON array"
    items = load_json(raw, list, ValueError, not_array, not_array)
    if value_type == "TEXT_LIST":
        if not all(isinstance(i, str) for i in items):
            raise ValueError(f"{raw!r} is not a JSON array of strings")
        return items
    if not all(isinstance(i, int | float) and not isinstance(i, bool) and math.isfinite(i) for i in items):
        raise ValueError(f"{raw!r} is not a JSON array of numbers")
    return [float(i) for i in items]


def _format_number(number: float) -> str:
    number = float(number)
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def canonical(value_type: str, parsed: Any) -> str:
    """A parsed value as EvaluateDataTableValues answers it."""
    if value_type == "NUMBER":
        return _format_number(parsed)
    if value_type == "BOOLEAN":
        return "true" if parsed else "false"
    if value_type == "NUMBER_LIST":
        return "[" + ",".join(_format_number(n) for n in parsed) + "]"
    if value_type == "TEXT_LIST":
        return json.dumps(parsed, separators=(",", ":"), ensure_ascii=False)
    return str(parsed)


def _scalar_problem(value_type: str, item: Any, rules: Mapping[str, Any]) -> str | None:
    if value_type in TEXT_TYPES:
        low, high = rules.get("MinLength", 0), min(rules.get("MaxLength", MAX_TEXT_LENGTH), MAX_TEXT_LENGTH)
        if not low <= len(item) <= high:
            return f"{item!r} has {len(item)} characters; it must have {low} to {high}"
    if value_type in NUMBER_TYPES:
        checks = (
            ("Minimum", lambda b: item >= b, "at least"),
            ("Maximum", lambda b: item <= b, "at most"),
            ("ExclusiveMinimum", lambda b: item > b, "greater than"),
            ("ExclusiveMaximum", lambda b: item < b, "less than"),
        )
        for name, holds, words in checks:
            if name in rules and not holds(rules[name]):
                return f"{_format_number(item)} must be {words} {_format_number(rules[name])} ({name})"
        multiple = rules.get("MultipleOf")
        if multiple:
            ratio = item / multiple
            if abs(ratio - round(ratio)) > 1e-9 * max(1.0, abs(ratio)):
                return f"{_format_number(item)} is not a multiple of {_format_number(multiple)}"
    enum = rules.get("Enum") or {}
    if enum.get("Strict"):
        allowed = enum.get("Values") or []
        if value_type in NUMBER_TYPES:
            found = any(_number(v) == item for v in allowed)
        elif value_type == "BOOLEAN":
            found = any(v.strip().lower() == ("true" if item else "false") for v in allowed)
        elif rules.get("IgnoreCase"):
            found = item.lower() in {v.lower() for v in allowed}
        else:
            found = item in allowed
        if not found:
            return f"{canonical(value_type, item)!r} is not one of the enum values {allowed}"
    return None


def value_problem(attribute: Resource, raw: str) -> str | None:
    """Why ``raw`` is not a valid value of the attribute (its type and validation), or None."""
    value_type = attribute.attrs["ValueType"]
    rules = attribute.attrs.get("Validation") or {}
    try:
        parsed = parse(value_type, raw)
    except ValueError as error:
        return f"Value of attribute {attribute.name}: {error}"
    items = parsed if value_type in LIST_TYPES else [parsed]
    if value_type in LIST_TYPES:
        low, high = rules.get("MinValues", 0), min(rules.get("MaxValues", MAX_LIST_VALUES), MAX_LIST_VALUES)
        if not low <= len(items) <= high:
            return f"Value of attribute {attribute.name} has {len(items)} items; it must have {low} to {high}"
    scalar_type = value_type.replace("_LIST", "")
    for item in items:
        problem = _scalar_problem(scalar_type, item, rules)
        if problem:
            return f"Value of attribute {attribute.name}: {problem}"
    return None


def normalized(attribute: Resource, raw: str) -> str:
    """A primary value as its record's key compares it (by value; case-insensitively where asked)."""
    value_type = attribute.attrs["ValueType"]
    text = canonical(value_type, parse(value_type, raw))
    if value_type in TEXT_TYPES and (attribute.attrs.get("Validation") or {}).get("IgnoreCase"):
        text = text.lower()
    return text


def check_validation(value_type: str, rules: Mapping[str, Any] | None) -> None:
    """An attribute's validation makes sense for its type (InvalidParameterException)."""
    if not rules:
        return

    def bad(message: str) -> InvalidParameterException:
        return InvalidParameterException(f"Validation: {message}")

    groups = (
        (("MinLength", "MaxLength", "IgnoreCase"), TEXT_TYPES, "text"),
        (("Minimum", "Maximum", "ExclusiveMinimum", "ExclusiveMaximum", "MultipleOf"), NUMBER_TYPES, "number"),
        (("MinValues", "MaxValues"), LIST_TYPES, "list"),
    )
    for names, types, kind in groups:
        for name in names:
            if name in rules and value_type not in types:
                raise bad(f"{name} applies to {kind} value types ({', '.join(sorted(types))}), not {value_type}")
    for low, high in (("MinLength", "MaxLength"), ("MinValues", "MaxValues"), ("Minimum", "Maximum")):
        if low in rules and high in rules and rules[low] > rules[high]:
            raise bad(f"{low} must be less than or equal to {high}")
    if "Minimum" in rules and "ExclusiveMinimum" in rules:
        raise bad("Minimum cannot be provided when ExclusiveMinimum is also provided")
    for low, high in (
        ("Minimum", "ExclusiveMaximum"),
        ("ExclusiveMinimum", "ExclusiveMaximum"),
        ("ExclusiveMinimum", "Maximum"),
    ):
        if low in rules and high in rules and rules[low] >= rules[high]:
            raise bad(f"{low} must be less than {high}")
    if "MultipleOf" in rules and rules["MultipleOf"] <= 0:
        raise bad("MultipleOf must be greater than 0")
    enum = rules.get("Enum") or {}
    values = enum.get("Values") or []
    if len(values) > MAX_ENUM_VALUES:
        raise bad(f"Enum has {len(values)} values; arrays within validations have at most {MAX_ENUM_VALUES}")
    scalar = value_type.replace("_LIST", "")
    for value in values:
        try:
            parse(scalar, value)
        except ValueError as error:
            raise bad(f"Enum value {error}") from None


# -- the resources ---------------------------------------------------------------------
def _check_name(noun: str, attrs: dict[str, Any]) -> None:
    name = attrs["Name"] = attrs["Name"].strip()
    if not name:
        raise InvalidParameterException(f"The {noun} name must not be blank")
    if name.lower().startswith(_RESERVED_PREFIXES):
        raise InvalidParameterException(f"The {noun} name {name!r} must not start with 'connect:' or 'aws:'")
    if "Description" in attrs:
        attrs["Description"] = attrs["Description"].strip()


def check_time_zone(zone: str) -> None:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidParameterException(f"TimeZone {zone!r} is not an IANA time zone") from None


def _check_table(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    _check_name("data table", attrs)
    check_time_zone(attrs["TimeZone"])


def _check_attribute(resources: Resources, current: Resource | None, parent: Any, attrs: dict[str, Any]) -> None:
    _check_name("attribute", attrs)
    check_validation(attrs["ValueType"], attrs.get("Validation"))


def table_lock(table: Resource) -> dict[str, str]:
    return {"DataTable": str(data_of(table).version)}


def attribute_lock(attribute: Resource) -> dict[str, str]:
    data = data_of(attribute.parent)  # type: ignore[arg-type]
    return {"DataTable": str(data.version), "Attribute": str(data.attribute_versions.get(attribute.id, 1))}


DATA_TABLE = ResourceType(
    kind="data-table",
    unique_name=True,
    names_ignore_case=True,
    duplicate_message="A data table named {name} already exists (names are compared ignoring case)",
    computed={"LockVersion": table_lock, "CreatedTime": lambda r: r.created_time},
    check=_check_table,
    quota=Quota.most(lambda: TABLES_PER_INSTANCE, "data tables"),
)

DATA_TABLE_ATTRIBUTE = ResourceType(
    kind="data-table-attribute",
    arn_path="instance/{root}/data-table/{parent}/attribute/{id}",
    # requests name an attribute by its name; it has no ARN, so IAM authorizes them on the table
    id_param="AttributeName",
    id_names=("AttributeId",),
    has_arn=False,
    parent=DATA_TABLE,
    unique_name=True,
    names_ignore_case=True,
    duplicate_message="An attribute named {name} already exists in the data table (names are compared ignoring case)",
    defaults={"Primary": False},
    computed={**parent_members("DataTable"), "LockVersion": attribute_lock},
    check=_check_attribute,
    quota=Quota.most(lambda: ATTRIBUTES_PER_TABLE, "attributes", holder="The data table"),
)


# -- finding tables and attributes -------------------------------------------------------
def split_alias(ident: str) -> tuple[str, str | None]:
    """(table ID, version alias or None) of a table ID or ARN, with or without an alias."""
    tail = ident.rsplit("/", 1)[-1] if ident.startswith("arn:") else ident
    table_id, sep, alias = tail.partition(":")
    return table_id, (alias if sep else None)


def find_table(
    resources: Resources, instance: Container, ident: str, aliases: Iterable[str] = (LATEST, SAVED)
) -> Resource:
    """The table a request names; a version alias must be one the operation takes."""
    table_id, alias = split_alias(ident)
    if ident.startswith("arn:") and f":instance/{instance.id}/data-table/" not in ident:
        raise ResourceNotFoundException(f"Data table not found: {ident}")
    table = resources.find(DATA_TABLE, instance, table_id)
    if table is None:
        raise ResourceNotFoundException(f"Data table not found: {ident}")
    allowed = tuple(aliases)
    if alias is not None and alias not in allowed:
        if alias in (LATEST, SAVED):
            raise InvalidParameterException(f"This operation takes the version {' or '.join(allowed)}, not {alias}")
        raise ResourceNotFoundException(f"Data table {table_id} has no version {alias}")
    return table


def find_attribute(table: Resource, name: str) -> Resource | None:
    rid = table.names(DATA_TABLE_ATTRIBUTE.kind).get(name.strip().lower())
    return None if rid is None else table.children(DATA_TABLE_ATTRIBUTE.kind).get(rid)


def get_attribute(table: Resource, name: str) -> Resource:
    found = find_attribute(table, name)
    if found is None:
        raise ResourceNotFoundException(f"Data table {table.id} has no attribute named {name}")
    return found


def attribute_by_id(table: Resource, attribute_id: str) -> Resource:
    found = table.children(DATA_TABLE_ATTRIBUTE.kind)[attribute_id]
    return found


def create_table(resources: Resources, instance: Container, params: Mapping[str, Any], caller: Caller) -> Resource:
    attrs = {k: params[k] for k in ("Name", "Description", "TimeZone", "ValueLockLevel", "Status") if k in params}
    attrs[DATA] = TableData(caller)
    return resources.create(DATA_TABLE, instance, attrs, caller, params.get("Tags"))


def structure_changed(resources: Resources, table: Resource, caller: Caller) -> None:
    data_of(table).version += 1
    resources.touch(table, caller)


def update_metadata(resources: Resources, table: Resource, params: Mapping[str, Any], caller: Caller) -> None:
    changes = {k: params.get(k) for k in ("Name", "Description", "TimeZone", "ValueLockLevel")}
    resources.update(table, changes, caller)
    structure_changed(resources, table, caller)


# -- records and primary values ----------------------------------------------------------
def record_key(table: Resource, primary: Mapping[str, str], primaries: Iterable[str]) -> tuple[str, ...]:
    return tuple(normalized(attribute_by_id(table, aid), primary[aid]) for aid in primaries)


def _reindex(
    table: Resource, primaries: list[str], primary_of: Mapping[str, dict[str, str]]
) -> dict[tuple[str, ...], str]:
    """The index the records would have with these primary attributes and values (ConflictException
    if two records would share primary values)."""
    index: dict[tuple[str, ...], str] = {}
    for rid, primary in primary_of.items():
        key = record_key(table, primary, primaries)
        if key in index:
            shown = ", ".join(f"{attribute_by_id(table, a).name}={primary[a]}" for a in primaries)
            raise ConflictException(f"Two records of the data table would have the same primary values ({shown})")
        index[key] = rid
    return index


def resolve_primary(
    table: Resource, given: list[Mapping[str, str]] | None
) -> tuple[tuple[str, ...] | None, dict[str, str]]:
    """(record key, attribute ID -> value) of a request's primary values; None is the default
    record (no primary values).  ``ValueError`` says what is wrong with them."""
    data = data_of(table)
    given = given or []
    if not given:
        return None, {}
    primary: dict[str, str] = {}
    for entry in given:
        attribute = find_attribute(table, entry["AttributeName"])
        if attribute is None:
            raise ValueError(f"The data table has no attribute named {entry['AttributeName']}")
        if not attribute.attrs.get("Primary"):
            raise ValueError(f"Attribute {attribute.name} is not a primary attribute")
        if attribute.id in primary:
            raise ValueError(f"Primary attribute {attribute.name} is given twice")
        problem = value_problem(attribute, entry["Value"])
        if problem:
            raise ValueError(f"Primary value: {problem}")
        primary[attribute.id] = entry["Value"]
    missing = [attribute_by_id(table, a).name for a in data.primaries if a not in primary]
    if missing:
        raise ValueError(f"Primary values must name every primary attribute; missing: {', '.join(missing)}")
    return record_key(table, primary, data.primaries), primary


def primary_set(table: Resource, record: Record) -> list[dict[str, str]]:
    """A record's primary values as a PrimaryValuesSet (none for the default record)."""
    if record.default:
        return []
    return [
        {"AttributeName": attribute_by_id(table, a).name, "Value": record.primary[a]} for a in data_of(table).primaries
    ]


def primary_response(table: Resource, record: Record) -> list[dict[str, str]]:
    """A record's primary values as a PrimaryValuesResponseSet."""
    if record.default:
        return []
    return [{**p, "AttributeId": a} for p, a in zip(primary_set(table, record), data_of(table).primaries, strict=True)]


def make_primary(table: Resource, attribute: Resource) -> None:
    """Turn an attribute primary: each record's value becomes its primary value (the type's empty
    value where it has none); the default record's value of it goes."""
    data = data_of(table)
    primaries = [*data.primaries, attribute.id]
    primary_of = {}
    for record in data.records.values():
        value = record.values.get(attribute.id)
        primary_of[record.id] = {
            **record.primary,
            attribute.id: value.raw if value else EMPTY_VALUES[attribute.attrs["ValueType"]],
        }
        if value is not None and value_problem(attribute, value.raw):
            raise InvalidRequestException(
                f"Attribute {attribute.name} cannot become primary: record {record.id} has the value {value.raw!r}, "
                f"which is not a valid {attribute.attrs['ValueType']}"
            )
    index = _reindex(table, primaries, primary_of)
    for record in data.records.values():
        record.primary = primary_of[record.id]
        gone = record.values.pop(attribute.id, None)
        if gone is not None:
            data.values.pop(gone.key)
    default_value = data.default.values.pop(attribute.id, None)
    if default_value is not None:
        data.values.pop(default_value.key)
    data.primaries, data.index = primaries, index


def drop_primary(table: Resource, attribute: Resource, caller: Caller, keep_values: bool) -> None:
    """An attribute is no longer primary (or goes): its primary values become values (or go)."""
    data = data_of(table)
    primaries = [a for a in data.primaries if a != attribute.id]
    if not primaries and len(data.records):
        raise InvalidRequestException(
            f"Attribute {attribute.name} is the data table's last primary attribute and {len(data.records)} "
            "record(s) are identified by it: delete their values first"
        )
    primary_of = {r.id: {a: v for a, v in r.primary.items() if a != attribute.id} for r in data.records.values()}
    index = _reindex(table, primaries, primary_of)
    for record in data.records.values():
        raw = record.primary[attribute.id]
        record.primary = primary_of[record.id]
        if keep_values:
            value = Value(record, attribute.id, raw, now(), caller.region)
            record.values[attribute.id] = value
            data.values.add(value.key, value)
    data.primaries, data.index = primaries, index


def create_attribute(resources: Resources, table: Resource, params: Mapping[str, Any], caller: Caller) -> Resource:
    attrs = {k: params[k] for k in ("Name", "ValueType", "Description", "Primary", "Validation") if k in params}
    attribute = resources.create(DATA_TABLE_ATTRIBUTE, table, attrs, caller)
    data = data_of(table)
    data.attribute_versions[attribute.id] = 1
    if attribute.attrs.get("Primary"):
        try:
            make_primary(table, attribute)
        except Exception:
            resources.delete(attribute)
            raise
    structure_changed(resources, table, caller)
    return attribute


def update_attribute(
    resources: Resources, table: Resource, attribute: Resource, params: Mapping[str, Any], caller: Caller
) -> None:
    """All of an attribute's properties (not a patch: what is left out is reset)."""
    holder = find_attribute(table, params["Name"])
    if holder is not None and holder is not attribute:
        raise ConflictException(f"An attribute named {params['Name']} already exists in the data table")
    was_primary = bool(attribute.attrs.get("Primary"))
    changes = {
        "Name": params["Name"],
        "ValueType": params["ValueType"],
        "Description": params.get("Description"),
        "Primary": bool(params.get("Primary", False)),
        "Validation": params.get("Validation"),
    }
    data = data_of(table)
    if was_primary and changes["Primary"] and changes["ValueType"] != attribute.attrs["ValueType"]:
        for record in data.records.values():
            raw = record.primary[attribute.id]
            try:
                parse(changes["ValueType"], raw)
            except ValueError:
                raise InvalidRequestException(
                    f"Primary attribute {attribute.name} cannot become {changes['ValueType']}: "
                    f"record {record.id} has the primary value {raw!r}"
                ) from None
    before = dict(attribute.attrs)
    resources.update(attribute, changes, caller)
    try:
        if changes["Primary"] and not was_primary:
            make_primary(table, attribute)
        elif was_primary and not changes["Primary"]:
            drop_primary(table, attribute, caller, keep_values=True)
        elif was_primary:
            data.index = _reindex(table, data.primaries, {r.id: r.primary for r in data.records.values()})
    except Exception:
        resources.update(attribute, {k: before.get(k) for k in changes}, caller)
        raise
    data.attribute_versions[attribute.id] = data.attribute_versions.get(attribute.id, 1) + 1
    structure_changed(resources, table, caller)


def delete_attribute(resources: Resources, table: Resource, attribute: Resource, caller: Caller) -> None:
    """An attribute and all its values."""
    data = data_of(table)
    if attribute.attrs.get("Primary"):
        drop_primary(table, attribute, caller, keep_values=False)
    for record in [data.default, *data.records.values()]:
        gone = record.values.pop(attribute.id, None)
        if gone is not None:
            data.values.pop(gone.key)
        if not record.default and not record.values and not data.primaries:
            _forget_record(data, record)
    data.attribute_versions.pop(attribute.id, None)
    resources.delete(attribute)
    structure_changed(resources, table, caller)


def _forget_record(data: TableData, record: Record) -> None:
    data.records.pop(record.id)
    data.index = {k: v for k, v in data.index.items() if v != record.id}


# -- locking -----------------------------------------------------------------------------
def lock_version(
    table: Resource, record: Record | None, attribute: Resource | None, value: Value | None
) -> dict[str, str]:
    data = data_of(table)
    out = {"DataTable": str(data.version)}
    if attribute is not None:
        out["Attribute"] = str(data.attribute_versions.get(attribute.id, 1))
    if record is not None:
        out["PrimaryValues"] = str(record.version)
    if value is not None:
        out["Value"] = str(value.version)
    return out


def lock_problem(
    table: Resource,
    given: Mapping[str, str] | None,
    current: Mapping[str, str],
    required: bool,
    member: str | None = None,
) -> str | None:
    """Why a request's lock version does not let it edit (None when it does)."""
    level = table.attrs.get("ValueLockLevel", "NONE")
    member = member or LEVEL_MEMBER.get(level)
    if member is None:
        return None
    supplied = (given or {}).get(member)
    if supplied is None:
        return (
            f"LockVersion.{member} is required: the data table locks values at the {level} level" if required else None
        )
    if supplied != current.get(member):
        return (
            f"LockVersion.{member} {supplied} is not the current version ({current.get(member, 'none')}): "
            "the data changed since it was read"
        )
    return None


def _edited(table: Resource, record: Record, attribute: Resource, caller: Caller) -> None:
    """Versions and stamps that move with a value edit."""
    data = data_of(table)
    level = table.attrs.get("ValueLockLevel", "NONE")
    record.version += 1
    record.modified, record.region = now(), caller.region
    if level == "ATTRIBUTE":
        data.attribute_versions[attribute.id] = data.attribute_versions.get(attribute.id, 1) + 1
    if level == "DATA_TABLE":
        data.version += 1


# -- batch value operations ------------------------------------------------------------
class ItemFailure(Exception):
    pass


def _item_target(
    table: Resource, item: Mapping[str, Any]
) -> tuple[Resource, tuple[str, ...] | None, dict[str, str], Record | None]:
    attribute = find_attribute(table, item["AttributeName"])
    if attribute is None:
        raise ItemFailure(f"The data table has no attribute named {item['AttributeName']}")
    try:
        key, primary = resolve_primary(table, item.get("PrimaryValues"))
    except ValueError as error:
        raise ItemFailure(str(error)) from None
    return attribute, key, primary, data_of(table).record_at(key)


def _not_primary(attribute: Resource) -> None:
    if attribute.attrs.get("Primary"):
        raise ItemFailure(
            f"Attribute {attribute.name} is primary: its values are records' primary values "
            "(UpdateDataTablePrimaryValues changes them)"
        )


def _batch(table: Resource, items: list[Mapping[str, Any]], one: Any) -> dict[str, list[dict[str, Any]]]:
    """Each item on its own: ``one(item)`` answers its success or raises ItemFailure; an item
    naming the same value as an earlier one fails."""
    successful, failed = [], []
    seen: set[tuple[Any, str] | None] = set()
    for item in items:
        echo = {
            "PrimaryValues": [dict(p) for p in item.get("PrimaryValues") or []],
            "AttributeName": item["AttributeName"],
        }
        try:
            try:
                ident = (resolve_primary(table, item.get("PrimaryValues"))[0], item["AttributeName"].strip().lower())
            except ValueError:
                ident = None  # the item fails on its primary values
            if ident is not None and ident in seen:
                raise ItemFailure("This value is named by an earlier item of the request")
            seen.add(ident)
            successful.append(one(item))
        except ItemFailure as failure:
            failed.append({**echo, "Message": str(failure)})
    return {"Successful": successful, "Failed": failed}


def batch_create(table: Resource, items: list[Mapping[str, Any]], caller: Caller) -> dict[str, Any]:
    data = data_of(table)

    def one(item: Mapping[str, Any]) -> dict[str, Any]:
        attribute, key, primary, record = _item_target(table, item)
        _not_primary(attribute)
        if record is not None and attribute.id in record.values:
            raise ItemFailure(f"A value of attribute {attribute.name} already exists for these primary values")
        problem = value_problem(attribute, item["Value"])
        if problem:
            raise ItemFailure(problem)
        current = lock_version(table, record, attribute, None)
        problem = lock_problem(table, item.get("LockVersion"), current, required=False)
        if problem:
            raise ItemFailure(problem)
        if record is None:
            assert key is not None
            record = Record(uuid_id(), primary, now(), caller.region)
            data.records.add(record.id, record)
            data.index[key] = record.id
        value = Value(record, attribute.id, item["Value"], now(), caller.region)
        record.values[attribute.id] = value
        data.values.add(value.key, value)
        _edited(table, record, attribute, caller)
        return {
            "PrimaryValues": primary_set(table, record),
            "AttributeName": attribute.name,
            "RecordId": record.id,
            "LockVersion": lock_version(table, record, attribute, value),
        }

    return _batch(table, items, one)


def _existing(table: Resource, item: Mapping[str, Any]) -> tuple[Resource, Record, Value]:
    attribute, _key, _primary, record = _item_target(table, item)
    _not_primary(attribute)
    value = None if record is None else record.values.get(attribute.id)
    if record is None or value is None:
        raise ItemFailure(f"No value of attribute {attribute.name} exists for these primary values")
    problem = lock_problem(table, item.get("LockVersion"), lock_version(table, record, attribute, value), required=True)
    if problem:
        raise ItemFailure(problem)
    return attribute, record, value


def batch_update(table: Resource, items: list[Mapping[str, Any]], caller: Caller) -> dict[str, Any]:
    def one(item: Mapping[str, Any]) -> dict[str, Any]:
        attribute, record, value = _existing(table, item)
        problem = value_problem(attribute, item["Value"])
        if problem:
            raise ItemFailure(problem)
        value.raw, value.modified, value.region = item["Value"], now(), caller.region
        value.version += 1
        _edited(table, record, attribute, caller)
        return {
            "PrimaryValues": primary_set(table, record),
            "AttributeName": attribute.name,
            "LockVersion": lock_version(table, record, attribute, value),
        }

    return _batch(table, items, one)


def batch_delete(table: Resource, items: list[Mapping[str, Any]], caller: Caller) -> dict[str, Any]:
    data = data_of(table)

    def one(item: Mapping[str, Any]) -> dict[str, Any]:
        attribute, record, value = _existing(table, item)
        del record.values[attribute.id]
        data.values.pop(value.key)
        _edited(table, record, attribute, caller)
        answer = {
            "PrimaryValues": primary_set(table, record),
            "AttributeName": attribute.name,
            "LockVersion": lock_version(table, record, attribute, None),
        }
        if not record.default and not record.values:
            _forget_record(data, record)
        return answer

    return _batch(table, items, one)


def batch_describe(table: Resource, items: list[Mapping[str, Any]]) -> dict[str, Any]:
    def one(item: Mapping[str, Any]) -> dict[str, Any]:
        attribute, _key, _primary, record = _item_target(table, item)
        if record is None:
            raise ItemFailure("No record of the data table has these primary values")
        if attribute.attrs.get("Primary"):
            if record.default:
                raise ItemFailure(f"Attribute {attribute.name} is primary: the default record has no value of it")
            raw, value, stamp = record.primary[attribute.id], None, (record.modified, record.region)
        else:
            value = record.values.get(attribute.id)
            if value is None:
                raise ItemFailure(f"No value of attribute {attribute.name} exists for these primary values")
            raw, stamp = value.raw, (value.modified, value.region)
        return {
            "RecordId": record.id,
            "AttributeId": attribute.id,
            "PrimaryValues": primary_response(table, record),
            "AttributeName": attribute.name,
            "Value": raw,
            "LockVersion": lock_version(table, record, attribute, value),
            "LastModifiedTime": stamp[0],
            "LastModifiedRegion": stamp[1],
        }

    return _batch(table, items, one)


# -- listing and evaluation --------------------------------------------------------------
def record_filter(table: Resource, record_ids: list[str] | None, filters: list[Mapping[str, Any]] | None) -> Any:
    """A predicate over records from ListDataTable*Values' RecordIds and PrimaryAttributeValues."""
    wanted_ids = set(record_ids) if record_ids else None
    conditions = []
    for entry in filters or []:
        attribute = find_attribute(table, entry["AttributeName"])
        if attribute is None or not attribute.attrs.get("Primary"):
            raise InvalidParameterException(f"{entry['AttributeName']} is not a primary attribute of the data table")
        accepted = set()
        for raw in entry["Values"]:
            try:
                accepted.add(normalized(attribute, raw))
            except ValueError:
                continue  # a value of another type matches no record
        conditions.append((attribute.id, attribute, accepted))

    def keep(record: Record) -> bool:
        if wanted_ids is not None and record.id not in wanted_ids:
            return False
        if conditions and record.default:
            return False
        return all(normalized(attribute, record.primary[aid]) in accepted for aid, attribute, accepted in conditions)

    return keep


def value_summary(table: Resource, value: Value) -> dict[str, Any]:
    attribute = attribute_by_id(table, value.attribute_id)
    return {
        "RecordId": value.record.id,
        "AttributeId": attribute.id,
        "PrimaryValues": primary_response(table, value.record),
        "AttributeName": attribute.name,
        "ValueType": attribute.attrs["ValueType"],
        "Value": value.raw,
        "LockVersion": lock_version(table, value.record, attribute, value),
        "LastModifiedTime": value.modified,
        "LastModifiedRegion": value.region,
    }


def record_summary(table: Resource, record: Record) -> dict[str, Any]:
    return {
        "RecordId": record.id,
        "PrimaryValues": primary_response(table, record),
        "LastModifiedTime": record.modified,
        "LastModifiedRegion": record.region,
    }


def evaluate(table: Resource, sets: list[Mapping[str, Any]], time_zone: str | None) -> list[dict[str, Any]]:
    """Every (primary values, attribute) of the request, evaluated (see the module's notes)."""
    if time_zone is not None:
        check_time_zone(time_zone)
    data = data_of(table)
    out = []
    for entry in sets:
        attributes = []
        for name in entry["AttributeNames"]:
            attribute = find_attribute(table, name)
            if attribute is None:
                raise ResourceNotFoundException(f"Data table {table.id} has no attribute named {name}")
            attributes.append(attribute)
        try:
            key, _primary = resolve_primary(table, entry.get("PrimaryValues"))
        except ValueError as error:
            raise InvalidParameterException(str(error)) from None
        record = data.record_at(key)
        for attribute in attributes:
            value_type = attribute.attrs["ValueType"]
            raw: str | None = None
            if record is not None and attribute.attrs.get("Primary") and not record.default:
                raw = record.primary[attribute.id]
            elif record is not None and attribute.id in record.values:
                raw = record.values[attribute.id].raw
            elif attribute.id in data.default.values:
                raw = data.default.values[attribute.id].raw
            found, failed, evaluated = raw is not None, False, EMPTY_VALUES[value_type]
            if raw is not None:
                try:
                    evaluated = canonical(value_type, parse(value_type, raw))
                except ValueError:
                    failed = True
            out.append(
                {
                    "RecordId": (record or data.default).id,
                    "PrimaryValues": [dict(p) for p in entry.get("PrimaryValues") or []],
                    "AttributeName": attribute.name,
                    "ValueType": value_type,
                    "Found": found,
                    "Error": failed,
                    "EvaluatedValue": evaluated,
                }
            )
    return out


def update_primary_values(table: Resource, params: Mapping[str, Any], caller: Caller) -> dict[str, str]:
    """Move a record to new primary values (unique in the table), under the table's lock."""
    data = data_of(table)
    if not data.primaries:
        raise InvalidRequestException(f"Data table {table.id} has no primary attributes")
    try:
        key, _primary = resolve_primary(table, params["PrimaryValues"])
        new_key, new_primary = resolve_primary(table, params["NewPrimaryValues"])
    except ValueError as error:
        raise InvalidParameterException(str(error)) from None
    if key is None or new_key is None:
        raise InvalidParameterException("PrimaryValues and NewPrimaryValues must name every primary attribute")
    record = data.record_at(key)
    if record is None:
        raise ResourceNotFoundException("No record of the data table has these primary values")
    holder = data.index.get(new_key)
    if holder is not None and holder != record.id:
        raise ConflictException("Another record of the data table already has the new primary values")
    level = table.attrs.get("ValueLockLevel", "NONE")
    member = "DataTable" if level == "DATA_TABLE" else ("PrimaryValues" if level != "NONE" else None)
    current = lock_version(table, record, None, None)
    problem = lock_problem(table, params.get("LockVersion"), current, required=True, member=member)
    if problem:
        raise ConflictException(problem)
    del data.index[key]
    data.index[new_key] = record.id
    record.primary = new_primary
    record.version += 1
    record.modified, record.region = now(), caller.region
    if level == "DATA_TABLE":
        data.version += 1
    return lock_version(table, record, None, None)
