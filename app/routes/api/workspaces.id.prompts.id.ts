import type { RouterContextProvider } from "react-router";
import { deletePrompt, requirePrompt, toPromptView, updatePrompt } from "~/modules/chat/prompts.server";
import { promptParamsSchema, promptUpdateSchema } from "~/modules/chat/schemas";
import { apiRoute, json, readJson, readParams, type ApiArgs } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

function promptOf(context: Readonly<RouterContextProvider>, params: unknown) {
  const membership = requireWorkspaceApi(context, params);
  const { promptId } = readParams(params, promptParamsSchema);
  return { membership, prompt: requirePrompt(membership, promptId) };
}

// PUT { title?, content? } (its author or a workspace owner/admin); DELETE → 204.
const update = async ({ request, params, context }: ApiArgs) => {
  const { membership, prompt } = promptOf(context, params);
  return json(updatePrompt(membership, prompt, await readJson(request, promptUpdateSchema)));
};

export const loader = apiRoute({
  GET: ({ params, context }) => json(toPromptView(promptOf(context, params).prompt)),
  PUT: update,
  PATCH: update,
  DELETE: ({ params, context }) => {
    const { membership, prompt } = promptOf(context, params);
    deletePrompt(membership, prompt);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
