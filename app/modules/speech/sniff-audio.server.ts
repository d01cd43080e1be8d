// Recognises audio by its bytes (file-type's signatures), never by the file's
// name or the Content-Type it came with: a renamed text file is refused.
import { fileTypeFromBuffer } from "file-type";
import { badRequest } from "~/modules/http/errors";
import { ACCEPTED_AUDIO_LABEL, type AudioFormat } from "./audio-types";

/** A recognised recording and the name and type it is sent upstream under (the API reads the extension). */
export type SniffedAudio = { format: AudioFormat; extension: string; mimeType: string };

const BY_EXTENSION: Record<string, SniffedAudio> = {
  mp3: { format: "mp3", extension: "mp3", mimeType: "audio/mpeg" },
  m4a: { format: "mp4", extension: "m4a", mimeType: "audio/mp4" },
  mp4: { format: "mp4", extension: "mp4", mimeType: "audio/mp4" },
  wav: { format: "wav", extension: "wav", mimeType: "audio/wav" },
  webm: { format: "webm", extension: "webm", mimeType: "audio/webm" },
  ogg: { format: "ogg", extension: "ogg", mimeType: "audio/ogg" },
  oga: { format: "ogg", extension: "ogg", mimeType: "audio/ogg" },
  opus: { format: "ogg", extension: "ogg", mimeType: "audio/ogg" },
  flac: { format: "flac", extension: "flac", mimeType: "audio/flac" },
};

/** The recording's format; 400 naming the accepted types for anything else (empty, text, images, video-only containers). */
export async function sniffAudio(bytes: Uint8Array): Promise<SniffedAudio> {
  if (bytes.length === 0) throw badRequest(`The file is empty. Send a recording: ${ACCEPTED_AUDIO_LABEL}.`);
  const detected = await fileTypeFromBuffer(bytes);
  const audio = detected && BY_EXTENSION[detected.ext];
  if (audio) return audio;
  const seen = detected ? ` (it looks like ${detected.ext.toUpperCase()}, ${detected.mime})` : "";
  throw badRequest(`This file is not audio Cairn can transcribe${seen}. Accepted: ${ACCEPTED_AUDIO_LABEL}.`);
}
