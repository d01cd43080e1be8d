import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { createKnowledgeBase, listKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import { knowledgeBaseInputSchema } from "~/modules/rag/schemas";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/workspaces.id.knowledge-bases";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const membership = await requireWorkspaceApi(request, params);
  return json({ knowledgeBases: listKnowledgeBases(membership) });
});

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST")();
  const membership = await requireWorkspaceApi(request, params);
  return json(createKnowledgeBase(membership, await readJson(request, knowledgeBaseInputSchema)), 201);
});
