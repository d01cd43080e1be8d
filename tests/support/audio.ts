// Audio for the speech tests: the recorded fixtures (tests/fixtures/audio,
// see its README) and WAV files of any length, written here sample by sample.
import fs from "node:fs";
import path from "node:path";

const FIXTURES = path.resolve("tests/fixtures/audio");

export const audioFixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)));

/** Every container Cairn accepts, with its fixture's length in seconds as FFmpeg decodes it. */
export const AUDIO_FIXTURES = [
  { file: "tone.mp3", seconds: 2.5 },
  { file: "tone-bare.mp3", seconds: 2.5 },
  { file: "tone.m4a", seconds: 2.5 },
  { file: "tone.wav", seconds: 2.5 },
  { file: "tone.webm", seconds: 2.5 },
  { file: "tone.ogg", seconds: 2.5 },
  { file: "tone.flac", seconds: 2.5 },
  { file: "media-recorder.webm", seconds: 2.94 },
] as const;

/** A mono 8-bit PCM WAV file of `seconds` of a quiet tone, at 8 kHz. */
export function makeWav(seconds: number, sampleRate = 8000): Uint8Array {
  const samples = Math.round(seconds * sampleRate);
  const wav = Buffer.alloc(44 + samples);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + samples, 4);
  wav.write("WAVE", 8, "ascii");
  wav.write("fmt ", 12, "ascii");
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate, 28); // bytes per second
  wav.writeUInt16LE(1, 32); // block align
  wav.writeUInt16LE(8, 34); // bits per sample
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) wav[44 + i] = 128 + Math.round(20 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
  return new Uint8Array(wav);
}
