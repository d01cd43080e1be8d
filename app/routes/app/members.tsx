// Members of a workspace: invite by mail, pending invitations, roles, monthly
// limits and this month's spend, removal. What each person may change comes
// from the same permission rules the API uses.
import { Form, useActionData, useNavigation } from "react-router";
import { z } from "zod";
import { useActionToast } from "~/components/people/action-toast";
import { InvitationActions } from "~/components/people/invitation-actions";
import { PeopleTabs } from "~/components/people/people-tabs";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import { inviteToWorkspace, listInvitations, revokeInvitation } from "~/modules/workspaces/invitations.server";
import { listWorkspaceMembers, removeMember, updateMember } from "~/modules/workspaces/members.server";
import { can, canChangeRole, canManageMember, type WorkspaceRole } from "~/modules/workspaces/permissions";
import { invitationInputSchema, limitFormField } from "~/modules/workspaces/schemas";
import type { Route } from "./+types/members";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `Members · ${loaderData?.workspace.name ?? "Workspace"} · Cairn` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  const canInvite = can(membership.role, "invitations.manage");
  return {
    workspace: { id: membership.workspace.id, name: membership.workspace.name, isPersonal: membership.workspace.isPersonal },
    // The account a personal workspace belongs to stays its owner.
    personalAccountId: membership.workspace.isPersonal ? membership.workspace.createdBy : null,
    me: { userId: membership.user.id, role: membership.role },
    members: listWorkspaceMembers(membership),
    invitations: canInvite ? listInvitations(membership).filter((i) => i.status === "pending" || i.status === "expired") : null,
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  invitationInputSchema.extend({ intent: z.literal("invite") }),
  z.object({ intent: z.literal("revoke"), invitationId: z.uuid() }),
  z.object({
    intent: z.literal("update"),
    userId: z.uuid(),
    role: z.enum(["owner", "admin", "member"]).optional(),
    monthlyCreditLimit: limitFormField,
  }),
  z.object({ intent: z.literal("remove"), userId: z.uuid() }),
]);

export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    switch (input.intent) {
      case "invite": {
        const invitation = await inviteToWorkspace(membership, input);
        return { ok: true as const, message: `Invitation sent to ${invitation.email}.` };
      }
      case "revoke":
        revokeInvitation(membership, input.invitationId);
        return { ok: true as const, message: "Invitation withdrawn: its link no longer works." };
      case "update": {
        const member = updateMember(membership, input.userId, { role: input.role, monthlyCreditLimit: input.monthlyCreditLimit });
        return { ok: true as const, message: `Saved ${member.name ?? member.email}.` };
      }
      case "remove":
        removeMember(membership, input.userId);
        return { ok: true as const, message: "Removed from the workspace." };
    }
  });
}

const ROLES: WorkspaceRole[] = ["owner", "admin", "member"];
const control = "rounded-lg border border-stone-300 bg-white px-2.5 py-1.5 text-sm font-normal text-stone-900 shadow-sm";
const number = new Intl.NumberFormat("en-US");
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

export default function Members({ loaderData }: Route.ComponentProps) {
  const { workspace, me, members, invitations, personalAccountId } = loaderData;
  const result = useActionData<typeof action>();
  useActionToast(result);
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div className="flex flex-col gap-3">
        <PeopleTabs workspaceId={workspace.id} />
        <h1 className="text-2xl font-semibold tracking-tight">Members of {workspace.name}</h1>
      </div>

      {invitations && (
        <section aria-labelledby="invite-heading" className="rounded-2xl border border-stone-200 bg-white p-5">
          <h2 id="invite-heading" className="font-semibold">
            Invite people
          </h2>
          <p className="mt-1 text-sm text-stone-600">They get a mail with a link to join; it works once, for 7 days.</p>
          <Form method="post" className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end" key={invitations.map((i) => i.id).join()}>
            <input type="hidden" name="intent" value="invite" />
            <Field label="Email" name="email" type="email" autoComplete="off" required className="flex-1" />
            <RoleSelect id="invite-role" label="Role" name="role" options={["member", "admin"]} defaultValue="member" />
            <Button type="submit" disabled={busy === "invite"}>
              {busy === "invite" ? "Sending…" : "Send invitation"}
            </Button>
          </Form>
          {invitations.length > 0 && (
            <div className="mt-5">
              <h3 className="text-sm font-semibold">Pending invitations</h3>
              <ul className="mt-2 divide-y divide-stone-100 rounded-xl border border-stone-200">
                {invitations.map((i) => (
                  <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
                    <div className="min-w-0">
                      <p className="truncate font-medium">{i.email}</p>
                      <p className="text-xs text-stone-500">
                        {i.role} · {i.status === "expired" ? "expired" : `expires ${dateFormat.format(new Date(i.expiresAt))}`}
                      </p>
                    </div>
                    <InvitationActions invitation={i} />
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="members-heading" className="rounded-2xl border border-stone-200 bg-white">
        <div className="border-b border-stone-200 px-5 py-3">
          <h2 id="members-heading" className="text-sm font-semibold">
            Members ({members.length})
          </h2>
          {can(me.role, "members.manage") && (
            <p className="mt-1 text-xs text-stone-500">Monthly limits are in credits per calendar month; leave one empty for no limit.</p>
          )}
        </div>
        <ul className="divide-y divide-stone-100">
          {members.map((m) => {
            const manageable = m.userId !== personalAccountId && canManageMember(me.role, m.role);
            const roles = ROLES.filter((r) => r === m.role || canChangeRole(me.role, m.role, r));
            const label = m.name ?? m.email;
            return (
              <li key={m.userId} className="flex flex-col gap-3 px-5 py-4 text-sm" data-testid="member-row">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="truncate font-medium">
                      {label}
                      {m.userId === me.userId && <span className="ml-2 text-xs text-stone-500">(you)</span>}
                    </p>
                    {m.name && <p className="truncate text-stone-500">{m.email}</p>}
                  </div>
                  <div className="flex flex-wrap items-center gap-2 text-xs text-stone-600">
                    <span className="rounded-full bg-stone-100 px-2.5 py-0.5 font-medium capitalize text-stone-700">{m.role}</span>
                    {m.creditsUsedThisMonth !== null && (
                      <span>
                        {number.format(m.creditsUsedThisMonth)}
                        {m.monthlyCreditLimit !== null && ` of ${number.format(m.monthlyCreditLimit)}`} credits this month
                      </span>
                    )}
                    {m.creditsUsedThisMonth === null && m.monthlyCreditLimit !== null && (
                      <span>limit {number.format(m.monthlyCreditLimit)} credits a month</span>
                    )}
                  </div>
                </div>
                {manageable && (
                  <div className="flex flex-wrap items-end gap-2">
                    <Form method="post" className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="intent" value="update" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label className="flex flex-col gap-1 text-xs font-medium text-stone-700">
                        Role
                        <select name="role" defaultValue={m.role} aria-label={`Role of ${label}`} className={control}>
                          {roles.map((r) => (
                            <option key={r} value={r}>
                              {r[0]!.toUpperCase() + r.slice(1)}
                            </option>
                          ))}
                        </select>
                      </label>
                      <label className="flex flex-col gap-1 text-xs font-medium text-stone-700">
                        Monthly limit
                        <input
                          name="monthlyCreditLimit"
                          type="number"
                          min={0}
                          step={1}
                          inputMode="numeric"
                          placeholder="No limit"
                          defaultValue={m.monthlyCreditLimit ?? ""}
                          aria-label={`Monthly limit of ${label}`}
                          className={`${control} w-32`}
                        />
                      </label>
                      <Button type="submit" variant="secondary" className="py-1.5">
                        Save<span className="sr-only"> {label}</span>
                      </Button>
                    </Form>
                    {m.userId !== me.userId && (
                      <Form
                        method="post"
                        className="ml-auto"
                        onSubmit={(e) => {
                          if (!confirm(`Remove ${label} from ${workspace.name}? They lose access at once.`)) e.preventDefault();
                        }}
                      >
                        <input type="hidden" name="userId" value={m.userId} />
                        <Button type="submit" name="intent" value="remove" variant="ghost" className="py-1.5 text-red-700">
                          Remove<span className="sr-only"> {label}</span>
                        </Button>
                      </Form>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

function RoleSelect({
  id,
  label,
  name,
  options,
  defaultValue,
}: {
  id: string;
  label: string;
  name: string;
  options: readonly string[];
  defaultValue: string;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        className="rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm capitalize shadow-sm"
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
