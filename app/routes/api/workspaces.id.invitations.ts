import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { inviteToWorkspace, listInvitations } from "~/modules/workspaces/invitations.server";
import { invitationInputSchema } from "~/modules/workspaces/schemas";

export const loader = apiRoute({
  GET: ({ params, context }) => json({ invitations: listInvitations(requireWorkspaceApi(context, params)) }),
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    return json(await inviteToWorkspace(membership, await readJson(request, invitationInputSchema)), 201);
  },
});
export const action = loader;
