import { Form, useNavigation } from "react-router";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { formatMoney } from "~/modules/billing/plans";
import { number, type BillingOverview } from "./format";

function CheckoutForm({ priceId, mode, children }: { priceId: string; mode: "subscription" | "one-time"; children: React.ReactNode }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="checkout" />
      <input type="hidden" name="priceId" value={priceId} />
      <input type="hidden" name="mode" value={mode} />
      {children}
    </Form>
  );
}

function PortalForm({ children }: { children: React.ReactNode }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="portal" />
      {children}
    </Form>
  );
}

const offerClass = "flex flex-col gap-2 rounded-xl border border-stone-200 p-4";

/** Upgrade, top up, or manage the subscription in Stripe's portal. */
export function ChangePlan({ d }: { d: BillingOverview }) {
  const navigation = useNavigation();
  // Which button's checkout is opening (its price id), or "portal".
  const busy =
    navigation.state !== "idle" && navigation.formMethod === "POST"
      ? (navigation.formData?.get("priceId") ?? navigation.formData?.get("intent"))
      : null;
  const plan = d.offers.find((o) => o.kind === "plan");
  const topUps = d.offers.filter((o) => o.kind === "topup");
  const subscribed = d.status === "active" || d.status === "past_due" || d.status === "cancelling";
  return (
    <Card title="Change plan or add credits">
      <div className="grid gap-4 sm:grid-cols-2">
        {plan && (
          <div className={offerClass}>
            <p className="font-medium">Pro · {formatMoney(plan.amount, plan.currency)} a month</p>
            <p className="text-sm text-stone-600">Every model, {number.format(plan.credits)} credits a month.</p>
            {subscribed ? (
              <PortalForm>
                <Button type="submit" variant="secondary" disabled={busy === "portal"}>
                  {d.status === "cancelling" ? "Keep Pro (billing portal)" : "Downgrade to Free (billing portal)"}
                </Button>
              </PortalForm>
            ) : (
              <CheckoutForm priceId={plan.priceId} mode="subscription">
                <Button type="submit" disabled={!d.billingEnabled || busy === plan.priceId}>
                  {busy === plan.priceId ? "Opening checkout…" : "Upgrade to Pro"}
                </Button>
              </CheckoutForm>
            )}
          </div>
        )}
        <div className={offerClass}>
          <p className="font-medium">Top up credits</p>
          <p className="text-sm text-stone-600">One-time purchases; they never expire.</p>
          <div className="flex flex-wrap gap-2">
            {topUps.map((t) => (
              <CheckoutForm key={t.priceId} priceId={t.priceId} mode="one-time">
                <Button type="submit" variant="secondary" disabled={!d.billingEnabled || busy === t.priceId}>
                  {busy === t.priceId
                    ? "Opening checkout…"
                    : `Buy ${number.format(t.credits)} credits · ${formatMoney(t.amount, t.currency)}`}
                </Button>
              </CheckoutForm>
            ))}
          </div>
        </div>
      </div>
      <div className="mt-4">
        <PortalForm>
          <Button type="submit" variant="ghost" disabled={!d.billingEnabled || busy === "portal"}>
            {busy === "portal" ? "Opening…" : "Manage payment methods and subscription"}
          </Button>
        </PortalForm>
      </div>
    </Card>
  );
}
