import { shareChat } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { inviteUserSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson } from "~/modules/http/api.server";

// Shares the chat with another member of the workspace, who can then read and continue it.
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const { email } = await readJson(request, inviteUserSchema);
    return json({ chatId: chat.id, sharedWith: shareChat(membership, chat, email) });
  },
});
export const action = loader;
