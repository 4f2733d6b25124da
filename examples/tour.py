"""A short tour of moto-connect-ext: plain boto3 code, answered in-process.

Run it with ``scripts/run tour``.  Nothing leaves the machine: ``mock_connect``
answers every call the way AWS would, errors included.
"""

from __future__ import annotations

import os

import boto3
from botocore.exceptions import ClientError

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


def main() -> None:
    with mock_connect():
        connect_tour()
    print("Every call above was answered in-process by moto-connect-ext.")


if __name__ == "__main__":
    main()
