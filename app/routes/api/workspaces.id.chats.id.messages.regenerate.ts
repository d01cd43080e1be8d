import { answerResponse } from "~/modules/chat/answer-response.server";
import { regenerateAnswer } from "~/modules/chat/conversation.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { regenerateInputSchema } from "~/modules/chat/schemas";
import { api, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/workspaces.id.chats.id.messages.regenerate";

export const loader = methodNotAllowed("POST");

// Answers the last question again (edited first when `content` is sent), replacing the last answer.
export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  const input = await readJson(request, regenerateInputSchema);
  return answerResponse(request, await regenerateAnswer(membership, chat, input, request.signal));
});
