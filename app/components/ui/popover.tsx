// A button that opens a panel below or above it: menus, pickers, small forms.
// The panel closes on Escape (focus returns to the button), on a click
// outside it, when focus leaves it (unless its owner turns that off), when the
// page changes, and when its owner says so (after sending, after choosing). On a phone it can open as a sheet from the bottom
// of the screen.
import { useEffect, useId, useRef, useState } from "react";
import { useLocation } from "react-router";
import { cx } from "./cx";

export type PopoverControl = { open: boolean; setOpen: (open: boolean) => void };

/** An open/closed state for a Popover its owner can also close (e.g. after sending). */
export function usePopover(): PopoverControl {
  const { key: page } = useLocation();
  // Open "on this page": navigating anywhere closes it, without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  return { open: openOn === page, setOpen: (open) => setOpenOn(open ? page : null) };
}

/**
 * Escape and clicks outside `inside` (and focus moving outside, with `focusOutside`) call
 * `onDismiss` while `active`. Escape is marked handled for later listeners.
 */
export function useDismiss(
  active: boolean,
  inside: React.RefObject<HTMLElement | null>[],
  onDismiss: (reason: "escape" | "outside") => void,
  { focusOutside = false } = {},
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
    const onOutside = (event: Event) => {
      const target = event.target as Node;
      if (inside.some((ref) => ref.current?.contains(target))) return;
      dismiss.current("outside");
    };
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("pointerdown", onOutside, true);
    if (focusOutside) document.addEventListener("focusin", onOutside, true);
    return () => {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("pointerdown", onOutside, true);
      document.removeEventListener("focusin", onOutside, true);
    };
  }, [active, focusOutside]); // eslint-disable-line react-hooks/exhaustive-deps -- the refs are stable
}

const PLACEMENTS = {
  "up-start": "bottom-full left-0 mb-2",
  "up-end": "bottom-full right-0 mb-2",
  "down-start": "top-full left-0 mt-2",
  "down-end": "top-full right-0 mt-2",
} as const;

const SHEET_ON_PHONE =
  "max-sm:fixed max-sm:inset-x-0 max-sm:bottom-0 max-sm:top-auto max-sm:m-0 max-sm:max-h-[75dvh] max-sm:w-full max-sm:max-w-none max-sm:rounded-b-none max-sm:rounded-t-2xl";

export function Popover({
  control,
  trigger,
  triggerLabel,
  triggerClassName,
  panelClassName,
  panelLabel,
  placement = "down-end",
  sheetOnPhone = false,
  closeOnFocusOut = true,
  children,
  ...rest
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
  /** Closes when focus moves elsewhere; off for a panel used beside a field (a picker kept open while typing). */
  closeOnFocusOut?: boolean;
  /** May be a function that gets `close`, for items that act without navigating. */
  children: React.ReactNode | ((close: () => void) => React.ReactNode);
} & Omit<React.HTMLAttributes<HTMLDivElement>, "children">) {
  const own = usePopover();
  const { open, setOpen } = control ?? own;
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const close = () => setOpen(false);

  useDismiss(
    open,
    [triggerRef, panelRef],
    (reason) => {
      setOpen(false);
      if (reason === "escape") triggerRef.current?.focus();
    },
    { focusOutside: closeOnFocusOut },
  );

  // Opening moves focus into the panel: its marked field, else its first control.
  useEffect(() => {
    if (!open) return;
    const panel = panelRef.current;
    const target =
      panel?.querySelector<HTMLElement>("[data-autofocus]") ??
      panel?.querySelector<HTMLElement>("input, textarea, select, button, [href], [tabindex]:not([tabindex='-1'])");
    target?.focus();
  }, [open]);

  return (
    <div className="relative" {...rest}>
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
          className={cx(
            "absolute z-40 rounded-xl border border-stone-200 bg-white text-stone-900 shadow-lg",
            PLACEMENTS[placement],
            sheetOnPhone && SHEET_ON_PHONE,
            panelClassName,
          )}
        >
          {typeof children === "function" ? children(close) : children}
        </div>
      )}
    </div>
  );
}

/** An item of a popover used as a menu: a link or button that fills the row. */
export const popoverItemClass = "flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm text-stone-800 hover:bg-stone-100";
