// Spend limits: a member's own monthly cap, and the caps of the teams they are
// in. The ledger (billing/credits.server.ts) checks them inside the same
// transaction that holds an answer's credits; this module only says which
// caps apply and whose spending counts towards each.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { teamMemberships, teams, workspaceMemberships, workspaces } from "#db/schema";
import { db, preparedQuery } from "~/modules/db/database.server";
import { memberLimitReached, teamLimitReached, type LimitReached } from "./spend-limits";

/** Spending of these people since these times counts towards `limit`. */
export type SpendCap = { limit: number; spenders: { userId: string; since: Date }[]; refusal: (reached: LimitReached) => string };

/** The first instant of the calendar month (UTC) that `now` is in. */
export const startOfMonth = (now = new Date()) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

const later = (a: Date, b: Date) => (a > b ? a : b);

// Both run for every chat answer (inside its credit hold): built once.
const memberCapQuery = preparedQuery((database) =>
  database
    .select({ limit: workspaceMemberships.monthlyCreditLimit, workspaceName: workspaces.name })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
    .where(
      and(eq(workspaceMemberships.workspaceId, sql.placeholder("workspaceId")), eq(workspaceMemberships.userId, sql.placeholder("userId"))),
    )
    .prepare(),
);
const teamCapsQuery = preparedQuery((database) =>
  database
    .select({ id: teams.id, name: teams.name, limit: teams.monthlyCreditLimit })
    .from(teamMemberships)
    .innerJoin(teams, eq(teams.id, teamMemberships.teamId))
    .where(
      and(
        eq(teams.workspaceId, sql.placeholder("workspaceId")),
        eq(teamMemberships.userId, sql.placeholder("userId")),
        isNotNull(teams.monthlyCreditLimit),
      ),
    )
    .prepare(),
);

/** Every cap a call by `userId` in this workspace must stay under this month. */
export function spendCapsFor(workspaceId: string, userId: string, now = new Date()): SpendCap[] {
  const monthStart = startOfMonth(now);
  const member = memberCapQuery().get({ workspaceId, userId });
  if (!member) return [];
  const caps: SpendCap[] = [];
  if (member.limit !== null)
    caps.push({
      limit: member.limit,
      spenders: [{ userId, since: monthStart }],
      refusal: (reached) => memberLimitReached(member.workspaceName, reached),
    });

  const cappedTeams = teamCapsQuery().all({ workspaceId, userId });
  for (const team of cappedTeams)
    caps.push({
      limit: team.limit!,
      spenders: teamSpenders(team.id, now),
      refusal: (reached) => teamLimitReached(team.name, member.workspaceName, reached),
    });
  return caps;
}

/** Whose spending counts towards a team's cap this month: each member's since they joined (or the month began). */
export function teamSpenders(teamId: string, now = new Date()): SpendCap["spenders"] {
  const members = db()
    .select({ userId: teamMemberships.userId, joinedAt: teamMemberships.createdAt })
    .from(teamMemberships)
    .where(eq(teamMemberships.teamId, teamId))
    .all();
  return spendersAmong(members, now);
}

/** The same, for team members already read. */
export function spendersAmong(members: { userId: string; joinedAt: Date }[], now = new Date()): SpendCap["spenders"] {
  const monthStart = startOfMonth(now);
  return members.map((m) => ({ userId: m.userId, since: later(monthStart, m.joinedAt) }));
}
