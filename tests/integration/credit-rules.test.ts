// No action of an ordinary user mints credits: the free monthly grant is one
// per account (its personal workspace), new workspaces start at 0 and are
// funded by their owner's transfer; creating workspaces is rate limited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { workspacePlans } from "#db/schema";
import { creditBalance, listCreditTransactions } from "~/modules/billing/credits.server";
import { resetMonthlyCredits } from "~/modules/billing/reset.server";
import { db } from "~/modules/db/database.server";
import * as workspacesRoute from "~/routes/api/workspaces";
import * as workspaceRoute from "~/routes/api/workspaces.id";
import * as apiKeysRoute from "~/routes/api/workspaces.id.api-keys";
import * as transferRoute from "~/routes/api/workspaces.id.transfer-credits";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson } from "../support/accounts";
import { Client, callRoute } from "../support/client";
import { join, sharedWorkspace } from "../support/people";

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(() => mailbox.close());

const person = (name?: string) => signedInPerson(mailbox, name);
const ledger = (workspaceId: string) => listCreditTransactions(workspaceId, { limit: 500, offset: 0 }).transactions;
const transfer = (client: Client, workspaceId: string, body: unknown, headers?: Record<string, string>) =>
  client.call(transferRoute, "/api/x/transfer-credits", { body, params: { workspaceId }, headers });

describe("the free monthly grant", () => {
  it("lands once per account, in the personal workspace: creating, deleting and re-creating workspaces adds nothing", async () => {
    const ada = await person();
    expect(creditBalance(ada.workspaceId)).toBe(500);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push(await sharedWorkspace(ada.client, `Project ${i}`));
    for (const id of created) {
      expect(creditBalance(id)).toBe(0);
      expect(ledger(id)).toEqual([]);
    }
    await ada.client.call(workspaceRoute, "/api/x", { method: "DELETE", params: { workspaceId: created[0]! } });
    const again = await sharedWorkspace(ada.client, "Project 0");
    expect(creditBalance(again)).toBe(0);
    const { workspaces } = await (await ada.client.call(workspacesRoute, "/api/workspaces/")).json();
    const total = workspaces.reduce((sum: number, w: { id: string }) => sum + creditBalance(w.id), 0);
    expect(total).toBe(500);
  });

  it("the monthly reset refills personal workspaces only; other free workspaces just move to the next period", async () => {
    const ada = await person();
    const shared = await sharedWorkspace(ada.client, "Shared");
    const elapsed = new Date(Date.now() - 1000);
    for (const id of [ada.workspaceId, shared])
      db()
        .update(workspacePlans)
        .set({ periodStart: new Date(elapsed.getTime() - 30 * 86_400_000), periodEnd: elapsed })
        .where(eq(workspacePlans.workspaceId, id))
        .run();
    await transfer(ada.client, shared, { amount: 200 });
    expect(resetMonthlyCredits()).toBeGreaterThanOrEqual(2);
    expect(creditBalance(ada.workspaceId)).toBe(500);
    expect(creditBalance(shared)).toBe(200);
    expect(ledger(shared).map((t) => t.type)).toEqual(["adjustment"]);
    const plan = db().select().from(workspacePlans).where(eq(workspacePlans.workspaceId, shared)).get()!;
    expect(plan.periodEnd.getTime()).toBeGreaterThan(Date.now());
  });
});

describe("POST /api/workspaces/ is rate limited per account", () => {
  it("lets 5 new workspaces an hour through, and then answers 429 with Retry-After", async () => {
    const ada = await person();
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 100 && !refused; i++) {
      const res = await ada.client.call(workspacesRoute, "/api/workspaces/", { body: { name: `W${i}` } });
      if (res.status === 429) refused = res;
      else statuses.push(res.status);
    }
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    expect(new Set(statuses)).toEqual(new Set([201]));
    expect(Number(refused!.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another person is not affected.
    const bea = await person();
    expect((await bea.client.call(workspacesRoute, "/api/workspaces/", { body: { name: "Mine" } })).status).toBe(201);
  });
});

describe("POST /api/workspaces/{id}/transfer-credits", () => {
  it("moves credits from the owner's personal workspace as two balanced ledger rows", async () => {
    const ada = await person("Ada");
    const shared = await sharedWorkspace(ada.client, "Lab");
    const res = await transfer(ada.client, shared, { amount: 120 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      amount: 120,
      from: { workspaceId: ada.workspaceId, balance: 380 },
      to: { workspaceId: shared, balance: 120 },
    });
    const [out] = ledger(ada.workspaceId);
    const [into] = ledger(shared);
    expect(out).toMatchObject({ type: "adjustment", amount: -120, description: "Moved to Lab" });
    expect(into).toMatchObject({ type: "adjustment", amount: 120, description: "Moved from Ada's personal workspace" });
    expect(out!.reference).toBe(into!.reference);
    expect(out!.reference).toMatch(/^transfer:/);
  });

  it("refuses more than is available (422) and bad amounts (422), changing nothing", async () => {
    const ada = await person();
    const shared = await sharedWorkspace(ada.client);
    for (const amount of [501, 0, -5, 1.5, "10", null]) {
      const res = await transfer(ada.client, shared, { amount });
      expect(res.status, String(amount)).toBe(422);
    }
    const tooMuch = await transfer(ada.client, shared, { amount: 501 });
    expect((await tooMuch.json()).issues[0]).toEqual({ path: "amount", message: "Only 500 credits are available to move" });
    expect(creditBalance(ada.workspaceId)).toBe(500);
    expect(creditBalance(shared)).toBe(0);
  });

  it("is for owners only (403), not into the personal workspace (409), not by API key (403), not for strangers (404)", async () => {
    const ada = await person();
    const admin = await person();
    const stranger = await person();
    const shared = await sharedWorkspace(ada.client);
    await join(mailbox, ada.client, shared, admin, "admin");
    expect((await transfer(admin.client, shared, { amount: 10 })).status).toBe(403);
    expect((await transfer(ada.client, ada.workspaceId, { amount: 10 })).status).toBe(409);
    expect((await transfer(stranger.client, shared, { amount: 10 })).status).toBe(404);
    expect((await callRoute(transferRoute, "/api/x", { body: { amount: 10 }, params: { workspaceId: shared } })).status).toBe(401);
    const { key } = await (await ada.client.call(apiKeysRoute, "/api/x", { body: { name: "k" }, params: { workspaceId: shared } })).json();
    const byKey = await callRoute(transferRoute, "/api/x", {
      body: { amount: 10 },
      params: { workspaceId: shared },
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(byKey.status).toBe(403);
    expect(creditBalance(shared)).toBe(0);
  });
});
