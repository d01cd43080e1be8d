import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { listDocuments } from "~/modules/rag/documents.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/workspaces.id.documents";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const membership = await requireWorkspaceApi(request, params);
  return json({ documents: listDocuments(membership) });
});

export const action = methodNotAllowed("GET");
