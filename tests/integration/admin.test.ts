// Admin utilities: who is admin, finding people and workspaces, suspending an
// account, and adjusting a workspace's credits with a reason on the ledger.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditBalance, listCreditTransactions } from "~/modules/billing/credits.server";
import * as adminPage from "~/routes/admin/index";
import * as adminWorkspacePage from "~/routes/admin/workspace";
import * as activate from "~/routes/api/auth.activate-user";
import * as login from "~/routes/api/auth.login";
import * as workspacesRoute from "~/routes/api/workspaces";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { PASSWORD, signUp, signedInClient } from "../support/accounts";
import { Client, callRoute } from "../support/client";

const OPS_EMAIL = `ops-${Date.now()}@example.test`;
process.env.ADMIN_EMAILS = ` someone@else.test, ${OPS_EMAIL.toUpperCase()} `;

let mailbox: Mailbox;
let first: Awaited<ReturnType<typeof signedInClient>>;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
  // The first account of this database: an admin.
  first = await signedInClient(mailbox, "First");
});
afterAll(async () => {
  await mailbox.close();
});

async function signedInAs(email: string) {
  const { client, token } = await signUp(mailbox, email);
  await client.call(activate, "/api/auth/activate-user", { body: { token } });
  expect((await client.call(login, "/api/auth/login", { body: { email, password: PASSWORD } })).status).toBe(200);
  return client;
}
const workspaceOf = async (client: Client) =>
  (await (await client.call(workspacesRoute, "/api/workspaces")).json()).workspaces[0].id as string;
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("who is an admin", () => {
  it("the first account and ADMIN_EMAILS see the admin pages; others get a 404, signed-out people the log-in page", async () => {
    const res = await first.client.call(adminPage, "/admin");
    expect(res.status).toBe(200);
    expect((await res.json()).users.some((u: any) => u.email === first.email && u.admin)).toBe(true);

    const ops = await signedInAs(OPS_EMAIL);
    expect((await ops.call(adminPage, "/admin")).status).toBe(200);

    const nobody = await signedInClient(mailbox);
    expect((await nobody.client.call(adminPage, "/admin")).status).toBe(404);
    const ws = await workspaceOf(nobody.client);
    expect((await nobody.client.call(adminWorkspacePage, `/admin/workspaces/${ws}`, { params: { workspaceId: ws } })).status).toBe(404);
    const suspendTry = await nobody.client.call(adminPage, "/admin", { body: form({ intent: "suspend", userId: first.userId }) });
    expect(suspendTry.status).toBe(404);

    const anonymous = await callRoute(adminPage, "/admin");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin");
  });
});

describe("finding users and workspaces", () => {
  it("finds people by email or name and workspaces by name or id", async () => {
    const grace = await signedInClient(mailbox, "Grace Hopper");
    const ws = await workspaceOf(grace.client);
    const byEmail = await (await first.client.call(adminPage, `/admin?q=${encodeURIComponent(grace.email.slice(0, 12))}`)).json();
    expect(byEmail.users.map((u: any) => u.email)).toContain(grace.email);
    const byName = await (await first.client.call(adminPage, "/admin?q=hopper")).json();
    expect(byName.users.map((u: any) => u.email)).toEqual([grace.email]);
    expect(byName.workspaces.map((w: any) => w.name)).toEqual(["Grace Hopper's workspace"]);
    const byId = await (await first.client.call(adminPage, `/admin?q=${ws}`)).json();
    expect(byId.workspaces).toEqual([expect.objectContaining({ id: ws, plan: "free", balance: 500, members: 1 })]);
    // LIKE wildcards are literal.
    expect((await (await first.client.call(adminPage, "/admin?q=%25%25%25")).json()).users).toEqual([]);
  });
});

describe("suspending an account", () => {
  it("signs the person out everywhere and refuses their log-in until reinstated", async () => {
    const ada = await signedInClient(mailbox, "Ada");
    expect((await ada.client.call(workspacesRoute, "/api/workspaces")).status).toBe(200);

    const res = await first.client.call(adminPage, "/admin", { body: form({ intent: "suspend", userId: ada.userId }) });
    expect(res.status).toBe(200);
    expect((await res.json()).message).toBe(`${ada.email} is suspended and signed out.`);
    expect((await ada.client.call(workspacesRoute, "/api/workspaces")).status).toBe(401);
    const refused = await new Client().call(login, "/api/auth/login", { body: { email: ada.email, password: PASSWORD } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/suspended/);

    await first.client.call(adminPage, "/admin", { body: form({ intent: "reinstate", userId: ada.userId }) });
    expect((await new Client().call(login, "/api/auth/login", { body: { email: ada.email, password: PASSWORD } })).status).toBe(200);
  });

  it("refuses to suspend oneself, and a malformed id", async () => {
    const self = await first.client.call(adminPage, "/admin", { body: form({ intent: "suspend", userId: first.userId }) });
    expect(self.status).toBe(422);
    expect((await self.json()).error).toBe("You cannot suspend your own account");
    expect((await first.client.call(adminPage, "/admin", { body: form({ intent: "suspend", userId: "x" }) })).status).toBe(422);
  });
});

describe("adjusting a workspace's credits", () => {
  it("appends an adjustment with its reason and the admin's id, and never takes more than is available", async () => {
    const ada = await signedInClient(mailbox);
    const ws = await workspaceOf(ada.client);
    const adjust = (fields: Record<string, string>) =>
      first.client.call(adminWorkspacePage, `/admin/workspaces/${ws}`, { params: { workspaceId: ws }, body: form(fields) });

    const ok = await adjust({ amount: "250", reason: "Refund for an outage" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).message).toBe("Adjusted by 250; the balance is now 750.");
    expect(listCreditTransactions(ws, { limit: 1, offset: 0 }).transactions[0]).toMatchObject({
      type: "adjustment",
      amount: 250,
      description: "Adjustment: Refund for an outage",
    });

    const tooMuch = await adjust({ amount: "-751", reason: "Abuse" });
    expect(tooMuch.status).toBe(422);
    expect((await tooMuch.json()).fieldErrors.amount).toBe("Only 750 credits are available to remove");
    expect((await adjust({ amount: "12.5", reason: "Half" })).status).toBe(422);
    expect((await adjust({ amount: "0", reason: "Nothing" })).status).toBe(422);
    const noReason = await adjust({ amount: "10", reason: " " });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).fieldErrors.reason).toBeDefined();
    expect(creditBalance(ws)).toBe(750);

    expect((await adjust({ amount: "-750", reason: "Abuse" })).status).toBe(200);
    expect(creditBalance(ws)).toBe(0);
    const page = await (await first.client.call(adminWorkspacePage, `/admin/workspaces/${ws}`, { params: { workspaceId: ws } })).json();
    expect(page.workspace.balance).toBe(0);
    expect(page.ledger.map((t: any) => t.amount)).toEqual([-750, 250, 500]);
    const missing = crypto.randomUUID();
    expect((await first.client.call(adminWorkspacePage, "/api/x", { params: { workspaceId: missing } })).status).toBe(404);
  });
});
