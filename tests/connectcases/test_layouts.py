"""Cases layouts through boto3."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import RAW, raises


def content(top: list[str], more: list[str] | None = None) -> dict[str, Any]:
    basic: dict[str, Any] = {
        "topPanel": {"sections": [{"fieldGroup": {"name": "Top", "fields": [{"id": f} for f in top]}}]}
    }
    if more is not None:
        basic["moreInfo"] = {"sections": [{"fieldGroup": {"fields": [{"id": f} for f in more]}}]}
    return {"basic": basic}


def test_create_get_update_list(cases: Any, domain_id: str, make_field: Any) -> None:
    order = make_field("Order")
    created = cases.create_layout(domainId=domain_id, name="Main", content=content(["summary", order], ["customer_id"]))
    layout_id = created["layoutId"]
    assert created["layoutArn"] == f"arn:aws:cases:us-east-1:123456789012:domain/{domain_id}/layout/{layout_id}"
    got = cases.get_layout(domainId=domain_id, layoutId=layout_id)
    assert got["name"] == "Main"
    assert got["content"] == content(["summary", order], ["customer_id"])
    assert got["deleted"] is False
    assert got["tags"] == {}
    cases.update_layout(domainId=domain_id, layoutId=layout_id, name="Primary")
    got = cases.get_layout(domainId=domain_id, layoutId=layout_id)
    assert got["name"] == "Primary"
    assert got["content"] == content(["summary", order], ["customer_id"])  # kept
    cases.update_layout(domainId=domain_id, layoutId=layout_id, content=content([order]))
    assert cases.get_layout(domainId=domain_id, layoutId=layout_id)["content"] == content([order])
    assert cases.list_layouts(domainId=domain_id)["layouts"] == [
        {"layoutId": layout_id, "layoutArn": created["layoutArn"], "name": "Primary"}
    ]


def test_layout_names_are_unique(cases: Any, domain_id: str) -> None:
    first = cases.create_layout(domainId=domain_id, name="Main", content=content(["summary"]))["layoutId"]
    with raises("ConflictException", 409, match="Main"):
        cases.create_layout(domainId=domain_id, name="Main", content=content([]))
    second = cases.create_layout(domainId=domain_id, name="Other", content=content([]))["layoutId"]
    with raises("ConflictException", 409):
        cases.update_layout(domainId=domain_id, layoutId=second, name="Main")
    cases.delete_layout(domainId=domain_id, layoutId=first)
    cases.update_layout(domainId=domain_id, layoutId=second, name="Main")  # free once deleted
    assert [item["name"] for item in cases.list_layouts(domainId=domain_id)["layouts"]] == ["Main"]


def test_content_must_reference_live_configurable_fields(cases: Any, domain_id: str, make_field: Any) -> None:
    with raises("ValidationException", 400, match="does not exist"):
        cases.create_layout(domainId=domain_id, name="L", content=content(["no-such-field"]))
    for system in ("title", "status"):
        with raises("ValidationException", 400, match="not configurable"):
            cases.create_layout(domainId=domain_id, name="L", content=content([system]))
    with raises("ValidationException", 400, match="more than once"):
        cases.create_layout(domainId=domain_id, name="L", content=content(["summary"], ["summary"]))
    gone = make_field("Gone")
    cases.delete_field(domainId=domain_id, fieldId=gone)
    with raises("ValidationException", 400, match="deleted"):
        cases.create_layout(domainId=domain_id, name="L", content=content([gone]))
    assert cases.list_layouts(domainId=domain_id)["layouts"] == []
    layout_id = cases.create_layout(domainId=domain_id, name="L", content=content(["summary"]))["layoutId"]
    with raises("ValidationException", 400, match="does not exist"):
        cases.update_layout(domainId=domain_id, layoutId=layout_id, content=content(["nope"]))
    assert cases.get_layout(domainId=domain_id, layoutId=layout_id)["content"] == content(["summary"])


def test_get_layout_drops_deleted_fields(cases: Any, domain_id: str, make_field: Any) -> None:
    keep = make_field("Keep")
    drop = make_field("Drop")
    also = make_field("Also dropped")
    layout = cases.create_layout(domainId=domain_id, name="L", content=content([keep, drop], [also, "summary"]))
    cases.delete_field(domainId=domain_id, fieldId=drop)
    cases.delete_field(domainId=domain_id, fieldId=also)
    got = cases.get_layout(domainId=domain_id, layoutId=layout["layoutId"])
    assert got["content"] == content([keep], ["summary"])


def test_soft_delete(cases: Any, domain_id: str) -> None:
    layout_id = cases.create_layout(domainId=domain_id, name="L", content=content(["summary"]))["layoutId"]
    cases.delete_layout(domainId=domain_id, layoutId=layout_id)
    got = cases.get_layout(domainId=domain_id, layoutId=layout_id)
    assert got["deleted"] is True
    assert got["name"] == "L"
    assert cases.list_layouts(domainId=domain_id)["layouts"] == []
    with raises("ValidationException", 400, match="deleted"):
        cases.update_layout(domainId=domain_id, layoutId=layout_id, name="M")
    with raises("ResourceNotFoundException", 404, match="already deleted"):
        cases.delete_layout(domainId=domain_id, layoutId=layout_id)


def test_unknown_layout(cases: Any, domain_id: str) -> None:
    for call in (
        lambda: cases.get_layout(domainId=domain_id, layoutId="nope"),
        lambda: cases.update_layout(domainId=domain_id, layoutId="nope", name="x"),
        lambda: cases.delete_layout(domainId=domain_id, layoutId="nope"),
    ):
        with raises("ResourceNotFoundException", 404) as info:
            call()
        assert info.value.response["resourceType"] == "Layout"
        assert info.value.response["resourceId"] == "nope"


def test_list_layouts_paginates(cases: Any, domain_id: str) -> None:
    ids = [cases.create_layout(domainId=domain_id, name=f"L{i}", content=content([]))["layoutId"] for i in range(5)]
    first = cases.list_layouts(domainId=domain_id, maxResults=3)
    cases.delete_layout(domainId=domain_id, layoutId=ids[4])  # deleted between pages: not returned
    second = cases.list_layouts(domainId=domain_id, maxResults=3, nextToken=first["nextToken"])
    assert [x["layoutId"] for x in first["layouts"]] == ids[:3]
    assert [x["layoutId"] for x in second["layouts"]] == [ids[3]]
    assert "nextToken" not in second


def test_layout_constraints(moto_connect: Any, domain_id: str) -> None:
    raw = moto_connect.client("connectcases", config=RAW)
    two_sections: dict[str, Any] = {
        "basic": {"topPanel": {"sections": [{"fieldGroup": {"fields": []}}, {"fieldGroup": {"fields": []}}]}}
    }
    with raises("ValidationException", 400, match="length less than or equal to 1"):
        raw.create_layout(domainId=domain_id, name="L", content=two_sections)
    with raises("ValidationException", 400, match="exactly one of its members"):
        raw.create_layout(domainId=domain_id, name="L", content={})
    with raises("ValidationException", 400, match="must not be null"):
        raw.create_layout(domainId=domain_id, name="L")
    assert raw.list_layouts(domainId=domain_id)["layouts"] == []


def test_layouts_per_domain_quota(cases: Any, domain_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from moto_connect_ext.connectcases import quotas

    monkeypatch.setattr(quotas, "LAYOUTS_PER_DOMAIN", 2)  # layouts that are not deleted
    first = cases.create_layout(domainId=domain_id, name="One", content=content([]))["layoutId"]
    cases.create_layout(domainId=domain_id, name="Two", content=content([]))
    with raises("ServiceQuotaExceededException", 402, "would have 3 layouts"):
        cases.create_layout(domainId=domain_id, name="Three", content=content([]))
    assert len(cases.list_layouts(domainId=domain_id)["layouts"]) == 2
    cases.update_layout(domainId=domain_id, layoutId=first, name="First")  # an update takes no room
    cases.delete_layout(domainId=domain_id, layoutId=first)
    cases.create_layout(domainId=domain_id, name="Three", content=content([]))


def test_fields_per_layout_quota(cases: Any, domain_id: str, make_field: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from moto_connect_ext.connectcases import quotas

    monkeypatch.setattr(quotas, "FIELDS_PER_LAYOUT", 2)
    three = ["summary", make_field("A"), make_field("B")]
    with raises("ServiceQuotaExceededException", 402, "would have 3 fields"):
        cases.create_layout(domainId=domain_id, name="Big", content=content(three[:1], three[1:]))
    assert cases.list_layouts(domainId=domain_id)["layouts"] == []
    layout_id = cases.create_layout(domainId=domain_id, name="Small", content=content(three[:2]))["layoutId"]
    with raises("ServiceQuotaExceededException", 402, "would have 3 fields"):
        cases.update_layout(domainId=domain_id, layoutId=layout_id, content=content(three))
    assert cases.get_layout(domainId=domain_id, layoutId=layout_id)["content"] == content(three[:2])
