// The teams of a workspace: who is in each, their limits and spend; owners
// and admins create them.
import { Form, Link, redirect, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { useActionToast } from "~/components/people/action-toast";
import { PeopleTabs } from "~/components/people/people-tabs";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import { can } from "~/modules/workspaces/permissions";
import { teamInputSchema } from "~/modules/workspaces/schemas";
import { createTeam, listTeams } from "~/modules/workspaces/teams.server";
import type { Route } from "./+types/teams";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `Teams · ${loaderData?.workspace.name ?? "Workspace"} · Cairn` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  return {
    workspace: { id: membership.workspace.id, name: membership.workspace.name },
    canCreate: can(membership.role, "teams.create"),
    teams: listTeams(membership),
  };
}

const intentSchema = teamInputSchema.extend({ intent: z.literal("create") });

export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  return formAction(async () => {
    const { name, description } = parseForm(await readFormData(request), intentSchema);
    const team = createTeam(membership, { name, description: description || undefined });
    throw redirect(`/w/${membership.workspace.id}/teams/${team.id}`);
  });
}

const number = new Intl.NumberFormat("en-US");

export default function Teams({ loaderData }: Route.ComponentProps) {
  const { workspace, teams, canCreate } = loaderData;
  const result = useActionData<typeof action>();
  useActionToast(result);
  const busy = useNavigation().state === "submitting";
  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <PeopleTabs workspaceId={workspace.id} />
        <h1 className="text-2xl font-semibold tracking-tight">Teams of {workspace.name}</h1>
        <p className="text-sm text-stone-600">
          Teams group members: share chats and knowledge bases with a whole team, and cap what its members spend together.
        </p>
      </div>

      {canCreate && (
        <section aria-labelledby="new-team-heading" className="rounded-2xl border border-stone-200 bg-white p-5">
          <h2 id="new-team-heading" className="font-semibold">
            New team
          </h2>
          <Form method="post" className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
            <input type="hidden" name="intent" value="create" />
            <Field
              label="Team name"
              name="name"
              required
              maxLength={80}
              className="flex-1"
              error={result && !result.ok ? result.fieldErrors.name : undefined}
            />
            <Field label="Description (optional)" name="description" maxLength={500} className="flex-1" />
            <Button type="submit" disabled={busy}>
              {busy ? "Creating…" : "Create team"}
            </Button>
          </Form>
        </section>
      )}

      <section aria-labelledby="teams-heading" className="rounded-2xl border border-stone-200 bg-white">
        <h2 id="teams-heading" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
          Teams ({teams.length})
        </h2>
        {teams.length === 0 ? (
          <p className="px-5 py-4 text-sm text-stone-500">No teams yet.{canCreate ? "" : " An owner or admin can create them."}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {teams.map((t) => (
              <li key={t.id}>
                <Link
                  to={`/w/${workspace.id}/teams/${t.id}`}
                  className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm hover:bg-stone-50"
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-brand-700">{t.name}</span>
                    {t.description && <span className="block truncate text-stone-500">{t.description}</span>}
                  </span>
                  <span className="text-xs text-stone-600">
                    {t.memberCount} {t.memberCount === 1 ? "member" : "members"} · {number.format(t.creditsUsedThisMonth)}
                    {t.monthlyCreditLimit !== null ? ` of ${number.format(t.monthlyCreditLimit)}` : ""} credits this month
                    {t.myRole && ` · you are ${t.myRole === "admin" ? "a team admin" : "in it"}`}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
