import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { processingStatus } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import type { Route } from "./+types/workspaces.id.documents.id.processing-status";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { document } = await requireDocumentApi(request, params);
  return json(processingStatus(document), { headers: { "Cache-Control": "no-store" } });
});

export const action = methodNotAllowed("GET");
