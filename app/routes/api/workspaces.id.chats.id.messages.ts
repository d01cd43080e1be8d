import { answerResponse } from "~/modules/chat/answer-response.server";
import { continueChat } from "~/modules/chat/conversation.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { messageInputSchema } from "~/modules/chat/schemas";
import { apiRoute, readJson } from "~/modules/http/api.server";

// Streams like POST /api/chat (plain text, or SSE with Accept: text/event-stream).
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const input = await readJson(request, messageInputSchema);
    return answerResponse(request, await continueChat(membership, chat, input, request.signal));
  },
});
export const action = loader;
