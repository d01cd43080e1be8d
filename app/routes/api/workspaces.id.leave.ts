import { apiRoute, json } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { leaveWorkspace } from "~/modules/workspaces/members.server";

export const loader = apiRoute({
  POST: ({ params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    leaveWorkspace(membership);
    return json({ left: true, workspaceId: membership.workspace.id });
  },
});
export const action = loader;
