// Invitations by mail, to a workspace or to one of its teams. The token is
// random and stored as SHA-256; it works once, for 7 days, until revoked.
// Inviting a pending address again sends a fresh link (the old one stops working).
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { invitations, teams, users, workspaceMemberships, workspaces, type Invitation, type Team, type User } from "#db/schema";
import { randomToken, sha256 } from "~/modules/auth/tokens.server";
import { db, transaction } from "~/modules/db/database.server";
import { HttpError, conflict, forbidden, notFound } from "~/modules/http/errors";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import { sendInvitationMail } from "./invitation-mail.server";
import { can } from "./permissions";
import { addToTeam, mayManageTeam, teamRoleOf } from "./teams.server";
import { requireMembership, toWorkspaceView, type Membership, type WorkspaceView } from "./workspaces.server";

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export type InvitationStatus = "pending" | "accepted" | "declined" | "revoked" | "expired";
export type InvitationView = {
  id: string;
  email: string;
  role: Invitation["role"];
  status: InvitationStatus;
  teamId: string | null;
  expiresAt: string;
  createdAt: string;
};

const statusOf = (invitation: Invitation, now = new Date()): InvitationStatus =>
  invitation.status === "pending" && invitation.expiresAt <= now ? "expired" : invitation.status;

const toView = (invitation: Invitation): InvitationView => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  status: statusOf(invitation),
  teamId: invitation.teamId,
  expiresAt: invitation.expiresAt.toISOString(),
  createdAt: invitation.createdAt.toISOString(),
});

function listFor(workspaceId: string, teamId: string | null): InvitationView[] {
  return db()
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), teamId ? eq(invitations.teamId, teamId) : isNull(invitations.teamId)))
    .orderBy(desc(invitations.createdAt))
    .limit(200)
    .all()
    .map(toView);
}

function requireInviter(membership: Membership) {
  if (!can(membership.role, "invitations.manage")) throw forbidden("Only an owner or admin can invite people to this workspace");
}

function requireTeamInviter(membership: Membership, team: Team) {
  if (!mayManageTeam(membership, team)) throw forbidden("Only the team's admins or the workspace's owners and admins can invite to it");
}

/** The workspace's own invitations (not its teams'), newest first. */
export function listInvitations(membership: Membership): InvitationView[] {
  requireInviter(membership);
  return listFor(membership.workspace.id, null);
}

export function listTeamInvitations(membership: Membership, team: Team): InvitationView[] {
  requireTeamInviter(membership, team);
  return listFor(membership.workspace.id, team.id);
}

const memberIdByEmail = (workspaceId: string, email: string) =>
  db()
    .select({ userId: users.id })
    .from(workspaceMemberships)
    .innerJoin(users, eq(users.id, workspaceMemberships.userId))
    .where(and(eq(workspaceMemberships.workspaceId, workspaceId), eq(users.email, email)))
    .get()?.userId;

/**
 * Records (or renews, for an address with a pending invitation) an invitation
 * and mails its link. Rate limited per workspace (429), so it cannot be used to spam.
 */
async function invite(membership: Membership, target: { email: string; role: Invitation["role"]; team: Team | null }) {
  const workspaceId = membership.workspace.id;
  await consumeRateLimit(
    "invitationsByWorkspace",
    workspaceId,
    "This workspace has sent many invitations in the last hour. Try again later.",
  );
  const token = randomToken();
  const now = new Date();
  const invitation = transaction((tx) => {
    const renewable = tx
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.workspaceId, workspaceId),
          target.team ? eq(invitations.teamId, target.team.id) : isNull(invitations.teamId),
          eq(invitations.email, target.email),
          eq(invitations.status, "pending"),
          gt(invitations.expiresAt, now),
        ),
      )
      .get();
    const fields = {
      role: target.role,
      tokenHash: sha256(token),
      invitedBy: membership.user.id,
      expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
    };
    if (renewable) return tx.update(invitations).set(fields).where(eq(invitations.id, renewable.id)).returning().get();
    return tx
      .insert(invitations)
      .values({ workspaceId, teamId: target.team?.id ?? null, email: target.email, ...fields })
      .returning()
      .get();
  });
  sendInvitationMail({
    to: target.email,
    token,
    inviter: membership.user.name ?? membership.user.email,
    workspaceName: membership.workspace.name,
    teamName: target.team?.name ?? null,
    role: target.role,
  });
  return toView(invitation);
}

/** Invites someone into the workspace (owners and admins); 409 if they are already a member. */
export async function inviteToWorkspace(
  membership: Membership,
  input: { email: string; role: "admin" | "member" },
): Promise<InvitationView> {
  requireInviter(membership);
  if (memberIdByEmail(membership.workspace.id, input.email)) throw conflict(`${input.email} is already a member of this workspace`);
  return invite(membership, { ...input, team: null });
}

/** Invites someone into a team (and the workspace, if needed); 409 if they are already in the team. */
export async function inviteToTeam(
  membership: Membership,
  team: Team,
  input: { email: string; role: "admin" | "member" },
): Promise<InvitationView> {
  requireTeamInviter(membership, team);
  const userId = memberIdByEmail(membership.workspace.id, input.email);
  if (userId && teamRoleOf(team.id, userId)) throw conflict(`${input.email} is already in this team`);
  return invite(membership, { ...input, team });
}

/** Withdraws a pending invitation: its link stops working. Owners and admins, or the team's admins for a team invitation. */
export function revokeInvitation(membership: Membership, invitationId: string) {
  const invitation = db()
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.workspaceId, membership.workspace.id)))
    .get();
  if (!invitation) throw notFound("Invitation not found");
  const team = invitation.teamId ? db().select().from(teams).where(eq(teams.id, invitation.teamId)).get() : undefined;
  if (!can(membership.role, "invitations.manage") && !(team && mayManageTeam(membership, team)))
    throw forbidden("Only an owner or admin can withdraw invitations");
  if (invitation.status === "accepted" || invitation.status === "declined")
    throw conflict(`This invitation was already ${invitation.status}`);
  db().update(invitations).set({ status: "revoked", respondedAt: new Date() }).where(eq(invitations.id, invitation.id)).run();
}

const REFUSALS: Record<Exclude<InvitationStatus, "pending">, string> = {
  accepted: "This invitation has already been used.",
  declined: "This invitation was declined.",
  revoked: "This invitation was withdrawn by the workspace.",
  expired: "This invitation has expired. Ask whoever invited you for a new one.",
};

/** The pending invitation behind a token; 400 with the reason for an unknown, used, expired or revoked one. */
function usableInvitation(token: string): Invitation {
  const invitation = db()
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, sha256(token)))
    .get();
  if (!invitation) throw new HttpError(400, "This invitation link is not valid. Check that you opened the whole link from the mail.");
  const status = statusOf(invitation);
  if (status !== "pending") throw new HttpError(400, REFUSALS[status]);
  return invitation;
}

function assertAddressee(invitation: Invitation, email: string) {
  if (invitation.email !== email.trim().toLowerCase())
    throw forbidden(
      `This invitation was sent to ${invitation.email}, but you are signed in as ${email}. Sign out and open the link again, or ask for an invitation to this address.`,
    );
}

/** Joins the invited workspace (as `member` for a team invitation) and team; someone already in keeps their role. */
function join(invitation: Invitation, userId: string) {
  db()
    .insert(workspaceMemberships)
    .values({ workspaceId: invitation.workspaceId, userId, role: invitation.teamId ? "member" : invitation.role })
    .onConflictDoNothing()
    .run();
  if (invitation.teamId) addToTeam(invitation.teamId, userId, invitation.role);
  db().update(invitations).set({ status: "accepted", respondedAt: new Date() }).where(eq(invitations.id, invitation.id)).run();
}

/** The workspace just joined, as its new member sees it. */
function joinedView(workspaceId: string, user: User): { workspace: WorkspaceView; role: Membership["role"] } {
  const membership = requireMembership(user, workspaceId);
  return { workspace: toWorkspaceView(membership), role: membership.role };
}

/** Accepts an invitation for the signed-in account it was sent to (400 bad token, 403 another account). */
export function acceptInvitation(user: User, token: string) {
  return transaction(() => {
    const invitation = usableInvitation(token);
    assertAddressee(invitation, user.email);
    join(invitation, user.id);
    return joinedView(invitation.workspaceId, user);
  });
}

export function declineInvitation(user: User, token: string) {
  transaction(() => {
    const invitation = usableInvitation(token);
    assertAddressee(invitation, user.email);
    db().update(invitations).set({ status: "declined", respondedAt: new Date() }).where(eq(invitations.id, invitation.id)).run();
  });
}

/** Before signing up with an invitation: 400 for a bad token, 403 for another address than the invited one. */
export function assertInvitationFor(token: string, email: string) {
  assertAddressee(usableInvitation(token), email);
}

/** Signing up with an invitation: the new account joins (call inside the sign-up transaction). Returns the workspace id. */
export function acceptInvitationOnSignUp(user: User, token: string): string {
  const invitation = usableInvitation(token);
  assertAddressee(invitation, user.email);
  join(invitation, user.id);
  return invitation.workspaceId;
}

export type InvitationPreview = {
  email: string;
  role: Invitation["role"];
  workspaceId: string;
  workspaceName: string;
  teamName: string | null;
  inviter: string | null;
  expiresAt: string;
  /** Whether an account with the invited address exists (log in) or not (sign up). */
  accountExists: boolean;
};

/** What the invitation page shows: who invited whom to what. 400 like accepting would for a bad token. */
export function previewInvitation(token: string): InvitationPreview {
  const invitation = usableInvitation(token);
  const workspace = db().select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, invitation.workspaceId)).get()!;
  const team = invitation.teamId ? db().select({ name: teams.name }).from(teams).where(eq(teams.id, invitation.teamId)).get() : undefined;
  const inviter = invitation.invitedBy
    ? db().select({ name: users.name, email: users.email }).from(users).where(eq(users.id, invitation.invitedBy)).get()
    : undefined;
  const account = db().select({ id: users.id }).from(users).where(eq(users.email, invitation.email)).get();
  return {
    email: invitation.email,
    role: invitation.role,
    workspaceId: invitation.workspaceId,
    workspaceName: workspace.name,
    teamName: team?.name ?? null,
    inviter: inviter ? (inviter.name ?? inviter.email) : null,
    expiresAt: invitation.expiresAt.toISOString(),
    accountExists: Boolean(account),
  };
}
