// The Stripe client, and the calls Cairn makes to Stripe: one customer per
// workspace, Checkout sessions, Billing Portal sessions, invoices. Network calls
// happen here, never inside a database transaction.
import { and, eq, isNull } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import { workspacePlans } from "#db/schema";
import { env } from "~/modules/config/env.server";
import { db } from "~/modules/db/database.server";
import { HttpError } from "~/modules/http/errors";
import { logger } from "~/modules/log/logger.server";

let client: { key: string; base: string | undefined; stripe: Stripe } | undefined;

export const stripeConfigured = () => Boolean(env().STRIPE_SECRET_KEY);

/** The SDK, pointed at STRIPE_API_BASE when set (the loopback stand-in in development and tests). */
export function stripe(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_BASE: base } = env();
  if (!key) throw new HttpError(503, "Billing is not set up on this server (STRIPE_SECRET_KEY is missing).");
  if (client?.key !== key || client.base !== base) {
    const url = base ? new URL(base) : undefined;
    const protocol = url?.protocol === "http:" ? "http" : "https";
    client = {
      key,
      base,
      stripe: new Stripe(key, {
        maxNetworkRetries: 1,
        ...(url && { host: url.hostname, port: Number(url.port || (protocol === "http" ? 80 : 443)), protocol }),
      }),
    };
  }
  return client.stripe;
}

/** Runs a Stripe call; its failures become a 502 with a message a person can act on. */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (error instanceof Stripe.errors.StripeConnectionError)
      throw new HttpError(502, `Could not reach Stripe to ${what}. Please try again in a moment.`);
    if (error instanceof Stripe.errors.StripeError) {
      logger().error(`stripe: ${what}: ${error.type} ${error.message}`);
      throw new HttpError(502, `Stripe could not ${what}: ${error.message}`);
    }
    throw error;
  }
}

/** The workspace's Stripe customer id, if it has one yet. */
export function customerIdOf(workspaceId: string): string | null {
  return (
    db().select({ id: workspacePlans.stripeCustomerId }).from(workspacePlans).where(eq(workspacePlans.workspaceId, workspaceId)).get()
      ?.id ?? null
  );
}

/** The workspace a Stripe customer belongs to. */
export function workspaceOfCustomer(customerId: string): string | null {
  return (
    db().select({ id: workspacePlans.workspaceId }).from(workspacePlans).where(eq(workspacePlans.stripeCustomerId, customerId)).get()?.id ??
    null
  );
}

/**
 * The workspace's Stripe customer, created on first need with the workspace id
 * in its metadata. The idempotency key makes two concurrent first needs get the
 * same customer from Stripe; the conditional update keeps the first one stored.
 */
export async function ensureCustomer(workspace: { id: string; name: string }, email: string): Promise<string> {
  const existing = customerIdOf(workspace.id);
  if (existing) return existing;
  const customer = await callStripe("create a customer", () =>
    stripe().customers.create(
      { name: workspace.name, email, metadata: { workspaceId: workspace.id } },
      { idempotencyKey: `cairn-customer-${workspace.id}` },
    ),
  );
  db()
    .update(workspacePlans)
    .set({ stripeCustomerId: customer.id })
    .where(and(eq(workspacePlans.workspaceId, workspace.id), isNull(workspacePlans.stripeCustomerId)))
    .run();
  return customerIdOf(workspace.id) ?? customer.id;
}

// How far a signature or an event may be dated from this server's clock (Stripe's default tolerance).
const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Verifies a webhook's signature on the raw body; 400 if missing, wrong, or
 * dated more than 5 minutes before or after now (Stripe's library only refuses
 * old ones). An event dated in the future would also pin a subscription's
 * state: later events would look older than it.
 */
export function verifyWebhook(rawBody: string, signature: string | null): Stripe.Event {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new HttpError(503, "Stripe webhooks are not set up on this server (STRIPE_WEBHOOK_SECRET is missing).");
  if (!signature) throw new HttpError(400, "Missing stripe-signature header");
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    throw new HttpError(
      400,
      error instanceof Stripe.errors.StripeSignatureVerificationError ? `Invalid signature: ${error.message}` : "Invalid webhook payload",
    );
  }
  const latest = Date.now() / 1000 + WEBHOOK_TOLERANCE_SECONDS;
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
  if (signedAt > latest) throw new HttpError(400, "Invalid signature: its timestamp is in the future");
  // Signed, but still checked: a payload without an event's envelope is refused, never a 500.
  const envelope = eventEnvelope.safeParse(event);
  if (!envelope.success) throw new HttpError(400, "Invalid webhook payload: not a Stripe event");
  if (envelope.data.created > latest) throw new HttpError(400, "Invalid webhook payload: the event is dated in the future");
  return event as Stripe.Event;
}

const eventEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  created: z.number().int().nonnegative(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
