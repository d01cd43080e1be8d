import { showBranchThrough } from "~/modules/chat/branches.server";
import { chatView, deleteChat, updateChat } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { chatUpdateSchema } from "~/modules/chat/schemas";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/workspaces.id.chats.id";

// GET answers the chat with its current branch; PUT { currentMessageId } shows another branch.
export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  return json(chatView(chat, membership.user.id));
});

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  switch (request.method) {
    case "PUT":
    case "PATCH": {
      const { currentMessageId, ...changes } = await readJson(request, chatUpdateSchema);
      const shown = currentMessageId ? showBranchThrough(chat, currentMessageId) : chat;
      const updated = Object.values(changes).some((v) => v !== undefined) ? updateChat(shown, changes) : shown;
      return json(chatView(updated, membership.user.id));
    }
    case "DELETE":
      deleteChat(membership, chat);
      return new Response(null, { status: 204 });
    default:
      return methodNotAllowed("GET, PUT, DELETE")();
  }
});
