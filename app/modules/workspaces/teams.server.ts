// Teams: groups of a workspace's members. Anyone in the workspace sees its
// teams; a team is run by its team admins and the workspace's owners and
// admins. People join a team through an invitation (invitations.server.ts).
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { teamMemberships, teams, users, type Team, type TeamRole } from "#db/schema";
import { spentBy } from "~/modules/billing/credits.server";
import { db, transaction } from "~/modules/db/database.server";
import { conflict, forbidden, HttpError, notFound } from "~/modules/http/errors";
import { can, canManageTeam } from "./permissions";
import { spendersAmong } from "./spend-limits.server";
import type { Membership } from "./workspaces.server";

export type TeamView = {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  memberCount: number;
  monthlyCreditLimit: number | null;
  /** What the team's members spent together this month while in it (what its limit counts). */
  creditsUsedThisMonth: number;
  /** The caller's role in the team, or null if they are not in it. */
  myRole: TeamRole | null;
  createdAt: string;
  updatedAt: string;
};
export type TeamMembershipView = { id: string; userId: string; email: string; name: string | null; role: TeamRole; joinedAt: string };
export type TeamDetailView = TeamView & { memberships: TeamMembershipView[] };

function teamView(team: Team, viewerId: string): TeamView {
  const members = db()
    .select({ userId: teamMemberships.userId, role: teamMemberships.role, joinedAt: teamMemberships.createdAt })
    .from(teamMemberships)
    .where(eq(teamMemberships.teamId, team.id))
    .all();
  return {
    id: team.id,
    workspaceId: team.workspaceId,
    name: team.name,
    description: team.description,
    memberCount: members.length,
    monthlyCreditLimit: team.monthlyCreditLimit,
    creditsUsedThisMonth: spentBy(team.workspaceId, spendersAmong(members)),
    myRole: members.find((m) => m.userId === viewerId)?.role ?? null,
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}

export function listTeams(membership: Membership): TeamView[] {
  return db()
    .select()
    .from(teams)
    .where(eq(teams.workspaceId, membership.workspace.id))
    .orderBy(asc(sql`lower(${teams.name})`))
    .all()
    .map((team) => teamView(team, membership.user.id));
}

/** A team of the caller's workspace; another workspace's team is "not found". */
export function requireTeam(membership: Membership, teamId: string): Team {
  const team = db()
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.workspaceId, membership.workspace.id)))
    .get();
  if (!team) throw notFound("Team not found");
  return team;
}

/** A team of this workspace to share something with: 422 naming `path` if there is none. */
export function requireTeamToShareWith(workspaceId: string, teamId: string, path = "teamId"): Team {
  const team = db()
    .select()
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.workspaceId, workspaceId)))
    .get();
  if (!team) throw new HttpError(422, "That team is not part of this workspace", [{ path, message: "Not a team of this workspace" }]);
  return team;
}

export function teamRoleOf(teamId: string, userId: string): TeamRole | null {
  return (
    db()
      .select({ role: teamMemberships.role })
      .from(teamMemberships)
      .where(and(eq(teamMemberships.teamId, teamId), eq(teamMemberships.userId, userId)))
      .get()?.role ?? null
  );
}

/** The ids of the teams of this workspace that a person is in (what they see through team shares). */
export function teamIdsOf(workspaceId: string, userId: string): string[] {
  return db()
    .select({ id: teams.id })
    .from(teamMemberships)
    .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
    .where(and(eq(teams.workspaceId, workspaceId), eq(teamMemberships.userId, userId)))
    .all()
    .map((r) => r.id);
}

export function mayManageTeam(membership: Membership, team: Team): boolean {
  return canManageTeam(membership.role, teamRoleOf(team.id, membership.user.id));
}

function requireTeamManager(membership: Membership, team: Team) {
  if (!mayManageTeam(membership, team)) throw forbidden("Only the team's admins or the workspace's owners and admins can do this");
}

function assertNameFree(workspaceId: string, name: string, exceptTeamId?: string) {
  const clash = db()
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), sql`lower(${teams.name}) = lower(${name})`))
    .all()
    .some((t) => t.id !== exceptTeamId);
  if (clash) throw conflict(`There is already a team called “${name}” in this workspace`);
}

export function teamDetail(membership: Membership, team: Team): TeamDetailView {
  const memberships = db()
    .select({
      id: teamMemberships.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: teamMemberships.role,
      joinedAt: teamMemberships.createdAt,
    })
    .from(teamMemberships)
    .innerJoin(users, eq(users.id, teamMemberships.userId))
    .where(eq(teamMemberships.teamId, team.id))
    .orderBy(asc(teamMemberships.createdAt))
    .all()
    .map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() }));
  return { ...teamView(team, membership.user.id), memberships };
}

/** A new team (workspace owners and admins); its creator is its first team admin. */
export function createTeam(membership: Membership, input: { name: string; description?: string }): TeamDetailView {
  if (!can(membership.role, "teams.create")) throw forbidden("Only an owner or admin can create teams");
  const team = transaction((tx) => {
    assertNameFree(membership.workspace.id, input.name);
    const created = tx
      .insert(teams)
      .values({
        workspaceId: membership.workspace.id,
        name: input.name,
        description: input.description ?? "",
        createdBy: membership.user.id,
      })
      .returning()
      .get();
    tx.insert(teamMemberships).values({ teamId: created.id, userId: membership.user.id, role: "admin" }).run();
    return created;
  });
  return teamDetail(membership, team);
}

export function updateTeam(
  membership: Membership,
  team: Team,
  changes: { name?: string; description?: string; monthlyCreditLimit?: number | null },
): TeamDetailView {
  requireTeamManager(membership, team);
  const updated = transaction((tx) => {
    if (changes.name !== undefined) assertNameFree(team.workspaceId, changes.name, team.id);
    return tx
      .update(teams)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(teams.id, team.id))
      .returning()
      .get();
  });
  return teamDetail(membership, updated);
}

/** Deletes a team; what was shared with it is no longer shared (the chats and knowledge bases stay). */
export function deleteTeam(membership: Membership, team: Team) {
  requireTeamManager(membership, team);
  db().delete(teams).where(eq(teams.id, team.id)).run();
}

function requireTeamMembership(team: Team, membershipId: string) {
  const row = db()
    .select()
    .from(teamMemberships)
    .where(and(eq(teamMemberships.id, membershipId), eq(teamMemberships.teamId, team.id)))
    .get();
  if (!row) throw notFound("Team membership not found");
  return row;
}

export function updateTeamMembership(membership: Membership, team: Team, membershipId: string, role: TeamRole): TeamMembershipView {
  requireTeamManager(membership, team);
  const row = requireTeamMembership(team, membershipId);
  db().update(teamMemberships).set({ role }).where(eq(teamMemberships.id, row.id)).run();
  return teamDetail(membership, team).memberships.find((m) => m.id === row.id)!;
}

/** Takes someone out of a team (a team manager), or oneself (anyone). */
export function removeTeamMembership(membership: Membership, team: Team, membershipId: string) {
  const row = requireTeamMembership(team, membershipId);
  if (row.userId !== membership.user.id) requireTeamManager(membership, team);
  db().delete(teamMemberships).where(eq(teamMemberships.id, row.id)).run();
}

export function leaveTeam(membership: Membership, team: Team) {
  const left = db()
    .delete(teamMemberships)
    .where(and(eq(teamMemberships.teamId, team.id), eq(teamMemberships.userId, membership.user.id)))
    .returning({ id: teamMemberships.id })
    .get();
  if (!left) throw notFound("You are not in this team");
}

/** Puts a person in a team (accepting an invitation); someone already in it keeps their role. Call inside a transaction. */
export function addToTeam(teamId: string, userId: string, role: TeamRole) {
  db().insert(teamMemberships).values({ teamId, userId, role }).onConflictDoNothing().run();
}

/** Takes a person out of every team of a workspace (they left it or were removed). */
export function removeFromWorkspaceTeams(workspaceId: string, userId: string) {
  const ids = db().select({ id: teams.id }).from(teams).where(eq(teams.workspaceId, workspaceId)).all();
  if (ids.length === 0) return;
  db()
    .delete(teamMemberships)
    .where(
      and(
        eq(teamMemberships.userId, userId),
        inArray(
          teamMemberships.teamId,
          ids.map((t) => t.id),
        ),
      ),
    )
    .run();
}
