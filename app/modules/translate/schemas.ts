import { z } from "zod";
import { MODEL_IDS } from "~/modules/ai/models";
import { canonicalLanguageTag } from "./languages";

/** A zod field for a language tag: canonicalised, 422 with a clear issue when unknown. */
export const languageTagSchema = z
  .string()
  .max(35)
  .transform((tag, ctx) => {
    const canonical = canonicalLanguageTag(tag);
    if (canonical) return canonical;
    ctx.addIssue({ code: "custom", message: `Unknown language code "${tag}": use a BCP 47 tag such as en, fr or pt-BR` });
    return z.NEVER;
  });

/** The longest text translated in one call: a long answer, with room for the translation in the model's output. */
export const MAX_TRANSLATION_CHARS = 20_000;

/** POST /api/workspaces/{id}/translate. */
export const translateRequestSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "Send the text to translate")
    .max(MAX_TRANSLATION_CHARS, `Use at most ${MAX_TRANSLATION_CHARS.toLocaleString("en")} characters`),
  targetLanguage: languageTagSchema,
  sourceLanguage: languageTagSchema.optional(),
  modelId: z.enum(MODEL_IDS, { error: "Unknown model" }).optional(),
});
export type TranslateRequest = z.infer<typeof translateRequestSchema>;
