import { useRef, useState } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { cx } from "~/components/ui/cx";
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES, MAX_DOCUMENT_BYTES } from "~/modules/documents/limits";

const ACCEPT = ".pdf,.docx,.md,.markdown,.txt,.html,.htm,.csv,application/pdf,text/*";

type Upload = { name: string; state: "uploading" | "done" | "failed"; error?: string };

/** Drag and drop (or choose) several files; each one's upload is listed with how it went. */
export function UploadZone({ workspaceId, onUploaded }: { workspaceId: string; onUploaded: () => void }) {
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
    <Card title="Upload files" bodyClassName="flex flex-col gap-3">
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
        className={cx(
          "flex flex-col items-center gap-2 rounded-xl border-2 border-dashed px-4 py-6 text-center text-sm",
          dragging ? "border-brand-500 bg-brand-50" : "border-stone-300",
        )}
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
            <li key={`${u.name}-${i}`} className={cx("break-words", u.state === "failed" ? "text-red-700" : "text-stone-600")}>
              {u.name}: {u.state === "uploading" ? "uploading…" : u.state === "done" ? "uploaded" : "not uploaded"}
              {u.error && ` — ${u.error}`}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
