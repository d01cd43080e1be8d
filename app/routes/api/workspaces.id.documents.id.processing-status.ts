import { apiRoute, json } from "~/modules/http/api.server";
import { processingStatus } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";

export const loader = apiRoute({
  GET: ({ params, context }) => json(processingStatus(requireDocumentApi(context, params).document)),
});
export const action = loader;
