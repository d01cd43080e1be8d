// What a transcription costs in credits (1 credit = $0.001, as for chat):
// by the provider's own usage figures when it reports them (tokens or
// seconds), else by the recording's length. The hold before the call follows
// the recording's length too, so a one-minute question holds a few credits.

export type TranscriptionPrice = {
  /** Credits per minute of audio: duration-billed models, and every estimate. */
  perMinute: number;
  /** Credits per 1K tokens, for models that report token usage. */
  audioInputPer1K: number;
  textInputPer1K: number;
  outputPer1K: number;
};

// OpenAI's list prices. A model Cairn does not know (e.g. a local Whisper
// behind OPENAI_BASE_URL) is metered like whisper-1.
const PRICES: Record<string, TranscriptionPrice> = {
  "gpt-4o-mini-transcribe": { perMinute: 3, audioInputPer1K: 3, textInputPer1K: 1.25, outputPer1K: 5 },
  "gpt-4o-transcribe": { perMinute: 6, audioInputPer1K: 6, textInputPer1K: 2.5, outputPer1K: 10 },
  "whisper-1": { perMinute: 6, audioInputPer1K: 6, textInputPer1K: 6, outputPer1K: 6 },
};

export function transcriptionPrice(model: string): TranscriptionPrice {
  return PRICES[model] ?? PRICES["whisper-1"]!;
}

/** What the provider says the call used, in either of its two shapes. */
export type TranscriptionUsage =
  | { type: "tokens"; input_tokens: number; output_tokens: number; input_token_details?: { audio_tokens?: number; text_tokens?: number } }
  | { type: "duration"; seconds: number };

// The lowest bitrate a speech recording plausibly has (8 kbit/s): with no
// readable length, a file is held as if it were this long.
const LOWEST_BYTES_PER_SECOND = 1000;
// Token-billed models cost more per minute when speech is dense: hold twice the list price per minute, plus one.
const HOLD_FACTOR = 2;

const exact = (credits: number) => Math.round(credits * 1e6) / 1e6;

/** The worst-case hold for a recording of `seconds` (unknown: the longest a file of `bytes` could be). */
export function transcriptionHold(price: TranscriptionPrice, seconds: number | null, bytes: number): number {
  const longest = seconds ?? bytes / LOWEST_BYTES_PER_SECOND;
  return Math.ceil(exact((HOLD_FACTOR * price.perMinute * longest) / 60)) + 1;
}

/**
 * The cost of a finished transcription: the provider's usage when it sent
 * one, else the recording's length, else (neither known) the transcript's
 * length at a speaking pace of 150 words a minute. Fractions round up later.
 */
export function transcriptionCost(
  price: TranscriptionPrice,
  facts: { usage?: TranscriptionUsage | null; seconds: number | null; transcript: string },
): number {
  const { usage } = facts;
  if (usage?.type === "tokens") {
    const audio = usage.input_token_details?.audio_tokens ?? usage.input_tokens;
    const text = usage.input_tokens - audio;
    return exact((audio * price.audioInputPer1K + text * price.textInputPer1K + usage.output_tokens * price.outputPer1K) / 1000);
  }
  const seconds = usage?.type === "duration" ? usage.seconds : (facts.seconds ?? (wordCount(facts.transcript) / 150) * 60);
  return exact((price.perMinute * seconds) / 60);
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
