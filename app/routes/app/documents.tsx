// The workspace's documents: upload (drag and drop, several at once) or add
// by URL, watch each one's progress, see why one failed, reprocess or delete;
// and the knowledge bases that group them.
import { useEffect } from "react";
import { useRevalidator } from "react-router";
import { z } from "zod";
import { AddByUrl } from "~/components/documents/add-by-url";
import { DocumentList } from "~/components/documents/document-list";
import { KnowledgeBaseList } from "~/components/documents/knowledge-base-list";
import { UploadZone } from "~/components/documents/upload-zone";
import { PageHeader } from "~/components/ui/page-header";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { deleteDocument, listDocuments, reprocessDocument, requireDocument } from "~/modules/rag/documents.server";
import { createKnowledgeBase, listKnowledgeBases } from "~/modules/rag/knowledge-bases.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/documents";

export const meta = () => [{ title: "Documents · Cairn" }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  return { workspaceId: membership.workspace.id, documents: listDocuments(membership), knowledgeBases: listKnowledgeBases(membership) };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("reprocess"), documentId: z.uuid() }),
  z.object({ intent: z.literal("delete"), documentId: z.uuid() }),
  z.object({ intent: z.literal("create-knowledge-base"), name: z.string().trim().min(1, "Name it").max(120) }),
]);

export async function action({ request, params }: Route.ActionArgs) {
  const membership = await requireWorkspacePage(request, params);
  return formAction(async () => {
    const form = await readFormData(request);
    const input = parseForm(form, intentSchema);
    switch (input.intent) {
      case "reprocess": {
        const document = reprocessDocument(requireDocument(membership, input.documentId));
        return { ok: true as const, message: `Processing “${document.title}” again.` };
      }
      case "delete": {
        const document = requireDocument(membership, input.documentId);
        deleteDocument(membership, document);
        return { ok: true as const, message: `Deleted “${document.title}”.` };
      }
      case "create-knowledge-base": {
        const documentIds = form.getAll("documentIds").map(String);
        const kb = createKnowledgeBase(membership, { name: input.name, documentIds });
        return { ok: true as const, message: `Knowledge base “${kb.name}” created.` };
      }
    }
  });
}

export default function Documents({ loaderData }: Route.ComponentProps) {
  const { workspaceId, documents, knowledgeBases } = loaderData;
  const revalidator = useRevalidator();
  const processing = documents.some((d) => d.status === "processing");

  // Live progress: while anything is processing, refresh every second.
  useEffect(() => {
    if (!processing) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [processing, revalidator]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Documents"
        description="Files and pages your answers can be grounded in. Choose them in a chat (or attach a knowledge base) and answers cite them."
      />
      <div className="grid gap-4 md:grid-cols-2">
        <UploadZone workspaceId={workspaceId} onUploaded={() => revalidator.revalidate()} />
        <AddByUrl workspaceId={workspaceId} onAdded={() => revalidator.revalidate()} />
      </div>
      <DocumentList workspaceId={workspaceId} documents={documents} />
      <KnowledgeBaseList workspaceId={workspaceId} knowledgeBases={knowledgeBases} documents={documents} />
    </div>
  );
}
