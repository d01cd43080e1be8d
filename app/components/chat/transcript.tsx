// The conversation: the chat's current branch, with the answer in flight
// shown where it will be stored (after the question it answers, replacing
// what a regenerate or an edit puts aside), and each message's actions.
import { Suspense, lazy, useState } from "react";
import { findModel } from "~/modules/ai/models";
import type { MessageView } from "~/modules/chat/chats.server";
import { CopyButton } from "./copy-button";
import { PencilIcon, RetryIcon, ThumbDownIcon, ThumbUpIcon, TranslateIcon } from "./icons";
import { AnswerBlock, QuestionBubble, VersionPager, formatCredits, type SourceView } from "./message";
import { TranslatePanel } from "./on-first-use";
import type { LiveAnswer } from "./use-answer-stream";

export type TranscriptActions = {
  regenerate: (questionId: string) => void;
  edit: (questionId: string, content: string) => void;
  showVersion: (messageId: string) => void;
  rate: (messageId: string, rating: "up" | "down" | null, note?: string) => void;
  retry: () => void;
};

const iconButton =
  "inline-flex items-center gap-1 rounded-md p-1.5 text-stone-500 hover:bg-stone-200/70 hover:text-stone-900 disabled:opacity-40 disabled:hover:bg-transparent";

// Forms shown only on request (editing a question, a note on a rating) are fetched then.
const EditQuestion = lazy(() => import("./message-forms").then((m) => ({ default: m.EditQuestion })));
const FeedbackNote = lazy(() => import("./message-forms").then((m) => ({ default: m.FeedbackNote })));

type Row =
  | { kind: "question"; message: MessageView }
  | { kind: "answer"; message: MessageView }
  | { kind: "live-question"; content: string }
  | { kind: "live-answer"; live: LiveAnswer };

/** What to show: the stored branch, with the live question and answer where they will go. */
function rowsOf(messages: MessageView[], live: LiveAnswer | null): Row[] {
  const shown = messages.filter((m) => m.role !== "system");
  const stored = live?.messageId !== undefined && shown.some((m) => m.id === live.messageId);
  if (!live || stored) return shown.map((message) => ({ kind: message.role === "user" ? "question" : "answer", message }) as Row);
  const { request } = live;
  let before = shown;
  if (request.kind !== "ask") {
    const at = shown.findIndex((m) => m.id === request.questionId);
    if (at !== -1) before = shown.slice(0, request.kind === "regenerate" ? at + 1 : at);
  }
  const rows: Row[] = before.map((message) => ({ kind: message.role === "user" ? "question" : "answer", message }) as Row);
  if (request.kind !== "regenerate") rows.push({ kind: "live-question", content: request.question });
  rows.push({ kind: "live-answer", live });
  return rows;
}

export function Transcript({
  messages,
  live,
  busy,
  actions,
  sourceHref,
  translation,
}: {
  /** Where "Translate" under an answer sends it, and the language it starts at. */
  translation: { workspaceId: string; language: string | null };
  messages: MessageView[];
  live: LiveAnswer | null;
  busy: boolean;
  actions: TranscriptActions;
  sourceHref: (source: SourceView) => string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const rows = rowsOf(messages, live);
  const lastAnswerId = rows.findLast((r) => r.kind === "answer")?.message.id;

  return (
    <ol className="flex flex-col gap-6 pb-6" aria-label="Messages">
      {rows.map((row) => {
        if (row.kind === "live-question")
          return (
            <li key="live-question">
              <QuestionBubble content={row.content} />
            </li>
          );
        if (row.kind === "live-answer")
          return <LiveAnswerRow key="live-answer" live={row.live} onRetry={actions.retry} sourceHref={sourceHref} />;
        const m = row.message;
        if (row.kind === "question")
          return (
            <li key={m.id}>
              {editing === m.id ? (
                <Suspense fallback={<QuestionBubble content={m.content} />}>
                  <EditQuestion
                    initial={m.content}
                    onCancel={() => setEditing(null)}
                    onSave={(content) => {
                      setEditing(null);
                      actions.edit(m.id, content);
                    }}
                  />
                </Suspense>
              ) : (
                <QuestionBubble content={m.content}>
                  <div className="flex items-center gap-0.5 opacity-100 transition-opacity sm:opacity-0 sm:group-focus-within:opacity-100 sm:group-hover:opacity-100">
                    <VersionPager ids={m.versionIds} id={m.id} onShow={actions.showVersion} disabled={busy} />
                    <CopyButton text={() => m.content} label="Copy question" compact className="p-1.5" />
                    <button
                      type="button"
                      className={iconButton}
                      aria-label="Edit question"
                      title="Edit question"
                      disabled={busy}
                      onClick={() => setEditing(m.id)}
                    >
                      <PencilIcon className="h-3.5 w-3.5" />
                    </button>
                  </div>
                </QuestionBubble>
              )}
            </li>
          );
        const streaming = live?.messageId === m.id && (live.phase === "streaming" || live.phase === "waiting");
        return (
          <li key={m.id}>
            <AnswerBlock
              content={live?.messageId === m.id && live.text.length >= m.content.length ? live.text : m.content}
              status={streaming ? "streaming" : m.status}
              error={m.error}
              sources={live?.messageId === m.id && live.sources.length ? live.sources : m.sources}
              sourceHref={sourceHref}
            >
              {!streaming && (
                <AnswerActions message={m} last={m.id === lastAnswerId} busy={busy} actions={actions} translation={translation} />
              )}
            </AnswerBlock>
          </li>
        );
      })}
    </ol>
  );
}

function LiveAnswerRow({ live, onRetry, sourceHref }: { live: LiveAnswer; onRetry: () => void; sourceHref: (s: SourceView) => string }) {
  const status =
    live.phase === "failed" ? "refused" : live.phase === "waiting" ? "waiting" : live.phase === "streaming" ? "streaming" : "complete";
  return (
    <li>
      <AnswerBlock content={live.text} status={status} error={live.error} sources={live.sources} sourceHref={sourceHref}>
        {live.phase === "failed" && (
          <div>
            <button
              type="button"
              onClick={onRetry}
              className="inline-flex items-center gap-1.5 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-100"
            >
              <RetryIcon className="h-3.5 w-3.5" /> Try again
            </button>
          </div>
        )}
      </AnswerBlock>
    </li>
  );
}

function AnswerActions({
  message: m,
  last,
  busy,
  actions,
  translation,
}: {
  message: MessageView;
  last: boolean;
  busy: boolean;
  actions: TranscriptActions;
  translation: { workspaceId: string; language: string | null };
}) {
  const [noting, setNoting] = useState<"up" | "down" | null>(null);
  const [translating, setTranslating] = useState(false);
  const translatable = Boolean(m.content) && m.status !== "streaming";
  const rating = m.feedback?.rating ?? null;
  const model = m.modelId ? (findModel(m.modelId)?.label ?? m.modelId) : null;
  const rate = (value: "up" | "down") => {
    if (rating === value) {
      actions.rate(m.id, null);
      setNoting(null);
    } else {
      actions.rate(m.id, value);
      setNoting(value);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <div
        className={`flex flex-wrap items-center gap-0.5 text-xs text-stone-500 ${last ? "" : "sm:opacity-60 sm:hover:opacity-100 sm:focus-within:opacity-100"}`}
      >
        <VersionPager ids={m.versionIds} id={m.id} onShow={actions.showVersion} disabled={busy} />
        {m.content && <CopyButton text={() => m.content} label="Copy answer" compact className="p-1.5" />}
        <button
          type="button"
          className={iconButton}
          aria-label="Good answer"
          title="Good answer"
          aria-pressed={rating === "up"}
          onClick={() => rate("up")}
        >
          <ThumbUpIcon className={`h-3.5 w-3.5 ${rating === "up" ? "fill-stone-800 text-stone-800" : ""}`} />
        </button>
        <button
          type="button"
          className={iconButton}
          aria-label="Bad answer"
          title="Bad answer"
          aria-pressed={rating === "down"}
          onClick={() => rate("down")}
        >
          <ThumbDownIcon className={`h-3.5 w-3.5 ${rating === "down" ? "fill-stone-800 text-stone-800" : ""}`} />
        </button>
        {m.parentId && (
          <button
            type="button"
            className={iconButton}
            aria-label="Regenerate"
            title="Regenerate"
            disabled={busy}
            onClick={() => actions.regenerate(m.parentId!)}
          >
            <RetryIcon className="h-3.5 w-3.5" />
          </button>
        )}
        {translatable && (
          <button
            type="button"
            className={iconButton}
            aria-label="Translate answer"
            title="Translate"
            aria-expanded={translating}
            onClick={() => setTranslating(!translating)}
          >
            <TranslateIcon className="h-3.5 w-3.5" />
          </button>
        )}
        <span className="ml-1 truncate" data-testid="answer-meta">
          {model}
          {m.credits != null && ` · ${formatCredits(m.credits)} ${m.credits === 1 ? "credit" : "credits"}`}
        </span>
      </div>
      {noting && (
        <Suspense fallback={null}>
          <FeedbackNote
            rating={noting}
            initial={m.feedback?.note ?? ""}
            onClose={() => setNoting(null)}
            onSend={(note) => {
              actions.rate(m.id, noting, note);
              setNoting(null);
            }}
          />
        </Suspense>
      )}
      {/* The translation shows under the answer, which stays as it is. */}
      {translating && (
        <TranslatePanel
          workspaceId={translation.workspaceId}
          text={m.content}
          rememberedLanguage={translation.language}
          onClose={() => setTranslating(false)}
        />
      )}
    </div>
  );
}
