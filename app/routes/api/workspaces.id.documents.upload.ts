import { MAX_DOCUMENT_BYTES } from "~/modules/documents/limits";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { readUploadForm } from "~/modules/http/uploads.server";
import { addDocument, createPendingDocument } from "~/modules/rag/documents.server";
import { pendingUploadSchema } from "~/modules/rag/schemas";
import { signedDocumentUrl } from "~/modules/rag/signed-urls.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

// Two ways in: multipart with the file (processed at once), or JSON metadata
// for a two-step upload — PUT the bytes to `uploadUrl`, then confirm-upload.
export const loader = apiRoute({
  POST: async ({ request, params, context }) => {
    const membership = requireWorkspaceApi(context, params);
    if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
      const { file, fields } = await readUploadForm(request, MAX_DOCUMENT_BYTES);
      const { document, duplicate } = addDocument(membership, { ...file, title: fields.title });
      return json({ document, duplicate }, duplicate ? 200 : 201);
    }
    const input = await readJson(request, pendingUploadSchema);
    const document = createPendingDocument(membership, { ...input, sizeBytes: input.size });
    const { url, expiresAt } = signedDocumentUrl(document.id, "upload");
    return json({ document, uploadUrl: url, method: "PUT", expiresAt }, 201);
  },
});
export const action = loader;
