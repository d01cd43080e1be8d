import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { requireTeamApi } from "~/modules/workspaces/guard.server";
import { inviteToTeam, listTeamInvitations } from "~/modules/workspaces/invitations.server";
import { teamInvitationInputSchema } from "~/modules/workspaces/schemas";

export const loader = apiRoute({
  GET: ({ params, context }) => {
    const { membership, team } = requireTeamApi(context, params);
    return json({ invitations: listTeamInvitations(membership, team) });
  },
  POST: async ({ request, params, context }) => {
    const { membership, team } = requireTeamApi(context, params);
    return json(await inviteToTeam(membership, team, await readJson(request, teamInvitationInputSchema)), 201);
  },
});
export const action = loader;
