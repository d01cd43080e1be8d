// Everything the billing page shows, gathered in one place so the route stays thin.
import type { CreditTransactionType } from "#db/schema";
import { env } from "~/modules/config/env.server";
import { HttpError } from "~/modules/http/errors";
import { can } from "~/modules/workspaces/permissions";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { purchasables } from "./catalog.server";
import { listInvoices, type InvoiceView } from "./checkout.server";
import { availableCredits, creditBalance, listCreditTransactions, usageByDay } from "./credits.server";
import { monthlyAllowance, PLANS } from "./plans";
import { billingAccount, billingStatus } from "./subscriptions.server";
import { stripeConfigured } from "./stripe.server";

export const HISTORY_PAGE_SIZE = 20;

export async function billingOverview(membership: Membership, history: { type?: CreditTransactionType; page: number }) {
  const workspaceId = membership.workspace.id;
  const account = billingAccount(workspaceId);
  const canManage = can(membership.role, "billing.manage");
  let invoices: InvoiceView[] = [];
  let invoicesError: string | null = null;
  if (canManage && account.stripeCustomerId) {
    try {
      invoices = await listInvoices(membership);
    } catch (error) {
      // Stripe being down must not break the page: say so where the invoices would be.
      if (!(error instanceof HttpError)) throw error;
      invoicesError = error.message;
    }
  }
  const { transactions, total } = listCreditTransactions(workspaceId, {
    limit: HISTORY_PAGE_SIZE,
    offset: (history.page - 1) * HISTORY_PAGE_SIZE,
    type: history.type,
  });
  return {
    canManage,
    billingEnabled: stripeConfigured(),
    // BILLING=off: usage is metered, but calls need no balance (and nothing is for sale).
    billingOff: env().BILLING === "off",
    // The offline stand-in charges nothing; the page says so plainly.
    offlineStandIn: env().STAND_INS.includes("stripe"),
    plan: PLANS[account.plan],
    monthlyCredits: monthlyAllowance(account.plan, membership.workspace.isPersonal),
    status: billingStatus(account),
    periodStart: account.periodStart.toISOString(),
    periodEnd: account.periodEnd.toISOString(),
    balance: creditBalance(workspaceId),
    available: availableCredits(workspaceId),
    offers: purchasables(),
    invoices,
    invoicesError,
    history: { transactions, total, page: history.page, pageSize: HISTORY_PAGE_SIZE, type: history.type ?? null },
    usage: usageByDay(workspaceId, 30),
    today: new Date().toISOString().slice(0, 10),
  };
}
