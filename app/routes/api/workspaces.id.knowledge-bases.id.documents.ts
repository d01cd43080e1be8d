import { apiRoute, json } from "~/modules/http/api.server";
import { requireKnowledgeBaseApi } from "~/modules/rag/guard.server";
import { listKnowledgeBaseDocuments } from "~/modules/rag/knowledge-bases.server";

export const loader = apiRoute({
  GET: ({ params, context }) => json({ documents: listKnowledgeBaseDocuments(requireKnowledgeBaseApi(context, params).knowledgeBase) }),
});
export const action = loader;
