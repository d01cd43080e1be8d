// Keyboard shortcuts of the chat screen (shortcuts-sheet.tsx lists them).
import { useEffect, useRef } from "react";

export type ShortcutHandlers = {
  newChat: () => void;
  focusComposer: () => void;
  stop: () => boolean;
  toggleSidebar: () => void;
  copyLastAnswer: () => void;
  showHelp: () => void;
};

/** Ctrl on most systems, ⌘ on Apple's. */
export const isApple = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function useShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const h = latest.current;
      const mod = isApple() ? event.metaKey : event.ctrlKey;
      const key = event.key.toLowerCase();
      let handled = true;
      if (mod && event.shiftKey && key === "o") h.newChat();
      else if (mod && event.shiftKey && key === "s") h.toggleSidebar();
      else if (mod && event.shiftKey && key === "c") h.copyLastAnswer();
      else if (mod && (key === "/" || event.code === "Slash")) h.showHelp();
      else if (event.shiftKey && key === "escape") h.focusComposer();
      // Escape stops an answer, unless something open (a menu, a dialog, an editor) took it first.
      else if (key === "escape" && !event.defaultPrevented && !document.querySelector("dialog[open]")) handled = h.stop();
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
