import { Badge, type BadgeTone } from "~/components/ui/badge";
import { surface } from "~/components/ui/card";
import { date, number, type BillingOverview } from "./format";

const STATUS: Record<BillingOverview["status"], { text: string; tone: BadgeTone }> = {
  free: { text: "Free plan", tone: "neutral" },
  active: { text: "Active", tone: "success" },
  past_due: { text: "Past due", tone: "warning" },
  cancelling: { text: "Cancels at period end", tone: "warning" },
  canceled: { text: "Canceled", tone: "neutral" },
};

function Stat({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className={`${surface} p-5`}>
      <h2 className="text-sm font-medium text-stone-500">{label}</h2>
      {children}
    </div>
  );
}

/** Plan, credits and period, side by side. */
export function PlanSummary({ d }: { d: BillingOverview }) {
  const subscribed = d.status === "active" || d.status === "past_due" || d.status === "cancelling";
  const status = STATUS[d.status];
  return (
    <section aria-label="Plan and credits" className="grid gap-4 sm:grid-cols-3">
      <Stat label="Plan">
        <p className="mt-1 text-2xl font-semibold" data-testid="billing-plan">
          {d.plan.label}
        </p>
        <Badge tone={status.tone} className="mt-2" data-testid="billing-status">
          {status.text}
        </Badge>
      </Stat>
      <Stat label="Credits">
        <p className="mt-1 text-2xl font-semibold" data-testid="billing-balance">
          {number.format(d.balance)}
        </p>
        {d.available !== d.balance && (
          <p className="text-xs text-stone-500">{number.format(d.available)} available now (answers in progress hold the rest)</p>
        )}
        <p className="text-xs text-stone-500">
          {d.monthlyCredits > 0
            ? `${number.format(d.monthlyCredits)} a month on ${d.plan.label}`
            : "The free monthly credits go to each person's personal workspace; an owner can move some here from workspace settings."}
        </p>
      </Stat>
      <Stat label={subscribed ? "Current period" : "Next monthly credits"}>
        <p className="mt-1 text-sm">
          {subscribed
            ? `${date.format(new Date(d.periodStart))} – ${date.format(new Date(d.periodEnd))}`
            : date.format(new Date(d.periodEnd))}
        </p>
      </Stat>
    </section>
  );
}
