import { requireChatApi } from "~/modules/chat/guard.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { detachKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseIdsSchema } from "~/modules/rag/schemas";

export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const { knowledgeBaseIds } = await readJson(request, knowledgeBaseIdsSchema);
    return json({ knowledgeBases: detachKnowledgeBases(membership, chat.id, knowledgeBaseIds) });
  },
});
export const action = loader;
