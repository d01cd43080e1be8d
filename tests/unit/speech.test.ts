import { describe, expect, it } from "vitest";
import { audioDurationSeconds } from "~/modules/speech/audio-duration.server";
import { transcriptionCost, transcriptionHold, transcriptionPrice } from "~/modules/speech/pricing";
import { sniffAudio } from "~/modules/speech/sniff-audio.server";
import { webmDurationSeconds } from "~/modules/speech/webm-timing.server";
import { AUDIO_FIXTURES, audioFixture, makeWav } from "../support/audio";

describe("recognising audio by its bytes", () => {
  it.each(AUDIO_FIXTURES)("recognises $file", async ({ file }) => {
    const audio = await sniffAudio(audioFixture(file));
    expect(file.endsWith(audio.extension) || (audio.format === "mp4" && file.endsWith(".m4a"))).toBe(true);
  });

  it("refuses text, images and empty files, naming what it accepts", async () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
    ]);
    for (const bytes of [new TextEncoder().encode("Just some notes, renamed to .mp3"), png, new Uint8Array(0)]) {
      await expect(sniffAudio(bytes)).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining("MP3, MP4/M4A, WAV, WebM, Ogg or FLAC"),
      });
    }
    await expect(sniffAudio(png)).rejects.toThrow(/PNG/);
  });
});

describe("the length of a recording", () => {
  it.each(AUDIO_FIXTURES)("reads $file's length from its container", async ({ file, seconds }) => {
    const bytes = audioFixture(file);
    const measured = await audioDurationSeconds(bytes, await sniffAudio(bytes));
    // Encoders pad a frame or two at either end.
    expect(measured).toBeGreaterThan(seconds - 0.05);
    expect(measured).toBeLessThan(seconds + 0.15);
  });

  it("takes MediaRecorder's last block timestamp when the WebM header has no duration", () => {
    const recorded = audioFixture("media-recorder.webm");
    expect(webmDurationSeconds(recorded)).toBeCloseTo(2.94, 2);
    // A recording cut short (an upload that stopped) is as long as what arrived.
    const half = webmDurationSeconds(recorded.subarray(0, recorded.length / 2))!;
    expect(half).toBeGreaterThan(1);
    expect(half).toBeLessThan(2);
  });

  it("prefers a declared duration, and knows nothing from a header alone or from noise", () => {
    expect(webmDurationSeconds(audioFixture("tone.webm"))).toBeCloseTo(2.508, 3);
    expect(webmDurationSeconds(audioFixture("media-recorder.webm").subarray(0, 100))).toBeNull();
    expect(webmDurationSeconds(new Uint8Array(4096).fill(0x42))).toBeNull();
  });

  it("measures a long WAV exactly", async () => {
    const wav = makeWav(61.5);
    expect(await audioDurationSeconds(wav, await sniffAudio(wav))).toBeCloseTo(61.5, 3);
  });
});

describe("what a transcription costs", () => {
  const mini = transcriptionPrice("gpt-4o-mini-transcribe");

  it("holds a few credits for a one-minute question, far below the free plan's 500", () => {
    expect(transcriptionHold(mini, 60, 500_000)).toBe(7);
    expect(transcriptionHold(mini, 3, 40_000)).toBe(2);
    // With no readable length, a file is held as if it were as long as its size allows at 8 kbit/s.
    expect(transcriptionHold(mini, null, 480_000)).toBe(49);
  });

  it("charges by the provider's tokens, else its seconds, else the recording's length, else the transcript's", () => {
    const tokens = { type: "tokens" as const, input_tokens: 1000, output_tokens: 200, input_token_details: { audio_tokens: 1000 } };
    expect(transcriptionCost(mini, { usage: tokens, seconds: 60, transcript: "" })).toBeCloseTo(4, 6);
    expect(transcriptionCost(mini, { usage: { type: "duration", seconds: 120 }, seconds: 60, transcript: "" })).toBe(6);
    expect(transcriptionCost(mini, { usage: null, seconds: 30, transcript: "" })).toBe(1.5);
    expect(transcriptionCost(mini, { usage: null, seconds: null, transcript: "word ".repeat(300) })).toBe(6);
  });

  it("meters an unknown model (a local Whisper) like whisper-1", () => {
    expect(transcriptionPrice("whisper-large-v3")).toEqual(transcriptionPrice("whisper-1"));
  });
});
