import { answerResponse } from "~/modules/chat/answer-response.server";
import { regenerateAnswer } from "~/modules/chat/conversation.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { regenerateInputSchema } from "~/modules/chat/schemas";
import { apiRoute, readJson } from "~/modules/http/api.server";

// Answers the last question of the current branch again (or `messageId`), as a new version of its answer; with
// `content`, an edited copy of the question is asked, starting a new branch. Older versions stay.
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const input = await readJson(request, regenerateInputSchema);
    return answerResponse(request, await regenerateAnswer(membership, chat, input, request.signal));
  },
});
export const action = loader;
