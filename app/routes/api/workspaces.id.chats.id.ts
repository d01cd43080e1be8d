import { chatView, deleteChat, updateChat } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { chatUpdateSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson, type ApiArgs } from "~/modules/http/api.server";

const update = async ({ request, params, context }: ApiArgs) => {
  const { chat } = requireChatApi(context, params);
  return json(chatView(updateChat(chat, await readJson(request, chatUpdateSchema))));
};

export const loader = apiRoute({
  GET: ({ params, context }) => json(chatView(requireChatApi(context, params).chat)),
  PUT: update,
  PATCH: update,
  DELETE: ({ params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    deleteChat(membership, chat);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
