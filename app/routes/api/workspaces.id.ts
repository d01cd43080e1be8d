import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { workspaceInputSchema } from "~/modules/workspaces/schemas";
import { deleteWorkspace, renameWorkspace, toWorkspaceView } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/workspaces.id";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  return json(toWorkspaceView(await requireWorkspaceApi(request, params)));
});

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const membership = await requireWorkspaceApi(request, params);
  switch (request.method) {
    case "PUT":
    case "PATCH": {
      const { name } = await readJson(request, workspaceInputSchema);
      return json(renameWorkspace(membership, name));
    }
    case "DELETE":
      deleteWorkspace(membership);
      return new Response(null, { status: 204 });
    default:
      return methodNotAllowed("GET, PUT, DELETE")();
  }
});
