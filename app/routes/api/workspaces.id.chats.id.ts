import { showBranchThrough } from "~/modules/chat/branches.server";
import { chatView, deleteChat, updateChat } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { chatUpdateSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson, type ApiArgs } from "~/modules/http/api.server";

// GET answers the chat with its current branch; PUT { currentMessageId } shows another branch.
const update = async ({ request, params, context }: ApiArgs) => {
  const { membership, chat } = requireChatApi(context, params);
  const { currentMessageId, ...changes } = await readJson(request, chatUpdateSchema);
  const shown = currentMessageId ? showBranchThrough(chat, currentMessageId) : chat;
  const updated = Object.values(changes).some((v) => v !== undefined) ? updateChat(membership, shown, changes) : shown;
  return json(chatView(updated, membership.user.id));
};

export const loader = apiRoute({
  GET: ({ params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    return json(chatView(chat, membership.user.id));
  },
  PUT: update,
  PATCH: update,
  DELETE: ({ params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    deleteChat(membership, chat);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
