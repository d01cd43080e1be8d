import { useEffect, useRef } from "react";
import { Form, data, useActionData } from "react-router";
import { z } from "zod";
import { UsageChart } from "~/components/usage-chart";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { Card, CardList, CardListItem } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { adjustCredits, findWorkspaces, requireAdminPage } from "~/modules/admin/admin.server";
import { listCreditTransactions, usageByDay } from "~/modules/billing/credits.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { workspaceParamsSchema } from "~/modules/workspaces/schemas";
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

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const number = new Intl.NumberFormat("en-US");

export default function AdminWorkspace({ loaderData }: Route.ComponentProps) {
  const { workspace, ledger, usage, today } = loaderData;
  const result = useActionData<typeof action>();
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  // After an adjustment the form starts empty, so a second click cannot repeat it by accident.
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (result?.ok) form.current?.reset();
  }, [result]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        back={{ to: "/admin", label: "Admin" }}
        title={workspace.name}
        description={
          <>
            {workspace.plan}
            {workspace.subscriptionStatus ? ` (${workspace.subscriptionStatus})` : ""} · {workspace.members} members ·{" "}
            <span data-testid="admin-balance">{number.format(workspace.balance)}</span> credits
          </>
        }
      />
      {result?.ok && <Alert tone="success">{result.message}</Alert>}
      {result && !result.ok && !Object.keys(fieldErrors).length && <Alert tone="error">{result.error}</Alert>}

      <Card title="Adjust credits" description="Adds or removes credits with a reason, written on the ledger with your name.">
        <Form ref={form} method="post" className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <Field label="Credits (negative to remove)" name="amount" type="number" step={1} required error={fieldErrors.amount} />
          <Field label="Reason" name="reason" required minLength={3} maxLength={200} className="flex-1" error={fieldErrors.reason} />
          <Button type="submit" className="self-start sm:mt-7">
            Adjust
          </Button>
        </Form>
      </Card>

      <UsageChart usage={usage} today={today} />

      <Card title="Ledger (latest 50)" flush>
        <CardList>
          {ledger.map((t) => (
            <CardListItem key={t.id} className="flex-nowrap items-start">
              <span className="min-w-0 flex-1 break-words">
                {t.type} · {t.description}
                <span className="block text-xs text-stone-500">{dateTime.format(new Date(t.createdAt))} UTC</span>
              </span>
              <span className="tabular-nums">{number.format(t.amount)}</span>
            </CardListItem>
          ))}
        </CardList>
      </Card>
    </div>
  );
}
