// The workspace's documents: upload (drag and drop, several at once) or add
// by URL, watch each one's progress, see why one failed, reprocess or delete;
// and the knowledge bases that group them.
import { useEffect, useRef, useState } from "react";
import { Form, Link, useActionData, useFetcher, useNavigation, useRevalidator } from "react-router";
import { toast } from "sonner";
import { z } from "zod";
import { Alert } from "~/components/ui/alert";
import { Button } from "~/components/ui/button";
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from "~/modules/documents/limits";
import { formAction, parseForm, readFormData } from "~/modules/http/form.server";
import { deleteDocument, listDocuments, reprocessDocument, requireDocument, type DocumentView } from "~/modules/rag/documents.server";
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
        deleteDocument(document);
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

const sizeFormat = (bytes: number | null) =>
  bytes == null ? "" : bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const ACCEPT = ".pdf,.docx,.md,.markdown,.txt,.html,.htm,.csv,application/pdf,text/*";

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
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Documents</h1>
        <p className="mt-1 text-sm text-stone-600">
          Files and pages your answers can be grounded in. Choose them in a chat (or attach a knowledge base) and answers cite them.
        </p>
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <UploadZone workspaceId={workspaceId} onUploaded={() => revalidator.revalidate()} />
        <AddByUrl workspaceId={workspaceId} onAdded={() => revalidator.revalidate()} />
      </div>
      <DocumentList workspaceId={workspaceId} documents={documents} />
      <KnowledgeBases workspaceId={workspaceId} knowledgeBases={knowledgeBases} documents={documents} />
    </div>
  );
}

type Upload = { name: string; state: "uploading" | "done" | "failed"; error?: string };

function UploadZone({ workspaceId, onUploaded }: { workspaceId: string; onUploaded: () => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  async function send(files: File[]) {
    setUploads((current) => [...files.map((f) => ({ name: f.name, state: "uploading" as const })), ...current].slice(0, 20));
    await Promise.all(
      files.map(async (file) => {
        const finish = (change: Partial<Upload>) =>
          setUploads((current) => current.map((u) => (u.name === file.name && u.state === "uploading" ? { ...u, ...change } : u)));
        if (file.size > MAX_DOCUMENT_BYTES) return finish({ state: "failed", error: `Larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` });
        const body = new FormData();
        body.append("file", file);
        try {
          const res = await fetch(`/api/workspaces/${workspaceId}/documents/upload`, { method: "POST", body });
          const payload = (await res.json()) as { error?: string; duplicate?: boolean };
          if (!res.ok) return finish({ state: "failed", error: payload.error ?? `Upload failed (${res.status})` });
          finish({ state: "done", error: payload.duplicate ? "Already here: the same file was uploaded before" : undefined });
        } catch {
          finish({ state: "failed", error: "The connection broke during the upload" });
        }
      }),
    );
    onUploaded();
  }

  return (
    <section aria-labelledby="upload-heading" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-5">
      <h2 id="upload-heading" className="font-semibold">
        Upload files
      </h2>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void send([...e.dataTransfer.files]);
        }}
        className={`flex flex-col items-center gap-2 rounded-xl border-2 border-dashed px-4 py-6 text-center text-sm ${dragging ? "border-brand-500 bg-brand-50" : "border-stone-300"}`}
      >
        <p>Drop files here, or</p>
        <Button type="button" variant="secondary" onClick={() => input.current?.click()}>
          Choose files…
        </Button>
        <label htmlFor="document-files" className="sr-only">
          Files to upload
        </label>
        <input
          ref={input}
          id="document-files"
          type="file"
          multiple
          accept={ACCEPT}
          className="sr-only"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = "";
            if (files.length) void send(files);
          }}
        />
        <p className="text-xs text-stone-500">
          {DOCUMENT_TYPES.map((t) => DOCUMENT_TYPE_LABELS[t]).join(", ")} · up to {MAX_DOCUMENT_BYTES / 1024 / 1024} MB each
        </p>
      </div>
      {uploads.length > 0 && (
        <ul className="flex flex-col gap-1 text-xs" aria-live="polite">
          {uploads.map((u, i) => (
            <li key={`${u.name}-${i}`} className={u.state === "failed" ? "text-red-700" : "text-stone-600"}>
              {u.name}: {u.state === "uploading" ? "uploading…" : u.state === "done" ? "uploaded" : "not uploaded"}
              {u.error && ` — ${u.error}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AddByUrl({ workspaceId, onAdded }: { workspaceId: string; onAdded: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="url-heading" className="flex flex-col gap-3 rounded-2xl border border-stone-200 bg-white p-5">
      <h2 id="url-heading" className="font-semibold">
        Add a web page or file by URL
      </h2>
      <form
        className="flex flex-col gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const url = new FormData(form).get("url");
          setBusy(true);
          setError(null);
          try {
            const res = await fetch(`/api/workspaces/${workspaceId}/documents/from-url`, {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ url }),
            });
            const payload = (await res.json()) as { error?: string };
            if (!res.ok) return setError(payload.error ?? `Could not add it (${res.status})`);
            form.reset();
            toast.success("Page added; it is being processed.");
            onAdded();
          } finally {
            setBusy(false);
          }
        }}
      >
        <label htmlFor="document-url" className="text-sm font-medium">
          Address
        </label>
        <input
          id="document-url"
          name="url"
          type="url"
          required
          placeholder="https://example.com/article"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "document-url-error" : undefined}
          className="rounded-lg border border-stone-300 px-3 py-2 text-sm"
        />
        {error && (
          <p id="document-url-error" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <Button type="submit" disabled={busy} className="self-start">
          {busy ? "Fetching…" : "Add page"}
        </Button>
      </form>
    </section>
  );
}

const STATUS_STYLES: Record<DocumentView["status"], string> = {
  awaiting_upload: "bg-stone-100 text-stone-700",
  processing: "bg-sky-100 text-sky-800",
  ready: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
};
const STATUS_LABELS: Record<DocumentView["status"], string> = {
  awaiting_upload: "waiting for its file",
  processing: "processing",
  ready: "ready",
  failed: "failed",
};

function DocumentList({ workspaceId, documents }: { workspaceId: string; documents: DocumentView[] }) {
  const fetcher = useFetcher<typeof action>();
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.ok) toast.success(fetcher.data.message);
    else toast.error(fetcher.data.error);
  }, [fetcher.state, fetcher.data]);
  if (documents.length === 0)
    return <p className="rounded-2xl border border-dashed border-stone-300 p-6 text-center text-sm text-stone-500">No documents yet.</p>;
  return (
    <section aria-labelledby="list-heading" className="rounded-2xl border border-stone-200 bg-white">
      <h2 id="list-heading" className="border-b border-stone-200 px-5 py-3 text-sm font-semibold">
        {documents.length} {documents.length === 1 ? "document" : "documents"}
      </h2>
      <ul className="divide-y divide-stone-100">
        {documents.map((d) => {
          const { chunksDone, chunksTotal } = d.progress;
          const percent = d.status === "ready" ? 100 : chunksTotal ? Math.floor((100 * chunksDone) / chunksTotal) : 0;
          return (
            <li key={d.id} className="flex flex-col gap-2 px-5 py-3 text-sm" data-testid="document-row">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Link to={`/w/${workspaceId}/documents/${d.id}`} className="min-w-0 flex-1 truncate font-medium text-brand-700 underline">
                  {d.title}
                </Link>
                <span className="text-xs text-stone-500">
                  {[d.typeLabel, sizeFormat(d.sizeBytes), d.pageCount ? `${d.pageCount} pages` : null].filter(Boolean).join(" · ")}
                </span>
                <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${STATUS_STYLES[d.status]}`} data-testid="document-status">
                  {STATUS_LABELS[d.status]}
                </span>
                <fetcher.Form method="post" className="flex gap-1">
                  <input type="hidden" name="documentId" value={d.id} />
                  {d.status !== "awaiting_upload" && (
                    <Button type="submit" name="intent" value="reprocess" variant="ghost" className="px-2 py-1 text-xs">
                      Reprocess
                    </Button>
                  )}
                  <Button
                    type="submit"
                    name="intent"
                    value="delete"
                    variant="ghost"
                    className="px-2 py-1 text-xs text-red-700"
                    onClick={(e) => {
                      if (!confirm(`Delete “${d.title}” and everything indexed from it?`)) e.preventDefault();
                    }}
                  >
                    Delete
                  </Button>
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
      </ul>
    </section>
  );
}

function KnowledgeBases({
  workspaceId,
  knowledgeBases,
  documents,
}: {
  workspaceId: string;
  knowledgeBases: Route.ComponentProps["loaderData"]["knowledgeBases"];
  documents: DocumentView[];
}) {
  const navigation = useNavigation();
  const creating = navigation.formData?.get("intent") === "create-knowledge-base";
  const result = useActionData<typeof action>();
  useEffect(() => {
    if (result?.ok) toast.success(result.message);
    else if (result) toast.error(result.error);
  }, [result]);
  return (
    <section aria-labelledby="kb-heading" className="flex flex-col gap-4 rounded-2xl border border-stone-200 bg-white p-5">
      <div>
        <h2 id="kb-heading" className="font-semibold">
          Knowledge bases
        </h2>
        <p className="mt-1 text-sm text-stone-600">Named sets of documents. Attach one to a chat and every answer there draws on it.</p>
      </div>
      {knowledgeBases.length > 0 ? (
        <ul className="flex flex-col gap-1 text-sm">
          {knowledgeBases.map((kb) => (
            <li key={kb.id}>
              <Link to={`/w/${workspaceId}/knowledge-bases/${kb.id}`} className="font-medium text-brand-700 underline">
                {kb.name}
              </Link>{" "}
              <span className="text-xs text-stone-500">
                {kb.documentCount} {kb.documentCount === 1 ? "document" : "documents"}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <Alert tone="info">No knowledge bases yet.</Alert>
      )}
      <Form method="post" className="flex flex-col gap-3 border-t border-stone-100 pt-4">
        <input type="hidden" name="intent" value="create-knowledge-base" />
        <label htmlFor="kb-name" className="text-sm font-medium">
          New knowledge base
        </label>
        <input
          id="kb-name"
          name="name"
          required
          maxLength={120}
          placeholder="e.g. Trail guides"
          className="rounded-lg border border-stone-300 px-3 py-2 text-sm"
        />
        {documents.length > 0 && (
          <fieldset className="flex flex-col gap-1 text-sm">
            <legend className="mb-1 text-sm font-medium">With these documents</legend>
            {documents.map((d) => (
              <label key={d.id} className="flex items-center gap-2">
                <input type="checkbox" name="documentIds" value={d.id} /> {d.title}
              </label>
            ))}
          </fieldset>
        )}
        <Button type="submit" disabled={creating} className="self-start">
          Create knowledge base
        </Button>
      </Form>
    </section>
  );
}
