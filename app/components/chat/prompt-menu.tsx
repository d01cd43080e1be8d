// The "/" menu: typing "/" at the start of the composer lists the
// workspace's saved prompts (filtered by what follows); Enter or a click
// puts the chosen one in the composer (composer.tsx handles the keys).
import { useId } from "react";
import type { PromptView } from "~/modules/chat/prompts.server";

export default function PromptMenu({
  prompts,
  active,
  onChoose,
  onManage,
  listId,
}: {
  prompts: PromptView[];
  active: number;
  onChoose: (prompt: PromptView) => void;
  onManage: () => void;
  listId: string;
}) {
  const headingId = useId();
  return (
    <div className="absolute inset-x-0 bottom-full z-30 mb-2 overflow-hidden rounded-2xl border border-stone-200 bg-white shadow-lg">
      <p id={headingId} className="px-4 pt-3 pb-1 text-xs font-semibold uppercase tracking-wide text-stone-500">
        Saved prompts
      </p>
      <ul id={listId} role="listbox" aria-labelledby={headingId} className="max-h-64 overflow-y-auto px-1 pb-1">
        {prompts.length === 0 && (
          <li className="px-3 py-2 text-sm text-stone-500">No saved prompt matches. Save one with “Manage prompts”.</li>
        )}
        {prompts.map((p, i) => (
          <li
            key={p.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, so the composer keeps its focus
            onMouseDown={(e) => {
              e.preventDefault();
              onChoose(p);
            }}
            className={`cursor-pointer rounded-xl px-3 py-2 ${i === active ? "bg-stone-100" : "hover:bg-stone-50"}`}
          >
            <span className="block text-sm font-medium">/{p.title}</span>
            <span className="block truncate text-xs text-stone-500">{p.content}</span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        onMouseDown={(e) => {
          e.preventDefault();
          onManage();
        }}
        className="w-full border-t border-stone-100 px-4 py-2 text-left text-sm text-brand-700 hover:bg-stone-50"
      >
        Manage prompts…
      </button>
    </div>
  );
}
