// Files attached from the composer: each is uploaded into the workspace's
// documents (so it can be found again there), read like any other document,
// and grounds the question it was attached to once it is ready.
import { useCallback, useEffect, useRef, useState } from "react";

export type Attachment = {
  key: string;
  filename: string;
  documentId?: string;
  status: "uploading" | "processing" | "ready" | "failed";
  percent: number;
  error?: string;
};

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

  const add = useCallback(
    (files: FileList | File[]) => {
      for (const file of files) {
        const key = crypto.randomUUID();
        setAttachments((list) => [...list, { key, filename: file.name, status: "uploading", percent: 0 }]);
        // The upload code is fetched with the first file attached.
        void import("./attachment-upload")
          .then(({ uploadAndFollow }) =>
            uploadAndFollow(
              workspaceId,
              file,
              (change) => patch(key, change),
              () => alive.current,
            ),
          )
          .catch(() => patch(key, { status: "failed", error: "The upload could not start. Check your connection and try again." }));
      }
    },
    [workspaceId, patch],
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
