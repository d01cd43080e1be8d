import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { requireKnowledgeBaseApi } from "~/modules/rag/guard.server";
import { addDocuments } from "~/modules/rag/knowledge-bases.server";
import { documentIdsSchema } from "~/modules/rag/schemas";

export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const { membership, knowledgeBase } = requireKnowledgeBaseApi(context, params);
    const { documentIds } = await readJson(request, documentIdsSchema);
    return json(addDocuments(membership, knowledgeBase, documentIds));
  },
});
export const action = loader;
