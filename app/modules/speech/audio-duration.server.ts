// How long a recording is, read from its container: music-metadata for MP3,
// MP4, WAV, Ogg and FLAC; Cairn's own reader for WebM, because a browser's
// MediaRecorder writes WebM without a duration (see webm-timing.server.ts).
import { parseBuffer } from "music-metadata";
import type { SniffedAudio } from "./sniff-audio.server";
import { webmDurationSeconds } from "./webm-timing.server";

/** Seconds of audio, or null when the container does not say and cannot be measured. */
export async function audioDurationSeconds(bytes: Uint8Array, audio: SniffedAudio): Promise<number | null> {
  let seconds: number | null | undefined;
  if (audio.format === "webm") seconds = webmDurationSeconds(bytes);
  else {
    try {
      // `duration: true` counts MP3 frames when no header states the length.
      const { format } = await parseBuffer(bytes, { mimeType: audio.mimeType, size: bytes.length }, { duration: true, skipCovers: true });
      seconds = format.duration;
    } catch {
      seconds = null;
    }
  }
  return seconds !== undefined && seconds !== null && Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}
