"""StartMergeCases and GetMergeCasesStatus through boto3, with moto's state manager holding merges running."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connectcases.merges import MERGE_MODEL
from tests.connectcases.helpers import CONTACT_ARN, EMPTY, FILE_ARN, PROFILE_ARN, comment, number, text
from tests.helpers import raises

OTHER_PROFILE = PROFILE_ARN.replace("p-1", "p-2")


@pytest.fixture
def held() -> Iterator[None]:
    """Merges stay IN_PROGRESS until GetMergeCasesStatus was called three times."""
    state_manager.set_transition(MERGE_MODEL, {"progression": "manual", "times": 3})
    yield
    state_manager.unset_transition(MERGE_MODEL)


def merge(cases: Any, domain_id: str, primary: str, secondary: str, **kw: Any) -> None:
    cases.start_merge_cases(domainId=domain_id, caseId=primary, secondaryCaseIds=[secondary], **kw)


def items(cases: Any, domain_id: str, case_id: str) -> list[dict[str, Any]]:
    return list(cases.search_related_items(domainId=domain_id, caseId=case_id)["relatedItems"])


def test_merge_effects(cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any) -> None:
    picked, kept, filled, cleared = (make_field(n) for n in ("Picked", "Kept", "Filled", "Cleared"))
    primary = make_case(
        "primary",
        {
            picked: text("p"),
            kept: text("p"),
            cleared: text("p"),
            "summary": text("mine"),
            "customer_id": text(PROFILE_ARN),
        },
    )
    # a field is "on" the secondary case when it has a value there or its template's layout places it
    layout = cases.create_layout(
        domainId=domain_id,
        name="Secondary",
        content={"basic": {"topPanel": {"sections": [{"fieldGroup": {"fields": [{"id": cleared}]}}]}}},
    )["layoutId"]
    laid_out = cases.create_template(
        domainId=domain_id, name="Laid out", layoutConfiguration={"defaultLayout": layout}
    )["templateId"]
    secondary = make_case(
        "secondary",
        {picked: text("s"), kept: text("s"), filled: text("s"), "assigned_queue": text("q")},
        template=laid_out,
    )
    create = cases.create_related_item
    note = create(domainId=domain_id, caseId=secondary, type="Comment", content=comment("moved"))["relatedItemId"]
    attached = create(domainId=domain_id, caseId=secondary, type="File", content={"file": {"fileArn": FILE_ARN}})[
        "relatedItemId"
    ]
    contact_twin = create(
        domainId=domain_id, caseId=secondary, type="Contact", content={"contact": {"contactArn": CONTACT_ARN}}
    )
    cases.tag_resource(arn=contact_twin["relatedItemArn"], tags={"from": "secondary", "shared": "secondary"})
    mine = create(domainId=domain_id, caseId=primary, type="Contact", content={"contact": {"contactArn": CONTACT_ARN}})
    cases.tag_resource(arn=mine["relatedItemArn"], tags={"shared": "primary"})
    merge(
        cases,
        domain_id,
        primary,
        secondary,
        fieldsConfiguration=[{"sourceCaseId": secondary, "fieldIds": [{"id": picked}, {"id": cleared}]}],
        relatedItemsConfiguration={"comment": True, "contact": True, "connectCase": True},
        performedBy={"customEntity": "merger"},
    )
    # selected: taken from the secondary (empty clears); not selected: kept, or filled in where empty
    assert get_values(primary, picked, kept, filled, cleared, "summary", "assigned_queue", "title", "status") == {
        picked: text("s"),
        kept: text("p"),
        filled: text("s"),
        "summary": text("mine"),
        "assigned_queue": text("q"),
        "title": text("primary"),
        "status": text("open"),
    }
    assert get_values(secondary, "status", "last_closed_datetime")["status"] == text("closed")
    on_primary = items(cases, domain_id, primary)
    by_type: dict[str, list[dict[str, Any]]] = {}
    for item in on_primary:
        by_type.setdefault(item["type"], []).append(item)
    assert [i["relatedItemId"] for i in by_type["Comment"]] == [note]  # moved, same id
    assert [i["relatedItemId"] for i in by_type["Contact"]] == [mine["relatedItemId"]]
    assert by_type["Contact"][0]["tags"] == {"shared": "primary", "from": "secondary"}
    assert [i["content"]["connectCase"]["caseId"] for i in by_type["ConnectCase"]] == [secondary]
    assert "File" not in by_type
    on_secondary = {i["type"]: i for i in items(cases, domain_id, secondary)}
    assert sorted(on_secondary) == ["ConnectCase", "File"]
    assert on_secondary["File"]["relatedItemId"] == attached
    assert on_secondary["ConnectCase"]["content"] == {"connectCase": {"caseId": primary}}
    # the moved comment's ARN now names the primary case
    moved = cases.search_all_related_items(domainId=domain_id, filters=[{"comment": {}}])["relatedItems"]
    assert [(i["relatedItemId"], i["caseId"]) for i in moved] == [(note, primary)]
    # both cases record the merge with the same merge event id
    last_primary = cases.get_case_audit_events(domainId=domain_id, caseId=primary)["auditEvents"][-1]
    last_secondary = cases.get_case_audit_events(domainId=domain_id, caseId=secondary)["auditEvents"][-1]
    assert last_primary["type"] == last_secondary["type"] == "Case.Merged"
    assert last_primary["mergeMetadata"] == last_secondary["mergeMetadata"]
    assert last_primary["mergeMetadata"]["primaryCaseId"] == primary
    assert last_primary["mergeMetadata"]["secondaryCaseId"] == secondary
    assert last_primary["performedBy"]["user"] == {"customEntity": "merger"}
    changed = {f["eventFieldId"]: f for f in last_primary["fields"]}
    assert changed[picked] == {"eventFieldId": picked, "oldValue": text("p"), "newValue": text("s")}
    assert changed[cleared] == {"eventFieldId": cleared, "oldValue": text("p"), "newValue": EMPTY}
    assert kept not in changed
    assert [f["eventFieldId"] for f in last_secondary["fields"]] == ["status"]
    # status: the secondary is COMPLETED; the primary is not in a merge any more
    status = cases.get_merge_cases_status(domainId=domain_id, caseId=secondary)
    assert (status["status"], status["primaryCaseId"], status["secondaryCaseIds"]) == (
        "COMPLETED",
        primary,
        [secondary],
    )
    with raises("ResourceNotFoundException", 404):
        cases.get_merge_cases_status(domainId=domain_id, caseId=primary)
    # the secondary can be reopened, updated and deleted, but never merged again
    cases.update_case(domainId=domain_id, caseId=secondary, fields=[{"id": "status", "value": text("open")}])
    third = make_case("third")
    with raises("ConflictException", 409, "cannot be merged again"):
        merge(cases, domain_id, third, secondary)
    with raises("ConflictException", 409, "cannot be merged again"):
        merge(cases, domain_id, secondary, third)
    cases.delete_case(domainId=domain_id, caseId=secondary)


def test_items_stay_when_not_selected(cases: Any, domain_id: str, make_case: Any) -> None:
    primary, secondary = make_case("p"), make_case("s")
    note = cases.create_related_item(domainId=domain_id, caseId=secondary, type="Comment", content=comment())[
        "relatedItemId"
    ]
    merge(cases, domain_id, primary, secondary, relatedItemsConfiguration={"comment": False, "custom": True})
    assert note in [i["relatedItemId"] for i in items(cases, domain_id, secondary)]
    assert [i["type"] for i in items(cases, domain_id, primary)] == ["ConnectCase"]


def test_a_running_merge_blocks_the_secondary(
    cases: Any, domain_id: str, make_field: Any, make_case: Any, get_values: Any, held: None
) -> None:
    late = make_field("Late")
    primary, secondary = make_case("p"), make_case("s", {late: text("from secondary")})
    note = cases.create_related_item(domainId=domain_id, caseId=secondary, type="Comment", content=comment())[
        "relatedItemId"
    ]
    merge(cases, domain_id, primary, secondary, relatedItemsConfiguration={"comment": True})
    for case_id in (primary, secondary):
        status = cases.get_merge_cases_status(domainId=domain_id, caseId=case_id)
        assert status == {**status, "status": "IN_PROGRESS", "primaryCaseId": primary, "secondaryCaseIds": [secondary]}
    # two status reads so far: the third lets the merge finish; first check what is blocked
    blocked = [
        lambda: cases.update_case(domainId=domain_id, caseId=secondary, fields=[{"id": "title", "value": text("x")}]),
        lambda: cases.create_related_item(domainId=domain_id, caseId=secondary, type="Comment", content=comment()),
        lambda: cases.update_related_item(
            domainId=domain_id, caseId=secondary, relatedItemId=note, content=comment("x")
        ),
        lambda: cases.delete_related_item(domainId=domain_id, caseId=secondary, relatedItemId=note),
        lambda: cases.delete_case(domainId=domain_id, caseId=secondary),
        lambda: cases.delete_case(domainId=domain_id, caseId=primary),
        lambda: merge(cases, domain_id, primary, make_case("other")),
        lambda: merge(cases, domain_id, make_case("another"), secondary),
    ]
    for call in blocked:
        with raises("ConflictException", 409):
            call()
    batch = cases.batch_update_case(
        domainId=domain_id,
        cases=[{"caseIdentifier": {"caseId": secondary}}, {"caseIdentifier": {"caseId": primary}}],
        fields=[],
        title="b",
    )
    assert [(e["caseIdentifier"]["caseId"], e["errorCode"]) for e in batch["failedCases"]] == [(secondary, "CONFLICT")]
    comments = cases.batch_create_related_item(
        domainId=domain_id, content=comment(), cases=[{"caseIdentifier": {"caseId": secondary}}]
    )
    assert [e["errorCode"] for e in comments["failedItems"]] == ["CONFLICT"]
    # the primary can still change, and the merge reads its values when it runs
    cases.update_case(domainId=domain_id, caseId=primary, fields=[{"id": "summary", "value": text("while merging")}])
    assert get_values(primary, late) == {}
    assert cases.get_merge_cases_status(domainId=domain_id, caseId=secondary)["status"] == "IN_PROGRESS"
    assert cases.get_merge_cases_status(domainId=domain_id, caseId=secondary)["status"] == "COMPLETED"
    assert get_values(primary, late, "summary", "title") == {
        late: text("from secondary"),
        "summary": text("while merging"),
        "title": text("b"),
    }
    assert note in [i["relatedItemId"] for i in items(cases, domain_id, primary)]


def test_refusals(cases: Any, domain_id: str, make_field: Any, make_case: Any) -> None:
    custom = make_field("Custom")
    unused = make_field("Unused")
    primary = make_case("p", {"customer_id": text(PROFILE_ARN)})
    secondary = make_case("s", {custom: text("v")})
    closed = make_case("c", {"status": text("closed")})
    stranger = make_case("x", {"customer_id": text(OTHER_PROFILE)})

    def fields(*ids: str, source: str = secondary) -> dict[str, Any]:
        return {"fieldsConfiguration": [{"sourceCaseId": source, "fieldIds": [{"id": i} for i in ids]}]}

    for args, kwargs, match in [
        ((primary, primary), {}, "must be different"),
        ((primary, closed), {}, "is closed"),
        ((closed, primary), {}, "is closed"),
        ((primary, stranger), {}, "different customers"),
        ((primary, secondary), fields("title"), "cannot be merged"),
        ((primary, secondary), fields("status"), "cannot be merged"),
        ((primary, secondary), fields("nope"), "does not exist"),
        ((primary, secondary), fields(unused), "does not have field"),
        ((primary, secondary), fields(custom, custom), "more than once"),
        ((primary, secondary), fields(custom, source=primary), "must be the secondary case"),
        ((primary, secondary), {"fieldsConfiguration": fields(custom)["fieldsConfiguration"] * 2}, "at most one entry"),
    ]:
        with raises("ValidationException", 400, match):
            merge(cases, domain_id, *args, **kwargs)
    with raises("ResourceNotFoundException", 404, "Case nope"):
        merge(cases, domain_id, primary, "nope")
    with raises("ResourceNotFoundException", 404, "Case nope"):
        merge(cases, domain_id, "nope", primary)
    with raises("ResourceNotFoundException", 404):
        cases.get_merge_cases_status(domainId=domain_id, caseId=primary)
    with raises("ResourceNotFoundException", 404):
        cases.get_merge_cases_status(domainId=domain_id, caseId="nope")
    # a case without a customer merges with one that has one; the system fields that can merge do
    merge(cases, domain_id, primary, secondary, **fields(custom))
    assert cases.get_merge_cases_status(domainId=domain_id, caseId=secondary)["status"] == "COMPLETED"


def test_field_count_limit(
    cases: Any, domain_id: str, make_field: Any, make_case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_connect_ext.connectcases import merges

    monkeypatch.setattr(merges, "MAX_FIELD_VALUES", 8)
    extra = [make_field(f"F{i}", "Number") for i in range(3)]
    primary = make_case("p")  # title, status and 4 system values: 6
    secondary = make_case("s", {f: number(1) for f in extra})
    with raises("ValidationException", 400, "would have 9 field values"):
        merge(cases, domain_id, primary, secondary)


@pytest.mark.parametrize(
    ("quota", "moved", "outcome"),
    [
        # the primary case: its comment, the two it takes and the link; the secondary case: the link
        (4, True, "ok"),
        (3, True, "Case {primary} would have 4 related items"),
        # nothing moves: the primary case has its comment and the link, the secondary its two and the link
        (3, False, "ok"),
        (2, False, "Case {secondary} would have 3 related items"),
    ],
)
def test_related_items_quota(
    cases: Any,
    domain_id: str,
    make_case: Any,
    monkeypatch: pytest.MonkeyPatch,
    quota: int,
    moved: bool,
    outcome: str,
) -> None:
    from moto_connect_ext.connectcases import quotas

    primary, secondary = make_case("p"), make_case("s")
    cases.create_related_item(domainId=domain_id, caseId=primary, type="Comment", content=comment("p"))
    for body in ("s1", "s2"):
        cases.create_related_item(domainId=domain_id, caseId=secondary, type="Comment", content=comment(body))
    monkeypatch.setattr(quotas, "RELATED_ITEMS_PER_CASE", quota)
    config = {"relatedItemsConfiguration": {"comment": moved}}
    if outcome == "ok":
        merge(cases, domain_id, primary, secondary, **config)
        assert cases.get_merge_cases_status(domainId=domain_id, caseId=secondary)["status"] == "COMPLETED"
    else:
        with raises("ServiceQuotaExceededException", 402, outcome.format(primary=primary, secondary=secondary)):
            merge(cases, domain_id, primary, secondary, **config)
        assert len(items(cases, domain_id, primary)) == 1
        assert len(items(cases, domain_id, secondary)) == 2
