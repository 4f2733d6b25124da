"""Upload jobs: create, get, the upload path, list, start and stop."""

from __future__ import annotations

from typing import Any

from ...core.resources import Resource, resource_of
from .. import upload_jobs as jobs
from ..upload_jobs import UPLOAD_JOB
from .common import listed, shown


def _job(r: Any) -> Resource:
    return resource_of(UPLOAD_JOB, r)


def create_upload_job(r: Any) -> dict[str, Any]:
    job = jobs.create(r.backend.resources, r.backend.resource_root(r.params), r.caller, r.params)
    return {"JobId": job.id}


def get_upload_job(r: Any) -> dict[str, Any]:
    job = _job(r)
    jobs.observe(r.backend.resources, job, read_count=True)
    return shown(r, job, "GetUploadJobResponse")


def get_upload_job_path(r: Any) -> dict[str, Any]:
    return jobs.upload_path(_job(r), r.caller)


def list_upload_jobs(r: Any) -> dict[str, Any]:
    resources = r.backend.resources
    return listed(r, UPLOAD_JOB, "UploadJobItem", read=lambda job: jobs.observe(resources, job, read_count=True))


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
