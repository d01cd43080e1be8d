import { z } from "zod";
import { apiRoute, readParams } from "~/modules/http/api.server";
import { documentOriginal } from "~/modules/rag/documents.server";
import { verifySignedUrl } from "~/modules/rag/signed-urls.server";

// A document's original through its signed, expiring link.
export const loader = apiRoute({
  GET: ({ request, params }) => {
    const { documentId } = readParams(params, z.object({ documentId: z.uuid() }));
    verifySignedUrl(documentId, "download", new URL(request.url));
    const { document, bytes } = documentOriginal(documentId);
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": document.contentType ?? "application/octet-stream",
        "Content-Length": String(bytes.length),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
});
export const action = loader;
