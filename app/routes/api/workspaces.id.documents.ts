import { apiRoute, json } from "~/modules/http/api.server";
import { listDocuments } from "~/modules/rag/documents.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";

export const loader = apiRoute({
  GET: ({ params, context }) => json({ documents: listDocuments(requireWorkspaceApi(context, params)) }),
});
export const action = loader;
