import { shareChat, shareChatWithTeam } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { chatShareSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson } from "~/modules/http/api.server";

// Shares the chat with another member of the workspace, or with one of its teams; they can then read and continue it.
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const { email, teamId } = await readJson(request, chatShareSchema);
    if (teamId) return json({ chatId: chat.id, sharedWithTeam: shareChatWithTeam(membership, chat, teamId) });
    return json({ chatId: chat.id, sharedWith: shareChat(membership, chat, email!) });
  },
});
export const action = loader;
