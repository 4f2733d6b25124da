"""Contact Lens custom vocabularies, declared on the resource layer, and the default per language.

A custom vocabulary (CreateVocabulary; Administrator Guide, "Add custom vocabularies")
is a table in plain text that Amazon Transcribe reads: a header row naming the columns
(``Phrase``, ``IPA``, ``SoundsLike``, ``DisplayAs``, in any order, ``Phrase`` required),
then one row per word or phrase, fields separated by TAB characters ("Separate the
fields with TAB characters"; Transcribe, "Creating a custom vocabulary using a table").
The content is at most 50 KB ("The size limit is 50KB"): a larger one is refused at
once.  Its form is checked the way Transcribe checks it, after the request: the
vocabulary is created ``CREATION_IN_PROGRESS`` and ends ``ACTIVE``, or
``CREATION_FAILED`` with a ``FailureReason`` when

* a line ends in CR ("Your text file must be in LF format ... such CRLF format ... is
  not accepted");
* the header is not a TAB-separated list of the four column names, each at most once,
  with ``Phrase``;
* a row has more fields than the header, no ``Phrase``, a ``Phrase`` with a space
  ("Do not use spaces in this column") or a digit ("Do not include digits in this
  column; numbers must be spelled out"), or a field of more than 256 characters
  ("Each entry within a custom vocabulary cannot exceed 256 characters");
* there is no row after the header.

Names are unique per instance (``ResourceConflictException``); an instance has at most
20 vocabularies ("You can upload and activate up to 20 vocabulary files",
``ServiceQuotaExceededException``).  A client token makes CreateVocabulary idempotent.

States move through moto's state manager (model ``connect::vocabulary``, immediate by
default): ``CREATION_IN_PROGRESS`` to ``ACTIVE`` or ``CREATION_FAILED``; DeleteVocabulary
answers ``DELETE_IN_PROGRESS``, and the vocabulary is gone once that state progresses
(its name is free then).  Describes and searches count as reads for a ``manual``
progression.

One vocabulary per language is the default ("only one file per language can be in the
Ready (default) state"): AssociateDefaultVocabulary sets or replaces it with an ``ACTIVE``
vocabulary of that language, or removes it when no vocabulary is named.  A default
vocabulary, and a vocabulary still being created or deleted, cannot be deleted
(``ResourceInUseException``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..core.caller import Caller
from ..core.moto_compat import StatefulModel, register_transition
from ..core.resources import Container, ModeledError, Quota, Resource, Resources, ResourceType
from .exceptions import InvalidRequestException

VOCABULARY_MODEL = "connect::vocabulary"
register_transition(VOCABULARY_MODEL, "immediate")

CREATION_IN_PROGRESS = "CREATION_IN_PROGRESS"
ACTIVE = "ACTIVE"
CREATION_FAILED = "CREATION_FAILED"
DELETE_IN_PROGRESS = "DELETE_IN_PROGRESS"
#: where a deletion ends: the vocabulary is then removed (never shown)
DELETED = "DELETED"

#: "The size limit is 50KB" (CreateVocabulary, Content)
MAX_CONTENT_BYTES = 50 * 1024
#: "You can upload and activate up to 20 vocabulary files"
VOCABULARIES_PER_INSTANCE = 20
#: "Each entry within a custom vocabulary cannot exceed 256 characters"
MAX_ENTRY_CHARACTERS = 256
COLUMNS = ("Phrase", "IPA", "SoundsLike", "DisplayAs")

#: internal attributes: the state workflow, why the creation failed, whether it is the default
LIFECYCLE = "_Lifecycle"
FAILURE = "_FailureReason"
DEFAULT = "_Default"


class Lifecycle(StatefulModel):
    """A vocabulary's state: created (to ``ACTIVE`` or ``CREATION_FAILED``), then deleted."""

    def __init__(self, outcome: str) -> None:
        super().__init__(VOCABULARY_MODEL, [(CREATION_IN_PROGRESS, outcome), (DELETE_IN_PROGRESS, DELETED)])


def lifecycle(vocabulary: Resource) -> Lifecycle:
    found: Lifecycle = vocabulary.attrs[LIFECYCLE]
    return found


def state_of(vocabulary: Resource) -> str:
    return str(lifecycle(vocabulary).status)


def _failure_reason(vocabulary: Resource) -> str | None:
    return vocabulary.attrs.get(FAILURE) if state_of(vocabulary) == CREATION_FAILED else None


VOCABULARY = ResourceType(
    kind="vocabulary",
    unique_name=True,
    duplicate_code="ResourceConflictException",
    duplicate_message="A vocabulary with the name {name} already exists in the instance",
    computed={"State": state_of, "FailureReason": _failure_reason},
    quota=Quota.most(lambda: VOCABULARIES_PER_INSTANCE, "vocabularies"),
)


# -- content -----------------------------------------------------------------------------
def content_problem(content: str) -> str | None:
    """Why Transcribe would refuse a vocabulary table, or None."""
    if "\r" in content:
        return "The vocabulary file must use LF line endings (a line ends in CR, as in CRLF files)"
    lines = content.split("\n")
    header = lines[0].split("\t")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        return (
            f"The header row names the column {unknown[0]!r}: the columns are {', '.join(COLUMNS)}, "
            "separated by TAB characters"
        )
    if len(set(header)) != len(header):
        return "The header row names a column more than once"
    if "Phrase" not in header:
        return "The header row has no Phrase column"
    phrase = header.index("Phrase")
    rows = 0
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        rows += 1
        fields = line.split("\t")
        if len(fields) > len(header):
            return f"Line {number} has {len(fields)} fields; the header names {len(header)} columns"
        value = fields[phrase] if phrase < len(fields) else ""
        if not value:
            return f"Line {number} has no Phrase"
        if any(c.isspace() for c in value):
            return f"Line {number}: the Phrase {value!r} has a space; separate the words of a phrase with hyphens"
        if any(c.isdigit() for c in value):
            return f"Line {number}: the Phrase {value!r} has a digit; spell numbers out"
        if any(len(f) > MAX_ENTRY_CHARACTERS for f in fields):
            return f"Line {number} has an entry of more than {MAX_ENTRY_CHARACTERS} characters"
    if not rows:
        return "The vocabulary file has no phrases after its header row"
    return None


# -- the rules ---------------------------------------------------------------------------
def vocabularies(resources: Resources, instance: Container) -> Iterable[Resource]:
    return resources.all(VOCABULARY, instance)


def find(resources: Resources, instance: Container, ident: str, read: bool = False) -> Resource:
    """A vocabulary that is not yet gone; ``read`` counts as a describe for moto's state manager."""
    vocabulary = resources.get(VOCABULARY, instance, ident)
    if read:
        lifecycle(vocabulary).advance()
    if state_of(vocabulary) == DELETED:
        raise VOCABULARY.not_found(ident)
    return vocabulary


def sweep(resources: Resources, instance: Container, forget: Callable[[Resource], None]) -> None:
    """Remove the vocabularies whose deletion has progressed to its end."""
    gone = [
        v
        for v in vocabularies(resources, instance)
        if lifecycle(v).stored_status in (DELETE_IN_PROGRESS, DELETED) and state_of(v) == DELETED
    ]
    for vocabulary in gone:
        resources.delete(vocabulary)
        forget(vocabulary)


def create(
    resources: Resources,
    instance: Container,
    name: str,
    language: str,
    content: str,
    caller: Caller,
    tags: dict[str, str] | None,
) -> Resource:
    size = len(content.encode("utf-8"))
    if size > MAX_CONTENT_BYTES:
        raise InvalidRequestException(
            f"The vocabulary content is {size} bytes; the size limit is 50 KB ({MAX_CONTENT_BYTES} bytes)"
        )
    problem = content_problem(content)
    attrs: dict[str, Any] = {
        "Name": name,
        "LanguageCode": language,
        "Content": content,
        LIFECYCLE: Lifecycle(CREATION_FAILED if problem else ACTIVE),
    }
    if problem:
        attrs[FAILURE] = problem
    return resources.create(VOCABULARY, instance, attrs, caller, tags)


def delete(resources: Resources, vocabulary: Resource) -> None:
    """Start deleting a vocabulary: ``DELETE_IN_PROGRESS`` until moto's state manager moves it on."""
    state = state_of(vocabulary)
    if state in (CREATION_IN_PROGRESS, DELETE_IN_PROGRESS):
        raise ModeledError("ResourceInUseException", f"Vocabulary {vocabulary.id} is {state} and cannot be deleted now")
    if vocabulary.attrs.get(DEFAULT):
        raise ModeledError(
            "ResourceInUseException",
            f"Vocabulary {vocabulary.id} is the default vocabulary for {vocabulary.attrs['LanguageCode']}; "
            "remove it as the default (AssociateDefaultVocabulary without VocabularyId) before deleting it",
        )
    lifecycle(vocabulary).enter(DELETE_IN_PROGRESS)


def default_of(resources: Resources, instance: Container, language: str) -> Resource | None:
    return next(
        (v for v in vocabularies(resources, instance) if v.attrs.get(DEFAULT) and v.attrs["LanguageCode"] == language),
        None,
    )


def associate_default(resources: Resources, instance: Container, language: str, vocabulary_id: str | None) -> None:
    """Make a vocabulary the default of its language (replacing the last one), or remove the default."""
    chosen = None
    if vocabulary_id is not None:
        chosen = find(resources, instance, vocabulary_id)
        if chosen.attrs["LanguageCode"] != language:
            raise InvalidRequestException(
                f"Vocabulary {chosen.id} is for {chosen.attrs['LanguageCode']}, not {language}"
            )
        state = state_of(chosen)
        if state != ACTIVE:
            raise InvalidRequestException(
                f"Vocabulary {chosen.id} is {state}; only an ACTIVE vocabulary can be the default"
            )
    current = default_of(resources, instance, language)
    if current is not None:
        current.attrs.pop(DEFAULT, None)
    if chosen is not None:
        chosen.attrs[DEFAULT] = True


def is_default(language: str | None) -> Callable[[Resource], bool]:
    if language is None:
        return lambda v: bool(v.attrs.get(DEFAULT))
    return lambda v: bool(v.attrs.get(DEFAULT)) and v.attrs["LanguageCode"] == language


def search_filter(state: str | None, prefix: str | None, language: str | None) -> Callable[[Resource], bool]:
    """SearchVocabularies' own filters (the state, the start of the name, the language) over the
    vocabularies not yet gone; each one looked at counts as a describe for moto's state manager."""

    def keep(vocabulary: Resource) -> bool:
        lifecycle(vocabulary).advance()
        found = state_of(vocabulary)
        if found == DELETED or (state is not None and found != state):
            return False
        if prefix is not None and not str(vocabulary.attrs["Name"]).startswith(prefix):
            return False
        return language is None or vocabulary.attrs["LanguageCode"] == language

    return keep
