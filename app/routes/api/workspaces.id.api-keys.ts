import { assertNotKeyManagedByKey, createApiKey, listApiKeys } from "~/modules/api-keys/api-keys.server";
import { apiKeyInputSchema } from "~/modules/api-keys/schemas";
import { requireCaller } from "~/modules/auth/caller.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

export const loader = apiRoute({
  GET: ({ params, context }) => json({ apiKeys: listApiKeys(requireWorkspaceApi(context, params)) }),
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    assertNotKeyManagedByKey(requireCaller(context).apiKey !== null);
    return json(createApiKey(membership, await readJson(request, apiKeyInputSchema)), 201);
  },
});
export const action = loader;
