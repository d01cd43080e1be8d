import { Form, Link, useActionData } from "react-router";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { findUsers, findWorkspaces, requireAdminPage, setUserSuspended } from "~/modules/admin/admin.server";
import { usageByDay } from "~/modules/billing/credits.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { UsageChart } from "../app/usage-chart";
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

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const number = new Intl.NumberFormat("en-US");

export default function Admin({ loaderData }: Route.ComponentProps) {
  const { q, selfId, users, workspaces, usage, today } = loaderData;
  const result = useActionData<typeof action>();
  return (
    <div className="flex max-w-5xl flex-col gap-8">
      <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
      {result?.ok && <Alert tone="success">{result.message}</Alert>}
      {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      <Form method="get" role="search" className="flex gap-2">
        <label htmlFor="admin-q" className="sr-only">
          Find users and workspaces
        </label>
        <input
          id="admin-q"
          name="q"
          defaultValue={q}
          placeholder="Email, name, workspace name or id"
          className="flex-1 rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm"
        />
        <Button type="submit">Find</Button>
      </Form>

      <section aria-labelledby="users-heading" className="rounded-2xl border border-stone-200 bg-white">
        <h2 id="users-heading" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
          Users ({users.length})
        </h2>
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-stone-500">
            <tr>
              <th className="px-5 py-2 font-medium">Email</th>
              <th className="px-2 py-2 font-medium">Name</th>
              <th className="px-2 py-2 font-medium">Joined</th>
              <th className="px-2 py-2 font-medium">State</th>
              <th className="px-5 py-2" />
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="px-5 py-2">{u.email}</td>
                <td className="px-2 py-2">{u.name}</td>
                <td className="px-2 py-2 text-stone-600">{date.format(new Date(u.createdAt))}</td>
                <td className="px-2 py-2">
                  {u.suspended ? "Suspended" : u.activated ? "Active" : "Not activated"}
                  {u.admin && " · admin"}
                </td>
                <td className="px-5 py-2 text-right">
                  {u.id !== selfId && (
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.id} />
                      <Button
                        type="submit"
                        name="intent"
                        value={u.suspended ? "reinstate" : "suspend"}
                        variant={u.suspended ? "secondary" : "danger"}
                        aria-label={`${u.suspended ? "Reinstate" : "Suspend"} ${u.email}`}
                      >
                        {u.suspended ? "Reinstate" : "Suspend"}
                      </Button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="workspaces-heading" className="rounded-2xl border border-stone-200 bg-white">
        <h2 id="workspaces-heading" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
          Workspaces ({workspaces.length})
        </h2>
        <ul className="divide-y divide-stone-100">
          {workspaces.map((w) => (
            <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-2 text-sm">
              <Link to={`/admin/workspaces/${w.id}`} className="font-medium text-brand-700 underline">
                {w.name}
              </Link>
              <span className="text-stone-600">
                {w.plan}
                {w.subscriptionStatus ? ` (${w.subscriptionStatus})` : ""} · {w.members} member{w.members === 1 ? "" : "s"} ·{" "}
                {number.format(w.balance)} credits
              </span>
            </li>
          ))}
        </ul>
      </section>

      <UsageChart usage={usage} today={today} />
    </div>
  );
}
