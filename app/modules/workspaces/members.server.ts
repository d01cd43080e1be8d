// Members of a workspace: their roles, spend limits and spend, and how they
// leave or are removed. A workspace always keeps an owner, and a personal
// workspace always keeps the account it belongs to.
import { and, count, eq } from "drizzle-orm";
import { workspaceMemberships, type WorkspaceRole } from "#db/schema";
import { revokeMemberApiKeys } from "~/modules/api-keys/api-keys.server";
import { usageThisMonthByUser } from "~/modules/billing/credits.server";
import { db, transaction } from "~/modules/db/database.server";
import { conflict, forbidden, notFound } from "~/modules/http/errors";
import { can, canChangeRole, canManageMember } from "./permissions";
import { removeFromWorkspaceTeams } from "./teams.server";
import { listMembers, type MemberView, type Membership } from "./workspaces.server";

/** A member as the members page and API show them: with this month's spend where the caller may see it. */
export type WorkspaceMemberView = MemberView & {
  /** Credits spent this calendar month (UTC); owners and admins see everyone's, others only their own (null). */
  creditsUsedThisMonth: number | null;
};

export function listWorkspaceMembers(membership: Membership): WorkspaceMemberView[] {
  const usage = usageThisMonthByUser(membership.workspace.id);
  const seesAll = can(membership.role, "members.manage");
  return listMembers(membership.workspace.id).map((m) => ({
    ...m,
    creditsUsedThisMonth: seesAll || m.userId === membership.user.id ? (usage.get(m.userId) ?? 0) : null,
  }));
}

function requireMemberRow(workspaceId: string, userId: string) {
  const row = db()
    .select()
    .from(workspaceMemberships)
    .where(and(eq(workspaceMemberships.workspaceId, workspaceId), eq(workspaceMemberships.userId, userId)))
    .get();
  if (!row) throw notFound("Member not found");
  return row;
}

function ownerCount(workspaceId: string): number {
  return (
    db()
      .select({ n: count() })
      .from(workspaceMemberships)
      .where(and(eq(workspaceMemberships.workspaceId, workspaceId), eq(workspaceMemberships.role, "owner")))
      .get()?.n ?? 0
  );
}

const isPersonalAccount = (membership: Membership, userId: string) =>
  membership.workspace.isPersonal && membership.workspace.createdBy === userId;

/** Refuses what would leave the workspace without an owner, or a personal workspace without its account. */
function assertKeepsOwner(membership: Membership, target: { userId: string; role: WorkspaceRole }, what: string) {
  if (isPersonalAccount(membership, target.userId))
    throw conflict(`A personal workspace stays with its account: its owner cannot be ${what}`);
  if (target.role === "owner" && ownerCount(membership.workspace.id) <= 1)
    throw conflict(`The last owner cannot be ${what}: make someone else an owner first`);
}

/** Changes a member's role and/or monthly limit (owners and admins; only owners make or change owners). */
export function updateMember(
  membership: Membership,
  userId: string,
  changes: { role?: WorkspaceRole; monthlyCreditLimit?: number | null },
): WorkspaceMemberView {
  transaction((tx) => {
    const target = requireMemberRow(membership.workspace.id, userId);
    if (!canManageMember(membership.role, target.role))
      throw forbidden(
        can(membership.role, "members.manage") ? "Only an owner can change an owner" : "Only an owner or admin can change members",
      );
    if (changes.role !== undefined && changes.role !== target.role) {
      if (!canChangeRole(membership.role, target.role, changes.role)) throw forbidden("Only an owner can make someone an owner");
      if (target.role === "owner") assertKeepsOwner(membership, target, "demoted");
    }
    tx.update(workspaceMemberships).set(changes).where(eq(workspaceMemberships.id, target.id)).run();
  });
  return listWorkspaceMembers(membership).find((m) => m.userId === userId)!;
}

/** Ends someone's membership at once: their teams of this workspace and their API keys for it go too. */
function endMembership(workspaceId: string, userId: string) {
  transaction(() => {
    db()
      .delete(workspaceMemberships)
      .where(and(eq(workspaceMemberships.workspaceId, workspaceId), eq(workspaceMemberships.userId, userId)))
      .run();
    removeFromWorkspaceTeams(workspaceId, userId);
    revokeMemberApiKeys(workspaceId, userId);
  });
}

/** Removes a member (owners and admins; an owner only by an owner). Removing oneself is leaving. */
export function removeMember(membership: Membership, userId: string) {
  if (userId === membership.user.id) return leaveWorkspace(membership);
  transaction(() => {
    const target = requireMemberRow(membership.workspace.id, userId);
    if (!canManageMember(membership.role, target.role))
      throw forbidden(
        can(membership.role, "members.manage") ? "Only an owner can remove an owner" : "Only an owner or admin can remove members",
      );
    assertKeepsOwner(membership, target, "removed");
    endMembership(membership.workspace.id, userId);
  });
}

/** Why the caller cannot leave this workspace, or null if they can. */
export function leaveRefusal(membership: Membership): string | null {
  if (isPersonalAccount(membership, membership.user.id)) return "You cannot leave your personal workspace";
  if (membership.role === "owner" && ownerCount(membership.workspace.id) <= 1)
    return "You are the last owner: make someone else an owner before you leave, or delete the workspace";
  return null;
}

/** Leaves a workspace; not one's personal workspace, nor as its last owner (409). */
export function leaveWorkspace(membership: Membership) {
  transaction(() => {
    const refusal = leaveRefusal(membership);
    if (refusal) throw conflict(refusal);
    endMembership(membership.workspace.id, membership.user.id);
  });
}
