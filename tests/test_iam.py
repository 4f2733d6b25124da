"""moto's IAM access control applies to the plugin's operations, as to moto's own.

With ``set_initial_no_auth_action_count(N)`` moto answers the first N requests
without checking, then checks each request's signature and the caller's policies
against ``<signing name>:<Operation>`` on the resource the request names.
"""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from moto.core import set_initial_no_auth_action_count

from moto_connect_ext import mock_connect
from tests.helpers import new_instance, raises
from tests.servers import threaded_server

REGION = "us-east-1"
ACCOUNT = "123456789012"


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default credentials set-up calls are made with (unchecked while the count lasts)."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("AWS_SECURITY_TOKEN", raising=False)


def user_with(statements: list[dict[str, Any]] | None, endpoint: str | None = None) -> dict[str, str]:
    """An IAM user with an inline policy of these statements (none: no policy); its credentials."""
    iam = boto3.client("iam", region_name=REGION, endpoint_url=endpoint)
    iam.create_user(UserName="tester")
    if statements is not None:
        document = json.dumps({"Version": "2012-10-17", "Statement": statements})
        iam.put_user_policy(UserName="tester", PolicyName="p", PolicyDocument=document)
    key = iam.create_access_key(UserName="tester")["AccessKey"]
    return {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}


def client(service: str, creds: dict[str, str], endpoint: str | None = None) -> Any:
    return boto3.client(service, region_name=REGION, endpoint_url=endpoint, **creds)


@set_initial_no_auth_action_count(2)
@mock_connect
def test_without_permission_every_service_refuses_with_its_access_denied() -> None:
    creds = user_with(None)  # 2 unchecked requests: the user and its key
    with raises("AccessDeniedException", 403, match="connect:ListInstances"):
        client("connect", creds).list_instances()
    with raises("AccessDeniedException", 403, match="cases:ListDomains"):
        client("connectcases", creds).list_domains()
    with raises("AccessDeniedException", 403, match="connect-campaigns:ListCampaigns"):
        client("connectcampaigns", creds).list_campaigns()
    with raises("AccessDeniedException", 403, match="connect-campaigns:ListCampaigns"):
        client("connectcampaignsv2", creds).list_campaigns()
    with raises("AccessDeniedException", 403, match="profile:ListDomains"):
        client("customer-profiles", creds).list_domains()


@set_initial_no_auth_action_count(5)
@mock_connect
def test_a_customer_profiles_policy_scoped_to_one_domain() -> None:
    admin = boto3.client("customer-profiles", region_name=REGION)
    for name in ("mine", "theirs"):  # 5 unchecked requests: two domains, the user, its policy and key
        admin.create_domain(DomainName=name, DefaultExpirationDays=30)
    mine = f"arn:aws:profile:{REGION}:{ACCOUNT}:domains/mine"
    creds = user_with([{"Effect": "Allow", "Action": "profile:*", "Resource": [mine, mine + "/*"]}])
    profiles = client("customer-profiles", creds)
    assert profiles.get_domain(DomainName="mine")["DomainName"] == "mine"
    profiles.create_profile(DomainName="mine", FirstName="Ana")
    with raises("AccessDeniedException", 403, match="profile:GetDomain"):
        profiles.get_domain(DomainName="theirs")
    with raises("AccessDeniedException", 403, match="profile:CreateProfile"):
        profiles.create_profile(DomainName="theirs", FirstName="Ana")


@set_initial_no_auth_action_count(3)
@mock_connect
def test_allowed_actions_succeed_and_others_are_refused() -> None:
    creds = user_with(
        [
            {
                "Effect": "Allow",
                "Action": [
                    "connect:CreateInstance",
                    "connect:CreateIntegrationAssociation",
                    "connect:CreateUseCase",
                    "cases:CreateDomain",
                    "cases:CreateCaseRule",
                    "connect-campaigns:StartInstanceOnboardingJob",
                ],
                "Resource": "*",
            }
        ]
    )
    connect = client("connect", creds)
    iid = new_instance(connect)["Id"]
    association = connect.create_integration_association(
        InstanceId=iid, IntegrationType="CASES_DOMAIN", IntegrationArn=f"arn:aws:cases:{REGION}:{ACCOUNT}:domain/d"
    )["IntegrationAssociationId"]
    connect.create_use_case(InstanceId=iid, IntegrationAssociationId=association, UseCaseType="CONNECT_CAMPAIGNS")
    cases = client("connectcases", creds)
    domain = cases.create_domain(name="support")["domainId"]
    cases.create_case_rule(domainId=domain, name="r", rule={"required": {"defaultValue": False, "conditions": []}})
    campaigns = client("connectcampaigns", creds)
    job = campaigns.start_instance_onboarding_job(connectInstanceId=iid, encryptionConfig={"enabled": False})
    assert job["connectInstanceOnboardingJobStatus"]["status"] == "SUCCEEDED"
    with raises("AccessDeniedException", 403, match="connect:DeleteInstance"):
        connect.delete_instance(InstanceId=iid)
    with raises("AccessDeniedException", 403, match="cases:ListDomains"):
        cases.list_domains()


@set_initial_no_auth_action_count(3)
@mock_connect
def test_an_explicit_deny_wins_over_an_allow() -> None:
    creds = user_with(
        [
            {"Effect": "Allow", "Action": "connect:*", "Resource": "*"},
            {"Effect": "Deny", "Action": "connect:DeleteInstance", "Resource": "*"},
        ]
    )
    connect = client("connect", creds)
    iid = new_instance(connect)["Id"]
    assert [i["Id"] for i in connect.list_instances()["InstanceSummaryList"]] == [iid]
    with raises("AccessDeniedException", 403):
        connect.delete_instance(InstanceId=iid)
    assert connect.describe_instance(InstanceId=iid)["Instance"]["Id"] == iid  # nothing changed


@set_initial_no_auth_action_count(5)
@mock_connect
def test_a_policy_scoped_to_one_instance_allows_it_and_refuses_the_other() -> None:
    admin = boto3.client("connect", region_name=REGION)
    mine = new_instance(admin, "mine")  # 5 unchecked requests: two instances, the user, its policy and key
    other = new_instance(admin, "other")
    creds = user_with(
        [
            {"Effect": "Allow", "Action": "connect:*", "Resource": [mine["Arn"], mine["Arn"] + "/*"]},
        ]
    )
    connect = client("connect", creds)
    assert connect.describe_instance(InstanceId=mine["Id"])["Instance"]["Id"] == mine["Id"]
    created = connect.create_integration_association(
        InstanceId=mine["Id"],
        IntegrationType="CASES_DOMAIN",
        IntegrationArn=f"arn:aws:cases:{REGION}:{ACCOUNT}:domain/d",
    )
    # a use case is matched against its association's ARN, under the instance
    connect.create_use_case(
        InstanceId=mine["Id"],
        IntegrationAssociationId=created["IntegrationAssociationId"],
        UseCaseType="RULES_EVALUATION",
    )
    # an instance named by its ARN is the same resource to IAM
    assert connect.describe_instance(InstanceId=mine["Arn"])["Instance"]["Id"] == mine["Id"]
    with raises("AccessDeniedException", 403):
        connect.describe_instance(InstanceId=other["Id"])
    with raises("AccessDeniedException", 403):
        connect.describe_instance(InstanceId=other["Arn"])
    with raises("AccessDeniedException", 403):
        connect.list_integration_associations(InstanceId=other["Id"])


@set_initial_no_auth_action_count(2)
@mock_connect
def test_invalid_input_from_an_unauthorised_caller_is_refused_first() -> None:
    creds = user_with(None)
    with raises("AccessDeniedException", 403):
        client("connect", creds).describe_instance(InstanceId="x" * 200)


def test_server_mode_applies_iam_too() -> None:
    with threaded_server() as endpoint:

        @set_initial_no_auth_action_count(3)
        def run() -> None:
            creds = user_with([{"Effect": "Allow", "Action": "cases:ListDomains", "Resource": "*"}], endpoint)
            assert client("connectcases", creds, endpoint).list_domains()["domains"] == []
            with raises("AccessDeniedException", 403, match="connect:ListInstances"):
                client("connect", creds, endpoint).list_instances()

        run()


@pytest.mark.parametrize("service", ["connect", "connectcases"])
@set_initial_no_auth_action_count(0)
@mock_connect
def test_an_unknown_access_key_is_refused(service: str) -> None:
    with pytest.raises(Exception) as info:
        operation = "list_instances" if service == "connect" else "list_domains"
        getattr(
            client(service, {"aws_access_key_id": "AKIANOTAREALKEY00000", "aws_secret_access_key": "x"}), operation
        )()
    response = info.value.response  # type: ignore[attr-defined]
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert response["Error"]["Code"] == "UnrecognizedClientException"


@set_initial_no_auth_action_count(6)
@mock_connect
def test_cases_and_campaigns_policies_scoped_to_one_resource() -> None:
    admin_cases = boto3.client("connectcases", region_name=REGION)
    mine = admin_cases.create_domain(name="mine")
    other = admin_cases.create_domain(name="other")
    iid = new_instance(boto3.client("connect", region_name=REGION))["Id"]
    creds = user_with(
        [
            {"Effect": "Allow", "Action": "cases:*", "Resource": [mine["domainArn"], mine["domainArn"] + "/*"]},
            {"Effect": "Allow", "Action": "connect-campaigns:StartInstanceOnboardingJob", "Resource": "*"},
            {"Effect": "Allow", "Action": "connect-campaigns:CreateCampaign", "Resource": "*"},
            {
                "Effect": "Allow",
                "Action": "connect-campaigns:DescribeCampaign",
                "Resource": f"arn:aws:connect-campaigns:{REGION}:{ACCOUNT}:campaign/allowed-*",
            },
        ]
    )
    cases = client("connectcases", creds)
    field = cases.create_field(domainId=mine["domainId"], name="priority", type="Number")
    assert cases.batch_get_field(domainId=mine["domainId"], fields=[{"id": field["fieldId"]}])["fields"]
    with raises("AccessDeniedException", 403, match="cases:CreateField"):
        cases.create_field(domainId=other["domainId"], name="priority", type="Number")
    campaigns = client("connectcampaigns", creds)
    campaigns.start_instance_onboarding_job(connectInstanceId=iid, encryptionConfig={"enabled": False})
    created = campaigns.create_campaign(
        name="c",
        connectInstanceId=iid,
        dialerConfig={"progressiveDialerConfig": {"bandwidthAllocation": 1}},
        outboundCallConfig={"connectContactFlowId": "f", "connectQueueId": "q"},
    )
    # the campaign's ARN does not match the policy's pattern
    with raises("AccessDeniedException", 403, match="connect-campaigns:DescribeCampaign"):
        campaigns.describe_campaign(id=created["id"])


@set_initial_no_auth_action_count(7)
@mock_connect
def test_a_policy_scoped_to_one_queue() -> None:
    """A request naming a queue is matched against the queue's ARN, not its instance's (whatever
    other types the instance has that AWS gives no ARN, and so are authorized on the instance)."""
    admin = boto3.client("connect", region_name=REGION)
    iid = new_instance(admin)["Id"]
    hours = admin.list_hours_of_operations(InstanceId=iid)["HoursOfOperationSummaryList"][0]["Id"]
    mine, theirs = (
        admin.create_queue(InstanceId=iid, Name=name, HoursOfOperationId=hours) for name in ("mine", "theirs")
    )
    creds = user_with([{"Effect": "Allow", "Action": "connect:DescribeQueue", "Resource": mine["QueueArn"]}])
    connect = client("connect", creds)
    assert connect.describe_queue(InstanceId=iid, QueueId=mine["QueueId"])["Queue"]["Name"] == "mine"
    with raises("AccessDeniedException", 403, match="connect:DescribeQueue"):
        connect.describe_queue(InstanceId=iid, QueueId=theirs["QueueId"])
