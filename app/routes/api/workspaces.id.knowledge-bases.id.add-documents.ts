import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { requireKnowledgeBaseApi } from "~/modules/rag/guard.server";
import { addDocuments } from "~/modules/rag/knowledge-bases.server";
import { documentIdsSchema } from "~/modules/rag/schemas";
import type { Route } from "./+types/workspaces.id.knowledge-bases.id.add-documents";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, knowledgeBase } = await requireKnowledgeBaseApi(request, params);
  const { documentIds } = await readJson(request, documentIdsSchema);
  return json(addDocuments(membership, knowledgeBase, documentIds));
});
