import { requireChatApi } from "~/modules/chat/guard.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { attachKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseIdsSchema } from "~/modules/rag/schemas";
import type { Route } from "./+types/workspaces.id.chats.id.knowledge-bases.attach";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, chat } = await requireChatApi(request, params);
  const { knowledgeBaseIds } = await readJson(request, knowledgeBaseIdsSchema);
  return json({ knowledgeBases: attachKnowledgeBases(membership, chat.id, knowledgeBaseIds) });
});
