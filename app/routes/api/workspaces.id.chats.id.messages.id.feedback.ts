import { clearRating, rateAnswer } from "~/modules/chat/feedback.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { feedbackSchema, messageParamsSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson, readParams, type ApiArgs } from "~/modules/http/api.server";

// PUT { rating: "up" | "down", note? } rates an answer (again); DELETE takes the rating back.
const rate = async ({ request, params, context }: ApiArgs) => {
  const { membership, chat } = requireChatApi(context, params);
  const { messageId } = readParams(params, messageParamsSchema);
  return json(rateAnswer(membership, chat, messageId, await readJson(request, feedbackSchema)));
};

export const loader = apiRoute({
  PUT: rate,
  POST: rate,
  DELETE: ({ params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    clearRating(membership, chat, readParams(params, messageParamsSchema).messageId);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
