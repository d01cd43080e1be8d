import { apiRoute, readParams } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { revokeInvitation } from "~/modules/workspaces/invitations.server";
import { invitationParamsSchema } from "~/modules/workspaces/schemas";

export const loader = apiRoute({
  DELETE: ({ params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    revokeInvitation(membership, readParams(params, invitationParamsSchema).invitationId);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
