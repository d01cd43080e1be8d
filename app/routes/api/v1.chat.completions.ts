import { requireCaller } from "~/modules/auth/caller.server";
import { readJson } from "~/modules/http/api.server";
import { openAiRoute } from "~/modules/http/openai-errors.server";
import { createChatCompletion } from "~/modules/openai-compat/completions.server";
import { chatCompletionRequestSchema } from "~/modules/openai-compat/schemas";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

// POST /v1/chat/completions: OpenAI's Chat Completions, streamed or not, paid from the key's workspace.
export const loader = openAiRoute({
  POST: async ({ request, context }) => {
    const membership = workspaceFor(requireCaller(context), undefined);
    const body = await readJson(request, chatCompletionRequestSchema);
    return createChatCompletion(membership, body, request.signal);
  },
});
export const action = loader;
