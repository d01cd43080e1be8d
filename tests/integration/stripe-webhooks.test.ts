// Stripe webhooks with real signatures (the SDK's test header) and the monthly
// cron: each event type, exactly-once delivery, shuffled order, bad signatures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { stripeEvents, workspacePlans } from "#db/schema";
import { creditBalance, listCreditTransactions, recordCredits, workspacePlan } from "~/modules/billing/credits.server";
import { ensureCustomer } from "~/modules/billing/stripe.server";
import { billingAccount, billingStatus } from "~/modules/billing/subscriptions.server";
import { db } from "~/modules/db/database.server";
import * as cronRoute from "~/routes/api/cron.reset-credits";
import * as subscriptionsWebhookRoute from "~/routes/api/subscriptions.webhook";
import * as workspacesRoute from "~/routes/api/workspaces";
import { startSmtpCapture, type Mailbox } from "../fakes/smtp";
import { signedInClient } from "../support/accounts";
import { callRoute } from "../support/client";
import {
  CRON_SECRET,
  MONTH,
  checkoutSession,
  postWebhook,
  startStripe,
  stripeId,
  subscriptionInvoice,
  subscriptionObject,
} from "../support/stripe";

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

/** A new free workspace with the free monthly grant (a new person's personal one) and its Stripe customer. */
async function customerWorkspace() {
  const owner = await signedInClient(mailbox);
  const [workspace] = (await (await owner.client.call(workspacesRoute, "/api/workspaces")).json()).workspaces;
  const customer = await ensureCustomer(workspace, owner.email);
  return { workspaceId: workspace.id as string, customer };
}

type Event = Record<string, any>;
const deliver = async (event: Event) => {
  const payload = JSON.stringify(event);
  return postWebhook(payload, stripe.sign(payload));
};
const ledger = (workspaceId: string) => listCreditTransactions(workspaceId, { limit: 200, offset: 0 }).transactions;
const processedEvents = () => db().select().from(stripeEvents).all().length;
const now = () => Math.floor(Date.now() / 1000);

describe("POST /api/webhooks/stripe: signatures", () => {
  it("answers 400 and changes nothing for a missing, tampered, wrongly keyed or expired signature, or a body that is not JSON", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const event = stripe.event(
      "checkout.session.completed",
      checkoutSession({ customer, mode: "payment", metadata: { workspaceId, packId: "large" } }),
    );
    const payload = JSON.stringify(event);
    const before = { balance: creditBalance(workspaceId), events: processedEvents() };

    const missing = await postWebhook(payload);
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toEqual({ error: "Missing stripe-signature header" });
    const tampered = await postWebhook(payload.replace('"large"', '"small"'), stripe.sign(payload));
    expect(tampered.status).toBe(400);
    expect(JSON.parse(tampered.body).error).toMatch(/^Invalid signature/);
    expect((await postWebhook(payload, stripe.sign(payload, now(), "whsec_someone_else"))).status).toBe(400);
    expect((await postWebhook(payload, stripe.sign(payload, now() - 301))).status).toBe(400);
    expect((await postWebhook(payload, "t=1,v1=deadbeef")).status).toBe(400);
    expect((await postWebhook(payload, "garbage")).status).toBe(400);
    expect((await postWebhook("not json", stripe.sign("not json"))).status).toBe(400);
    // Signed, but not an event.
    for (const body of [
      "[]",
      "null",
      '{"id":"evt_1","type":"invoice.paid"}',
      '{"id":"evt_2","type":"invoice.paid","created":"soon","data":{"object":{}}}',
    ])
      expect((await postWebhook(body, stripe.sign(body))).status).toBe(400);

    expect(creditBalance(workspaceId)).toBe(before.balance);
    expect(processedEvents()).toBe(before.events);
    // The same event, correctly signed, is applied.
    expect(await deliver(event)).toEqual({ status: 200, body: JSON.stringify({ received: true }) });
    expect(creditBalance(workspaceId)).toBe(before.balance + 25_000);
  });

  it("acknowledges unknown event types and events about unknown customers without changing anything", async () => {
    const { workspaceId } = await customerWorkspace();
    const balance = creditBalance(workspaceId);
    expect((await deliver(stripe.event("customer.created", { id: stripeId("cus"), object: "customer" }))).status).toBe(200);
    const stranger = stripe.event(
      "checkout.session.completed",
      checkoutSession({ customer: stripeId("cus"), mode: "payment", metadata: { packId: "large" } }),
    );
    expect((await deliver(stranger)).status).toBe(200);
    expect((await deliver(stripe.event("invoice.paid", { id: stripeId("in"), object: "invoice", weird: true }))).status).toBe(200);
    expect(creditBalance(workspaceId)).toBe(balance);
  });

  it("refuses a signature or an event dated more than 5 minutes ahead, and accepts a small clock skew", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const topUp = () => checkoutSession({ customer, mode: "payment", metadata: { workspaceId, packId: "small" } });
    const balance = creditBalance(workspaceId);
    const before = processedEvents();

    const signedAhead = JSON.stringify(stripe.event("checkout.session.completed", topUp()));
    const refusedSignature = await postWebhook(signedAhead, stripe.sign(signedAhead, now() + 3600));
    expect(refusedSignature.status).toBe(400);
    expect(JSON.parse(refusedSignature.body).error).toMatch(/^Invalid signature: .*future/);
    const datedAhead = await deliver(stripe.event("checkout.session.completed", topUp(), now() + 3600));
    expect(datedAhead.status).toBe(400);
    expect(JSON.parse(datedAhead.body).error).toMatch(/future/);
    expect(processedEvents()).toBe(before);
    expect(creditBalance(workspaceId)).toBe(balance);

    const skewed = JSON.stringify(stripe.event("checkout.session.completed", topUp(), now() + 60));
    expect((await postWebhook(skewed, stripe.sign(skewed, now() + 60))).status).toBe(200);
    expect(creditBalance(workspaceId)).toBe(balance + 5_000);
  });

  it("records and acknowledges events whose type or pack id names an object property, changing nothing", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const balance = creditBalance(workspaceId);
    const events = [
      ...["__proto__", "constructor", "toString", "hasOwnProperty"].map((packId) =>
        stripe.event("checkout.session.completed", checkoutSession({ customer, mode: "payment", metadata: { workspaceId, packId } })),
      ),
      ...["__proto__", "constructor", "toString", "valueOf"].map((type) =>
        stripe.event(type, checkoutSession({ customer, mode: "payment", metadata: { workspaceId, packId: "large" } })),
      ),
    ];
    for (const event of events) {
      const answer = await deliver(event);
      expect(answer, `${event.type} ${event.data.object.metadata.packId}`).toEqual({
        status: 200,
        body: JSON.stringify({ received: true }),
      });
      // Recorded, so Stripe's redelivery is a duplicate, not a retry that never ends.
      expect(db().select().from(stripeEvents).where(eq(stripeEvents.id, event.id)).get()).toMatchObject({ outcome: "ignored" });
    }
    expect(creditBalance(workspaceId)).toBe(balance);
  });

  it("is also served at /api/subscriptions/webhook, with the same checks", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const payload = JSON.stringify(
      stripe.event("checkout.session.completed", checkoutSession({ customer, mode: "payment", metadata: { packId: "small" } })),
    );
    const post = (signature?: string) => postWebhook(payload, signature, "/api/subscriptions/webhook", subscriptionsWebhookRoute);
    expect((await post()).status).toBe(400);
    expect((await post(stripe.sign(payload))).status).toBe(200);
    expect(creditBalance(workspaceId)).toBe(500 + 5_000);
    const get = await callRoute(subscriptionsWebhookRoute, "/api/subscriptions/webhook");
    expect(get.status).toBe(405);
  });
});

describe("POST /api/webhooks/stripe: events", () => {
  it("checkout.session.completed (payment) adds the pack's credits as a top-up", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    await deliver(
      stripe.event("checkout.session.completed", checkoutSession({ customer, mode: "payment", metadata: { packId: "small" } })),
    );
    expect(creditBalance(workspaceId)).toBe(5_500);
    expect(ledger(workspaceId)[0]).toMatchObject({ type: "topup", amount: 5_000, description: "Top-up: 5,000 credits" });
    expect(workspacePlan(workspaceId).plan).toBe("free");
  });

  it("an unpaid checkout (a delayed payment method) grants nothing until it succeeds", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const session = { ...checkoutSession({ customer, mode: "payment", metadata: { packId: "small" } }), payment_status: "unpaid" };
    await deliver(stripe.event("checkout.session.completed", session));
    expect(creditBalance(workspaceId)).toBe(500);
    await deliver(stripe.event("checkout.session.async_payment_succeeded", { ...session, payment_status: "paid" }));
    expect(creditBalance(workspaceId)).toBe(5_500);
  });

  it("checkout.session.completed (subscription) upgrades to Pro and grants the first month; its invoice.paid does not grant again", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const sub = stripeId("sub");
    const invoice = subscriptionInvoice({ customer, subscription: sub, start: now() });
    await deliver(
      stripe.event(
        "checkout.session.completed",
        checkoutSession({ customer, mode: "subscription", subscription: sub, invoice: invoice.id }),
      ),
    );
    expect(workspacePlan(workspaceId).plan).toBe("pro");
    expect(billingStatus(billingAccount(workspaceId))).toBe("active");
    expect(creditBalance(workspaceId)).toBe(20_500);
    await deliver(stripe.event("invoice.paid", invoice));
    expect(creditBalance(workspaceId)).toBe(20_500);
    expect(workspacePlan(workspaceId).periodEnd.getTime()).toBe(invoice.lines.data[0]!.period.end * 1000);
  });

  it("invoice.paid for a new period renews the month's credits and moves the period", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const sub = stripeId("sub");
    // The renewal is now: after the new workspace's own period began, and (as every event) not
    // dated further ahead than the webhook's tolerance.
    const t = now() - MONTH + 60;
    await deliver(stripe.event("invoice.paid", subscriptionInvoice({ customer, subscription: sub, start: t }), t));
    const renewal = subscriptionInvoice({ customer, subscription: sub, start: t + MONTH });
    await deliver(stripe.event("invoice.paid", renewal, t + MONTH));
    expect(creditBalance(workspaceId)).toBe(500 + 2 * 20_000);
    expect(workspacePlan(workspaceId)).toMatchObject({ plan: "pro" });
    expect(workspacePlan(workspaceId).periodStart.getTime()).toBe((t + MONTH) * 1000);
    // A proration invoice (a mid-month change) is paid for, but is not another month of credits.
    const proration = {
      ...subscriptionInvoice({ customer, subscription: sub, start: t + MONTH + 100 }),
      billing_reason: "subscription_update",
    };
    await deliver(stripe.event("invoice.paid", proration, t + MONTH + 100));
    expect(creditBalance(workspaceId)).toBe(500 + 2 * 20_000);
    expect(
      ledger(workspaceId)
        .filter((r) => r.type === "subscription")
        .map((r) => r.reference),
    ).toEqual([`invoice:${renewal.id}`, expect.stringMatching(/^invoice:in_/)]);
  });

  it("customer.subscription.updated shows a cancellation at period end; invoice.payment_failed shows past due; deleted goes back to free", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const sub = stripeId("sub");
    const t = now();
    await deliver(stripe.event("invoice.paid", subscriptionInvoice({ customer, subscription: sub, start: t }), t));
    await deliver(
      stripe.event("invoice.payment_failed", { ...subscriptionInvoice({ customer, subscription: sub, start: t }), status: "open" }, t + 1),
    );
    expect(billingStatus(billingAccount(workspaceId))).toBe("past_due");
    expect(workspacePlan(workspaceId).plan).toBe("pro");
    await deliver(
      stripe.event(
        "customer.subscription.updated",
        subscriptionObject({ id: sub, customer, status: "active", cancelAtPeriodEnd: true }),
        t + 2,
      ),
    );
    expect(billingStatus(billingAccount(workspaceId))).toBe("cancelling");
    expect(workspacePlan(workspaceId).plan).toBe("pro");
    await deliver(
      stripe.event("customer.subscription.deleted", subscriptionObject({ id: sub, customer, status: "canceled", endedAt: t + 3 }), t + 3),
    );
    expect(billingStatus(billingAccount(workspaceId))).toBe("canceled");
    expect(workspacePlan(workspaceId).plan).toBe("free");
    // Credits already paid for stay.
    expect(creditBalance(workspaceId)).toBe(20_500);
  });

  it("applies the same event once, even delivered 100 times at once", async () => {
    const { workspaceId, customer } = await customerWorkspace();
    const event = stripe.event("checkout.session.completed", checkoutSession({ customer, mode: "payment", metadata: { packId: "large" } }));
    const answers = await Promise.all(Array.from({ length: 100 }, () => deliver(event)));
    expect(answers.every((a) => a.status === 200 && a.body === JSON.stringify({ received: true }))).toBe(true);
    expect(creditBalance(workspaceId)).toBe(500 + 25_000);
    expect(ledger(workspaceId).filter((r) => r.type === "topup")).toHaveLength(1);
    expect(db().select().from(stripeEvents).where(eq(stripeEvents.id, event.id)).all()).toEqual([
      expect.objectContaining({ outcome: "applied", workspaceId }),
    ]);
  });

  it("a realistic sequence delivered in any order (and with retries) ends in the same state", async () => {
    /** Upgrade, a top-up, past due then recovered, one renewal, cancel at period end, deletion. */
    const sequence = (customer: string) => {
      const sub = stripeId("sub");
      const t = now() - 3 * MONTH;
      const first = subscriptionInvoice({ customer, subscription: sub, start: t });
      const second = subscriptionInvoice({ customer, subscription: sub, start: t + MONTH });
      return [
        stripe.event(
          "checkout.session.completed",
          checkoutSession({ customer, mode: "subscription", subscription: sub, invoice: first.id }),
          t,
        ),
        stripe.event("invoice.paid", first, t),
        stripe.event("customer.subscription.updated", subscriptionObject({ id: sub, customer, status: "active" }), t + 1),
        stripe.event("checkout.session.completed", checkoutSession({ customer, mode: "payment", metadata: { packId: "small" } }), t + 100),
        stripe.event("invoice.payment_failed", { ...second, status: "open" }, t + MONTH),
        stripe.event("customer.subscription.updated", subscriptionObject({ id: sub, customer, status: "past_due" }), t + MONTH),
        stripe.event("invoice.paid", second, t + MONTH + 3600),
        stripe.event("customer.subscription.updated", subscriptionObject({ id: sub, customer, status: "active" }), t + MONTH + 3600),
        stripe.event(
          "customer.subscription.updated",
          subscriptionObject({ id: sub, customer, status: "active", cancelAtPeriodEnd: true }),
          t + MONTH + 7200,
        ),
        stripe.event(
          "customer.subscription.deleted",
          subscriptionObject({ id: sub, customer, status: "canceled", endedAt: t + 2 * MONTH }),
          t + 2 * MONTH,
        ),
      ];
    };
    const finalState = (workspaceId: string) => ({
      plan: workspacePlan(workspaceId).plan,
      status: billingStatus(billingAccount(workspaceId)),
      balance: creditBalance(workspaceId),
      ledger: ledger(workspaceId)
        .map((r) => `${r.type} ${r.amount}`)
        .sort(),
    });
    // A seeded shuffle, so a failure can be replayed.
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const shuffled = <T>(items: T[]) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    };

    const inOrder = await customerWorkspace();
    for (const event of sequence(inOrder.customer)) await deliver(event);
    const expected = finalState(inOrder.workspaceId);
    expect(expected).toEqual({
      plan: "free",
      status: "canceled",
      balance: 500 + 2 * 20_000 + 5_000,
      ledger: ["reset 500", "subscription 20000", "subscription 20000", "topup 5000"],
    });

    for (let round = 0; round < 8; round++) {
      const { workspaceId, customer } = await customerWorkspace();
      const events = sequence(customer);
      // Every event at least once, some twice (Stripe retries), in a random order.
      const deliveries = shuffled([...events, ...events.filter(() => random() < 0.3)]);
      for (const event of deliveries) expect((await deliver(event)).status).toBe(200);
      expect(finalState(workspaceId)).toEqual(expected);
    }
  });
});

describe("GET /api/cron/reset-credits", () => {
  const runCron = (authorization?: string) =>
    callRoute(cronRoute, "/api/cron/reset-credits", { headers: authorization ? { Authorization: authorization } : {} });
  /** Moves the workspace's period into the past, as if a month had gone by. */
  const periodElapsed = (workspaceId: string) => {
    const end = new Date(Date.now() - 1000);
    db()
      .update(workspacePlans)
      .set({ periodStart: new Date(end.getTime() - MONTH * 1000), periodEnd: end })
      .where(eq(workspacePlans.workspaceId, workspaceId))
      .run();
  };

  it("answers 401 without the secret, with a wrong one, or with another scheme", async () => {
    const { workspaceId } = await customerWorkspace();
    periodElapsed(workspaceId);
    recordCredits(workspaceId, { type: "adjustment", amount: -400, description: "spent" });
    for (const header of [undefined, "Bearer wrong", `Basic ${CRON_SECRET}`, `Bearer ${CRON_SECRET}x`, "Bearer "]) {
      const res = await runCron(header);
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe("A valid cron secret is required");
    }
    expect(creditBalance(workspaceId)).toBe(100);
  });

  it("resets each workspace whose period elapsed back to its monthly credits, once per period", async () => {
    // Whatever earlier tests left due: Stripe's periods end on whole seconds, so one may end
    // within the second after now; the cleanup runs once that second has passed.
    await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 1));
    await runCron(`Bearer ${CRON_SECRET}`);
    const spent = await customerWorkspace();
    const rich = await customerWorkspace();
    const notDue = await customerWorkspace();
    periodElapsed(spent.workspaceId);
    periodElapsed(rich.workspaceId);
    recordCredits(spent.workspaceId, { type: "adjustment", amount: -450, description: "spent" });
    recordCredits(rich.workspaceId, { type: "topup", amount: 5_000, description: "bought" });
    recordCredits(notDue.workspaceId, { type: "adjustment", amount: -450, description: "spent" });

    const res = await runCron(`Bearer ${CRON_SECRET}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ message: "Credit reset completed", resetCount: 2 });
    expect(creditBalance(spent.workspaceId)).toBe(500);
    expect(ledger(spent.workspaceId)[0]).toMatchObject({ type: "reset", amount: 450, description: "Free plan: monthly credits" });
    // Top-ups above the allowance are kept; nothing to add.
    expect(creditBalance(rich.workspaceId)).toBe(5_500);
    expect(creditBalance(notDue.workspaceId)).toBe(50);
    expect(workspacePlan(spent.workspaceId).periodEnd.getTime()).toBeGreaterThan(Date.now());

    // A second run in the same period grants nothing.
    recordCredits(spent.workspaceId, { type: "adjustment", amount: -100, description: "spent again" });
    expect(await (await runCron(`Bearer ${CRON_SECRET}`)).json()).toEqual({ message: "Credit reset completed", resetCount: 0 });
    expect(creditBalance(spent.workspaceId)).toBe(400);
  });

  it("on a LiteFS replica, asks Fly to replay the run on the primary instead of writing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "litefs-"));
    fs.writeFileSync(path.join(dir, ".primary"), "primary-machine\n");
    const { workspaceId } = await customerWorkspace();
    periodElapsed(workspaceId);
    recordCredits(workspaceId, { type: "adjustment", amount: -400, description: "spent" });
    process.env.LITEFS_DIR = dir;
    try {
      expect((await runCron("Bearer wrong")).status).toBe(401);
      const res = await runCron(`Bearer ${CRON_SECRET}`);
      expect(res.status).toBe(409);
      expect(res.headers.get("fly-replay")).toBe("instance=primary-machine");
    } finally {
      delete process.env.LITEFS_DIR;
      fs.rmSync(dir, { recursive: true });
    }
    expect(creditBalance(workspaceId)).toBe(100);
    expect((await (await runCron(`Bearer ${CRON_SECRET}`)).json()).resetCount).toBeGreaterThanOrEqual(1);
    expect(creditBalance(workspaceId)).toBe(500);
  });

  it("leaves a workspace mid-subscription to Stripe, and resets it once the subscription has ended", async () => {
    await runCron(`Bearer ${CRON_SECRET}`);
    const { workspaceId, customer } = await customerWorkspace();
    const sub = stripeId("sub");
    const t = now();
    await deliver(stripe.event("invoice.paid", subscriptionInvoice({ customer, subscription: sub, start: t }), t));
    // A month later its Stripe period has elapsed, but Stripe (not cron) renews it.
    periodElapsed(workspaceId);
    expect(workspacePlan(workspaceId).periodEnd.getTime()).toBeLessThan(Date.now());
    recordCredits(workspaceId, { type: "adjustment", amount: -20_400, description: "spent" });
    expect(await (await runCron(`Bearer ${CRON_SECRET}`)).json()).toEqual({ message: "Credit reset completed", resetCount: 0 });
    expect(creditBalance(workspaceId)).toBe(100);
    expect(ledger(workspaceId).some((r) => r.type === "reset" && r.reference?.startsWith("period:"))).toBe(false);

    await deliver(
      stripe.event(
        "customer.subscription.deleted",
        subscriptionObject({ id: sub, customer, status: "canceled", endedAt: now() - 5 }),
        now(),
      ),
    );
    expect(await (await runCron(`Bearer ${CRON_SECRET}`)).json()).toEqual({ message: "Credit reset completed", resetCount: 1 });
    expect(creditBalance(workspaceId)).toBe(500);
    expect(workspacePlan(workspaceId).plan).toBe("free");
  });
});
