import { revokeApiKey } from "~/modules/api-keys/api-keys.server";
import { apiKeyParamsSchema } from "~/modules/api-keys/schemas";
import { apiRoute, readParams } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

export const loader = apiRoute({
  DELETE: ({ params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    revokeApiKey(membership, readParams(params, apiKeyParamsSchema).keyId);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
