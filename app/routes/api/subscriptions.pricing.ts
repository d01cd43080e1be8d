import { purchasables } from "~/modules/billing/catalog.server";
import { PLANS } from "~/modules/billing/plans";
import { apiRoute, json } from "~/modules/http/api.server";

// Public: what can be bought here, with this deployment's Stripe price ids.
export const loader = apiRoute({
  GET: () => {
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
  },
});
export const action = loader;
