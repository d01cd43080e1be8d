// A button that opens a panel (menus, pickers, small forms). The panel closes
// on Escape (focus returns to the button), on a click outside it, and when
// its owner says so (after sending, after choosing). On a phone it can open
// as a sheet from the bottom of the screen.
import { useCallback, useEffect, useId, useRef, useState } from "react";

export type PopoverControl = { open: boolean; setOpen: (open: boolean) => void };

/** An open/closed state for a Popover its owner can also close (e.g. after sending). */
export function usePopover(): PopoverControl {
  const [open, setOpen] = useState(false);
  return { open, setOpen };
}

/** Escape and clicks outside `inside` call `onDismiss` while `active`. Escape is marked handled for later listeners. */
export function useDismiss(
  active: boolean,
  inside: React.RefObject<HTMLElement | null>[],
  onDismiss: (reason: "escape" | "outside") => void,
) {
  const dismiss = useRef(onDismiss);
  useEffect(() => {
    dismiss.current = onDismiss;
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      dismiss.current("escape");
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (inside.some((ref) => ref.current?.contains(target))) return;
      dismiss.current("outside");
    };
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("pointerdown", onPointer, true);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("pointerdown", onPointer, true);
    };
  }, [active]); // eslint-disable-line react-hooks/exhaustive-deps -- the refs are stable
}

const PLACEMENTS = {
  "up-start": "bottom-full left-0 mb-2",
  "up-end": "bottom-full right-0 mb-2",
  "down-start": "top-full left-0 mt-2",
  "down-end": "top-full right-0 mt-2",
} as const;

export function Popover({
  control,
  trigger,
  triggerLabel,
  triggerClassName = "",
  panelClassName = "",
  panelLabel,
  placement = "down-end",
  sheetOnPhone = false,
  children,
}: {
  control?: PopoverControl;
  trigger: React.ReactNode;
  /** The button's accessible name when its content is an icon. */
  triggerLabel?: string;
  triggerClassName?: string;
  panelClassName?: string;
  /** Names the panel (a dialog) for assistive technology. */
  panelLabel: string;
  placement?: keyof typeof PLACEMENTS;
  sheetOnPhone?: boolean;
  children: React.ReactNode | ((close: () => void) => React.ReactNode);
}) {
  const own = usePopover();
  const { open, setOpen } = control ?? own;
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const close = useCallback(() => setOpen(false), [setOpen]);

  useDismiss(open, [triggerRef, panelRef], (reason) => {
    setOpen(false);
    if (reason === "escape") triggerRef.current?.focus();
  });

  // Opening moves focus into the panel: its marked field, else its first control.
  useEffect(() => {
    if (!open) return;
    const panel = panelRef.current;
    const target =
      panel?.querySelector<HTMLElement>("[data-autofocus]") ??
      panel?.querySelector<HTMLElement>("input, textarea, select, button, [href], [tabindex]:not([tabindex='-1'])");
    target?.focus();
  }, [open]);

  const sheet = sheetOnPhone
    ? "max-sm:fixed max-sm:inset-x-0 max-sm:bottom-0 max-sm:top-auto max-sm:left-0 max-sm:right-0 max-sm:m-0 max-sm:max-h-[75dvh] max-sm:w-full max-sm:max-w-none max-sm:rounded-b-none max-sm:rounded-t-2xl"
    : "";
  return (
    <div className="relative">
      <button
        ref={triggerRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={triggerLabel}
        onClick={() => setOpen(!open)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {open && sheetOnPhone && <div aria-hidden className="fixed inset-0 z-30 bg-black/30 sm:hidden" />}
      {open && (
        <div
          ref={panelRef}
          id={panelId}
          role="dialog"
          aria-label={panelLabel}
          data-popover
          className={`absolute z-40 rounded-xl border border-stone-200 bg-white shadow-lg ${PLACEMENTS[placement]} ${sheet} ${panelClassName}`}
        >
          {typeof children === "function" ? children(close) : children}
        </div>
      )}
    </div>
  );
}
