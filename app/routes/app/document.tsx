// One document: its state, a signed download link, and its chunks as they are
// searched and cited. A citation links to /…/documents/:id#chunk-<id>, which
// scrolls to and highlights that chunk.
import { useEffect } from "react";
import { useLocation, useRevalidator } from "react-router";
import { Alert } from "~/components/ui/alert";
import { buttonClass } from "~/components/ui/button";
import { surface } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
import { documentContent, listDocumentChunks, toDocumentView } from "~/modules/rag/documents.server";
import { requireDocumentPage } from "~/modules/rag/guard.server";
import { signedDocumentUrl } from "~/modules/rag/signed-urls.server";
import { requireWorkspacePage } from "~/modules/workspaces/guard.server";
import type { Route } from "./+types/document";

export const meta = ({ loaderData }: Route.MetaArgs) => [{ title: `${loaderData?.document.title ?? "Document"} · Cairn` }];

export async function loader({ request, params }: Route.LoaderArgs) {
  const membership = await requireWorkspacePage(request, params);
  const document = requireDocumentPage(membership, params.documentId);
  return {
    workspaceId: membership.workspace.id,
    document: toDocumentView(document),
    downloadUrl: document.status === "awaiting_upload" ? null : signedDocumentUrl(document.id, "download").url,
    chunks: listDocumentChunks(document, { limit: 2000, offset: 0 }),
    textLength: documentContent(document).text?.length ?? 0,
  };
}

export default function DocumentPage({ loaderData }: Route.ComponentProps) {
  const { workspaceId, document, downloadUrl, chunks } = loaderData;
  const { hash } = useLocation();
  const revalidator = useRevalidator();

  useEffect(() => {
    if (document.status !== "processing") return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [document.status, revalidator]);

  // Land on the cited chunk once it is rendered.
  useEffect(() => {
    if (hash.startsWith("#chunk-")) window.document.getElementById(hash.slice(1))?.scrollIntoView({ block: "center" });
  }, [hash, chunks.chunks.length]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        back={{ to: `/w/${workspaceId}/documents`, label: "Documents" }}
        title={document.title}
        description={[
          document.filename,
          document.typeLabel,
          document.pageCount ? `${document.pageCount} pages` : null,
          `${chunks.total} chunks`,
        ]
          .filter(Boolean)
          .join(" · ")}
        actions={
          downloadUrl && (
            <a href={downloadUrl} className={buttonClass("secondary")}>
              Download the original
            </a>
          )
        }
      />
      {document.sourceUrl && (
        <p className="-mt-3 truncate text-sm text-stone-600">
          From{" "}
          <a href={document.sourceUrl} className="text-brand-700 underline" rel="noopener noreferrer nofollow" target="_blank">
            {document.sourceUrl}
          </a>
        </p>
      )}
      {document.status === "processing" && (
        <Alert tone="info">
          Processing: {document.progress.chunksDone} of {document.progress.chunksTotal || "?"} chunks stored.
        </Alert>
      )}
      {document.status === "failed" && <Alert tone="error">Processing failed: {document.error}</Alert>}
      <section aria-labelledby="chunks-heading" className="flex flex-col gap-3">
        <h2 id="chunks-heading" className="font-semibold">
          Chunks
        </h2>
        <ol className="flex flex-col gap-3">
          {chunks.chunks.map((c) => (
            <li
              key={c.id}
              id={`chunk-${c.id}`}
              className={`${surface} scroll-mt-32 p-4 text-sm break-words target:border-brand-500 target:ring-2 target:ring-brand-100`}
              data-testid="chunk"
            >
              <p className="mb-2 text-xs text-stone-500">
                #{c.ordinal + 1}
                {c.page ? ` · page ${c.page}` : ""}
                {c.headingPath.length ? ` · ${c.headingPath.join(" › ")}` : ""}
              </p>
              <p className="whitespace-pre-wrap">{c.text}</p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
