import { Form, Link, useActionData } from "react-router";
import { z } from "zod";
import { UsageChart } from "~/components/usage-chart";
import { Alert } from "~/components/ui/alert";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardList, CardListItem } from "~/components/ui/card";
import { ConfirmButton } from "~/components/ui/confirm-button";
import { Input } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { findUsers, findWorkspaces, requireAdminPage, setUserSuspended, type AdminUserView } from "~/modules/admin/admin.server";
import { usageByDay } from "~/modules/billing/credits.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import type { Route } from "./+types/index";

export const meta = () => [{ title: "Admin · Cairn" }];

export async function loader({ request }: Route.LoaderArgs) {
  const admin = await requireAdminPage(request);
  const q = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  return {
    q,
    selfId: admin.id,
    users: findUsers(q),
    workspaces: findWorkspaces(q),
    usage: usageByDay(null, 30),
    today: new Date().toISOString().slice(0, 10),
  };
}

const intentSchema = z.object({ intent: z.enum(["suspend", "reinstate"]), userId: z.uuid() });

export async function action({ request }: Route.ActionArgs) {
  const admin = await requireAdminPage(request);
  return formAction(async () => {
    const { intent, userId } = parseForm(await readFormData(request), intentSchema);
    const user = setUserSuspended(admin, userId, intent === "suspend");
    return {
      ok: true as const,
      message: intent === "suspend" ? `${user.email} is suspended and signed out.` : `${user.email} can sign in again.`,
    };
  });
}

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const number = new Intl.NumberFormat("en-US");

export default function Admin({ loaderData }: Route.ComponentProps) {
  const { q, selfId, users, workspaces, usage, today } = loaderData;
  const result = useActionData<typeof action>();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Admin"
        description="People and workspaces of this Cairn, and what they spend."
        actions={
          <Link to="/admin/feedback" className="text-sm font-medium text-brand-700 underline">
            Answer feedback
          </Link>
        }
      />
      {result?.ok && <Alert tone="success">{result.message}</Alert>}
      {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      <Form method="get" role="search" className="flex gap-2">
        <label htmlFor="admin-q" className="sr-only">
          Find users and workspaces
        </label>
        <Input
          id="admin-q"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Email, name, workspace name or id"
          className="min-w-0 flex-1"
        />
        <Button type="submit">Find</Button>
      </Form>
      <UsersTable users={users} selfId={selfId} />
      <Card title={`Workspaces (${workspaces.length})`} flush>
        <CardList>
          {workspaces.map((w) => (
            <CardListItem key={w.id}>
              <Link to={`/admin/workspaces/${w.id}`} className="min-w-0 font-medium break-words text-brand-700 underline">
                {w.name}
              </Link>
              <span className="text-stone-600">
                {w.plan}
                {w.subscriptionStatus ? ` (${w.subscriptionStatus})` : ""} · {w.members} member{w.members === 1 ? "" : "s"} ·{" "}
                {number.format(w.balance)} credits
              </span>
            </CardListItem>
          ))}
        </CardList>
      </Card>
      <UsageChart usage={usage} today={today} />
    </div>
  );
}

const stateOf = (u: AdminUserView) => (u.suspended ? "Suspended" : u.activated ? "Active" : "Not activated");

/** On phones, the name, date and state move under the email and the table keeps two columns. */
function UsersTable({ users, selfId }: { users: AdminUserView[]; selfId: string }) {
  return (
    <Card title={`Users (${users.length})`} flush>
      <table className="w-full text-sm">
        <thead className="text-left text-xs text-stone-500">
          <tr>
            <th className="py-2 pr-2 pl-5 font-medium">Email</th>
            <th className="hidden px-2 py-2 font-medium md:table-cell">Name</th>
            <th className="hidden px-2 py-2 font-medium md:table-cell">Joined</th>
            <th className="hidden px-2 py-2 font-medium sm:table-cell">State</th>
            <th className="py-2 pr-5 pl-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {users.map((u) => (
            <tr key={u.id}>
              <td className="py-2 pr-2 pl-5 break-all">
                {u.email}
                <span className="block text-xs break-normal text-stone-500 md:hidden">
                  {[u.name, `joined ${date.format(new Date(u.createdAt))}`].filter(Boolean).join(" · ")}
                  <span className="sm:hidden">
                    {" · "}
                    {stateOf(u)}
                    {u.admin && " · admin"}
                  </span>
                </span>
              </td>
              <td className="hidden px-2 py-2 md:table-cell">{u.name}</td>
              <td className="hidden px-2 py-2 whitespace-nowrap text-stone-600 md:table-cell">{date.format(new Date(u.createdAt))}</td>
              <td className="hidden px-2 py-2 sm:table-cell">
                <Badge tone={u.suspended ? "danger" : u.activated ? "success" : "neutral"}>{stateOf(u)}</Badge>
                {u.admin && <span className="ml-1 text-xs text-stone-500">admin</span>}
              </td>
              <td className="py-2 pr-5 pl-2 text-right">
                {u.id !== selfId && (
                  <Form method="post">
                    <input type="hidden" name="userId" value={u.id} />
                    {u.suspended ? (
                      <Button
                        type="submit"
                        name="intent"
                        value="reinstate"
                        variant="secondary"
                        size="sm"
                        aria-label={`Reinstate ${u.email}`}
                      >
                        Reinstate
                      </Button>
                    ) : (
                      <ConfirmButton
                        name="intent"
                        value="suspend"
                        size="sm"
                        triggerVariant="secondary"
                        triggerClassName="text-red-700"
                        aria-label={`Suspend ${u.email}`}
                        title={`Suspend ${u.email}?`}
                        description="They are signed out everywhere at once and cannot log in until an admin reinstates them. Their workspaces and data stay."
                        confirmLabel="Suspend"
                      >
                        Suspend
                      </ConfirmButton>
                    )}
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
