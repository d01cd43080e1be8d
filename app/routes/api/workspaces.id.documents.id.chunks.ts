import { apiRoute, json, readQuery } from "~/modules/http/api.server";
import { listDocumentChunks } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import { chunkPagingSchema } from "~/modules/rag/schemas";

export const loader = apiRoute({
  GET: ({ request, params, context }) => {
    const { document } = requireDocumentApi(context, params);
    return json(listDocumentChunks(document, readQuery(request, chunkPagingSchema)));
  },
});
export const action = loader;
