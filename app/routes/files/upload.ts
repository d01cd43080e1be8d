import { z } from "zod";
import { apiRoute, json, readParams } from "~/modules/http/api.server";
import { readBodyBytes } from "~/modules/http/body.server";
import { storePendingUpload } from "~/modules/rag/documents.server";
import { verifySignedUrl } from "~/modules/rag/signed-urls.server";

// The upload URL of a two-step upload: the signature is the permission (no cookie needed).
export const loader = apiRoute({
  PUT: async ({ request, params }) => {
    const { documentId } = readParams(params, z.object({ documentId: z.uuid() }));
    verifySignedUrl(documentId, "upload", new URL(request.url));
    storePendingUpload(documentId, await readBodyBytes(request));
    return json({ documentId, uploaded: true });
  },
});
export const action = loader;
