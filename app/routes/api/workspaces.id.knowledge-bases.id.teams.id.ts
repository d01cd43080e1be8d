import { apiRoute, readParams } from "~/modules/http/api.server";
import { requireKnowledgeBaseApi } from "~/modules/rag/guard.server";
import { unshareKnowledgeBase } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseTeamParamsSchema } from "~/modules/rag/schemas";

export const loader = apiRoute({
  DELETE: ({ params, context }) => {
    const { membership, knowledgeBase } = requireKnowledgeBaseApi(context, params);
    unshareKnowledgeBase(membership, knowledgeBase, readParams(params, knowledgeBaseTeamParamsSchema).teamId);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
