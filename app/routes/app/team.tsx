// One team: its members and their team roles, invitations by mail, its name
// and monthly limit, leaving and deleting it.
import { Form, Link, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { useActionToast } from "~/components/people/action-toast";
import { InvitationActions } from "~/components/people/invitation-actions";
import { PeopleTabs } from "~/components/people/people-tabs";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { forPage, pageId } from "~/modules/http/page.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import { inviteToTeam, listTeamInvitations, revokeInvitation } from "~/modules/workspaces/invitations.server";
import { limitFormField, teamInputSchema, teamInvitationInputSchema, teamRoleSchema } from "~/modules/workspaces/schemas";
import {
  deleteTeam,
  leaveTeam,
  mayManageTeam,
  removeTeamMembership,
  requireTeam,
  teamDetail,
  updateTeam,
  updateTeamMembership,
} from "~/modules/workspaces/teams.server";
import type { Route } from "./+types/team";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `${loaderData?.team.name ?? "Team"} · Cairn` }];

async function teamPage(request: Request, params: Route.LoaderArgs["params"]) {
  const membership = await requireWorkspacePage(request, params);
  const id = pageId(params.teamId, "Team");
  return { membership, team: forPage(() => requireTeam(membership, id)) };
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { membership, team } = await teamPage(request, params);
  const canManage = mayManageTeam(membership, team);
  return {
    workspace: { id: membership.workspace.id, name: membership.workspace.name },
    me: membership.user.id,
    canManage,
    team: teamDetail(membership, team),
    invitations: canManage ? listTeamInvitations(membership, team).filter((i) => i.status === "pending" || i.status === "expired") : [],
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  teamInvitationInputSchema.extend({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("revoke"), invitationId: z.uuid() }),
  teamInputSchema.extend({ intent: z.literal("update"), monthlyCreditLimit: limitFormField }),
  z.object({ intent: z.literal("set-role"), membershipId: z.uuid(), role: teamRoleSchema }),
  z.object({ intent: z.literal("remove"), membershipId: z.uuid() }),
  z.object({ intent: z.literal("leave") }),
  z.object({ intent: z.literal("delete") }),
]);

export async function action({ request, params }: Route.ActionArgs) {
  const { membership, team } = await teamPage(request, params);
  const teamsPage = `/w/${membership.workspace.id}/teams`;
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    switch (input.intent) {
      case "invite": {
        const invitation = await inviteToTeam(membership, team, input);
        return { ok: true as const, message: `Invitation sent to ${invitation.email}.` };
      }
      case "revoke":
        revokeInvitation(membership, input.invitationId);
        return { ok: true as const, message: "Invitation withdrawn: its link no longer works." };
      case "update":
        updateTeam(membership, team, {
          name: input.name,
          description: input.description ?? "",
          monthlyCreditLimit: input.monthlyCreditLimit,
        });
        return { ok: true as const, message: "Team saved." };
      case "set-role":
        updateTeamMembership(membership, team, input.membershipId, input.role);
        return { ok: true as const, message: "Team role changed." };
      case "remove":
        removeTeamMembership(membership, team, input.membershipId);
        return { ok: true as const, message: "Removed from the team." };
      case "leave":
        leaveTeam(membership, team);
        throw await redirectWithToast(teamsPage, { type: "success", message: `You left the team “${team.name}”.` });
      case "delete":
        deleteTeam(membership, team);
        throw await redirectWithToast(teamsPage, { type: "success", message: `Team “${team.name}” deleted.` });
    }
  });
}

const number = new Intl.NumberFormat("en-US");

export default function TeamPage({ loaderData }: Route.ComponentProps) {
  const { workspace, team, canManage, invitations, me } = loaderData;
  const result = useActionData<typeof action>();
  useActionToast(result);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const myMembership = team.memberships.find((m) => m.userId === me);

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <PeopleTabs workspaceId={workspace.id} />
        <Link to={`/w/${workspace.id}/teams`} className="text-sm text-brand-700 underline">
          ← All teams
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">{team.name}</h1>
        {team.description && <p className="text-sm text-stone-600">{team.description}</p>}
        <p className="text-sm text-stone-600" data-testid="team-spend">
          {number.format(team.creditsUsedThisMonth)} credits spent this month
          {team.monthlyCreditLimit !== null ? ` of a ${number.format(team.monthlyCreditLimit)} limit` : " (no limit)"}.
        </p>
      </div>

      <section aria-labelledby="team-members-heading" className="rounded-2xl border border-stone-200 bg-white">
        <h2 id="team-members-heading" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
          Members ({team.memberships.length})
        </h2>
        <ul className="divide-y divide-stone-100">
          {team.memberships.map((m) => {
            const label = m.name ?? m.email;
            return (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    {label}
                    {m.userId === me && <span className="ml-2 text-xs text-stone-500">(you)</span>}
                  </p>
                  {m.name && <p className="truncate text-stone-500">{m.email}</p>}
                </div>
                {canManage ? (
                  <div className="flex flex-wrap items-center gap-1">
                    <Form method="post" className="flex items-center gap-1">
                      <input type="hidden" name="intent" value="set-role" />
                      <input type="hidden" name="membershipId" value={m.id} />
                      <label htmlFor={`team-role-${m.id}`} className="sr-only">
                        Team role of {label}
                      </label>
                      <select
                        id={`team-role-${m.id}`}
                        name="role"
                        defaultValue={m.role}
                        className="rounded-lg border border-stone-300 bg-white px-2 py-1 text-sm"
                      >
                        <option value="member">Member</option>
                        <option value="admin">Team admin</option>
                      </select>
                      <Button type="submit" variant="ghost" className="px-2 py-1 text-xs">
                        Save<span className="sr-only"> the team role of {label}</span>
                      </Button>
                    </Form>
                    {m.userId !== me && (
                      <Form method="post">
                        <input type="hidden" name="membershipId" value={m.id} />
                        <Button type="submit" name="intent" value="remove" variant="ghost" className="px-2 py-1 text-xs text-red-700">
                          Remove<span className="sr-only"> {label} from the team</span>
                        </Button>
                      </Form>
                    )}
                  </div>
                ) : (
                  <span className="rounded-full bg-stone-100 px-2.5 py-0.5 text-xs font-medium text-stone-700">
                    {m.role === "admin" ? "Team admin" : "Member"}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      {canManage && (
        <section aria-labelledby="team-invite-heading" className="rounded-2xl border border-stone-200 bg-white p-5">
          <h2 id="team-invite-heading" className="font-semibold">
            Invite to the team
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            By email: members of {workspace.name} and new people alike get a link; people new to the workspace join it as members.
          </p>
          <Form method="post" className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end" key={invitations.map((i) => i.id).join()}>
            <input type="hidden" name="intent" value="invite" />
            <Field label="Email" name="email" type="email" autoComplete="off" required className="flex-1" />
            <div className="flex flex-col gap-1.5">
              <label htmlFor="team-invite-role" className="text-sm font-medium text-stone-800">
                Team role
              </label>
              <select id="team-invite-role" name="role" className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm shadow-sm">
                <option value="member">Member</option>
                <option value="admin">Team admin</option>
              </select>
            </div>
            <Button type="submit" disabled={busy === "invite"}>
              {busy === "invite" ? "Sending…" : "Send invitation"}
            </Button>
          </Form>
          {invitations.length > 0 && (
            <ul className="mt-4 divide-y divide-stone-100 rounded-xl border border-stone-200">
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
                  <span className="min-w-0 truncate">
                    {i.email} <span className="text-xs text-stone-500">· {i.status}</span>
                  </span>
                  <InvitationActions invitation={i} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {canManage && (
        <section aria-labelledby="team-settings-heading" className="rounded-2xl border border-stone-200 bg-white p-5">
          <h2 id="team-settings-heading" className="font-semibold">
            Name and limit
          </h2>
          <Form method="post" className="mt-4 flex flex-col gap-3">
            <input type="hidden" name="intent" value="update" />
            <Field label="Team name" name="name" defaultValue={team.name} required maxLength={80} />
            <Field label="Description" name="description" defaultValue={team.description} maxLength={500} />
            <Field
              label="Monthly limit of the team"
              name="monthlyCreditLimit"
              type="number"
              min={0}
              step={1}
              placeholder="No limit"
              defaultValue={team.monthlyCreditLimit ?? ""}
              hint="Credits the team's members may spend together each month; empty for no limit."
            />
            <Button type="submit" className="self-start" disabled={busy === "update"}>
              {busy === "update" ? "Saving…" : "Save team"}
            </Button>
          </Form>
        </section>
      )}

      <section aria-labelledby="team-leave-heading" className="flex flex-wrap gap-3 rounded-2xl border border-stone-200 bg-white p-5">
        <h2 id="team-leave-heading" className="sr-only">
          Leave or delete
        </h2>
        {myMembership && (
          <Form method="post">
            <Button type="submit" name="intent" value="leave" variant="secondary">
              Leave this team
            </Button>
          </Form>
        )}
        {canManage && (
          <Form
            method="post"
            onSubmit={(e) => {
              if (!confirm(`Delete the team “${team.name}”? What was shared with it stops being shared.`)) e.preventDefault();
            }}
          >
            <Button type="submit" name="intent" value="delete" variant="danger">
              Delete team
            </Button>
          </Form>
        )}
        {!myMembership && !canManage && <p className="text-sm text-stone-600">You are not in this team.</p>}
      </section>
    </div>
  );
}
