// The one guard of workspace-scoped routes: who is calling, and what is their
// role in this workspace? A workspace they are not in does not exist for them.
import { requireApiUser, requirePageUser } from "~/modules/auth/guard.server";
import { readParams } from "~/modules/http/api.server";
import { forPage } from "~/modules/http/page.server";
import { workspaceParamsSchema } from "./schemas";
import { requireMembership, type Membership } from "./workspaces.server";

/** For API routes: 401 / 403 (cross-origin) / 404, in the shared error shape. */
export async function requireWorkspaceApi(request: Request, params: unknown): Promise<Membership> {
  const user = await requireApiUser(request);
  const { workspaceId } = readParams(params, workspaceParamsSchema);
  return requireMembership(user, workspaceId);
}

/** For pages: to the log-in page without a session, the 404 page without a membership. */
export async function requireWorkspacePage(request: Request, params: unknown): Promise<Membership> {
  const user = await requirePageUser(request);
  return forPage(() => requireMembership(user, readParams(params, workspaceParamsSchema).workspaceId));
}
