// Outbound campaigns v1 and v2 through the AWS SDK for JavaScript v3 against moto-connect-server.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ConnectClient, CreateInstanceCommand } from "@aws-sdk/client-connect";
import * as v1 from "@aws-sdk/client-connectcampaigns";
import * as v2 from "@aws-sdk/client-connectcampaignsv2";

import { clientOf, errorOf, newInstance, useServer } from "./support.mjs";

const server = useServer();

const MISSING = "00000000-0000-0000-0000-000000000000";
const TELEPHONY = {
  capacity: 0.5,
  connectQueueId: "queue-1",
  outboundMode: { progressive: { bandwidthAllocation: 1 } },
  defaultOutboundConfig: { connectContactFlowId: "flow-1", connectSourcePhoneNumber: "+12065550100" },
};

/** A new Connect instance onboarded to campaigns (encryption disabled) through `api` (v1 or v2). */
async function onboarded(api, client, alias) {
  const connect = clientOf(ConnectClient, server);
  const { Id } = await newInstance(connect, CreateInstanceCommand, alias);
  const started = await client.send(
    new api.StartInstanceOnboardingJobCommand({ connectInstanceId: Id, encryptionConfig: { enabled: false } }),
  );
  assert.equal(started.connectInstanceOnboardingJobStatus.connectInstanceId, Id);
  const { connectInstanceOnboardingJobStatus } = await client.send(
    new api.GetInstanceOnboardingJobStatusCommand({ connectInstanceId: Id }),
  );
  assert.equal(connectInstanceOnboardingJobStatus.status, "SUCCEEDED");
  return Id;
}

function expectNotFound(api, error) {
  assert.ok(error instanceof api.ResourceNotFoundException, `got ${error.name}: ${error.message}`);
  assert.equal(error.name, "ResourceNotFoundException");
  assert.equal(error.$metadata.httpStatusCode, 404);
}

describe("outbound campaigns v1", () => {
  it("onboards an instance, then creates, describes and lists a campaign", async () => {
    const campaigns = clientOf(v1.ConnectCampaignsClient, server);
    const instanceId = await onboarded(v1, campaigns, "js-campaigns-v1");
    const { connectInstanceConfig } = await campaigns.send(
      new v1.GetConnectInstanceConfigCommand({ connectInstanceId: instanceId }),
    );
    assert.equal(connectInstanceConfig.encryptionConfig.enabled, false);

    const created = await campaigns.send(
      new v1.CreateCampaignCommand({
        name: "js-spring",
        connectInstanceId: instanceId,
        dialerConfig: { progressiveDialerConfig: { bandwidthAllocation: 1, dialingCapacity: 0.5 } },
        outboundCallConfig: { connectContactFlowId: "flow-1", connectQueueId: "queue-1" },
        tags: { team: "js" },
      }),
    );
    assert.match(created.arn, /^arn:aws:connect-campaigns:us-east-1:\d{12}:campaign\//);
    const { campaign } = await campaigns.send(new v1.DescribeCampaignCommand({ id: created.id }));
    assert.equal(campaign.name, "js-spring");
    assert.equal(campaign.connectInstanceId, instanceId);
    assert.deepEqual(campaign.dialerConfig, {
      progressiveDialerConfig: { bandwidthAllocation: 1, dialingCapacity: 0.5 },
    });
    assert.deepEqual(campaign.tags, { team: "js" });
    const { state } = await campaigns.send(new v1.GetCampaignStateCommand({ id: created.id }));
    assert.equal(state, "Initialized");
    const { campaignSummaryList } = await campaigns.send(
      new v1.ListCampaignsCommand({ filters: { instanceIdFilter: { value: instanceId, operator: "Eq" } } }),
    );
    assert.deepEqual(
      campaignSummaryList.map((c) => [c.id, c.name]),
      [[created.id, "js-spring"]],
    );
  });

  it("answers an unknown campaign with a modeled ResourceNotFoundException (404)", async () => {
    const campaigns = clientOf(v1.ConnectCampaignsClient, server);
    expectNotFound(v1, await errorOf(() => campaigns.send(new v1.DescribeCampaignCommand({ id: MISSING }))));
  });
});

describe("outbound campaigns v2", () => {
  it("onboards an instance, then creates, describes and lists a campaign on the v2 paths", async () => {
    const campaigns = clientOf(v2.ConnectCampaignsV2Client, server);
    const instanceId = await onboarded(v2, campaigns, "js-campaigns-v2");
    const created = await campaigns.send(
      new v2.CreateCampaignCommand({
        name: "js-summer",
        connectInstanceId: instanceId,
        channelSubtypeConfig: { telephony: TELEPHONY },
        schedule: {
          startTime: new Date("2030-01-01T09:00:00Z"),
          endTime: new Date("2030-01-31T17:00:00Z"),
        },
        tags: { team: "js" },
      }),
    );
    const { campaign } = await campaigns.send(new v2.DescribeCampaignCommand({ id: created.id }));
    assert.equal(campaign.name, "js-summer");
    assert.equal(campaign.connectInstanceId, instanceId);
    assert.deepEqual(campaign.channelSubtypeConfig.telephony, TELEPHONY);
    assert.equal(campaign.schedule.startTime.toISOString(), "2030-01-01T09:00:00.000Z");
    assert.deepEqual(campaign.tags, { team: "js" });
    const { state } = await campaigns.send(new v2.GetCampaignStateCommand({ id: created.id }));
    assert.equal(state, "Initialized");
    const { campaignSummaryList } = await campaigns.send(
      new v2.ListCampaignsCommand({ filters: { instanceIdFilter: { value: instanceId, operator: "Eq" } } }),
    );
    assert.deepEqual(
      campaignSummaryList.map((c) => [c.id, c.name, c.channelSubtypes]),
      [[created.id, "js-summer", ["TELEPHONY"]]],
    );
  });

  it("answers an unknown campaign with a modeled ResourceNotFoundException (404)", async () => {
    const campaigns = clientOf(v2.ConnectCampaignsV2Client, server);
    expectNotFound(v2, await errorOf(() => campaigns.send(new v2.DescribeCampaignCommand({ id: MISSING }))));
    expectNotFound(
      v2,
      await errorOf(() => campaigns.send(new v2.GetConnectInstanceConfigCommand({ connectInstanceId: MISSING }))),
    );
  });

  it("walks ListCampaigns one campaign per page with the paginator", async () => {
    const campaigns = clientOf(v2.ConnectCampaignsV2Client, server);
    const instanceId = await onboarded(v2, campaigns, "js-campaigns-pages");
    const made = [];
    for (const name of ["js-page-a", "js-page-b", "js-page-c"]) {
      const request = { name, connectInstanceId: instanceId, channelSubtypeConfig: { telephony: TELEPHONY } };
      made.push((await campaigns.send(new v2.CreateCampaignCommand(request))).id);
    }
    const filters = { instanceIdFilter: { value: instanceId, operator: "Eq" } };
    const pages = [];
    for await (const page of v2.paginateListCampaigns({ client: campaigns, pageSize: 1 }, { filters })) {
      pages.push(page.campaignSummaryList.map((c) => c.id));
    }
    assert.ok(pages.every((ids) => ids.length <= 1), JSON.stringify(pages));
    assert.deepEqual(pages.flat().sort(), [...made].sort());
    assert.ok(pages.length >= 3);
  });
});
