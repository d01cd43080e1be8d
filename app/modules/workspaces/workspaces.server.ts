// Workspaces and memberships: every resource of Cairn belongs to a workspace,
// and every workspace-scoped query goes through a membership found here.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { users, workspaceMemberships, workspaces, type User, type Workspace, type WorkspaceRole } from "#db/schema";
import type { Caller } from "~/modules/auth/caller.server";
import { openCreditAccount } from "~/modules/billing/credits.server";
import { db, preparedQuery, transaction } from "~/modules/db/database.server";
import { conflict, forbidden, notFound } from "~/modules/http/errors";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import { can } from "./permissions";

export type { WorkspaceRole };
export type WorkspaceView = {
  id: string;
  name: string;
  isPersonal: boolean;
  role: WorkspaceRole;
  createdAt: string;
  updatedAt: string;
};
export type Membership = { user: User; workspace: Workspace; role: WorkspaceRole };

const view = (workspace: Workspace, role: WorkspaceRole): WorkspaceView => ({
  id: workspace.id,
  name: workspace.name,
  isPersonal: workspace.isPersonal,
  role,
  createdAt: workspace.createdAt.toISOString(),
  updatedAt: workspace.updatedAt.toISOString(),
});

export const toWorkspaceView = (m: Membership) => view(m.workspace, m.role);

export function createWorkspace(userId: string, name: string, isPersonal = false): WorkspaceView {
  return transaction((tx) => {
    const workspace = tx.insert(workspaces).values({ name, isPersonal, createdBy: userId }).returning().get();
    tx.insert(workspaceMemberships).values({ workspaceId: workspace.id, userId, role: "owner" }).run();
    openCreditAccount(workspace.id, { freeGrant: isPersonal });
    return view(workspace, "owner");
  });
}

/** A workspace someone creates by hand: rate limited per account (429), so creating workspaces cannot be abused. */
export async function createWorkspaceForPerson(userId: string, name: string): Promise<WorkspaceView> {
  await consumeRateLimit(
    "workspacesByAccount",
    userId,
    "You have created many workspaces in the last hour. Try again later, or rename or reuse one you have.",
  );
  return createWorkspace(userId, name);
}

export function isPersonalWorkspace(workspaceId: string): boolean {
  return (
    db().select({ isPersonal: workspaces.isPersonal }).from(workspaces).where(eq(workspaces.id, workspaceId)).get()?.isPersonal ?? false
  );
}

export function listWorkspaces(userId: string): WorkspaceView[] {
  return (
    db()
      .select({ workspace: workspaces, role: workspaceMemberships.role })
      .from(workspaceMemberships)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
      .where(eq(workspaceMemberships.userId, userId))
      // One's own personal workspace first, then the rest by name.
      .orderBy(desc(sql`${workspaces.isPersonal} and ${workspaces.createdBy} = ${userId}`), asc(workspaces.name))
      .all()
      .map((r) => view(r.workspace, r.role))
  );
}

const membershipQuery = preparedQuery((database) =>
  database
    .select({ workspace: workspaces, role: workspaceMemberships.role })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
    .where(
      and(eq(workspaceMemberships.workspaceId, sql.placeholder("workspaceId")), eq(workspaceMemberships.userId, sql.placeholder("userId"))),
    )
    .prepare(),
);

/** The caller's membership in a workspace; a workspace they are not in is "not found". */
export function requireMembership(user: User, workspaceId: string): Membership {
  const row = membershipQuery().get({ workspaceId, userId: user.id });
  if (!row) throw notFound("Workspace not found");
  return { user, workspace: row.workspace, role: row.role };
}

/** The workspace a route without one acts on: the last one used, else the personal one. */
export function currentWorkspace(user: User): Membership {
  if (user.currentWorkspaceId) {
    try {
      return requireMembership(user, user.currentWorkspaceId);
    } catch {
      // Left or deleted since: fall back to the personal workspace.
    }
  }
  return personalWorkspace(user);
}

/** The account's own personal workspace (made at sign-up, where the free monthly grant lands). */
export function personalWorkspace(user: User): Membership {
  const personal = db()
    .select({ workspace: workspaces, role: workspaceMemberships.role })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
    .where(and(eq(workspaceMemberships.userId, user.id), eq(workspaces.isPersonal, true), eq(workspaces.createdBy, user.id)))
    .get();
  if (!personal) throw notFound("Workspace not found");
  return { user, workspace: personal.workspace, role: personal.role };
}

export function renameWorkspace(membership: Membership, name: string): WorkspaceView {
  if (!can(membership.role, "workspace.rename")) throw forbidden("Only an owner or admin can rename this workspace");
  const workspace = db()
    .update(workspaces)
    .set({ name, updatedAt: new Date() })
    .where(eq(workspaces.id, membership.workspace.id))
    .returning()
    .get();
  return view(workspace, membership.role);
}

export function deleteWorkspace(membership: Membership) {
  if (!can(membership.role, "workspace.delete")) throw forbidden("Only an owner can delete this workspace");
  if (membership.workspace.isPersonal) throw conflict("A personal workspace cannot be deleted");
  db().delete(workspaces).where(eq(workspaces.id, membership.workspace.id)).run();
}

export type MemberView = {
  userId: string;
  name: string | null;
  email: string;
  role: WorkspaceRole;
  monthlyCreditLimit: number | null;
  joinedAt: string;
};

function memberQuery() {
  return db()
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: workspaceMemberships.role,
      monthlyCreditLimit: workspaceMemberships.monthlyCreditLimit,
      joinedAt: workspaceMemberships.createdAt,
    })
    .from(workspaceMemberships)
    .innerJoin(users, eq(users.id, workspaceMemberships.userId));
}
const toMemberView = (m: ReturnType<ReturnType<typeof memberQuery>["all"]>[number]): MemberView => ({
  ...m,
  joinedAt: m.joinedAt.toISOString(),
});

/** A workspace's members, longest-standing first. */
export function listMembers(workspaceId: string): MemberView[] {
  return memberQuery()
    .where(eq(workspaceMemberships.workspaceId, workspaceId))
    .orderBy(asc(workspaceMemberships.createdAt))
    .all()
    .map(toMemberView);
}

/** The member of a workspace with this email, or undefined (sharing is only among members). */
export function findMemberByEmail(workspaceId: string, email: string): MemberView | undefined {
  const row = memberQuery()
    .where(and(eq(workspaceMemberships.workspaceId, workspaceId), eq(users.email, email.trim().toLowerCase())))
    .get();
  return row && toMemberView(row);
}

export function isMember(workspaceId: string, userId: string): boolean {
  return (
    db()
      .select({ id: workspaceMemberships.id })
      .from(workspaceMemberships)
      .where(and(eq(workspaceMemberships.workspaceId, workspaceId), eq(workspaceMemberships.userId, userId)))
      .get() !== undefined
  );
}

/** The caller's membership in a workspace; an API key sees only its own workspace (others are "not found"). */
export function membershipFor(caller: Caller, workspaceId: string): Membership {
  if (caller.apiKey && caller.apiKey.workspaceId !== workspaceId) throw notFound("Workspace not found");
  return requireMembership(caller.user, workspaceId);
}

/** The workspace a request acts on: the one it names (if the caller is in it), else the key's, else the current one. */
export function workspaceFor(caller: Caller, workspaceId: string | undefined): Membership {
  if (workspaceId) return membershipFor(caller, workspaceId);
  return caller.apiKey ? requireMembership(caller.user, caller.apiKey.workspaceId) : currentWorkspace(caller.user);
}

/** The workspaces a caller may act in: all of the person's, or the key's one. */
export function listCallerWorkspaces(caller: Caller): WorkspaceView[] {
  const all = listWorkspaces(caller.user.id);
  return caller.apiKey ? all.filter((w) => w.id === caller.apiKey!.workspaceId) : all;
}
