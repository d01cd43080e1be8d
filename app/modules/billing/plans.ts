// Plans as data: what a workspace gets each month and which models it may use.
import type { Tier } from "~/modules/ai/models";

export type PlanId = Tier;
export type PlanInfo = { id: PlanId; label: string; monthlyCredits: number; description: string };

export const PLANS: Record<PlanId, PlanInfo> = {
  free: { id: "free", label: "Free", monthlyCredits: 500, description: "Small current models, 500 credits a month." },
  pro: { id: "pro", label: "Pro", monthlyCredits: 20_000, description: "Every model, 20,000 credits a month." },
};
