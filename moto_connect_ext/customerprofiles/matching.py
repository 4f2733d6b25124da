"""Identity resolution: rule-based matches, ML matches made by identity resolution jobs, and
auto-merging previews, all computed from the domain's profiles.

**Rule-based matching** (the domain's ``RuleBasedMatching``) works on the store as it is: each
rule level of ``MatchingRules`` (up to ``MaxAllowedRuleLevelForMatching``) is a list of
attributes (``EmailAddress``, ``PhoneNumber``, ``Address.City``, ``FirstName``,
``Attributes.<name>``...); two profiles match at a level when every attribute of the rule has a
value and the normalised values are equal (emails and names case-insensitively, phone numbers by
their digits, a leading country code 1 aside).  ``AttributeTypesSelector`` says which profile
fields stand for the email, phone and address types: ``ONE_TO_ONE`` compares a field with the
same field only, ``MANY_TO_MANY`` across the chosen fields; without one, ``EmailAddress`` is the
``EmailAddress`` field, and so on.  Matches join transitively into match groups; a group's
``RuleLevel`` is the highest level it needed.  Matches exist once the domain's rule-based
matching status is ``ACTIVE``.

**ML matching** (the domain's ``Matching``) is done by identity resolution jobs.  The first job
starts when matching is first seen on (the first identity resolution request after enabling
it), the next ones at each weekly ``JobSchedule`` time (Saturday 00:00 UTC by default) that has
passed since the last one.  A job moves PENDING -> PREPROCESSING -> FIND_MATCHING -> MERGING ->
COMPLETED through moto's state manager (``IDENTITY_RESOLUTION_JOB_MODEL``) and takes its results
from the store when it leaves PENDING: two profiles are similar when they share an email (0.5),
a phone number (0.3) and a full name (0.2) adding up to at least 0.5 (an email alone, or a name
and a phone number); a group's ``ConfidenceScore`` is the weakest of its members' best scores.
GetMatches and GetSimilarProfiles(ML_BASED_MATCHING) answer from the latest completed job.
Jobs do not merge profiles (``NumberOfMergesDone`` is 0); GetAutoMergingPreview says what
auto-merging would merge.

A ``MatchId`` is a digest of the matching kind and the sorted profile IDs: the same profiles
always give the same match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..core.arns import parse_arn
from ..core.clock import now
from ..core.model import service_model
from ..core.moto_compat import StatefulModel, lifecycle, register_transition
from ..core.resources import Resource
from . import profiles as store
from .exceptions import BadRequestException, ResourceNotFoundException

IDENTITY_RESOLUTION_JOB_MODEL = "customer-profiles::identity-resolution-job"
register_transition(IDENTITY_RESOLUTION_JOB_MODEL, "immediate")

JOB_PATH = ("PENDING", "PREPROCESSING", "FIND_MATCHING", "MERGING", "COMPLETED")
RULE_BASED = "RULE_BASED_MATCHING"
ML_BASED = "ML_BASED_MATCHING"

#: what ML matching compares, and what a shared value is worth
EMAIL_FIELDS = ("EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress")
PHONE_FIELDS = ("PhoneNumber", "MobilePhoneNumber", "HomePhoneNumber", "BusinessPhoneNumber")
ML_WEIGHTS = {"email": 0.5, "phone": 0.3, "name": 0.2}
ML_THRESHOLD = 0.5

#: the attribute types of rule-based matching, and the profile fields that may stand for them
TYPE_FIELDS = {
    "EmailAddress": {"EmailAddress", "PersonalEmailAddress", "BusinessEmailAddress"},
    "PhoneNumber": {"PhoneNumber", "MobilePhoneNumber", "HomePhoneNumber", "BusinessPhoneNumber"},
    "Address": {"Address", "ShippingAddress", "MailingAddress", "BillingAddress"},
}
#: the selector's spelling of a mailing address in AWS's documentation
_FIELD_ALIASES = {"MaillingAddress": "MailingAddress", "BusinessAddress": "Address"}
_DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")


# -- attribute values ----------------------------------------------------------------
def _normal(field_name: str, value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split()).lower()
    if field_name in TYPE_FIELDS["PhoneNumber"]:
        digits = re.sub(r"\D", "", text)
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        return digits or None
    return text or None


def _address_part(address: Any, part: str) -> Any:
    if not isinstance(address, dict):
        return None
    if part == "Address":
        lines = [address.get(f"Address{i}") for i in range(1, 5)]
        return " ".join(str(line) for line in lines if line) or None
    return address.get(part)


@cache
def _standard_fields() -> frozenset[str]:
    shape = service_model("customer-profiles").operation_model("CreateProfile").input_shape
    return frozenset(n for n, s in shape.members.items() if s.type_name == "string" and n != "DomainName")


@cache
def _address_parts() -> frozenset[str]:
    return frozenset(service_model("customer-profiles").shape_for("Address").members) | {"Address"}


def check_attribute(name: str, what: str) -> None:
    """A matching attribute AWS knows: a standard field, ``Address.<part>``, ``Attributes.<key>``."""
    head, _, tail = name.partition(".")
    if head == "Attributes" and tail:
        return
    if tail and (head in TYPE_FIELDS["Address"] or head in _FIELD_ALIASES) and tail in _address_parts():
        return
    if not tail and name in _standard_fields():
        return
    raise BadRequestException(f"{what}: {name} is not a profile attribute that matching can use")


def _values(profile: Resource, attribute: str, fields: Iterable[str], one_to_one: bool) -> set[tuple[str, str]]:
    """The normalised values of one matching attribute, each with the field it came from
    (the field is kept only where ONE_TO_ONE compares a field with itself)."""
    attrs = profile.attrs
    head, _, tail = attribute.partition(".")
    found: set[tuple[str, str]] = set()
    if head == "Attributes":
        value = _normal(attribute, (attrs.get("Attributes") or {}).get(tail))
        return {("", value)} if value else set()
    for name in fields:
        raw = _address_part(attrs.get(name), tail) if tail else attrs.get(name)
        value = _normal(name, raw)
        if value:
            found.add((name if one_to_one else "", value))
    return found


def _fields_for(attribute: str, selector: dict[str, Any] | None) -> list[str]:
    head = attribute.partition(".")[0]
    if head == "Attributes":
        return []
    for type_name, allowed in TYPE_FIELDS.items():
        if head == type_name or (type_name == "Address" and head in allowed | set(_FIELD_ALIASES)):
            chosen = (selector or {}).get(type_name) if head == type_name else None
            if chosen:
                return [_FIELD_ALIASES.get(c, c) for c in chosen if _FIELD_ALIASES.get(c, c) in allowed]
            return [_FIELD_ALIASES.get(head, head)]
    return [head]


# -- match groups ---------------------------------------------------------------------
@dataclass
class MatchGroup:
    match_id: str
    profile_ids: list[str]
    rule_level: int | None = None
    confidence: float | None = None


class _Links:
    """Union-find over profile IDs."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:
            item, self.parent[item] = self.parent[item], root
        return root

    def join(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True

    def groups(self) -> list[list[str]]:
        found: dict[str, list[str]] = {}
        for item in self.parent:
            found.setdefault(self.find(item), []).append(item)
        return [g for g in found.values() if len(g) > 1]


def match_id(kind: str, profile_ids: Iterable[str]) -> str:
    return hashlib.sha256(f"{kind}:{','.join(sorted(profile_ids))}".encode()).hexdigest()[:32]


def _ordered(domain: Resource, groups: list[list[str]]) -> list[list[str]]:
    """Members in creation order, groups by their oldest member: the same store, the same list."""
    position = domain.children(store.PROFILE.kind).position
    ordered = [sorted(g, key=position) for g in groups]
    return sorted(ordered, key=lambda g: position(g[0]))


def _shared(buckets: dict[Any, list[str]], links: _Links) -> bool:
    joined = False
    for holders in buckets.values():
        for other in holders[1:]:
            joined = links.join(holders[0], other) or joined
    return joined


def rule_groups(domain: Resource) -> list[MatchGroup]:
    """The rule-based match groups of the store as it is now."""
    config = domain.attrs.get("RuleBasedMatching") or {}
    rules = [r.get("Rule") or [] for r in config.get("MatchingRules") or []]
    rules = rules[: config.get("MaxAllowedRuleLevelForMatching") or len(rules)]
    selector = config.get("AttributeTypesSelector")
    one_to_one = (selector or {}).get("AttributeMatchingModel", "ONE_TO_ONE") == "ONE_TO_ONE"
    profiles = list(domain.children(store.PROFILE.kind).values())
    links = _Links()
    #: a group's root -> the rule level of the last join that made it (levels go up)
    level_of: dict[str, int] = {}
    for level, rule in enumerate(rules, start=1):
        buckets: dict[Any, list[str]] = {}
        for profile in profiles:
            per_attribute = [sorted(_values(profile, a, _fields_for(a, selector), one_to_one)) for a in rule]
            if not rule or not all(per_attribute):
                continue
            for combination in itertools.product(*per_attribute):
                buckets.setdefault(combination, []).append(profile.id)
        for holders in buckets.values():
            for other in holders[1:]:
                if links.join(holders[0], other):
                    level_of[links.find(other)] = level
    return [
        MatchGroup(match_id(RULE_BASED, group), group, rule_level=level_of[links.find(group[0])])
        for group in _ordered(domain, links.groups())
    ]


def _ml_features(profile: Resource) -> dict[str, set[str]]:
    attrs = profile.attrs
    emails = {v for f in EMAIL_FIELDS if (v := _normal(f, attrs.get(f)))}
    phones = {v for f in PHONE_FIELDS if (v := _normal(f, attrs.get(f)))}
    name = _normal("FullName", store.full_name(attrs))
    return {"email": emails, "phone": phones, "name": {name} if name else set()}


def ml_groups(domain: Resource) -> list[MatchGroup]:
    """What an identity resolution job finds in the store now."""
    features = {p.id: _ml_features(p) for p in domain.children(store.PROFILE.kind).values()}
    candidates: set[tuple[str, str]] = set()
    for kind in ("email", "phone"):
        buckets: dict[str, list[str]] = {}
        for pid, found in features.items():
            for value in found[kind]:
                buckets.setdefault(value, []).append(pid)
        for holders in buckets.values():
            candidates.update((a, b) if a < b else (b, a) for a, b in itertools.combinations(holders, 2))
    links = _Links()
    best: dict[str, float] = {}
    for a, b in sorted(candidates):
        score = round(sum(w for k, w in ML_WEIGHTS.items() if features[a][k] & features[b][k]), 4)
        if score >= ML_THRESHOLD:
            links.join(a, b)
            best[a], best[b] = max(best.get(a, 0.0), score), max(best.get(b, 0.0), score)
    return [
        MatchGroup(match_id(ML_BASED, g), g, confidence=min(best[p] for p in g))
        for g in _ordered(domain, links.groups())
    ]


# -- the domain's settings ----------------------------------------------------------------
def matching_on(domain: Resource) -> bool:
    return bool((domain.attrs.get("Matching") or {}).get("Enabled"))


def rule_based_on(domain: Resource) -> bool:
    return bool((domain.attrs.get("RuleBasedMatching") or {}).get("Enabled"))


def require_matching(domain: Resource) -> None:
    if not matching_on(domain):
        raise BadRequestException(
            f"Identity resolution is not enabled for domain {domain.id}: set Matching to true with UpdateDomain"
        )


def require_rule_based(domain: Resource) -> None:
    if not rule_based_on(domain):
        raise BadRequestException(
            f"Rule-based matching is not enabled for domain {domain.id}: set RuleBasedMatching with UpdateDomain"
        )


def rule_based_active(domain: Resource) -> bool:
    status = domain.attrs.get("_MatchingStatus")
    return status is None or status.status == "ACTIVE"


# -- identity resolution jobs ---------------------------------------------------------
JobStatus = lifecycle(IDENTITY_RESOLUTION_JOB_MODEL, list(itertools.pairwise(JOB_PATH)))


@dataclass
class Job:
    job_id: str
    domain_name: str
    started: dt.datetime
    auto_merging: dict[str, Any] | None
    exporting: dict[str, Any] | None
    state: StatefulModel = field(default_factory=JobStatus)
    status: str = "PENDING"
    updated: dt.datetime | None = None
    ended: dt.datetime | None = None
    reviewed: int | None = None
    groups: list[MatchGroup] | None = None
    message: str | None = None

    def observe(self, domain: Resource) -> str:
        """The status now (moto's state manager moves it); results are taken when it leaves PENDING."""
        status = str(self.state.status)
        if status != self.status and self.status != "PARTIAL_SUCCESS":
            self.status = status
            self.updated = now()
            if self.groups is None:
                self.reviewed = len(domain.children(store.PROFILE.kind))
                self.groups = ml_groups(domain)
            if status == "COMPLETED":
                self.ended = self.updated
                self._export(domain)
        return self.status

    def _export(self, domain: Resource) -> None:
        """The results, written to the S3 location of ``ExportingConfig`` through moto's S3 (a
        bucket that is gone leaves the job PARTIAL_SUCCESS, with a message)."""
        if self.exporting is None:
            return
        location = self.exporting["S3Exporting"]
        lines = ["MatchId,ProfileId,ConfidenceScore"]
        lines += [f"{g.match_id},{p},{g.confidence}" for g in self.groups or [] for p in g.profile_ids]
        parsed = parse_arn(domain.arn) or {}
        from moto.s3.models import s3_backends

        try:
            s3 = s3_backends[parsed["account"]][parsed["partition"]]
            s3.get_bucket(location["S3BucketName"])
            s3.put_object(location["S3BucketName"], location["S3KeyName"], ("\n".join(lines) + "\n").encode())
        except Exception:
            self.status = "PARTIAL_SUCCESS"
            self.message = f"The results could not be written: bucket {location['S3BucketName']} does not exist"

    def stats(self) -> dict[str, int] | None:
        reached = len(JOB_PATH) - 1 if self.ended else JOB_PATH.index(self.status)
        if reached < JOB_PATH.index("PREPROCESSING") or self.groups is None:
            return None
        out = {"NumberOfProfilesReviewed": self.reviewed or 0}
        if reached >= JOB_PATH.index("MERGING"):
            out["NumberOfMatchesFound"] = len(self.groups)
        if reached >= JOB_PATH.index("COMPLETED"):
            out["NumberOfMergesDone"] = 0
        return out


@dataclass
class _Schedule:
    since: dt.datetime | None = None
    jobs: list[Job] = field(default_factory=list)


def _schedule(domain: Resource) -> _Schedule:
    found: _Schedule = domain.__dict__.setdefault("_identity_resolution", _Schedule())
    return found


def _last_occurrence(settings: dict[str, Any], at: dt.datetime) -> dt.datetime:
    """The latest weekly JobSchedule time at or before ``at`` (Saturday 00:00 UTC by default)."""
    schedule = settings.get("JobSchedule") or {}
    day = _DAYS.index(schedule.get("DayOfTheWeek", "SATURDAY"))
    hours, minutes = (int(x) for x in schedule.get("Time", "0:00").split(":"))
    candidate = at.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    candidate -= dt.timedelta(days=(candidate.weekday() - day) % 7)
    if candidate > at:
        candidate -= dt.timedelta(days=7)
    return candidate


def _start(domain: Resource, schedule: _Schedule, at: dt.datetime) -> None:
    settings = domain.attrs.get("Matching") or {}
    exporting = (settings.get("ExportingConfig") or {}).get("S3Exporting")
    job_id = uuid.uuid4().hex
    location = None
    if exporting:
        prefix = exporting.get("S3KeyName")
        key = f"{prefix.rstrip('/')}/{job_id}" if prefix else job_id
        location = {"S3Exporting": {"S3BucketName": exporting["S3BucketName"], "S3KeyName": key}}
    schedule.jobs.append(Job(job_id, domain.id, at, settings.get("AutoMerging"), location))


def jobs(domain: Resource) -> list[Job]:
    """The domain's jobs, oldest first, after starting any that are due."""
    schedule = _schedule(domain)
    if not matching_on(domain):
        schedule.since = None
    else:
        at = now()
        if schedule.since is None:
            schedule.since = at
            _start(domain, schedule, at)
        else:
            due = _last_occurrence(domain.attrs.get("Matching") or {}, at)
            if due > max(schedule.since, schedule.jobs[-1].started if schedule.jobs else schedule.since):
                _start(domain, schedule, due)
    for job in schedule.jobs:
        job.observe(domain)
    return schedule.jobs


def job(domain: Resource, job_id: str) -> Job:
    found = next((j for j in jobs(domain) if j.job_id == job_id), None)
    if found is None:
        raise ResourceNotFoundException(f"Identity resolution job {job_id} does not exist in domain {domain.id}")
    return found


def latest_results(domain: Resource) -> Job | None:
    """The latest completed job of the domain (what GetMatches reports)."""
    done = [j for j in jobs(domain) if j.status in ("COMPLETED", "PARTIAL_SUCCESS")]
    return done[-1] if done else None


def advance(found: Iterable[Job]) -> None:
    """A read counts towards the next status (moto's "manual" progression)."""
    for item in found:
        item.state.advance()


# -- similar profiles, previews ---------------------------------------------------------
def similar(domain: Resource, match_type: str, search_key: str, search_value: str) -> MatchGroup:
    if match_type == RULE_BASED:
        require_rule_based(domain)
        groups = rule_groups(domain) if rule_based_active(domain) else []
    else:
        require_matching(domain)
        latest = latest_results(domain)
        groups = (latest.groups or []) if latest else []
    key = search_key.lstrip("_").lower()
    test: Callable[[MatchGroup], bool]
    if key == "matchid":
        test = lambda g: g.match_id == search_value  # noqa: E731
    elif key == "profileid":
        if domain.children(store.PROFILE.kind).get(search_value) is None:
            raise ResourceNotFoundException(f"Profile {search_value} does not exist")
        test = lambda g: search_value in g.profile_ids  # noqa: E731
    else:
        raise BadRequestException(f"SearchKey must be matchId or profileId, not {search_key}")
    found = next((g for g in groups if test(g)), None)
    if found is None:
        raise ResourceNotFoundException(f"No {match_type} match group has {search_key} {search_value}")
    return found


def merge_preview(
    domain: Resource, consolidation: dict[str, Any], conflict: dict[str, Any], min_score: float | None
) -> dict[str, int]:
    """What auto-merging would do to the latest job's match groups (nothing is changed)."""
    require_matching(domain)
    criteria = consolidation["MatchingAttributesList"]
    for attributes in criteria:
        for attribute in attributes:
            check_attribute(attribute, "Consolidation.MatchingAttributesList")
    if conflict["ConflictResolvingModel"] == "SOURCE" and not conflict.get("SourceName"):
        raise BadRequestException("ConflictResolution.SourceName is required when ConflictResolvingModel is SOURCE")
    latest = latest_results(domain)
    groups = (latest.groups or []) if latest else []
    profiles = domain.children(store.PROFILE.kind)
    merged = 0
    for group in groups:
        if min_score is not None and (group.confidence or 0.0) < min_score:
            continue
        members = [p for p in (profiles.get(i) for i in group.profile_ids) if p is not None]
        links = _Links()
        for attributes in criteria:
            buckets: dict[Any, list[str]] = {}
            for profile in members:
                per_attribute = [sorted(_values(profile, a, _fields_for(a, None), False)) for a in attributes]
                if all(per_attribute):
                    for combination in itertools.product(*per_attribute):
                        buckets.setdefault(combination, []).append(profile.id)
            _shared(buckets, links)
        merged += sum(len(g) for g in links.groups())
    return {
        "NumberOfMatchesInSample": len(groups),
        "NumberOfProfilesInSample": sum(len(g.profile_ids) for g in groups),
        "NumberOfProfilesWillBeMerged": merged,
    }
