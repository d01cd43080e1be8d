import { apiRoute, json, readJson, type ApiArgs } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { workspaceInputSchema } from "~/modules/workspaces/schemas";
import { deleteWorkspace, renameWorkspace, toWorkspaceView } from "~/modules/workspaces/workspaces.server";

const rename = async ({ request, params, context }: ApiArgs) => {
  const membership = requireWorkspaceApi(context, params);
  const { name } = await readJson(request, workspaceInputSchema);
  return json(renameWorkspace(membership, name));
};

export const loader = apiRoute({
  GET: ({ params, context }) => json(toWorkspaceView(requireWorkspaceApi(context, params))),
  PUT: rename,
  PATCH: rename,
  DELETE: ({ params, context }) => {
    deleteWorkspace(requireWorkspaceApi(context, params));
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
