import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { translateRequestSchema } from "~/modules/translate/schemas";
import { translateText } from "~/modules/translate/translate.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

// POST /api/workspaces/{id}/translate { text, targetLanguage, sourceLanguage?, modelId? } → { translation, modelId }.
export const loader = apiRoute({
  POST: async ({ request, context, params }) => {
    const membership = requireWorkspaceApi(context, params);
    const input = await readJson(request, translateRequestSchema);
    return json(await translateText(membership, input, request.signal));
  },
});
export const action = loader;
