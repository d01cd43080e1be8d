import { z } from "zod";
import { MAX_DOCUMENT_BYTES } from "~/modules/documents/limits";
import { api, json, methodNotAllowed, readParams } from "~/modules/http/api.server";
import { readBodyBytes } from "~/modules/http/uploads.server";
import { storePendingUpload } from "~/modules/rag/documents.server";
import { verifySignedUrl } from "~/modules/rag/signed-urls.server";
import type { Route } from "./+types/upload";

export const loader = methodNotAllowed("PUT");

// The upload URL of a two-step upload: the signature is the permission (no cookie needed).
export const action = api(async ({ request, params }: Route.ActionArgs) => {
  if (request.method !== "PUT") return methodNotAllowed("PUT")();
  const { documentId } = readParams(params, z.object({ documentId: z.uuid() }));
  verifySignedUrl(documentId, "upload", new URL(request.url));
  storePendingUpload(documentId, await readBodyBytes(request, MAX_DOCUMENT_BYTES));
  return json({ documentId, uploaded: true });
});
