"""Security profiles, declared on the resource layer, and the rules that are their own.

A security profile is a named set of permissions (Administrator Guide, "List of
security profile permissions": the API names ListSecurityProfilePermissions
returns) with what restricts them: access control tags and the resources they
apply to, a hierarchy group and the resources it restricts, third-party
applications and MCP servers (``Applications``), flow modules and AI agents an AI
agent may use, and granular (data table) access control.

Rules:

* every permission is one the Administrator Guide lists, legacy permissions
  included ("You can still add legacy permissions to security profiles by using
  the CreateSecurityProfile and UpdateSecurityProfile APIs");
  ``InvalidParameterException`` otherwise.  Permissions are kept once each, sorted;
* "For third-party applications, only the ACCESS permission is supported"
  (Application); an application's namespace appears once per profile;
* ``HierarchyRestrictedResources``: "Following are acceptable ResourceNames: User";
* ``AllowedAccessControlHierarchyGroupId`` names a hierarchy group of the instance
  (``ResourceNotFoundException``); a group a profile names can still be deleted
  (DeleteUserHierarchyGroup only documents agents and child groups as blocking);
* an AI agent is named by its Q in Connect ARN
  (``arn:aws:wisdom:<region>:<account>:ai-agent/<assistant id>/<AI agent id>``);
  flow modules, AI agents and the attribute names of a granular configuration
  appear once each;
* names are unique per instance (``DuplicateResourceException``); an instance has
  at most 100 profiles ("Security profiles per instance", the default quota;
  ``LimitExceededException``);
* a profile that users or AI agents hold cannot be deleted
  (``ResourceInUseException``).

Every instance comes with AWS's default profiles ("Default security profiles":
Admin, Agent, CallCenterManager, QualityAnalyst).  Admin holds every permission;
the others hold the permissions of the role the guide describes for them.

AI agents are a Q in Connect resource this plugin does not serve: the profiles
associated with one (AssociateSecurityProfiles) are kept on the instance by the
agent's ARN.  A user's profiles are its ``SecurityProfileIds``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..core.caller import Caller
from ..core.resources import Container, Quota, Ref, Resource, Resources, ResourceType
from .exceptions import InvalidParameterException

#: "Security profiles per instance" (Connect service quotas; default)
PROFILES_PER_INSTANCE = 100
#: what Type a profile an account creates (and every default one, which it can edit) has
CUSTOMER_MANAGED = "CUSTOMER_MANAGED"
#: the only permission a third-party application takes (Application.ApplicationPermissions)
THIRD_PARTY_ACCESS = "ACCESS"
#: "Following are acceptable ResourceNames: User" (HierarchyRestrictedResources)
HIERARCHY_RESTRICTABLE = frozenset({"User"})
#: a Q in Connect AI agent's ARN: partition, Region, account, assistant ID, AI agent ID
AI_AGENT_ARN = re.compile(
    r"^arn:(aws[a-z-]*):wisdom:([a-z0-9-]+):(\d{12}):ai-agent/([0-9a-f-]{36})/([0-9a-f-]{36})(?::[^:/]+)?$"
)
#: instance attribute holding AI agent ARN -> the IDs of its security profiles
AI_AGENT_PROFILES = "_ai_agent_security_profiles"


def _crud(resource: str, *actions: str) -> tuple[str, ...]:
    return tuple(f"{resource}.{action}" for action in actions)


_CRUD = ("Create", "Delete", "Edit", "View")

#: the API names of the Administrator Guide's "List of security profile permissions", by section
PERMISSION_SECTIONS: dict[str, tuple[str, ...]] = {
    "Amazon Q": (
        *_crud("QConnectAIAgents", *_CRUD),
        *_crud("QConnectAIPrompts", *_CRUD),
        *_crud("QConnectGuardrails", *_CRUD),
    ),
    "Routing": (
        *_crud("RoutingPolicies", *_CRUD),
        *_crud("TransferDestinations", *_CRUD),
        *_crud("HoursOfOperation", *_CRUD),
        *_crud("Queues", *_CRUD, "EnableAndDisable", "Purge"),
        *_crud("TaskTemplates", *_CRUD),
        *_crud("PredefinedAttributes", *_CRUD),
        *_crud("DataTables", *_CRUD, "ManageValues", "EditExpressionValues"),
    ),
    "Channels and flows": (
        *_crud("Prompts", *_CRUD),
        *_crud("ContactFlows", *_CRUD, "Publish"),
        *_crud("ContactFlowModules", *_CRUD, "Publish"),
        *_crud("Bots", *_CRUD),
        *_crud("PhoneNumbers", "Claim", "Edit", "Release", "View"),
        "ChatTestMode",
        *_crud("EmailAddresses", "Create", "Edit", "Remove", "View"),
        *_crud("Views", "Create", "Edit", "Remove", "View"),
        *_crud("AnalyticsConnectors", "Edit", "View"),
        *_crud("TestCases", *_CRUD, "Execute", "Publish"),
    ),
    "Users and permissions": (
        *_crud("Users", *_CRUD, "EditPermission", "EnableAndDisable"),
        *_crud("AgentGrouping", "Create", "Edit", "EnableAndDisable", "View"),
        *_crud("SecurityProfiles", *_CRUD),
        *_crud("AgentStates", "Create", "Edit", "EnableAndDisable", "View"),
        *_crud("Workspaces", *_CRUD, "Assign", "EditVisibility"),
    ),
    "Contact Control Panel (CCP)": (
        "BasicAgentAccess",
        "RealtimeContactLens.View",
        "OutboundCallAccess",
        "VoiceId.Access",
        "VoiceIdUpdateSpeakerId.Access",
        "RestrictTaskCreation.Access",
        "RestrictPhoneTypeSettings.Access",
        "AudioDeviceSettings.Access",
        "VideoContact.Access",
        "OutboundEmail.Create",
        "SelfAssignContacts.Access",
        "RequireEndContactConfirmation.Enabled",
    ),
    "Analytics and Optimization": (
        "AccessMetrics",
        "AccessMetrics.RealTimeMetrics.Access",
        "AccessMetrics.HistoricalMetrics.Access",
        "AccessMetrics.AgentActivityAudit.Access",
        "AccessMetrics.Dashboards.Access",
        "AccessMetrics.DashboardsWithMyData.View",
        *_crud("CustomMetrics", *_CRUD, "Publish"),
        "ContactSearch.View",
        "MyContacts.View",
        "ContactSearchSampleContacts.View",
        *_crud("ContactSearchQuickViewWidget", *_CRUD),
        "ContactSearchWithCharacteristics.Access",
        "ContactSearchWithCharacteristics.View",
        "ContactSearchWithKeywords.Access",
        "ContactSearchWithKeywords.View",
        "ConfigureContactAttributes.View",
        "RestrictContactAccessByHierarchy.View",
        "ContactAttributes.View",
        "GraphTrends.View",
        *_crud("InformationExtraction.Definitions", *_CRUD),
        "InformationExtraction.Results.View",
        "ContactLensPostContactSummary.View",
        "ContactLensCustomVocabulary.Edit",
        "ContactLensCustomVocabulary.View",
        *_crud("ThemeDetection", "Create", "Delete", "View"),
        *_crud("Rules", *_CRUD),
        *_crud("RulesGenerativeAI", *_CRUD),
        "AgentTimeCard.View",
        "ManagerListenIn",
        "ManagerBargeIn",
        *_crud("MetricsReports", *_CRUD, "Publish", "Schedule", "Share"),
        *_crud("ReportSchedules", *_CRUD),
        *_crud("ReportsAdmin", "Access", "Delete", "Publish", "Schedule", "View"),
        *_crud("Evaluation", *_CRUD),
        "MyReceivedEvaluations.View",
        *_crud("EvaluationForms", *_CRUD),
        "EvaluationAssistant.Access",
        *_crud("EvaluationCalibrationSessions", *_CRUD),
        *_crud("MyCoachingSessions", *_CRUD),
        *_crud("CoachingSessions", *_CRUD),
        *_crud("EvaluationReviews", "Create", "View"),
        *_crud("EvaluationReviewRequest", "Create", "Delete", "View"),
        "VoiceIdAttributesAndSearch.View",
        *_crud("Forecasting", "Edit", "Publish", "View"),
        *_crud("Capacity", "Edit", "Publish", "View"),
        *_crud("ForecastScheduleInterval", "Edit", "View"),
    ),
    "Recordings and Transcripts": (
        "CallRecordings.Unredacted.Access",
        "CallRecordings.Redacted.Access",
        "CallRecordings.Unredacted.DownloadButton",
        "CallRecordings.Redacted.DownloadButton",
        "ContactTranscripts.Unredacted.Access",
        "ContactTranscripts.Redacted.Access",
        "ContactTranscripts.Unredacted.DownloadButton",
        "DeleteCallRecordings",
        "ScreenRecording.Access",
        "ScreenRecording.Delete",
        "ScreenRecording.Download",
        "ScreenRecording.Redacted.Access",
        "ScreenRecording.Redacted.Download",
        "AutomatedVoiceInteraction.Recordings.Unredacted.Access",
        "AutomatedVoiceInteraction.Recordings.Unredacted.DownloadButton",
        "AutomatedVoiceInteraction.Recordings.Redacted.Access",
        "AutomatedVoiceInteraction.Recordings.Redacted.DownloadButton",
        "AutomatedVoiceInteraction.Transcripts.Unredacted.Access",
        "AutomatedVoiceInteraction.Transcripts.Redacted.Access",
        "Audio.View",
        "Transcript.View",
        "UnredactedData.View",
    ),
    # "You can still add legacy permissions to security profiles by using the
    # CreateSecurityProfile and UpdateSecurityProfile APIs"
    "Legacy permissions": ("RedactedData.View", "ListenCallRecordings", "DownloadCallRecordings"),
    "Contact Actions": (
        "ManualAssignAnyContact.Enable",
        "ManualAssignMyContacts.Enable",
        "TransferContact.Enabled",
        "StopContact.Enabled",
        "UpdateContactSchedule.Enabled",
        "Contacts.Tag.Edit",
    ),
    "Historical changes": ("HistoricalChanges.View",),
    "Customer Profiles": (
        *_crud("CustomerProfiles", "Create", "Edit", "View"),
        *_crud("CustomerProfiles.CalculatedAttributes", *_CRUD),
        *_crud("CustomerProfiles.Segments", "Create", "Delete", "Export", "View"),
        *_crud("CustomerProfiles.ProfileExplorer", *_CRUD),
        *_crud("CustomerProfiles.PredictiveInsights", *_CRUD),
    ),
    "Scheduling": (
        *_crud("Scheduling", "Edit", "Publish", "View"),
        *_crud("TimeOff", "Approve", "Edit", "View"),
        *_crud("TimeOffBalance", "Edit", "View"),
        *_crud("TeamCalendar", "Edit", "View"),
    ),
    "Agent Applications": (
        "StaffCalendar.View",
        "StaffCalendar.Edit",
        "CustomViews.Access",
        "Wisdom.View",
        "Analytics.PerformanceMetrics.Access",
    ),
    "Content Management": (
        *_crud("ContentManagement", *_CRUD),
        *_crud("ContentManagement.MessageTemplates", *_CRUD),
    ),
    "Cases": (
        "CaseHistory.View",
        *_crud("Cases", *_CRUD),
        *_crud("CaseFields", "Create", "Edit", "View"),
        *_crud("CaseTemplates", "Create", "Edit", "View"),
        "MyCases.Delete",
        *_crud("CaseComments", "Delete", "Edit"),
        *_crud("MyCaseComments", "Delete", "Edit"),
        *_crud("CaseCustomRelatedItems", "Delete", "Edit"),
        *_crud("MyCaseCustomRelatedItems", "Delete", "Edit"),
        "CaseContacts.Delete",
        "MyCaseContacts.Delete",
        "CaseFiles.Delete",
    ),
    "Outbound Campaigns": (*_crud("Campaigns", *_CRUD, "Manage"),),
}

#: every permission a profile can hold
PERMISSIONS: frozenset[str] = frozenset(p for section in PERMISSION_SECTIONS.values() for p in section)

_AGENT = ("BasicAgentAccess", "OutboundCallAccess")
_METRICS = (
    "AccessMetrics",
    "AccessMetrics.RealTimeMetrics.Access",
    "AccessMetrics.HistoricalMetrics.Access",
    "AgentTimeCard.View",
    "ContactAttributes.View",
    "ContactSearch.View",
    "ListenCallRecordings",
    "ManagerListenIn",
)
_MANAGER = (
    *_AGENT,
    *_METRICS,
    *_crud("Users", "Create", "Edit", "EnableAndDisable", "View"),
    *_crud("AgentGrouping", "Create", "Edit", "EnableAndDisable", "View"),
    *_crud("AgentStates", "Create", "Edit", "EnableAndDisable", "View"),
    *_crud("RoutingPolicies", "Create", "Edit", "View"),
    *_crud("Queues", "Create", "Edit", "EnableAndDisable", "View"),
    *_crud("HoursOfOperation", "Create", "Edit", "View"),
    *_crud("TransferDestinations", "Create", "Edit", "View"),
    *_crud("MetricsReports", *_CRUD, "Publish", "Schedule", "Share"),
)

#: AWS's default security profiles ("Default security profiles"): name -> (description, permissions)
DEFAULT_SECURITY_PROFILES: dict[str, tuple[str, Iterable[str]]] = {
    "Admin": ("Grants administrators permission to perform a majority of actions.", PERMISSIONS),
    "Agent": ("Grants agents permission to access the CCP.", _AGENT),
    "CallCenterManager": (
        "Grants managers permission to perform actions related to user management, metrics, and routing.",
        _MANAGER,
    ),
    "QualityAnalyst": ("Grants analysts permission to perform actions related to metrics.", _METRICS),
}


def _member(item: dict[str, Any], member: str, where: str) -> Any:
    """A member the model leaves optional but without which an item names nothing."""
    if item.get(member) is None:
        raise InvalidParameterException(f"Every item of {where} needs its {member}")
    return item[member]


def _unique(values: Iterable[Any], what: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise InvalidParameterException(f"{what} {value} is given more than once")
        seen.add(value)


def ai_agent_arn(arn: str) -> re.Match[str] | None:
    """The parts of a Q in Connect AI agent ARN (partition, Region, account, assistant, agent), or None."""
    return AI_AGENT_ARN.match(arn)


def _check(resources: Resources, current: Resource | None, instance: Any, attrs: dict[str, Any]) -> None:
    permissions = attrs.get("Permissions")
    if permissions is not None:
        unknown = sorted(set(permissions) - PERMISSIONS)
        if unknown:
            raise InvalidParameterException(
                f"Unknown security profile permission(s): {', '.join(unknown)}; "
                "see the Administrator Guide's list of security profile permissions"
            )
        attrs["Permissions"] = sorted(set(permissions))
    applications = attrs.get("Applications") or ()
    _unique((_member(a, "Namespace", "Applications") for a in applications), "Application namespace")
    for application in applications:
        granted = application.get("ApplicationPermissions") or []
        if application.get("Type", "THIRD_PARTY_APPLICATION") == "THIRD_PARTY_APPLICATION" and any(
            p != THIRD_PARTY_ACCESS for p in granted
        ):
            raise InvalidParameterException(
                f"Application {application['Namespace']}: a third-party application only takes the "
                f"{THIRD_PARTY_ACCESS} permission, not {', '.join(p for p in granted if p != THIRD_PARTY_ACCESS)}"
            )
        _unique(granted, f"Application {application['Namespace']} permission")
    for name in attrs.get("HierarchyRestrictedResources") or ():
        if name not in HIERARCHY_RESTRICTABLE:
            raise InvalidParameterException(
                f"HierarchyRestrictedResources: {name} cannot be restricted by hierarchy; "
                f"acceptable resource names: {', '.join(sorted(HIERARCHY_RESTRICTABLE))}"
            )
    _unique(attrs.get("TagRestrictedResources") or (), "Tag restricted resource")
    _unique(attrs.get("HierarchyRestrictedResources") or (), "Hierarchy restricted resource")
    _unique(
        (_member(m, "FlowModuleId", "AllowedFlowModules") for m in attrs.get("AllowedFlowModules") or ()), "Flow module"
    )
    agents = attrs.get("AllowedAIAgents") or ()
    for agent in agents:
        if ai_agent_arn(_member(agent, "Arn", "AllowedAIAgents")) is None:
            raise InvalidParameterException(
                f"AllowedAIAgents: {agent['Arn']} is not the ARN of a Q in Connect AI agent "
                "(arn:aws:wisdom:<region>:<account>:ai-agent/<assistant id>/<AI agent id>)"
            )
    _unique((a["Arn"] for a in agents), "AI agent")
    granular = attrs.get("GranularAccessControlConfiguration") or {}
    primary = (granular.get("DataTableAccessControlConfiguration") or {}).get(
        "PrimaryAttributeAccessControlConfiguration"
    ) or {}
    _unique((v["AttributeName"] for v in primary.get("PrimaryAttributeValues") or ()), "Primary attribute")


SECURITY_PROFILE = ResourceType(
    kind="security-profile",
    root_id_names=("OrganizationResourceId",),
    name_member="SecurityProfileName",
    unique_name=True,
    duplicate_message="A security profile named {name} already exists in the instance",
    aliases={"Name": "SecurityProfileName"},
    defaults={"Type": CUSTOMER_MANAGED},
    refs=(Ref("AllowedAccessControlHierarchyGroupId", "hierarchy-group", blocks_delete=False),),
    check=_check,
    quota=Quota.most(lambda: PROFILES_PER_INSTANCE, "security profiles", "LimitExceededException", first=True),
)


def ai_agent_profiles(instance: Container) -> dict[str, list[str]]:
    """AI agent ARN -> the IDs of the security profiles associated with it, on this instance."""
    found: dict[str, list[str]] = vars(instance).setdefault(AI_AGENT_PROFILES, {})
    return found


def holders(instance: Container, profile_id: str) -> list[str]:
    """The ARNs of the AI agents a profile is associated with."""
    return [arn for arn, ids in ai_agent_profiles(instance).items() if profile_id in ids]


def seed_defaults(resources: Resources, instance: Container, caller: Caller) -> None:
    for name, (description, permissions) in DEFAULT_SECURITY_PROFILES.items():
        attrs: Mapping[str, Any] = {
            "SecurityProfileName": name,
            "Description": description,
            "Permissions": sorted(set(permissions)),
        }
        resources.create(SECURITY_PROFILE, instance, dict(attrs), caller)
