"""Customer Profiles handlers: every family's, discovered in ``handlers/``."""

from __future__ import annotations

from ..core.responses import PluginResponse, tag_handlers
from .handlers import all_handlers
from .models import CustomerProfilesBackend, customerprofiles_backends


class CustomerProfilesResponse(PluginResponse):
    SERVICE = "customer-profiles"
    VALIDATION_ERRORS = ("BadRequestException",)
    BACKENDS = customerprofiles_backends
    ARN_SERVICE = "profile"
    #: IAM resources, most specific first: the ARN a request names, then its domain
    IAM_RESOURCES = (
        "{resourceArn}",
        "domains/{DomainName}/object-types/{ObjectTypeName}",
        "domains/{DomainName}/calculated-attributes/{CalculatedAttributeName}",
        "domains/{DomainName}/segment-definitions/{SegmentDefinitionName}",
        "domains/{DomainName}/event-streams/{EventStreamName}",
        "domains/{DomainName}/event-triggers/{EventTriggerName}",
        "domains/{DomainName}/recommenders/{RecommenderName}",
        "domains/{DomainName}/layouts/{LayoutDefinitionName}",
        "domains/{DomainName}",
    )
    backend: CustomerProfilesBackend


CustomerProfilesResponse.install(all_handlers())
# TagResource keeps a resource within its 50 tags (``Tags.tag``; refused as BadRequestException)
CustomerProfilesResponse.install(tag_handlers("resourceArn"))
