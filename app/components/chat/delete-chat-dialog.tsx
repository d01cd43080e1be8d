// Asking before a chat is deleted (from the chat list or the chat's menu).
import { useEffect } from "react";
import { useFetcher } from "react-router";
import { useActionToast } from "./action-toast";
import { Modal } from "./modal";

export default function DeleteChatDialog({
  title,
  action,
  stay,
  onClose,
}: {
  title: string;
  action?: string;
  stay: boolean;
  onClose: () => void;
}) {
  const fetcher = useFetcher();
  useActionToast(fetcher);
  // Open until the server answered: deleting the open chat redirects, which needs this form still there.
  const deleted = fetcher.state === "idle" && (fetcher.data as { ok?: boolean } | undefined)?.ok === true;
  useEffect(() => {
    if (deleted) onClose();
  }, [deleted, onClose]);
  return (
    <Modal open onClose={onClose} title="Delete chat?">
      <p className="text-sm text-stone-700">
        “{title}” and all its messages will be deleted. Its public link, if any, stops working. This cannot be undone.
      </p>
      <fetcher.Form method="post" action={action} className="mt-5 flex justify-end gap-2">
        <input type="hidden" name="intent" value="delete" />
        {stay && <input type="hidden" name="stay" value="true" />}
        <button type="button" onClick={onClose} className="rounded-lg px-4 py-2 text-sm hover:bg-stone-100">
          Cancel
        </button>
        <button
          type="submit"
          disabled={fetcher.state !== "idle"}
          className="rounded-lg bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:opacity-60"
        >
          Delete
        </button>
      </fetcher.Form>
    </Modal>
  );
}
