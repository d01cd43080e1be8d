import { z } from "zod";
import { requireApiUser } from "~/modules/auth/guard.server";
import { MAX_DOCUMENT_BYTES } from "~/modules/documents/limits";
import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { badRequest } from "~/modules/http/errors";
import { readUploadForm } from "~/modules/http/uploads.server";
import { addDocument } from "~/modules/rag/documents.server";
import { workspaceFor } from "~/modules/workspaces/workspaces.server";
import type { Route } from "./+types/upload";

export const loader = methodNotAllowed("POST");

// POST /api/upload (api-reference.txt): FormData `file`, optional `workspaceId`.
export const action = api(async ({ request }: Route.ActionArgs) => {
  const user = await requireApiUser(request);
  const { file, fields } = await readUploadForm(request, MAX_DOCUMENT_BYTES);
  const workspaceId = z
    .uuid()
    .optional()
    .safeParse(fields.workspaceId || undefined);
  if (!workspaceId.success) throw badRequest("Invalid workspace id", [{ path: "workspaceId", message: "Must be a workspace id" }]);
  const { document } = addDocument(workspaceFor(user, workspaceId.data), file);
  return json({ documentId: document.id, filename: document.filename, status: document.status });
});
