import { requireChatApi } from "~/modules/chat/guard.server";
import { apiRoute, json } from "~/modules/http/api.server";
import { listChatKnowledgeBases } from "~/modules/rag/knowledge-bases.server";

export const loader = apiRoute({
  GET: ({ params, context }) => {
    const { membership, chat } = requireChatApi(context, params);
    return json({ knowledgeBases: listChatKnowledgeBases(membership, chat.id) });
  },
});
export const action = loader;
