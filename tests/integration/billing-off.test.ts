// BILLING=off (a self-hosted team on its own provider keys, no Stripe):
// usage is metered exactly as with billing on, but needs no balance; member
// and team spend limits still hold; the billing page says billing is off.
process.env.BILLING = "off";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditBalance, listCreditTransactions, recordCredits } from "~/modules/billing/credits.server";
import * as chatRoute from "~/routes/api/chat";
import * as memberRoute from "~/routes/api/workspaces.id.members.id";
import * as billingPage from "~/routes/app/billing";
import * as chatsPage from "~/routes/app/chats";
import * as appLayout from "~/routes/app/layout";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson } from "../support/accounts";
import { startProviders } from "../support/chat";
import type { Client } from "../support/client";
import { join, sharedWorkspace } from "../support/people";

const providers = await startProviders();
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(async () => {
  await mailbox.close();
  await providers.close();
});

const ask = (client: Client, workspaceId: string) =>
  client.call(chatRoute, "/api/chat", { body: { messages: [{ role: "user", content: "Hello" }], workspaceId } });

describe("BILLING=off", () => {
  it("answers without a balance and records the usage in the ledger as usual", async () => {
    const owner = await signedInPerson(mailbox);
    const member = await signedInPerson(mailbox);
    const workspaceId = await sharedWorkspace(owner.client, "Self-hosted");
    await join(mailbox, owner.client, workspaceId, member);
    // An empty workspace (whatever it started with): with billing on, this call would be a 402.
    const start = creditBalance(workspaceId);
    if (start !== 0) recordCredits(workspaceId, { type: "adjustment", amount: -start, description: "empty it" });

    providers.openai.script({ tokens: ["Hi", "!"] });
    const res = await ask(member.client, workspaceId);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("Hi!");
    const [usage] = listCreditTransactions(workspaceId, { limit: 10, offset: 0 }).transactions;
    expect(usage).toMatchObject({ type: "usage", modelId: "gpt-4o-mini" });
    expect(usage!.amount).toBeLessThan(0);
    expect(creditBalance(workspaceId)).toBe(usage!.amount);
  });

  it("still enforces a member's monthly limit", async () => {
    const owner = await signedInPerson(mailbox);
    const member = await signedInPerson(mailbox);
    const workspaceId = await sharedWorkspace(owner.client, "Capped");
    await join(mailbox, owner.client, workspaceId, member);
    await owner.client.call(memberRoute, "/api/x", {
      method: "PUT",
      body: { monthlyCreditLimit: 0 },
      params: { workspaceId, userId: member.userId },
    });
    const res = await ask(member.client, workspaceId);
    expect(res.status).toBe(402);
    expect((await res.json()).error).toMatch(/^You have reached your monthly limit in Capped — ask an owner/);
  });

  it("says so on the billing page", async () => {
    const owner = await signedInPerson(mailbox);
    const page = await owner.client.call(billingPage, `/w/${owner.workspaceId}/billing`, { params: { workspaceId: owner.workspaceId } });
    expect(await page.json()).toMatchObject({ billingOff: true });
  });

  it("shows no balance in the header or under the composer, where it would only run negative", async () => {
    const owner = await signedInPerson(mailbox);
    const params = { workspaceId: owner.workspaceId };
    const layout = await owner.client.call(appLayout, `/w/${owner.workspaceId}/chats`, { params });
    expect((await layout.json()).credits).toEqual({ workspaceId: owner.workspaceId, available: null });
    const chats = await owner.client.call(chatsPage, `/w/${owner.workspaceId}/chats`, { params });
    expect((await chats.json()).catalog.credits).toBeNull();
  });
});
