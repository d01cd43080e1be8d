import { apiRoute, json } from "~/modules/http/api.server";
import { confirmUpload } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";

export const loader = apiRoute({
  POST: ({ params, context }) => json(confirmUpload(requireDocumentApi(context, params).document)),
});
export const action = loader;
