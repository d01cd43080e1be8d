import type { RouterContextProvider } from "react-router";
import type { Document, KnowledgeBase } from "#db/schema";
import { forPage, pageId } from "~/modules/http/page.server";
import { readParams } from "~/modules/http/api.server";
import { requireWorkspaceApi } from "~/modules/workspaces/guard.server";
import type { Membership } from "~/modules/workspaces/workspaces.server";
import { requireDocument } from "./documents.server";
import { requireKnowledgeBase } from "./knowledge-bases.server";
import { documentParamsSchema, knowledgeBaseParamsSchema } from "./schemas";

/** For document API routes: the caller's membership and a document of that workspace (401/404). */
export function requireDocumentApi(
  context: Readonly<RouterContextProvider>,
  params: unknown,
): { membership: Membership; document: Document } {
  const membership = requireWorkspaceApi(context, params);
  const { documentId } = readParams(params, documentParamsSchema);
  return { membership, document: requireDocument(membership, documentId) };
}

export function requireKnowledgeBaseApi(
  context: Readonly<RouterContextProvider>,
  params: unknown,
): { membership: Membership; knowledgeBase: KnowledgeBase } {
  const membership = requireWorkspaceApi(context, params);
  const { knowledgeBaseId } = readParams(params, knowledgeBaseParamsSchema);
  return { membership, knowledgeBase: requireKnowledgeBase(membership, knowledgeBaseId) };
}

/** For pages: a document of the workspace, or the 404 page. */
export function requireDocumentPage(membership: Membership, documentId: string | undefined): Document {
  const id = pageId(documentId, "Document");
  return forPage(() => requireDocument(membership, id));
}

/** For pages: a knowledge base of the workspace, or the 404 page. */
export function requireKnowledgeBasePage(membership: Membership, knowledgeBaseId: string | undefined): KnowledgeBase {
  const id = pageId(knowledgeBaseId, "Knowledge base");
  return forPage(() => requireKnowledgeBase(membership, id));
}
