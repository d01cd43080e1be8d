import { requireCaller } from "~/modules/auth/caller.server";
import { json } from "~/modules/http/api.server";
import { openAiRoute } from "~/modules/http/openai-errors.server";
import { listOpenAiModels } from "~/modules/openai-compat/models.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

// GET /v1/models: the models the key's workspace may use, in OpenAI's list shape.
export const loader = openAiRoute({
  GET: ({ context }) => json(listOpenAiModels(workspaceFor(requireCaller(context), undefined))),
});
export const action = loader;
