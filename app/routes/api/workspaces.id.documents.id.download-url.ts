import { api, json, methodNotAllowed } from "~/modules/http/api.server";
import { HttpError } from "~/modules/http/errors";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import { signedDocumentUrl } from "~/modules/rag/signed-urls.server";
import type { Route } from "./+types/workspaces.id.documents.id.download-url";

export const loader = api(async ({ request, params }: Route.LoaderArgs) => {
  const { document } = await requireDocumentApi(request, params);
  if (document.status === "awaiting_upload") throw new HttpError(409, "This document has no file yet");
  return json(signedDocumentUrl(document.id, "download"));
});

export const action = methodNotAllowed("GET");
