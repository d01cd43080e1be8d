// Files attached from the composer: each is uploaded into the workspace's
// documents (so it can be found again there), read like any other document,
// and grounds the question it was attached to once it is ready.
import { useCallback, useEffect, useRef, useState } from "react";
import { CloseIcon, FileIcon } from "./icons";

export type Attachment = {
  key: string;
  filename: string;
  documentId?: string;
  status: "uploading" | "processing" | "ready" | "failed";
  percent: number;
  error?: string;
};

type DocumentStatus = {
  status: "awaiting_upload" | "processing" | "ready" | "failed";
  error: string | null;
  progress: { percent: number };
};

const POLL_MS = 1000;
const errorOf = async (response: Response) =>
  ((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? `The upload failed (${response.status}).`;

export function useAttachments(workspaceId: string) {
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const patch = useCallback((key: string, change: Partial<Attachment>) => {
    if (alive.current) setAttachments((list) => list.map((a) => (a.key === key ? { ...a, ...change } : a)));
  }, []);

  const follow = useCallback(
    async (key: string, documentId: string) => {
      while (alive.current) {
        const response = await fetch(`/api/workspaces/${workspaceId}/documents/${documentId}/processing-status`).catch(() => null);
        if (!response?.ok) return patch(key, { status: "failed", error: "Cairn could not tell whether the file was read." });
        const state = (await response.json()) as DocumentStatus;
        if (state.status === "ready") return patch(key, { status: "ready", percent: 100 });
        if (state.status === "failed") return patch(key, { status: "failed", error: state.error ?? "Cairn could not read this file." });
        patch(key, { status: "processing", percent: state.progress.percent });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    },
    [workspaceId, patch],
  );

  const add = useCallback(
    (files: FileList | File[]) => {
      for (const file of files) {
        const key = crypto.randomUUID();
        setAttachments((list) => [...list, { key, filename: file.name, status: "uploading", percent: 0 }]);
        const body = new FormData();
        body.append("file", file);
        void fetch(`/api/workspaces/${workspaceId}/documents/upload`, { method: "POST", body })
          .then(async (response) => {
            if (!response.ok) return patch(key, { status: "failed", error: await errorOf(response) });
            const { document } = (await response.json()) as { document: { id: string; status: DocumentStatus["status"] } };
            patch(key, { documentId: document.id, status: document.status === "ready" ? "ready" : "processing" });
            if (document.status !== "ready") await follow(key, document.id);
          })
          .catch(() => patch(key, { status: "failed", error: "The upload did not reach Cairn." }));
      }
    },
    [workspaceId, patch, follow],
  );

  return {
    attachments,
    add,
    remove: useCallback((key: string) => setAttachments((list) => list.filter((a) => a.key !== key)), []),
    clear: useCallback(() => setAttachments([]), []),
    pending: attachments.some((a) => a.status === "uploading" || a.status === "processing"),
    readyIds: attachments.flatMap((a) => (a.status === "ready" && a.documentId ? [a.documentId] : [])),
  };
}

export function AttachmentChips({ attachments, onRemove }: { attachments: Attachment[]; onRemove: (key: string) => void }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2 px-1 pt-1" aria-label="Attached files">
      {attachments.map((a) => (
        <li
          key={a.key}
          className={`flex max-w-full items-center gap-2 rounded-xl border px-2.5 py-1.5 text-xs ${a.status === "failed" ? "border-red-200 bg-red-50 text-red-800" : "border-stone-200 bg-stone-50 text-stone-700"}`}
          data-testid="attachment"
          data-status={a.status}
        >
          <FileIcon className="h-4 w-4 text-stone-500" />
          <span className="min-w-0">
            <span className="block max-w-[14rem] truncate font-medium">{a.filename}</span>
            <span className="block" role={a.status === "failed" ? "alert" : undefined}>
              {a.status === "uploading"
                ? "Uploading…"
                : a.status === "processing"
                  ? `Reading… ${a.percent}%`
                  : a.status === "ready"
                    ? "Ready — used for this question"
                    : a.error}
            </span>
          </span>
          <button
            type="button"
            onClick={() => onRemove(a.key)}
            aria-label={`Remove ${a.filename}`}
            className="rounded p-0.5 hover:bg-stone-200"
          >
            <CloseIcon className="h-3.5 w-3.5" />
          </button>
        </li>
      ))}
    </ul>
  );
}
