"""A short tour of moto-connect-ext: plain boto3 code, answered in-process.

Run it with ``scripts/run tour``.  Nothing leaves the machine: ``mock_connect``
answers every call the way AWS would, errors included.
"""

from __future__ import annotations

import os

import boto3
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_connect_ext import mock_connect

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")


def show(title: str, value: object = "") -> None:
    print(f"- {title}{': ' if value != '' else ''}{value}")


def connect_tour() -> None:
    print("Amazon Connect")
    connect = boto3.client("connect", region_name="us-east-1")
    instance = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="tour-centre",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
        Tags={"team": "support"},
    )
    described = connect.describe_instance(InstanceId=instance["Id"])["Instance"]
    show("instance", f"{described['InstanceAlias']} is {described['InstanceStatus']} ({described['Arn']})")
    connect.update_instance_attribute(InstanceId=instance["Id"], AttributeType="CONTACTFLOW_LOGS", Value="true")
    attributes = [
        f"{a['AttributeType']}={a['Value']}"
        for page in connect.get_paginator("list_instance_attributes").paginate(InstanceId=instance["Id"])
        for a in page["Attributes"]
    ]
    show("attributes", ", ".join(attributes[:4]) + ", ...")
    association = connect.create_integration_association(
        InstanceId=instance["Id"],
        IntegrationType="EVENT",
        IntegrationArn="arn:aws:app-integrations:us-east-1:123456789012:event-integration/crm",
        SourceApplicationUrl="https://crm.example.com",
        SourceApplicationName="CRM",
        SourceType="SALESFORCE",
    )
    use_case = connect.create_use_case(
        InstanceId=instance["Id"],
        IntegrationAssociationId=association["IntegrationAssociationId"],
        UseCaseType="RULES_EVALUATION",
    )
    show("use case", use_case["UseCaseArn"])
    try:
        connect.create_use_case(
            InstanceId=instance["Id"],
            IntegrationAssociationId=association["IntegrationAssociationId"],
            UseCaseType="RULES_EVALUATION",
        )
    except ClientError as error:
        show("second RULES_EVALUATION use case", f"{error.response['Error']['Code']} (HTTP 409)")
    try:
        connect.delete_integration_association(
            InstanceId=instance["Id"], IntegrationAssociationId=association["IntegrationAssociationId"]
        )
    except ClientError as error:
        show("deleting an association with use cases", error.response["Error"]["Message"])
    print()


def cases_tour() -> None:
    print("Connect Cases")
    cases = boto3.client("connectcases", region_name="us-east-1")
    domain = cases.create_domain(name="support")["domainId"]
    system = [f["fieldId"] for f in cases.list_fields(domainId=domain)["fields"] if f["namespace"] == "System"]
    show("a new domain comes with system fields", ", ".join(system[:5]) + ", ...")
    priority = cases.create_field(domainId=domain, name="Priority", type="SingleSelect")["fieldId"]
    cases.batch_put_field_options(
        domainId=domain,
        fieldId=priority,
        options=[{"name": n, "value": n.lower(), "active": True} for n in ("Low", "High")],
    )
    reason = cases.create_field(domainId=domain, name="Escalation reason", type="Text")["fieldId"]
    # "Escalation reason" is required when Priority is high
    rule = cases.create_case_rule(
        domainId=domain,
        name="reason when high",
        rule={
            "required": {
                "defaultValue": False,
                "conditions": [
                    {
                        "equalTo": {
                            "operandOne": {"fieldId": priority},
                            "operandTwo": {"stringValue": "high"},
                            "result": True,
                        }
                    }
                ],
            }
        },
    )["caseRuleId"]
    template = cases.create_template(
        domainId=domain,
        name="Escalations",
        status="Active",
        rules=[{"caseRuleId": rule, "fieldId": reason}],
    )["templateId"]
    for title, level in (("Printer on fire", "high"), ("Password reset", "low"), ("VPN down", "high")):
        cases.create_case(
            domainId=domain,
            templateId=template,
            fields=[
                {"id": "title", "value": {"stringValue": title}},
                {"id": priority, "value": {"stringValue": level}},
                {"id": reason, "value": {"stringValue": "customer impact"}},
            ],
        )
    found = cases.search_cases(
        domainId=domain,
        filter={"field": {"equalTo": {"id": priority, "value": {"stringValue": "high"}}}},
        fields=[{"id": "title"}],
        sorts=[{"fieldId": "title", "sortOrder": "Asc"}],
    )
    titles = [f["value"]["stringValue"] for c in found["cases"] for f in c["fields"]]
    show(f"high-priority cases ({found['totalCount']})", ", ".join(titles))
    try:
        cases.create_case(domainId=domain, templateId=template, fields=[])
    except ClientError as error:
        show("a case without a title", f"{error.response['Error']['Code']}: {error.response['Error']['Message']}")
    print()


def campaigns_tour() -> None:
    print("Outbound campaigns")
    connect = boto3.client("connect", region_name="us-east-1")
    instance = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="tour-outbound",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    campaigns = boto3.client("connectcampaignsv2", region_name="us-east-1")
    # hold the job IN_PROGRESS for one status read, as a slow onboarding would be
    state_manager.set_transition("connectcampaigns::onboarding-job", {"progression": "manual", "times": 2})
    campaigns.start_instance_onboarding_job(connectInstanceId=instance, encryptionConfig={"enabled": False})
    statuses = [
        campaigns.get_instance_onboarding_job_status(connectInstanceId=instance)["connectInstanceOnboardingJobStatus"][
            "status"
        ]
        for _ in range(2)
    ]
    state_manager.unset_transition("connectcampaigns::onboarding-job")
    show("onboarding job (polled twice)", " -> ".join(statuses))
    config = campaigns.get_connect_instance_config(connectInstanceId=instance)["connectInstanceConfig"]
    show("service-linked role", config["serviceLinkedRoleArn"])
    try:
        campaigns.get_connect_instance_config(connectInstanceId="no-such-instance")
    except ClientError as error:
        show("an instance that does not exist", error.response["Error"]["Code"])
    print()


def contact_centre_tour() -> None:
    print("The contact centre in motion: contacts, metrics, Customer Profiles")
    connect = boto3.client("connect", region_name="us-east-1")
    iid = connect.create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="tour-dialer",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=True,
    )["Id"]
    flows = connect.list_contact_flows(InstanceId=iid, ContactFlowTypes=["CONTACT_FLOW"])["ContactFlowSummaryList"]
    queue = connect.list_queues(InstanceId=iid, QueueTypes=["STANDARD"])["QueueSummaryList"][0]["Id"]
    tasks = [
        connect.start_task_contact(InstanceId=iid, ContactFlowId=flows[0]["Id"], Name=f"call back {n}")["ContactId"]
        for n in range(3)
    ]
    contact = connect.describe_contact(InstanceId=iid, ContactId=tasks[0])["Contact"]
    show("a task started on the default inbound flow", f"{contact['Channel']} by {contact['InitiationMethod']}")
    connect.stop_contact(InstanceId=iid, ContactId=tasks[0])
    try:
        connect.stop_contact(InstanceId=iid, ContactId=tasks[0])
    except ClientError as error:
        show("stopping it twice", error.response["Error"]["Code"])
    # a dialer: three outbound calls from a claimed number wait in the basic queue
    arn = connect.describe_instance(InstanceId=iid)["Instance"]["Arn"]
    number = connect.search_available_phone_numbers(TargetArn=arn, PhoneNumberCountryCode="US", PhoneNumberType="DID")[
        "AvailableNumbersList"
    ][0]["PhoneNumber"]
    connect.claim_phone_number(TargetArn=arn, PhoneNumber=number)
    for n in range(3):
        connect.start_outbound_voice_contact(
            InstanceId=iid,
            ContactFlowId=flows[0]["Id"],
            DestinationPhoneNumber=f"+1206555010{n}",
            SourcePhoneNumber=number,
            QueueId=queue,
        )
    current = connect.get_current_metric_data(
        InstanceId=iid,
        Filters={"Queues": [queue], "Channels": ["VOICE"]},
        CurrentMetrics=[{"Name": "CONTACTS_IN_QUEUE", "Unit": "COUNT"}],
    )
    waiting = current["MetricResults"][0]["Collections"][0]["Value"]
    show("calls waiting in the basic queue (computed from the contacts)", int(waiting))

    profiles = boto3.client("customer-profiles", region_name="us-east-1")
    profiles.create_domain(DomainName="tour-customers", DefaultExpirationDays=365)
    ana = profiles.create_profile(DomainName="tour-customers", FirstName="Ana", EmailAddress="ana@example.com")
    found = profiles.search_profiles(DomainName="tour-customers", KeyName="_email", Values=["ana@example.com"])
    show("a profile found by its e-mail key", found["Items"][0]["ProfileId"] == ana["ProfileId"])
    print()


def main() -> None:
    with mock_connect():
        connect_tour()
        cases_tour()
        campaigns_tour()
        contact_centre_tour()
    print("Every call above was answered in-process by moto-connect-ext.")


if __name__ == "__main__":
    main()
