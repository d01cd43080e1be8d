import type { MessageSource } from "#db/schema";
import type { MessageView } from "~/modules/chat/chats.server";
import { CopyButton, Markdown } from "./markdown";

const STATUS_NOTES: Partial<Record<MessageView["status"], string>> = {
  stopped: "Stopped — this is the part that arrived before you stopped it.",
  failed: "The answer failed part-way.",
  interrupted: "Interrupted — the server stopped while this answer was streaming.",
};

export function QuestionBubble({ content, actions }: { content: string; actions?: React.ReactNode }) {
  return (
    <div className="flex flex-col items-end gap-1" data-testid="question">
      <div className="max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-br-md bg-brand-600 px-4 py-2.5 text-sm text-white">{content}</div>
      {actions}
    </div>
  );
}

/** An answer as it streams or as it was stored, with what happened to it. */
export function AnswerBlock({
  content,
  status,
  error,
  credits,
  modelLabel,
  actions,
  sources = [],
  sourceHref,
}: {
  sources?: MessageSource[];
  /** Where a citation opens (the cited chunk in its document); without it, citations are plain text. */
  sourceHref?: (source: MessageSource) => string;
  content: string;
  status: MessageView["status"] | "waiting";
  error?: string | null;
  credits?: number | null;
  modelLabel?: string;
  actions?: React.ReactNode;
}) {
  const note = STATUS_NOTES[status as MessageView["status"]];
  return (
    <article
      className="flex flex-col gap-2 rounded-2xl border border-stone-200 bg-white px-4 py-3 text-sm"
      aria-busy={status === "streaming" || status === "waiting"}
      data-testid="answer"
      data-status={status}
    >
      {status === "waiting" ? (
        <p className="animate-pulse text-stone-500">Thinking…</p>
      ) : (
        content && <Markdown text={sourceHref ? linkCitations(content, sources, sourceHref) : content} />
      )}
      {sources.length > 0 && <SourceList sources={sources} sourceHref={sourceHref} />}
      {status === "streaming" && <span className="inline-block h-4 w-2 animate-pulse bg-stone-400" aria-label="Answer is streaming" />}
      {note && (
        <p
          className={`text-xs ${status === "stopped" ? "text-stone-500" : "text-red-700"}`}
          role={status === "stopped" ? undefined : "alert"}
        >
          {note}
          {error && status !== "stopped" && <> {error}</>}
        </p>
      )}
      {(modelLabel || credits != null || actions) && status !== "streaming" && status !== "waiting" && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-stone-100 pt-2 text-xs text-stone-500">
          {modelLabel && <span>{modelLabel}</span>}
          {credits != null && (
            <span>
              {formatCredits(credits)} {credits === 1 ? "credit" : "credits"}
            </span>
          )}
          <span className="ml-auto flex gap-1">
            {content && <CopyButton text={() => content} label="Copy answer" />}
            {actions}
          </span>
        </div>
      )}
    </article>
  );
}

export const formatCredits = (credits: number) => credits.toLocaleString("en", { maximumFractionDigits: credits < 10 ? 2 : 0 });

/** Turns the model's [n] markers into links to the cited chunks (unknown numbers stay as written). */
export function linkCitations(text: string, sources: MessageSource[], href: (source: MessageSource) => string): string {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  return text.replace(/\[(\d{1,2})\](?!\()/g, (marker, n: string) => {
    const source = byNumber.get(Number(n));
    return source
      ? `[\\[${n}\\]](${href(source)} "${source.filename.replace(/"/g, "'")}${source.page ? `, page ${source.page}` : ""}")`
      : marker;
  });
}

function SourceList({ sources, sourceHref }: { sources: MessageSource[]; sourceHref?: (source: MessageSource) => string }) {
  return (
    <details className="rounded-lg bg-stone-50 px-3 py-2 text-xs" open>
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
              <p className="mt-0.5 text-stone-600">{s.excerpt}</p>
            </li>
          );
        })}
      </ol>
    </details>
  );
}
