import { apiRoute, json, readJson, readParams, type ApiArgs } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { removeMember, updateMember } from "~/modules/workspaces/members.server";
import { memberParamsSchema, memberUpdateSchema } from "~/modules/workspaces/schemas";

const update = async ({ request, params, context }: ApiArgs) => {
  const membership = requireWorkspaceApi(context, params);
  const { userId } = readParams(params, memberParamsSchema);
  return json(updateMember(membership, userId, await readJson(request, memberUpdateSchema)));
};

export const loader = apiRoute({
  PUT: update,
  PATCH: update,
  DELETE: ({ params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    removeMember(membership, readParams(params, memberParamsSchema).userId);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
