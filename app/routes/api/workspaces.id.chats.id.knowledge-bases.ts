import { requireChatApi } from "~/modules/chat/guard.server";
import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { listChatKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import type { Route } from "./+types/workspaces.id.chats.id.knowledge-bases";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { chat } = await requireChatApi(request, params);
  return json({ knowledgeBases: listChatKnowledgeBases(chat.id) });
});

export const action = methodNotAllowed("GET");
