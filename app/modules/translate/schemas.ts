import { z } from "zod";
import { MODEL_IDS } from "~/modules/ai/models";
import { languageTagSchema } from "./languages";

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
