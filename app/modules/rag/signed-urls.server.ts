// Signed, expiring links to a document's original, served by Cairn itself:
// one to upload it (two-step upload), one to download it. The signature is
// an HMAC of the document, purpose and expiry under the session secret.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/modules/config/env.server";
import { forbidden } from "~/modules/http/errors";

export type SignedPurpose = "upload" | "download";

export const UPLOAD_URL_TTL_MS = 15 * 60_000;
export const DOWNLOAD_URL_TTL_MS = 5 * 60_000;

const signature = (documentId: string, purpose: SignedPurpose, expires: number) =>
  createHmac("sha256", env().sessionSecrets[0]!).update(`${purpose}:${documentId}:${expires}`).digest("base64url");

export function signedDocumentUrl(documentId: string, purpose: SignedPurpose, now = Date.now()): { url: string; expiresAt: string } {
  const expires = now + (purpose === "upload" ? UPLOAD_URL_TTL_MS : DOWNLOAD_URL_TTL_MS);
  const query = new URLSearchParams({ expires: String(expires), signature: signature(documentId, purpose, expires) });
  return { url: `${env().APP_URL}/files/${purpose}/${documentId}?${query}`, expiresAt: new Date(expires).toISOString() };
}

/** Refuses (403) a link whose signature does not match or whose time is up. */
export function verifySignedUrl(documentId: string, purpose: SignedPurpose, url: URL, now = Date.now()) {
  const expires = Number(url.searchParams.get("expires"));
  const given = Buffer.from(url.searchParams.get("signature") ?? "");
  const expected = Buffer.from(signature(documentId, purpose, expires));
  if (!Number.isFinite(expires) || given.length !== expected.length || !timingSafeEqual(given, expected))
    throw forbidden("This link is not valid.");
  if (expires < now) throw forbidden("This link has expired. Ask for a new one.");
}
