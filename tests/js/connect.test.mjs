// Amazon Connect through the AWS SDK for JavaScript v3 against moto-connect-server.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  ConnectClient,
  CreateInstanceCommand,
  CreateIntegrationAssociationCommand,
  CreateUseCaseCommand,
  DescribeInstanceCommand,
  DuplicateResourceException,
  ListInstancesCommand,
  ListIntegrationAssociationsCommand,
  ListUseCasesCommand,
  ResourceNotFoundException,
  paginateListInstances,
} from "@aws-sdk/client-connect";

import { clientOf, errorOf, newInstance, useServer } from "./support.mjs";

const server = useServer();

describe("Amazon Connect", () => {
  it("creates an instance, an integration association and a use case, and lists them", async () => {
    const connect = clientOf(ConnectClient, server);
    const created = await newInstance(connect, CreateInstanceCommand, "js-centre");
    assert.equal(created.$metadata.httpStatusCode, 200);
    assert.match(created.Arn, /^arn:aws:connect:us-east-1:\d{12}:instance\//);

    const { Instance } = await connect.send(new DescribeInstanceCommand({ InstanceId: created.Id }));
    assert.equal(Instance.InstanceAlias, "js-centre");
    assert.equal(Instance.InstanceStatus, "ACTIVE");
    assert.ok(Instance.CreatedTime instanceof Date);

    const association = await connect.send(
      new CreateIntegrationAssociationCommand({
        InstanceId: created.Id,
        IntegrationType: "PINPOINT_APP",
        IntegrationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps/js",
        SourceApplicationUrl: "https://example.com/js",
        SourceApplicationName: "js",
        SourceType: "SALESFORCE",
      }),
    );
    const useCase = await connect.send(
      new CreateUseCaseCommand({
        InstanceId: created.Id,
        IntegrationAssociationId: association.IntegrationAssociationId,
        UseCaseType: "CONNECT_CAMPAIGNS",
      }),
    );
    assert.ok(useCase.UseCaseId);

    const { UseCaseSummaryList } = await connect.send(
      new ListUseCasesCommand({
        InstanceId: created.Id,
        IntegrationAssociationId: association.IntegrationAssociationId,
      }),
    );
    assert.deepEqual(
      UseCaseSummaryList.map((u) => [u.UseCaseId, u.UseCaseType]),
      [[useCase.UseCaseId, "CONNECT_CAMPAIGNS"]],
    );
    const { IntegrationAssociationSummaryList } = await connect.send(
      new ListIntegrationAssociationsCommand({ InstanceId: created.Id }),
    );
    assert.deepEqual(
      IntegrationAssociationSummaryList.map((a) => a.IntegrationAssociationId),
      [association.IntegrationAssociationId],
    );
    const { InstanceSummaryList } = await connect.send(new ListInstancesCommand({}));
    assert.ok(InstanceSummaryList.some((i) => i.Id === created.Id && i.InstanceAlias === "js-centre"));
  });

  it("answers an unknown instance with a modeled ResourceNotFoundException (404)", async () => {
    const connect = clientOf(ConnectClient, server);
    const error = await errorOf(() =>
      connect.send(new DescribeInstanceCommand({ InstanceId: "00000000-0000-0000-0000-000000000000" })),
    );
    assert.ok(error instanceof ResourceNotFoundException, `got ${error.name}: ${error.message}`);
    assert.equal(error.name, "ResourceNotFoundException");
    assert.equal(error.$metadata.httpStatusCode, 404);
    assert.ok(error.message.length > 0);
  });

  it("answers a second use case of the same type with a DuplicateResourceException (409)", async () => {
    const connect = clientOf(ConnectClient, server);
    const created = await newInstance(connect, CreateInstanceCommand, "js-duplicate");
    const { IntegrationAssociationId } = await connect.send(
      new CreateIntegrationAssociationCommand({
        InstanceId: created.Id,
        IntegrationType: "PINPOINT_APP",
        IntegrationArn: "arn:aws:mobiletargeting:us-east-1:123456789012:apps/js-duplicate",
      }),
    );
    const request = { InstanceId: created.Id, IntegrationAssociationId, UseCaseType: "CONNECT_CAMPAIGNS" };
    await connect.send(new CreateUseCaseCommand(request));
    const error = await errorOf(() => connect.send(new CreateUseCaseCommand(request)));
    assert.ok(error instanceof DuplicateResourceException, `got ${error.name}: ${error.message}`);
    assert.equal(error.$metadata.httpStatusCode, 409);
  });

  it("walks ListInstances one instance per page with the paginator", async () => {
    const connect = clientOf(ConnectClient, server);
    const made = [];
    for (const alias of ["js-page-a", "js-page-b", "js-page-c"]) {
      made.push((await newInstance(connect, CreateInstanceCommand, alias)).Id);
    }
    const { InstanceSummaryList: all } = await connect.send(new ListInstancesCommand({}));
    const pages = [];
    for await (const page of paginateListInstances({ client: connect, pageSize: 1 }, {})) {
      pages.push(page.InstanceSummaryList.map((i) => i.Id));
    }
    assert.ok(pages.every((ids) => ids.length <= 1), JSON.stringify(pages));
    assert.ok(pages.filter((ids) => ids.length === 1).length >= 3, JSON.stringify(pages));
    const walked = pages.flat();
    assert.deepEqual(walked, all.map((i) => i.Id));
    assert.equal(new Set(walked).size, walked.length);
    for (const id of made) assert.ok(walked.includes(id));
  });
});
