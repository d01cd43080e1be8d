// A chat with nothing in it yet: a greeting, a few ways to start and, for
// someone new, what documents and models are about.
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { CloseIcon } from "./icons";

const SUGGESTIONS = [
  { title: "Summarise a document", detail: "attach a PDF or Word file", prompt: "Summarise the attached document in five bullet points." },
  { title: "Explain a concept", detail: "in plain words", prompt: "Explain how public-key cryptography works, as if I were new to it." },
  { title: "Draft an email", detail: "polite and short", prompt: "Draft a short, friendly email asking to move our meeting to next week." },
  {
    title: "Write some code",
    detail: "with an explanation",
    prompt: "Write a TypeScript function that groups an array of objects by a key.",
  },
];

const HINT_KEY = "cairn:first-run-hint-dismissed";

export function EmptyState({
  firstRun,
  workspaceId,
  onSuggest,
}: {
  firstRun: boolean;
  workspaceId: string;
  onSuggest: (prompt: string) => void;
}) {
  const [hintDismissed, setHintDismissed] = useState(false);
  useEffect(() => setHintDismissed(localStorage.getItem(HINT_KEY) === "1"), []); // eslint-disable-line react-hooks/set-state-in-effect -- remembered in this browser
  return (
    <div className="flex flex-col items-center gap-6 px-2">
      <h2 className="text-center text-xl font-semibold tracking-tight text-stone-900 sm:text-3xl">What can I help with?</h2>
      {firstRun && !hintDismissed && (
        <aside
          aria-label="Getting started"
          className="relative w-full rounded-2xl border border-brand-100 bg-brand-50 px-5 py-4 text-sm text-stone-700"
        >
          <button
            type="button"
            aria-label="Dismiss the introduction"
            onClick={() => {
              localStorage.setItem(HINT_KEY, "1");
              setHintDismissed(true);
            }}
            className="absolute top-2 right-2 rounded-md p-1 text-stone-500 hover:bg-brand-100"
          >
            <CloseIcon />
          </button>
          <p className="pr-6 font-medium text-stone-900">Welcome to Cairn</p>
          <ul className="mt-2 flex list-disc flex-col gap-1 pl-5">
            <li>
              <strong>Models:</strong> pick one under the question box. Each shows its price in credits per 1,000 tokens; a lock means your
              plan does not include it.
            </li>
            <li>
              <strong>Your documents:</strong> attach files with the paperclip, or tick ready ones with the book button, and answers cite
              them. Everything you add is kept in{" "}
              <Link to={`/w/${workspaceId}/documents`} className="text-brand-700 underline">
                Documents
              </Link>{" "}
              for the whole workspace.
            </li>
            <li>
              <strong>Shortcuts:</strong> “/” inserts a saved prompt; Esc stops an answer; Ctrl + / lists the rest.
            </li>
          </ul>
        </aside>
      )}
      <ul className="grid w-full grid-cols-2 gap-2" aria-label="Suggestions">
        {SUGGESTIONS.map((s) => (
          <li key={s.title}>
            <button
              type="button"
              onClick={() => onSuggest(s.prompt)}
              className="h-full w-full rounded-2xl border border-stone-200 bg-white px-3 py-2.5 text-left text-sm hover:bg-stone-50 sm:px-4 sm:py-3"
            >
              <span className="block font-medium text-stone-800">{s.title}</span>
              <span className="block text-stone-500 max-sm:hidden">{s.detail}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
