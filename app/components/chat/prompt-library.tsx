// The workspace's saved prompts: add, change and delete them. In the
// composer, "/" followed by a few letters of a prompt's name inserts it.
import { useEffect, useState } from "react";
import { useFetcher } from "react-router";
import type { PromptView } from "~/modules/chat/prompts.server";
import { useActionToast } from "./action-toast";
import { Modal } from "./modal";

export default function PromptLibrary({
  prompts,
  workspaceId,
  onClose,
}: {
  prompts: PromptView[];
  workspaceId: string;
  onClose: () => void;
}) {
  const [editing, setEditing] = useState<PromptView | "new" | null>(prompts.length === 0 ? "new" : null);
  return (
    <Modal
      open
      onClose={onClose}
      title="Saved prompts"
      description="Shared by everyone in this workspace. Type “/” in the composer to use one."
      wide
    >
      {editing ? (
        <PromptForm workspaceId={workspaceId} prompt={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <div className="flex flex-col gap-3">
          <ul className="flex flex-col divide-y divide-stone-100 rounded-xl border border-stone-200" aria-label="Prompts">
            {prompts.map((p) => (
              <PromptRow key={p.id} prompt={p} workspaceId={workspaceId} onEdit={() => setEditing(p)} />
            ))}
          </ul>
          <button
            type="button"
            onClick={() => setEditing("new")}
            className="self-start rounded-lg bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700"
          >
            New prompt
          </button>
        </div>
      )}
    </Modal>
  );
}

function PromptRow({ prompt, workspaceId, onEdit }: { prompt: PromptView; workspaceId: string; onEdit: () => void }) {
  const fetcher = useFetcher();
  useActionToast(fetcher);
  return (
    <li className="flex items-start gap-3 px-4 py-3 text-sm">
      <div className="min-w-0 flex-1">
        <p className="font-medium">/{prompt.title}</p>
        <p className="line-clamp-2 text-stone-600">{prompt.content}</p>
      </div>
      <button
        type="button"
        onClick={onEdit}
        className="rounded-lg px-2 py-1 text-stone-700 hover:bg-stone-100"
        aria-label={`Edit ${prompt.title}`}
      >
        Edit
      </button>
      <fetcher.Form method="post" action={`/w/${workspaceId}/chats`}>
        <input type="hidden" name="intent" value="prompt-delete" />
        <input type="hidden" name="promptId" value={prompt.id} />
        <button type="submit" className="rounded-lg px-2 py-1 text-red-700 hover:bg-red-50" aria-label={`Delete ${prompt.title}`}>
          Delete
        </button>
      </fetcher.Form>
    </li>
  );
}

function PromptForm({ workspaceId, prompt, onDone }: { workspaceId: string; prompt: PromptView | null; onDone: () => void }) {
  const fetcher = useFetcher();
  useActionToast(fetcher);
  const failure = fetcher.data && !fetcher.data.ok ? (fetcher.data as { fieldErrors: Record<string, string> }) : null;
  const saved = fetcher.state === "idle" && fetcher.data?.ok === true;
  useEffect(() => {
    if (saved) onDone();
  }, [saved, onDone]);
  return (
    <fetcher.Form method="post" action={`/w/${workspaceId}/chats`} className="flex flex-col gap-4 text-sm">
      <input type="hidden" name="intent" value="prompt-save" />
      {prompt && <input type="hidden" name="promptId" value={prompt.id} />}
      <div className="flex flex-col gap-1.5">
        <label htmlFor="prompt-title" className="font-medium">
          Name
        </label>
        <input
          id="prompt-title"
          name="title"
          defaultValue={prompt?.title}
          required
          maxLength={80}
          placeholder="summarise"
          className="rounded-lg border border-stone-300 px-3 py-2"
        />
        {failure?.fieldErrors.title && <p className="text-xs text-red-700">{failure.fieldErrors.title}</p>}
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="prompt-content" className="font-medium">
          Prompt
        </label>
        <textarea
          id="prompt-content"
          name="content"
          defaultValue={prompt?.content}
          required
          rows={6}
          maxLength={20_000}
          placeholder="Summarise the following in three bullet points:"
          className="rounded-lg border border-stone-300 px-3 py-2"
        />
        {failure?.fieldErrors.content && <p className="text-xs text-red-700">{failure.fieldErrors.content}</p>}
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onDone} className="rounded-lg px-4 py-2 hover:bg-stone-100">
          Cancel
        </button>
        <button type="submit" className="rounded-lg bg-stone-900 px-4 py-2 font-medium text-white hover:bg-stone-700">
          Save prompt
        </button>
      </div>
    </fetcher.Form>
  );
}
