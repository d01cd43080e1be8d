// The model catalog as data, importable by the UI (no secrets, no SDKs).
// Prices are credits per 1K tokens; 1 credit = $0.001.

export type Provider = "openai" | "anthropic";
export type Tier = "free" | "pro";

export type ModelInfo = {
  id: string;
  label: string;
  provider: Provider;
  /** The provider's name for the model; `MODEL_UPSTREAM_<ID>` overrides it (see providers.server). */
  upstream: string;
  tiers: Tier[];
  inputCreditsPer1K: number;
  outputCreditsPer1K: number;
  contextWindow: number;
  maxOutputTokens: number;
};

export const MODELS: readonly ModelInfo[] = [
  // The five ids of the spec's API reference.
  {
    id: "gpt-4o-mini",
    label: "GPT-4o mini",
    provider: "openai",
    upstream: "gpt-4o-mini",
    tiers: ["free", "pro"],
    inputCreditsPer1K: 0.15,
    outputCreditsPer1K: 0.6,
    contextWindow: 128_000,
    maxOutputTokens: 4096,
  },
  {
    id: "gpt-4o",
    label: "GPT-4o",
    provider: "openai",
    upstream: "gpt-4o",
    tiers: ["pro"],
    inputCreditsPer1K: 2.5,
    outputCreditsPer1K: 10,
    contextWindow: 128_000,
    maxOutputTokens: 4096,
  },
  {
    id: "gpt-4-turbo",
    label: "GPT-4 Turbo",
    provider: "openai",
    upstream: "gpt-4-turbo",
    tiers: ["pro"],
    inputCreditsPer1K: 10,
    outputCreditsPer1K: 30,
    contextWindow: 128_000,
    maxOutputTokens: 4096,
  },
  {
    id: "claude-3-5-sonnet-20241022",
    label: "Claude 3.5 Sonnet",
    provider: "anthropic",
    upstream: "claude-3-5-sonnet-20241022",
    tiers: ["pro"],
    inputCreditsPer1K: 3,
    outputCreditsPer1K: 15,
    contextWindow: 200_000,
    maxOutputTokens: 4096,
  },
  {
    id: "claude-3-opus-20240229",
    label: "Claude 3 Opus",
    provider: "anthropic",
    upstream: "claude-3-opus-20240229",
    tiers: ["pro"],
    inputCreditsPer1K: 15,
    outputCreditsPer1K: 75,
    contextWindow: 200_000,
    maxOutputTokens: 4096,
  },
  // Current models.
  {
    id: "gpt-4.1",
    label: "GPT-4.1",
    provider: "openai",
    upstream: "gpt-4.1",
    tiers: ["pro"],
    inputCreditsPer1K: 2,
    outputCreditsPer1K: 8,
    contextWindow: 1_000_000,
    maxOutputTokens: 4096,
  },
  {
    id: "gpt-4.1-mini",
    label: "GPT-4.1 mini",
    provider: "openai",
    upstream: "gpt-4.1-mini",
    tiers: ["free", "pro"],
    inputCreditsPer1K: 0.4,
    outputCreditsPer1K: 1.6,
    contextWindow: 1_000_000,
    maxOutputTokens: 4096,
  },
  {
    id: "claude-sonnet-4-5",
    label: "Claude Sonnet 4.5",
    provider: "anthropic",
    upstream: "claude-sonnet-4-5",
    tiers: ["pro"],
    inputCreditsPer1K: 3,
    outputCreditsPer1K: 15,
    contextWindow: 200_000,
    maxOutputTokens: 4096,
  },
  {
    id: "claude-haiku-4-5",
    label: "Claude Haiku 4.5",
    provider: "anthropic",
    upstream: "claude-haiku-4-5",
    tiers: ["free", "pro"],
    inputCreditsPer1K: 1,
    outputCreditsPer1K: 5,
    contextWindow: 200_000,
    maxOutputTokens: 4096,
  },
];

export const DEFAULT_MODEL_ID = "gpt-4o-mini";

/** Every model id, as the non-empty tuple `z.enum` wants. */
export const MODEL_IDS = MODELS.map((model) => model.id) as [string, ...string[]];

export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((model) => model.id === id);
}

export function modelAllowedForTier(model: ModelInfo, tier: Tier): boolean {
  return model.tiers.includes(tier);
}

// Prices become integer milli-credits per 1K tokens so the sum is exact: in
// floating point, 8 input + 623 output tokens of GPT-4.1 mini come to
// 1.0000000000000002 credits and would round up to 2.
const milliCredits = (creditsPer1K: number) => Math.round(creditsPer1K * 1000);

/** Whole credits for a call, rounded up: any token used costs at least 1, none costs 0. */
export function estimateCostCredits(model: ModelInfo, inputTokens: number, outputTokens: number): number {
  const milliCreditThousandths =
    inputTokens * milliCredits(model.inputCreditsPer1K) + outputTokens * milliCredits(model.outputCreditsPer1K);
  return Math.ceil(milliCreditThousandths / 1_000_000);
}
