import { apiRoute, json } from "~/modules/http/api.server";
import { HttpError } from "~/modules/http/errors";
import { requireDocumentApi } from "~/modules/rag/guard.server";
import { signedDocumentUrl } from "~/modules/rag/signed-urls.server";

export const loader = apiRoute({
  GET: ({ params, context }) => {
    const { document } = requireDocumentApi(context, params);
    if (document.status === "awaiting_upload") throw new HttpError(409, "This document has no file yet");
    return json(signedDocumentUrl(document.id, "download"));
  },
});
export const action = loader;
