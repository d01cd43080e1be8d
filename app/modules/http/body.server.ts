// How much a request may send, by route, and the one way bodies are read:
// with the limit enforced while streaming, so an oversize body is refused
// after at most its limit was read (and before, from Content-Length).
import { MAX_DOCUMENT_BYTES } from "~/modules/documents/limits";
import { ACCEPTED_AUDIO_LABEL, MAX_AUDIO_BYTES } from "~/modules/speech/audio-types";
import { HttpError } from "./errors";

const MB = 1024 * 1024;
// Room for the multipart framing around an uploaded file.
const MULTIPART_FRAMING = 64 * 1024;

export type BodyLimit = { maxBytes: number; tooLarge: () => HttpError };

const payloadTooLarge = (maxBytes: number) => () =>
  new HttpError(413, `The request body is too large: at most ${Math.round(maxBytes / MB)} MB.`);
// Uploads keep the spec's 400 for a file over the limit.
const fileTooLarge = (maxBytes: number) => () => new HttpError(400, `The file is larger than ${Math.round(maxBytes / MB)} MB.`);

export const JSON_BODY_LIMIT: BodyLimit = { maxBytes: 1 * MB, tooLarge: payloadTooLarge(1 * MB) };
const CHAT_BODY_LIMIT: BodyLimit = { maxBytes: 4 * MB, tooLarge: payloadTooLarge(4 * MB) };
const UPLOAD_BODY_LIMIT: BodyLimit = { maxBytes: MAX_DOCUMENT_BYTES + MULTIPART_FRAMING, tooLarge: fileTooLarge(MAX_DOCUMENT_BYTES) };
/** A recording over the limit: 400 naming what is accepted (the transcription route reads its form with this too). */
export const AUDIO_UPLOAD_BODY_LIMIT: BodyLimit = {
  maxBytes: MAX_AUDIO_BYTES + MULTIPART_FRAMING,
  tooLarge: () =>
    new HttpError(
      400,
      `The recording is larger than ${Math.round(MAX_AUDIO_BYTES / MB)} MB. Accepted: ${ACCEPTED_AUDIO_LABEL}, up to that size.`,
    ),
};

const LIMITS: [RegExp, BodyLimit][] = [
  [/^\/api\/chat\/?$/, CHAT_BODY_LIMIT],
  [/^\/api\/workspaces\/[^/]+\/chats\/[^/]+\/messages(\/regenerate)?\/?$/, CHAT_BODY_LIMIT],
  [/^\/v1\/chat\/completions\/?$/, CHAT_BODY_LIMIT],
  [/^\/api\/upload\/?$/, UPLOAD_BODY_LIMIT],
  [/^\/api\/workspaces\/[^/]+\/documents\/upload\/?$/, UPLOAD_BODY_LIMIT],
  [/^\/api\/transcribe-audio\/?$/, AUDIO_UPLOAD_BODY_LIMIT],
  [/^\/files\/upload\/[^/]+\/?$/, UPLOAD_BODY_LIMIT],
];

/** The body limit of a path: uploads 25 MB, chat 4 MB, everything else (JSON, forms, webhooks) 1 MB. */
export function bodyLimitFor(pathname: string): BodyLimit {
  return LIMITS.find(([pattern]) => pattern.test(pathname))?.[1] ?? JSON_BODY_LIMIT;
}

/** Refuses at once a body whose declared length passes its limit. */
export function assertDeclaredLength(request: Request, limit: BodyLimit) {
  const declared = Number(request.headers.get("Content-Length"));
  if (declared > limit.maxBytes) throw limit.tooLarge();
}

/** The whole body as bytes, refused (and the rest left unread) once it passes the path's limit. */
export async function readBodyBytes(
  request: Request,
  limit = bodyLimitFor(new URL(request.url).pathname),
): Promise<Uint8Array<ArrayBuffer>> {
  assertDeclaredLength(request, limit);
  if (!request.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit.maxBytes) {
      // Stop reading, but leave the stream be: cancelling it would reset the connection before the
      // client could read the answer. The server closes the connection after answering (scripts/serve.js).
      reader.releaseLock();
      throw limit.tooLarge();
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** The body as text (UTF-8), under the path's limit. */
export async function readBodyText(request: Request, limit?: BodyLimit): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, limit));
}
