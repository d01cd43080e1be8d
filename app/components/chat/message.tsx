// One question or one answer, as it streams or as it was stored: its text,
// what happened to it, its sources and its actions.
import type { MessageView } from "~/modules/chat/chats.server";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons";
import { Markdown } from "./markdown";

/** A source as an answer shows it; the public copy of a chat has no excerpt and no link. */
export type SourceView = { n: number; filename: string; page: number | null; excerpt?: string; documentId?: string; chunkId?: number };
export type AnswerStatus = MessageView["status"] | "waiting" | "refused";

function statusNote(status: AnswerStatus, hasText: boolean): string | undefined {
  switch (status) {
    case "stopped":
      return hasText ? "Stopped — this is the part that arrived before you stopped it." : "Stopped before any text arrived.";
    case "failed":
      return hasText ? "The answer broke off part-way." : "The answer failed before any text arrived.";
    case "interrupted":
      return "Interrupted — the server stopped while this answer was streaming.";
    case "refused":
      return "No answer arrived, and nothing was charged or kept.";
  }
}

export function QuestionBubble({ content, children }: { content: string; children?: React.ReactNode }) {
  return (
    <div className="group flex flex-col items-end gap-1">
      <div
        className="max-w-[85%] whitespace-pre-wrap break-words rounded-3xl bg-stone-100 px-4 py-2.5 text-[0.9375rem] leading-relaxed text-stone-900"
        data-testid="question"
      >
        {content}
      </div>
      {children}
    </div>
  );
}

/** An answer with its status, sources and (below it) its actions. */
export function AnswerBlock({
  content,
  status,
  error,
  sources = [],
  sourceHref,
  children,
}: {
  content: string;
  status: AnswerStatus;
  error?: string | null;
  sources?: SourceView[];
  /** Where a citation opens (the cited chunk in its document); without it, citations are plain text. */
  sourceHref?: (source: SourceView) => string;
  /** The action row (copy, rating, versions, model and cost). */
  children?: React.ReactNode;
}) {
  const note = statusNote(status, content.length > 0);
  const problem = status === "failed" || status === "interrupted" || status === "refused";
  return (
    <article
      className="flex flex-col gap-2 text-[0.9375rem] leading-7 text-stone-900"
      aria-busy={status === "streaming" || status === "waiting"}
      data-testid="answer"
      data-status={status}
    >
      {status === "waiting" ? (
        <p className="flex items-center gap-2 text-stone-500">
          <span className="inline-block h-2.5 w-2.5 animate-pulse rounded-full bg-stone-400" aria-hidden />
          Thinking…
        </p>
      ) : (
        content && <Markdown text={sourceHref ? linkCitations(content, sources, sourceHref) : content} />
      )}
      {status === "streaming" && <span className="inline-block h-4 w-2 animate-pulse bg-stone-400" aria-label="Answer is streaming" />}
      {note && (
        <p
          className={`rounded-lg px-3 py-2 text-sm ${problem ? "border border-red-200 bg-red-50 text-red-800" : "text-stone-500"}`}
          role={problem ? "alert" : undefined}
        >
          {note}
          {error && status !== "stopped" && <> {error}</>}
        </p>
      )}
      {sources.length > 0 && <SourceList sources={sources} sourceHref={sourceHref} />}
      {children}
    </article>
  );
}

/** `< 1 / 2 >` between the versions of a message. */
export function VersionPager({
  ids,
  id,
  onShow,
  disabled,
}: {
  ids: string[];
  id: string;
  onShow: (id: string) => void;
  disabled?: boolean;
}) {
  if (ids.length < 2) return null;
  const index = ids.indexOf(id);
  const button =
    "rounded-md p-1 text-stone-500 hover:bg-stone-200/70 hover:text-stone-900 disabled:opacity-30 disabled:hover:bg-transparent";
  return (
    <div className="flex items-center text-xs tabular-nums text-stone-500" role="group" aria-label="Versions">
      <button
        type="button"
        className={button}
        aria-label="Previous version"
        disabled={disabled || index <= 0}
        onClick={() => onShow(ids[index - 1]!)}
      >
        <ChevronLeftIcon className="h-3.5 w-3.5" />
      </button>
      <span data-testid="version">
        {index + 1} / {ids.length}
      </span>
      <button
        type="button"
        className={button}
        aria-label="Next version"
        disabled={disabled || index >= ids.length - 1}
        onClick={() => onShow(ids[index + 1]!)}
      >
        <ChevronRightIcon className="h-3.5 w-3.5" />
      </button>
    </div>
  );
}

export const formatCredits = (credits: number) => credits.toLocaleString("en", { maximumFractionDigits: credits < 10 ? 2 : 0 });

/** Turns the model's [n] markers into links to the cited chunks (unknown numbers stay as written). */
export function linkCitations(text: string, sources: SourceView[], href: (source: SourceView) => string): string {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  return text.replace(/\[(\d{1,2})\](?!\()/g, (marker, n: string) => {
    const source = byNumber.get(Number(n));
    return source
      ? // Balanced brackets may stand in a link's text, so "[1]" links as itself (no \[ that could read as math).
        `[[${n}]](${href(source)} "${source.filename.replace(/"/g, "'")}${source.page ? `, page ${source.page}` : ""}")`
      : marker;
  });
}

function SourceList({ sources, sourceHref }: { sources: SourceView[]; sourceHref?: (source: SourceView) => string }) {
  return (
    <details className="rounded-xl border border-stone-200 px-3 py-2 text-xs leading-5" open>
      <summary className="cursor-pointer font-medium text-stone-700">
        {sources.length} {sources.length === 1 ? "source" : "sources"}
      </summary>
      <ol className="mt-2 flex flex-col gap-2" aria-label="Sources">
        {sources.map((s) => {
          const label = `[${s.n}] ${s.filename}${s.page ? `, page ${s.page}` : ""}`;
          return (
            <li key={s.n}>
              {sourceHref ? (
                <a href={sourceHref(s)} className="font-medium text-brand-700 underline">
                  {label}
                </a>
              ) : (
                <span className="font-medium">{label}</span>
              )}
              {s.excerpt && <p className="mt-0.5 line-clamp-3 text-stone-600">{s.excerpt}</p>}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
