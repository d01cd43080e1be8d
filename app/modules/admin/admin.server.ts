// Operator tools: who is an admin, finding people and workspaces, suspending
// an account, and correcting a workspace's credits with a reason on the ledger.
import { asc, count, eq, like, or, sql } from "drizzle-orm";
import { data } from "react-router";
import { users, workspaceMemberships, workspacePlans, workspaces, type User } from "#db/schema";
import { firstAccount } from "~/modules/auth/accounts.server";
import { requirePageUser } from "~/modules/auth/guard.server";
import { revokeUserSessions } from "~/modules/auth/session.server";
import { availableCredits, creditBalance, recordCredits } from "~/modules/billing/credits.server";
import { env } from "~/modules/config/env.server";
import { db, transaction } from "~/modules/db/database.server";
import { HttpError } from "~/modules/http/errors";

/** The first account ever created is an admin, and so is every address in ADMIN_EMAILS. */
export function isAdmin(user: Pick<User, "id" | "email">): boolean {
  if (env().ADMIN_EMAILS.includes(user.email.toLowerCase())) return true;
  return firstAccount()?.id === user.id;
}

/** Who runs this instance, to write to: ADMIN_EMAILS, else the first account (also an admin); none before anyone signed up. */
export function operatorEmails(): string[] {
  if (env().ADMIN_EMAILS.length) return env().ADMIN_EMAILS;
  const first = firstAccount();
  return first ? [first.email] : [];
}

/** For admin pages: to log-in without a session; a plain 404 for everyone else (no hint that it exists). */
export async function requireAdminPage(request: Request): Promise<User> {
  const user = await requirePageUser(request);
  if (!isAdmin(user)) throw data("Not found", { status: 404 });
  return user;
}

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export type AdminUserView = {
  id: string;
  email: string;
  name: string | null;
  activated: boolean;
  suspended: boolean;
  admin: boolean;
  createdAt: string;
  workspaces: number;
};

export function findUsers(query: string, limit = 50): AdminUserView[] {
  const q = escapeLike(query.trim().toLowerCase());
  return db()
    .select({ user: users, workspaces: count(workspaceMemberships.id) })
    .from(users)
    .leftJoin(workspaceMemberships, eq(workspaceMemberships.userId, users.id))
    .where(
      query.trim()
        ? or(sql`lower(${users.email}) like ${q} escape '\\'`, sql`lower(coalesce(${users.name}, '')) like ${q} escape '\\'`)
        : undefined,
    )
    .groupBy(users.id)
    .orderBy(asc(users.email))
    .limit(limit)
    .all()
    .map(({ user, workspaces }) => ({
      id: user.id,
      email: user.email,
      name: user.name,
      activated: Boolean(user.activatedAt),
      suspended: Boolean(user.suspendedAt),
      admin: isAdmin(user),
      createdAt: user.createdAt.toISOString(),
      workspaces,
    }));
}

export type AdminWorkspaceView = {
  id: string;
  name: string;
  isPersonal: boolean;
  plan: string;
  subscriptionStatus: string | null;
  balance: number;
  members: number;
  createdAt: string;
};

export function findWorkspaces(query: string, limit = 50): AdminWorkspaceView[] {
  const q = query.trim();
  return db()
    .select({
      workspace: workspaces,
      plan: workspacePlans.plan,
      status: workspacePlans.subscriptionStatus,
      members: count(workspaceMemberships.id),
    })
    .from(workspaces)
    .innerJoin(workspacePlans, eq(workspacePlans.workspaceId, workspaces.id))
    .leftJoin(workspaceMemberships, eq(workspaceMemberships.workspaceId, workspaces.id))
    .where(q ? or(like(workspaces.name, escapeLike(q)), eq(workspaces.id, q)) : undefined)
    .groupBy(workspaces.id)
    .orderBy(asc(workspaces.name))
    .limit(limit)
    .all()
    .map((r) => ({
      id: r.workspace.id,
      name: r.workspace.name,
      isPersonal: r.workspace.isPersonal,
      plan: r.plan,
      subscriptionStatus: r.status,
      balance: creditBalance(r.workspace.id),
      members: r.members,
      createdAt: r.workspace.createdAt.toISOString(),
    }));
}

/** Suspends (signing the account out everywhere) or reinstates a user. An admin cannot suspend themself. */
export function setUserSuspended(admin: User, userId: string, suspended: boolean) {
  if (admin.id === userId) throw new HttpError(422, "You cannot suspend your own account");
  const updated = db()
    .update(users)
    .set({ suspendedAt: suspended ? new Date() : null })
    .where(eq(users.id, userId))
    .returning({ email: users.email })
    .get();
  if (!updated) throw new HttpError(404, "User not found");
  if (suspended) revokeUserSessions(userId);
  return updated;
}

/**
 * Adds (or removes, if negative) credits with a reason, as an `adjustment`
 * ledger row naming the admin. A removal cannot take more than is available.
 */
export function adjustCredits(admin: User, workspaceId: string, amount: number, reason: string) {
  if (!Number.isInteger(amount) || amount === 0)
    throw new HttpError(422, "Validation failed", [{ path: "amount", message: "Enter a whole number other than 0" }]);
  transaction(() => {
    const exists = db().select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).get();
    if (!exists) throw new HttpError(404, "Workspace not found");
    if (amount < 0 && availableCredits(workspaceId) + amount < 0)
      throw new HttpError(422, "Validation failed", [
        { path: "amount", message: `Only ${availableCredits(workspaceId)} credits are available to remove` },
      ]);
    recordCredits(workspaceId, { type: "adjustment", amount, description: `Adjustment: ${reason}`, userId: admin.id });
  });
  return creditBalance(workspaceId);
}
