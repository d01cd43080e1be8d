import { DEFAULT_MODEL_ID, MODELS, modelAllowedForTier, type ModelInfo } from "~/modules/ai/models";
import { providerStatus } from "~/modules/ai/providers.server";
import { shownCredits, workspacePlan } from "~/modules/billing/credits.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { MODEL_NOTES } from "./model-notes";

export type CatalogModel = Omit<ModelInfo, "upstream"> & { description: string; allowed: boolean; available: boolean; offline: boolean };

/** Every model with what this workspace may do with it: included in its plan, provider configured, offline stand-in. */
export function modelCatalogFor(membership: Membership) {
  const { plan } = workspacePlan(membership.workspace.id);
  const models: CatalogModel[] = MODELS.map(({ upstream: _upstream, ...model }) => {
    const status = providerStatus(model.provider);
    return {
      ...model,
      description: MODEL_NOTES[model.id] ?? "",
      allowed: modelAllowedForTier(model as ModelInfo, plan),
      available: status.available,
      offline: status.offline,
    };
  });
  return { plan, defaultModelId: DEFAULT_MODEL_ID, credits: shownCredits(membership.workspace.id), models };
}
