// Uploading an attached file into the workspace's documents and following it
// until it is read (loaded with the first attachment; attachments.ts holds the state).
import type { Attachment } from "./attachments";

type DocumentStatus = {
  status: "awaiting_upload" | "processing" | "ready" | "failed";
  error: string | null;
  progress: { percent: number };
};

const POLL_MS = 1000;
const errorOf = async (response: Response) =>
  ((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? `The upload failed (${response.status}).`;

/** Uploads `file`, then reports its reading progress through `patch` until it is ready or failed. */
export async function uploadAndFollow(workspaceId: string, file: File, patch: (change: Partial<Attachment>) => void, alive: () => boolean) {
  try {
    const body = new FormData();
    body.append("file", file);
    const response = await fetch(`/api/workspaces/${workspaceId}/documents/upload`, { method: "POST", body });
    if (!response.ok) return patch({ status: "failed", error: await errorOf(response) });
    const { document } = (await response.json()) as { document: { id: string; status: DocumentStatus["status"] } };
    patch({ documentId: document.id, status: document.status === "ready" ? "ready" : "processing" });
    while (document.status !== "ready" && alive()) {
      const state = await fetch(`/api/workspaces/${workspaceId}/documents/${document.id}/processing-status`).catch(() => null);
      if (!state?.ok) return patch({ status: "failed", error: "Cairn could not tell whether the file was read." });
      const { status, error, progress } = (await state.json()) as DocumentStatus;
      if (status === "ready") return patch({ status: "ready", percent: 100 });
      if (status === "failed") return patch({ status: "failed", error: error ?? "Cairn could not read this file." });
      patch({ status: "processing", percent: progress.percent });
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } catch {
    patch({ status: "failed", error: "The upload did not reach Cairn." });
  }
}
