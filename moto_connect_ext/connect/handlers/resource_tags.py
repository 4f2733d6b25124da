"""SearchResourceTags: the distinct tags of an instance's resources, by resource type and condition."""

from __future__ import annotations

from typing import Any

from ..resource_tags import search_tags
from .common import list_page, with_next

PAGE_SIZE = 100


def search_resource_tags(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.resource_root(p)
    criteria = p.get("SearchCriteria") or {}
    found = search_tags(r.backend.tags, instance, p.get("ResourceTypes"), criteria.get("TagSearchCondition"))
    page, token = list_page(r, found, PAGE_SIZE)
    return with_next(token, Tags=page)


HANDLERS = {"search_resource_tags": search_resource_tags}
