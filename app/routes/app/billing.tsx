import { redirect, useActionData } from "react-router";
import { z } from "zod";
import { ChangePlan } from "~/components/billing/change-plan";
import { CreditHistory, TRANSACTION_TYPES } from "~/components/billing/credit-history";
import { Invoices } from "~/components/billing/invoices";
import { PlanSummary } from "~/components/billing/plan-summary";
import { UsageChart } from "~/components/usage-chart";
import { Alert } from "~/components/ui/alert";
import { PageHeader } from "~/components/ui/page-header";
import { generateCheckoutLink, createPortalLink } from "~/modules/billing/checkout.server";
import { billingOverview } from "~/modules/billing/overview.server";
import { checkoutModeSchema } from "~/modules/billing/schemas.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { redirectWithToast } from "~/modules/http/toast.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/billing";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `Billing · ${loaderData?.workspaceName ?? "Workspace"} · Cairn` }];

const historySchema = z.object({
  type: z.enum(TRANSACTION_TYPES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const CHECKOUT_TOASTS = {
  success: { type: "success", message: "Payment received. Thank you! Your plan and credits are up to date." },
  cancelled: { type: "info", message: "Checkout was cancelled: nothing was charged." },
} as const;

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  const url = new URL(request.url);
  // Back from Stripe: say how it went once, on the clean address, so a reload does not say it again.
  const checkout = url.searchParams.get("checkout");
  if (checkout) {
    url.searchParams.delete("checkout");
    const toast = CHECKOUT_TOASTS[checkout as keyof typeof CHECKOUT_TOASTS];
    throw toast ? await redirectWithToast(url.pathname + url.search, toast) : redirect(url.pathname + url.search);
  }
  const query = historySchema.parse(Object.fromEntries(url.searchParams));
  return {
    workspaceId: membership.workspace.id,
    workspaceName: membership.workspace.name,
    ...(await billingOverview(membership, query)),
  };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("checkout"), priceId: z.string().min(1), mode: checkoutModeSchema }),
  z.object({ intent: z.literal("portal") }),
]);

// The spec's generateCheckoutLink(priceId, mode) server action: off to Stripe's page.
export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  return formAction(async () => {
    const input = parseForm(await readFormData(request), intentSchema);
    const url =
      input.intent === "checkout" ? await generateCheckoutLink(membership, input.priceId, input.mode) : await createPortalLink(membership);
    throw redirect(url);
  });
}

export default function Billing({ loaderData: d }: Route.ComponentProps) {
  const result = useActionData<typeof action>();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Billing" description={`Plan, credits and invoices of ${d.workspaceName}.`} />
      {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      {d.offlineStandIn && (
        <Alert tone="info">
          Payments go to Cairn's offline Stripe stand-in: no card is charged. Set STRIPE_SECRET_KEY to bill for real.
        </Alert>
      )}
      {d.billingOff ? (
        <Alert tone="info">
          Billing is off on this server (BILLING=off): usage is counted below, but answers need no credits. Members' and teams' monthly
          limits still apply.
        </Alert>
      ) : (
        !d.billingEnabled && <Alert tone="info">Billing is not set up on this server (STRIPE_SECRET_KEY is missing).</Alert>
      )}
      {d.status === "past_due" && (
        <Alert tone="error">The last payment failed. Update the payment method in the billing portal to keep the Pro plan.</Alert>
      )}
      <PlanSummary d={d} />
      {d.canManage ? (
        <ChangePlan d={d} />
      ) : (
        <Alert tone="info">Only an owner or admin can change this workspace's plan or buy credits.</Alert>
      )}
      <UsageChart usage={d.usage} today={d.today} />
      {d.canManage && <Invoices invoices={d.invoices} error={d.invoicesError} />}
      <CreditHistory history={d.history} />
    </div>
  );
}
