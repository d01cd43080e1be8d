import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { addDocumentFromUrl } from "~/modules/rag/documents.server";
import { fromUrlSchema } from "~/modules/rag/schemas";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    const input = await readJson(request, fromUrlSchema);
    const { document, duplicate } = await addDocumentFromUrl(membership, input, request.signal);
    return json({ document, duplicate }, duplicate ? 200 : 201);
  },
});
export const action = loader;
