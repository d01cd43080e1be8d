// What can be bought, with the Stripe price ids configured for this deployment.
import { env } from "~/modules/config/env.server";
import { CURRENCY, PLANS, TOP_UP_PACKS, type PlanId, type TopUpPackId } from "./plans";

export type CheckoutMode = "subscription" | "one-time";

export type Purchasable =
  | {
      kind: "plan";
      planId: Exclude<PlanId, "free">;
      priceId: string;
      mode: "subscription";
      label: string;
      credits: number;
      amount: number;
      currency: string;
      interval: "month";
    }
  | {
      kind: "topup";
      packId: TopUpPackId;
      priceId: string;
      mode: "one-time";
      label: string;
      credits: number;
      amount: number;
      currency: string;
      interval: null;
    };

export function purchasables(): Purchasable[] {
  const e = env();
  const packPrice: Record<TopUpPackId, string> = { small: e.STRIPE_PRICE_TOPUP_SMALL, large: e.STRIPE_PRICE_TOPUP_LARGE };
  return [
    {
      kind: "plan",
      planId: "pro",
      priceId: e.STRIPE_PRICE_PRO,
      mode: "subscription",
      label: `${PLANS.pro.label} plan`,
      credits: PLANS.pro.monthlyCredits,
      amount: PLANS.pro.priceCents,
      currency: CURRENCY,
      interval: "month",
    },
    ...Object.values(TOP_UP_PACKS).map((pack): Purchasable => ({
      kind: "topup",
      packId: pack.id,
      priceId: packPrice[pack.id],
      mode: "one-time",
      label: `Top-up: ${pack.label}`,
      credits: pack.credits,
      amount: pack.priceCents,
      currency: CURRENCY,
      interval: null,
    })),
  ];
}

export const findPurchasable = (priceId: string) => purchasables().find((p) => p.priceId === priceId);
