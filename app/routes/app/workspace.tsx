import { Link } from "react-router";
import { setCurrentWorkspace } from "~/modules/auth/accounts.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import { can } from "~/modules/workspaces/permissions";
import { listMembers, toWorkspaceView } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/workspace";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `${loaderData?.workspace.name ?? "Workspace"} · Cairn` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  // Opening a workspace makes it the current one for routes that take none.
  if (membership.user.currentWorkspaceId !== membership.workspace.id) setCurrentWorkspace(membership.user.id, membership.workspace.id);
  return { workspace: toWorkspaceView(membership), members: listMembers(membership.workspace.id) };
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default function WorkspaceOverview({ loaderData }: Route.ComponentProps) {
  const { workspace, members } = loaderData;
  return (
    <div className="flex flex-col gap-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-stone-500">{workspace.isPersonal ? "Personal workspace" : "Workspace"}</p>
          <h1 className="text-2xl font-semibold tracking-tight">{workspace.name}</h1>
          <p className="mt-1 text-sm text-stone-600">
            You are <strong>{workspace.role}</strong> here · created {dateFormat.format(new Date(workspace.createdAt))}
          </p>
        </div>
        <div className="flex gap-4 text-sm font-medium">
          <Link to={`/w/${workspace.id}/members`} className="text-brand-700 underline">
            {can(workspace.role, "invitations.manage") ? "Invite people" : "Members"}
          </Link>
          <Link to={`/w/${workspace.id}/settings`} className="text-brand-700 underline">
            Workspace settings
          </Link>
        </div>
      </div>
      <section aria-labelledby="members-heading" className="rounded-2xl border border-stone-200 bg-white">
        <h2 id="members-heading" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
          Members ({members.length})
        </h2>
        <ul className="divide-y divide-stone-100">
          {members.map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
              <div>
                <p className="font-medium">{m.name ?? m.email}</p>
                {m.name && <p className="text-stone-500">{m.email}</p>}
              </div>
              <span className="rounded-full bg-stone-100 px-2.5 py-0.5 text-xs font-medium capitalize text-stone-700">{m.role}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
