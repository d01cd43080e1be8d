// Forms a message shows on request: editing a question, a note with a rating.
import { useState } from "react";

export function FeedbackNote({
  rating,
  initial,
  onSend,
  onClose,
}: {
  rating: "up" | "down";
  initial: string;
  onSend: (note: string) => void;
  onClose: () => void;
}) {
  const [note, setNote] = useState(initial);
  return (
    <form
      className="flex max-w-xl flex-col gap-2 rounded-xl border border-stone-200 bg-stone-50 p-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onSend(note.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <label htmlFor="feedback-note" className="font-medium text-stone-700">
        {rating === "up" ? "Thanks! What was good about it?" : "Thanks. What was wrong with it?"}{" "}
        <span className="font-normal text-stone-500">(optional)</span>
      </label>
      <textarea
        id="feedback-note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
        maxLength={2000}
        autoFocus
        className="rounded-lg border border-stone-300 bg-white px-3 py-2"
      />
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onClose} className="rounded-lg px-3 py-1.5 text-stone-600 hover:bg-stone-200">
          Skip
        </button>
        <button type="submit" className="rounded-lg bg-stone-900 px-3 py-1.5 font-medium text-white hover:bg-stone-700">
          Send feedback
        </button>
      </div>
    </form>
  );
}

export function EditQuestion({ initial, onSave, onCancel }: { initial: string; onSave: (content: string) => void; onCancel: () => void }) {
  const [text, setText] = useState(initial);
  return (
    <form
      className="ml-auto flex w-full max-w-[85%] flex-col gap-2 rounded-3xl bg-stone-100 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) onSave(text.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <label htmlFor="edit-question" className="sr-only">
        Edit your question
      </label>
      <textarea
        id="edit-question"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={Math.min(10, Math.max(2, text.split("\n").length))}
        autoFocus
        className="w-full resize-none bg-transparent px-1 text-[0.9375rem] focus:outline-none"
      />
      <p className="px-1 text-xs text-stone-500">Asking again keeps the earlier version: switch between them with the arrows.</p>
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded-full px-3 py-1.5 text-sm hover:bg-stone-200">
          Cancel
        </button>
        <button type="submit" className="rounded-full bg-stone-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-stone-700">
          Save and ask again
        </button>
      </div>
    </form>
  );
}
