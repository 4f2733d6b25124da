"""SearchResourceTags: the distinct tags of an instance's resources, by resource type and condition."""

from __future__ import annotations

from typing import Any

from ...core.pagination import limit_of, page_list
from ..resource_tags import search_tags

PAGE_SIZE = 100


def search_resource_tags(r: Any) -> dict[str, Any]:
    p = r.params
    instance = r.backend.resource_root(p)
    criteria = p.get("SearchCriteria") or {}
    found = search_tags(r.backend.tags, instance, p.get("ResourceTypes"), criteria.get("TagSearchCondition"))
    page, token = page_list(found, p.get("NextToken"), limit_of(p.get("MaxResults"), PAGE_SIZE))
    out: dict[str, Any] = {"Tags": page}
    if token:
        out["NextToken"] = token
    return out


HANDLERS = {"search_resource_tags": search_resource_tags}
