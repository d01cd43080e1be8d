import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { createKnowledgeBase, listKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseInputSchema } from "~/modules/rag/schemas";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

export const loader = apiRoute({
  GET: ({ params, context }) => json({ knowledgeBases: listKnowledgeBases(requireWorkspaceApi(context, params)) }),
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    return json(createKnowledgeBase(membership, await readJson(request, knowledgeBaseInputSchema)), 201);
  },
});
export const action = loader;
