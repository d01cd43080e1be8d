// The credit ledger. Credits move only by appending rows to credit_transactions,
// so a balance is always the sum of its ledger. Answers that are still
// streaming hold their worst-case cost in credit_holds; a hold is settled by
// one usage row for the real cost (never more than was held) when the stream
// ends. Everything here is synchronous: better-sqlite3 serialises the
// check-and-hold, so concurrent requests cannot overspend — neither the
// workspace's balance (when BILLING=on) nor a member's or team's spend limit.
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import { creditBalances, creditHolds, creditTransactions, workspacePlans, type CreditTransactionType, type Plan } from "#db/schema";
import { env } from "~/modules/config/env.server";
import { db, preparedQuery, transaction } from "~/modules/db/database.server";
import { HttpError } from "~/modules/http/errors";
import { spendCapsFor, startOfMonth, type SpendCap } from "~/modules/workspaces/spend-limits.server";
import { PLANS } from "./plans";

export type CreditTransactionView = {
  id: number;
  type: CreditTransactionType;
  amount: number;
  description: string;
  reference: string | null;
  modelId: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  createdAt: string;
};

const addMonth = (date: Date) => {
  const next = new Date(date);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
};

/**
 * A new workspace starts on the free plan (call inside its creation
 * transaction). Only a personal workspace gets the free monthly grant: it is
 * one per account, so creating workspaces cannot mint credits.
 */
export function openCreditAccount(workspaceId: string, { freeGrant }: { freeGrant: boolean }, now = new Date()) {
  transaction((tx) => {
    tx.insert(workspacePlans)
      .values({ workspaceId, plan: "free", periodStart: now, periodEnd: addMonth(now) })
      .run();
    if (freeGrant)
      tx.insert(creditTransactions)
        .values({
          workspaceId,
          type: "reset",
          amount: PLANS.free.monthlyCredits,
          description: "Free plan: monthly credits",
          reference: "initial",
        })
        .run();
  });
}

const planQuery = preparedQuery((database) =>
  database
    .select()
    .from(workspacePlans)
    .where(eq(workspacePlans.workspaceId, sql.placeholder("workspaceId")))
    .prepare(),
);

export function workspacePlan(workspaceId: string): { plan: Plan; periodStart: Date; periodEnd: Date } {
  const row = planQuery().get({ workspaceId });
  if (!row) throw new Error(`workspace ${workspaceId} has no credit account`);
  return row;
}

const balanceQuery = preparedQuery((database) =>
  database
    .select({ balance: creditBalances.balance })
    .from(creditBalances)
    .where(eq(creditBalances.workspaceId, sql.placeholder("workspaceId")))
    .prepare(),
);

/** The sum of the ledger: its running total, which the ledger's triggers keep (no row yet: nothing recorded). */
export function creditBalance(workspaceId: string): number {
  return balanceQuery().get({ workspaceId })?.balance ?? 0;
}

const heldQuery = preparedQuery((database) =>
  database
    .select({ total: sql<number>`coalesce(sum(${creditHolds.amount}), 0)` })
    .from(creditHolds)
    .where(eq(creditHolds.workspaceId, sql.placeholder("workspaceId")))
    .prepare(),
);

function heldCredits(workspaceId: string): number {
  return heldQuery().get({ workspaceId })?.total ?? 0;
}

/** What can be spent now: the balance less what running answers hold. */
export function availableCredits(workspaceId: string): number {
  return creditBalance(workspaceId) - heldCredits(workspaceId);
}

/** The balance people are shown: none with BILLING=off, where usage is counted but never limited (it would only run negative). */
export function shownCredits(workspaceId: string): number | null {
  return env().BILLING === "on" ? availableCredits(workspaceId) : null;
}

/** What these people spent in the workspace, each since their time, plus what their running answers hold. */
export function spentBy(workspaceId: string, spenders: SpendCap["spenders"]): number {
  if (spenders.length === 0) return 0;
  const used = db()
    .select({ total: sql<number>`coalesce(-sum(${creditTransactions.amount}), 0)` })
    .from(creditTransactions)
    .where(
      and(
        eq(creditTransactions.workspaceId, workspaceId),
        eq(creditTransactions.type, "usage"),
        or(...spenders.map((s) => and(eq(creditTransactions.userId, s.userId), gte(creditTransactions.createdAt, s.since)))),
      ),
    )
    .get();
  const held = db()
    .select({ total: sql<number>`coalesce(sum(${creditHolds.amount}), 0)` })
    .from(creditHolds)
    .where(
      and(
        eq(creditHolds.workspaceId, workspaceId),
        inArray(
          creditHolds.userId,
          spenders.map((s) => s.userId),
        ),
      ),
    )
    .get();
  return (used?.total ?? 0) + (held?.total ?? 0);
}

/**
 * Holds `amount` credits under `holdId` for `userId`'s call. 402 if the
 * workspace cannot pay it (only with BILLING=on), or if it would take the
 * person or one of their teams past a monthly spend limit (always).
 */
export function reserveCredits(workspaceId: string, holdId: string, amount: number, userId: string) {
  transaction(() => {
    if (env().BILLING === "on") {
      const available = availableCredits(workspaceId);
      if (available < amount)
        throw new HttpError(
          402,
          `Not enough credits: this request may cost up to ${amount} credits and the workspace has ${Math.max(available, 0)} available.`,
        );
    }
    for (const cap of spendCapsFor(workspaceId, userId)) {
      const spent = spentBy(workspaceId, cap.spenders);
      if (spent + amount > cap.limit) throw new HttpError(402, cap.refusal({ limit: cap.limit, spent, cost: amount }));
    }
    insertHold().run({ id: holdId, workspaceId, amount, userId });
  });
}

/** Credits each person spent in the workspace this calendar month (UTC), by user id. */
export function usageThisMonthByUser(workspaceId: string, now = new Date()): Map<string, number> {
  const rows = db()
    .select({ userId: creditTransactions.userId, total: sql<number>`-sum(${creditTransactions.amount})` })
    .from(creditTransactions)
    .where(
      and(
        eq(creditTransactions.workspaceId, workspaceId),
        eq(creditTransactions.type, "usage"),
        gte(creditTransactions.createdAt, startOfMonth(now)),
      ),
    )
    .groupBy(creditTransactions.userId)
    .all();
  return new Map(rows.filter((r) => r.userId !== null).map((r) => [r.userId!, r.total]));
}

/**
 * Moves credits between two workspaces as two balanced ledger rows written in
 * one transaction; 422 if the source has fewer than `amount` available.
 */
export function transferCredits(
  from: { workspaceId: string; description: string },
  to: { workspaceId: string; description: string },
  amount: number,
  userId: string,
) {
  transaction((tx) => {
    const available = availableCredits(from.workspaceId);
    if (amount > available)
      throw new HttpError(422, "Validation failed", [
        { path: "amount", message: `Only ${Math.max(0, available).toLocaleString("en")} credits are available to move` },
      ]);
    const reference = `transfer:${randomUUID()}`;
    tx.insert(creditTransactions)
      .values([
        { workspaceId: from.workspaceId, type: "adjustment", amount: -amount, description: from.description, reference, userId },
        { workspaceId: to.workspaceId, type: "adjustment", amount, description: to.description, reference, userId },
      ])
      .run();
  });
}

export type Usage = {
  credits: number;
  description: string;
  userId?: string | null;
  modelId?: string;
  inputTokens?: number;
  outputTokens?: number;
};

/**
 * Ends a hold: records the real cost (capped at the amount held, so a balance
 * never drops below what was checked) and frees the rest. Returns the credits
 * charged; settling an unknown or already settled hold charges nothing.
 */
export function settleCredits(holdId: string, usage: Usage): number {
  return transaction(() => {
    const hold = takeHold().get({ id: holdId });
    if (!hold) return 0;
    const charged = Math.min(Math.max(0, Math.ceil(usage.credits)), hold.amount);
    if (charged > 0)
      insertUsage().run({
        workspaceId: hold.workspaceId,
        amount: -charged,
        description: usage.description,
        reference: holdId,
        // Whoever held it spent it (spend limits count it), even when a restart settles it.
        userId: usage.userId ?? hold.userId,
        modelId: usage.modelId ?? null,
        inputTokens: usage.inputTokens ?? null,
        outputTokens: usage.outputTokens ?? null,
      });
    return charged;
  });
}

// The statements every answer runs (reserve, settle), built once.
const insertHold = preparedQuery((database) =>
  database
    .insert(creditHolds)
    .values({
      id: sql.placeholder("id"),
      workspaceId: sql.placeholder("workspaceId"),
      amount: sql.placeholder("amount"),
      userId: sql.placeholder("userId"),
    })
    .prepare(),
);

const takeHold = preparedQuery((database) =>
  database
    .delete(creditHolds)
    .where(eq(creditHolds.id, sql.placeholder("id")))
    .returning()
    .prepare(),
);

const insertUsage = preparedQuery((database) =>
  database
    .insert(creditTransactions)
    .values({
      workspaceId: sql.placeholder("workspaceId"),
      type: "usage",
      amount: sql.placeholder("amount"),
      description: sql.placeholder("description"),
      reference: sql.placeholder("reference"),
      userId: sql.placeholder("userId"),
      modelId: sql.placeholder("modelId"),
      inputTokens: sql.placeholder("inputTokens"),
      outputTokens: sql.placeholder("outputTokens"),
    })
    .prepare(),
);

export function listCreditTransactions(
  workspaceId: string,
  { limit, offset, type }: { limit: number; offset: number; type?: CreditTransactionType },
): { transactions: CreditTransactionView[]; total: number } {
  const where = type
    ? and(eq(creditTransactions.workspaceId, workspaceId), eq(creditTransactions.type, type))
    : eq(creditTransactions.workspaceId, workspaceId);
  const rows = db().select().from(creditTransactions).where(where).orderBy(desc(creditTransactions.id)).limit(limit).offset(offset).all();
  const total = db().select({ n: count() }).from(creditTransactions).where(where).get()?.n ?? 0;
  return {
    total,
    transactions: rows.map((r) => ({
      id: r.id,
      type: r.type,
      amount: r.amount,
      description: r.description,
      reference: r.reference,
      modelId: r.modelId,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** Holds whose answers can no longer finish (the process died mid-stream). */
export function listHolds(): { id: string; workspaceId: string; amount: number }[] {
  return db().select({ id: creditHolds.id, workspaceId: creditHolds.workspaceId, amount: creditHolds.amount }).from(creditHolds).all();
}

/** Appends a grant or correction to the ledger (top-ups, monthly grants, admin adjustments). */
export function recordCredits(
  workspaceId: string,
  entry: { type: Exclude<CreditTransactionType, "usage">; amount: number; description: string; reference?: string; userId?: string },
) {
  db()
    .insert(creditTransactions)
    .values({ workspaceId, ...entry, reference: entry.reference ?? null, userId: entry.userId ?? null })
    .run();
}

/**
 * Appends a grant unless the workspace already has one of this type with this
 * reference (an invoice, a checkout session, a period). Call it inside the
 * transaction that records what caused it. Returns whether it was appended.
 */
export function recordCreditsOnce(
  workspaceId: string,
  entry: { type: Exclude<CreditTransactionType, "usage">; amount: number; description: string; reference: string; userId?: string },
): boolean {
  const existing = db()
    .select({ id: creditTransactions.id })
    .from(creditTransactions)
    .where(
      and(
        eq(creditTransactions.workspaceId, workspaceId),
        eq(creditTransactions.type, entry.type),
        eq(creditTransactions.reference, entry.reference),
      ),
    )
    .get();
  if (existing) return false;
  if (entry.amount !== 0) recordCredits(workspaceId, entry);
  return true;
}

export type DailyUsage = { day: string; modelId: string; credits: number };

/** Credits spent per UTC day and model over the last `days` days, oldest first. */
export function usageByDay(workspaceId: string | null, days = 30, now = new Date()): DailyUsage[] {
  const since = new Date(now.getTime() - days * 86_400_000);
  const day = sql<string>`strftime('%Y-%m-%d', ${creditTransactions.createdAt} / 1000, 'unixepoch')`;
  const filters = [eq(creditTransactions.type, "usage"), gte(creditTransactions.createdAt, since)];
  if (workspaceId) filters.push(eq(creditTransactions.workspaceId, workspaceId));
  return db()
    .select({
      day,
      modelId: sql<string>`coalesce(${creditTransactions.modelId}, 'unknown')`,
      credits: sql<number>`-sum(${creditTransactions.amount})`,
    })
    .from(creditTransactions)
    .where(and(...filters))
    .groupBy(day, creditTransactions.modelId)
    .orderBy(day)
    .all();
}
