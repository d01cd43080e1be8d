import { Form, Link, redirect, useActionData, useNavigation, useSearchParams, useSubmit } from "react-router";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { generateCheckoutLink, createPortalLink } from "~/modules/billing/checkout.server";
import { billingOverview } from "~/modules/billing/overview.server";
import { formatMoney } from "~/modules/billing/plans";
import { checkoutModeSchema } from "~/modules/billing/schemas.server";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/billing";
import { UsageChart } from "./usage-chart";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `Billing · ${loaderData?.workspaceName ?? "Workspace"} · Cairn` }];

const TYPES = ["usage", "reset", "topup", "subscription", "refund", "adjustment"] as const;
const historySchema = z.object({
  type: z.enum(TYPES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  const query = historySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
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

const STATUS_LABEL = {
  free: { text: "Free plan", tone: "bg-stone-100 text-stone-700" },
  active: { text: "Active", tone: "bg-emerald-100 text-emerald-800" },
  past_due: { text: "Past due", tone: "bg-amber-100 text-amber-900" },
  cancelling: { text: "Cancels at period end", tone: "bg-amber-100 text-amber-900" },
  canceled: { text: "Canceled", tone: "bg-stone-100 text-stone-700" },
} as const;

const TYPE_LABEL: Record<(typeof TYPES)[number], string> = {
  usage: "Usage",
  reset: "Monthly reset",
  topup: "Top-up",
  subscription: "Subscription",
  refund: "Refund",
  adjustment: "Adjustment",
};

const number = new Intl.NumberFormat("en-US");
const date = new Intl.DateTimeFormat("en", { dateStyle: "medium" });
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export default function Billing({ loaderData }: Route.ComponentProps) {
  const d = loaderData;
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const busy =
    navigation.state !== "idle" && navigation.formMethod === "POST"
      ? (navigation.formData?.get("priceId") ?? navigation.formData?.get("intent"))
      : null;
  const checkout = searchParams.get("checkout");
  const plan = d.offers.find((o) => o.kind === "plan");
  const topUps = d.offers.filter((o) => o.kind === "topup");
  const subscribed = d.status === "active" || d.status === "past_due" || d.status === "cancelling";
  const status = STATUS_LABEL[d.status];

  return (
    <div className="flex max-w-4xl flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <p className="mt-1 text-sm text-stone-600">Plan, credits and invoices of {d.workspaceName}.</p>
      </div>

      {checkout === "success" && <Alert tone="success">Payment received. Thank you! Your plan and credits are up to date.</Alert>}
      {checkout === "cancelled" && <Alert tone="info">Checkout was cancelled: nothing was charged.</Alert>}
      {result && !result.ok && <Alert tone="error">{result.error}</Alert>}
      {d.offlineStandIn && (
        <Alert tone="info">
          Payments go to Cairn's offline Stripe stand-in: no card is charged. Set STRIPE_SECRET_KEY to bill for real.
        </Alert>
      )}
      {!d.billingEnabled && <Alert tone="info">Billing is not set up on this server (STRIPE_SECRET_KEY is missing).</Alert>}
      {d.status === "past_due" && (
        <Alert tone="error">The last payment failed. Update the payment method in the billing portal to keep the Pro plan.</Alert>
      )}

      <section aria-labelledby="plan-heading" className="grid gap-4 sm:grid-cols-3">
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <h2 id="plan-heading" className="text-sm font-medium text-stone-500">
            Plan
          </h2>
          <p className="mt-1 text-2xl font-semibold" data-testid="billing-plan">
            {d.plan.label}
          </p>
          <span className={`mt-2 inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ${status.tone}`} data-testid="billing-status">
            {status.text}
          </span>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <h2 className="text-sm font-medium text-stone-500">Credits</h2>
          <p className="mt-1 text-2xl font-semibold" data-testid="billing-balance">
            {number.format(d.balance)}
          </p>
          {d.available !== d.balance && (
            <p className="text-xs text-stone-500">{number.format(d.available)} available now (answers in progress hold the rest)</p>
          )}
          <p className="text-xs text-stone-500">
            {number.format(d.plan.monthlyCredits)} a month on {d.plan.label}
          </p>
        </div>
        <div className="rounded-2xl border border-stone-200 bg-white p-5">
          <h2 className="text-sm font-medium text-stone-500">{subscribed ? "Current period" : "Next monthly credits"}</h2>
          <p className="mt-1 text-sm">
            {subscribed
              ? `${date.format(new Date(d.periodStart))} – ${date.format(new Date(d.periodEnd))}`
              : date.format(new Date(d.periodEnd))}
          </p>
        </div>
      </section>

      {d.canManage ? (
        <section aria-labelledby="change-heading" className="rounded-2xl border border-stone-200 bg-white p-5">
          <h2 id="change-heading" className="font-semibold">
            Change plan or add credits
          </h2>
          <div className="mt-4 grid gap-4 sm:grid-cols-2">
            {plan && (
              <div className="flex flex-col gap-2 rounded-xl border border-stone-200 p-4">
                <p className="font-medium">Pro · {formatMoney(plan.amount, plan.currency)} a month</p>
                <p className="text-sm text-stone-600">Every model, {number.format(plan.credits)} credits a month.</p>
                {subscribed ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="portal" />
                    <Button type="submit" variant="secondary" disabled={busy === "portal"}>
                      {d.status === "cancelling" ? "Keep Pro (billing portal)" : "Downgrade to Free (billing portal)"}
                    </Button>
                  </Form>
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="checkout" />
                    <input type="hidden" name="priceId" value={plan.priceId} />
                    <input type="hidden" name="mode" value="subscription" />
                    <Button type="submit" disabled={!d.billingEnabled || busy === plan.priceId}>
                      {busy === plan.priceId ? "Opening checkout…" : "Upgrade to Pro"}
                    </Button>
                  </Form>
                )}
              </div>
            )}
            <div className="flex flex-col gap-2 rounded-xl border border-stone-200 p-4">
              <p className="font-medium">Top up credits</p>
              <p className="text-sm text-stone-600">One-time purchases; they never expire.</p>
              <div className="flex flex-wrap gap-2">
                {topUps.map((t) => (
                  <Form method="post" key={t.priceId}>
                    <input type="hidden" name="intent" value="checkout" />
                    <input type="hidden" name="priceId" value={t.priceId} />
                    <input type="hidden" name="mode" value="one-time" />
                    <Button type="submit" variant="secondary" disabled={!d.billingEnabled || busy === t.priceId}>
                      {busy === t.priceId
                        ? "Opening checkout…"
                        : `Buy ${number.format(t.credits)} credits · ${formatMoney(t.amount, t.currency)}`}
                    </Button>
                  </Form>
                ))}
              </div>
            </div>
          </div>
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="portal" />
            <Button type="submit" variant="ghost" disabled={!d.billingEnabled || busy === "portal"}>
              {busy === "portal" ? "Opening…" : "Manage payment methods and subscription"}
            </Button>
          </Form>
        </section>
      ) : (
        <Alert tone="info">Only an owner or admin can change this workspace's plan or buy credits.</Alert>
      )}

      <UsageChart usage={d.usage} today={d.today} />

      {d.canManage && (
        <section aria-labelledby="invoices-heading" className="rounded-2xl border border-stone-200 bg-white">
          <h2 id="invoices-heading" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
            Invoices
          </h2>
          {d.invoicesError ? (
            <div className="p-5">
              <Alert tone="error">Invoices could not be loaded: {d.invoicesError}</Alert>
            </div>
          ) : d.invoices.length === 0 ? (
            <p className="px-5 py-4 text-sm text-stone-600">No invoices yet.</p>
          ) : (
            <ul className="divide-y divide-stone-100">
              {d.invoices.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
                  <span>{date.format(new Date(i.date))}</span>
                  <span className="text-stone-600">{i.description ?? "Invoice"}</span>
                  <span className="font-medium">{formatMoney(Math.round(i.amount * 100), i.currency)}</span>
                  <span className="text-stone-500">{i.status}</span>
                  {i.invoiceUrl && (
                    <a href={i.invoiceUrl} className="text-brand-700 underline" target="_blank" rel="noreferrer">
                      View
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <CreditHistory history={d.history} />
    </div>
  );
}

function CreditHistory({ history }: { history: Route.ComponentProps["loaderData"]["history"] }) {
  const submit = useSubmit();
  const pages = Math.max(1, Math.ceil(history.total / history.pageSize));
  const pageLink = (page: number) => `?${new URLSearchParams({ ...(history.type ? { type: history.type } : {}), page: String(page) })}`;
  return (
    <section aria-labelledby="history-heading" className="rounded-2xl border border-stone-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 px-5 py-3">
        <h2 id="history-heading" className="text-sm font-semibold">
          Credit history
        </h2>
        <Form method="get" onChange={(e) => submit(e.currentTarget)} className="flex items-center gap-2 text-sm">
          <label htmlFor="history-type">Show</label>
          <select
            id="history-type"
            name="type"
            defaultValue={history.type ?? ""}
            className="rounded-lg border border-stone-300 bg-white px-2 py-1"
          >
            <option value="">All entries</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {TYPE_LABEL[t]}
              </option>
            ))}
          </select>
          <noscript>
            <button type="submit">Filter</button>
          </noscript>
        </Form>
      </div>
      {history.transactions.length === 0 ? (
        <p className="px-5 py-4 text-sm text-stone-600">Nothing here yet.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-stone-500">
            <tr>
              <th className="px-5 py-2 font-medium">When</th>
              <th className="px-2 py-2 font-medium">Type</th>
              <th className="px-2 py-2 font-medium">What</th>
              <th className="px-5 py-2 text-right font-medium">Credits</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100" data-testid="credit-history">
            {history.transactions.map((t) => (
              <tr key={t.id}>
                <td className="px-5 py-2 whitespace-nowrap text-stone-600">{dateTime.format(new Date(t.createdAt))}</td>
                <td className="px-2 py-2">{TYPE_LABEL[t.type]}</td>
                <td className="px-2 py-2">{t.description}</td>
                <td className={`px-5 py-2 text-right font-medium tabular-nums ${t.amount < 0 ? "text-stone-700" : "text-emerald-700"}`}>
                  {t.amount > 0 ? "+" : ""}
                  {number.format(t.amount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label="Credit history pages" className="flex items-center justify-between border-t border-stone-200 px-5 py-3 text-sm">
          {history.page > 1 ? <Link to={pageLink(history.page - 1)}>← Newer</Link> : <span />}
          <span className="text-stone-500">
            Page {history.page} of {pages}
          </span>
          {history.page < pages ? <Link to={pageLink(history.page + 1)}>Older →</Link> : <span />}
        </nav>
      )}
    </section>
  );
}
