// Stripe's webhook events applied to a workspace's plan and credits. Each event
// is recorded by id in stripe_events in the same synchronous transaction as
// its effect, so a redelivered event changes nothing. Events may arrive in any
// order: grants are keyed by what was paid (invoice, checkout session), and
// subscription state only moves forward in Stripe's event time.
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { z } from "zod";
import { stripeEvents, workspacePlans, type Plan } from "#db/schema";
import { db, transaction } from "~/modules/db/database.server";
import { recordCreditsOnce } from "./credits.server";
import { findTopUpPack, PLANS } from "./plans";

export type BillingAccount = typeof workspacePlans.$inferSelect;

export function billingAccount(workspaceId: string): BillingAccount {
  const row = db().select().from(workspacePlans).where(eq(workspacePlans.workspaceId, workspaceId)).get();
  if (!row) throw new Error(`workspace ${workspaceId} has no billing account`);
  return row;
}

// Statuses in which Stripe still renews (and charges for) the subscription.
const RENEWING = new Set(["active", "trialing", "past_due"]);

/** Whether Stripe renews this workspace's credits (then the monthly cron leaves it alone). */
export const renewedByStripe = (account: Pick<BillingAccount, "subscriptionStatus">) => RENEWING.has(account.subscriptionStatus ?? "");

export type BillingStatus = "free" | "active" | "past_due" | "cancelling" | "canceled";

/** What the billing page shows as the subscription's state. */
export function billingStatus(account: BillingAccount): BillingStatus {
  const status = account.subscriptionStatus;
  if (!status) return "free";
  if (status === "past_due" || status === "unpaid") return "past_due";
  if (RENEWING.has(status)) return account.cancelAtPeriodEnd ? "cancelling" : "active";
  return account.plan === "free" ? (status === "canceled" ? "canceled" : "free") : "active";
}

// Only the fields Cairn reads, so an unexpected shape is ignored, not a crash.
const id = z.string().min(1);
const expandable = z.union([id, z.object({ id })]).transform((v) => (typeof v === "string" ? v : v.id));
const metadata = z
  .record(z.string(), z.string())
  .nullish()
  .transform((m) => m ?? {});

const checkoutSession = z.object({
  id,
  mode: z.enum(["payment", "subscription", "setup"]),
  payment_status: z.string(),
  customer: expandable.nullish(),
  client_reference_id: z.string().nullish(),
  subscription: expandable.nullish(),
  invoice: expandable.nullish(),
  metadata,
});

const period = z.object({ start: z.number(), end: z.number() });
const invoice = z.object({
  id,
  customer: expandable.nullish(),
  billing_reason: z.string().nullish(),
  // API 2025+: the subscription lives under parent.subscription_details; older versions had it top-level.
  parent: z.object({ subscription_details: z.object({ subscription: expandable }).nullish() }).nullish(),
  subscription: expandable.nullish(),
  lines: z.object({ data: z.array(z.object({ period: period.optional() })) }).optional(),
  metadata,
});

const subscription = z.object({
  id,
  customer: expandable,
  status: z.string(),
  cancel_at_period_end: z.boolean().optional(),
  ended_at: z.number().nullish(),
  canceled_at: z.number().nullish(),
  metadata,
});

type Tx = ReturnType<typeof db>;
type Outcome = "applied" | "ignored" | "duplicate";

/** The workspace an event is about: by its Stripe customer, else the workspace id Cairn put in metadata. */
function resolveWorkspace(tx: Tx, customerId: string | null | undefined, ...candidates: (string | null | undefined)[]): string | null {
  if (customerId) {
    const row = tx
      .select({ id: workspacePlans.workspaceId })
      .from(workspacePlans)
      .where(eq(workspacePlans.stripeCustomerId, customerId))
      .get();
    if (row) return row.id;
  }
  for (const candidate of candidates) {
    if (!candidate) continue;
    const row = tx.select({ id: workspacePlans.workspaceId }).from(workspacePlans).where(eq(workspacePlans.workspaceId, candidate)).get();
    if (row) return row.id;
  }
  return null;
}

const planFor = (status: string): Plan => (RENEWING.has(status) ? "pro" : "free");

/**
 * Moves the workspace's subscription state to what an event says, unless a
 * newer event already spoke. A canceled subscription is final: no late event
 * about it brings it back, and events about a subscription that is not the
 * workspace's current one only count if they are newer and not its end.
 */
function updateSubscription(
  tx: Tx,
  workspaceId: string,
  change: { subscriptionId: string; status: string; cancelAtPeriodEnd?: boolean; at: Date; periodEnd?: Date },
) {
  const account = tx.select().from(workspacePlans).where(eq(workspacePlans.workspaceId, workspaceId)).get()!;
  const sameSubscription = account.stripeSubscriptionId === change.subscriptionId;
  if (account.subscriptionChangedAt && change.at < account.subscriptionChangedAt) return;
  if (sameSubscription && account.subscriptionStatus === "canceled") return;
  if (!sameSubscription && account.stripeSubscriptionId && !RENEWING.has(change.status)) return;
  const plan = planFor(change.status);
  tx.update(workspacePlans)
    .set({
      plan,
      stripeSubscriptionId: change.subscriptionId,
      subscriptionStatus: change.status,
      cancelAtPeriodEnd:
        change.status === "canceled" ? false : (change.cancelAtPeriodEnd ?? (sameSubscription ? account.cancelAtPeriodEnd : false)),
      subscriptionChangedAt: change.at,
      // Once canceled, the free plan's monthly reset is due at the subscription's end.
      ...(change.status === "canceled" && change.periodEnd ? { periodEnd: change.periodEnd } : {}),
    })
    .where(eq(workspacePlans.workspaceId, workspaceId))
    .run();
}

/**
 * A paid subscription invoice: its period becomes the workspace's unless the
 * current period started later (a newer invoice, or a reset after the end).
 * Stripe times are whole seconds, so the comparison is too.
 */
function extendPeriod(tx: Tx, workspaceId: string, start: Date, end: Date) {
  const account = tx.select().from(workspacePlans).where(eq(workspacePlans.workspaceId, workspaceId)).get()!;
  const currentStart = Math.floor(account.periodStart.getTime() / 1000) * 1000;
  if (start.getTime() >= currentStart && (!account.subscriptionStatus || RENEWING.has(account.subscriptionStatus)))
    tx.update(workspacePlans).set({ periodStart: start, periodEnd: end }).where(eq(workspacePlans.workspaceId, workspaceId)).run();
}

function grantSubscriptionCredits(workspaceId: string, invoiceId: string) {
  recordCreditsOnce(workspaceId, {
    type: "subscription",
    amount: PLANS.pro.monthlyCredits,
    description: `${PLANS.pro.label} plan: monthly credits`,
    reference: `invoice:${invoiceId}`,
  });
}

function onCheckoutCompleted(tx: Tx, event: Stripe.Event, at: Date): string | null {
  const parsed = checkoutSession.safeParse(event.data.object);
  if (!parsed.success) return null;
  const session = parsed.data;
  const workspaceId = resolveWorkspace(tx, session.customer, session.client_reference_id, session.metadata.workspaceId);
  if (!workspaceId || session.payment_status === "unpaid") return null;
  if (session.mode === "payment") {
    const pack = findTopUpPack(session.metadata.packId);
    if (!pack) return null;
    recordCreditsOnce(workspaceId, {
      type: "topup",
      amount: pack.credits,
      description: `Top-up: ${pack.label}`,
      reference: `checkout:${session.id}`,
    });
    return workspaceId;
  }
  if (session.mode !== "subscription" || !session.subscription) return null;
  updateSubscription(tx, workspaceId, { subscriptionId: session.subscription, status: "active", at });
  // The first invoice's credits; its invoice.paid event carries the same reference, so one grant.
  if (session.invoice) grantSubscriptionCredits(workspaceId, session.invoice);
  return workspaceId;
}

const MONTHLY_INVOICES = new Set(["subscription_create", "subscription_cycle"]);

function onInvoice(tx: Tx, event: Stripe.Event, at: Date): string | null {
  const parsed = invoice.safeParse(event.data.object);
  if (!parsed.success) return null;
  const inv = parsed.data;
  const subscriptionId = inv.parent?.subscription_details?.subscription ?? inv.subscription;
  if (!subscriptionId) return null;
  const workspaceId = resolveWorkspace(tx, inv.customer, inv.metadata.workspaceId);
  if (!workspaceId) return null;
  if (event.type === "invoice.payment_failed") {
    updateSubscription(tx, workspaceId, { subscriptionId, status: "past_due", at });
    return workspaceId;
  }
  updateSubscription(tx, workspaceId, { subscriptionId, status: "active", at });
  // A month's credits come with the first invoice and each renewal, not with proration or manual invoices.
  if (!inv.billing_reason || MONTHLY_INVOICES.has(inv.billing_reason)) grantSubscriptionCredits(workspaceId, inv.id);
  const line = inv.lines?.data.find((l) => l.period)?.period;
  if (line) extendPeriod(tx, workspaceId, new Date(line.start * 1000), new Date(line.end * 1000));
  return workspaceId;
}

function onSubscription(tx: Tx, event: Stripe.Event, at: Date): string | null {
  const parsed = subscription.safeParse(event.data.object);
  if (!parsed.success) return null;
  const sub = parsed.data;
  const workspaceId = resolveWorkspace(tx, sub.customer, sub.metadata.workspaceId);
  if (!workspaceId) return null;
  const deleted = event.type === "customer.subscription.deleted";
  const endedAt = sub.ended_at ?? sub.canceled_at;
  updateSubscription(tx, workspaceId, {
    subscriptionId: sub.id,
    status: deleted ? "canceled" : sub.status,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    at,
    periodEnd: deleted ? (endedAt ? new Date(endedAt * 1000) : at) : undefined,
  });
  return workspaceId;
}

// A Map: an event type such as "constructor" or "__proto__" must find no handler.
const HANDLERS = new Map<string, (tx: Tx, event: Stripe.Event, at: Date) => string | null>([
  ["checkout.session.completed", onCheckoutCompleted],
  ["checkout.session.async_payment_succeeded", onCheckoutCompleted],
  ["invoice.paid", onInvoice],
  ["invoice.payment_failed", onInvoice],
  ["customer.subscription.updated", onSubscription],
  ["customer.subscription.deleted", onSubscription],
]);

/**
 * Applies a verified Stripe event exactly once. Unknown types, and events about
 * customers Cairn does not know, are recorded as ignored (and acknowledged).
 */
export function applyStripeEvent(event: Stripe.Event): Outcome {
  return transaction((tx) => {
    const at = new Date(event.created * 1000);
    const inserted = tx
      .insert(stripeEvents)
      .values({ id: event.id, type: event.type, outcome: "ignored", eventCreatedAt: at })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 0) return "duplicate";
    const handler = HANDLERS.get(event.type);
    const workspaceId = handler ? handler(tx, event, at) : null;
    if (!workspaceId) return "ignored";
    tx.update(stripeEvents).set({ outcome: "applied", workspaceId }).where(eq(stripeEvents.id, event.id)).run();
    return "applied";
  });
}
