import { apiRoute, json, readJson, readParams, type ApiArgs } from "~/modules/http/api.server";
import { requireTeamApi } from "~/modules/workspaces/guard.server";
import { teamMembershipParamsSchema, teamMembershipUpdateSchema } from "~/modules/workspaces/schemas";
import { removeTeamMembership, updateTeamMembership } from "~/modules/workspaces/teams.server";

const update = async ({ request, params, context }: ApiArgs) => {
  const { membership, team } = requireTeamApi(context, params);
  const { membershipId } = readParams(params, teamMembershipParamsSchema);
  const { role } = await readJson(request, teamMembershipUpdateSchema);
  return json(updateTeamMembership(membership, team, membershipId, role));
};

export const loader = apiRoute({
  PUT: update,
  PATCH: update,
  DELETE: ({ params, context }) => {
    const { membership, team } = requireTeamApi(context, params);
    removeTeamMembership(membership, team, readParams(params, teamMembershipParamsSchema).membershipId);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
