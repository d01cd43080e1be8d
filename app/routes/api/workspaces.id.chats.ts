import { DEFAULT_MODEL_ID } from "~/modules/ai/models";
import { createChat, listChats, toChatSummary } from "~/modules/chat/chats.server";
import { chatCreateSchema, chatSearchSchema } from "~/modules/chat/schemas";
import { api, json, methodNotAllowed, readJson, readQuery } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/workspaces.id.chats";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const membership = await requireWorkspaceApi(request, params);
  const { q } = readQuery(request, chatSearchSchema);
  return json({ chats: listChats(membership, q) });
});

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  if (request.method !== "POST") return methodNotAllowed("GET, POST")();
  const membership = await requireWorkspaceApi(request, params);
  const input = await readJson(request, chatCreateSchema);
  return json(toChatSummary(createChat(membership, { title: input.title, modelId: input.modelId ?? DEFAULT_MODEL_ID })), 201);
});
