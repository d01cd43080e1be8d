// Speech-to-text, paid through the credit ledger: recognise the recording by
// its bytes, read its length, hold what it may cost, send it to the
// transcription model, and settle what it did cost.
import { randomUUID } from "node:crypto";
import { ProviderError, providerStatus, transcribeWithOpenAI } from "~/modules/ai/providers.server";
import { reserveCredits, settleCredits } from "~/modules/billing/credits.server";
import { env } from "~/modules/config/env.server";
import { HttpError } from "~/modules/http/errors";
import { logError } from "~/modules/log/logger.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { audioDurationSeconds } from "./audio-duration.server";
import { transcriptionCost, transcriptionHold, transcriptionPrice, type TranscriptionUsage } from "./pricing";
import { sniffAudio } from "./sniff-audio.server";

/** Whether the microphone can work here: a transcription provider is configured (offline: the dev stand-in). */
export function transcriptionStatus(): { available: boolean; offline: boolean } {
  return providerStatus("openai");
}

/** Usage as the provider reported it, if it is well-formed (a compatible server may send anything). */
function reportedUsage(usage: unknown): TranscriptionUsage | null {
  const u = usage as Record<string, unknown> | null | undefined;
  const count = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
  if (u?.type === "tokens" && count(u.input_tokens) && count(u.output_tokens)) {
    const details = u.input_token_details as Record<string, unknown> | undefined;
    const audioTokens = count(details?.audio_tokens) ? (details!.audio_tokens as number) : undefined;
    return {
      type: "tokens",
      input_tokens: u.input_tokens as number,
      output_tokens: u.output_tokens as number,
      input_token_details: audioTokens !== undefined ? { audio_tokens: Math.min(audioTokens, u.input_tokens as number) } : undefined,
    };
  }
  if (u?.type === "duration" && count(u.seconds)) return { type: "duration", seconds: u.seconds as number };
  return null;
}

const describe = (seconds: number | null, model: string) =>
  `Transcription${seconds === null ? "" : ` of ${seconds < 60 ? `${Math.max(1, Math.round(seconds))} s` : `${(seconds / 60).toFixed(1)} min`}`} with ${model}`;

/**
 * Transcribes an uploaded recording for a workspace: 400 if it is not audio
 * (by its bytes), 503 without a provider, 402 if the workspace cannot pay the
 * hold, 502 if the provider fails (nothing is charged then).
 */
export async function transcribeAudio(
  membership: Membership,
  upload: { bytes: Uint8Array },
  options: { language?: string },
  signal: AbortSignal,
): Promise<{ text: string; credits: number }> {
  const audio = await sniffAudio(upload.bytes);
  if (!transcriptionStatus().available)
    throw new HttpError(503, "Speech-to-text is not available: this server has no OPENAI_API_KEY (or OPENAI_BASE_URL server) configured.");
  const model = env().TRANSCRIBE_MODEL;
  const price = transcriptionPrice(model);
  const seconds = await audioDurationSeconds(upload.bytes, audio);
  const holdId = randomUUID();
  const description = describe(seconds, model);
  reserveCredits(membership.workspace.id, holdId, transcriptionHold(price, seconds, upload.bytes.length), membership.user.id);

  let result: Awaited<ReturnType<typeof transcribeWithOpenAI>>;
  try {
    result = await transcribeWithOpenAI({
      model,
      audio: { bytes: upload.bytes, filename: `recording.${audio.extension}`, mimeType: audio.mimeType },
      // The API takes ISO 639-1: the language subtag of a BCP 47 tag.
      language: options.language?.split("-")[0],
      signal,
    });
  } catch (error) {
    settleCredits(holdId, { credits: 0, description });
    if (signal.aborted) throw new HttpError(499, "The request was cancelled");
    if (error instanceof ProviderError) throw new HttpError(502, error.message);
    logError(error, "transcription: the provider call failed");
    throw new HttpError(502, "The transcription failed on the server. Try again.");
  }

  const text = typeof result.text === "string" ? result.text.trim() : "";
  const usage = reportedUsage(result.usage);
  const credits = settleCredits(holdId, {
    credits: transcriptionCost(price, { usage, seconds, transcript: text }),
    description,
    userId: membership.user.id,
    modelId: model,
    inputTokens: usage?.type === "tokens" ? usage.input_tokens : undefined,
    outputTokens: usage?.type === "tokens" ? usage.output_tokens : undefined,
  });
  return { text, credits };
}
