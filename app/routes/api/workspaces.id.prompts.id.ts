import { deletePrompt, requirePrompt, toPromptView, updatePrompt } from "~/modules/chat/prompts.server";
import { promptParamsSchema, promptUpdateSchema } from "~/modules/chat/schemas";
import { api, json, methodNotAllowed, readJson, readParams } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/workspaces.id.prompts.id";

async function promptOf(request: Request, params: unknown) {
  const membership = await requireWorkspaceApi(request, params);
  const { promptId } = readParams(params, promptParamsSchema);
  return { membership, prompt: requirePrompt(membership, promptId) };
}

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { prompt } = await promptOf(request, params);
  return json(toPromptView(prompt));
});

// PUT { title?, content? } (its author or a workspace owner/admin); DELETE → 204.
export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { membership, prompt } = await promptOf(request, params);
  switch (request.method) {
    case "PUT":
    case "PATCH":
      return json(updatePrompt(membership, prompt, await readJson(request, promptUpdateSchema)));
    case "DELETE":
      deletePrompt(membership, prompt);
      return new Response(null, { status: 204 });
    default:
      return methodNotAllowed("GET, PUT, DELETE")();
  }
});
