import { Outlet, useParams } from "react-router";
import { AppShell } from "~/components/app-shell";
import { toPublicUser } from "~/modules/auth/accounts.server";
import { requirePageUser } from "~/modules/auth/guard.server";
import { listWorkspaces } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/layout";

export async function loader({ request }: Route.LoaderArgs) {
  const user = await requirePageUser(request);
  return { user: toPublicUser(user), workspaces: listWorkspaces(user.id), currentWorkspaceId: user.currentWorkspaceId };
}

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  const { workspaceId } = useParams();
  const currentId = workspaceId ?? loaderData.currentWorkspaceId;
  const current = loaderData.workspaces.find((w) => w.id === currentId) ?? loaderData.workspaces[0];
  return (
    <AppShell user={loaderData.user} workspaces={loaderData.workspaces} current={current}>
      <Outlet />
    </AppShell>
  );
}
