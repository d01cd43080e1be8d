// A workspace's balance is the running sum of its ledger (credit_balances, kept
// by triggers on credit_transactions): whatever mix of grants, answers,
// refusals, transfers and deletions happens, it equals the sum of the rows,
// and migration 0011 starts it at the sum of the ledger that was there.
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "#db/schema";
import { registerUser } from "~/modules/auth/accounts.server";
import { creditBalance, recordCredits, reserveCredits, settleCredits, transferCredits } from "~/modules/billing/credits.server";
import { db } from "~/modules/db/database.server";
import { HttpError } from "~/modules/http/errors";
import { createWorkspace, deleteWorkspace, requireMembership } from "~/modules/workspaces/workspaces.server";
import { uniqueEmail } from "../support/accounts";
import { applyMigration, databaseBefore } from "../support/migrations";

const sumOfLedger = (workspaceId: string) =>
  (
    db().$client.prepare("SELECT coalesce(sum(amount), 0) AS total FROM credit_transactions WHERE workspace_id = ?").get(workspaceId) as {
      total: number;
    }
  ).total;

let owner: User;
beforeAll(async () => {
  owner = await registerUser({ email: uniqueEmail("ledger"), password: "correct horse battery staple" }, { preActivated: true });
});

/** Runs a credit movement; the refusals an ordinary call can meet (402, 422) change nothing and are part of the mix. */
const refusalsAllowed = (move: () => void) => {
  try {
    move();
  } catch (error) {
    if (!(error instanceof HttpError) || (error.status !== 402 && error.status !== 422)) throw error;
  }
};

const movement = fc.oneof(
  fc.record({ kind: fc.constant("grant" as const), to: fc.nat(1), amount: fc.integer({ min: -200, max: 1_000 }) }),
  fc.record({ kind: fc.constant("answer" as const), in: fc.nat(1), hold: fc.integer({ min: 1, max: 400 }), used: fc.nat(500) }),
  fc.record({ kind: fc.constant("transfer" as const), from: fc.nat(1), amount: fc.integer({ min: 1, max: 600 }) }),
);

describe("the credit balance", () => {
  it("equals the sum of the ledger after any sequence of grants, answers, refused holds and transfers", () => {
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 25 }), (moves) => {
        const pair = [createWorkspace(owner.id, "Left"), createWorkspace(owner.id, "Right")];
        for (const move of moves) {
          if (move.kind === "grant")
            recordCredits(pair[move.to]!.id, { type: "adjustment", amount: move.amount, description: "Adjusted by hand" });
          else if (move.kind === "answer") {
            const holdId = randomUUID();
            refusalsAllowed(() => {
              reserveCredits(pair[move.in]!.id, holdId, move.hold, owner.id);
              // Charged at most the amount held: the unused part goes back.
              settleCredits(holdId, { credits: move.used, description: "Chat answer", userId: owner.id });
            });
          } else
            refusalsAllowed(() =>
              transferCredits(
                { workspaceId: pair[move.from]!.id, description: "Moved out" },
                { workspaceId: pair[1 - move.from]!.id, description: "Moved in" },
                move.amount,
                owner.id,
              ),
            );
          for (const workspace of pair) expect(creditBalance(workspace.id)).toBe(sumOfLedger(workspace.id));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("leaves with its workspace, and a workspace with no ledger has a balance of 0", () => {
    const workspace = createWorkspace(owner.id, "Short-lived");
    expect(creditBalance(workspace.id)).toBe(0);
    recordCredits(workspace.id, { type: "topup", amount: 250, description: "Top-up" });
    expect(creditBalance(workspace.id)).toBe(250);
    deleteWorkspace(requireMembership(owner, workspace.id));
    expect(db().$client.prepare("SELECT count(*) AS n FROM credit_balances WHERE workspace_id = ?").get(workspace.id)).toEqual({ n: 0 });
    expect(creditBalance(workspace.id)).toBe(0);
  });
});

describe("migration 0011_credit_balances", () => {
  it("starts each workspace's balance at the sum of the ledger it already had, then follows every new row", () => {
    const sqlite = databaseBefore("0011_credit_balances");
    sqlite.pragma("foreign_keys = ON");
    sqlite.exec(`
      INSERT INTO workspaces (id, name) VALUES ('w1', 'One'), ('w2', 'Two'), ('w3', 'Empty');
      INSERT INTO credit_transactions (workspace_id, type, amount, description) VALUES
        ('w1', 'reset', 500, 'Free plan'), ('w1', 'usage', -12, 'Answer'), ('w1', 'usage', -3, 'Answer'),
        ('w2', 'topup', 10000, 'Top-up'), ('w2', 'refund', -10000, 'Refund'), ('w2', 'adjustment', 7, 'By hand');
    `);
    applyMigration(sqlite, "0011_credit_balances");
    const balances = () => sqlite.prepare("SELECT workspace_id AS id, balance FROM credit_balances ORDER BY workspace_id").all();
    expect(balances()).toEqual([
      { id: "w1", balance: 485 },
      { id: "w2", balance: 7 },
    ]);

    sqlite.exec(
      `INSERT INTO credit_transactions (workspace_id, type, amount, description) VALUES ('w3', 'topup', 40, 'Top-up'), ('w1', 'usage', -5, 'Answer')`,
    );
    expect(balances()).toEqual([
      { id: "w1", balance: 480 },
      { id: "w2", balance: 7 },
      { id: "w3", balance: 40 },
    ]);
    sqlite.exec(`DELETE FROM workspaces WHERE id = 'w2'`);
    expect(balances()).toEqual([
      { id: "w1", balance: 480 },
      { id: "w3", balance: 40 },
    ]);
  });
});
