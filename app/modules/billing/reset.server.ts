// The monthly reset, run by a scheduler (GET /api/cron/reset-credits, or
// `npm run cron:reset-credits`). A workspace whose period has elapsed and whose
// credits Stripe does not renew gets its plan's monthly credits back and a new
// period — in one transaction that only succeeds while the old period is still
// the current one, so a second run (or a concurrent one) grants nothing.
// The free plan's grant is one per account: only personal workspaces get it.
import { and, eq, lte } from "drizzle-orm";
import { createHash, timingSafeEqual } from "node:crypto";
import { workspacePlans } from "#db/schema";
import { env } from "~/modules/config/env.server";
import { db, transaction } from "~/modules/db/database.server";
import { unauthorized } from "~/modules/http/errors";
import { isPersonalWorkspace } from "~/modules/workspaces/workspaces.server";
import { creditBalance, recordCreditsOnce } from "./credits.server";
import { monthlyAllowance, PLANS } from "./plans";
import { renewedByStripe } from "./subscriptions.server";

const addMonths = (date: Date, months: number) => {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + months);
  return next;
};

/**
 * Resets every due workspace; returns how many were reset. The monthly credits
 * refill the balance up to the plan's allowance (top-ups above it are kept, and
 * unused monthly credits do not pile up month after month).
 */
export function resetMonthlyCredits(now = new Date()): number {
  const due = db()
    .select()
    .from(workspacePlans)
    .where(lte(workspacePlans.periodEnd, now))
    .all()
    .filter((account) => !renewedByStripe(account));
  let resetCount = 0;
  for (const account of due) {
    // A period missed while the scheduler was down is skipped, not granted twice.
    let months = 1;
    while (addMonths(account.periodEnd, months) <= now) months++;
    const periodStart = addMonths(account.periodEnd, months - 1);
    const periodEnd = addMonths(account.periodEnd, months);
    const reset = transaction((tx) => {
      const moved = tx
        .update(workspacePlans)
        .set({ periodStart, periodEnd })
        .where(and(eq(workspacePlans.workspaceId, account.workspaceId), eq(workspacePlans.periodEnd, account.periodEnd)))
        .run();
      if (moved.changes === 0) return false;
      const allowance = monthlyAllowance(account.plan, isPersonalWorkspace(account.workspaceId));
      recordCreditsOnce(account.workspaceId, {
        type: "reset",
        amount: Math.max(0, allowance - creditBalance(account.workspaceId)),
        description: `${PLANS[account.plan].label} plan: monthly credits`,
        reference: `period:${periodStart.toISOString()}`,
      });
      return true;
    });
    if (reset) resetCount++;
  }
  return resetCount;
}

/** 401 unless the request carries `Authorization: Bearer $CRON_SECRET` (compared in constant time). */
export function requireCronSecret(request: Request) {
  const secret = env().CRON_SECRET;
  const header = request.headers.get("Authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  // Hashing first gives equal lengths, so timingSafeEqual reveals nothing about the secret's length.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  const ok = Boolean(secret) && Boolean(given) && timingSafeEqual(digest(given), digest(secret ?? ""));
  if (!ok) throw unauthorized("A valid cron secret is required");
}
