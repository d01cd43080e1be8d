import { useId, useRef } from "react";
import { Button, type ButtonVariant } from "./button";

/**
 * A button that asks first. Place it inside the form it submits: the dialog's
 * confirm button is that form's submit button (with `name`/`value`), so the
 * action runs only after "yes". A native modal <dialog>: focus stays inside,
 * Escape or Cancel closes it, and focus returns to the button.
 */
export function ConfirmButton({
  children,
  title,
  description,
  confirmLabel,
  name,
  value,
  variant = "danger",
  triggerVariant = variant,
  triggerClassName,
  size,
  disabled,
  "aria-label": ariaLabel,
}: {
  children: React.ReactNode;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  name?: string;
  value?: string;
  variant?: ButtonVariant;
  triggerVariant?: ButtonVariant;
  triggerClassName?: string;
  size?: "md" | "sm";
  disabled?: boolean;
  "aria-label"?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <Button
        type="button"
        variant={triggerVariant}
        size={size}
        className={triggerClassName}
        aria-label={ariaLabel}
        disabled={disabled}
        onClick={(event) => {
          // Ask only about a form that can be sent: its fields say what is missing first.
          if (event.currentTarget.form?.reportValidity() === false) return;
          dialog.current?.showModal();
        }}
      >
        {children}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
        // A click on the backdrop (the dialog element itself, outside its panel) cancels.
        onClick={(event) => event.target === dialog.current && dialog.current.close()}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-stone-200 bg-white p-0 text-left text-stone-900 shadow-xl backdrop:bg-black/50"
      >
        <div className="flex flex-col gap-4 p-6">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <div id={`${id}-description`} className="text-sm text-stone-600">
            {description}
          </div>
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={variant}
              name={name}
              value={value}
              onClick={(event) => {
                // Enter in a field of the same form "clicks" this first submit button even while the
                // dialog is closed: that must ask first, not confirm.
                if (!dialog.current?.open) {
                  event.preventDefault();
                  if (event.currentTarget.form?.reportValidity() !== false) dialog.current?.showModal();
                  return;
                }
                setTimeout(() => dialog.current?.close());
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
