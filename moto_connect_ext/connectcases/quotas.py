"""The Cases quotas the emulator enforces, with their default values.

The names and defaults are those of "Amazon Connect Cases quotas" (Administrator
Guide, "Connect Customer service quotas"; Service Quotas service code ``cases``).
Going past one is ``ServiceQuotaExceededException`` (HTTP 402) where the
operation models it, and changes nothing.  Callers read the limits as
``quotas.NAME`` when they check a request, so a test can lower one with
``monkeypatch.setattr``.
"""

from __future__ import annotations

from .exceptions import ServiceQuotaExceededException

#: "Domains" (L-C2B81BC3): Cases domains of an account in a Region
DOMAINS = 5
#: "Related items per case" (L-C1AF8D37)
RELATED_ITEMS_PER_CASE = 200
#: "Fields per domain" (L-C5B69356): the custom fields that are not deleted
FIELDS_PER_DOMAIN = 500
#: "Field options per field" (L-E52A0E46)
OPTIONS_PER_FIELD = 500
#: "Templates per domain" (L-0482161A): the templates that are not deleted
TEMPLATES_PER_DOMAIN = 100
#: "Layouts per domain" (L-D0ED993F): the layouts that are not deleted
LAYOUTS_PER_DOMAIN = 100
#: "Case fields per layout" (L-5B5E62BD), not adjustable
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
