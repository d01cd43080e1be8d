import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { teamInputSchema } from "~/modules/workspaces/schemas";
import { createTeam, listTeams } from "~/modules/workspaces/teams.server";

export const loader = apiRoute({
  GET: ({ params, context }) => json({ teams: listTeams(requireWorkspaceApi(context, params)) }),
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    return json(createTeam(membership, await readJson(request, teamInputSchema)), 201);
  },
});
export const action = loader;
