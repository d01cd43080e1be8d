import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { requireKnowledgeBaseApi } from "~/modules/rag/guard.server";
import { listKnowledgeBaseDocuments } from "~/modules/rag/knowledge-bases.server";
import type { Route } from "./+types/workspaces.id.knowledge-bases.id.documents";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { knowledgeBase } = await requireKnowledgeBaseApi(request, params);
  return json({ documents: listKnowledgeBaseDocuments(knowledgeBase) });
});

export const action = methodNotAllowed("GET");
