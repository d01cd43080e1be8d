import { Outlet, useParams } from "react-router";
import { AppShell } from "~/components/app-shell";
import { toPublicUser } from "~/modules/auth/accounts.server";
import { isAdmin } from "~/modules/admin/admin.server";
import { shownCredits } from "~/modules/billing/credits.server";
import { requirePageUser } from "~/modules/auth/guard.server";
import { listWorkspaces } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/layout";

export async function loader({ request, params }: Route.LoaderArgs) {
  const user = await requirePageUser(request);
  const workspaces = listWorkspaces(user.id);
  // The balance shown in the header: of the workspace in the address, else the current one.
  const shown = workspaces.find((w) => w.id === params.workspaceId) ?? workspaces.find((w) => w.id === user.currentWorkspaceId);
  return {
    user: toPublicUser(user),
    workspaces,
    currentWorkspaceId: user.currentWorkspaceId,
    isAdmin: isAdmin(user),
    credits: shown ? { workspaceId: shown.id, available: shownCredits(shown.id) } : null,
  };
}

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  const { workspaceId } = useParams();
  const currentId = workspaceId ?? loaderData.currentWorkspaceId;
  const current = loaderData.workspaces.find((w) => w.id === currentId) ?? loaderData.workspaces[0];
  const balance = loaderData.credits?.workspaceId === current?.id ? loaderData.credits?.available : null;
  return (
    <AppShell
      user={loaderData.user}
      workspaces={loaderData.workspaces}
      current={current}
      isAdmin={loaderData.isAdmin}
      credits={balance ?? undefined}
    >
      <Outlet />
    </AppShell>
  );
}
