import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_MODEL_ID, MODEL_IDS, MODELS, estimateCostCredits, findModel, modelAllowedForTier } from "~/modules/ai/models";

const model = (id: string) => {
  const found = findModel(id);
  if (!found) throw new Error(`no model ${id}`);
  return found;
};

describe("model catalog", () => {
  it("holds the spec's five ids, with gpt-4o-mini as the default", () => {
    for (const id of ["gpt-4o-mini", "gpt-4o", "gpt-4-turbo", "claude-3-5-sonnet-20241022", "claude-3-opus-20240229"])
      expect(findModel(id)?.id).toBe(id);
    expect(DEFAULT_MODEL_ID).toBe("gpt-4o-mini");
    expect(findModel(DEFAULT_MODEL_ID)?.tiers).toContain("free");
    expect(findModel("gpt-3")).toBeUndefined();
  });

  it("has unique ids that z.enum accepts", () => {
    expect(new Set(MODEL_IDS).size).toBe(MODELS.length);
    const modelId = z.enum(MODEL_IDS);
    expect(modelId.parse("claude-haiku-4-5")).toBe("claude-haiku-4-5");
    expect(modelId.safeParse("gpt-3").success).toBe(false);
  });

  it("lets the free tier use gpt-4o-mini but not gpt-4o; pro uses both", () => {
    expect(modelAllowedForTier(model("gpt-4o-mini"), "free")).toBe(true);
    expect(modelAllowedForTier(model("gpt-4o"), "free")).toBe(false);
    expect(modelAllowedForTier(model("gpt-4o"), "pro")).toBe(true);
    expect(MODELS.every((m) => modelAllowedForTier(m, "pro"))).toBe(true);
  });
});

describe("cost in credits", () => {
  it("rounds up to whole credits: nothing used costs 0, any token at least 1", () => {
    expect(estimateCostCredits(model("gpt-4o-mini"), 0, 0)).toBe(0);
    expect(estimateCostCredits(model("gpt-4o-mini"), 1, 0)).toBe(1);
    expect(estimateCostCredits(model("gpt-4o-mini"), 1000, 1000)).toBe(1); // 0.15 + 0.6
    expect(estimateCostCredits(model("gpt-4o"), 1000, 1000)).toBe(13); // 2.5 + 10
    expect(estimateCostCredits(model("claude-3-opus-20240229"), 2000, 1000)).toBe(105); // 30 + 75
  });

  it("does not round an exact cost up through floating-point error", () => {
    // 8 * 0.4 + 623 * 1.6 = 1000 milli-credits exactly; in floating point, 1.0000000000000002 credits.
    expect(estimateCostCredits(model("gpt-4.1-mini"), 8, 623)).toBe(1);
    expect(estimateCostCredits(model("gpt-4.1-mini"), 16, 1246)).toBe(2);
  });
});
