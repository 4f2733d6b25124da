"""Outbound campaigns: one backend for v1 and v2.

The backend subclasses moto's ``ConnectCampaignServiceBackend`` so moto's own v1
campaign operations keep their store (``campaigns``) until the plugin serves
them; the plugin adds the per-instance state of onboarding (``instances``), which
the v1 and the v2 handlers both use.  Connect instances are looked up in the
plugin's Connect backend, in the backend's own account and Region.
"""

from __future__ import annotations

from typing import Any

from moto.connectcampaigns.models import ConnectCampaignServiceBackend as MotoCampaignsBackend
from moto.core.base_backend import BackendDict
from moto.utilities.utils import get_partition

from ..core.arns import parse_arn
from ..core.backend import PluginBackend, Routes
from ..core.pagination import Store
from ..core.responses import Caller
from .exceptions import ConflictException, InvalidStateException, ResourceNotFoundException, ValidationError
from .onboarding import (
    FAILED,
    INTEGRATION_ARN_SERVICE,
    INTEGRATION_KINDS,
    CampaignInstance,
    InstanceConfig,
    Integration,
    OnboardingJob,
    check_encryption_config,
)

RETAIN_ALL = "RETAIN_ALL"
DELETE_ALL = "DELETE_ALL"


class ConnectCampaignsBackend(PluginBackend, MotoCampaignsBackend):
    """moto's outbound campaigns backend, extended; one per account and Region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.instances: dict[str, CampaignInstance] = {}

    # -- lookups -------------------------------------------------------------
    def instance(self, instance_id: str, create: bool = False) -> CampaignInstance:
        """The campaign state of an existing Connect instance (settled), or 404.

        A read of an instance campaigns never saw gets an empty state that is not
        kept (``create`` keeps it): reads change nothing.
        """
        from ..connect.models import connect_backends

        try:
            connect = connect_backends[self.account_id][self.region_name]
        except KeyError:
            connect = None
        if connect is None or instance_id not in connect.instances:
            raise ResourceNotFoundException(f"Amazon Connect instance {instance_id} not found")
        state = self.instances.get(instance_id)
        if state is None:
            state = CampaignInstance(instance_id)
            if create:
                self.instances[instance_id] = state
        state.refresh()
        return state

    def onboarded(self, instance_id: str) -> CampaignInstance:
        """An instance that has an instance config (onboarded), or 404."""
        state = self.instance(instance_id)
        if state.config is None:
            raise ResourceNotFoundException(
                f"Amazon Connect instance {instance_id} is not onboarded to outbound campaigns"
            )
        return state

    # -- onboarding jobs -----------------------------------------------------
    def start_onboarding_job(self, caller: Any, instance_id: str, encryption_config: dict[str, Any]) -> OnboardingJob:
        wanted = check_encryption_config(encryption_config)
        state = self.instance(instance_id, create=True)
        job = state.job
        if job is not None:
            if job.running:
                raise ConflictException(f"An onboarding job is already in progress for instance {instance_id}")
            if job.status == FAILED:
                # AWS keeps answering with the failed job until it is deleted
                return job
            if job.encryption_config == wanted:
                return job
            raise ConflictException(
                f"Instance {instance_id} is already onboarded with a different encryption configuration; "
                "delete its onboarding job before onboarding it again"
            )
        return state.start(OnboardingJob(instance_id, wanted, caller))

    def onboarding_job(self, instance_id: str, poll: bool = False) -> OnboardingJob:
        state = self.instance(instance_id)
        job = state.job
        if job is None:
            raise ResourceNotFoundException(f"No onboarding job found for instance {instance_id}")
        if poll and job.running:
            job.advance()
            state.refresh()
        return job

    def delete_onboarding_job(self, instance_id: str) -> None:
        state = self.instance(instance_id)
        job = state.job
        if job is None:
            raise ResourceNotFoundException(f"No onboarding job found for instance {instance_id}")
        if job.running:
            raise InvalidStateException(
                f"The onboarding job of instance {instance_id} is in progress and cannot be deleted"
            )
        state.job = None

    # -- instance config -----------------------------------------------------
    def instance_config(self, instance_id: str) -> InstanceConfig:
        config = self.onboarded(instance_id).config
        assert config is not None
        return config

    def delete_instance_config(self, instance_id: str, campaign_deletion_policy: str | None = None) -> None:
        """Offboard an instance: its config, job, integrations and limits go.

        Campaigns of the instance are kept (``RETAIN_ALL``, the default and v1's
        behaviour) or deleted (``DELETE_ALL``).
        """
        state = self.instance(instance_id)
        if state.job_running:
            raise InvalidStateException(
                f"The onboarding job of instance {instance_id} is in progress; wait for it to finish"
            )
        if state.config is None:
            raise ResourceNotFoundException(
                f"Amazon Connect instance {instance_id} is not onboarded to outbound campaigns"
            )
        if (campaign_deletion_policy or RETAIN_ALL) == DELETE_ALL:
            self.delete_campaigns_of(instance_id)
        del self.instances[instance_id]

    # -- moto's own backend methods, answered from the plugin's state --------
    def start_instance_onboarding_job(
        self, connect_instance_id: str, encryption_config: dict[str, Any]
    ) -> dict[str, Any]:
        caller = Caller(self.account_id, self.region_name, get_partition(self.region_name))
        return self.start_onboarding_job(caller, connect_instance_id, encryption_config).summary()

    def get_connect_instance_config(self, connect_instance_id: str) -> dict[str, Any]:
        return self.instance_config(connect_instance_id).describe()

    # -- campaigns (moto's v1 store until the plugin serves campaigns) -------
    def campaign_ids_of(self, instance_id: str) -> list[str]:
        return [c.id for c in self.campaigns.values() if c.connect_instance_id == instance_id]

    def delete_campaigns_of(self, instance_id: str) -> None:
        for campaign_id in self.campaign_ids_of(instance_id):
            campaign = self.campaigns.pop(campaign_id)
            self.tagger.delete_all_tags_for_resource(campaign.arn)

    # -- v2: integrations ----------------------------------------------------
    def put_integration(self, instance_id: str, integration_config: dict[str, Any]) -> Integration:
        ((kind, config),) = integration_config.items()
        member, single = INTEGRATION_KINDS[kind]
        arn = config[member]
        parsed = parse_arn(arn)
        service = INTEGRATION_ARN_SERVICE[kind]
        if parsed is None or parsed["service"] != service:
            raise ValidationError(f"{member} {arn} is not an ARN of service {service}")
        state = self.onboarded(instance_id)
        key = Integration.key_of(kind, arn)
        existing = state.integrations.get(key)
        if single and existing is not None and existing.arn != arn:
            raise ConflictException(
                f"Instance {instance_id} already has a {kind} integration with {existing.arn}; delete it first"
            )
        return state.integrations.add(key, Integration(kind, config))

    def list_integrations(
        self, instance_id: str, next_token: str | None, max_results: int
    ) -> tuple[list[Integration], str | None]:
        return self.onboarded(instance_id).integrations.page(next_token, max_results)

    def delete_integration(self, instance_id: str, identifier: dict[str, Any]) -> None:
        ((kind, ident),) = identifier.items()
        member = INTEGRATION_KINDS[kind][0]
        arn = ident[member]
        integrations: Store[Integration] = self.onboarded(instance_id).integrations
        key = Integration.key_of(kind, arn)
        existing = integrations.get(key)
        if existing is None or existing.arn != arn:
            raise ResourceNotFoundException(f"Instance {instance_id} has no {kind} integration with {arn}")
        integrations.pop(key)

    # -- v2: communication limits --------------------------------------------
    def put_communication_limits(self, instance_id: str, config: dict[str, Any]) -> None:
        limits = (config.get("allChannelSubtypes") or {}).get("communicationLimitsList") or []
        frequencies = [(limit["frequency"], limit["unit"]) for limit in limits]
        if len(set(frequencies)) != len(frequencies):
            raise ValidationError("communicationLimitsList must not hold two limits with the same frequency and unit")
        self.onboarded(instance_id).communication_limits = config

    def communication_limits(self, instance_id: str) -> dict[str, Any]:
        return dict(self.onboarded(instance_id).communication_limits or {})


connectcampaigns_backends = BackendDict(ConnectCampaignsBackend, "connectcampaigns")


def _routes() -> Routes:
    from ..connectcampaignsv2.responses import ConnectCampaignsV2Response
    from ..core.responses import route_between
    from .responses import ConnectCampaignsResponse

    return Routes(
        [r"https?://connect-campaigns\.(.+)\.amazonaws\.com"],
        route_between(ConnectCampaignsV2Response, ConnectCampaignsResponse),
    )


ConnectCampaignsBackend.ROUTES = _routes()
