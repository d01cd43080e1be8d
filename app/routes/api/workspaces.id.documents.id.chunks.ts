import { api, json, methodNotAllowed, readQuery } from "~/modules/http/api.server";
import { listDocumentChunks } from "~/modules/rag/documents.server";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import { chunkPagingSchema } from "~/modules/rag/schemas";
import type { Route } from "./+types/workspaces.id.documents.id.chunks";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { document } = await requireDocumentApi(request, params);
  return json(listDocumentChunks(document, readQuery(request, chunkPagingSchema)));
});

export const action = methodNotAllowed("GET");
