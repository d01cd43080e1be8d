import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { Card, CardList, CardListItem } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
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

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default function WorkspaceOverview({ loaderData }: Route.ComponentProps) {
  const { workspace, members } = loaderData;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        eyebrow={workspace.isPersonal ? "Personal workspace" : "Workspace"}
        title={workspace.name}
        description={
          <>
            You are <strong className="font-medium text-stone-900">{workspace.role}</strong> here · created{" "}
            {dateFormat.format(new Date(workspace.createdAt))}
          </>
        }
        actions={
          <>
            <ButtonLink to={`/w/${workspace.id}/chats`}>Start a chat</ButtonLink>
            <ButtonLink to={`/w/${workspace.id}/members`} variant="secondary">
              {can(workspace.role, "invitations.manage") ? "Invite people" : "Members"}
            </ButtonLink>
            <ButtonLink to={`/w/${workspace.id}/settings`} variant="secondary">
              Workspace settings
            </ButtonLink>
          </>
        }
      />
      <Card title={`Members (${members.length})`} flush>
        <CardList>
          {members.map((m) => (
            <CardListItem key={m.userId}>
              <div className="min-w-0">
                <p className="font-medium break-words">{m.name ?? m.email}</p>
                {m.name && <p className="break-all text-stone-500">{m.email}</p>}
              </div>
              <Badge className="capitalize">{m.role}</Badge>
            </CardListItem>
          ))}
        </CardList>
      </Card>
    </div>
  );
}
