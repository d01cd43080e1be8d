import { DEFAULT_MODEL_ID } from "~/modules/ai/models";
import { createChat, listChats, toChatSummary } from "~/modules/chat/chats.server";
import { chatCreateSchema, chatSearchSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson, readQuery } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

export const loader = apiRoute({
  GET: ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    const { q } = readQuery(request, chatSearchSchema);
    return json({ chats: listChats(membership, q) });
  },
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    const input = await readJson(request, chatCreateSchema);
    return json(toChatSummary(createChat(membership, { title: input.title, modelId: input.modelId ?? DEFAULT_MODEL_ID })), 201);
  },
});
export const action = loader;
