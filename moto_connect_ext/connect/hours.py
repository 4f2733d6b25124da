"""Hours of operation and their overrides, declared on the resource layer, and the effective-hours engine.

Hours of operation are a weekly ``Config`` (day, start, end) in a ``TimeZone``;
overrides change the hours on their dates; other hours of operation can be linked
as parents, whose overrides a child inherits.  The effective hours of a date are
computed, never stored (``effective_hours``, a pure function of the hours, their
overrides and the dates asked for).

The rules that are the resources' own (AWS's Administrator Guide, "Set the hours of
operation" and "Identify dates where you need to override standard operating
hours", and its Service Quotas page):

* the time zone is an IANA zone (``zoneinfo``); an unknown one is
  ``InvalidParameterException``;
* a config entry whose end is not after its start runs past midnight into the
  next day; an end of 00:00 is midnight ("to specify midnight, enter 12:00AM"), so
  00:00-00:00 is the whole day (the 24x7 schedule).  A day may have several
  entries (breaks), but entries that overlap are refused;
* at most 50 overrides per hours of operation (not adjustable):
  ``LimitExceededException``; override names are unique per hours of operation;
* ``OverrideType`` ``STANDARD`` (the default) is "temporary hours": its hours
  replace the weekly hours on every date of its range, and the date ranges of two
  standard overrides cannot overlap.  ``OPEN`` and ``CLOSED`` are recurring
  events: on the dates their ``RecurrenceConfig`` picks (every date of the range
  without one) they open, or close, the hours their config gives (the whole day
  when the config is empty).  Competing overrides are resolved as AWS documents:
  closed recurring first, then open recurring, then temporary hours, then the
  weekly hours;
* a child links to at most 3 parents (not adjustable:
  ``ServiceQuotaExceededException``); a child cannot have children, and a parent
  cannot have a parent (``InvalidRequestException``).  Parents' overrides do not
  count towards the child's 50; hours of operation that children link to cannot
  be deleted.
"""

from __future__ import annotations

import calendar
import copy
import functools
import itertools
import zoneinfo
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, ModeledError, Quota, Ref, Resource, Resources, ResourceType, parent_members
from .exceptions import InvalidParameterException, InvalidRequestException

#: day names in ``date.weekday()`` order
DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
DAY_INDEX = {name: index for index, name in enumerate(DAYS)}
DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES

#: AWS's quota "Overrides per hours of operation" (not adjustable)
MAX_OVERRIDES = 50
#: AWS's quota on the parents a child links to ("A child can link to up to 3 parents")
MAX_PARENTS = 3
#: the longest span GetEffectiveHoursOfOperations answers for (AWS documents none)
MAX_EFFECTIVE_DAYS = 366

STANDARD, OPEN, CLOSED = "STANDARD", "OPEN", "CLOSED"
WEEKLY, MONTHLY, YEARLY = "WEEKLY", "MONTHLY", "YEARLY"

#: the attribute holding the IDs of the parent hours of operation, in link order
PARENTS = "ParentHoursOfOperationIds"
#: what Create/UpdateHoursOfOperationOverride set
OVERRIDE_MEMBERS = (
    "Name",
    "Description",
    "Config",
    "EffectiveFrom",
    "EffectiveTill",
    "RecurrenceConfig",
    "OverrideType",
)

Interval = tuple[int, int]


# -- values --------------------------------------------------------------------------
@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def valid_time_zone(name: str) -> bool:
    """An IANA time zone this machine's time zone database knows, spelled exactly."""
    zones = _zones()
    if zones:
        return name in zones
    try:  # no listing (the tzdata package only): ask for the zone itself
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def parse_date(value: str, member: str) -> date:
    """A ``YYYY-MM-DD`` date that exists, or ``InvalidParameterException``."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidParameterException(f"{member} {value!r} is not a date (YYYY-MM-DD)") from None


def _minute(time_slice: Mapping[str, int]) -> int:
    return int(time_slice["Hours"]) * 60 + int(time_slice["Minutes"])


def time_slice(minute: int) -> dict[str, int]:
    """A minute of the day as ``{Hours, Minutes}``; the end of the day is midnight, 00:00."""
    minute %= DAY_MINUTES
    return {"Hours": minute // 60, "Minutes": minute % 60}


def _clock(minute: int) -> str:
    return "{Hours:02d}:{Minutes:02d}".format(**time_slice(minute))


# -- intervals of one day --------------------------------------------------------------
def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, merged intervals (touching ones join)."""
    out: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def subtract(kept: Sequence[Interval], removed: Sequence[Interval]) -> list[Interval]:
    """``kept`` without ``removed`` (both sorted and merged)."""
    out: list[Interval] = []
    for start, end in kept:
        cursor = start
        for cut_start, cut_end in removed:
            if cut_end <= cursor or cut_start >= end:
                continue
            if cut_start > cursor:
                out.append((cursor, cut_start))
            cursor = max(cursor, cut_end)
        if cursor < end:
            out.append((cursor, end))
    return out


@dataclass(frozen=True)
class Slot:
    """One config entry: on ``day`` (a weekday index; None: any day), from ``start`` to ``end``.

    An end that is not after the start runs past midnight: ``today`` is the part on
    the entry's own date, ``tomorrow`` the part on the next one."""

    day: int | None
    start: int
    end: int
    label: str

    @property
    def today(self) -> Interval:
        return (self.start, self.end) if self.end > self.start else (self.start, DAY_MINUTES)

    @property
    def tomorrow(self) -> Interval | None:
        return (0, self.end) if self.end <= self.start and self.end > 0 else None

    def week_intervals(self) -> list[Interval]:
        """Where the entry falls in a week of minutes (Monday 00:00 = 0), wrapping past Sunday."""
        days = range(7) if self.day is None else (self.day,)
        length = self.end - self.start if self.end > self.start else self.end - self.start + DAY_MINUTES
        out: list[Interval] = []
        for day in days:
            start = day * DAY_MINUTES + self.start
            end = start + length
            if end > WEEK_MINUTES:
                out += [(start, WEEK_MINUTES), (0, end - WEEK_MINUTES)]
            else:
                out.append((start, end))
        return out


#: an override entry without times, or an OPEN/CLOSED override without entries: the whole day
def _whole_day(day: int | None) -> Slot:
    return Slot(day, 0, 0, "the whole day")


def slots(config: Iterable[Mapping[str, Any]], member: str = "Config") -> list[Slot]:
    """Config entries as slots; an entry needs both its times or neither (the whole day)."""
    out: list[Slot] = []
    for index, entry in enumerate(config):
        day_name = entry.get("Day")
        day = DAY_INDEX[day_name] if day_name is not None else None
        start, end = entry.get("StartTime"), entry.get("EndTime")
        if start is None and end is None:
            out.append(_whole_day(day))
            continue
        if start is None or end is None:
            raise InvalidParameterException(f"{member}[{index}]: StartTime and EndTime go together")
        first, last = _minute(start), _minute(end)
        label = f"{day_name or 'every day'} {_clock(first)}-{_clock(last)}"
        out.append(Slot(day, first, last, label))
    return out


def check_overlaps(entries: Sequence[Slot], member: str = "Config") -> None:
    """Entries of one config may not cover the same minute of the week."""
    marked = sorted((interval, entry) for entry in entries for interval in entry.week_intervals())
    for (first, a), (second, b) in itertools.pairwise(marked):
        if second[0] < first[1]:
            raise InvalidParameterException(f"{member}: entries overlap ({a.label} and {b.label})")


# -- overrides -------------------------------------------------------------------------
@dataclass(frozen=True)
class Override:
    """An override as the engine sees it (built from its attributes by ``of``)."""

    name: str
    kind: str
    first: date
    last: date
    entries: tuple[Slot, ...]
    recurrence: Mapping[str, Any] | None = None

    @classmethod
    def of(cls, attrs: Mapping[str, Any]) -> Override:
        pattern = (attrs.get("RecurrenceConfig") or {}).get("RecurrencePattern")
        return cls(
            name=attrs["Name"],
            kind=attrs.get("OverrideType") or STANDARD,
            first=date.fromisoformat(attrs["EffectiveFrom"]),
            last=date.fromisoformat(attrs["EffectiveTill"]),
            entries=tuple(slots(attrs.get("Config") or ())),
            recurrence=pattern,
        )

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def on(self, day: date) -> list[Slot]:
        """The entries that apply on ``day``."""
        if not self.covers(day):
            return []
        if not self.entries:
            # temporary hours without hours close the day; an open or closed event spans it
            return [] if self.kind == STANDARD or not self._matches(day, None) else [_whole_day(None)]
        return [entry for entry in self.entries if self._matches(day, entry.day)]

    def _matches(self, day: date, weekday: int | None) -> bool:
        pattern = self.recurrence
        if not pattern:
            return weekday is None or day.weekday() == weekday
        frequency, interval = pattern["Frequency"], pattern["Interval"]
        anchor = self.first
        if frequency == WEEKLY:
            wanted = anchor.weekday() if weekday is None else weekday
            weeks = ((day - timedelta(days=day.weekday())) - (anchor - timedelta(days=anchor.weekday()))).days // 7
            return day.weekday() == wanted and weeks % interval == 0
        if frequency == MONTHLY:
            if ((day.year - anchor.year) * 12 + day.month - anchor.month) % interval:
                return False
        else:  # YEARLY
            month = (pattern.get("ByMonth") or [anchor.month])[0]
            if (day.year - anchor.year) % interval or day.month != month:
                return False
        if weekday is not None and day.weekday() != weekday:
            return False
        last_day = calendar.monthrange(day.year, day.month)[1]
        occurrence = pattern.get("ByWeekdayOccurrence")
        if occurrence:
            nth = occurrence[0]
            return day.day + 7 > last_day if nth == -1 else (day.day - 1) // 7 + 1 == nth
        month_day = (pattern.get("ByMonthDay") or [anchor.day])[0]
        return day.day == last_day if month_day == -1 else day.day == month_day


def check_recurrence(kind: str, recurrence: Mapping[str, Any] | None, entries: Sequence[Slot]) -> None:
    """A recurrence pattern that makes sense: AWS's RecurrencePattern documentation, rule by rule."""
    if recurrence is None:
        return
    if kind == STANDARD:
        raise InvalidParameterException(
            "RecurrenceConfig is for recurring events: OverrideType OPEN or CLOSED, not STANDARD"
        )
    pattern = recurrence["RecurrencePattern"]
    frequency = pattern["Frequency"]
    by_month, by_month_day = pattern.get("ByMonth") or [], pattern.get("ByMonthDay") or []
    by_occurrence = pattern.get("ByWeekdayOccurrence") or []
    for member, values in (("ByMonth", by_month), ("ByMonthDay", by_month_day)):
        if len(values) > 1:
            raise InvalidParameterException(f"RecurrencePattern.{member} takes one value, not {len(values)}")
    if by_month and frequency != YEARLY:
        raise InvalidParameterException("RecurrencePattern.ByMonth is used with YEARLY frequency only")
    for member, values in (("ByMonthDay", by_month_day), ("ByWeekdayOccurrence", by_occurrence)):
        if values and frequency == WEEKLY:
            raise InvalidParameterException(f"RecurrencePattern.{member} is used with MONTHLY or YEARLY frequency")
        if 0 in values:
            raise InvalidParameterException(f"RecurrencePattern.{member} cannot be 0")
    if by_month_day and by_occurrence:
        raise InvalidParameterException("RecurrencePattern.ByMonthDay and ByWeekdayOccurrence cannot be used together")
    if by_occurrence and (not entries or any(e.day is None for e in entries)):
        raise InvalidParameterException(
            "RecurrencePattern.ByWeekdayOccurrence needs the weekday: every Config entry must give its Day"
        )


# -- the engine ------------------------------------------------------------------------
def _days(first: date, last: date) -> Iterable[date]:
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)


def _entry_hours(entries_today: Iterable[Slot], entries_yesterday: Iterable[Slot]) -> list[Interval]:
    """The hours of entries on a date: their own parts and what the day before's run past midnight."""
    parts = [e.today for e in entries_today]
    parts += [e.tomorrow for e in entries_yesterday if e.tomorrow is not None]
    return union(parts)


def effective_hours(
    config: Iterable[Mapping[str, Any]],
    overrides: Sequence[Override],
    first: date,
    last: date,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(``EffectiveHoursOfOperationList``, ``EffectiveOverrideHoursList``) from ``first`` to ``last``.

    ``config`` is the weekly config; ``overrides`` the hours' own overrides followed
    by those inherited from parents (where two temporary-hours overrides cover the
    same date, the first wins).  A date's hours are its base hours and the hours
    of the open recurring events on it, less those of the closed ones.  The base
    hours are those of the temporary-hours override covering the date, else the
    weekly hours.  An entry that runs past midnight adds its tail to the next date,
    unless temporary hours cover that date (they replace everything else of it);
    the tail of a temporary-hours entry on the last date of its range, and of a
    recurring event, reaches the next date too."""
    weekly = slots(config)
    relevant = [o for o in overrides if o.first <= last and o.last >= first - timedelta(days=1)]
    standard = [o for o in relevant if o.kind == STANDARD]
    recurring = {kind: [o for o in relevant if o.kind == kind] for kind in (OPEN, CLOSED)}

    def temporary(day: date) -> Override | None:
        return next((o for o in standard if o.covers(day)), None)

    def weekly_on(day: date) -> list[Slot]:
        return [e for e in weekly if e.day == day.weekday()]

    effective: list[dict[str, Any]] = []
    applied: list[dict[str, Any]] = []
    before = temporary(first - timedelta(days=1))
    for day in _days(first, last):
        yesterday = day - timedelta(days=1)
        source = temporary(day)
        if source is not None:
            # temporary hours replace everything else of the date, the day before's tail included
            base = _entry_hours(source.on(day), source.on(yesterday))
        else:
            base = _entry_hours(weekly_on(day), before.on(yesterday) if before is not None else weekly_on(yesterday))
        before = source

        hours_of: dict[str, list[tuple[Override, list[Interval]]]] = {}
        for kind, events in recurring.items():
            hours_of[kind] = []
            for event in events:
                hours = _entry_hours(event.on(day), event.on(yesterday))
                if hours:
                    hours_of[kind].append((event, hours))
        opened = union(i for _, hours in hours_of[OPEN] for i in hours)
        closed = union(i for _, hours in hours_of[CLOSED] for i in hours)
        operational = subtract(union([*base, *opened]), closed)
        effective.append({"Date": day.isoformat(), "OperationalHours": [_span(i) for i in operational]})

        listed: list[dict[str, Any]] = []
        for kind in (CLOSED, OPEN):
            for event, hours in hours_of[kind]:
                listed += [{**_span(i), "OverrideName": event.name, "OperationalStatus": kind} for i in hours]
        if source is not None:
            if base:
                listed += [{**_span(i), "OverrideName": source.name, "OperationalStatus": OPEN} for i in base]
            else:  # temporary hours without hours: closed all day
                listed.append({**_span((0, DAY_MINUTES)), "OverrideName": source.name, "OperationalStatus": CLOSED})
        if listed:
            applied.append({"Date": day.isoformat(), "OverrideHours": listed})
    return effective, applied


def _span(interval: Interval) -> dict[str, Any]:
    return {"Start": time_slice(interval[0]), "End": time_slice(interval[1])}


# -- declarations ----------------------------------------------------------------------
def parent_ids(hours: Resource) -> list[str]:
    return list(hours.attrs.get(PARENTS) or ())


def children_of(resources: Resources, root: Any, hours_id: str) -> list[Resource]:
    """The hours of operation that link to ``hours_id`` as a parent, in creation order."""
    return [h for h in resources.all(HOURS_OF_OPERATION, root) if hours_id in (h.attrs.get(PARENTS) or ())]


def _check_hours(resources: Resources, current: Resource | None, root: Any, attrs: dict[str, Any]) -> None:
    if not valid_time_zone(attrs["TimeZone"]):
        raise InvalidParameterException(f"TimeZone {attrs['TimeZone']!r} is not a valid time zone")
    check_overlaps(slots(attrs["Config"]))
    parents = attrs.get(PARENTS)
    if not parents:
        return
    if len(set(parents)) != len(parents):
        raise InvalidParameterException("ParentHoursOfOperationConfigs names the same hours of operation twice")
    if len(parents) > MAX_PARENTS:
        raise ModeledError(
            "ServiceQuotaExceededException",
            f"Hours of operation can link to at most {MAX_PARENTS} parents; this request would link {len(parents)}",
        )
    if current is not None:
        if current.id in parents:
            raise InvalidRequestException(f"Hours of operation {current.id} cannot be its own parent")
        children = children_of(resources, root, current.id)
        if children:
            raise InvalidRequestException(
                f"Hours of operation {current.id} is a parent of {children[0].id}; a parent cannot have a parent"
            )
    store = root.children(HOURS_OF_OPERATION.kind)
    for parent_id in parents:
        if store[parent_id].attrs.get(PARENTS):
            raise InvalidRequestException(
                f"Hours of operation {parent_id} is a child of other hours of operation; a child cannot be a parent"
            )


def _parent_identifiers(hours: Resource) -> list[dict[str, str]] | None:
    store = hours.parent.children(HOURS_OF_OPERATION.kind)
    found = [store.get(pid) for pid in parent_ids(hours)]
    return [{"Name": p.attrs["Name"], "Id": p.id, "Arn": p.arn} for p in found if p is not None] or None


HOURS_OF_OPERATION = ResourceType(
    kind="hours-of-operation",
    arn_path="instance/{root}/operating-hours/{id}",
    unique_name=True,
    duplicate_message="Hours of operation named {name} already exist in instance {parent}",
    refs=(Ref(PARENTS, "hours-of-operation", many=True),),
    computed={"ParentHoursOfOperations": _parent_identifiers},
    # DeleteHoursOfOperation models no ResourceInUseException
    in_use_code="InvalidRequestException",
    check=_check_hours,
)


def _check_override(resources: Resources, current: Resource | None, hours: Any, attrs: dict[str, Any]) -> None:
    first = parse_date(attrs["EffectiveFrom"], "EffectiveFrom")
    last = parse_date(attrs["EffectiveTill"], "EffectiveTill")
    if last < first:
        raise InvalidParameterException(f"EffectiveTill {last} is before EffectiveFrom {first}")
    kind = attrs["OverrideType"]
    entries = slots(attrs["Config"])
    check_overlaps(entries)
    check_recurrence(kind, attrs.get("RecurrenceConfig"), entries)
    if kind != STANDARD:
        return
    for other in resources.all(HOURS_OF_OPERATION_OVERRIDE, hours):
        if other is current or other.attrs["OverrideType"] != STANDARD:
            continue
        if (
            attrs["EffectiveFrom"] <= other.attrs["EffectiveTill"]
            and other.attrs["EffectiveFrom"] <= attrs["EffectiveTill"]
        ):
            raise InvalidRequestException(
                f"The dates of override {attrs['Name']!r} ({first} to {last}) overlap those of override "
                f"{other.attrs['Name']!r} ({other.attrs['EffectiveFrom']} to {other.attrs['EffectiveTill']})"
            )


HOURS_OF_OPERATION_OVERRIDE = ResourceType(
    kind="hours-of-operation-override",
    # AWS gives overrides no ARN of their own (IAM matches them as their hours of operation);
    # this one is never shown
    arn_path="instance/{root}/operating-hours/{parent}/override/{id}",
    has_arn=False,
    parent=HOURS_OF_OPERATION,
    unique_name=True,
    duplicate_message="An override named {name} already exists for hours of operation {parent}",
    defaults={"OverrideType": STANDARD},
    computed=parent_members("HoursOfOperation"),
    check=_check_override,
    quota=Quota.most(
        lambda: MAX_OVERRIDES, "overrides", "LimitExceededException", holder="Hours of operation {parent}", first=True
    ),
)


def overrides_in_effect(resources: Resources, hours: Resource) -> list[Override]:
    """The hours' own overrides, then those of its parents in link order."""
    found = [Override.of(o.attrs) for o in resources.all(HOURS_OF_OPERATION_OVERRIDE, hours)]
    store = hours.parent.children(HOURS_OF_OPERATION.kind)
    for parent_id in parent_ids(hours):
        parent = store.get(parent_id)
        if parent is not None:
            found += [Override.of(o.attrs) for o in resources.all(HOURS_OF_OPERATION_OVERRIDE, parent)]
    return found


#: the hours of operation AWS creates with every instance: open all week, round the clock
DEFAULT_HOURS: dict[str, Any] = {
    "Name": "Basic Hours",
    "Description": "Basic Hours",
    "TimeZone": "America/New_York",
    "Config": [
        {"Day": day, "StartTime": {"Hours": 0, "Minutes": 0}, "EndTime": {"Hours": 0, "Minutes": 0}}
        for day in ("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")
    ],
}


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    """``Basic Hours``: every day from midnight to midnight."""
    resources.create(HOURS_OF_OPERATION, instance, copy.deepcopy(DEFAULT_HOURS), caller)
