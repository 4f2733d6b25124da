"""Connect handlers: thin glue between parsed requests and the backend."""

from __future__ import annotations

from typing import Any

from moto.connect.responses import ConnectResponse as MotoConnectResponse

from ..core.pagination import limit_of
from ..core.responses import PluginResponse
from .models import ConnectBackend, connect_backends
from .testcases import TestCaseHandlers


class ConnectResponse(PluginResponse, TestCaseHandlers):
    SERVICE = "connect"
    VALIDATION_ERRORS = ("InvalidParameterException", "InvalidRequestException")
    INTERNAL_ERROR = "InternalServiceException"
    BACKENDS = connect_backends
    FALLBACK_CLASS = MotoConnectResponse
    backend: ConnectBackend

    # -- instances -----------------------------------------------------------
    def create_instance(self) -> dict[str, Any]:
        instance = self.backend.create_instance(self.caller, self.params)
        return {"Id": instance.id, "Arn": instance.arn}

    def describe_instance(self) -> dict[str, Any]:
        return self.backend.describe_instance(self.params["InstanceId"])

    def list_instances(self) -> dict[str, Any]:
        page, token = self.backend.list_instance_summaries(
            self.params.get("NextToken"), limit_of(self.params.get("MaxResults"), 10)
        )
        return {"InstanceSummaryList": page, "NextToken": token}

    def delete_instance(self) -> None:
        self.backend.delete_instance(self.params["InstanceId"])

    def replicate_instance(self) -> dict[str, Any]:
        replica = self.backend.replicate_instance(self.caller, self.params)
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
        page, token = self.backend.list_instance_attributes(
            p["InstanceId"], p.get("NextToken"), limit_of(p.get("MaxResults"), 7)
        )
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
        page, token = self.backend.list_storage(
            p["InstanceId"], p["ResourceType"], p.get("NextToken"), limit_of(p.get("MaxResults"), 10)
        )
        return {"StorageConfigs": [s.describe() for s in page], "NextToken": token}

    # -- integration associations and use cases ------------------------------
    def create_integration_association(self) -> dict[str, Any]:
        association = self.backend.create_integration_association(self.caller, self.params)
        return {"IntegrationAssociationId": association.id, "IntegrationAssociationArn": association.arn}

    def list_integration_associations(self) -> dict[str, Any]:
        p = self.params
        page, token = self.backend.list_integration_associations(
            p["InstanceId"],
            p.get("IntegrationType"),
            p.get("IntegrationArn"),
            p.get("NextToken"),
            limit_of(p.get("MaxResults"), 100),
        )
        return {"IntegrationAssociationSummaryList": [a.summary() for a in page], "NextToken": token}

    def delete_integration_association(self) -> None:
        p = self.params
        self.backend.delete_integration_association(p["InstanceId"], p["IntegrationAssociationId"])

    def create_use_case(self) -> dict[str, Any]:
        use_case = self.backend.create_use_case(self.caller, self.params)
        return {"UseCaseId": use_case.id, "UseCaseArn": use_case.arn}

    def list_use_cases(self) -> dict[str, Any]:
        p = self.params
        association = self.backend.association(p["InstanceId"], p["IntegrationAssociationId"])
        page, token = association.use_cases.page(p.get("NextToken"), limit_of(p.get("MaxResults"), 100))
        return {"UseCaseSummaryList": [u.summary() for u in page], "NextToken": token}

    def delete_use_case(self) -> None:
        p = self.params
        self.backend.delete_use_case(p["InstanceId"], p["IntegrationAssociationId"], p["UseCaseId"])

    # -- tags ----------------------------------------------------------------
    def tag_resource(self) -> None:
        self.backend.tags.add(self.backend.tagged(self.params["resourceArn"]), self.params["tags"])

    def untag_resource(self) -> None:
        self.backend.tags.remove(self.backend.tagged(self.params["resourceArn"]), self.params["tagKeys"])

    def list_tags_for_resource(self) -> dict[str, Any]:
        return {"tags": self.backend.tags.get(self.backend.tagged(self.params["resourceArn"]))}
