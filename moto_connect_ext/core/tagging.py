"""Tags by ARN, for every resource a backend creates.

``Tags`` knows which ARNs exist (``track``/``forget``), so tagging an ARN that
names nothing is refused the way AWS refuses it.  It is backed by moto's
``TaggingService`` so moto's Resource Groups Tagging API sees the same tags
where moto wires a service into it.

``tag`` (TagResource) holds a request to what the Administrator Guide (Tagging resources
in Amazon Connect) says of every Amazon Connect service, whatever a service's model
constrains: "Tag keys can be up to 128 characters in length and tag values can be up to
256 characters in length"; "Your tags cannot begin with ``aws:``"; "Amazon Connect
services support up to 50 tags per resource" (``TAGS_PER_RESOURCE``).  A request that
breaks one is the operation's validation error and changes nothing.
"""

from __future__ import annotations

from moto.utilities.tagging_service import TaggingService

from .errors import ValidationError

#: "Amazon Connect services support up to 50 tags per resource"
TAGS_PER_RESOURCE = 50
#: "Tag keys can be up to 128 characters in length and tag values can be up to 256 characters"
MAX_KEY_LENGTH = 128
MAX_VALUE_LENGTH = 256
#: "Your tags cannot begin with aws: because AWS reserves this prefix for system-generated tags"
RESERVED_PREFIX = "aws:"


class Tags:
    def __init__(self) -> None:
        self.service = TaggingService()
        self._known: set[str] = set()

    def track(self, arn: str, tags: dict[str, str] | None = None) -> None:
        """A resource with this ARN now exists (with these tags)."""
        self._known.add(arn)
        self.add(arn, tags)

    def forget(self, arn: str) -> None:
        """The resource is gone, and its tags with it."""
        self._known.discard(arn)
        self.service.delete_all_tags_for_resource(arn)

    def knows(self, arn: str) -> bool:
        return arn in self._known

    def add(self, arn: str, tags: dict[str, str] | None) -> None:
        if tags:
            self.service.tag_resource(arn, TaggingService.convert_dict_to_tags_input(tags))

    def tag(self, arn: str, tags: dict[str, str] | None) -> None:
        """TagResource: add these tags (a key the resource has takes the new value), each
        within the documented lengths and outside ``aws:``, within ``TAGS_PER_RESOURCE``."""
        self.check(arn, tags)
        self.add(arn, tags)

    def check(self, arn: str, tags: dict[str, str] | None) -> None:
        """What ``tag`` refuses, changing nothing: for an operation that tags a resource it
        updates, checked before the update."""
        for key, value in (tags or {}).items():
            if key.startswith(RESERVED_PREFIX):
                raise ValidationError(f"Tag key {key!r}: the {RESERVED_PREFIX} prefix is reserved for AWS")
            if len(key) > MAX_KEY_LENGTH:
                raise ValidationError(f"Tag keys have at most {MAX_KEY_LENGTH} characters")
            if value is not None and len(value) > MAX_VALUE_LENGTH:
                raise ValidationError(f"Tag values have at most {MAX_VALUE_LENGTH} characters")
        if tags and len(self.get(arn).keys() | tags.keys()) > TAGS_PER_RESOURCE:
            raise ValidationError(f"A resource can have at most {TAGS_PER_RESOURCE} tags")

    def get(self, arn: str) -> dict[str, str]:
        """A copy of the resource's tags (read from the service's public ``tags`` table: its
        ``get_tag_dict_for_resource`` copies them twice on every describe)."""
        found = self.service.tags.get(arn)
        return dict(found) if found else {}  # type: ignore[arg-type]

    def remove(self, arn: str, keys: list[str]) -> None:
        self.service.untag_resource_using_names(arn, keys)
