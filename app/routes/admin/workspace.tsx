import { Form, Link, data, useActionData } from "react-router";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Field } from "~/components/ui/field";
import { adjustCredits, findWorkspaces, requireAdminPage } from "~/modules/admin/admin.server";
import { listCreditTransactions, usageByDay } from "~/modules/billing/credits.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { workspaceParamsSchema } from "~/modules/workspaces/schemas";
import { UsageChart } from "../app/usage-chart";
import type { Route } from "./+types/workspace";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `${loaderData?.workspace.name ?? "Workspace"} · Admin · Cairn` }];

function workspaceOf(params: unknown) {
  const parsed = workspaceParamsSchema.safeParse(params);
  const workspace = parsed.success ? findWorkspaces(parsed.data.workspaceId, 1)[0] : undefined;
  if (!workspace || !parsed.success || workspace.id !== parsed.data.workspaceId) throw data("Workspace not found", { status: 404 });
  return workspace;
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireAdminPage(request);
  const workspace = workspaceOf(params);
  return {
    workspace,
    ledger: listCreditTransactions(workspace.id, { limit: 50, offset: 0 }).transactions,
    usage: usageByDay(workspace.id, 30),
    today: new Date().toISOString().slice(0, 10),
  };
}

const adjustSchema = z.object({
  amount: z.coerce
    .number({ error: "Enter a number" })
    .int("Enter a whole number")
    .refine((n) => n !== 0, "Enter a number other than 0"),
  reason: z.string().trim().min(3, "Say why, so the ledger explains itself").max(200),
});

export async function action({ request, params }: Route.ActionArgs) {
  const admin = await requireAdminPage(request);
  const workspace = workspaceOf(params);
  return formAction(async () => {
    const { amount, reason } = parseForm(await readFormData(request), adjustSchema);
    const balance = adjustCredits(admin, workspace.id, amount, reason);
    return { ok: true as const, message: `Adjusted by ${amount}; the balance is now ${balance}.` };
  });
}

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const number = new Intl.NumberFormat("en-US");

export default function AdminWorkspace({ loaderData }: Route.ComponentProps) {
  const { workspace, ledger, usage, today } = loaderData;
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <div className="flex max-w-4xl flex-col gap-8">
      <div>
        <Link to="/admin" className="text-sm text-brand-700 underline">
          ← Admin
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight">{workspace.name}</h1>
        <p className="mt-1 text-sm text-stone-600">
          {workspace.plan}
          {workspace.subscriptionStatus ? ` (${workspace.subscriptionStatus})` : ""} · {workspace.members} members ·{" "}
          <span data-testid="admin-balance">{number.format(workspace.balance)}</span> credits
        </p>
      </div>
      {result?.ok && <Alert tone="success">{result.message}</Alert>}
      {result && !result.ok && !Object.keys(fieldErrors).length && <Alert tone="error">{result.error}</Alert>}

      <section aria-labelledby="adjust-heading" className="rounded-2xl border border-stone-200 bg-white p-5">
        <h2 id="adjust-heading" className="font-semibold">
          Adjust credits
        </h2>
        <Form method="post" className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-start">
          <Field label="Credits (negative to remove)" name="amount" type="number" step={1} required error={fieldErrors.amount} />
          <Field label="Reason" name="reason" required minLength={3} maxLength={200} className="flex-1" error={fieldErrors.reason} />
          <Button type="submit" className="sm:mt-7">
            Adjust
          </Button>
        </Form>
      </section>

      <UsageChart usage={usage} today={today} />

      <section aria-labelledby="ledger-heading" className="rounded-2xl border border-stone-200 bg-white">
        <h2 id="ledger-heading" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
          Ledger (latest 50)
        </h2>
        <ul className="divide-y divide-stone-100 text-sm">
          {ledger.map((t) => (
            <li key={t.id} className="flex justify-between gap-2 px-5 py-2">
              <span className="text-stone-600">{dateTime.format(new Date(t.createdAt))}</span>
              <span className="flex-1">
                {t.type} · {t.description}
              </span>
              <span className="tabular-nums">{number.format(t.amount)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
