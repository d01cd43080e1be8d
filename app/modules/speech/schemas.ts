import { z } from "zod";
import { languageTagSchema } from "~/modules/translate/languages";

const blankAsAbsent = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The text fields beside the recording in POST /api/transcribe-audio. */
export const transcribeFieldsSchema = z.object({
  language: z.preprocess(blankAsAbsent, languageTagSchema.optional()),
  workspaceId: z.preprocess(blankAsAbsent, z.uuid().optional()),
});
