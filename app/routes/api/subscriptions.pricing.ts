import { purchasables } from "~/modules/billing/catalog.server";
import { PLANS } from "~/modules/billing/plans";
import { api, json } from "~/modules/http/api.server";
import type { Route } from "./+types/subscriptions.pricing";

// Public: what can be bought here, with this deployment's Stripe price ids.
export const loader = api(async (_: Route.LoaderArgs) => {
  const items = purchasables();
  return json({
    plans: [
      {
        id: "free",
        label: PLANS.free.label,
        description: PLANS.free.description,
        monthlyCredits: PLANS.free.monthlyCredits,
        priceId: null,
        amount: 0,
        currency: "usd",
        interval: "month",
        mode: null,
      },
      ...items
        .filter((i) => i.kind === "plan")
        .map((i) => ({
          id: i.planId,
          label: PLANS[i.planId].label,
          description: PLANS[i.planId].description,
          monthlyCredits: i.credits,
          priceId: i.priceId,
          amount: i.amount,
          currency: i.currency,
          interval: i.interval,
          mode: i.mode,
        })),
    ],
    topUps: items
      .filter((i) => i.kind === "topup")
      .map((i) => ({
        id: i.packId,
        label: i.label,
        credits: i.credits,
        priceId: i.priceId,
        amount: i.amount,
        currency: i.currency,
        mode: i.mode,
      })),
  });
});
