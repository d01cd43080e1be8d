// A chat's title edited in place (the header and the chat list): Enter saves, Escape leaves it as it was.
import type { ReactNode } from "react";
import type { FetcherWithComponents } from "react-router";

export function RenameChatForm({
  fetcher,
  action,
  title,
  inputId,
  onDone,
  className,
  inputClassName,
  submit,
}: {
  fetcher: FetcherWithComponents<unknown>;
  /** The chat's page, when the form is not on it. */
  action?: string;
  title: string;
  inputId: string;
  onDone: () => void;
  className: string;
  inputClassName: string;
  submit: ReactNode;
}) {
  return (
    <fetcher.Form
      method="post"
      action={action}
      className={className}
      onSubmit={onDone}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          onDone();
        }
      }}
    >
      <input type="hidden" name="intent" value="rename" />
      <label htmlFor={inputId} className="sr-only">
        Chat title
      </label>
      <input
        id={inputId}
        name="title"
        defaultValue={title}
        maxLength={120}
        required
        autoFocus
        onFocus={(e) => e.currentTarget.select()}
        className={inputClassName}
      />
      {submit}
    </fetcher.Form>
  );
}
