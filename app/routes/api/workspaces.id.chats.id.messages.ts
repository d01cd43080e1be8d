import { answerResponse } from "~/modules/chat/answer-response.server";
import { continueChat } from "~/modules/chat/conversation.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { messageInputSchema } from "~/modules/chat/schemas";
import { api, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/workspaces.id.chats.id.messages";

export const loader = methodNotAllowed("POST");

// Streams like POST /api/chat (plain text, or SSE with Accept: text/event-stream).
export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  const input = await readJson(request, messageInputSchema);
  return answerResponse(request, await continueChat(membership, chat, input, request.signal));
});
