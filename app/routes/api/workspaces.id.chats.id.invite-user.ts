import { shareChat } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { inviteUserSchema } from "~/modules/chat/schemas";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/workspaces.id.chats.id.invite-user";

export const loader = methodNotAllowed("POST");

// Shares the chat with another member of the workspace, who can then read and continue it.
export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  const { email } = await readJson(request, inviteUserSchema);
  return json({ chatId: chat.id, sharedWith: shareChat(membership, chat, email) });
});
