"""Object types: profile object types (fields and keys), AWS's templates, detection from sample
objects, and domain object types.

A profile object type (``domains/<domain>/object-types/<name>``, named by its name) tells the
service how to ingest objects of that type: ``Fields`` read values from the object (``Source``
is a ``_source.<path>`` accessor or a ``{{_source.<path>}}`` Handlebars template) and may write
them into the standard profile (``Target`` ``_profile.<attribute>``); ``Keys`` index fields and
say how objects are matched to profiles (``StandardIdentifiers``).  A type either names a
template (``TemplateId``: its fields, keys, ``AllowProfileCreation`` and timestamp format come
from the template and may not be given) or defines one to ten keys, exactly one of them
``UNIQUE``, whose fields are fields of the type.

A domain object type (``domains/<domain>/domain-object-types/<name>``) has fields only, and
needs the domain's data store to be enabled to be created.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ..core.arns import parse_arn
from ..core.caller import Caller
from ..core.moto_compat import kms_key
from ..core.resources import Quota, Resource
from .declarations import STAMPS, declare
from .exceptions import BadRequestException, ResourceNotFoundException
from .models import CustomerProfilesBackend
from .profiles import ADDRESS_FIELDS, ADDRESS_MEMBERS, STRING_MEMBERS

#: the standard profile's members that hold one string
PROFILE_TARGETS = STRING_MEMBERS
ADDRESS_TARGETS = ADDRESS_MEMBERS
#: the standard objects other than the profile a field may target (kept, not populated here)
OTHER_STANDARD_OBJECTS = ("_asset", "_case", "_order")
#: identifiers that tie an object to a standard object
LINKING_IDENTIFIERS = frozenset({"PROFILE", "ASSET", "CASE", "ORDER"})
#: object types per domain (Customer Profiles quotas)
OBJECT_TYPES_PER_DOMAIN = 100
DOMAIN_OBJECT_TYPES_PER_DOMAIN = 100
#: keys per object type (Customer Profiles quotas)
KEYS_PER_OBJECT_TYPE = 10

_ACCESSOR = re.compile(r"^_source(\.[A-Za-z0-9_$@-]+)+$")
_HANDLEBARS = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")


def _max_available(object_type: Resource) -> int | None:
    """How many more objects of this type the fullest profile can take before its oldest goes."""
    limit = object_type.attrs.get("MaxProfileObjectCount")
    if limit is None:
        return None
    domain = object_type.parent
    counts: dict[str, int] = {}
    for obj in domain.children("profile-object").values():
        if obj.attrs["ObjectTypeName"] == object_type.id:
            counts[obj.attrs["ProfileId"]] = counts.get(obj.attrs["ProfileId"], 0) + 1
    return max(0, int(limit) - max(counts.values(), default=0))


def _expiration_days(object_type: Resource) -> int | None:
    """The type's own ``ExpirationDays``, else its domain's ``DefaultExpirationDays`` now (data
    expiration: "If no Expiration is defined on the object type, the Customer Profiles domain
    expiration date will be used")."""
    own = object_type.attrs.get("ExpirationDays")
    domain = object_type.parent
    assert isinstance(domain, Resource)
    return own if own is not None else domain.attrs.get("DefaultExpirationDays")


OBJECT_TYPE = declare(
    "object-type",
    "Object type",
    "domains/{root}/object-types/{id}",
    "ObjectTypeName",
    computed={
        **STAMPS,
        "MaxAvailableProfileObjectCount": _max_available,
        "ExpirationDays": _expiration_days,
    },
    tags_always=True,
    not_found_error=lambda ident, _p: ResourceNotFoundException(f"Object type {ident} does not exist in the domain"),
    quota=Quota(
        lambda: OBJECT_TYPES_PER_DOMAIN, "BadRequestException", "A domain can have at most {limit} object types"
    ),
)

DOMAIN_OBJECT_TYPE = declare(
    "domain-object-type",
    "Domain object type",
    "domains/{root}/domain-object-types/{id}",
    "ObjectTypeName",
    computed=STAMPS,
    tags_always=True,
    quota=Quota(
        lambda: DOMAIN_OBJECT_TYPES_PER_DOMAIN,
        "BadRequestException",
        "A domain can have at most {limit} domain object types",
    ),
)


# -- templates ---------------------------------------------------------------------------
def _f(source: str, target: str | None = None, content: str | None = None) -> dict[str, str]:
    field = {"Source": f"_source.{source}"}
    if target:
        field["Target"] = f"_profile.{target}"
    if content:
        field["ContentType"] = content
    return field


def _key(fields: Iterable[str], *identifiers: str) -> list[dict[str, Any]]:
    key: dict[str, Any] = {"FieldNames": list(fields)}
    if identifiers:
        key["StandardIdentifiers"] = list(identifiers)
    return [key]


def _address(prefix: str, target: str, parts: dict[str, str]) -> dict[str, dict[str, str]]:
    """Fields for the members of one address: ``{fieldName: field}``."""
    return {f"{target[0].lower()}{target[1:]}{m}": _f(f"{prefix}{s}", f"{target}.{m}") for m, s in parts.items()}


#: an address's members read from <prefix>Street, <prefix>City, ... (Salesforce's compound
#: address fields, which Marketo's billing address follows too)
_STREET_CITY_STATE = {
    "Address1": "Street",
    "City": "City",
    "State": "State",
    "Country": "Country",
    "PostalCode": "PostalCode",
}
_SF_ACCOUNT = {
    "Fields": {
        "sfdcAccountId": _f("Id", "Attributes.sfdcAccountId"),
        "name": _f("Name", "BusinessName", "NAME"),
        "phone": _f("Phone", "PhoneNumber", "PHONE_NUMBER"),
        **_address("Billing", "BillingAddress", _STREET_CITY_STATE),
        **_address("Shipping", "ShippingAddress", _STREET_CITY_STATE),
        "isPersonAccount": _f("IsPersonAccount", "PartyType"),
        "personMobilePhone": _f("PersonMobilePhone", "MobilePhoneNumber", "PHONE_NUMBER"),
        "personHomePhone": _f("PersonHomePhone", "HomePhoneNumber", "PHONE_NUMBER"),
        "personEmail": _f("PersonEmail", "PersonalEmailAddress", "EMAIL_ADDRESS"),
        **_address("PersonMailingAddress.", "MailingAddress", _STREET_CITY_STATE),
        "personBirthDate": _f("PersonBirthDate", "BirthDate"),
        **_address("PersonOther", "Address", _STREET_CITY_STATE),
        "firstName": _f("FirstName", "FirstName", "NAME"),
        "lastName": _f("LastName", "LastName", "NAME"),
        "middleName": _f("MiddleName", "MiddleName", "NAME"),
        "accountNumber": _f("AccountNumber", "AccountNumber"),
    },
    "Keys": {"_salesforceAccountId": _key(["sfdcAccountId"], "PROFILE", "UNIQUE")},
}
_SF_CONTACT = {
    "Fields": {
        "sfdcContactId": _f("Id", "Attributes.sfdcContactId"),
        "sfdcAccountId": _f("AccountId", "Attributes.sfdcAccountId"),
        "lastName": _f("LastName", "LastName", "NAME"),
        "firstName": _f("FirstName", "FirstName", "NAME"),
        "middleName": _f("MiddleName", "MiddleName", "NAME"),
        **_address("Other", "Address", _STREET_CITY_STATE),
        **_address("Mailing", "MailingAddress", _STREET_CITY_STATE),
        "phone": _f("Phone", "PhoneNumber", "PHONE_NUMBER"),
        "homePhone": _f("HomePhone", "HomePhoneNumber", "PHONE_NUMBER"),
        "mobilePhone": _f("MobilePhone", "MobilePhoneNumber", "PHONE_NUMBER"),
        "email": _f("Email", "EmailAddress", "EMAIL_ADDRESS"),
        "birthdate": _f("Birthdate", "BirthDate"),
    },
    "Keys": {
        "_salesforceContactId": _key(["sfdcContactId"], "PROFILE", "UNIQUE"),
        "_salesforceAccountId": _key(["sfdcAccountId"]),
    },
}
_MARKETO_LEADS = {
    "Fields": {
        "marketoLeadId": _f("id", "Attributes.MarketoLeadId"),
        "sfdcAccountId": _f("sfdcAccountId", "Attributes.sfdcAccountId"),
        "sfdcContactId": _f("sfdcContactId", "Attributes.sfdcContactId"),
        "firstName": _f("firstName", "FirstName", "NAME"),
        "lastName": _f("lastName", "LastName", "NAME"),
        "middleName": _f("middleName", "MiddleName", "NAME"),
        "email": _f("email", "EmailAddress", "EMAIL_ADDRESS"),
        "phone": _f("phone", "PhoneNumber", "PHONE_NUMBER"),
        "mobilePhone": _f("mobilePhone", "MobilePhoneNumber", "PHONE_NUMBER"),
        **_address("billing", "BillingAddress", _STREET_CITY_STATE),
        **_address(
            "",
            "Address",
            {"Address1": "address", "City": "city", "State": "state", "Country": "country", "PostalCode": "postalcode"},
        ),
        "gender": _f("gender", "Gender"),
        "dateOfBirth": _f("dateOfBirth", "BirthDate"),
    },
    "Keys": {
        "_marketoLeadId": _key(["marketoLeadId"], "PROFILE", "UNIQUE"),
        "_salesforceAccountId": _key(["sfdcAccountId"]),
        "_salesforceContactId": _key(["sfdcContactId"]),
    },
}
_ZENDESK_USERS = {
    "Fields": {
        "zendeskUserId": _f("id", "Attributes.ZendeskUserId"),
        "zendeskExternalId": _f("external_id", "Attributes.ZendeskExternalId"),
        "email": _f("email", "EmailAddress", "EMAIL_ADDRESS"),
        "phone": _f("phone", "PhoneNumber", "PHONE_NUMBER"),
    },
    "Keys": {
        "_zendeskUserId": _key(["zendeskUserId"], "PROFILE", "UNIQUE"),
        "_zendeskExternalId": _key(["zendeskExternalId"], "PROFILE"),
    },
}
_SERVICENOW_USER = {
    "Fields": {
        "serviceNowSystemId": _f("sys_id", "Attributes.ServiceNowSystemId"),
        "firstName": _f("first_name", "FirstName", "NAME"),
        "lastName": _f("last_name", "LastName", "NAME"),
        "middleName": _f("middle_name", "MiddleName", "NAME"),
        "gender": _f("gender", "Gender"),
        "email": _f("email", "EmailAddress", "EMAIL_ADDRESS"),
        "phone": _f("phone", "PhoneNumber", "PHONE_NUMBER"),
        "homePhone": _f("home_phone", "HomePhoneNumber", "PHONE_NUMBER"),
        "mobilePhone": _f("mobile_phone", "MobilePhoneNumber", "PHONE_NUMBER"),
        **_address(
            "",
            "Address",
            {"Address1": "street", "City": "city", "State": "state", "Country": "country", "PostalCode": "zip"},
        ),
    },
    "Keys": {"_serviceNowSystemId": _key(["serviceNowSystemId"], "PROFILE", "UNIQUE")},
}
_SEGMENT = "detail.event.detail."
_SEGMENT_IDENTIFY = {
    "Fields": {
        "segmentUserId": _f(f"{_SEGMENT}userId", "Attributes.SegmentUserId"),
        "companyName": _f(f"{_SEGMENT}traits.company.name", "BusinessName"),
        "firstName": _f(f"{_SEGMENT}traits.firstName", "FirstName", "NAME"),
        "lastName": _f(f"{_SEGMENT}traits.lastName", "LastName", "NAME"),
        "birthday": _f(f"{_SEGMENT}traits.birthday", "BirthDate"),
        "gender": _f(f"{_SEGMENT}traits.gender", "Gender"),
        "phone": _f(f"{_SEGMENT}traits.phone", "PhoneNumber", "PHONE_NUMBER"),
        "email": _f(f"{_SEGMENT}traits.email", "EmailAddress", "EMAIL_ADDRESS"),
        **_address(
            f"{_SEGMENT}traits.address.",
            "Address",
            {"Address1": "street", "City": "city", "State": "state", "Country": "country", "PostalCode": "postalCode"},
        ),
    },
    "Keys": {"_segmentUserId": _key(["segmentUserId"], "PROFILE", "UNIQUE")},
}
_SHOPIFY = "detail.event.detail.payload."
_SHOPIFY_CUSTOMER = {
    "Fields": {
        "shopifyCustomerId": _f(f"{_SHOPIFY}id", "Attributes.ShopifyCustomerId"),
        "email": _f(f"{_SHOPIFY}email", "EmailAddress", "EMAIL_ADDRESS"),
        "firstName": _f(f"{_SHOPIFY}first_name", "FirstName", "NAME"),
        "lastName": _f(f"{_SHOPIFY}last_name", "LastName", "NAME"),
        "note": _f(f"{_SHOPIFY}note", "AdditionalInformation"),
        "phone": _f(f"{_SHOPIFY}phone", "PhoneNumber", "PHONE_NUMBER"),
        **_address(
            f"{_SHOPIFY}default_address.",
            "Address",
            {
                "Address1": "address1",
                "Address2": "address2",
                "City": "city",
                "Province": "province",
                "Country": "country",
                "PostalCode": "zip",
            },
        ),
    },
    "Keys": {"_shopifyCustomerId": _key(["shopifyCustomerId"], "PROFILE", "UNIQUE")},
}
_CTR_FIELDS = {
    "contactId": _f("ContactId"),
    "phone": _f("CustomerEndpoint.Address", None, "PHONE_NUMBER"),
    "channel": _f("Channel"),
    "initiationTimestamp": _f("InitiationTimestamp"),
}


def _ctr(phone_key: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {"Fields": _CTR_FIELDS, "Keys": {"_ctrContactId": _key(["contactId"], "PROFILE", "UNIQUE"), **phone_key}}


#: template id -> (SourceName, SourceObject, AllowProfileCreation, definition)
TEMPLATES: dict[str, tuple[str, str, bool, dict[str, Any]]] = {
    "Salesforce-Account": ("Salesforce", "Account", True, _SF_ACCOUNT),
    "Salesforce-Contact": ("Salesforce", "Contact", True, _SF_CONTACT),
    "Marketo-leads": ("Marketo", "leads", True, _MARKETO_LEADS),
    "Zendesk-users": ("Zendesk", "users", True, _ZENDESK_USERS),
    "Servicenow-sys_user": ("Servicenow", "sys_user", True, _SERVICENOW_USER),
    "Segment-Identify": ("Segment", "Identify", True, _SEGMENT_IDENTIFY),
    "Shopify-Customer": ("Shopify", "Customer", True, _SHOPIFY_CUSTOMER),
    # contact records: inferred profiles only (a new profile per caller, its phone a NEW_ONLY key)
    "CTR": ("Connect", "CTR", True, _ctr({"_ctrPhone": _key(["phone"], "PROFILE", "SECONDARY", "NEW_ONLY")})),
    # inferred profiles and auto-association by the standard _phone key
    "CTR-NoInferred": ("Connect", "CTR", True, _ctr({"_phone": _key(["phone"], "PROFILE", "SECONDARY")})),
    # auto-association only: no profile is created
    "CTR-AutoAssociateOnly": ("Connect", "CTR", False, _ctr({"_phone": _key(["phone"], "PROFILE", "SECONDARY")})),
}


def template(template_id: str) -> dict[str, Any]:
    """A template in GetProfileObjectTypeTemplate's shape, or ResourceNotFoundException."""
    found = TEMPLATES.get(template_id)
    if found is None:
        raise ResourceNotFoundException(f"Template {template_id} does not exist")
    source, obj, allow, definition = found
    return {
        "TemplateId": template_id,
        "SourceName": source,
        "SourceObject": obj,
        "AllowProfileCreation": allow,
        "Fields": json.loads(json.dumps(definition["Fields"])),
        "Keys": json.loads(json.dumps(definition["Keys"])),
    }


def template_items() -> list[dict[str, str]]:
    return [{"TemplateId": t, "SourceName": s, "SourceObject": o} for t, (s, o, _a, _d) in TEMPLATES.items()]


# -- validation ----------------------------------------------------------------------------
def check_source(name: str, source: str) -> None:
    if _ACCESSOR.match(source):
        return
    inner = _HANDLEBARS.findall(source)
    if inner and all(_ACCESSOR.match(part) for part in inner):
        return
    raise BadRequestException(
        f"Field {name}: Source {source!r} must be a _source accessor (_source.<field>) or a Handlebars "
        "template of them ({{_source.<field>}})"
    )


def check_target(name: str, target: str) -> None:
    head, _, rest = target.partition(".")
    if head in OTHER_STANDARD_OBJECTS and rest:
        return
    parts = rest.split(".")
    ok = head == "_profile" and (
        (len(parts) == 1 and parts[0] in PROFILE_TARGETS)
        or (len(parts) == 2 and parts[0] in ADDRESS_TARGETS and parts[1] in ADDRESS_FIELDS)
        or (len(parts) >= 2 and parts[0] == "Attributes" and all(parts[1:]))
    )
    if not ok:
        raise BadRequestException(
            f"Field {name}: Target {target!r} is not a member of the standard profile (_profile.<member>, "
            "_profile.<address>.<member> or _profile.Attributes.<name>)"
        )


def check_definition(fields: dict[str, Any], keys: dict[str, Any]) -> None:
    """The documented requirements of a type's fields and keys."""
    for name, field in fields.items():
        if not field.get("Source"):
            raise BadRequestException(f"Field {name} must have a Source")
        check_source(name, field["Source"])
        if field.get("Target"):
            check_target(name, field["Target"])
    if not keys:
        raise BadRequestException("An object type must define at least one key")
    if len(keys) > KEYS_PER_OBJECT_TYPE:
        raise BadRequestException(
            f"An object type can have at most {KEYS_PER_OBJECT_TYPE} keys; this one has {len(keys)}"
        )
    unique = 0
    for key_name, entries in keys.items():
        if not entries:
            raise BadRequestException(f"Key {key_name} must have at least one definition")
        for entry in entries:
            names = entry.get("FieldNames") or []
            if not names:
                raise BadRequestException(f"Key {key_name} must name at least one field")
            missing = [n for n in names if n not in fields]
            if missing:
                raise BadRequestException(f"Key {key_name} names fields the object type does not define: {missing}")
            identifiers = entry.get("StandardIdentifiers") or []
            unique += identifiers.count("UNIQUE")
            if "UNIQUE" in identifiers and "LOOKUP_ONLY" in identifiers:
                raise BadRequestException(f"Key {key_name} cannot be both UNIQUE and LOOKUP_ONLY")
            if "SECONDARY" in identifiers and "PROFILE" not in identifiers:
                raise BadRequestException(f"Key {key_name}: SECONDARY applies to PROFILE keys only")
    if unique != 1:
        raise BadRequestException(f"An object type must have exactly one UNIQUE key; this one has {unique}")


def check_kms(caller: Caller, member: str, key: str | None) -> None:
    if not key:
        return
    parsed = parse_arn(key)
    key_id = parsed["resource"].split("/", 1)[-1] if parsed else key
    account, region = (parsed["account"], parsed["region"]) if parsed else (caller.account_id, caller.region)
    if kms_key(account, region, key_id) is None:
        raise BadRequestException(f"{member} {key} is not a KMS key that exists")


# -- profile object types ---------------------------------------------------------------
_TEMPLATE_OWNED = ("AllowProfileCreation", "SourceLastUpdatedTimestampFormat", "Fields", "Keys")
_SETTINGS = (
    "Description",
    "TemplateId",
    "ExpirationDays",
    "EncryptionKey",
    "AllowProfileCreation",
    "SourceLastUpdatedTimestampFormat",
    "MaxProfileObjectCount",
    "SourcePriority",
    "Fields",
    "Keys",
)


def find_type(backend: CustomerProfilesBackend, domain: Resource, name: str) -> Resource | None:
    return backend.resources.find(OBJECT_TYPE, domain, name)


def put_object_type(
    backend: CustomerProfilesBackend, caller: Caller, domain: Resource, name: str, params: dict[str, Any]
) -> Resource:
    """Create or replace a profile object type (PutProfileObjectType)."""
    attrs = {k: params[k] for k in _SETTINGS if params.get(k) is not None}
    if name.startswith("_"):
        raise BadRequestException(f"ObjectTypeName {name}: names starting with '_' are reserved for standard objects")
    template_id = attrs.get("TemplateId")
    if template_id:
        given = [k for k in _TEMPLATE_OWNED if k in attrs]
        if given:
            raise BadRequestException(f"{', '.join(given)} cannot be given with TemplateId: the template defines them")
        found = template(template_id) if template_id in TEMPLATES else None
        if found is None:
            raise BadRequestException(f"TemplateId {template_id} is not a template")
        attrs.update({k: found[k] for k in ("AllowProfileCreation", "Fields", "Keys")})
    else:
        check_definition(attrs.get("Fields") or {}, attrs.get("Keys") or {})
        attrs.setdefault("AllowProfileCreation", False)
    check_kms(caller, "EncryptionKey", attrs.get("EncryptionKey"))
    existing = find_type(backend, domain, name)
    if existing is None:
        return backend.resources.create(OBJECT_TYPE, domain, attrs, caller, params.get("Tags"), resource_id=name)
    backend.tags.check(existing.arn, params.get("Tags"))
    changes: dict[str, Any] = {k: attrs.get(k) for k in _SETTINGS}
    backend.resources.update(existing, changes, caller)
    if params.get("Tags"):
        backend.tags.add(existing.arn, params["Tags"])
    return existing


def implicit_type(backend: CustomerProfilesBackend, caller: Caller, domain: Resource, name: str) -> Resource:
    """The type an object names: one of the domain's, or the template of that name (an implicit
    object type, defined from the template on first use)."""
    found = find_type(backend, domain, name)
    if found is not None:
        return found
    if name in TEMPLATES:
        return put_object_type(
            backend,
            caller,
            domain,
            name,
            {"Description": f"Implicit object type from template {name}", "TemplateId": name},
        )
    raise OBJECT_TYPE.not_found(name)


# -- detection -----------------------------------------------------------------------------
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{6,}$")
_ISO = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z$"), "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"), "yyyy-MM-dd'T'HH:mm:ss'Z'"),
    (re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"), "yyyy-MM-dd'T'HH:mm:ssXXX"),
    (re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"), "yyyy-MM-dd HH:mm:ss"),
)
#: leaf names (lower case, without separators) -> the standard profile member they populate
_NAME_TARGETS = {
    "firstname": "FirstName",
    "givenname": "FirstName",
    "lastname": "LastName",
    "surname": "LastName",
    "familyname": "LastName",
    "middlename": "MiddleName",
    "email": "EmailAddress",
    "emailaddress": "EmailAddress",
    "phone": "PhoneNumber",
    "phonenumber": "PhoneNumber",
    "mobile": "MobilePhoneNumber",
    "mobilephone": "MobilePhoneNumber",
    "homephone": "HomePhoneNumber",
    "birthdate": "BirthDate",
    "dateofbirth": "BirthDate",
    "birthday": "BirthDate",
    "gender": "Gender",
    "accountnumber": "AccountNumber",
    "company": "BusinessName",
    "companyname": "BusinessName",
    "businessname": "BusinessName",
}
_UPDATED = ("updatedat", "lastupdated", "lastupdatedat", "lastmodified", "lastmodifieddate", "updated", "timestamp")


def _leaves(value: Any, path: str = "") -> Iterable[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, f"{path}.{key}" if path else str(key))
    elif not isinstance(value, list) and value is not None:
        yield path, value


def parse_object(text: str, what: str = "Object") -> dict[str, Any]:
    try:
        parsed = json.loads(text)
    except ValueError:
        raise BadRequestException(f"{what} is not valid JSON") from None
    if not isinstance(parsed, dict):
        raise BadRequestException(f"{what} must be a JSON object")
    return parsed


def _field_name(path: str) -> str:
    head, *rest = re.split(r"[^A-Za-z0-9]+", path)
    return (head[:1].lower() + head[1:] + "".join(p[:1].upper() + p[1:] for p in rest))[:64] or "field"


def _matches_template(objects: list[dict[str, Any]], fields: dict[str, Any], keys: dict[str, Any]) -> bool:
    """Every object carries the fields of the template's UNIQUE key."""
    unique = [
        n
        for entries in keys.values()
        for e in entries
        if "UNIQUE" in e.get("StandardIdentifiers", [])
        for n in e["FieldNames"]
    ]
    for obj in objects:
        leaves = dict(_leaves(obj))
        for name in unique:
            if fields[name]["Source"].removeprefix("_source.") not in leaves:
                return False
    return bool(unique)


def detect(objects_text: list[str]) -> dict[str, Any]:
    """One mapping detected from sample objects: a template whose UNIQUE key every sample
    carries (and which names the most of the samples' fields), else one generated from them."""
    objects = [parse_object(text, f"Objects[{i}]") for i, text in enumerate(objects_text)]
    paths: dict[str, list[Any]] = {}
    for obj in objects:
        for path, value in _leaves(obj):
            paths.setdefault(path, []).append(value)
    best: tuple[int, str] | None = None
    for template_id, (_s, _o, _a, definition) in TEMPLATES.items():
        if template_id.startswith("CTR-"):
            continue  # the CTR variants share the CTR's fields: detection proposes the default
        if _matches_template(objects, definition["Fields"], definition["Keys"]):
            covered = sum(1 for f in definition["Fields"].values() if f["Source"].removeprefix("_source.") in paths)
            if best is None or covered > best[0]:
                best = (covered, template_id)
    if best is not None:
        found = template(best[1])
        return {"Fields": found["Fields"], "Keys": found["Keys"]}
    fields: dict[str, dict[str, str]] = {}
    keys: dict[str, list[dict[str, Any]]] = {}
    timestamp_format = None
    used: set[str] = set()
    unique_field = None
    for path, values in paths.items():
        name = _field_name(path)
        while name in fields:
            name = f"{name}_"
        field: dict[str, str] = {"Source": f"_source.{path}"}
        texts = [str(v) for v in values]
        leaf = re.sub(r"[^a-z0-9]", "", path.rsplit(".", 1)[-1].lower())
        if all(_EMAIL.match(t) for t in texts):
            field["ContentType"] = "EMAIL_ADDRESS"
        elif all(isinstance(v, str) and _PHONE.match(v) for v in values):
            field["ContentType"] = "PHONE_NUMBER"
        elif all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            field["ContentType"] = "NUMBER"
        else:
            field["ContentType"] = (
                "NAME" if _NAME_TARGETS.get(leaf, "").endswith("Name") and "." not in path else "STRING"
            )
        target = _NAME_TARGETS.get(leaf)
        if target and target not in used and "." not in path:
            field["Target"] = f"_profile.{target}"
            used.add(target)
        fields[name] = field
        if field["ContentType"] == "EMAIL_ADDRESS" and "_email" not in keys:
            keys["_email"] = _key([name], "PROFILE")
        elif field["ContentType"] == "PHONE_NUMBER" and "_phone" not in keys:
            keys["_phone"] = _key([name], "PROFILE")
        if unique_field is None and (leaf == "id" or leaf.endswith("id")) and len(set(texts)) == len(texts):
            unique_field = name
        if timestamp_format is None and leaf in _UPDATED and values and isinstance(values[0], str):
            timestamp_format = next((fmt for rx, fmt in _ISO if all(rx.match(t) for t in texts)), None)
    if unique_field is not None:
        keys[f"_{unique_field}"] = _key([unique_field], "UNIQUE")
    detected: dict[str, Any] = {"Fields": fields, "Keys": keys}
    if timestamp_format:
        detected["SourceLastUpdatedTimestampFormat"] = timestamp_format
    return detected


# -- domain object types -----------------------------------------------------------------
def put_domain_object_type(
    backend: CustomerProfilesBackend, caller: Caller, domain: Resource, name: str, params: dict[str, Any]
) -> Resource:
    fields: dict[str, Any] = params["Fields"]
    if not fields:
        raise BadRequestException("Fields must define at least one field")
    for field_name, field in fields.items():
        if not _ACCESSOR.match(field["Source"]):
            raise BadRequestException(f"Field {field_name}: Source {field['Source']!r} must be a _source accessor")
        if not re.match(r"^_?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$", field["Target"]):
            raise BadRequestException(f"Field {field_name}: Target {field['Target']!r} must be an accessor")
    check_kms(caller, "EncryptionKey", params.get("EncryptionKey"))
    attrs = {k: params[k] for k in ("Description", "EncryptionKey", "Fields") if params.get(k) is not None}
    existing = backend.resources.find(DOMAIN_OBJECT_TYPE, domain, name)
    if existing is None:
        if not (domain.attrs.get("DataStore") or {}).get("Enabled"):
            raise BadRequestException(
                f"Domain {domain.id} must have its data store enabled to create a domain object type"
            )
        return backend.resources.create(DOMAIN_OBJECT_TYPE, domain, attrs, caller, params.get("Tags"), resource_id=name)
    backend.tags.check(existing.arn, params.get("Tags"))
    backend.resources.update(existing, {k: attrs.get(k) for k in ("Description", "EncryptionKey", "Fields")}, caller)
    if params.get("Tags"):
        backend.tags.add(existing.arn, params["Tags"])
    return existing
