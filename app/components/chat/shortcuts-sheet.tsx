// The sheet listing the chat screen's keyboard shortcuts (use-shortcuts.ts).
import { useEffect, useState } from "react";
import { Modal } from "./modal";
import { isApple } from "./use-shortcuts";

const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["Mod", "Shift", "O"], what: "New chat" },
  { keys: ["Shift", "Esc"], what: "Focus the question box" },
  { keys: ["Esc"], what: "Stop the answer" },
  { keys: ["/"], what: "Saved prompts (at the start of the question box)" },
  { keys: ["Enter"], what: "Send" },
  { keys: ["Shift", "Enter"], what: "New line" },
  { keys: ["Mod", "Shift", "C"], what: "Copy the last answer" },
  { keys: ["Mod", "Shift", "S"], what: "Show or hide the chat list" },
  { keys: ["Mod", "/"], what: "These shortcuts" },
];

export default function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  const [mod, setMod] = useState("Ctrl");
  useEffect(() => setMod(isApple() ? "⌘" : "Ctrl"), []); // eslint-disable-line react-hooks/set-state-in-effect -- the reader's platform
  return (
    <Modal open onClose={onClose} title="Keyboard shortcuts">
      <dl className="flex flex-col divide-y divide-stone-100 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.what} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-stone-700">{s.what}</dt>
            <dd className="flex shrink-0 gap-1">
              {s.keys.map((k) => (
                <kbd
                  key={k}
                  className="min-w-7 rounded-md border border-stone-300 bg-stone-50 px-1.5 py-0.5 text-center font-sans text-xs text-stone-700"
                >
                  {k === "Mod" ? mod : k}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}
