import { apiRoute, json, readJson, type ApiArgs } from "~/modules/http/api.server";
import { deleteDocument, toDocumentView, updateDocument } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import { documentUpdateSchema } from "~/modules/rag/schemas";

const update = async ({ request, params, context }: ApiArgs) => {
  const { document } = requireDocumentApi(context, params);
  return json(updateDocument(document, await readJson(request, documentUpdateSchema)));
};

export const loader = apiRoute({
  GET: ({ params, context }) => json(toDocumentView(requireDocumentApi(context, params).document)),
  PUT: update,
  PATCH: update,
  DELETE: ({ params, context }) => {
    const { membership, document } = requireDocumentApi(context, params);
    deleteDocument(membership, document);
    return new Response(null, { status: 204 });
  },
});
export const action = loader;
