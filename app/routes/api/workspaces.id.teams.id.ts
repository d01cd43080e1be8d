import { apiRoute, json, readJson, type ApiArgs } from "~/modules/http/api.server";
import { requireTeamApi } from "~/modules/workspaces/guard.server";
import { teamUpdateSchema } from "~/modules/workspaces/schemas";
import { deleteTeam, teamDetail, updateTeam } from "~/modules/workspaces/teams.server";

const update = async ({ request, params, context }: ApiArgs) => {
  const { membership, team } = requireTeamApi(context, params);
  return json(updateTeam(membership, team, await readJson(request, teamUpdateSchema)));
};

export const loader = apiRoute({
  GET: ({ params, context }) => {
    const { membership, team } = requireTeamApi(context, params);
    return json(teamDetail(membership, team));
  },
  PUT: update,
  PATCH: update,
  DELETE: ({ params, context }) => {
    const { membership, team } = requireTeamApi(context, params);
    deleteTeam(membership, team);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
