import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { requireKnowledgeBaseApi } from "~/modules/rag/guard.server";
import { listKnowledgeBaseTeams, shareKnowledgeBaseWithTeam } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseShareSchema } from "~/modules/rag/schemas";

// The teams a knowledge base is shared with; sharing restricts it to them (plus its creator, owners and admins).
export const loader = apiRoute({
  GET: ({ params, context }) => json({ teams: listKnowledgeBaseTeams(requireKnowledgeBaseApi(context, params).knowledgeBase) }),
  POST: async ({ request, params, context }) => {
    const { membership, knowledgeBase } = requireKnowledgeBaseApi(context, params);
    const { teamId } = await readJson(request, knowledgeBaseShareSchema);
    return json({ teams: shareKnowledgeBaseWithTeam(membership, knowledgeBase, teamId) });
  },
});
export const action = loader;
