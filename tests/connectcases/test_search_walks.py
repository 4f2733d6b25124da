"""Walks of the Cases searches while everything else goes on: the pagination rule, checked by hypothesis.

The rule: a walk (the pages of one search, token after token) visits each item
that exists throughout the walk exactly once, whatever happens between its
pages: cases and related items created and deleted, sort keys changed, other
walks of the same query, other searches.  Items created or deleted during the
walk may or may not appear, but never twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from botocore.exceptions import ClientError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.connectcases.helpers import EMPTY, comment, number, text
from tests.helpers import raises

RANKS = [None, 1.0, 2.0, 3.0]
TEAMS = ["red", "blue"]
#: few queries, so that walks of the same query meet often
ITEM_SORTS: list[list[dict[str, str]] | None] = [
    None,
    [{"sortProperty": "AssociationTime", "sortOrder": "Desc"}],
    [{"sortProperty": "CaseId", "sortOrder": "Desc"}, {"sortProperty": "AssociationTime", "sortOrder": "Asc"}],
]
STEPS = ["page"] * 4 + ["start", "again", "other"] * 2 + ["create", "delete", "rerank", "rerank", "add", "drop", "edit"]
_domains = itertools.count(1)


@dataclass
class Walk:
    kind: str  # "cases", "related" (one case's items) or "all" (every case's items)
    params: dict[str, Any]
    #: the ids the search would list now
    members: Callable[[], set[str]]
    #: the ids the walk must visit: what existed when its first page was asked for
    population: set[str] = field(default_factory=set)
    #: what it may list: whatever the search would have listed at one of its pages
    allowed: set[str] = field(default_factory=set)
    seen: list[str] = field(default_factory=list)
    token: str | None = None
    done: bool = False


class World:
    """The domain and what the test knows it holds."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.domain = client.create_domain(name=f"walks-{next(_domains)}")["domainId"]
        self.rank = client.create_field(domainId=self.domain, name="Rank", type="Number")["fieldId"]
        self.team = client.create_field(domainId=self.domain, name="Team", type="Text")["fieldId"]
        self.template = client.create_template(domainId=self.domain, name="Default")["templateId"]
        #: live case id -> team; live item id -> case id; every id deleted so far
        self.cases: dict[str, str] = {}
        self.items: dict[str, str] = {}
        self.deleted: set[str] = set()
        self.walks: list[Walk] = []

    # -- changes -------------------------------------------------------------
    def create_case(self, rank: float | None, team: str) -> None:
        fields = [{"id": "title", "value": text("a case")}, {"id": self.team, "value": text(team)}]
        if rank is not None:
            fields.append({"id": self.rank, "value": number(rank)})
        case_id = self.client.create_case(domainId=self.domain, templateId=self.template, fields=fields)["caseId"]
        self.cases[case_id] = team

    def delete_case(self, case_id: str) -> None:
        self.client.delete_case(domainId=self.domain, caseId=case_id)
        del self.cases[case_id]
        self.deleted.add(case_id)
        for item_id in [i for i, c in self.items.items() if c == case_id]:
            del self.items[item_id]
            self.deleted.add(item_id)

    def rerank(self, case_id: str, rank: float | None) -> None:
        value = EMPTY if rank is None else number(rank)
        self.client.update_case(domainId=self.domain, caseId=case_id, fields=[{"id": self.rank, "value": value}])

    def add_item(self, case_id: str) -> None:
        created = self.client.create_related_item(
            domainId=self.domain, caseId=case_id, type="Comment", content=comment()
        )
        self.items[created["relatedItemId"]] = case_id

    def drop_item(self, item_id: str) -> None:
        self.client.delete_related_item(domainId=self.domain, caseId=self.items[item_id], relatedItemId=item_id)
        del self.items[item_id]
        self.deleted.add(item_id)

    def edit_item(self, item_id: str) -> None:
        self.client.update_related_item(
            domainId=self.domain, caseId=self.items[item_id], relatedItemId=item_id, content=comment("edited")
        )

    # -- searches ------------------------------------------------------------
    def case_walk(self, order: str, team: str | None) -> Walk:
        params: dict[str, Any] = {"sorts": [{"fieldId": self.rank, "sortOrder": order}]}
        if team is not None:
            params["filter"] = {"field": {"equalTo": {"id": self.team, "value": text(team)}}}
        return Walk("cases", params, lambda: {c for c, t in self.cases.items() if team in (None, t)})

    def related_walk(self, case_id: str) -> Walk:
        return Walk("related", {"caseId": case_id}, lambda: {i for i, c in self.items.items() if c == case_id})

    def all_items_walk(self, sorts: list[dict[str, str]] | None, comments_only: bool) -> Walk:
        params: dict[str, Any] = {"sorts": sorts} if sorts else {}
        if comments_only:
            params["filters"] = [{"comment": {}}]
        return Walk("all", params, lambda: set(self.items))

    def page(self, walk: Walk, size: int) -> None:
        """Ask for the walk's next page and record what it lists."""
        extra = {"nextToken": walk.token} if walk.token else {}
        now = walk.members()
        if not walk.token:
            walk.population = set(now)
        walk.allowed |= now
        try:
            if walk.kind == "cases":
                answer = self.client.search_cases(domainId=self.domain, maxResults=size, **walk.params, **extra)
                ids = [c["caseId"] for c in answer["cases"]]
            elif walk.kind == "related":
                answer = self.client.search_related_items(domainId=self.domain, maxResults=size, **walk.params, **extra)
                ids = [i["relatedItemId"] for i in answer["relatedItems"]]
            else:
                answer = self.client.search_all_related_items(
                    domainId=self.domain, maxResults=size, **walk.params, **extra
                )
                ids = [i["relatedItemId"] for i in answer["relatedItems"]]
        except ClientError as error:
            # only a walk of a case deleted since its first page can end this way
            assert walk.kind == "related" and walk.params["caseId"] in self.deleted, error
            assert error.response["Error"]["Code"] == "ResourceNotFoundException"
            walk.done = True
            return
        assert len(ids) <= size
        walk.seen.extend(ids)
        walk.token = answer.get("nextToken")
        walk.done = walk.token is None

    def check(self, walk: Walk) -> None:
        assert walk.done
        assert len(walk.seen) == len(set(walk.seen)), f"an item listed twice by {walk.kind} {walk.params}"
        missed = walk.population - self.deleted - set(walk.seen)
        assert not missed, f"{walk.kind} {walk.params} missed {missed}"
        assert set(walk.seen) <= walk.population | walk.allowed


@settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_walk_visits_each_lasting_item_once(moto_connect: Any, data: st.DataObject) -> None:
    world = World(moto_connect.client("connectcases"))
    draw = data.draw
    for _ in range(draw(st.integers(1, 8), label="cases")):
        world.create_case(draw(st.sampled_from(RANKS)), draw(st.sampled_from(TEAMS)))
    for case_id in list(world.cases):
        for _ in range(draw(st.integers(0, 3), label="items")):
            world.add_item(case_id)
    size = st.integers(1, 3)

    def start(abandon: bool = False) -> None:
        kinds = ["cases", "all"] + (["related"] if world.cases else [])
        kind = draw(st.sampled_from(kinds), label="kind")
        if kind == "cases":
            walk = world.case_walk(draw(st.sampled_from(["Asc", "Desc"])), draw(st.sampled_from([None, "red"])))
        elif kind == "related":
            walk = world.related_walk(draw(st.sampled_from(list(world.cases))))
        else:
            walk = world.all_items_walk(draw(st.sampled_from(ITEM_SORTS)), draw(st.booleans()))
        world.page(walk, draw(size))
        if not abandon:
            world.walks.append(walk)

    for _ in range(draw(st.integers(1, 40), label="steps")):
        step = draw(st.sampled_from(STEPS), label="step")
        # draws never depend on ids (random) or on where a walk stands (which depends on them)
        if step == "page" and world.walks:
            walk = draw(st.sampled_from(world.walks))
            if not walk.done:
                world.page(walk, draw(size))
        elif step == "again" and world.walks:
            # another walk of the same query (continued or not), while the first one may still run
            walk = draw(st.sampled_from(world.walks[-3:]))
            again = Walk(walk.kind, walk.params, walk.members)
            world.page(again, draw(size))
            if draw(st.booleans()):
                world.walks.append(again)
        elif step in ("start", "again", "page"):
            start()
        elif step == "create":
            world.create_case(draw(st.sampled_from(RANKS)), draw(st.sampled_from(TEAMS)))
        elif step == "other":
            start(abandon=True)  # a first page nobody continues: another query, maybe the same one
        elif step in ("delete", "rerank", "add") and world.cases:
            case_id = draw(st.sampled_from(list(world.cases)))
            if step == "delete":
                world.delete_case(case_id)
            elif step == "rerank":
                world.rerank(case_id, draw(st.sampled_from(RANKS)))
            else:
                world.add_item(case_id)
        elif step in ("drop", "edit") and world.items:
            item_id = draw(st.sampled_from(list(world.items)))
            if step == "drop":
                world.drop_item(item_id)
            else:
                world.edit_item(item_id)
    for walk in world.walks:
        while not walk.done:
            world.page(walk, 2)
        world.check(walk)
    # every example makes a domain in the same backend: free its place (an account has at most five)
    world.client.delete_domain(domainId=world.domain)


# -- the faults of a per-query cache, one by one --------------------------------------
def _ranked(world: World, count: int) -> list[str]:
    for i in range(count):
        world.create_case(float(i), "red")
    return list(world.cases)


def _walk(world: World, walk: Walk, first_size: int = 2) -> Walk:
    world.page(walk, first_size)
    while not walk.done:
        world.page(walk, 2)
    return walk


def test_another_walk_of_the_same_query_leaves_a_walk_alone(moto_connect: Any) -> None:
    world = World(moto_connect.client("connectcases"))
    made = _ranked(world, 6)
    walk = world.case_walk("Asc", None)
    world.page(walk, 2)
    world.create_case(-1.0, "red")  # sorts first
    other = _walk(world, world.case_walk("Asc", None))
    assert len(other.seen) == 7
    while not walk.done:
        world.page(walk, 2)
    assert walk.seen == made  # the order of the first page's moment, each case once


def test_a_walk_outlives_many_other_searches(moto_connect: Any) -> None:
    world = World(moto_connect.client("connectcases"))
    made = _ranked(world, 6)
    walk = world.case_walk("Desc", None)
    world.page(walk, 2)
    for i in range(40):  # other queries, each of several pages
        at_least = {"field": {"greaterThanOrEqualTo": {"id": world.rank, "value": number(-i)}}}
        assert "nextToken" in world.client.search_cases(domainId=world.domain, maxResults=1, filter=at_least)
    world.rerank(made[0], 10.0)  # the last case now sorts first
    world.rerank(made[5], -1.0)
    while not walk.done:
        world.page(walk, 2)
    assert walk.seen == made[::-1]


def test_sorted_related_items_walk_over_changes(moto_connect: Any) -> None:
    world = World(moto_connect.client("connectcases"))
    cases = _ranked(world, 3)
    for case_id in cases:
        world.add_item(case_id)
        world.add_item(case_id)
    first = list(world.items)
    walk = world.all_items_walk([{"sortProperty": "AssociationTime", "sortOrder": "Desc"}], False)
    world.page(walk, 2)
    world.add_item(cases[0])  # newest: would sort first
    world.drop_item(first[0])  # not listed yet: skipped
    _walk(world, world.all_items_walk(walk.params["sorts"], False))
    while not walk.done:
        world.page(walk, 2)
    assert walk.seen == first[:0:-1]


def test_totals_and_tokens(moto_connect: Any) -> None:
    world = World(moto_connect.client("connectcases"))
    _ranked(world, 5)
    sorts = [{"fieldId": world.rank, "sortOrder": "Asc"}]
    first = world.client.search_cases(domainId=world.domain, maxResults=2, sorts=sorts)
    world.create_case(0.5, "red")
    again = world.client.search_cases(domainId=world.domain, maxResults=2, sorts=sorts, nextToken=first["nextToken"])
    assert first["totalCount"] == again["totalCount"] == 5  # the count when the walk began
    # a token answers the query that issued it only
    other = [{"fieldId": world.rank, "sortOrder": "Desc"}]
    with raises("ValidationException", 400, "another request"):
        world.client.search_cases(domainId=world.domain, maxResults=2, sorts=other, nextToken=first["nextToken"])
    with raises("ValidationException", 400, "pagination token"):
        world.client.search_all_related_items(domainId=world.domain, nextToken=first["nextToken"])
    # one page keeps nothing and hands out no token
    assert "nextToken" not in world.client.search_cases(domainId=world.domain, sorts=sorts)


def test_the_least_recently_paged_walk_expires(moto_connect: Any) -> None:
    world = World(moto_connect.client("connectcases"))
    _ranked(world, 4)
    moto_connect.backend("connectcases").walks.max_walks = 2
    old, recent = world.case_walk("Asc", None), world.case_walk("Desc", None)
    world.page(old, 1)
    world.page(recent, 1)
    world.page(old, 1)  # paged again: now the most recent
    world.page(world.case_walk("Asc", "red"), 1)  # a third walk: `recent` goes
    with raises("ValidationException", 400, "expired"):
        world.client.search_cases(domainId=world.domain, nextToken=recent.token, **recent.params)
    while not old.done:
        world.page(old, 1)
    assert len(old.seen) == 4


def test_a_reset_expires_every_walk(moto_connect: Any) -> None:
    world = World(moto_connect.client("connectcases"))
    _ranked(world, 3)
    walk = world.case_walk("Asc", None)
    world.page(walk, 1)
    requests.post("http://motoapi.amazonaws.com/moto-api/reset")
    world = World(moto_connect.client("connectcases"))
    _ranked(world, 3)
    params = world.case_walk("Asc", None).params
    with raises("ValidationException", 400, "expired"):
        world.client.search_cases(domainId=world.domain, nextToken=walk.token, **params)
