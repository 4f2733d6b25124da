"""Upload jobs: create, get, the upload path, list, start and stop."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of
from ...core.resources import Resource, render
from .. import upload_jobs as jobs
from ..upload_jobs import UPLOAD_JOB

PAGE_SIZE = 100


def _job(r: Any) -> Resource:
    found: Resource = r.backend.resources.get(UPLOAD_JOB, r.backend.resource_root(r.params), r.params["JobId"])
    return found


def create_upload_job(r: Any) -> dict[str, Any]:
    job = jobs.create(r.backend.resources, r.backend.resource_root(r.params), r.caller, r.params)
    return {"JobId": job.id}


def get_upload_job(r: Any) -> dict[str, Any]:
    job = _job(r)
    jobs.observe(r.backend.resources, job, read_count=True)
    return render(job, "GetUploadJobResponse", r.backend.resources.tags)


def get_upload_job_path(r: Any) -> dict[str, Any]:
    return jobs.upload_path(_job(r), r.caller)


def list_upload_jobs(r: Any) -> dict[str, Any]:
    p = r.params
    resources = r.backend.resources
    page, token = resources.page(
        UPLOAD_JOB, r.backend.resource_root(p), p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE)
    )
    for job in page:
        jobs.observe(resources, job, read_count=True)
    return {"Items": [render(j, "UploadJobItem", resources.tags) for j in page], "NextToken": token}


def start_upload_job(r: Any) -> dict[str, Any]:
    job = _job(r)
    jobs.start(r.backend.resources, job, r.caller)
    jobs.observe(r.backend.resources, job)  # the default progression ends the job at once
    return {}


def stop_upload_job(r: Any) -> dict[str, Any]:
    jobs.stop(r.backend.resources, _job(r))
    return {}


HANDLERS = {
    "create_upload_job": create_upload_job,
    "get_upload_job": get_upload_job,
    "get_upload_job_path": get_upload_job_path,
    "list_upload_jobs": list_upload_jobs,
    "start_upload_job": start_upload_job,
    "stop_upload_job": stop_upload_job,
}
