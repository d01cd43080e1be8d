import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { requireKnowledgeBaseApi } from "~/modules/rag/guard.server";
import { deleteKnowledgeBase, toKnowledgeBaseView, updateKnowledgeBase } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseUpdateSchema } from "~/modules/rag/schemas";
import type { Route } from "./+types/workspaces.id.knowledge-bases.id";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { knowledgeBase } = await requireKnowledgeBaseApi(request, params);
  return json(toKnowledgeBaseView(knowledgeBase));
});

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { knowledgeBase } = await requireKnowledgeBaseApi(request, params);
  switch (request.method) {
    case "PUT":
    case "PATCH":
      return json(updateKnowledgeBase(knowledgeBase, await readJson(request, knowledgeBaseUpdateSchema)));
    case "DELETE":
      deleteKnowledgeBase(knowledgeBase);
      return new Response(null, { status: 204 });
    default:
      return methodNotAllowed("GET, PUT, DELETE")();
  }
});
