// The one guard of workspace-scoped routes: who is calling, and what is their
// role in this workspace? A workspace they are not in does not exist for them.
import type { RouterContextProvider } from "react-router";
import type { Team } from "#db/schema";
import { requireCaller } from "~/modules/auth/caller.server";
import { requirePageUser } from "~/modules/auth/guard.server";
import { readParams } from "~/modules/http/api.server";
import { forPage } from "~/modules/http/page.server";
import { teamParamsSchema, workspaceParamsSchema } from "./schemas";
import { requireTeam } from "./teams.server";
import { membershipFor, requireMembership, type Membership } from "./workspaces.server";

/** For API routes: 401 / 404, in the shared error shape (the API guard already checked origin and limits). */
export function requireWorkspaceApi(context: Readonly<RouterContextProvider>, params: unknown): Membership {
  const caller = requireCaller(context);
  const { workspaceId } = readParams(params, workspaceParamsSchema);
  return membershipFor(caller, workspaceId);
}

/** For team API routes: the caller's membership and a team of that workspace (401 / 404). */
export function requireTeamApi(context: Readonly<RouterContextProvider>, params: unknown): { membership: Membership; team: Team } {
  const membership = requireWorkspaceApi(context, params);
  return { membership, team: requireTeam(membership, readParams(params, teamParamsSchema).teamId) };
}

/** For pages: to the log-in page without a session, the 404 page without a membership. */
export async function requireWorkspacePage(request: Request, params: unknown): Promise<Membership> {
  const user = await requirePageUser(request);
  return forPage(() => requireMembership(user, readParams(params, workspaceParamsSchema).workspaceId));
}
