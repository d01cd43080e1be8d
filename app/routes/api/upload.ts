import { z } from "zod";
import { requireCaller } from "~/modules/auth/caller.server";
import { MAX_DOCUMENT_BYTES } from "~/modules/documents/limits";
import { apiRoute, json } from "~/modules/http/api.server";
import { badRequest } from "~/modules/http/errors";
import { readUploadForm } from "~/modules/http/uploads.server";
import { addDocument } from "~/modules/rag/documents.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";

// POST /api/upload (api-reference.txt): FormData `file`, optional `workspaceId`.
export const loader = apiRoute({
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    const { file, fields } = await readUploadForm(request, MAX_DOCUMENT_BYTES);
    const workspaceId = z
      .uuid()
      .optional()
      .safeParse(fields.workspaceId || undefined);
    if (!workspaceId.success) throw badRequest("Invalid workspace id", [{ path: "workspaceId", message: "Must be a workspace id" }]);
    const { document } = addDocument(workspaceFor(caller, workspaceId.data), file);
    return json({ documentId: document.id, filename: document.filename, status: document.status });
  },
});
export const action = loader;
