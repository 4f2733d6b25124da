"""The effective-hours engine and the rules of hours of operation, without a backend."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from moto_connect_ext.connect.exceptions import InvalidParameterException
from moto_connect_ext.connect.hours import (
    CLOSED,
    OPEN,
    STANDARD,
    Override,
    check_overlaps,
    check_recurrence,
    effective_hours,
    slots,
    subtract,
    union,
    valid_time_zone,
)

DAYS = ("SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY")


def entry(day: str | None, start: str | None = None, end: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {} if day is None else {"Day": day}
    for member, value in (("StartTime", start), ("EndTime", end)):
        if value is not None:
            hours, minutes = value.split(":")
            out[member] = {"Hours": int(hours), "Minutes": int(minutes)}
    return out


def override(
    name: str = "o",
    kind: str = STANDARD,
    first: str = "2025-01-01",
    last: str = "2025-12-31",
    config: list[dict[str, Any]] | None = None,
    **pattern: Any,
) -> Override:
    attrs: dict[str, Any] = {
        "Name": name,
        "OverrideType": kind,
        "EffectiveFrom": first,
        "EffectiveTill": last,
        "Config": config or [],
    }
    if pattern:
        attrs["RecurrenceConfig"] = {"RecurrencePattern": {"Interval": 1, **pattern}}
    return Override.of(attrs)


def hours_on(config: list[dict[str, Any]], overrides: list[Override], first: str, last: str | None = None) -> Any:
    """{date: ["HH:MM-HH:MM", ...]} of the effective hours."""
    effective, _ = effective_hours(config, overrides, date.fromisoformat(first), date.fromisoformat(last or first))
    return {
        e["Date"]: [
            "{:02d}:{:02d}-{:02d}:{:02d}".format(
                h["Start"]["Hours"], h["Start"]["Minutes"], h["End"]["Hours"], h["End"]["Minutes"]
            )
            for h in e["OperationalHours"]
        ]
        for e in effective
    }


def nine_to_five(*days: str) -> list[dict[str, Any]]:
    return [entry(day, "09:00", "17:00") for day in days]


# -- intervals ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("intervals", "merged"),
    [
        ([], []),
        ([(60, 120), (0, 30)], [(0, 30), (60, 120)]),
        ([(0, 60), (60, 120)], [(0, 120)]),
        ([(0, 100), (50, 80), (90, 200)], [(0, 200)]),
        ([(10, 10)], []),
    ],
)
def test_union(intervals: list[tuple[int, int]], merged: list[tuple[int, int]]) -> None:
    assert union(intervals) == merged


@pytest.mark.parametrize(
    ("kept", "removed", "left"),
    [
        ([(0, 1440)], [(720, 960)], [(0, 720), (960, 1440)]),
        ([(480, 1080)], [(0, 1440)], []),
        ([(480, 600), (700, 800)], [(550, 750)], [(480, 550), (750, 800)]),
        ([(480, 600)], [(600, 700)], [(480, 600)]),
        ([(0, 100)], [], [(0, 100)]),
    ],
)
def test_subtract(kept: list[tuple[int, int]], removed: list[tuple[int, int]], left: list[tuple[int, int]]) -> None:
    assert subtract(kept, removed) == left


@pytest.mark.parametrize(
    ("start", "end", "today", "tomorrow"),
    [
        ("09:00", "17:00", (540, 1020), None),
        ("22:00", "02:00", (1320, 1440), (0, 120)),
        ("00:00", "00:00", (0, 1440), None),
        ("10:00", "00:00", (600, 1440), None),
        ("09:00", "09:00", (540, 1440), (0, 540)),
    ],
)
def test_an_end_not_after_the_start_runs_past_midnight(
    start: str, end: str, today: tuple[int, int], tomorrow: tuple[int, int] | None
) -> None:
    (slot,) = slots([entry("MONDAY", start, end)])
    assert (slot.today, slot.tomorrow) == (today, tomorrow)


# -- config rules ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "config",
    [
        [entry("SATURDAY", "08:00", "11:00"), entry("SATURDAY", "12:00", "17:00")],  # a lunch break
        [entry("MONDAY", "08:00", "12:00"), entry("MONDAY", "12:00", "17:00")],  # touching
        [entry("MONDAY", "22:00", "02:00"), entry("TUESDAY", "02:00", "06:00")],
        [entry(day, "00:00", "00:00") for day in DAYS],  # 24x7
        [entry("SATURDAY", "22:00", "06:00"), entry("SUNDAY", "06:00", "22:00")],
    ],
)
def test_configs_without_overlaps_are_accepted(config: list[dict[str, Any]]) -> None:
    check_overlaps(slots(config))


@pytest.mark.parametrize(
    ("config", "match"),
    [
        ([entry("MONDAY", "09:00", "17:00"), entry("MONDAY", "12:00", "13:00")], "MONDAY 09:00-17:00"),
        ([entry("MONDAY", "09:00", "17:00")] * 2, "overlap"),
        ([entry("MONDAY", "22:00", "02:00"), entry("TUESDAY", "01:00", "05:00")], "TUESDAY 01:00-05:00"),
        ([entry("SATURDAY", "22:00", "06:00"), entry("SUNDAY", "05:00", "08:00")], "SATURDAY 22:00-06:00"),
        ([entry(None), entry("FRIDAY", "09:00", "10:00")], "the whole day"),
    ],
)
def test_overlapping_entries_are_refused(config: list[dict[str, Any]], match: str) -> None:
    with pytest.raises(InvalidParameterException, match=match):
        check_overlaps(slots(config))


def test_an_entry_needs_both_times_or_neither() -> None:
    with pytest.raises(InvalidParameterException, match=r"Config\[1\]: StartTime and EndTime go together"):
        slots([entry("MONDAY"), {"Day": "MONDAY", "StartTime": {"Hours": 9, "Minutes": 0}}])


@pytest.mark.parametrize(
    ("name", "valid"),
    [("America/New_York", True), ("EST5EDT", True), ("UTC", True), ("Mars/Olympus", False), ("", False)],
)
def test_time_zones_are_iana_names(name: str, valid: bool) -> None:
    assert valid_time_zone(name) is valid


@pytest.mark.parametrize(
    ("kind", "pattern", "config", "match"),
    [
        (STANDARD, {"Frequency": "WEEKLY"}, [], "OPEN or CLOSED, not STANDARD"),
        (CLOSED, {"Frequency": "MONTHLY", "ByMonth": [1]}, [], "YEARLY frequency only"),
        (CLOSED, {"Frequency": "YEARLY", "ByMonth": [1, 2]}, [], "takes one value"),
        (CLOSED, {"Frequency": "MONTHLY", "ByMonthDay": [1, 15]}, [], "takes one value"),
        (CLOSED, {"Frequency": "WEEKLY", "ByMonthDay": [1]}, [], "MONTHLY or YEARLY"),
        (CLOSED, {"Frequency": "WEEKLY", "ByWeekdayOccurrence": [1]}, [entry("MONDAY")], "MONTHLY or YEARLY"),
        (CLOSED, {"Frequency": "MONTHLY", "ByMonthDay": [0]}, [], "cannot be 0"),
        (OPEN, {"Frequency": "MONTHLY", "ByWeekdayOccurrence": [0]}, [entry("MONDAY")], "cannot be 0"),
        (
            CLOSED,
            {"Frequency": "MONTHLY", "ByMonthDay": [1], "ByWeekdayOccurrence": [1]},
            [entry("MONDAY")],
            "cannot be used together",
        ),
        (CLOSED, {"Frequency": "MONTHLY", "ByWeekdayOccurrence": [2]}, [], "needs the weekday"),
        (CLOSED, {"Frequency": "MONTHLY", "ByWeekdayOccurrence": [2]}, [entry(None)], "needs the weekday"),
    ],
)
def test_recurrence_patterns_are_checked(
    kind: str, pattern: dict[str, Any], config: list[dict[str, Any]], match: str
) -> None:
    with pytest.raises(InvalidParameterException, match=match):
        check_recurrence(kind, {"RecurrencePattern": {"Interval": 1, **pattern}}, slots(config))


# -- recurrence ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("first", "config", "pattern", "dates"),
    [
        # every other week on Friday, from a Wednesday: that week's Friday, then every second
        (
            "2025-01-01",
            [entry("FRIDAY")],
            {"Frequency": "WEEKLY", "Interval": 2},
            ["2025-01-03", "2025-01-17", "2025-01-31"],
        ),
        # weekly without a day: the weekday of EffectiveFrom
        ("2025-01-01", [], {"Frequency": "WEEKLY"}, ["2025-01-01", "2025-01-08", "2025-01-15", "2025-01-22"]),
        # the last day of every month
        ("2025-01-01", [], {"Frequency": "MONTHLY", "ByMonthDay": [-1]}, ["2025-01-31", "2025-02-28", "2025-03-31"]),
        # the 31st is skipped in shorter months
        ("2025-01-01", [], {"Frequency": "MONTHLY", "ByMonthDay": [31]}, ["2025-01-31", "2025-03-31"]),
        # the second Thursday of every month
        (
            "2025-01-01",
            [entry("THURSDAY")],
            {"Frequency": "MONTHLY", "ByWeekdayOccurrence": [2]},
            ["2025-01-09", "2025-02-13", "2025-03-13"],
        ),
        # early closure the last Friday of every month (AWS's example)
        (
            "2025-01-01",
            [entry("FRIDAY", "15:00", "00:00")],
            {"Frequency": "MONTHLY", "ByWeekdayOccurrence": [-1]},
            ["2025-01-31", "2025-02-28", "2025-03-28"],
        ),
        # every second month, on EffectiveFrom's day of the month
        ("2025-01-15", [], {"Frequency": "MONTHLY", "Interval": 2}, ["2025-01-15", "2025-03-15"]),
        # the 2nd Thursday of April every year (AWS's example)
        (
            "2025-01-01",
            [entry("THURSDAY")],
            {"Frequency": "YEARLY", "ByMonth": [4], "ByWeekdayOccurrence": [2]},
            ["2025-04-10", "2026-04-09", "2027-04-08"],
        ),
        # Christmas every other year
        (
            "2025-01-01",
            [],
            {"Frequency": "YEARLY", "Interval": 2, "ByMonth": [12], "ByMonthDay": [25]},
            ["2025-12-25", "2027-12-25"],
        ),
    ],
)
def test_recurring_events_fall_on_the_dates_their_pattern_picks(
    first: str, config: list[dict[str, Any]], pattern: dict[str, Any], dates: list[str]
) -> None:
    event = override(kind=CLOSED, first=first, last="2028-12-31", config=config, **pattern)
    start = date.fromisoformat(first)
    found = [d.isoformat() for d in (date.fromordinal(start.toordinal() + n) for n in range(1100)) if event.on(d)]
    assert found[: len(dates)] == dates


def test_overrides_apply_within_their_dates_only() -> None:
    event = override(kind=CLOSED, first="2025-03-10", last="2025-03-12")
    assert [event.on(date(2025, 3, day)) != [] for day in (9, 10, 12, 13)] == [False, True, True, False]


# -- effective hours -----------------------------------------------------------------------
def test_weekly_hours_repeat_every_week() -> None:
    config = [
        *nine_to_five("MONDAY", "FRIDAY"),
        entry("SATURDAY", "08:00", "11:00"),
        entry("SATURDAY", "12:00", "17:00"),
    ]
    # 2025-06-02 is a Monday
    assert hours_on(config, [], "2025-06-01", "2025-06-09") == {
        "2025-06-01": [],
        "2025-06-02": ["09:00-17:00"],
        "2025-06-03": [],
        "2025-06-04": [],
        "2025-06-05": [],
        "2025-06-06": ["09:00-17:00"],
        "2025-06-07": ["08:00-11:00", "12:00-17:00"],
        "2025-06-08": [],
        "2025-06-09": ["09:00-17:00"],
    }


def test_24x7_is_open_all_day_every_day() -> None:
    config = [entry(day, "00:00", "00:00") for day in DAYS]
    assert set(map(tuple, hours_on(config, [], "2025-06-01", "2025-06-07").values())) == {("00:00-00:00",)}


def test_overnight_hours_run_into_the_next_day_and_across_the_week() -> None:
    config = [entry("MONDAY", "22:00", "02:00"), entry("SUNDAY", "20:00", "01:00")]
    assert hours_on(config, [], "2025-06-01", "2025-06-03") == {
        "2025-06-01": ["20:00-00:00"],
        "2025-06-02": ["00:00-01:00", "22:00-00:00"],
        "2025-06-03": ["00:00-02:00"],
    }


def test_temporary_hours_replace_the_weekly_hours_of_their_dates() -> None:
    config = [*nine_to_five("MONDAY", "TUESDAY", "WEDNESDAY"), entry("SUNDAY", "22:00", "03:00")]
    summer = override("summer", first="2025-06-02", last="2025-06-03", config=[entry("MONDAY", "10:00", "12:00")])
    # Monday: the override's hours only (Sunday night's tail is replaced too); Tuesday: no hours, closed
    assert hours_on(config, [summer], "2025-06-01", "2025-06-04") == {
        "2025-06-01": ["22:00-00:00"],
        "2025-06-02": ["10:00-12:00"],
        "2025-06-03": [],
        "2025-06-04": ["09:00-17:00"],
    }


def test_an_overnight_temporary_entry_on_its_last_date_ends_the_next_morning() -> None:
    night = override("night", first="2025-06-02", last="2025-06-02", config=[entry(None, "20:00", "04:00")])
    assert hours_on(nine_to_five("TUESDAY"), [night], "2025-06-02", "2025-06-03") == {
        "2025-06-02": ["20:00-00:00"],
        "2025-06-03": ["00:00-04:00", "09:00-17:00"],
    }


def test_competing_overrides_follow_aws_priorities() -> None:
    """Closed recurring first, then open recurring, then temporary hours, then the weekly hours."""
    config = [entry(day, "08:00", "18:00") for day in DAYS if day != "SUNDAY"]
    # AWS's first example: a recurring closure over the whole day wins over everything
    holiday = override("holiday", CLOSED, "2025-12-25", "2025-12-25")
    extended = override("extended", OPEN, "2025-12-25", "2025-12-25", [entry(None, "18:00", "20:00")])
    temporary = override("temporary", STANDARD, "2025-12-25", "2025-12-25", [entry(None, "06:00", "22:00")])
    assert hours_on(config, [temporary, extended, holiday], "2025-12-25") == {"2025-12-25": []}
    # the second: opening on a Sunday, normally closed
    shopping = override("shopping", OPEN, "2025-11-30", "2025-11-30", [entry(None, "10:00", "22:00")])
    assert hours_on(config, [shopping], "2025-11-30") == {"2025-11-30": ["10:00-22:00"]}
    # the third: open at 8, closed from noon to 4pm, open again until 8pm
    closing = override("closing", CLOSED, "2025-12-24", "2025-12-24", [entry(None, "12:00", "16:00")])
    assert hours_on(config, [closing, extended_on("2025-12-24")], "2025-12-24") == {
        "2025-12-24": ["08:00-12:00", "16:00-20:00"]
    }


def extended_on(day: str) -> Override:
    return override("extended", OPEN, day, day, [entry(None, "18:00", "20:00")])


def test_the_override_hours_say_what_applied() -> None:
    config = nine_to_five("WEDNESDAY", "THURSDAY")
    closing = override("closing", CLOSED, "2025-12-24", "2025-12-24", [entry(None, "12:00", "16:00")])
    opening = override("opening", OPEN, "2025-12-24", "2025-12-24", [entry(None, "18:00", "20:00")])
    shut = override("shut", STANDARD, "2025-12-25", "2025-12-25")
    _, applied = effective_hours(config, [shut, opening, closing], date(2025, 12, 23), date(2025, 12, 25))
    midnight = {"Hours": 0, "Minutes": 0}
    assert applied == [
        {
            "Date": "2025-12-24",
            "OverrideHours": [
                {
                    "Start": {"Hours": 12, "Minutes": 0},
                    "End": {"Hours": 16, "Minutes": 0},
                    "OverrideName": "closing",
                    "OperationalStatus": CLOSED,
                },
                {
                    "Start": {"Hours": 18, "Minutes": 0},
                    "End": {"Hours": 20, "Minutes": 0},
                    "OverrideName": "opening",
                    "OperationalStatus": OPEN,
                },
            ],
        },
        {
            "Date": "2025-12-25",
            "OverrideHours": [
                {"Start": midnight, "End": midnight, "OverrideName": "shut", "OperationalStatus": CLOSED}
            ],
        },
    ]


def test_the_first_temporary_hours_covering_a_date_win() -> None:
    """A child's own temporary hours come before those it inherits from its parents."""
    own = override("own", first="2025-06-02", last="2025-06-02", config=[entry(None, "10:00", "11:00")])
    inherited = override("inherited", first="2025-06-01", last="2025-06-03", config=[entry(None, "12:00", "13:00")])
    assert hours_on([], [own, inherited], "2025-06-01", "2025-06-03") == {
        "2025-06-01": ["12:00-13:00"],
        "2025-06-02": ["10:00-11:00"],
        "2025-06-03": ["12:00-13:00"],
    }
