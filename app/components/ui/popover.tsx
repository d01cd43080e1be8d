import { useEffect, useId, useState } from "react";
import { useLocation } from "react-router";
import { cx } from "./cx";

/**
 * A button that opens a panel below it (a disclosure): menus, pickers, share
 * panels. It closes on Escape (focus goes back to the button), on a click or
 * focus outside it, and when the page changes. `children` may be a function
 * that gets `close` for items that act without navigating.
 */
export function Popover({
  trigger,
  label,
  align = "start",
  triggerClassName,
  panelClassName,
  children,
  ...rest
}: {
  trigger: React.ReactNode;
  /** The button's accessible name when its content is only an icon. */
  label?: string;
  align?: "start" | "end";
  triggerClassName?: string;
  panelClassName?: string;
  children: React.ReactNode | ((close: () => void) => React.ReactNode);
} & Omit<React.HTMLAttributes<HTMLDivElement>, "children">) {
  const { key: page } = useLocation();
  // Open "on this page": navigating anywhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === page;
  const id = useId();
  const [rootId, buttonId, panelId] = [`${id}-root`, `${id}-button`, `${id}-panel`];

  useEffect(() => {
    if (!open) return;
    const close = () => setOpenOn(null);
    const outside = (target: EventTarget | null) => !(target instanceof Node && document.getElementById(rootId)?.contains(target));
    const onPointerDown = (event: PointerEvent) => outside(event.target) && close();
    const onFocusIn = (event: FocusEvent) => outside(event.target) && close();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      close();
      document.getElementById(buttonId)?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open, rootId, buttonId]);

  const close = () => {
    setOpenOn(null);
    document.getElementById(buttonId)?.focus();
  };
  return (
    <div id={rootId} className="relative" {...rest}>
      <button
        id={buttonId}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpenOn(open ? null : page)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {open && (
        <div
          id={panelId}
          className={cx(
            "absolute z-30 mt-2 w-64 max-w-[calc(100vw-1.5rem)] rounded-xl border border-stone-200 bg-white p-1 text-stone-900 shadow-lg",
            align === "end" ? "right-0" : "left-0",
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
