import { requireCaller } from "~/modules/auth/caller.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { forbidden } from "~/modules/http/errors";
import { workspaceInputSchema } from "~/modules/workspaces/schemas";
import { createWorkspaceForPerson, listCallerWorkspaces } from "~/modules/workspaces/workspaces.server";

export const loader = apiRoute({
  GET: ({ context }) => json({ workspaces: listCallerWorkspaces(requireCaller(context)) }),
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    // A key acts inside its one workspace; making others is for the person, signed in.
    if (caller.apiKey) throw forbidden("An API key cannot create workspaces");
    const { name } = await readJson(request, workspaceInputSchema);
    return json(await createWorkspaceForPerson(caller.user.id, name), 201);
  },
});
export const action = loader;
