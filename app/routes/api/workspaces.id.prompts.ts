import { createPrompt, listPrompts } from "~/modules/chat/prompts.server";
import { promptInputSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

// The workspace's saved prompts (the composer inserts them with "/").
export const loader = apiRoute({
  GET: ({ params, context }) => json({ prompts: listPrompts(requireWorkspaceApi(context, params)) }),
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    return json(createPrompt(membership, await readJson(request, promptInputSchema)), 201);
  },
});
export const action = loader;
