import { useEffect } from "react";
import { Link, useFetcher } from "react-router";
import { toast } from "sonner";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardList, EmptyState } from "~/components/ui/card";
import { ConfirmButton } from "~/components/ui/confirm-button";
import type { DocumentView } from "~/modules/rag/documents.server";
import type { action } from "../../routes/app/documents";

const STATUS: Record<DocumentView["status"], { label: string; tone: BadgeTone }> = {
  awaiting_upload: { label: "waiting for its file", tone: "neutral" },
  processing: { label: "processing", tone: "info" },
  ready: { label: "ready", tone: "success" },
  failed: { label: "failed", tone: "danger" },
};

const sizeFormat = (bytes: number | null) =>
  bytes == null ? "" : bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Every document with its state and progress; reprocess or delete one. */
export function DocumentList({ workspaceId, documents }: { workspaceId: string; documents: DocumentView[] }) {
  const fetcher = useFetcher<typeof action>();
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok) toast.success(fetcher.data.message);
    else toast.error(fetcher.data.error);
  }, [fetcher.state, fetcher.data]);
  if (documents.length === 0) return <EmptyState>No documents yet. Upload a file or add a page to begin.</EmptyState>;
  return (
    <Card title={`${documents.length} ${documents.length === 1 ? "document" : "documents"}`} flush>
      <CardList>
        {documents.map((d) => {
          const { chunksDone, chunksTotal } = d.progress;
          const percent = d.status === "ready" ? 100 : chunksTotal ? Math.floor((100 * chunksDone) / chunksTotal) : 0;
          return (
            <li key={d.id} className="flex flex-col gap-2 px-5 py-3 text-sm" data-testid="document-row">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link
                  to={`/w/${workspaceId}/documents/${d.id}`}
                  className="min-w-0 flex-1 basis-40 truncate font-medium text-brand-700 underline"
                >
                  {d.title}
                </Link>
                <span className="text-xs text-stone-500">
                  {[d.typeLabel, sizeFormat(d.sizeBytes), d.pageCount ? `${d.pageCount} pages` : null].filter(Boolean).join(" · ")}
                </span>
                <Badge tone={STATUS[d.status].tone} data-testid="document-status">
                  {STATUS[d.status].label}
                </Badge>
                <fetcher.Form method="post" className="flex gap-1">
                  <input type="hidden" name="documentId" value={d.id} />
                  {d.status !== "awaiting_upload" && (
                    <Button type="submit" name="intent" value="reprocess" variant="ghost" size="sm">
                      Reprocess
                    </Button>
                  )}
                  <ConfirmButton
                    name="intent"
                    value="delete"
                    size="sm"
                    triggerVariant="ghost"
                    triggerClassName="text-red-700"
                    aria-label={`Delete ${d.title}`}
                    title={`Delete “${d.title}”?`}
                    description="The original, its text and everything indexed from it go. Answers that cited it keep their text."
                    confirmLabel="Delete"
                  >
                    Delete
                  </ConfirmButton>
                </fetcher.Form>
              </div>
              {d.status === "processing" && (
                <div className="flex items-center gap-2">
                  <div
                    role="progressbar"
                    aria-label={`Processing ${d.title}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={percent}
                    className="h-2 flex-1 overflow-hidden rounded-full bg-stone-100"
                  >
                    <div className="h-full bg-brand-500 transition-[width]" style={{ width: `${percent}%` }} />
                  </div>
                  <span className="text-xs text-stone-500">{chunksTotal ? `${chunksDone} / ${chunksTotal} chunks` : "reading…"}</span>
                </div>
              )}
              {d.status === "failed" && d.error && <p className="text-xs text-red-700">{d.error}</p>}
            </li>
          );
        })}
      </CardList>
    </Card>
  );
}
