// The Stripe stand-in wired to the webhook route in-process, started before
// anything reads the environment, plus builders of Stripe objects for tests
// that craft their own event sequences.
import { randomBytes } from "node:crypto";
import * as webhookRoute from "~/routes/api/webhooks.stripe";
import { startStripeStandIn } from "../fakes/stripe";
import { callRoute } from "./client";

export const CRON_SECRET = "cron-secret-for-tests-0123456789abcdef";
export const PRO_PRICE = "price_cairn_pro_monthly";
export const SMALL_TOPUP_PRICE = "price_cairn_topup_5k";

/** Posts a raw webhook body to Cairn's handler (no cookie, no Origin, as Stripe sends it). */
export async function postWebhook(
  payload: string,
  signature?: string,
  path = "/api/webhooks/stripe",
  mod: typeof webhookRoute = webhookRoute,
) {
  const res = await callRoute(mod, path, {
    method: "POST",
    body: payload,
    origin: null,
    headers: { "Content-Type": "application/json", ...(signature ? { "Stripe-Signature": signature } : {}) },
  });
  return { status: res.status, body: await res.text() };
}

export async function startStripe() {
  const stripe = await startStripeStandIn({ deliver: (payload, signature) => postWebhook(payload, signature) });
  process.env.STRIPE_SECRET_KEY = stripe.secretKey;
  process.env.STRIPE_WEBHOOK_SECRET = stripe.webhookSecret;
  process.env.STRIPE_API_BASE = stripe.apiBase;
  process.env.CRON_SECRET = CRON_SECRET;
  return stripe;
}

export const stripeId = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;
const MONTH = 30 * 24 * 3600;

export const checkoutSession = (o: {
  customer: string;
  mode: "payment" | "subscription";
  subscription?: string;
  invoice?: string;
  metadata?: Record<string, string>;
}) => ({
  id: stripeId("cs_test"),
  object: "checkout.session",
  mode: o.mode,
  status: "complete",
  payment_status: "paid",
  customer: o.customer,
  client_reference_id: null,
  subscription: o.subscription ?? null,
  invoice: o.invoice ?? null,
  metadata: o.metadata ?? {},
});

export const subscriptionInvoice = (o: { customer: string; subscription: string; start: number; id?: string }) => ({
  id: o.id ?? stripeId("in"),
  object: "invoice",
  customer: o.customer,
  status: "paid",
  amount_paid: 2000,
  amount_due: 2000,
  currency: "usd",
  billing_reason: "subscription_cycle",
  created: o.start,
  metadata: {},
  parent: { type: "subscription_details", subscription_details: { subscription: o.subscription, metadata: {} } },
  lines: {
    object: "list",
    data: [{ id: stripeId("il"), object: "line_item", period: { start: o.start, end: o.start + MONTH } }],
    has_more: false,
  },
});

export const subscriptionObject = (o: { id: string; customer: string; status: string; cancelAtPeriodEnd?: boolean; endedAt?: number }) => ({
  id: o.id,
  object: "subscription",
  customer: o.customer,
  status: o.status,
  cancel_at_period_end: o.cancelAtPeriodEnd ?? false,
  ended_at: o.endedAt ?? null,
  canceled_at: o.endedAt ?? null,
  metadata: {},
  items: { object: "list", data: [] },
});

export { MONTH };
