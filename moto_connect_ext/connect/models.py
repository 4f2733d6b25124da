"""Connect: instances and what hangs off them.

The backend subclasses moto's ``ConnectBackend`` and keeps instances in the same
``instances`` mapping moto's own operations (analytics data sets) read, so there
is one instance store for every Connect operation.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from moto.connect.models import ConnectBackend as MotoConnectBackend
from moto.core.base_backend import BackendDict

from ..core.arns import make_arn, parse_arn
from ..core.caller import Caller, caller_in
from ..core.clock import now
from ..core.idempotency import ClientTokens
from ..core.model import service_model
from ..core.moto_compat import ManagedState, ds_directory, register_transition
from ..core.pagination import Store, limit_of, page_list
from ..core.resources import Container, Resources
from ..core.tagging import Tags
from .exceptions import (
    InvalidParameterException,
    InvalidRequestException,
    ResourceConflictException,
    ResourceNotFoundException,
    ResourceNotReadyException,
)
from .testcases import TestCaseBackendMixin

INSTANCE_MODEL = "connect::instance"
REPLICATION_MODEL = "connect::instance-replication"
register_transition(INSTANCE_MODEL, "immediate")
register_transition(REPLICATION_MODEL, "immediate")

#: attribute values of a new instance (INBOUND_CALLS and OUTBOUND_CALLS follow the request)
DEFAULT_ATTRIBUTES = {
    "CONTACTFLOW_LOGS": "false",
    "CONTACT_LENS": "true",
    "AUTO_RESOLVE_BEST_VOICES": "true",
    "USE_CUSTOM_TTS_VOICES": "false",
    "EARLY_MEDIA": "true",
    "MULTI_PARTY_CONFERENCE": "false",
    "HIGH_VOLUME_OUTBOUND": "false",
    "ENHANCED_CONTACT_MONITORING": "false",
    "ENHANCED_CHAT_MONITORING": "false",
    "MULTI_PARTY_CHAT_CONFERENCE": "false",
    "MESSAGE_STREAMING": "false",
}

#: which storage types each resource type accepts
_S3_ONLY = ("S3",)
STORAGE_TYPES_FOR = {
    "MEDIA_STREAMS": ("KINESIS_VIDEO_STREAM",),
    "CONTACT_TRACE_RECORDS": ("KINESIS_STREAM", "KINESIS_FIREHOSE"),
    "AGENT_EVENTS": ("KINESIS_STREAM",),
    "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS": ("KINESIS_STREAM",),
    "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS": ("KINESIS_STREAM",),
    "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS": ("KINESIS_STREAM",),
}
CONFIG_MEMBER_FOR = {
    "S3": "S3Config",
    "KINESIS_VIDEO_STREAM": "KinesisVideoStreamConfig",
    "KINESIS_STREAM": "KinesisStreamConfig",
    "KINESIS_FIREHOSE": "KinesisFirehoseConfig",
}

#: Connect Global Resiliency: the Region a source instance's replica may be in (Administrator
#: Guide, Set up Global Resiliency); Osaka takes a replica of Tokyo, not the other way around
REPLICA_REGION_PAIRS = {
    "us-east-1": "us-west-2",
    "us-west-2": "us-east-1",
    "eu-central-1": "eu-west-2",
    "eu-west-2": "eu-central-1",
    "ap-northeast-1": "ap-northeast-3",
}


def attribute_types() -> list[str]:
    """Every instance attribute type the installed model knows."""
    return list(service_model("connect").shape_for("InstanceAttributeType").enum)


class Replication(ManagedState):
    """A replica Region's status, driven by moto's state manager."""

    def __init__(self, region: str) -> None:
        super().__init__(
            REPLICATION_MODEL,
            [("INSTANCE_REPLICATION_IN_PROGRESS", "INSTANCE_REPLICATION_COMPLETE")],
        )
        self.region = region


class StorageConfig:
    def __init__(self, association_id: str, resource_type: str, config: dict[str, Any]) -> None:
        self.association_id = association_id
        self.resource_type = resource_type
        self.config = config

    def describe(self) -> dict[str, Any]:
        return {**self.config, "AssociationId": self.association_id}


class Instance(ManagedState, Container):
    """A Connect instance; its status moves CREATION_IN_PROGRESS -> ACTIVE."""

    def __init__(
        self,
        caller: Caller,
        region: str,
        instance_id: str,
        identity_management_type: str,
        alias: str | None,
        directory_id: str | None,
        inbound: bool,
        outbound: bool,
    ) -> None:
        super().__init__(INSTANCE_MODEL, [("CREATION_IN_PROGRESS", "ACTIVE")])
        self.id = instance_id
        self.region = region
        self.arn = make_arn(caller, "connect", f"instance/{instance_id}", region=region)
        self.identity_management_type = identity_management_type
        self.alias = alias
        self.directory_id = directory_id
        self.created_time = now()
        self.service_role = (
            f"arn:{caller.partition}:iam::{caller.account_id}:role/aws-service-role/"
            "connect.amazonaws.com/AWSServiceRoleForAmazonConnect"
        )
        host = alias or instance_id
        self.access_url = f"https://{host}.my.connect.aws"
        self.attributes: dict[str, str] = {
            **DEFAULT_ATTRIBUTES,
            "INBOUND_CALLS": "true" if inbound else "false",
            "OUTBOUND_CALLS": "true" if outbound else "false",
        }
        self.storage_configs: Store[StorageConfig] = Store()
        self.source_region: str | None = None
        self.replications: dict[str, Replication] = {}
        self.hierarchy_structure: dict[str, Any] = {}

    @property
    def instance_status(self) -> str:
        return str(self.status)

    def summary(self) -> dict[str, Any]:
        return {
            "Id": self.id,
            "Arn": self.arn,
            "IdentityManagementType": self.identity_management_type,
            "InstanceAlias": self.alias,
            "CreatedTime": self.created_time,
            "ServiceRole": self.service_role,
            "InstanceStatus": self.instance_status,
            "InboundCallsEnabled": self.attributes["INBOUND_CALLS"] == "true",
            "OutboundCallsEnabled": self.attributes["OUTBOUND_CALLS"] == "true",
            "InstanceAccessUrl": self.access_url,
        }


def _hex_id() -> str:
    return hashlib.sha256(uuid.uuid4().bytes).hexdigest()


class ConnectBackend(TestCaseBackendMixin, MotoConnectBackend):
    """moto's Connect backend, extended; one per account and Region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.instances: Store[Instance] = Store()  # type: ignore[assignment]
        self.tags = Tags()
        self.tagger = self.tags.service  # moto's own code (and tagging API) reads `tagger`
        self.client_tokens = ClientTokens()
        self.resources = Resources(self.tags)
        self.chat_tokens: dict[str, Any] = {}  # chat.py: participant and connection tokens -> their grant
        from .phone_numbers import PhoneNumbers  # a backend is made on first use: keep import cheap

        self.phone_numbers = PhoneNumbers(self.instances)
        self._init_test_cases()

    # -- instances -----------------------------------------------------------
    def instance(self, instance_id: str) -> Instance:
        """An instance by its id or ARN, or ResourceNotFoundException."""
        key = instance_id
        if key.startswith("arn:"):
            parsed = parse_arn(key)
            key = parsed["resource"].split("/", 1)[-1] if parsed else key
        found = self.instances.get(key)
        if found is None:
            raise ResourceNotFoundException(f"Instance not found: {instance_id}")
        return found

    def _alias_taken(self, alias: str) -> bool:
        return any(i.alias and i.alias.lower() == alias.lower() for i in self.instances.values())

    def resource_root(self, params: dict[str, Any]) -> Instance:
        """What the resource layer's resources of a request live under: its instance."""
        return self.instance(params["InstanceId"])

    def create_instance(  # type: ignore[override]
        self,
        identity_management_type: str,
        inbound_calls_enabled: bool,
        outbound_calls_enabled: bool,
        instance_alias: str | None = None,
        tags: dict[str, str] | None = None,
        directory_id: str | None = None,
        client_token: str | None = None,
        caller: Caller | None = None,
    ) -> dict[str, str]:
        """moto's ``create_instance`` (same arguments and answer), with CreateInstance's rules."""
        caller = caller or self._own_caller()
        fingerprint = (
            identity_management_type,
            inbound_calls_enabled,
            outbound_calls_enabled,
            instance_alias,
            tags,
            directory_id,
        )
        instance, _ = self.client_tokens.once(
            "CreateInstance",
            client_token,
            fingerprint,
            lambda: self._new_instance(
                caller,
                identity_management_type,
                inbound_calls_enabled,
                outbound_calls_enabled,
                instance_alias,
                directory_id,
                tags,
            ),
            lambda: InvalidRequestException(
                f"The client token {client_token} was already used with different parameters"
            ),
        )
        return {"Id": instance.id, "Arn": instance.arn}

    def _own_caller(self) -> Caller:
        return caller_in(self.account_id, self.region_name)

    def _new_instance(
        self,
        caller: Caller,
        kind: str,
        inbound: bool,
        outbound: bool,
        alias: str | None,
        directory_id: str | None,
        tags: dict[str, str] | None,
    ) -> Instance:
        if kind == "EXISTING_DIRECTORY":
            if not directory_id:
                raise InvalidRequestException(
                    "DirectoryId is required when IdentityManagementType is EXISTING_DIRECTORY"
                )
            directory = self._directory(caller, directory_id)
            alias = alias or getattr(directory, "alias", None)
        else:
            if directory_id:
                raise InvalidRequestException(
                    f"DirectoryId can only be given when IdentityManagementType is EXISTING_DIRECTORY, not {kind}"
                )
            if not alias:
                raise InvalidRequestException(f"InstanceAlias is required when IdentityManagementType is {kind}")
        if alias and self._alias_taken(alias):
            raise InvalidRequestException(f"The alias {alias} is already in use in this account and Region")
        instance = Instance(caller, self.region_name, str(uuid.uuid4()), kind, alias, directory_id, inbound, outbound)
        self.instances.add(instance.id, instance)
        self.tags.track(instance.arn, tags)
        from . import defaults  # every family's declarations: imported with the first instance

        defaults.seed(self.resources, instance, caller)
        return instance

    def _directory(self, caller: Caller, directory_id: str) -> Any:
        directory = ds_directory(caller.account_id, self.region_name, directory_id)
        if directory is None:
            raise ResourceNotFoundException(f"Directory not found: {directory_id}")
        return directory

    def describe_instance(self, instance_id: str) -> dict[str, Any]:
        """moto's ``describe_instance``: the instance as moto's own model describes it."""
        out = self.describe(instance_id)["Instance"]
        out["CreatedTime"] = out["CreatedTime"].isoformat()
        return out  # type: ignore[no-any-return]

    def describe(self, instance_id: str) -> dict[str, Any]:
        """DescribeInstance's answer: the instance, its tags and its replication."""
        instance = self.instance(instance_id)
        # moto's "manual" progression counts the describes, each one before it reads the status
        instance.advance()
        for state in instance.replications.values():
            state.advance()
        out = instance.summary()
        if not out["InstanceAlias"]:
            del out["InstanceAlias"]
        tags = self.tags.get(instance.arn)
        if tags:
            out["Tags"] = tags
        replication = self._replication_configuration(instance)
        result: dict[str, Any] = {"Instance": out}
        if replication:
            result["ReplicationConfiguration"] = replication
        return result

    def _replication_configuration(self, instance: Instance) -> dict[str, Any] | None:
        if instance.source_region is None and not instance.replications:
            return None
        source = instance.source_region or instance.region
        return {
            "ReplicationStatusSummaryList": [
                {"Region": r.region, "ReplicationStatus": str(r.status)} for r in instance.replications.values()
            ],
            "SourceRegion": source,
            "GlobalSignInEndpoint": f"https://{instance.alias or instance.id}.global.my.connect.aws",
        }

    def list_instances(  # type: ignore[override]
        self, max_results: int | None = None, next_token: str | None = None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """moto's ``list_instances``: one page of instance summaries and the next token."""
        page, token = self.instances.page(next_token, limit_of(max_results, 10))
        return [i.summary() for i in page], token

    def delete_instance(self, instance_id: str) -> None:
        instance = self.instance(instance_id)
        self.resources.forget_tree(instance)
        self.tags.forget(instance.arn)
        self._drop_test_cases(instance.id)
        self.instances.pop(instance.id)
        self.analytics_data_associations.pop(instance.id, None)
        self.client_tokens.forget_results(lambda r: r is instance)
        if instance.source_region is not None:
            # a deleted replica no longer replicates its source (the two share the status map)
            instance.replications.pop(instance.region, None)

    # -- attributes ----------------------------------------------------------
    def describe_instance_attribute(self, instance_id: str, attribute_type: str) -> dict[str, str]:
        instance = self.instance(instance_id)
        return {"AttributeType": attribute_type, "Value": instance.attributes.get(attribute_type, "false")}

    def update_instance_attribute(self, instance_id: str, attribute_type: str, value: str) -> None:
        instance = self.instance(instance_id)
        if value.lower() not in ("true", "false"):
            raise InvalidRequestException(
                f"Invalid value {value!r} for attribute {attribute_type}: expected 'true' or 'false'"
            )
        instance.attributes[attribute_type] = value.lower()

    def list_instance_attributes(
        self, instance_id: str, next_token: str | None, max_results: int
    ) -> tuple[list[dict[str, str]], str | None]:
        instance = self.instance(instance_id)
        attributes = [{"AttributeType": t, "Value": instance.attributes.get(t, "false")} for t in attribute_types()]
        return page_list(attributes, next_token, max_results)

    # -- storage configs -----------------------------------------------------
    @staticmethod
    def _check_storage(resource_type: str, config: dict[str, Any]) -> None:
        storage_type = config["StorageType"]
        allowed = STORAGE_TYPES_FOR.get(resource_type, _S3_ONLY)
        if storage_type not in allowed:
            raise InvalidParameterException(
                f"StorageType {storage_type} is not valid for resource type {resource_type}; "
                f"expected one of {', '.join(allowed)}"
            )
        wanted = CONFIG_MEMBER_FOR[storage_type]
        if wanted not in config:
            raise InvalidParameterException(f"{wanted} is required when StorageType is {storage_type}")
        extra = sorted(set(CONFIG_MEMBER_FOR.values()) & set(config) - {wanted})
        if extra:
            raise InvalidParameterException(f"{', '.join(extra)} cannot be given when StorageType is {storage_type}")

    def associate_storage(self, instance_id: str, resource_type: str, config: dict[str, Any]) -> StorageConfig:
        instance = self.instance(instance_id)
        self._check_storage(resource_type, config)
        if any(s.resource_type == resource_type for s in instance.storage_configs.values()):
            raise ResourceConflictException(
                f"A storage configuration for resource type {resource_type} is already associated "
                f"with instance {instance.id}"
            )
        config = {k: v for k, v in config.items() if k != "AssociationId"}
        storage = StorageConfig(_hex_id(), resource_type, config)
        instance.storage_configs.add(storage.association_id, storage)
        return storage

    def storage(self, instance_id: str, association_id: str, resource_type: str) -> StorageConfig:
        instance = self.instance(instance_id)
        found = instance.storage_configs.get(association_id)
        if found is None or found.resource_type != resource_type:
            raise ResourceNotFoundException(
                f"Storage configuration {association_id} for resource type {resource_type} not found"
            )
        return found

    def update_storage(self, instance_id: str, association_id: str, resource_type: str, config: dict[str, Any]) -> None:
        storage = self.storage(instance_id, association_id, resource_type)
        self._check_storage(resource_type, config)
        storage.config = {k: v for k, v in config.items() if k != "AssociationId"}

    def disassociate_storage(self, instance_id: str, association_id: str, resource_type: str) -> None:
        self.storage(instance_id, association_id, resource_type)
        self.instance(instance_id).storage_configs.pop(association_id)

    def list_storage(
        self, instance_id: str, resource_type: str, next_token: str | None, max_results: int
    ) -> tuple[list[StorageConfig], str | None]:
        instance = self.instance(instance_id)
        return instance.storage_configs.page(next_token, max_results, lambda s: s.resource_type == resource_type)

    # -- replication ---------------------------------------------------------
    def replicate_instance(
        self,
        caller: Caller,
        instance_id: str,
        replica_region: str,
        replica_alias: str | None,
        client_token: str | None,
    ) -> Instance:
        replica, _ = self.client_tokens.once(
            "ReplicateInstance",
            client_token,
            (instance_id, replica_region, replica_alias),
            lambda: self._new_replica(caller, instance_id, replica_region, replica_alias),
            lambda: InvalidRequestException(
                f"The client token {client_token} was already used with different parameters"
            ),
        )
        return replica

    def _new_replica(self, caller: Caller, instance_id: str, target: str, alias: str | None) -> Instance:
        instance = self.instance(instance_id)
        # without a ReplicaAlias the replica keeps its source's alias
        alias = alias or instance.alias
        if instance.source_region is not None:
            raise InvalidRequestException(f"Instance {instance.id} is a replica and cannot be replicated")
        if instance.instance_status != "ACTIVE":
            raise ResourceNotReadyException(f"Instance {instance.id} is {instance.instance_status}, not ACTIVE")
        if instance.identity_management_type != "SAML":
            raise InvalidRequestException("Only instances that use SAML identity management can be replicated")
        if REPLICA_REGION_PAIRS.get(instance.region) != target:
            raise InvalidRequestException(
                f"Instance in {instance.region} cannot be replicated to {target}"
                + (
                    f"; its replica Region is {REPLICA_REGION_PAIRS[instance.region]}"
                    if instance.region in REPLICA_REGION_PAIRS
                    else ""
                )
            )
        if instance.replications:
            raise ResourceConflictException(f"Instance {instance.id} is already replicated to {target}")
        replica_backend: ConnectBackend = connect_backends[caller.account_id][target]
        if alias and (replica_backend._alias_taken(alias) or (self._alias_taken(alias) and alias != instance.alias)):
            raise ResourceConflictException(f"The alias {alias} is already in use")
        if instance.id in replica_backend.instances:
            raise ResourceConflictException(f"Instance {instance.id} already exists in {target}")
        replica = Instance(
            caller,
            target,
            instance.id,
            instance.identity_management_type,
            alias,
            instance.directory_id,
            instance.attributes["INBOUND_CALLS"] == "true",
            instance.attributes["OUTBOUND_CALLS"] == "true",
        )
        replica.attributes = dict(instance.attributes)
        replica.source_region = instance.region
        replica.replications = instance.replications
        instance.replications[target] = Replication(target)
        replica_backend.instances.add(replica.id, replica)
        replica_backend.tags.track(replica.arn, self.tags.get(instance.arn))
        from .traffic_distribution import ensure_default  # it imports this module

        ensure_default(instance)  # AWS makes a replicated instance's default traffic distribution group
        return replica

    # -- tags ----------------------------------------------------------------
    def tagged(self, arn: str) -> str:
        if not self.tags.knows(arn):
            raise ResourceNotFoundException(f"Resource not found: {arn}")
        return arn


#: Osaka is no Region of botocore's Connect endpoints, yet it holds Tokyo's replicas
connect_backends = BackendDict(ConnectBackend, "connect", additional_regions=["ap-northeast-3"])
