// Amazon Connect Cases through the AWS SDK for JavaScript v3 against moto-connect-server.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  ConnectCasesClient,
  CreateCaseCommand,
  CreateCaseRuleCommand,
  CreateDomainCommand,
  CreateFieldCommand,
  CreateLayoutCommand,
  CreateTemplateCommand,
  GetCaseCommand,
  GetTemplateCommand,
  ResourceNotFoundException,
  SearchCasesCommand,
  paginateListDomains,
} from "@aws-sdk/client-connectcases";

import { clientOf, errorOf, useServer } from "./support.mjs";

const server = useServer();

const text = (value) => ({ stringValue: value });

describe("Amazon Connect Cases", () => {
  it("builds a domain, a field, a layout, a template with a case rule, then creates and searches cases", async () => {
    const cases = clientOf(ConnectCasesClient, server);
    const { domainId, domainStatus } = await cases.send(new CreateDomainCommand({ name: "js-support" }));
    assert.ok(domainId);
    assert.ok(["Active", "CreationInProgress"].includes(domainStatus));

    const { fieldId } = await cases.send(
      new CreateFieldCommand({ domainId, name: "Order number", type: "Text", description: "the order" }),
    );
    const { layoutId } = await cases.send(
      new CreateLayoutCommand({
        domainId,
        name: "js-layout",
        content: {
          basic: {
            topPanel: { sections: [{ fieldGroup: { name: "Summary", fields: [{ id: fieldId }] } }] },
          },
        },
      }),
    );
    const { caseRuleId } = await cases.send(
      new CreateCaseRuleCommand({
        domainId,
        name: "order number when refund",
        rule: {
          required: {
            defaultValue: false,
            conditions: [
              { equalTo: { operandOne: { fieldId: "title" }, operandTwo: text("Refund"), result: true } },
            ],
          },
        },
      }),
    );
    const { templateId } = await cases.send(
      new CreateTemplateCommand({
        domainId,
        name: "js-template",
        status: "Active",
        layoutConfiguration: { defaultLayout: layoutId },
        requiredFields: [{ fieldId: "title" }],
        rules: [{ caseRuleId, fieldId }],
      }),
    );
    const template = await cases.send(new GetTemplateCommand({ domainId, templateId }));
    assert.deepEqual(template.rules, [{ caseRuleId, fieldId }]);
    assert.equal(template.layoutConfiguration.defaultLayout, layoutId);

    const refund = await cases.send(
      new CreateCaseCommand({
        domainId,
        templateId,
        fields: [
          { id: "title", value: text("Refund") },
          { id: fieldId, value: text("A-1001") },
        ],
      }),
    );
    await cases.send(
      new CreateCaseCommand({ domainId, templateId, fields: [{ id: "title", value: text("Question") }] }),
    );
    const got = await cases.send(
      new GetCaseCommand({ domainId, caseId: refund.caseId, fields: [{ id: "title" }, { id: fieldId }] }),
    );
    assert.equal(got.templateId, templateId);
    assert.deepEqual(
      Object.fromEntries(got.fields.map((f) => [f.id, f.value.stringValue])),
      { title: "Refund", [fieldId]: "A-1001" },
    );

    const found = await cases.send(
      new SearchCasesCommand({
        domainId,
        filter: { field: { equalTo: { id: fieldId, value: text("A-1001") } } },
        fields: [{ id: "title" }],
      }),
    );
    assert.equal(found.totalCount, 1);
    assert.deepEqual(
      found.cases.map((c) => [c.caseId, c.fields[0].value.stringValue]),
      [[refund.caseId, "Refund"]],
    );
    const everything = await cases.send(new SearchCasesCommand({ domainId }));
    assert.equal(everything.totalCount, 2);
  });

  it("answers an unknown case with a modeled ResourceNotFoundException (404)", async () => {
    const cases = clientOf(ConnectCasesClient, server);
    const { domainId } = await cases.send(new CreateDomainCommand({ name: "js-missing" }));
    const error = await errorOf(() =>
      cases.send(new GetCaseCommand({ domainId, caseId: "no-such-case", fields: [{ id: "title" }] })),
    );
    assert.ok(error instanceof ResourceNotFoundException, `got ${error.name}: ${error.message}`);
    assert.equal(error.name, "ResourceNotFoundException");
    assert.equal(error.$metadata.httpStatusCode, 404);
    assert.equal(error.resourceId, "no-such-case");
  });

  it("walks ListDomains one domain per page with the paginator", async () => {
    const cases = clientOf(ConnectCasesClient, server);
    for (const name of ["js-page-a", "js-page-b", "js-page-c"]) {
      await cases.send(new CreateDomainCommand({ name }));
    }
    const pages = [];
    for await (const page of paginateListDomains({ client: cases, pageSize: 1 }, {})) {
      pages.push(page.domains.map((d) => d.name));
    }
    assert.ok(pages.every((names) => names.length <= 1), JSON.stringify(pages));
    const walked = pages.flat();
    assert.equal(new Set(walked).size, walked.length);
    for (const name of ["js-page-a", "js-page-b", "js-page-c"]) assert.ok(walked.includes(name), name);
    assert.ok(pages.length >= 3);
  });
});
