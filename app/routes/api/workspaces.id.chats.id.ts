import { chatView, deleteChat, updateChat } from "~/modules/chat/chats.server";
import { requireChatApi } from "~/modules/chat/guard.server";
import { chatUpdateSchema } from "~/modules/chat/schemas";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import type { Route } from "./+types/workspaces.id.chats.id";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { chat } = await requireChatApi(request, params);
  return json(chatView(chat));
});

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  switch (request.method) {
    case "PUT":
    case "PATCH":
      return json(chatView(updateChat(chat, await readJson(request, chatUpdateSchema))));
    case "DELETE":
      deleteChat(membership, chat);
      return new Response(null, { status: 204 });
    default:
      return methodNotAllowed("GET, PUT, DELETE")();
  }
});
