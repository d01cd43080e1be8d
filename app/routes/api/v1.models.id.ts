import { requireCaller } from "~/modules/auth/caller.server";
import { json, readParams } from "~/modules/http/api.server";
import { openAiRoute } from "~/modules/http/openai-errors.server";
import { retrieveOpenAiModel } from "~/modules/openai-compat/models.server";
import { modelParamsSchema } from "~/modules/openai-compat/schemas";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

// GET /v1/models/{id}: one model the key's workspace may use; any other is model_not_found.
export const loader = openAiRoute({
  GET: ({ params, context }) => {
    const membership = workspaceFor(requireCaller(context), undefined);
    return json(retrieveOpenAiModel(membership, readParams(params, modelParamsSchema).modelId));
  },
});
export const action = loader;
