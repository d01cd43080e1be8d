import { z } from "zod";
import { requireApiUser } from "~/modules/auth/guard.server";
import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { badRequest } from "~/modules/http/errors";
import { reprocessDocument, requireOwnDocument } from "~/modules/rag/documents.server";
import { ragRequestSchema } from "~/modules/rag/schemas";
import type { Route } from "./+types/rag";

export const loader = methodNotAllowed("POST");

// POST /api/rag (api-reference.txt): (re)queues a document's vectorization.
export const action = api(async ({ request }: Route.ActionArgs) => {
  const user = await requireApiUser(request);
  const body = await readJson(request, ragRequestSchema);
  const documentId = z.uuid().safeParse(body.documentId);
  if (!documentId.success) throw badRequest("Invalid document ID", [{ path: "documentId", message: "Must be a document id" }]);
  const { document } = requireOwnDocument(user.id, documentId.data);
  reprocessDocument(document);
  return json({ success: true, message: "Document processing started" });
});
