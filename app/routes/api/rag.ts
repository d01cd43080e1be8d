import { z } from "zod";
import { requireCaller } from "~/modules/auth/caller.server";
import { apiRoute, json, readJson } from "~/modules/http/api.server";
import { badRequest } from "~/modules/http/errors";
import { reprocessDocument, requireOwnDocument } from "~/modules/rag/documents.server";
import { ragRequestSchema } from "~/modules/rag/schemas";

// POST /api/rag (api-reference.txt): (re)queues a document's vectorization.
export const loader = apiRoute({
  POST: async ({ request, context }) => {
    const caller = requireCaller(context);
    const body = await readJson(request, ragRequestSchema);
    const documentId = z.uuid().safeParse(body.documentId);
    if (!documentId.success) throw badRequest("Invalid document ID", [{ path: "documentId", message: "Must be a document id" }]);
    const { document } = requireOwnDocument(caller.user.id, documentId.data, caller.apiKey?.workspaceId);
    reprocessDocument(document);
    return json({ success: true, message: "Document processing started" });
  },
});
export const action = loader;
