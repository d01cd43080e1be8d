import { apiRoute, json } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import { listWorkspaceMembers } from "~/modules/workspaces/members.server";

export const loader = apiRoute({
  GET: ({ params, context }) => json({ members: listWorkspaceMembers(requireWorkspaceApi(context, params)) }),
});
export const action = loader;
