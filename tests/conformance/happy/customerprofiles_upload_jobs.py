"""Valid requests for upload jobs: a field mapping whose unique key is one of its fields, and a
job of its own (CREATED, so it can be started or stopped) for the operations that name one."""

from __future__ import annotations

from typing import Any

from tests.conformance.seeds import World, happy

_FIELDS = {"email": {"Source": "_source.email", "Target": "_profile.EmailAddress", "ContentType": "EMAIL_ADDRESS"}}


def _job_request(domain: str) -> dict[str, Any]:
    return {"DomainName": domain, "DisplayName": "happy.csv", "Fields": _FIELDS, "UniqueKey": "email"}


@happy("customer-profiles", "CreateUploadJob")
def _create_upload_job(world: World, request: dict[str, Any]) -> dict[str, Any]:
    return _job_request(request["DomainName"])


@happy("customer-profiles", "GetUploadJob", "GetUploadJobPath", "StartUploadJob", "StopUploadJob")
def _upload_job(world: World, request: dict[str, Any]) -> dict[str, Any]:
    domain = request["DomainName"]
    job = world.client().create_upload_job(**_job_request(domain))["JobId"]
    return {"DomainName": domain, "JobId": job}
