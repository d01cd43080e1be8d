import { requireApiUser } from "~/modules/auth/guard.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { workspaceInputSchema } from "~/modules/workspaces/schemas";
import { createWorkspace, listWorkspaces } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/workspaces";

export const loader = api(async ({ request }: Route.LoaderArgs) => {
  const user = await requireApiUser(request);
  return json({ workspaces: listWorkspaces(user.id) });
});

export const action = api(async ({ request }: Route.ActionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST")();
  const user = await requireApiUser(request);
  const { name } = await readJson(request, workspaceInputSchema);
  return json(createWorkspace(user.id, name), 201);
});
