import { apiRoute, json, readJson, type ApiArgs } from "~/modules/http/api.server";
import { requireKnowledgeBaseApi } from "~/modules/rag/guard.server";
import { deleteKnowledgeBase, toKnowledgeBaseView, updateKnowledgeBase } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseUpdateSchema } from "~/modules/rag/schemas";

const update = async ({ request, params, context }: ApiArgs) => {
  const { knowledgeBase } = requireKnowledgeBaseApi(context, params);
  return json(updateKnowledgeBase(knowledgeBase, await readJson(request, knowledgeBaseUpdateSchema)));
};

export const loader = apiRoute({
  GET: ({ params, context }) => json(toKnowledgeBaseView(requireKnowledgeBaseApi(context, params).knowledgeBase)),
  PUT: update,
  PATCH: update,
  DELETE: ({ params, context }) => {
    const { membership, knowledgeBase } = requireKnowledgeBaseApi(context, params);
    deleteKnowledgeBase(membership, knowledgeBase);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
