"""Connect handlers: thin glue between parsed requests and the backend."""

from __future__ import annotations

import functools
from typing import Any

from moto.connect.responses import ConnectResponse as MotoConnectResponse

from ..core.arguments import keywords, page_args
from ..core.resources import iam_templates
from ..core.responses import PluginResponse, tag_handlers
from .handlers import all_handlers
from .models import ConnectBackend, connect_backends
from .testcases import TestCaseHandlers


class ConnectResponse(PluginResponse, TestCaseHandlers):
    SERVICE = "connect"
    VALIDATION_ERRORS = ("InvalidParameterException", "InvalidRequestException")
    INTERNAL_ERROR = "InternalServiceException"
    BACKENDS = connect_backends
    FALLBACK_CLASS = MotoConnectResponse
    backend: ConnectBackend
    ARN_SERVICE = "connect"

    @classmethod
    @functools.cache
    def iam_templates(cls) -> tuple[str, ...]:
        return ("{resourceArn}", *iam_templates("connect", "InstanceId"), "instance/{InstanceId}")

    # -- instances -----------------------------------------------------------
    def create_instance(self) -> dict[str, Any]:
        p = self.params
        return self.backend.create_instance(
            p["IdentityManagementType"],
            p["InboundCallsEnabled"],
            p["OutboundCallsEnabled"],
            caller=self.caller,
            **keywords(p, "InstanceAlias", "Tags", "DirectoryId", "ClientToken"),
        )

    def describe_instance(self) -> dict[str, Any]:
        return self.backend.describe(self.params["InstanceId"])

    def list_instances(self) -> dict[str, Any]:
        page, token = self.backend.list_instances(self.params.get("MaxResults"), self.params.get("NextToken"))
        return {"InstanceSummaryList": page, "NextToken": token}

    def delete_instance(self) -> None:
        self.backend.delete_instance(self.params["InstanceId"])

    def replicate_instance(self) -> dict[str, Any]:
        p = self.params
        replica = self.backend.replicate_instance(
            self.caller, p["InstanceId"], p["ReplicaRegion"], p.get("ReplicaAlias"), p.get("ClientToken")
        )
        return {"Id": replica.id, "Arn": replica.arn}

    # -- attributes ----------------------------------------------------------
    def describe_instance_attribute(self) -> dict[str, Any]:
        p = self.params
        return {"Attribute": self.backend.describe_instance_attribute(p["InstanceId"], p["AttributeType"])}

    def update_instance_attribute(self) -> None:
        p = self.params
        self.backend.update_instance_attribute(p["InstanceId"], p["AttributeType"], p["Value"])

    def list_instance_attributes(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.list_instance_attributes(p["InstanceId"], *page_args(p, 7))
        return {"Attributes": page, "NextToken": token}

    # -- storage configs -----------------------------------------------------
    def associate_instance_storage_config(self) -> dict[str, Any]:
        p = self.params
        storage = self.backend.associate_storage(p["InstanceId"], p["ResourceType"], p["StorageConfig"])
        return {"AssociationId": storage.association_id}

    def describe_instance_storage_config(self) -> dict[str, Any]:
        p = self.params
        storage = self.backend.storage(p["InstanceId"], p["AssociationId"], p["ResourceType"])
        return {"StorageConfig": storage.describe()}

    def update_instance_storage_config(self) -> None:
        p = self.params
        self.backend.update_storage(p["InstanceId"], p["AssociationId"], p["ResourceType"], p["StorageConfig"])

    def disassociate_instance_storage_config(self) -> None:
        p = self.params
        self.backend.disassociate_storage(p["InstanceId"], p["AssociationId"], p["ResourceType"])

    def list_instance_storage_configs(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.list_storage(p["InstanceId"], p["ResourceType"], *page_args(p, 10))
        return {"StorageConfigs": [s.describe() for s in page], "NextToken": token}


# every resource family's handlers (connect/handlers/)
ConnectResponse.install(all_handlers())
ConnectResponse.install(tag_handlers("resourceArn"))
