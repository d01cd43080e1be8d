import { Logo } from "~/components/logo";
import { SiteFooter } from "~/components/site-footer";
import { ButtonLink } from "~/components/ui/button";
import { Card, surface } from "~/components/ui/card";
import { getSessionUser } from "~/modules/auth/session.server";
import { currentWorkspace } from "~/modules/workspaces/workspaces.server";
import { PLANS, TOP_UP_PACKS, formatMoney } from "~/modules/billing/plans";
import type { Route } from "./+types/pricing";

export const meta = () => [
  { title: "Pricing · Cairn" },
  {
    name: "description",
    content: "Free with 500 credits a month, Pro with every model and 20,000 credits a month, and top-ups that never expire.",
  },
];

export async function loader({ request }: Route.LoaderArgs) {
  const user = await getSessionUser(request);
  // Signed in: the buttons lead to the billing page of the current workspace.
  return { billingPath: user ? `/w/${currentWorkspace(user).workspace.id}/billing` : null };
}

const number = new Intl.NumberFormat("en-US");

export default function Pricing({ loaderData }: Route.ComponentProps) {
  const next = loaderData.billingPath ?? "/signup";
  const plans = [
    { ...PLANS.free, features: ["GPT-4o mini and current small models", "500 credits every month", "Workspaces and documents"] },
    { ...PLANS.pro, features: ["Every model of the catalog", "20,000 credits every month", "Manage it all in Stripe's portal"] },
  ];
  return (
    <div className="min-h-full">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-4 py-5">
        <Logo />
        <ButtonLink to={loaderData.billingPath ? "/app" : "/login"} variant="ghost">
          {loaderData.billingPath ? "Open Cairn" : "Log in"}
        </ButtonLink>
      </header>
      <main className="mx-auto max-w-5xl px-4 pt-10 pb-24">
        <h1 className="text-4xl font-semibold tracking-tight">Pricing</h1>
        <p className="mt-3 max-w-2xl text-stone-600">
          Credits pay for answers: a short answer from a small model costs about one credit, a long one from a large model a few hundred.
          Every workspace has its own plan and credits.
        </p>
        <section aria-label="Plans" className="mt-10 grid gap-4 sm:grid-cols-2">
          {plans.map((plan) => (
            <div key={plan.id} className={`${surface} flex flex-col p-6`}>
              <h2 className="text-lg font-semibold">{plan.label}</h2>
              <p className="mt-2 text-3xl font-semibold">
                {plan.priceCents ? formatMoney(plan.priceCents) : "$0"}
                <span className="text-base font-normal text-stone-500"> / month</span>
              </p>
              <ul className="mt-4 flex-1 list-disc space-y-1 pl-5 text-sm text-stone-700">
                {plan.features.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
              <ButtonLink to={next} className="mt-6" variant={plan.id === "pro" ? "primary" : "secondary"}>
                {plan.id === "pro" ? "Upgrade to Pro" : loaderData.billingPath ? "Your billing" : "Start free"}
              </ButtonLink>
            </div>
          ))}
        </section>
        <Card title="Top-ups" description="One-time credit packs for any plan. They never expire." className="mt-10">
          <ul className="grid gap-3 sm:grid-cols-2">
            {Object.values(TOP_UP_PACKS).map((pack) => (
              <li key={pack.id} className="rounded-xl border border-stone-200 p-4">
                <p className="font-medium">{number.format(pack.credits)} credits</p>
                <p className="text-sm text-stone-600">{formatMoney(pack.priceCents)}</p>
              </li>
            ))}
          </ul>
        </Card>
      </main>
      <SiteFooter />
    </div>
  );
}
