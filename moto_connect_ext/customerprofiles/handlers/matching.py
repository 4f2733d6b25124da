"""Identity resolution: matches, rule-based matches, similar profiles, jobs and auto-merging previews."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from .. import matching
from ..matching import Job, MatchGroup


def _domain(r: Any) -> Any:
    return r.backend.domain(r.params["DomainName"])


def _page(r: Any, items: list[Any]) -> tuple[list[Any], str | None]:
    p = r.params
    return page_list(items, p.get("NextToken"), limit_of(p.get("MaxResults"), 100))


def _match(group: MatchGroup) -> dict[str, Any]:
    out: dict[str, Any] = {"MatchId": group.match_id, "ProfileIds": list(group.profile_ids)}
    if group.confidence is not None:
        out["ConfidenceScore"] = group.confidence
    return out


def _job(job: Job, full: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "DomainName": job.domain_name,
        "JobId": job.job_id,
        "Status": job.status,
        "JobStartTime": job.started,
        "JobEndTime": job.ended,
        "JobStats": job.stats(),
        "ExportingLocation": job.exporting,
        "Message": job.message,
    }
    if full:
        out["LastUpdatedAt"] = job.updated or job.started
        out["AutoMerging"] = job.auto_merging
    return {k: v for k, v in out.items() if v is not None}


def get_matches(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    matching.require_matching(domain)
    latest = matching.latest_results(domain)
    groups = (latest.groups or []) if latest else []
    page, token = _page(r, groups)
    out: dict[str, Any] = {"Matches": [_match(g) for g in page], "PotentialMatches": len(groups), "NextToken": token}
    if latest is not None:
        out["MatchGenerationDate"] = latest.ended
    return out


def list_rule_based_matches(r: Any) -> dict[str, Any]:
    domain = _domain(r)
    matching.require_rule_based(domain)
    groups = matching.rule_groups(domain) if matching.rule_based_active(domain) else []
    page, token = _page(r, [g.match_id for g in groups])
    return {"MatchIds": page, "NextToken": token}


def get_similar_profiles(r: Any) -> dict[str, Any]:
    p = r.params
    match_type = p["MatchType"]
    group = matching.similar(_domain(r), match_type, p["SearchKey"], p["SearchValue"])
    page, token = _page(r, group.profile_ids)
    out = {"ProfileIds": page, "MatchId": group.match_id, "MatchType": match_type, "NextToken": token}
    if match_type == matching.RULE_BASED:
        out["RuleLevel"] = group.rule_level
    else:
        out["ConfidenceScore"] = group.confidence
    return out


def list_identity_resolution_jobs(r: Any) -> dict[str, Any]:
    found = matching.jobs(_domain(r))
    page, token = _page(r, found)
    out = {"IdentityResolutionJobsList": [_job(j, full=False) for j in page], "NextToken": token}
    matching.advance(page)
    return out


def get_identity_resolution_job(r: Any) -> dict[str, Any]:
    job = matching.job(_domain(r), r.params["JobId"])
    out = _job(job, full=True)
    matching.advance([job])
    return out


def get_auto_merging_preview(r: Any) -> dict[str, Any]:
    p = r.params
    counts = matching.merge_preview(
        _domain(r), p["Consolidation"], p["ConflictResolution"], p.get("MinAllowedConfidenceScoreForMerging")
    )
    return {"DomainName": p["DomainName"], **counts}


HANDLERS = {
    "get_matches": get_matches,
    "list_rule_based_matches": list_rule_based_matches,
    "get_similar_profiles": get_similar_profiles,
    "list_identity_resolution_jobs": list_identity_resolution_jobs,
    "get_identity_resolution_job": get_identity_resolution_job,
    "get_auto_merging_preview": get_auto_merging_preview,
}
