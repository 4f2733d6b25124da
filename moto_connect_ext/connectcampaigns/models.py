"""Outbound campaigns: one backend for v1 and v2.

The backend subclasses moto's ``ConnectCampaignServiceBackend`` (moto's own
backend methods answer from the plugin's state) and holds everything outbound
campaigns knows in an account and Region: the per-instance state of onboarding
(``instances``) and the campaigns (``campaigns``), both seen through v1 and v2.
Connect instances are looked up in the plugin's Connect backend, in the
backend's own account and Region.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import unquote

from moto.connectcampaigns.models import ConnectCampaignServiceBackend as MotoCampaignsBackend
from moto.core.base_backend import BackendDict

from ..core.arns import parse_arn
from ..core.caller import Caller, caller_in
from ..core.moto_compat import tagged_resource
from ..core.pagination import Store, limit_of
from ..core.tagging import Tags
from . import rules
from .campaigns import (
    INITIALIZED,
    INVALID_INPUT,
    PROFILE_CONFLICT,
    PROFILE_NOT_FOUND,
    SETTINGS,
    V1,
    V2,
    Campaign,
    apply_v1_dialer,
    shown_state,
    telephony_from_v1,
)
from .exceptions import (
    ConflictException,
    InvalidStateException,
    ResourceNotFoundException,
    ServiceQuotaExceededException,
    ValidationError,
)
from .onboarding import (
    FAILED,
    INTEGRATION_ARN_KINDS,
    INTEGRATION_KINDS,
    CampaignInstance,
    InstanceConfig,
    Integration,
    OnboardingJob,
    check_encryption_config,
)

#: "Total campaigns per instance" (Administrator Guide, "Outbound campaigns quotas": "the maximum total
#: number of campaigns that an AWS account can configure per Connect instance"), v1 and v2 campaigns alike
CAMPAIGNS_PER_INSTANCE = 500

RETAIN_ALL = "RETAIN_ALL"
DELETE_ALL = "DELETE_ALL"

#: ``instanceIdFilter`` operators: the model's ``Eq``, and the others moto's ``list_campaigns`` takes
INSTANCE_ID_OPERATORS: dict[str, Callable[[str, str], bool]] = {
    "Eq": lambda instance_id, value: instance_id == value,
    "Ne": lambda instance_id, value: instance_id != value,
    "Contains": lambda instance_id, value: value in instance_id,
    "StartsWith": lambda instance_id, value: instance_id.startswith(value),
}


class ConnectCampaignsBackend(MotoCampaignsBackend):
    """moto's outbound campaigns backend, extended; one per account and Region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.instances: dict[str, CampaignInstance] = {}
        self.campaigns: Store[Campaign] = Store()  # type: ignore[assignment]
        self.tags = Tags()

    # -- lookups -------------------------------------------------------------
    def _own_caller(self) -> Caller:
        """The backend's account and Region, for moto's methods (which have no caller)."""
        return caller_in(self.account_id, self.region_name)

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
        return _onboarded(self.instance(instance_id))

    # -- onboarding jobs -----------------------------------------------------
    def start_onboarding_job(
        self, caller: Caller, instance_id: str, encryption_config: dict[str, Any]
    ) -> OnboardingJob:
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
        job = _job(state)
        if poll and job.running:
            job.advance()
            state.refresh()
        return job

    def delete_onboarding_job(self, instance_id: str) -> None:
        state = self.instance(instance_id)
        if _job(state).running:
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
        _onboarded(state)
        if (campaign_deletion_policy or RETAIN_ALL) == DELETE_ALL:
            self.delete_campaigns_of(instance_id)
        del self.instances[instance_id]

    # -- moto's own backend methods, answered from the plugin's state --------
    def start_instance_onboarding_job(
        self, connect_instance_id: str, encryption_config: dict[str, Any]
    ) -> dict[str, Any]:
        """moto's: the job's status, ``failureCode`` only when it failed (as moto answers)."""
        job = self.start_onboarding_job(self._own_caller(), connect_instance_id, encryption_config)
        return {k: v for k, v in job.summary().items() if v is not None}

    def get_connect_instance_config(self, connect_instance_id: str) -> dict[str, Any]:
        return self.instance_config(connect_instance_id).describe()

    # -- campaigns: lookups ------------------------------------------------------
    def campaign(self, campaign_id: str, version: str) -> Campaign:
        """A campaign this API version can see, or 404."""
        found = self.campaigns.get(campaign_id)
        if found is None or not found.visible_in(version):
            raise ResourceNotFoundException(f"Campaign {campaign_id} not found")
        return found

    def campaign_of_arn(self, arn: str, version: str) -> Campaign:
        """The campaign an ARN names (tagging), or 404."""
        if not self.tags.knows(arn):
            raise ResourceNotFoundException(f"Resource {arn} not found")
        parsed = parse_arn(arn)
        assert parsed is not None
        return self.campaign(parsed["resource"][len("campaign/") :], version)

    # -- campaigns: tags, by ARN -----------------------------------------------
    def campaign_tags(self, arn: str, version: str) -> dict[str, str]:
        return self.tags.get(self.campaign_of_arn(arn, version).arn)

    def tag_campaign(self, arn: str, tags: dict[str, str], version: str) -> None:
        self.tags.tag(self.campaign_of_arn(arn, version).arn, tags)

    def untag_campaign(self, arn: str, tag_keys: list[str], version: str) -> None:
        self.tags.remove(self.campaign_of_arn(arn, version).arn, tag_keys)

    # -- campaigns: of an instance ---------------------------------------------
    def campaign_ids_of(self, instance_id: str) -> list[str]:
        return [c.id for c in self.campaigns.values() if c.instance_id == instance_id]

    def delete_campaigns_of(self, instance_id: str) -> None:
        for campaign_id in self.campaign_ids_of(instance_id):
            campaign = self.campaigns.pop(campaign_id)
            assert campaign is not None
            self.tags.forget(campaign.arn)

    def _named(self, instance_id: str, name: str) -> Campaign | None:
        return next((c for c in self.campaigns.values() if c.instance_id == instance_id and c.name == name), None)

    # -- campaigns: creation -------------------------------------------------
    def create_campaign_v1(
        self,
        caller: Caller,
        name: str,
        connect_instance_id: str,
        dialer_config: dict[str, Any],
        outbound_call_config: dict[str, Any],
        tags: dict[str, str] | None = None,
    ) -> Campaign:
        """CreateCampaign (v1): the dialer and outbound call config become the telephony channel."""
        telephony = telephony_from_v1(dialer_config, outbound_call_config)
        rules.check_telephony(telephony, "outboundCallConfig")
        settings = {"channelSubtypeConfig": {"telephony": telephony}}
        members = {"dialer_config": dialer_config, "outbound_call_config": outbound_call_config}
        return self._create(caller, V1, name, connect_instance_id, settings, tags, members)

    def create_campaign_v2(
        self,
        caller: Caller,
        name: str,
        connect_instance_id: str,
        *,
        channel_subtype_config: dict[str, Any] | None = None,
        type: str | None = None,
        source: dict[str, Any] | None = None,
        connect_campaign_flow_arn: str | None = None,
        schedule: dict[str, Any] | None = None,
        entry_limits_config: dict[str, Any] | None = None,
        communication_time_config: dict[str, Any] | None = None,
        communication_limits_override: dict[str, Any] | None = None,
        tags: dict[str, str] | None = None,
    ) -> Campaign:
        """CreateCampaign (v2); each setting is checked before anything changes."""
        settings = {
            "channelSubtypeConfig": channel_subtype_config,
            "type": type,
            "source": source,
            "connectCampaignFlowArn": connect_campaign_flow_arn,
            "schedule": schedule,
            "entryLimitsConfig": entry_limits_config,
            "communicationTimeConfig": communication_time_config,
            "communicationLimitsOverride": communication_limits_override,
        }
        for member, check in rules.SETTING_CHECKS.items():
            if settings[member] is not None:
                check(settings[member])
        return self._create(caller, V2, name, connect_instance_id, settings, tags, settings)

    def _create(
        self,
        caller: Caller,
        version: str,
        name: str,
        instance_id: str,
        settings: dict[str, Any],
        tags: dict[str, str] | None,
        members: dict[str, Any],
    ) -> Campaign:
        """A new campaign; the same request again (the version's CreateCampaign with the same
        name, instance, tags and other ``members``) returns it."""
        origin = (version, {"name": name, "connect_instance_id": instance_id, "tags": tags, **members})
        self.onboarded(instance_id)
        existing = self._named(instance_id, name)
        if existing is not None:
            if existing.origin == origin and existing.visible_in(version):
                return existing
            raise _name_taken(name, instance_id)
        campaign = Campaign(caller, name, instance_id, settings, copy.deepcopy(origin))
        flow = settings.get("connectCampaignFlowArn")
        if flow is not None:
            rules.check_flow_arn(flow, campaign.arn, instance_id)
        count = len(self.campaign_ids_of(instance_id))
        if count >= CAMPAIGNS_PER_INSTANCE:
            raise ServiceQuotaExceededException(
                f"Amazon Connect instance {instance_id} already has {count} campaigns: "
                f"the quota of total campaigns per instance is {CAMPAIGNS_PER_INSTANCE}"
            )
        self.campaigns.add(campaign.id, campaign)
        self.tags.track(campaign.arn, tags)
        return campaign

    def describe_campaign_in(self, campaign_id: str, version: str) -> dict[str, Any]:
        """DescribeCampaign of this API version."""
        campaign = self.campaign(campaign_id, version)
        return campaign.describe(version, self.tags.get(campaign.arn))

    def remove_campaign(self, campaign_id: str, version: str) -> None:
        campaign = self.campaign(campaign_id, version)
        self.campaigns.pop(campaign.id)
        self.tags.forget(campaign.arn)

    # -- campaigns: state ----------------------------------------------------
    def act_on_campaign(self, campaign_id: str, action: str, version: str) -> None:
        campaign = self.campaign(campaign_id, version)
        if action == "start":
            self.onboarded(campaign.instance_id)
        campaign.act(action, version)

    def campaign_state(self, campaign_id: str, version: str) -> str:
        return shown_state(self.campaign(campaign_id, version).read_state(), version)

    def campaign_states(
        self, campaign_ids: list[str], version: str
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """(successful, failed) state lookups; unknown ids fail with ``ResourceNotFound``."""
        successful: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        for campaign_id in dict.fromkeys(campaign_ids):
            try:
                found = self.campaign(campaign_id, version)
            except ResourceNotFoundException:
                failed.append({"campaignId": campaign_id, "failureCode": "ResourceNotFound"})
            else:
                successful.append({"campaignId": campaign_id, "state": shown_state(found.read_state(), version)})
        return successful, failed

    # -- campaigns: listing --------------------------------------------------
    def campaign_page(
        self, version: str, filters: dict[str, Any] | None, next_token: str | None, max_results: int
    ) -> tuple[list[Campaign], str | None]:
        """A page of the campaigns this version sees, kept by ``filters.instanceIdFilter``.

        The model allows the operator ``Eq`` only; moto's ``list_campaigns`` also
        takes ``Ne``, ``Contains`` and ``StartsWith``, which direct callers get too.
        """
        instance_filter = (filters or {}).get("instanceIdFilter") or {}
        wanted = instance_filter.get("value")
        operator = instance_filter.get("operator") or "Eq"
        test = INSTANCE_ID_OPERATORS.get(operator)
        if test is None:
            raise ValidationError(f"Unsupported operator: {operator}")

        def keep(campaign: Campaign) -> bool:
            return campaign.visible_in(version) and (wanted is None or test(campaign.instance_id, wanted))

        return self.campaigns.page(next_token, max_results, keep=keep)

    # -- campaigns: settings -------------------------------------------------
    def rename_campaign(self, campaign_id: str, name: str, version: str) -> None:
        campaign = self.campaign(campaign_id, version)
        if campaign.name == name:
            return
        if self._named(campaign.instance_id, name) is not None:
            raise _name_taken(name, campaign.instance_id)
        campaign.name = name
        campaign.touch()

    def update_dialer_config(self, campaign_id: str, dialer_config: dict[str, Any]) -> None:
        """v1: a new dialer config (the telephony channel's outbound mode and capacity)."""
        campaign = self.campaign(campaign_id, V1)
        telephony = copy.deepcopy(campaign.channels["telephony"])
        apply_v1_dialer(telephony, dialer_config)
        rules.check_mode_change(campaign.channels["telephony"], telephony)
        campaign.channels["telephony"] = telephony
        campaign.touch()

    def update_outbound_call_config(
        self,
        campaign_id: str,
        *,
        connect_contact_flow_id: str | None = None,
        connect_source_phone_number: str | None = None,
        answer_machine_detection_config: dict[str, Any] | None = None,
    ) -> None:
        """v1: the members given (not None) replace those of the outbound call config."""
        campaign = self.campaign(campaign_id, V1)
        given = {
            "connectContactFlowId": connect_contact_flow_id,
            "connectSourcePhoneNumber": connect_source_phone_number,
            "answerMachineDetectionConfig": answer_machine_detection_config,
        }
        telephony = copy.deepcopy(campaign.channels["telephony"])
        telephony["defaultOutboundConfig"].update(copy.deepcopy({k: v for k, v in given.items() if v is not None}))
        rules.check_telephony(telephony, "outboundCallConfig")
        self._check_call_references(campaign.instance_id, connect_contact_flow_id, connect_source_phone_number)
        campaign.channels["telephony"] = telephony
        campaign.touch()

    def _check_call_references(self, instance_id: str, flow_id: str | None, source_number: str | None) -> None:
        """What UpdateCampaignOutboundCallConfig names in the campaign's Connect instance, as its API
        Reference describes it: ``connectContactFlowId`` is "the identifier of the published flow
        associated with this campaign" (no such flow: ResourceNotFoundException; a flow never
        published: ValidationException); for ``connectSourcePhoneNumber``, "only ported or claimed
        Amazon Connect phone numbers are allowed" (a number the instance has not claimed:
        ValidationException)."""
        from ..connect.models import connect_backends
        from ..core.resources import child

        if flow_id is None and source_number is None:
            return
        instance = connect_backends[self.account_id][self.region_name].instances.get(instance_id)
        if instance is None:
            raise ResourceNotFoundException(f"Amazon Connect instance {instance_id} not found")
        if flow_id is not None:
            flow = child(instance, "contact-flow", flow_id)
            if flow is None:
                raise ResourceNotFoundException(
                    f"Contact flow {flow_id} not found in Amazon Connect instance {instance_id}"
                )
            if flow.attrs.get("Status") != "PUBLISHED":
                raise ValidationError(f"Contact flow {flow_id} is not published: a campaign calls on a published flow")
        if source_number is not None:
            claimed = instance.children("phone-number").values() if instance.has_children("phone-number") else ()
            if not any(number.attrs.get("PhoneNumber") == source_number for number in claimed):
                raise ValidationError(
                    f"connectSourcePhoneNumber {source_number} is not a phone number claimed or ported to "
                    f"Amazon Connect instance {instance_id}"
                )

    def update_channels(self, campaign_id: str, config: dict[str, Any]) -> None:
        """v2: the channel subtypes given replace the campaign's config of those subtypes."""
        campaign = self.campaign(campaign_id, V2)
        rules.check_channel_config(config)
        rules.check_mode_change(campaign.channels.get("telephony"), config.get("telephony"))
        campaign.channels.update(copy.deepcopy({k: v for k, v in config.items() if v is not None}))
        campaign.touch()

    def delete_channel(self, campaign_id: str, channel_subtype: str) -> None:
        """v2: drop one channel subtype; the API Reference: "Only campaigns in the Initialized state are
        valid for this operation" (the operation models ConflictException for that, not
        InvalidCampaignStateException)."""
        campaign = self.campaign(campaign_id, V2)
        if campaign.state != INITIALIZED:
            raise ConflictException(
                f"Campaign {campaign.id} is {campaign.state}: "
                "only an Initialized campaign's channel subtype config can be deleted"
            )
        if campaign.channels.pop(rules.CHANNEL_MEMBER[channel_subtype], None) is not None:
            campaign.touch()

    def change_setting(self, campaign_id: str, setting: str, value: Any) -> None:
        """v2: set (or, with None, delete) one of a campaign's settings, checked first.

        ``setting`` is the Campaign attribute (a key of ``SETTINGS``).
        """
        campaign = self.campaign(campaign_id, V2)
        campaign.require_settable(setting, V2)
        if value is not None:
            if setting == "source" and campaign.source is None:
                raise ValidationError(f"Campaign {campaign.id} has no source: a source cannot be added after creation")
            if setting == "flow_arn":
                rules.check_flow_arn(value, campaign.arn, campaign.instance_id)
            else:
                rules.SETTING_CHECKS[SETTINGS[setting]](value)
        elif getattr(campaign, setting) is None:
            return
        setattr(campaign, setting, copy.deepcopy(value))
        campaign.touch()

    def delete_setting_part(self, campaign_id: str, setting: str, member: str) -> None:
        """v2: remove one member of a setting (a channel's time window); idempotent.

        A setting left with nothing that applies (no time window) is removed whole.
        """
        campaign = self.campaign(campaign_id, V2)
        campaign.require_settable(setting, V2)
        current = getattr(campaign, setting)
        if current is None or member not in current:
            return
        remaining = {k: v for k, v in current.items() if k != member}
        meaningful = set(remaining) - {"localTimeZoneConfig"}
        setattr(campaign, setting, remaining if meaningful else None)
        campaign.touch()

    # -- campaigns: outbound requests ----------------------------------------
    def _running(self, campaign_id: str, version: str) -> Campaign:
        """A campaign this version sees that takes outbound requests (it is running)."""
        campaign = self.campaign(campaign_id, version)
        campaign.require_running(version)
        return campaign

    def put_dial_requests(self, campaign_id: str, requests: list[dict[str, Any]]) -> Any:
        campaign = self._running(campaign_id, V1)

        def dial(request: dict[str, Any]) -> None:
            self._dial(campaign, request["phoneNumber"], request.get("attributes") or {})

        return campaign.take_requests(
            requests, campaign.outbound_requests, campaign.dial_request_problem, INVALID_INPUT, dial
        )

    def put_outbound_requests(self, campaign_id: str, requests: list[dict[str, Any]]) -> Any:
        campaign = self._running(campaign_id, V2)

        def dial(request: dict[str, Any]) -> None:
            telephony = request["channelSubtypeParameters"].get("telephony")
            if telephony is not None:
                self._dial(campaign, telephony["destinationPhoneNumber"], telephony.get("attributes") or {}, telephony)

        return campaign.take_requests(
            requests, campaign.outbound_requests, campaign.outbound_request_problem, INVALID_INPUT, dial
        )

    def _dial(
        self,
        campaign: Campaign,
        destination: str,
        attributes: dict[str, str],
        parameters: dict[str, Any] | None = None,
    ) -> None:
        """A running campaign dials a telephony request: a VOICE contact of its Connect instance,
        initiated by API as the campaign's calls are (StartOutboundVoiceContact with its
        ``CampaignId``), on the campaign's flow and queue, from its source number.

        The request is taken whatever happens next, as at AWS; when the campaign's flow or queue
        no longer exists in the instance, the call fails and no contact is made."""
        from ..connect import contacts
        from ..connect.models import connect_backends
        from ..core.errors import ServiceError

        telephony = campaign.channels.get("telephony") or {}
        config = {**(telephony.get("defaultOutboundConfig") or {}), **(parameters or {})}
        connect = connect_backends[self.account_id][self.region_name]
        instance = connect.instances.get(campaign.instance_id)
        if instance is None:
            return
        attrs: dict[str, Any] = {
            "ContactFlowId": config.get("connectContactFlowId"),
            "QueueId": telephony.get("connectQueueId"),
            "Attributes": dict(attributes),
            "Campaign": {"CampaignId": campaign.id},
            "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": destination},
        }
        source = config.get("connectSourcePhoneNumber")
        if source:
            attrs["SystemEndpoint"] = {"Type": "TELEPHONE_NUMBER", "Address": source}
        try:
            contacts.start(
                connect.resources,
                instance,
                self._own_caller(),
                "VOICE",
                "API",
                {k: v for k, v in attrs.items() if v is not None},
            )
        except ServiceError:
            return

    def put_profile_requests(self, campaign_id: str, requests: list[dict[str, Any]]) -> Any:
        """v2 profile outbound requests: each profile must be one of the Customer Profiles domain
        the campaign's instance integrates (when that domain is the plugin's)."""
        from ..customerprofiles.joins import has_profile

        campaign = self._running(campaign_id, V2)
        state = self.instances.get(campaign.instance_id)
        domains = [i.arn for i in (state.integrations.values() if state else ()) if i.kind == "customerProfiles"]

        def problem(request: dict[str, Any]) -> str | None:
            found = campaign.profile_request_problem(request)
            if found is None and domains and has_profile(domains[0], request["profileId"]) is False:
                return PROFILE_NOT_FOUND
            return found

        return campaign.take_requests(requests, campaign.profile_requests, problem, PROFILE_CONFLICT)

    # -- moto's own campaign methods (v1), answered from the plugin's state ---
    def create_campaign(
        self,
        name: str,
        connect_instance_id: str,
        dialer_config: dict[str, Any],
        outbound_call_config: dict[str, Any],
        tags: dict[str, str] | None,
    ) -> tuple[str, str, dict[str, str]]:
        campaign = self.create_campaign_v1(
            self._own_caller(), name, connect_instance_id, dialer_config, outbound_call_config, tags
        )
        return campaign.id, campaign.arn, self.tags.get(campaign.arn)

    def delete_campaign(self, id: str) -> None:
        self.remove_campaign(id, V1)

    def describe_campaign(self, id: str) -> dict[str, Any]:
        return self.describe_campaign_in(id, V1)

    def start_campaign(self, id: str) -> None:
        self.act_on_campaign(id, "start", V1)

    def stop_campaign(self, id: str) -> None:
        self.act_on_campaign(id, "stop", V1)

    def pause_campaign(self, id: str) -> None:
        self.act_on_campaign(id, "pause", V1)

    def resume_campaign(self, id: str) -> None:
        self.act_on_campaign(id, "resume", V1)

    def get_campaign_state(self, id: str) -> str:
        return self.campaign_state(id, V1)

    def list_campaigns(  # type: ignore[override]
        self, filters: dict[str, dict[str, str]] | None, max_results: int | None, next_token: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        page, token = self.campaign_page(V1, filters, next_token, limit_of(max_results, 50))
        return [c.summary_v1() for c in page], token

    # tags belong to every campaign, whichever version can see it (moto's Resource Groups
    # Tagging API calls these for any campaign ARN); like moto's, they take a URL-encoded ARN too
    def list_tags_for_resource(self, arn: str) -> dict[str, str]:
        return self.campaign_tags(unquote(arn), V2)

    def tag_resource(self, arn: str, tags: dict[str, str]) -> None:
        self.tag_campaign(unquote(arn), tags, V2)

    def untag_resource(self, arn: str, tag_keys: list[str]) -> None:
        self.untag_campaign(unquote(arn), [tag_keys] if isinstance(tag_keys, str) else tag_keys, V2)

    def iter_tagged_resources(self) -> Iterator[Any]:
        """Every campaign, for moto's Resource Groups Tagging API (moto 5.2.5 and later)."""
        for campaign in self.campaigns.values():
            yield tagged_resource(campaign.arn, self.tags.get(campaign.arn), "connect-campaigns:campaign")

    # -- v2: integrations ----------------------------------------------------
    def put_integration(self, instance_id: str, integration_config: dict[str, Any]) -> Integration:
        ((kind, config),) = integration_config.items()
        member, single = INTEGRATION_KINDS[kind]
        arn = config[member]
        rules.check_arn_service(arn, *INTEGRATION_ARN_KINDS[kind], f"integrationConfig.{kind}.{member}")
        if kind == "customerProfiles":
            from ..customerprofiles.joins import object_type_problem

            # the object types of a Customer Profiles domain the plugin has must exist there
            for name in (config.get("objectTypeNames") or {}).values():
                problem = object_type_problem(arn, name)
                if problem is not None:
                    raise ResourceNotFoundException(problem)
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
        rules.check_communication_limits(config, "communicationLimitsList")
        self.onboarded(instance_id).communication_limits = config

    def communication_limits(self, instance_id: str) -> dict[str, Any]:
        return dict(self.onboarded(instance_id).communication_limits or {})


def _onboarded(state: CampaignInstance) -> CampaignInstance:
    """The state of an instance that is onboarded (it has an instance config), or 404."""
    if state.config is None:
        raise ResourceNotFoundException(
            f"Amazon Connect instance {state.instance_id} is not onboarded to outbound campaigns"
        )
    return state


def _job(state: CampaignInstance) -> OnboardingJob:
    """The instance's onboarding job, or 404."""
    if state.job is None:
        raise ResourceNotFoundException(f"No onboarding job found for instance {state.instance_id}")
    return state.job


def _name_taken(name: str, instance_id: str) -> ConflictException:
    """Campaign names are unique per Connect instance."""
    return ConflictException(f"A campaign named {name!r} already exists in Amazon Connect instance {instance_id}")


connectcampaigns_backends = BackendDict(ConnectCampaignsBackend, "connectcampaigns")
