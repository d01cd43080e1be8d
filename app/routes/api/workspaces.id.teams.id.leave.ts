import { apiRoute, json } from "~/modules/http/api.server";
import { requireTeamApi } from "~/modules/workspaces/guard.server";
import { leaveTeam } from "~/modules/workspaces/teams.server";

export const loader = apiRoute({
  POST: ({ params, context }) => {
    const { membership, team } = requireTeamApi(context, params);
    leaveTeam(membership, team);
    return json({ left: true, teamId: team.id });
  },
});
export const action = loader;
