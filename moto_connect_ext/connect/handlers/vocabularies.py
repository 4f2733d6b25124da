"""Contact Lens custom vocabularies: create (idempotent with a client token), describe, delete, search,
and the default vocabulary of each language."""

from __future__ import annotations

from typing import Any

from ...core.errors import ResourceNotFoundException
from ...core.resources import Container, Resource, Resources, render
from .. import vocabularies as vocab
from ..exceptions import InvalidRequestException
from ..vocabularies import VOCABULARY
from .common import forget, once, page_of, reused, with_next

PAGE_SIZE = 100


def _instance(r: Any, not_found_is_bad_request: bool = False) -> Container:
    """The request's instance, with the vocabularies whose deletion has ended removed."""
    try:
        instance: Container = r.backend.resource_root(r.params)
    except ResourceNotFoundException as error:
        if not not_found_is_bad_request:
            raise
        # the operation models no ResourceNotFoundException: an unknown instance is a bad request
        raise InvalidRequestException(error.message) from None
    vocab.sweep(r.backend.resources, instance, lambda v: forget(r, v))
    return instance


def _vocabulary(r: Any, read: bool = False) -> Resource:
    return vocab.find(r.backend.resources, _instance(r), r.params["VocabularyId"], read)


def create_vocabulary(r: Any) -> dict[str, Any]:
    p = r.params
    instance = _instance(r)

    def new() -> Resource:
        return vocab.create(
            r.backend.resources,
            instance,
            p["VocabularyName"],
            p["LanguageCode"],
            p["Content"],
            r.caller,
            p.get("Tags"),
        )

    vocabulary = once(
        r,
        "CreateVocabulary",
        new,
        mismatch=reused(r, InvalidRequestException, "to create a vocabulary with other parameters"),
    )
    # the first answer: the vocabulary was being created then
    return {"VocabularyArn": vocabulary.arn, "VocabularyId": vocabulary.id, "State": vocab.CREATION_IN_PROGRESS}


def describe_vocabulary(r: Any) -> dict[str, Any]:
    vocabulary = _vocabulary(r, read=True)
    return {"Vocabulary": render(vocabulary, "Vocabulary", r.backend.tags)}


def delete_vocabulary(r: Any) -> dict[str, Any]:
    vocabulary = _vocabulary(r)
    vocab.delete(r.backend.resources, vocabulary)
    return {"VocabularyArn": vocabulary.arn, "VocabularyId": vocabulary.id, "State": vocab.DELETE_IN_PROGRESS}


def search_vocabularies(r: Any) -> dict[str, Any]:
    p = r.params
    resources: Resources = r.backend.resources
    instance = _instance(r, not_found_is_bad_request=True)
    keep = vocab.search_filter(p.get("State"), p.get("NameStartsWith"), p.get("LanguageCode"))
    page, token = page_of(r, VOCABULARY, instance, PAGE_SIZE, keep)
    return with_next(token, VocabularySummaryList=[render(v, "VocabularySummary", resources.tags) for v in page])


def associate_default_vocabulary(r: Any) -> None:
    p = r.params
    vocab.associate_default(r.backend.resources, _instance(r), p["LanguageCode"], p.get("VocabularyId"))


def list_default_vocabularies(r: Any) -> dict[str, Any]:
    instance = _instance(r, not_found_is_bad_request=True)
    page, token = page_of(r, VOCABULARY, instance, PAGE_SIZE, vocab.is_default(r.params.get("LanguageCode")))
    return with_next(
        token,
        DefaultVocabularyList=[
            {
                "InstanceId": instance.id,
                "LanguageCode": v.attrs["LanguageCode"],
                "VocabularyId": v.id,
                "VocabularyName": v.attrs["Name"],
            }
            for v in page
        ],
    )


HANDLERS = {
    "create_vocabulary": create_vocabulary,
    "describe_vocabulary": describe_vocabulary,
    "delete_vocabulary": delete_vocabulary,
    "search_vocabularies": search_vocabularies,
    "associate_default_vocabulary": associate_default_vocabulary,
    "list_default_vocabularies": list_default_vocabularies,
}
