import { useState } from "react";
import { CheckIcon, CopyIcon } from "./icons";

/** Copies text and says so for two seconds; `label` names the button (shown, or for assistive technology when compact). */
export function CopyButton({
  text,
  label = "Copy",
  compact = false,
  className = "",
}: {
  text: () => string;
  label?: string;
  compact?: boolean;
  className?: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={compact ? label : undefined}
      title={compact ? label : undefined}
      className={`inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-200/70 hover:text-stone-900 ${className}`}
      onClick={async () => {
        await navigator.clipboard.writeText(text());
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      {copied ? <CheckIcon className="h-3.5 w-3.5" /> : <CopyIcon className="h-3.5 w-3.5" />}
      <span aria-live="polite" className={compact ? "sr-only" : undefined}>
        {copied ? "Copied" : label}
      </span>
    </button>
  );
}
