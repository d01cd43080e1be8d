import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { addDocumentFromUrl } from "~/modules/rag/documents.server";
import { fromUrlSchema } from "~/modules/rag/schemas";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/workspaces.id.documents.from-url";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const membership = await requireWorkspaceApi(request, params);
  const input = await readJson(request, fromUrlSchema);
  const { document, duplicate } = await addDocumentFromUrl(membership, input, request.signal);
  return json({ document, duplicate }, duplicate ? 200 : 201);
});
