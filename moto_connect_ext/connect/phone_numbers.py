"""Phone numbers: a deterministic inventory, claims and imports, moves, releases, and their flows.

**The inventory.**  Every country of the model's ``PhoneNumberCountryCode`` has a
numbering plan here: its ITU calling code, the length of its national numbers, and,
per ``PhoneNumberType``, the national prefixes (ranges) its numbers start with.  The
ranges of different countries and types never overlap, so every number belongs to
exactly one country and type.  SearchAvailablePhoneNumbers offers, for a country,
a type and an optional prefix, a fixed window of numbers (``SEARCH_WINDOW``) drawn
from those ranges in a deterministic order: the same request gives the same numbers,
minus those that are not available.  UIFN numbers are ``+800`` numbers, one block
of them per country.

**Availability is account-wide.**  AWS's phone numbers are global: a number claimed
(or imported, or cooling down) in any Region of the account is not offered, and
cannot be claimed, in another.  A released number cools down for ``COOL_DOWN``
(ReleasePhoneNumber: "the phone number enters into a cooldown period for up to 180
days. It cannot be searched for or claimed again until the period has ended"); an
imported number goes back to AWS End User Messaging and can be imported again.

**Storage.**  A claimed number is a resource-layer resource of kind ``phone-number``
under its target instance (its ARN, ``phone-number/<id>``, names no instance): the
layer gives it its tags, renders it, and drops it with its instance.  Each backend
(account and Region) also keeps a ``PhoneNumbers`` index of its numbers by ID, in
claim order, by E.164 number and by imported source, plus the numbers cooling down;
DescribePhoneNumber and the other operations that name a number without an instance
find it there.  UpdatePhoneNumber moves the resource to another instance of the
Region.  The numbers of a deleted instance are released (and cool down) the next
time the index is read.

**Status.**  ClaimPhoneNumber, ImportPhoneNumber, UpdatePhoneNumber and
UpdatePhoneNumberMetadata put the number ``IN_PROGRESS``; moto's state manager moves
it to ``CLAIMED`` (model ``connect::phone-number``, immediate by default).  While a
number is ``IN_PROGRESS`` it cannot be updated or released (``ResourceInUseException``).

**Flows.**  A number's flow (AssociatePhoneNumberContactFlow) is a flow association
of type ``VOICE_PHONE_NUMBER`` in its instance (for a number claimed to a traffic
distribution group, the group's instance; see ``flow_associations``): listed
by ListFlowAssociations, and it keeps the flow from being deleted.  Moving or
releasing the number drops it ("the API switches only the phone number to a new
instance ... It doesn't migrate the flow configuration").
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.clock import now
from ..core.moto_compat import StatefulModel, lifecycle, register_transition
from ..core.pagination import Store
from ..core.resources import Container, ModeledError, Resource, Resources, ResourceType, child, id_of
from . import flow_associations as fa
from .exceptions import InvalidParameterException, ResourceNotFoundException

PHONE_NUMBER_MODEL = "connect::phone-number"
register_transition(PHONE_NUMBER_MODEL, "immediate")
IN_PROGRESS = "IN_PROGRESS"
CLAIMED = "CLAIMED"
#: ReleasePhoneNumber: "the phone number enters into a cooldown period for up to 180 days"
COOL_DOWN = dt.timedelta(days=180)
#: how many numbers one SearchAvailablePhoneNumbers query has in stock (before claims)
SEARCH_WINDOW = 100
#: the attribute holding a number's status workflow
WORKFLOW = "_workflow"

DID = "DID"
TOLL_FREE = "TOLL_FREE"
UIFN = "UIFN"
SHARED = "SHARED"
THIRD_PARTY_DID = "THIRD_PARTY_DID"
THIRD_PARTY_TF = "THIRD_PARTY_TF"
SHORT_CODE = "SHORT_CODE"
#: ListPhoneNumbers "doesn't support number types UIFN, SHARED, THIRD_PARTY_TF, and
#: THIRD_PARTY_DID ... it incorrectly lists them as TOLL_FREE or DID"
LEGACY_TYPES = {UIFN: TOLL_FREE, SHARED: DID, THIRD_PARTY_TF: TOLL_FREE, THIRD_PARTY_DID: DID}


#: a number's status: ``IN_PROGRESS`` while an operation runs, then ``CLAIMED``
Workflow = lifecycle(PHONE_NUMBER_MODEL, [(IN_PROGRESS, CLAIMED)])


def workflow(number: Resource) -> StatefulModel:
    found: StatefulModel = number.attrs[WORKFLOW]
    return found


def claimed_instance(number: Resource) -> Container:
    """The instance a number is claimed to, directly or through a traffic distribution group."""
    holder = number.parent
    while isinstance(holder, Resource):
        holder = holder.parent
    return holder


def status_of(number: Resource) -> str:
    return str(workflow(number).status)


def _legacy_arn(number: Resource) -> str:
    """ListPhoneNumbers' ARN, with the instance in its path (it "cannot be used to tag")."""
    head, _, tail = number.arn.rpartition(":")
    return f"{head}:instance/{number.root_id}/{tail}"


PHONE_NUMBER = ResourceType(
    kind="phone-number",
    arn_path="phone-number/{id}",
    arn_names=("PhoneNumberArn",),
    root_id_names=("InstanceId",),
    name_member=None,
    computed={
        "Arn": _legacy_arn,
        "TargetArn": lambda n: getattr(n.parent, "arn", None),
        "PhoneNumberStatus": lambda n: {"Status": status_of(n)},
    },
)


# -- numbering plans ---------------------------------------------------------------------
#: the ITU calling code of every country of the model's PhoneNumberCountryCode
CALLING_CODES: dict[str, str] = {
    "AF": "93", "AL": "355", "DZ": "213", "AS": "1", "AD": "376", "AO": "244", "AI": "1", "AQ": "672",
    "AG": "1", "AR": "54", "AM": "374", "AW": "297", "AU": "61", "AT": "43", "AZ": "994", "BS": "1",
    "BH": "973", "BD": "880", "BB": "1", "BY": "375", "BE": "32", "BZ": "501", "BJ": "229", "BM": "1",
    "BT": "975", "BO": "591", "BA": "387", "BW": "267", "BR": "55", "IO": "246", "VG": "1", "BN": "673",
    "BG": "359", "BF": "226", "BI": "257", "KH": "855", "CM": "237", "CA": "1", "CV": "238", "KY": "1",
    "CF": "236", "TD": "235", "CL": "56", "CN": "86", "CX": "61", "CC": "61", "CO": "57", "KM": "269",
    "CK": "682", "CR": "506", "HR": "385", "CU": "53", "CW": "599", "CY": "357", "CZ": "420", "CD": "243",
    "DK": "45", "DJ": "253", "DM": "1", "DO": "1", "TL": "670", "EC": "593", "EG": "20", "SV": "503",
    "GQ": "240", "ER": "291", "EE": "372", "ET": "251", "FK": "500", "FO": "298", "FJ": "679", "FI": "358",
    "FR": "33", "PF": "689", "GA": "241", "GM": "220", "GE": "995", "DE": "49", "GH": "233", "GI": "350",
    "GR": "30", "GL": "299", "GD": "1", "GU": "1", "GT": "502", "GG": "44", "GN": "224", "GW": "245",
    "GY": "592", "HT": "509", "HN": "504", "HK": "852", "HU": "36", "IS": "354", "IN": "91", "ID": "62",
    "IR": "98", "IQ": "964", "IE": "353", "IM": "44", "IL": "972", "IT": "39", "CI": "225", "JM": "1",
    "JP": "81", "JE": "44", "JO": "962", "KZ": "7", "KE": "254", "KI": "686", "KW": "965", "KG": "996",
    "LA": "856", "LV": "371", "LB": "961", "LS": "266", "LR": "231", "LY": "218", "LI": "423", "LT": "370",
    "LU": "352", "MO": "853", "MK": "389", "MG": "261", "MW": "265", "MY": "60", "MV": "960", "ML": "223",
    "MT": "356", "MH": "692", "MR": "222", "MU": "230", "YT": "262", "MX": "52", "FM": "691", "MD": "373",
    "MC": "377", "MN": "976", "ME": "382", "MS": "1", "MA": "212", "MZ": "258", "MM": "95", "NA": "264",
    "NR": "674", "NP": "977", "NL": "31", "AN": "599", "NC": "687", "NZ": "64", "NI": "505", "NE": "227",
    "NG": "234", "NU": "683", "KP": "850", "MP": "1", "NO": "47", "OM": "968", "PK": "92", "PW": "680",
    "PA": "507", "PG": "675", "PY": "595", "PE": "51", "PH": "63", "PN": "64", "PL": "48", "PT": "351",
    "PR": "1", "QA": "974", "CG": "242", "RE": "262", "RO": "40", "RU": "7", "RW": "250", "BL": "590",
    "SH": "290", "KN": "1", "LC": "1", "MF": "590", "PM": "508", "VC": "1", "WS": "685", "SM": "378",
    "ST": "239", "SA": "966", "SN": "221", "RS": "381", "SC": "248", "SL": "232", "SG": "65", "SX": "1",
    "SK": "421", "SI": "386", "SB": "677", "SO": "252", "ZA": "27", "KR": "82", "ES": "34", "LK": "94",
    "SD": "249", "SR": "597", "SJ": "47", "SZ": "268", "SE": "46", "CH": "41", "SY": "963", "TW": "886",
    "TJ": "992", "TZ": "255", "TH": "66", "TG": "228", "TK": "690", "TO": "676", "TT": "1", "TN": "216",
    "TR": "90", "TM": "993", "TC": "1", "TV": "688", "VI": "1", "UG": "256", "UA": "380", "AE": "971",
    "GB": "44", "US": "1", "UY": "598", "UZ": "998", "VU": "678", "VA": "39", "VE": "58", "VN": "84",
    "WF": "681", "EH": "212", "YE": "967", "ZM": "260", "ZW": "263",
}  # fmt: skip

#: the length of national (significant) numbers, where it is not ``DEFAULT_LENGTH``
LENGTHS: dict[str, int] = {
    "GB": 10, "GG": 10, "JE": 10, "IM": 10, "DE": 10, "IT": 10, "VA": 10, "JP": 10, "CN": 11, "IN": 10,
    "BR": 10, "MX": 10, "AR": 10, "CO": 10, "AT": 10, "KR": 10, "TR": 10, "EG": 10, "NG": 10, "PH": 10,
    "ID": 10, "RU": 10, "KZ": 10, "NO": 8, "SJ": 8, "DK": 8, "SG": 8, "HK": 8, "CW": 8, "AN": 8,
}  # fmt: skip
DEFAULT_LENGTH = 9
NANP = "1"
NANP_LENGTH = 10
SHORT_CODE_LENGTH = 5
UIFN_CODE = "800"
UIFN_LENGTH = 8

#: the area codes of the North American Numbering Plan's countries
NANP_AREAS: dict[str, tuple[str, ...]] = {
    "US": ("201", "202", "206", "212", "213", "214", "305", "312", "313", "404", "415", "503", "512",
           "602", "617", "702", "713", "718", "720", "919"),
    "CA": ("204", "236", "403", "416", "438", "506", "514", "604", "613", "647", "709", "902"),
    "AS": ("684",), "AI": ("264",), "AG": ("268",), "BS": ("242",), "BB": ("246",), "BM": ("441",),
    "VG": ("284",), "KY": ("345",), "DM": ("767",), "DO": ("809", "829", "849"), "GD": ("473",),
    "GU": ("671",), "JM": ("876", "658"), "MS": ("664",), "MP": ("670",), "PR": ("787", "939"),
    "KN": ("869",), "LC": ("758",), "VC": ("784",), "SX": ("721",), "TT": ("868",), "TC": ("649",),
    "VI": ("340",),
}  # fmt: skip
#: the North American toll-free codes (shared by the plan's countries; here the US's and Canada's)
NANP_TOLL_FREE = ("800", "833", "844", "855", "866", "877", "888")
#: the exchange digit (after the area code) that sets the type of a North American number
NANP_EXCHANGES = {DID: "2345", SHARED: "67", THIRD_PARTY_DID: "8"}
#: the exchange digit of the numbers ImportPhoneNumber brings in (never offered for claiming)
NANP_IMPORTED = "9"

#: the ranges of the countries that share a calling code with another (and of a few large
#: ones), so that every number belongs to one country and type
RANGES: dict[str, dict[str, tuple[str, ...]]] = {
    "GB": {DID: ("20", "121", "161"), SHARED: ("330",), THIRD_PARTY_DID: ("113", "117"),
           TOLL_FREE: ("800",), THIRD_PARTY_TF: ("808",)},
    "GG": {DID: ("1481",)}, "JE": {DID: ("1534",)}, "IM": {DID: ("1624",)},
    "RU": {DID: ("495", "812", "343"), SHARED: ("499",), THIRD_PARTY_DID: ("383",), TOLL_FREE: ("800",),
           THIRD_PARTY_TF: ("804",)},
    "KZ": {DID: ("727",), SHARED: ("717",), THIRD_PARTY_DID: ("721",)},
    "AU": {DID: ("2", "3"), SHARED: ("7",), THIRD_PARTY_DID: ("5",), TOLL_FREE: ("1800",),
           THIRD_PARTY_TF: ("1300",)},
    "CX": {DID: ("89164",)}, "CC": {DID: ("89162",)},
    "RE": {DID: ("262",)}, "YT": {DID: ("269",)},
    "MA": {DID: ("522", "537"), TOLL_FREE: ("800",)}, "EH": {DID: ("5288",)},
    "NO": {DID: ("2", "5", "6"), TOLL_FREE: ("800",)}, "SJ": {DID: ("790",)},
    "IT": {DID: ("02", "011", "055"), SHARED: ("041",), TOLL_FREE: ("800",), THIRD_PARTY_TF: ("803",)},
    "VA": {DID: ("06698",)},
    "BL": {DID: ("59027",)}, "MF": {DID: ("59087",)},
    "CW": {DID: ("9",)}, "AN": {DID: ("7",)},
    "NZ": {DID: ("3", "4", "9"), TOLL_FREE: ("800",), THIRD_PARTY_TF: ("508",)}, "PN": {DID: ("240",)},
}  # fmt: skip
#: the ranges of every other country (its calling code is its own)
GENERIC_RANGES: dict[str, tuple[str, ...]] = {
    DID: ("2", "3"),
    SHARED: ("4",),
    THIRD_PARTY_DID: ("5",),
    TOLL_FREE: ("800",),
    THIRD_PARTY_TF: ("808",),
}
#: short codes (five digits after the calling code), where they are offered
SHORT_CODES: dict[str, tuple[str, ...]] = {"US": ("2", "3", "4", "5", "6"), "CA": ("7", "8", "9"), "GB": ("6", "7")}


@dataclass(frozen=True)
class Block:
    """Numbers of one country and type: ``code`` + ``head`` + free digits, ``total`` digits in all."""

    country: str
    kind: str
    code: str
    head: str
    total: int

    @property
    def start(self) -> str:
        return self.code + self.head


@dataclass(frozen=True)
class Plan:
    """A country's numbering plan: its calling code and the blocks of each type."""

    country: str
    code: str
    blocks: Mapping[str, tuple[Block, ...]] = field(default_factory=dict)
    #: NANP countries: the area codes a prefix must fit
    areas: tuple[str, ...] = ()


def _nanp_ranges(country: str) -> dict[str, tuple[tuple[str, ...], int]]:
    areas = NANP_AREAS[country]
    out = {kind: (tuple(a + d for a in areas for d in digits), NANP_LENGTH) for kind, digits in NANP_EXCHANGES.items()}
    if country == "US":
        out[TOLL_FREE] = (tuple(t + d for t in NANP_TOLL_FREE for d in "2345"), NANP_LENGTH)
        out[THIRD_PARTY_TF] = (tuple(t + "6" for t in NANP_TOLL_FREE), NANP_LENGTH)
    elif country == "CA":
        out[TOLL_FREE] = (tuple(t + "7" for t in NANP_TOLL_FREE), NANP_LENGTH)
        out[THIRD_PARTY_TF] = (tuple(t + "8" for t in NANP_TOLL_FREE), NANP_LENGTH)
    return out


@functools.cache
def plan(country: str) -> Plan:
    code = CALLING_CODES[country]
    ranges: dict[str, tuple[tuple[str, ...], int]]
    if code == NANP:
        ranges = _nanp_ranges(country)
        areas = NANP_AREAS[country] + (NANP_TOLL_FREE if country in ("US", "CA") else ())
    else:
        length = LENGTHS.get(country, DEFAULT_LENGTH)
        ranges = {kind: (heads, length) for kind, heads in RANGES.get(country, GENERIC_RANGES).items()}
        areas = ()
    if country in SHORT_CODES:
        ranges[SHORT_CODE] = (SHORT_CODES[country], SHORT_CODE_LENGTH)
    uifn_block = f"{100 + sorted(CALLING_CODES).index(country):03d}"
    ranges[UIFN] = ((uifn_block,), UIFN_LENGTH)
    blocks = {
        kind: tuple(
            Block(
                country, kind, UIFN_CODE if kind == UIFN else code, head, len(UIFN_CODE if kind == UIFN else code) + n
            )
            for head in heads
        )
        for kind, (heads, n) in ranges.items()
    }
    return Plan(country, code, blocks, areas)


@functools.cache
def _index() -> dict[tuple[str, int], Block]:
    """Every block by (its first digits, the length of its numbers)."""
    out: dict[tuple[str, int], Block] = {}
    for country in CALLING_CODES:
        for blocks in plan(country).blocks.values():
            for block in blocks:
                out[(block.start, block.total)] = block
    return out


def block_of(number: str) -> Block | None:
    """The country and type an E.164 number belongs to, or None for a number of no plan."""
    digits = number.lstrip("+")
    index = _index()
    for end in range(1, len(digits) + 1):
        found = index.get((digits[:end], len(digits)))
        if found is not None:
            return found
    return None


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def prefix_digits(prefix: str | None) -> str:
    """A ``PhoneNumberPrefix`` without its ``+`` ("If provided, it must contain + as part of
    the country code"); InvalidParameterException without it."""
    if prefix is None:
        return ""
    if not prefix.startswith("+"):
        raise InvalidParameterException(
            f"PhoneNumberPrefix {prefix} must start with + followed by the country calling code"
        )
    return prefix[1:]


def check_prefix(country: str, kind: str, digits: str) -> None:
    """A prefix fits the country: its calling code (``+800`` for UIFN), and for the North
    American plan one of the country's area codes."""
    if not digits:
        return
    country_plan = plan(country)
    if kind == UIFN:
        starts: tuple[str, ...] = (UIFN_CODE,)
    elif country_plan.areas:
        starts = tuple(country_plan.code + a for a in country_plan.areas)
    else:
        starts = (country_plan.code,)
    if not any(_compatible(digits, s) for s in starts):
        raise InvalidParameterException(f"PhoneNumberPrefix +{digits} is not valid for country {country} ({kind})")


def _numbers_of(block: Block, digits: str) -> Iterator[str]:
    """The block's numbers that start with ``digits``, in a fixed order that looks unordered."""
    start = block.start
    if not _compatible(digits, start):
        return
    head = digits if len(digits) > len(start) else start
    free = block.total - len(head)
    if free < 0:
        return
    modulus = 10**free
    seed = int(hashlib.sha256(head.encode()).hexdigest(), 16) % modulus
    # 6700417 is prime: its remainder modulo a power of ten ends in 7, prime to the modulus, so the
    # walk visits every suffix once
    step = 6700417 % modulus if modulus > 1 else 1
    for k in range(min(modulus, SEARCH_WINDOW)):
        suffix = (seed + k * step) % modulus
        yield "+" + head + (f"{suffix:0{free}d}" if free else "")


@functools.lru_cache(maxsize=256)
def window(country: str, kind: str, digits: str) -> tuple[str, ...]:
    """The numbers one search has in stock: at most ``SEARCH_WINDOW``, drawn in turn from
    each of the type's blocks that fits the prefix."""
    walks = [_numbers_of(b, digits) for b in plan(country).blocks.get(kind, ())]
    out: list[str] = []
    while walks and len(out) < SEARCH_WINDOW:
        alive = []
        for walk in walks:
            number = next(walk, None)
            if number is not None:
                out.append(number)
                alive.append(walk)
                if len(out) == SEARCH_WINDOW:
                    break
        walks = alive
    return tuple(out)


def imported_number(source_arn: str, attempt: int = 0) -> str:
    """The E.164 number an End User Messaging phone number stands for: a US number of an
    exchange the inventory never offers, derived from its ARN."""
    digest = int(hashlib.sha256(f"{source_arn}#{attempt}".encode()).hexdigest(), 16)
    areas = NANP_AREAS["US"]
    area = areas[digest % len(areas)]
    return f"+1{area}{NANP_IMPORTED}{(digest // len(areas)) % 10**6:06d}"


# -- the store -------------------------------------------------------------------------------
#: an AWS End User Messaging SMS phone number's ARN
SMS_NUMBER_ARN = re.compile(r"^arn:(aws[a-z-]*):sms-voice:([a-z0-9-]+):(\d{12}):phone-number/([A-Za-z0-9_-]+)$")


class PhoneNumbers:
    """The phone numbers of one account and Region, by ID in claim order, by number and by
    imported source; and the numbers released here that are cooling down."""

    def __init__(self, instances: Store[Any]) -> None:
        self.instances = instances
        self.numbers: Store[Resource] = Store()
        self.by_number: dict[str, str] = {}
        self.by_source: dict[str, str] = {}
        #: E.164 number -> the end of its cool-down
        self.cooling: dict[str, dt.datetime] = {}

    def purge(self) -> list[Resource]:
        """Release the numbers of deleted instances; the numbers released."""
        gone = [
            n for n in self.numbers.values() if self.instances.get(claimed_instance(n).id) is not claimed_instance(n)
        ]
        for number in gone:
            self._forget(number)
        return gone

    def get(self, ident: str) -> Resource:
        """A number of this account and Region by its ID or ARN; ResourceNotFoundException otherwise."""
        found = self.numbers.get(id_of(ident))
        if found is None:
            raise ResourceNotFoundException(f"Phone number not found: {ident}")
        return found

    def unavailable(self, number: str) -> str | None:
        """Why this store keeps a number from being claimed, or None."""
        if number in self.by_number:
            return "is already claimed"
        until = self.cooling.get(number)
        if until is not None:
            if until > now():
                return "was released recently and is cooling down"
            del self.cooling[number]
        return None

    def _forget(self, number: Resource) -> None:
        self.numbers.pop(number.id)
        self.by_number.pop(number.attrs["PhoneNumber"], None)
        source = number.attrs.get("SourcePhoneNumberArn")
        if source is not None:
            self.by_source.pop(source, None)
        else:
            self.cooling[number.attrs["PhoneNumber"]] = now() + COOL_DOWN

    def add(self, number: Resource) -> None:
        self.numbers.add(number.id, number)
        self.by_number[number.attrs["PhoneNumber"]] = number.id
        source = number.attrs.get("SourcePhoneNumberArn")
        if source is not None:
            self.by_source[source] = number.id


def unavailable(stores: Iterable[PhoneNumbers], number: str) -> str | None:
    """Why a number cannot be claimed in this account (any Region), or None."""
    for store in stores:
        reason = store.unavailable(number)
        if reason is not None:
            return reason
    return None


def available_numbers(
    stores: Iterable[PhoneNumbers], country: str, kind: str, prefix: str | None
) -> list[tuple[int, str]]:
    """The search's stock that is still available: (position in the window, number)."""
    digits = prefix_digits(prefix)
    check_prefix(country, kind, digits)
    stores = list(stores)
    return [(i, n) for i, n in enumerate(window(country, kind, digits)) if unavailable(stores, n) is None]


def _new_number(
    resources: Resources,
    store: PhoneNumbers,
    instance: Container,
    attrs: dict[str, Any],
    caller: Caller,
    tags: Mapping[str, str] | None,
) -> Resource:
    attrs = {k: v for k, v in attrs.items() if v is not None}
    attrs[WORKFLOW] = Workflow()
    number = resources.create(PHONE_NUMBER, instance, attrs, caller, dict(tags) if tags else None)
    store.add(number)
    return number


def claim(
    resources: Resources,
    stores: list[PhoneNumbers],
    store: PhoneNumbers,
    instance: Container,
    phone_number: str,
    description: str | None,
    tags: Mapping[str, str] | None,
    caller: Caller,
) -> Resource:
    """ClaimPhoneNumber: a number of the inventory that no one in the account holds."""
    block = block_of(phone_number)
    if block is None:
        raise InvalidParameterException(f"Phone number {phone_number} is not available to claim")
    reason = unavailable(stores, phone_number)
    if reason is not None:
        raise InvalidParameterException(f"Phone number {phone_number} {reason}")
    attrs = {
        "PhoneNumber": phone_number,
        "PhoneNumberCountryCode": block.country,
        "PhoneNumberType": block.kind,
        "PhoneNumberDescription": description,
    }
    return _new_number(resources, store, instance, attrs, caller, tags)


def import_number(
    resources: Resources,
    stores: list[PhoneNumbers],
    store: PhoneNumbers,
    instance: Container,
    source_arn: str,
    description: str | None,
    tags: Mapping[str, str] | None,
    caller: Caller,
) -> Resource:
    """ImportPhoneNumber: an AWS End User Messaging SMS number of this account and Region."""
    match = SMS_NUMBER_ARN.match(source_arn)
    if match is None:
        raise InvalidParameterException(
            f"SourcePhoneNumberArn {source_arn} is not the ARN of an AWS End User Messaging phone number "
            "(arn:<partition>:sms-voice:<region>:<account>:phone-number/<id>)"
        )
    partition, region, account, _ = match.groups()
    if (partition, region, account) != (caller.partition, caller.region, caller.account_id):
        raise ResourceNotFoundException(f"Phone number not found in this account and Region: {source_arn}")
    if any(source_arn in s.by_source for s in stores):
        raise InvalidParameterException(f"Phone number {source_arn} is already imported")
    attempt = 0
    phone_number = imported_number(source_arn)
    while any(phone_number in s.by_number for s in stores):
        attempt += 1
        phone_number = imported_number(source_arn, attempt)
    attrs = {
        "PhoneNumber": phone_number,
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": DID,
        "PhoneNumberDescription": description,
        "SourcePhoneNumberArn": source_arn,
    }
    return _new_number(resources, store, instance, attrs, caller, tags)


def check_settled(number: Resource) -> None:
    """An operation still in progress on the number blocks another (ResourceInUseException)."""
    if status_of(number) == IN_PROGRESS:
        raise ModeledError(
            "ResourceInUseException",
            f"Phone number {number.id} has an operation in progress; call DescribePhoneNumber until it is CLAIMED",
            ResourceType="PHONE_NUMBER",
            ResourceId=number.arn,
        )


def update_metadata(resources: Resources, number: Resource, description: str, caller: Caller) -> None:
    check_settled(number)
    resources.update(number, {"PhoneNumberDescription": description}, caller)
    workflow(number).enter(IN_PROGRESS)


def move(resources: Resources, number: Resource, target: Container, caller: Caller) -> None:
    """UpdatePhoneNumber: the number now routes through ``target``; its flow stays behind."""
    check_settled(number)
    if target is not number.parent:
        drop_flow(resources, number)
        number.parent.children(PHONE_NUMBER.kind).pop(number.id)
        target.children(PHONE_NUMBER.kind).add(number.id, number)
        number.parent = target
    Resources.touch(number, caller)
    workflow(number).enter(IN_PROGRESS)


def release(resources: Resources, store: PhoneNumbers, number: Resource) -> None:
    """ReleasePhoneNumber: the number leaves the account (a claimed one cools down first)."""
    check_settled(number)
    drop_flow(resources, number)
    resources.delete(number)
    store._forget(number)


# -- flows -----------------------------------------------------------------------------------
def _voice_key(number: Resource) -> str:
    return fa.association_id(fa.VOICE_PHONE_NUMBER, number.arn)


def associate_flow(resources: Resources, number: Resource, flow_id: str, caller: Caller) -> None:
    """AssociatePhoneNumberContactFlow: inbound calls to the number run this flow of its
    instance (the instance of its traffic distribution group for a number claimed to one),
    which must be an inbound flow (type ``CONTACT_FLOW``)."""
    instance = claimed_instance(number)
    flow = fa.flow_in(instance, flow_id)
    if flow.attrs.get("Type") != fa.INBOUND_FLOW_TYPE:
        raise InvalidParameterException(
            f"Flow {flow.id} is of type {flow.attrs.get('Type')}: a phone number takes a flow of type "
            f"{fa.INBOUND_FLOW_TYPE}"
        )
    fa.associate(resources, instance, fa.VOICE_PHONE_NUMBER, number.arn, flow.id, caller)


def drop_flow(resources: Resources, number: Resource) -> bool:
    """Remove the number's flow association, if it has one."""
    found = resources.find(fa.FLOW_ASSOCIATION, claimed_instance(number), _voice_key(number))
    if found is None:
        return False
    resources.delete(found)
    return True


def flow_of_number(resources: Resources, instance: Container, phone_number_id: str) -> Resource | None:
    """The contact flow inbound calls to a number of ``instance`` run, or None (a number
    without a flow, or not claimed to the instance)."""
    number = child(instance, PHONE_NUMBER.kind, phone_number_id)
    if number is None:
        return None
    association = resources.find(fa.FLOW_ASSOCIATION, instance, _voice_key(number))
    if association is None:
        return None
    return instance.children("contact-flow").get(association.attrs["FlowId"])


def group_number(account_numbers: Callable[[str], PhoneNumbers | None], caller: Caller, arn: str) -> Resource | None:
    """A number claimed to a traffic distribution group, named by its full ARN from the group's
    other Region (DescribePhoneNumber: "if the number is claimed to a traffic distribution group
    and you are calling this API in the alternate Amazon Web Services Region ..., you must provide
    a full phone number ARN"); None for anything else.  ``account_numbers(region)`` is the
    caller's account's numbers in a Region (None for a Region without any)."""
    parsed = parse_arn(arn)
    if parsed is None or parsed["account"] != caller.account_id or parsed["region"] == caller.region:
        return None
    store = account_numbers(parsed["region"])
    number = store.numbers.get(id_of(arn)) if store is not None else None
    if number is None or number.arn != arn or not isinstance(number.parent, Resource):
        return None
    return number if caller.region in getattr(claimed_instance(number), "replications", {}) else None


def target_instance(
    instance_of: Callable[[str], Container],
    caller: Caller,
    target_arn: str | None,
    instance_id: str | None,
    both_regions: bool = False,
) -> Container:
    """The instance a request's ``TargetArn`` or ``InstanceId`` names ("You must enter
    InstanceId or TargetArn"); both must name the same one.  A traffic distribution group's
    ARN names that group (see ``traffic_distribution``), of the instance ``InstanceId`` names.
    ``both_regions``: an operation that takes a group's ARN in either Region of the group
    (SearchAvailablePhoneNumbers, ListPhoneNumbersV2: "you can call this API in both Amazon Web
    Services Regions associated with the traffic distribution group"), any status."""
    if target_arn is None and instance_id is None:
        raise InvalidParameterException("You must enter InstanceId or TargetArn")
    found: Container | None = None
    if target_arn is not None:
        parsed = parse_arn(target_arn)
        resource = parsed["resource"] if parsed else ""
        if (
            parsed is None
            or parsed["service"] != "connect"
            or not re.match(r"^(instance|traffic-distribution-group)/[^/]+$", resource)
        ):
            raise InvalidParameterException(
                f"TargetArn {target_arn} is not the ARN of an instance or a traffic distribution group"
            )
        group = resource.startswith("traffic-distribution-group/")
        if (parsed["partition"], parsed["account"]) != (caller.partition, caller.account_id) or (
            parsed["region"] != caller.region and not (group and both_regions)
        ):
            raise ResourceNotFoundException(f"Instance not found in this account and Region: {target_arn}")
        if group:
            # the family imports the backends
            from .traffic_distribution import claim_target, find

            found = find(caller, target_arn) if both_regions else claim_target(caller, target_arn)
        else:
            found = instance_of(resource.split("/", 1)[1])
    if instance_id is not None:
        by_id = instance_of(instance_id)
        # a group's instance in the group's other Region is the replica (the same ID)
        if found is not None and by_id.id != (found.parent if isinstance(found, Resource) else found).id:
            raise InvalidParameterException("TargetArn and InstanceId name different instances")
        if found is None:
            found = by_id
    assert found is not None
    return found
