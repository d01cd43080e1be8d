import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { documentContent } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import type { Route } from "./+types/workspaces.id.documents.id.content";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { document } = await requireDocumentApi(request, params);
  return json(documentContent(document));
});

export const action = methodNotAllowed("GET");
