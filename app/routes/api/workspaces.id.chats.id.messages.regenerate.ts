import { answerResponse } from "~/modules/chat/answer-response.server";
import { regenerateAnswer } from "~/modules/chat/conversation.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { regenerateInputSchema } from "~/modules/chat/schemas";
import { apiRoute, readJson } from "~/modules/http/api.server";

// Answers the last question again (edited first when `content` is sent), replacing the last answer.
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const input = await readJson(request, regenerateInputSchema);
    return answerResponse(request, await regenerateAnswer(membership, chat, input, request.signal));
  },
});
export const action = loader;
