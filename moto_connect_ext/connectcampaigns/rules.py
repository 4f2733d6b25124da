"""Semantic rules of campaign settings, beyond what the botocore model states.

The model's own constraints (lengths, patterns, enums, ranges, unions) are
checked before a handler runs.  These functions add the rules the model cannot
express: phone numbers in E.164, well-formed time windows and durations, a
schedule that ends after it starts, ARNs that name the right kind of resource,
the documented limits on changing a campaign's dialer.  They raise
``ValidationError`` (the operation's ``ValidationException``) and change nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import zoneinfo
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..core.arns import parse_arn
from .exceptions import ResourceNotFoundException, ValidationError

#: channel subtype config members, in the order the model lists them, and their ChannelSubtype
CHANNELS: dict[str, str] = {"telephony": "TELEPHONY", "sms": "SMS", "email": "EMAIL", "whatsApp": "WHATSAPP"}
#: ChannelSubtype (DeleteCampaignChannelSubtypeConfig) -> member of the config
CHANNEL_MEMBER = {subtype: member for member, subtype in CHANNELS.items()}

AGENTLESS = "agentless"

_E164 = re.compile(r"\+[1-9][0-9]{1,14}")
_TIME = re.compile(r"T([0-9]{2}):([0-9]{2})")
_DURATION = re.compile(
    r"P(?:(?P<d>[-+]?[0-9]+)D)?(?:T(?:(?P<h>[-+]?[0-9]+)H)?(?:(?P<m>[-+]?[0-9]+)M)?"
    r"(?:(?P<s>[-+]?[0-9]+)(?:[.,](?P<f>[0-9]{0,9}))?S)?)?"
)


def is_e164(number: str) -> bool:
    return _E164.fullmatch(number) is not None


def check_phone_number(number: str | None, member: str) -> None:
    if number and not is_e164(number):
        raise ValidationError(f"{member} {number!r} is not a phone number in E.164 format (+ and up to 15 digits)")


def duration_seconds(text: str, member: str) -> float:
    """An ISO 8601 duration in seconds; a negative part is ``ValidationException``."""
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ValidationError(f"{member} {text!r} is not an ISO 8601 duration")
    parts = match.groupdict()
    total = 0.0
    for name, seconds in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        value = parts[name]
        if value is None:
            continue
        if int(value) < 0:
            raise ValidationError(f"{member} {text!r} must not be negative")
        total += int(value) * seconds
    if parts["f"]:
        total += float("0." + parts["f"])
    return total


def check_schedule(schedule: dict[str, Any]) -> None:
    if schedule["startTime"] >= schedule["endTime"]:
        raise ValidationError("schedule.endTime must be later than schedule.startTime")
    refresh = schedule.get("refreshFrequency")
    if refresh is not None and duration_seconds(refresh, "schedule.refreshFrequency") <= 0:
        raise ValidationError("schedule.refreshFrequency must be a duration longer than zero")


def check_entry_limits(limits: dict[str, Any]) -> None:
    duration_seconds(limits["minEntryInterval"], "entryLimitsConfig.minEntryInterval")


def check_communication_limits(config: dict[str, Any], member: str) -> None:
    limits = (config.get("allChannelSubtypes") or {}).get("communicationLimitsList") or []
    frequencies = [(limit["frequency"], limit["unit"]) for limit in limits]
    if len(set(frequencies)) != len(frequencies):
        raise ValidationError(f"{member} must not hold two limits with the same frequency and unit")


# -- communication time --------------------------------------------------------
def minutes_of(text: str) -> int | None:
    """Minutes since midnight of ``T<hh>:<mm>`` (``T24:00`` is the end of the day), or None."""
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if (hours, minutes) == (24, 0):
        return 24 * 60
    if hours > 23 or minutes > 59:
        return None
    return hours * 60 + minutes


@lru_cache(maxsize=1)
def _zone_database_present() -> bool:
    return bool(zoneinfo.available_timezones())


def is_time_zone(name: str) -> bool:
    """True for an IANA time zone id (any name passes where no zone database is installed)."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return not _zone_database_present()
    return True


def check_time_window(window: dict[str, Any], member: str) -> None:
    daily = (window.get("openHours") or {}).get("dailyHours") or {}
    for day, ranges in daily.items():
        spans: list[tuple[int, int]] = []
        for time_range in ranges:
            start, end = minutes_of(time_range["startTime"]), minutes_of(time_range["endTime"])
            for text, value in ((time_range["startTime"], start), (time_range["endTime"], end)):
                if value is None:
                    raise ValidationError(f"{member}.openHours {day}: {text!r} is not a time of day (T00:00 to T24:00)")
            assert start is not None and end is not None
            if start >= end:
                raise ValidationError(
                    f"{member}.openHours {day}: a time range must end after it starts "
                    f"({time_range['startTime']} to {time_range['endTime']})"
                )
            spans.append((start, end))
        spans.sort()
        for (_, previous_end), (start, _) in itertools.pairwise(spans):
            if start < previous_end:
                raise ValidationError(f"{member}.openHours {day}: time ranges must not overlap")
    periods = (window.get("restrictedPeriods") or {}).get("restrictedPeriodList") or []
    for period in periods:
        try:
            start_date = dt.date.fromisoformat(period["startDate"])
            end_date = dt.date.fromisoformat(period["endDate"])
        except ValueError:
            raise ValidationError(
                f"{member}.restrictedPeriods: {period['startDate']} to {period['endDate']} is not a pair of dates"
            ) from None
        if end_date < start_date:
            raise ValidationError(f"{member}.restrictedPeriods: endDate {end_date} is before startDate {start_date}")


def check_communication_time(config: dict[str, Any]) -> None:
    zone_config = config["localTimeZoneConfig"]
    zone = zone_config.get("defaultTimeZone")
    if zone is not None and not is_time_zone(zone):
        raise ValidationError(f"localTimeZoneConfig.defaultTimeZone {zone!r} is not an IANA time zone")
    if zone is None and not zone_config.get("localTimeZoneDetection"):
        raise ValidationError(
            "localTimeZoneConfig needs a defaultTimeZone or a localTimeZoneDetection method to apply time windows"
        )
    for channel in CHANNELS:
        window = config.get(channel)
        if window is not None:
            check_time_window(window, f"communicationTimeConfig.{channel}")


# -- ARNs ----------------------------------------------------------------------
#: what the channels' ARN members name, as (service, resource prefix): the API Reference's "the Amazon
#: Connect source (SMS) phone number" and "the Amazon Q in Connect template" (SmsOutboundConfig,
#: WhatsAppOutboundConfig, EmailOutboundConfig and the channel subtype parameters of outbound requests)
ARN_KINDS: dict[str, tuple[str, str]] = {
    "connectSourcePhoneNumberArn": ("connect", "phone-number/"),
    "wisdomTemplateArn": ("wisdom", "message-template/"),
    "templateArn": ("wisdom", "message-template/"),
}


def names_a(arn: str, service: str, resource_prefix: str = "") -> dict[str, str] | None:
    """The parsed ARN when it names a resource of this service (and resource prefix), else None."""
    parsed = parse_arn(arn)
    if parsed is None or parsed["service"] != service or not parsed["resource"].startswith(resource_prefix):
        return None
    return parsed


def check_arn_service(arn: str, service: str, resource_prefix: str, member: str) -> dict[str, str]:
    parsed = names_a(arn, service, resource_prefix)
    if parsed is None:
        kind = f"{service}:{resource_prefix}..." if resource_prefix else service
        raise ValidationError(f"{member} {arn} is not an ARN of {kind}")
    return parsed


def check_source(source: dict[str, Any]) -> None:
    segment = source.get("customerProfilesSegmentArn")
    if segment is not None:
        check_arn_service(segment, "profile", "domains/", "source.customerProfilesSegmentArn")
        from ..customerprofiles.joins import segment_problem

        # a segment of a Customer Profiles domain the plugin has must exist there
        problem = segment_problem(segment)
        if problem is not None:
            raise ResourceNotFoundException(problem)
    domain = (source.get("eventTrigger") or {}).get("customerProfilesDomainArn")
    if domain is not None:
        check_arn_service(domain, "profile", "domains/", "source.eventTrigger.customerProfilesDomainArn")


def check_flow_arn(arn: str, campaign_arn: str, instance_id: str) -> None:
    """A campaign flow is a flow of the campaign's Connect instance."""
    flow = check_arn_service(arn, "connect", "", "connectCampaignFlowArn")
    home = parse_arn(campaign_arn)
    assert home is not None
    prefix = f"instance/{instance_id}/contact-flow/"
    if (
        flow["partition"] != home["partition"]
        or flow["region"] != home["region"]
        or flow["account"] != home["account"]
        or not flow["resource"].startswith(prefix)
        or len(flow["resource"]) == len(prefix)
    ):
        raise ValidationError(
            f"connectCampaignFlowArn {arn} is not a flow of Amazon Connect instance {instance_id} "
            f"(arn:{home['partition']}:connect:{home['region']}:{home['account']}:{prefix}<flowId>)"
        )


# -- channel configs -----------------------------------------------------------
def outbound_mode(telephony: dict[str, Any]) -> str:
    ((mode, _),) = telephony["outboundMode"].items()
    return str(mode)


def check_telephony(telephony: dict[str, Any], member: str) -> None:
    defaults = telephony["defaultOutboundConfig"]
    check_phone_number(defaults.get("connectSourcePhoneNumber"), f"{member}.connectSourcePhoneNumber")
    if not telephony.get("connectQueueId") and not defaults.get("connectSourcePhoneNumber"):
        raise ValidationError(f"{member}: without a connectQueueId, a connectSourcePhoneNumber is required")


def check_channel_config(config: dict[str, Any]) -> None:
    """A v2 ``channelSubtypeConfig``: at least one channel, each well-formed."""
    if not any(config.get(channel) for channel in CHANNELS):
        raise ValidationError("channelSubtypeConfig must configure at least one channel subtype")
    telephony = config.get("telephony")
    if telephony is not None:
        check_telephony(telephony, "channelSubtypeConfig.telephony.defaultOutboundConfig")
    for channel in ("sms", "email", "whatsApp"):
        settings = config.get(channel)
        if settings is None:
            continue
        defaults = settings["defaultOutboundConfig"]
        member = f"channelSubtypeConfig.{channel}.defaultOutboundConfig"
        for name, kind in ARN_KINDS.items():
            if name in defaults:
                check_arn_service(defaults[name], *kind, f"{member}.{name}")


def check_mode_change(old: dict[str, Any] | None, new: dict[str, Any] | None) -> None:
    """An agentless dialer stays agentless; an agent-assisted one never becomes agentless."""
    if old is None or new is None:
        return
    before, after = outbound_mode(old), outbound_mode(new)
    if before == after or AGENTLESS not in (before, after):
        return
    if before == AGENTLESS:
        raise ValidationError(f"The dialer type of an agentless campaign cannot change (to {after})")
    raise ValidationError(f"A {before} campaign cannot change to the agentless dialer type")


#: the checks of a v2 campaign's settings, by member, in the order CreateCampaign runs them
#: (``connectCampaignFlowArn`` names a flow of the campaign's instance: ``check_flow_arn``)
SETTING_CHECKS: dict[str, Callable[[Any], None]] = {
    "channelSubtypeConfig": check_channel_config,
    "source": check_source,
    "schedule": check_schedule,
    "entryLimitsConfig": check_entry_limits,
    "communicationTimeConfig": check_communication_time,
    "communicationLimitsOverride": lambda config: check_communication_limits(config, "communicationLimitsOverride"),
}
