import { requireChatApi } from "~/modules/chat/guard.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { attachKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseIdsSchema } from "~/modules/rag/schemas";

export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    const { knowledgeBaseIds } = await readJson(request, knowledgeBaseIdsSchema);
    return json({ knowledgeBases: attachKnowledgeBases(membership, chat.id, knowledgeBaseIds) });
  },
});
export const action = loader;
