// Plans and top-up packs as data: what a workspace gets and what it costs.
// Importable by the UI; the Stripe price ids come from env (catalog.server.ts).
import type { Tier } from "~/modules/ai/models";

export type PlanId = Tier;
export type PlanInfo = {
  id: PlanId;
  label: string;
  monthlyCredits: number;
  description: string;
  /** Price per month in cents (USD); 0 for the free plan. */
  priceCents: number;
  /** Documents a workspace may hold (every status counts, failed ones too, until deleted). */
  maxDocuments: number;
  /** Chunks its documents may make in all (what search and embeddings store). */
  maxChunks: number;
};

export const PLANS: Record<PlanId, PlanInfo> = {
  free: {
    id: "free",
    label: "Free",
    monthlyCredits: 500,
    description: "Small current models, 500 credits a month.",
    priceCents: 0,
    maxDocuments: 200,
    maxChunks: 25_000,
  },
  pro: {
    id: "pro",
    label: "Pro",
    monthlyCredits: 20_000,
    description: "Every model, 20,000 credits a month.",
    priceCents: 2000,
    maxDocuments: 5_000,
    maxChunks: 500_000,
  },
};

/** What the monthly reset refills: the free plan's grant is one per account, so only a personal workspace gets it. */
export const monthlyAllowance = (plan: PlanId, isPersonal: boolean) => (plan === "free" && !isPersonal ? 0 : PLANS[plan].monthlyCredits);

export type TopUpPackId = "small" | "large";
export type TopUpPack = { id: TopUpPackId; label: string; credits: number; priceCents: number };

/** One-time purchases; their credits never expire. */
export const TOP_UP_PACKS: Record<TopUpPackId, TopUpPack> = {
  small: { id: "small", label: "5,000 credits", credits: 5_000, priceCents: 500 },
  large: { id: "large", label: "25,000 credits", credits: 25_000, priceCents: 2000 },
};

/** The pack with this id; an id from outside (Stripe metadata) such as "__proto__" finds none. */
export function findTopUpPack(id: string | undefined): TopUpPack | undefined {
  return id !== undefined && Object.hasOwn(TOP_UP_PACKS, id) ? TOP_UP_PACKS[id as TopUpPackId] : undefined;
}

export const CURRENCY = "usd";

export function formatMoney(cents: number, currency = CURRENCY): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
}
