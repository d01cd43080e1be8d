// What a workspace's owners and admins do with Stripe: buy (Checkout), manage
// (Billing Portal) and read invoices. Nothing here changes credits: only
// Stripe's signed webhooks do (subscriptions.server.ts).
import type Stripe from "stripe";
import { env } from "~/modules/config/env.server";
import { HttpError, forbidden } from "~/modules/http/errors";
import { can } from "~/modules/workspaces/permissions";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { findPurchasable, type CheckoutMode } from "./catalog.server";
import { billingAccount, renewedByStripe } from "./subscriptions.server";
import { callStripe, customerIdOf, ensureCustomer, stripe } from "./stripe.server";

function requireBillingManager(membership: Membership) {
  if (!can(membership.role, "billing.manage")) throw forbidden("Only an owner or admin can manage this workspace's billing");
}

const billingPageUrl = (workspaceId: string) => `${env().APP_URL}/w/${workspaceId}/billing`;

/**
 * The spec's generateCheckoutLink(priceId, "subscription" | "one-time"): a
 * Stripe Checkout URL for the workspace's customer (created on first need).
 */
export async function generateCheckoutLink(membership: Membership, priceId: string, mode: CheckoutMode): Promise<string> {
  requireBillingManager(membership);
  const item = findPurchasable(priceId);
  if (!item) throw new HttpError(422, "Validation failed", [{ path: "priceId", message: "Unknown price" }]);
  if (item.mode !== mode)
    throw new HttpError(422, "Validation failed", [
      { path: "mode", message: item.mode === "subscription" ? "This price is a subscription" : "This price is a one-time purchase" },
    ]);
  const workspaceId = membership.workspace.id;
  if (item.kind === "plan" && renewedByStripe(billingAccount(workspaceId)))
    throw new HttpError(409, "This workspace already has a subscription: change or cancel it in the billing portal.");
  const customer = await ensureCustomer(membership.workspace, membership.user.email);
  const back = billingPageUrl(workspaceId);
  const metadata: Record<string, string> =
    item.kind === "plan"
      ? { workspaceId, kind: "plan", planId: item.planId }
      : { workspaceId, kind: "topup", packId: item.packId, credits: String(item.credits) };
  const session = await callStripe("start the checkout", () =>
    stripe().checkout.sessions.create({
      mode: item.mode === "subscription" ? "subscription" : "payment",
      customer,
      client_reference_id: workspaceId,
      line_items: [{ price: item.priceId, quantity: 1 }],
      success_url: `${back}?checkout=success`,
      cancel_url: `${back}?checkout=cancelled`,
      metadata,
      ...(item.mode === "subscription" ? { subscription_data: { metadata: { workspaceId } } } : {}),
    }),
  );
  if (!session.url) throw new HttpError(502, "Stripe did not return a checkout page");
  return session.url;
}

/** A Billing Portal session where the workspace's subscription and payment methods are managed. */
export async function createPortalLink(membership: Membership): Promise<string> {
  requireBillingManager(membership);
  const customer = await ensureCustomer(membership.workspace, membership.user.email);
  const session = await callStripe("open the billing portal", () =>
    stripe().billingPortal.sessions.create({ customer, return_url: billingPageUrl(membership.workspace.id) }),
  );
  return session.url;
}

export type InvoiceView = {
  id: string;
  amount: number;
  currency: string;
  status: string | null;
  date: string;
  invoiceUrl: string | null;
  description: string | null;
};

const invoiceView = (invoice: Stripe.Invoice): InvoiceView => ({
  id: invoice.id ?? "",
  // Major units (20 for $20.00), as the spec's example UI shows them.
  amount: (invoice.status === "paid" ? invoice.amount_paid : invoice.amount_due) / 100,
  currency: invoice.currency,
  status: invoice.status ?? null,
  date: new Date(invoice.created * 1000).toISOString(),
  invoiceUrl: invoice.hosted_invoice_url ?? null,
  description: invoice.description ?? invoice.lines?.data?.[0]?.description ?? null,
});

/**
 * The workspace's invoices, newest first. A `customerId` from the client is
 * never used to read: it must be the workspace's own customer (403 otherwise).
 */
export async function listInvoices(membership: Membership, customerId?: string): Promise<InvoiceView[]> {
  requireBillingManager(membership);
  const own = customerIdOf(membership.workspace.id);
  if (customerId !== undefined && customerId !== own) throw forbidden("That Stripe customer is not this workspace's");
  if (!own) return [];
  const list = await callStripe("list the invoices", () => stripe().invoices.list({ customer: own, limit: 24 }));
  return list.data.map(invoiceView);
}
