import { clearRating, rateAnswer } from "~/modules/chat/feedback.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { feedbackSchema, messageParamsSchema } from "~/modules/chat/schemas";
import { api, json, methodNotAllowed, readJson, readParams } from "~/modules/http/api.server";
import type { Route } from "./+types/workspaces.id.chats.id.messages.id.feedback";

export const loader = methodNotAllowed("PUT, DELETE");

// PUT { rating: "up" | "down", note? } rates an answer (again); DELETE takes the rating back.
export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  const { messageId } = readParams(params, messageParamsSchema);
  switch (request.method) {
    case "PUT":
    case "POST":
      return json(rateAnswer(membership, chat, messageId, await readJson(request, feedbackSchema)));
    case "DELETE":
      clearRating(membership, chat, messageId);
      return new Response(null, { status: 204 });
    default:
      return methodNotAllowed("PUT, DELETE")();
  }
});
