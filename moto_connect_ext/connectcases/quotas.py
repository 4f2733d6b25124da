"""The Cases quotas the emulator enforces, with their default values.

The names and defaults are those of "Amazon Connect Cases quotas" (Administrator
Guide, "Connect Customer service quotas", its Cases table).
Going past one is ``ServiceQuotaExceededException`` (HTTP 402) where the
operation models it, and changes nothing.  Callers read the limits as
``quotas.NAME`` when they check a request, so a test can lower one with
``monkeypatch.setattr``.
"""

from __future__ import annotations

from .exceptions import ServiceQuotaExceededException

#: "Cases domains per AWS account" (in a Region)
DOMAINS = 5
#: "Related items that can be attached to a case"
RELATED_ITEMS_PER_CASE = 200
#: "Fields in a Cases domain": the custom fields that are not deleted
FIELDS_PER_DOMAIN = 500
#: "Field options per single-select field in the Cases domain"
OPTIONS_PER_FIELD = 500
#: "Templates in a Cases domain": the templates that are not deleted
TEMPLATES_PER_DOMAIN = 100
#: "Layouts in a Cases domain": the layouts that are not deleted
LAYOUTS_PER_DOMAIN = 100
#: "Case fields per case layout", not adjustable
FIELDS_PER_LAYOUT = 100
#: "Files that can be attached to a case": the case's File related items
FILES_PER_CASE = 50
#: "SLAs that can be attached to a case": the case's Sla related items
SLAS_PER_CASE = 10
#: "Fields in a Custom type related item"
FIELDS_PER_CUSTOM_ITEM = 5


def check(count: int, limit: int, what: str, where: str) -> None:
    """ServiceQuotaExceededException when ``where`` would hold ``count`` ``what`` (a plural noun),
    more than ``limit``."""
    if count > limit:
        raise ServiceQuotaExceededException(f"{where} would have {count} {what}: the quota is {limit}")
