import { apiRoute, json } from "~/modules/http/api.server";
import { reprocessDocument } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";

export const loader = apiRoute({
  POST: ({ params, context }) => json(reprocessDocument(requireDocumentApi(context, params).document), 202),
});
export const action = loader;
