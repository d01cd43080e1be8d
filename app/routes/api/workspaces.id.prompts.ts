import { createPrompt, listPrompts } from "~/modules/chat/prompts.server";
import { promptInputSchema } from "~/modules/chat/schemas";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/workspaces.id.prompts";

// The workspace's saved prompts (the composer inserts them with "/").
export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const membership = await requireWorkspaceApi(request, params);
  return json({ prompts: listPrompts(membership) });
});

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST")();
  const membership = await requireWorkspaceApi(request, params);
  return json(createPrompt(membership, await readJson(request, promptInputSchema)), 201);
});
