// The files attached to the question being written, with how far each has been read.
import { CloseIcon, FileIcon } from "./icons";
import type { Attachment } from "./attachments";

export default function AttachmentChips({ attachments, onRemove }: { attachments: Attachment[]; onRemove: (key: string) => void }) {
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
