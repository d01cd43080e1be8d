// GET /v1/models: the catalog's models this workspace may use (included in
// its plan, provider configured), as OpenAI's model objects.
import type { ModelInfo } from "~/modules/ai/models";
import { modelCatalogFor } from "~/modules/chat/model-catalog.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { OpenAiError } from "~/modules/http/openai-errors.server";

export type OpenAiModel = { id: string; object: "model"; created: number; owned_by: string };

// When each model of the catalog came out (Unix seconds), for `created`; models added later get the catalog's date.
const RELEASED: Record<string, string> = {
  "gpt-4o-mini": "2024-07-18",
  "gpt-4o": "2024-05-13",
  "gpt-4-turbo": "2024-04-09",
  "claude-3-5-sonnet-20241022": "2024-10-22",
  "claude-3-opus-20240229": "2024-02-29",
  "gpt-4.1": "2025-04-14",
  "gpt-4.1-mini": "2025-04-14",
  "claude-sonnet-4-5": "2025-09-29",
  "claude-haiku-4-5": "2025-10-15",
};
const CATALOG_DATE = "2025-10-15";

const toOpenAiModel = (model: Pick<ModelInfo, "id" | "provider">): OpenAiModel => ({
  id: model.id,
  object: "model",
  created: Date.parse(`${RELEASED[model.id] ?? CATALOG_DATE}T00:00:00Z`) / 1000,
  owned_by: model.provider,
});

const usableModels = (membership: Membership) => modelCatalogFor(membership).models.filter((model) => model.allowed && model.available);

export function listOpenAiModels(membership: Membership): { object: "list"; data: OpenAiModel[] } {
  return { object: "list", data: usableModels(membership).map(toOpenAiModel) };
}

export const modelNotFound = (id: string) =>
  new OpenAiError(404, `The model \`${id}\` does not exist or you do not have access to it.`, {
    code: "model_not_found",
    param: "model",
  });

/** GET /v1/models/{id}: one model of the list; any other id is not found. */
export function retrieveOpenAiModel(membership: Membership, id: string): OpenAiModel {
  const model = usableModels(membership).find((m) => m.id === id);
  if (!model) throw modelNotFound(id);
  return toOpenAiModel(model);
}
