import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { confirmUpload } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import type { Route } from "./+types/workspaces.id.documents.id.confirm-upload";

export const loader = methodNotAllowed("POST");

export const action = api(async ({ request, params }: Route.ActionArgs) => {
  const { document } = await requireDocumentApi(request, params);
  return json(confirmUpload(document));
});
