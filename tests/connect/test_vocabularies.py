"""Contact Lens custom vocabularies through boto3: content, states, defaults, and server mode."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from moto.moto_api import state_manager

from moto_connect_ext.connect.vocabularies import VOCABULARY_MODEL, content_problem
from tests.helpers import new_instance, raises
from tests.servers import server_client

TABLE = "Phrase\tIPA\tSoundsLike\tDisplayAs\nLos-Angeles\t\t\tLos Angeles\nC.L.I.\t\t\tCLI\nDynamo-D.B.\n"


def _create(connect: Any, iid: str, name: str, language: str = "en-US", content: str = TABLE, **kw: Any) -> Any:
    return connect.create_vocabulary(InstanceId=iid, VocabularyName=name, LanguageCode=language, Content=content, **kw)


def _search(connect: Any, iid: str, **kw: Any) -> list[tuple[str, str]]:
    found = connect.search_vocabularies(InstanceId=iid, **kw)["VocabularySummaryList"]
    return [(v["Name"], v["State"]) for v in found]


@pytest.fixture
def manual() -> Iterator[None]:
    """Vocabularies change state on the second describe."""
    state_manager.set_transition(VOCABULARY_MODEL, {"progression": "manual", "times": 2})
    try:
        yield
    finally:
        state_manager.unset_transition(VOCABULARY_MODEL)


def test_round_trip_and_search(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    created = _create(connect, iid, "products", Tags={"team": "lens"}, ClientToken="once")
    vid = created["VocabularyId"]
    assert created["State"] == "CREATION_IN_PROGRESS"
    assert created["VocabularyArn"] == f"{instance['Arn']}/vocabulary/{vid}"
    # a retry with the same token is the first answer; another request with it is refused
    assert _create(connect, iid, "products", Tags={"team": "lens"}, ClientToken="once")["VocabularyId"] == vid
    with raises("InvalidRequestException", 400, match="client token"):
        _create(connect, iid, "other", ClientToken="once")

    described = connect.describe_vocabulary(InstanceId=iid, VocabularyId=vid)["Vocabulary"]
    assert described["State"] == "ACTIVE" and "FailureReason" not in described
    assert (described["Name"], described["LanguageCode"], described["Content"]) == ("products", "en-US", TABLE)
    assert described["Tags"] == {"team": "lens"} and described["Arn"] == created["VocabularyArn"]
    assert connect.describe_vocabulary(InstanceId=iid, VocabularyId=created["VocabularyArn"])["Vocabulary"]["Id"] == vid

    with raises("ResourceConflictException", 409, match="products"):
        _create(connect, iid, "products", language="de-DE")
    broken = _create(connect, iid, "broken", content="Phrase\tDisplayAs\nhello world\tHello\n")
    failed = connect.describe_vocabulary(InstanceId=iid, VocabularyId=broken["VocabularyId"])["Vocabulary"]
    assert failed["State"] == "CREATION_FAILED" and "space" in failed["FailureReason"]
    _create(connect, iid, "produits", language="fr-FR")

    assert _search(connect, iid) == [("products", "ACTIVE"), ("broken", "CREATION_FAILED"), ("produits", "ACTIVE")]
    assert _search(connect, iid, State="ACTIVE", LanguageCode="en-US") == [("products", "ACTIVE")]
    assert _search(connect, iid, NameStartsWith="prod") == [("products", "ACTIVE"), ("produits", "ACTIVE")]
    assert _search(connect, iid, NameStartsWith="Prod") == []
    summary = connect.search_vocabularies(InstanceId=iid, State="CREATION_FAILED")["VocabularySummaryList"][0]
    assert summary["FailureReason"] == failed["FailureReason"] and "Content" not in summary
    first = connect.search_vocabularies(InstanceId=iid, MaxResults=2)
    rest = connect.search_vocabularies(InstanceId=iid, MaxResults=2, NextToken=first["NextToken"])
    assert [v["Name"] for v in first["VocabularySummaryList"] + rest["VocabularySummaryList"]] == [
        "products",
        "broken",
        "produits",
    ]
    assert "NextToken" not in rest

    # the size limit is refused at once; other instances and unknown ids
    with raises("InvalidRequestException", 400, match="50 KB"):
        _create(connect, iid, "huge", content="Phrase\n" + "a-b\n" * 13_000)
    with raises("ResourceNotFoundException", 404):
        connect.describe_vocabulary(InstanceId=iid, VocabularyId="0" * 36)
    with raises("ResourceNotFoundException", 404):
        _create(connect, "0" * 36, "nowhere")
    with raises("InvalidRequestException", 400, match="Instance not found"):
        connect.search_vocabularies(InstanceId="0" * 36)
    other = new_instance(connect, "other")["Id"]
    assert _search(connect, other) == []
    with raises("ResourceNotFoundException", 404):
        connect.delete_vocabulary(InstanceId=other, VocabularyId=vid)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (TABLE, None),
        ("Phrase\nword\n\n", None),
        ("DisplayAs\tPhrase\nSee\tsea\n", None),
        ("Phrase\r\nword\r\n", "LF line endings"),
        ("Phrase,DisplayAs\nword,Word\n", "column 'Phrase,DisplayAs'"),
        ("Phrase\tPhrase\nword\tword\n", "more than once"),
        ("IPA\tDisplayAs\n\tWord\n", "no Phrase column"),
        ("Phrase\tDisplayAs\nword\tWord\textra\n", "has 3 fields"),
        ("DisplayAs\tPhrase\nWord\n", "Line 2 has no Phrase"),
        ("Phrase\nVX02Q\n", "spell numbers out"),
        ("Phrase\tDisplayAs\nword\t" + "x" * 257 + "\n", "more than 256 characters"),
        ("Phrase\tIPA\tSoundsLike\tDisplayAs\n", "no phrases"),
    ],
)
def test_content_problems(content: str, reason: str | None) -> None:
    found = content_problem(content)
    assert found is None if reason is None else reason in (found or ""), found


def test_defaults_states_and_deletes(connect: Any, instance: dict[str, Any], manual: None) -> None:
    iid = instance["Id"]
    english = _create(connect, iid, "english")["VocabularyId"]
    # still being created: neither the default nor deletable
    with raises("InvalidRequestException", 400, match="CREATION_IN_PROGRESS"):
        connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-US", VocabularyId=english)
    with raises("ResourceInUseException", 409, match="CREATION_IN_PROGRESS"):
        connect.delete_vocabulary(InstanceId=iid, VocabularyId=english)
    states = [connect.describe_vocabulary(InstanceId=iid, VocabularyId=english)["Vocabulary"]["State"] for _ in "ab"]
    assert states == ["CREATION_IN_PROGRESS", "ACTIVE"]
    spare = _create(connect, iid, "spare")["VocabularyId"]
    assert _search(connect, iid) == [("english", "ACTIVE"), ("spare", "CREATION_IN_PROGRESS")]
    assert _search(connect, iid) == [("english", "ACTIVE"), ("spare", "ACTIVE")]  # searches count as reads
    german = _create(connect, iid, "german", language="de-DE")["VocabularyId"]
    _search(connect, iid), _search(connect, iid)

    with raises("InvalidRequestException", 400, match="for de-DE, not en-US"):
        connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-US", VocabularyId=german)
    with raises("ResourceNotFoundException", 404):
        connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-US", VocabularyId="0" * 36)
    connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-US", VocabularyId=english)
    connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="de-DE", VocabularyId=german)

    def defaults(**kw: Any) -> list[tuple[str, str]]:
        listed = connect.list_default_vocabularies(InstanceId=iid, **kw)["DefaultVocabularyList"]
        assert all(d["InstanceId"] == iid for d in listed)
        return [(d["LanguageCode"], d["VocabularyName"]) for d in listed]

    assert defaults() == [("en-US", "english"), ("de-DE", "german")]
    assert defaults(LanguageCode="de-DE") == [("de-DE", "german")]
    page = connect.list_default_vocabularies(InstanceId=iid, MaxResults=1)
    assert len(page["DefaultVocabularyList"]) == 1 and page["NextToken"]
    # one default per language: a new one replaces it; the default cannot be deleted
    connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-US", VocabularyId=spare)
    assert defaults(LanguageCode="en-US") == [("en-US", "spare")]
    with raises("ResourceInUseException", 409, match="default vocabulary for en-US"):
        connect.delete_vocabulary(InstanceId=iid, VocabularyId=spare)
    connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-US")  # removes the default
    connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-US")  # nothing to remove
    assert defaults() == [("de-DE", "german")]

    deleted = connect.delete_vocabulary(InstanceId=iid, VocabularyId=spare)
    assert deleted["State"] == "DELETE_IN_PROGRESS" and deleted["VocabularyId"] == spare
    described = connect.describe_vocabulary(InstanceId=iid, VocabularyId=spare)["Vocabulary"]
    assert described["State"] == "DELETE_IN_PROGRESS"
    with raises("ResourceInUseException", 409, match="DELETE_IN_PROGRESS"):
        connect.delete_vocabulary(InstanceId=iid, VocabularyId=spare)
    with raises("ResourceConflictException", 409):
        _create(connect, iid, "spare")  # the name is taken until the vocabulary is gone
    with raises("ResourceNotFoundException", 404):
        connect.describe_vocabulary(InstanceId=iid, VocabularyId=spare)  # the second read ends the deletion
    assert [name for name, _ in _search(connect, iid)] == ["english", "german"]
    _create(connect, iid, "spare")


def test_quota(connect: Any, instance: dict[str, Any]) -> None:
    iid = instance["Id"]
    for number in range(20):
        _create(connect, iid, f"v{number}")
    with raises("ServiceQuotaExceededException", 402, match="20 vocabularies"):
        _create(connect, iid, "one-too-many")
    first = connect.search_vocabularies(InstanceId=iid, MaxResults=1)["VocabularySummaryList"][0]["Id"]
    connect.delete_vocabulary(InstanceId=iid, VocabularyId=first)
    _create(connect, iid, "one-too-many")


# -- server mode -------------------------------------------------------------------------
def test_family_in_server_mode(server: str) -> None:
    connect = server_client(server, "connect", "eu-west-2")
    iid = new_instance(connect, "served")["Id"]
    vid = _create(connect, iid, "served", language="en-GB", Tags={"k": "v"})["VocabularyId"]
    described = connect.describe_vocabulary(InstanceId=iid, VocabularyId=vid)["Vocabulary"]
    assert described["State"] == "ACTIVE" and described["Tags"] == {"k": "v"}
    connect.associate_default_vocabulary(InstanceId=iid, LanguageCode="en-GB", VocabularyId=vid)
    listed = connect.list_default_vocabularies(InstanceId=iid)["DefaultVocabularyList"]
    assert [d["VocabularyId"] for d in listed] == [vid]
    with raises("ResourceInUseException", 409):
        connect.delete_vocabulary(InstanceId=iid, VocabularyId=vid)
