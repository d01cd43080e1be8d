import { api, json, methodNotAllowed, readJson } from "~/modules/http/api.server";
import { deleteDocument, toDocumentView, updateDocument } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import { documentUpdateSchema } from "~/modules/rag/schemas";
import type { Route } from "./+types/workspaces.id.documents.id";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { document } = await requireDocumentApi(request, params);
  return json(toDocumentView(document));
});

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { document } = await requireDocumentApi(request, params);
  switch (request.method) {
    case "PUT":
    case "PATCH":
      return json(updateDocument(document, await readJson(request, documentUpdateSchema)));
    case "DELETE":
      deleteDocument(document);
      return new Response(null, { status: 204 });
    default:
      return methodNotAllowed("GET, PUT, DELETE")();
  }
});
