// Checkout, portal, invoices and pricing through the real stripe SDK against the
// loopback stand-in, whose Checkout page sends real signed webhooks back to Cairn.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { workspaceMemberships } from "#db/schema";
import { db } from "~/modules/db/database.server";
import { creditBalance, listCreditTransactions, workspacePlan } from "~/modules/billing/credits.server";
import { billingAccount, billingStatus } from "~/modules/billing/subscriptions.server";
import * as portalRoute from "~/routes/api/billing.portal";
import * as invoicesRoute from "~/routes/api/billing.invoices";
import * as checkoutRoute from "~/routes/api/subscriptions.checkout";
import * as portalLinkRoute from "~/routes/api/subscriptions.create-portal-link";
import * as pricingRoute from "~/routes/api/subscriptions.pricing";
import * as billingPage from "~/routes/app/billing";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInPerson, type Person } from "../support/accounts";
import { Client, callRoute } from "../support/client";
import { PRO_PRICE, SMALL_TOPUP_PRICE, startStripe } from "../support/stripe";

const stripe = await startStripe();
let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startSmtpCapture();
  process.env.SMTP_URL = mailbox.url;
});
afterAll(async () => {
  await mailbox.close();
  await stripe.close();
});

const person = (name?: string) => signedInPerson(mailbox, name);

const checkout = (client: Client, body: unknown) => client.call(checkoutRoute, "/api/subscriptions/checkout", { body });
/** Presses "Pay" on the stand-in's Checkout page, as a browser would. */
async function payAt(url: string) {
  const page = await fetch(url);
  expect(await page.text()).toContain(">Pay</button>");
  const res = await fetch(url, { method: "POST", redirect: "manual" });
  expect(res.status).toBe(303);
  return res.headers.get("Location")!;
}
const ledger = (workspaceId: string) => listCreditTransactions(workspaceId, { limit: 100, offset: 0 }).transactions;

describe("GET /api/subscriptions/pricing", () => {
  it("lists the plans and top-up packs with this deployment's Stripe price ids, without signing in", async () => {
    const res = await callRoute(pricingRoute, "/api/subscriptions/pricing");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.plans.map((p: any) => [p.id, p.monthlyCredits, p.priceId])).toEqual([
      ["free", 500, null],
      ["pro", 20_000, PRO_PRICE],
    ]);
    expect(body.topUps.map((t: any) => [t.credits, t.priceId, t.mode])).toEqual([
      [5_000, SMALL_TOPUP_PRICE, "one-time"],
      [25_000, "price_cairn_topup_25k", "one-time"],
    ]);
  });
});

describe("POST /api/subscriptions/checkout", () => {
  it("upgrades a free workspace to Pro through Checkout: one customer, pro tier, the month's credits granted once", async () => {
    const ada = await person("Ada");
    expect(workspacePlan(ada.workspaceId).plan).toBe("free");
    const res = await checkout(ada.client, { priceId: PRO_PRICE, mode: "subscription" });
    expect(res.status).toBe(200);
    const { url } = await res.json();
    expect(url).toMatch(new RegExp(`^${stripe.apiBase}/checkout/cs_test_`));

    const [customer] = [...stripe.customers.values()].filter((c) => c.metadata.workspaceId === ada.workspaceId);
    expect(customer).toBeDefined();
    const session = stripe.sessions.get(url.split("/").at(-1))!;
    expect(session).toMatchObject({ mode: "subscription", customer: customer!.id, client_reference_id: ada.workspaceId });
    expect(session.success_url).toBe(`http://localhost:3000/w/${ada.workspaceId}/billing?checkout=success`);
    // Not paid yet: nothing changed.
    expect(workspacePlan(ada.workspaceId).plan).toBe("free");

    expect(await payAt(url)).toBe(session.success_url);
    expect(workspacePlan(ada.workspaceId).plan).toBe("pro");
    expect(billingStatus(billingAccount(ada.workspaceId))).toBe("active");
    // checkout.session.completed and invoice.paid name the same invoice: one grant.
    expect(creditBalance(ada.workspaceId)).toBe(500 + 20_000);
    expect(ledger(ada.workspaceId).map((t) => [t.type, t.amount])).toEqual([
      ["subscription", 20_000],
      ["reset", 500],
    ]);
  });

  it("tops up credits with a one-time purchase, reusing the workspace's customer", async () => {
    const ada = await person();
    const first = await (await checkout(ada.client, { priceId: SMALL_TOPUP_PRICE, mode: "one-time" })).json();
    await payAt(first.url);
    // The mode may be left out: the price says what it is.
    const second = await (await checkout(ada.client, { priceId: SMALL_TOPUP_PRICE })).json();
    await payAt(second.url);
    expect(creditBalance(ada.workspaceId)).toBe(500 + 2 * 5_000);
    expect(
      ledger(ada.workspaceId)
        .filter((t) => t.type === "topup")
        .map((t) => t.description),
    ).toEqual(["Top-up: 5,000 credits", "Top-up: 5,000 credits"]);
    expect(workspacePlan(ada.workspaceId).plan).toBe("free");
    expect([...stripe.customers.values()].filter((c) => c.metadata.workspaceId === ada.workspaceId)).toHaveLength(1);
  });

  it("refuses a second subscription while one is active (409): the portal changes it", async () => {
    const ada = await person();
    await payAt((await (await checkout(ada.client, { priceId: PRO_PRICE })).json()).url);
    const again = await checkout(ada.client, { priceId: PRO_PRICE, mode: "subscription" });
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatch(/portal/);
  });

  it("answers 401 signed out, 403 cross-origin, 400 for a body that is not JSON, 422 for bad input", async () => {
    const ada = await person();
    expect((await callRoute(checkoutRoute, "/api/subscriptions/checkout", { body: { priceId: PRO_PRICE } })).status).toBe(401);
    expect((await ada.client.call(checkoutRoute, "/api/x", { body: { priceId: PRO_PRICE }, origin: "https://evil.example" })).status).toBe(
      403,
    );
    expect(
      (await ada.client.call(checkoutRoute, "/api/x", { body: "{nope", headers: { "Content-Type": "application/json" } })).status,
    ).toBe(400);

    const missing = await checkout(ada.client, {});
    expect(missing.status).toBe(422);
    expect((await missing.json()).issues[0].path).toBe("priceId");
    const unknown = await checkout(ada.client, { priceId: "price_someone_elses" });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).issues).toEqual([{ path: "priceId", message: "Unknown price" }]);
    const wrongMode = await checkout(ada.client, { priceId: PRO_PRICE, mode: "one-time" });
    expect(wrongMode.status).toBe(422);
    expect((await wrongMode.json()).issues[0].path).toBe("mode");
    expect((await checkout(ada.client, { priceId: PRO_PRICE, mode: "monthly" })).status).toBe(422);
    // Another person's workspace does not exist for Ada.
    const grace = await person();
    expect((await checkout(ada.client, { priceId: PRO_PRICE, workspaceId: grace.workspaceId })).status).toBe(404);
    expect((await ada.client.call(checkoutRoute, "/api/x")).status).toBe(405);
  });

  it("lets only owners and admins spend: a member gets 403 from checkout, portal and invoices", async () => {
    const ada = await person();
    const bob = await person();
    db().insert(workspaceMemberships).values({ workspaceId: ada.workspaceId, userId: bob.userId, role: "member" }).run();
    const asBob = { workspaceId: ada.workspaceId };
    expect((await checkout(bob.client, { priceId: SMALL_TOPUP_PRICE, ...asBob })).status).toBe(403);
    expect((await bob.client.call(portalRoute, "/api/x", { body: asBob })).status).toBe(403);
    expect((await bob.client.call(invoicesRoute, `/api/billing/invoices?workspaceId=${ada.workspaceId}`)).status).toBe(403);
    expect(billingAccount(ada.workspaceId).stripeCustomerId).toBeNull();
    db().update(workspaceMemberships).set({ role: "admin" }).where(eq(workspaceMemberships.userId, bob.userId)).run();
    expect((await checkout(bob.client, { priceId: SMALL_TOPUP_PRICE, ...asBob })).status).toBe(200);
  });

  it("turns a Stripe failure into a clear 502 and changes nothing", async () => {
    const ada = await person();
    stripe.failNext(400, { type: "invalid_request_error", message: "Your account cannot currently make live charges." });
    const res = await checkout(ada.client, { priceId: PRO_PRICE });
    expect(res.status).toBe(502);
    expect((await res.json()).error).toBe("Stripe could not create a customer: Your account cannot currently make live charges.");
    expect(workspacePlan(ada.workspaceId).plan).toBe("free");
    expect(creditBalance(ada.workspaceId)).toBe(500);
  });
});

describe("POST /api/billing/portal and /api/subscriptions/create-portal-link", () => {
  it("answers a Billing Portal URL for the workspace's customer, with or without a body", async () => {
    const ada = await person();
    const res = await ada.client.call(portalRoute, "/api/billing/portal", { method: "POST" });
    expect(res.status).toBe(200);
    const { url } = await res.json();
    expect(url).toMatch(new RegExp(`^${stripe.apiBase}/portal/bps_`));
    const customerId = billingAccount(ada.workspaceId).stripeCustomerId;
    expect(new URL(url).searchParams.get("customer")).toBe(customerId);
    expect(new URL(url).searchParams.get("return_url")).toBe(`http://localhost:3000/w/${ada.workspaceId}/billing`);

    const alias = await ada.client.call(portalLinkRoute, "/api/subscriptions/create-portal-link", {
      body: { workspaceId: ada.workspaceId },
    });
    expect(alias.status).toBe(200);
    expect((await alias.json()).url).toMatch(/\/portal\/bps_/);
    // Still the one customer.
    expect(billingAccount(ada.workspaceId).stripeCustomerId).toBe(customerId);
  });

  it("answers 401 signed out, 403 cross-origin, 400 not JSON, 422 bad workspace id, 405 for GET", async () => {
    const ada = await person();
    expect((await callRoute(portalRoute, "/api/billing/portal", { method: "POST" })).status).toBe(401);
    expect((await ada.client.call(portalRoute, "/api/x", { method: "POST", origin: "https://evil.example" })).status).toBe(403);
    expect((await ada.client.call(portalRoute, "/api/x", { body: "{", headers: { "Content-Type": "application/json" } })).status).toBe(400);
    expect((await ada.client.call(portalLinkRoute, "/api/x", { body: { workspaceId: "nope" } })).status).toBe(422);
    expect((await ada.client.call(portalRoute, "/api/x")).status).toBe(405);
  });
});

describe("GET /api/billing/invoices", () => {
  it("lists the workspace's invoices from Stripe", async () => {
    const ada = await person();
    expect(await (await ada.client.call(invoicesRoute, "/api/billing/invoices")).json()).toEqual({ invoices: [] });
    await payAt((await (await checkout(ada.client, { priceId: PRO_PRICE })).json()).url);
    const res = await ada.client.call(invoicesRoute, "/api/billing/invoices");
    expect(res.status).toBe(200);
    const { invoices } = await res.json();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ amount: 20, currency: "usd", status: "paid", description: expect.stringContaining("Cairn Pro") });
    expect(invoices[0].id).toMatch(/^in_/);
    expect(invoices[0].invoiceUrl).toMatch(new RegExp(`^${stripe.apiBase}/invoices/in_`));
    expect(new Date(invoices[0].date).getTime()).not.toBeNaN();
    // Its own customer id may be passed, as the spec's clients do.
    const customerId = billingAccount(ada.workspaceId).stripeCustomerId!;
    const own = await ada.client.call(invoicesRoute, `/api/billing/invoices?customerId=${customerId}`);
    expect((await own.json()).invoices).toHaveLength(1);
  });

  it("refuses another workspace's customer id (403) and never reads it", async () => {
    const ada = await person();
    const grace = await person();
    await payAt((await (await checkout(grace.client, { priceId: PRO_PRICE })).json()).url);
    const graceCustomer = billingAccount(grace.workspaceId).stripeCustomerId!;
    const reads = stripe.requests.filter((r) => r.path === "/v1/invoices").length;
    const res = await ada.client.call(invoicesRoute, `/api/billing/invoices?customerId=${graceCustomer}`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: "That Stripe customer is not this workspace's" });
    expect(stripe.requests.filter((r) => r.path === "/v1/invoices").length).toBe(reads);
  });

  it("answers 401 signed out and 422 for a malformed workspace id", async () => {
    const ada = await person();
    expect((await callRoute(invoicesRoute, "/api/billing/invoices")).status).toBe(401);
    expect((await ada.client.call(invoicesRoute, "/api/billing/invoices?workspaceId=12")).status).toBe(422);
  });
});

describe("the billing page (/w/:workspaceId/billing)", () => {
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const page = (p: Person, search = "") =>
    p.client.call(billingPage, `/w/${p.workspaceId}/billing${search}`, { params: { workspaceId: p.workspaceId } });
  const submit = (p: Person, fields: Record<string, string>) =>
    p.client.call(billingPage, `/w/${p.workspaceId}/billing`, { params: { workspaceId: p.workspaceId }, body: form(fields) });

  it("generateCheckoutLink sends the browser to Checkout; Stripe's refusal comes back as a message, not a broken page", async () => {
    const ada = await person();
    const go = await submit(ada, { intent: "checkout", priceId: SMALL_TOPUP_PRICE, mode: "one-time" });
    expect(go.status).toBe(302);
    expect(go.headers.get("Location")).toMatch(new RegExp(`^${stripe.apiBase}/checkout/cs_test_`));

    stripe.failNext(402, { type: "card_error", code: "card_declined", message: "Your card was declined." });
    const refused = await submit(ada, { intent: "checkout", priceId: SMALL_TOPUP_PRICE, mode: "one-time" });
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ ok: false, error: "Stripe could not start the checkout: Your card was declined." });

    const wrong = await submit(ada, { intent: "checkout", priceId: SMALL_TOPUP_PRICE, mode: "subscription" });
    expect(wrong.status).toBe(422);
    const portal = await submit(ada, { intent: "portal" });
    expect(portal.headers.get("Location")).toMatch(/\/portal\/bps_/);
  });

  it("shows plan, balance, invoices, history by type and page; an invoice outage only replaces the invoice list", async () => {
    const ada = await person();
    await payAt((await (await checkout(ada.client, { priceId: PRO_PRICE })).json()).url);
    const sub = billingAccount(ada.workspaceId).stripeSubscriptionId!;
    // Next month, Stripe renews: a second invoice and another month of credits.
    await stripe.renew(sub);
    const data = await (await page(ada)).json();
    expect(data).toMatchObject({ plan: { id: "pro" }, status: "active", balance: 500 + 2 * 20_000, canManage: true, invoicesError: null });
    expect(data.invoices).toHaveLength(2);
    expect(data.history.transactions.map((t: any) => t.type)).toEqual(["subscription", "subscription", "reset"]);
    const resets = await (await page(ada, "?type=reset")).json();
    expect(resets.history).toMatchObject({ total: 1, type: "reset" });
    const beyond = await (await page(ada, "?page=2")).json();
    expect(beyond.history.transactions).toEqual([]);
    // Garbage in the query is ignored, not an error page.
    expect((await page(ada, "?type=nope&page=-3")).status).toBe(200);

    await stripe.cancelAtPeriodEnd(sub);
    expect((await (await page(ada)).json()).status).toBe("cancelling");

    stripe.failNext(500, { type: "api_error", message: "Stripe is down" });
    stripe.failNext(500, { type: "api_error", message: "Stripe is down" });
    const outage = await page(ada);
    expect(outage.status).toBe(200);
    const shown = await outage.json();
    expect(shown.invoicesError).toMatch(/Stripe is down/);
    expect(shown.balance).toBe(500 + 2 * 20_000);
  });
});
