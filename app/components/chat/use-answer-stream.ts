// The browser's side of asking: sends a question (or a regenerate or an
// edited question) to the chat API, shows the answer as it streams, and keeps
// showing it until the page's stored copy has caught up. A provider failure
// before the first word leaves nothing stored, so "Try again" re-sends the
// same request.
import { useCallback, useEffect, useRef, useState } from "react";
import { useNavigate, useRevalidator } from "react-router";
import type { MessageSource } from "#db/schema";
import { AnswerRefused, streamAnswer, type AnswerStreamEvent } from "~/modules/chat/answer-stream";

export type AnswerRequest = { url: string; body: unknown } & (
  { kind: "ask"; question: string } | { kind: "regenerate"; questionId: string } | { kind: "edit"; question: string; questionId: string }
);

export type LiveAnswer = {
  request: AnswerRequest;
  /** The chat the answer belongs to; null for a new chat until the server names it. */
  chatId: string | null;
  messageId?: string;
  text: string;
  sources: MessageSource[];
  /** failed: refused before anything was stored (provider error, connection); it can be tried again. */
  phase: "waiting" | "streaming" | "finished" | "failed";
  error?: string;
};

/** Refusals the person must act on (credits, plan, input) rather than simply retry. */
const ACTIONABLE = new Set([400, 401, 402, 403, 404, 409, 413, 422]);

export function useAnswerStream({
  workspaceId,
  chatId,
  storedStatus,
  onRefused,
}: {
  workspaceId: string;
  chatId: string | null;
  /** The stored status of a message in the page's data, if it is there. */
  storedStatus: (messageId: string) => string | undefined;
  /** A refusal to act on (402, 403, 422…), or a stop before anything arrived (status 0). */
  onRefused: (request: AnswerRequest, problem: { status: number; message: string }) => void;
}) {
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const [live, setLive] = useState<LiveAnswer | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  // Each request has a number; a newer one makes an older one's updates moot.
  const current = useRef(0);
  const pending = useRef("");
  const frame = useRef<number | null>(null);

  const start = useCallback(
    /** `chatId`: the chat it is asked in (null: a new one), when not the one shown (a navigation may be under way). */
    async (request: AnswerRequest, targetChatId: string | null = chatId) => {
      const run = ++current.current;
      const controller = new AbortController();
      abortRef.current = controller;
      pending.current = "";
      const update = (change: (answer: LiveAnswer) => LiveAnswer) => {
        if (current.current === run) setLive((answer) => answer && change(answer));
      };
      // Tokens arrive faster than frames: the text is applied once per frame.
      const flush = () => {
        frame.current = null;
        const text = pending.current;
        update((answer) => ({ ...answer, text, phase: answer.phase === "waiting" ? "streaming" : answer.phase }));
      };
      setLive({ request, chatId: targetChatId, text: "", sources: [], phase: "waiting" });
      let messageId: string | undefined;
      const onEvent = (event: AnswerStreamEvent) => {
        if (current.current !== run) return;
        if (event.type === "meta") {
          messageId = event.messageId;
          update((answer) => ({ ...answer, chatId: event.chatId, messageId: event.messageId, sources: event.sources }));
          // A new chat now exists: it gets its address (the same route, so this stream carries on).
          if (event.chatId !== targetChatId) navigate(`/w/${workspaceId}/chats/${event.chatId}`, { preventScrollReset: true });
        } else if (event.type === "delta") {
          pending.current += event.text;
          frame.current ??= requestAnimationFrame(flush);
        } else if (event.type === "error") {
          update((answer) => ({ ...answer, error: event.error }));
        }
      };
      try {
        await streamAnswer(request.url, request.body, onEvent, controller.signal);
      } catch (error) {
        if (current.current !== run) return;
        if (error instanceof AnswerRefused && ACTIONABLE.has(error.status)) {
          setLive(null);
          onRefused(request, { status: error.status, message: error.message });
          return;
        }
        if (!messageId) {
          // Nothing was stored: a stop gives the question back, a failure offers to try again.
          if (controller.signal.aborted) {
            setLive(null);
            onRefused(request, { status: 0, message: "" });
          } else
            update((answer) => ({
              ...answer,
              phase: "failed",
              error: error instanceof AnswerRefused ? error.message : "The connection broke before the answer began.",
            }));
          return;
        }
        if (!controller.signal.aborted)
          update((answer) => ({ ...answer, error: answer.error ?? "The connection broke while the answer was streaming." }));
      } finally {
        if (abortRef.current === controller) abortRef.current = null;
      }
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      flush();
      update((answer) => ({ ...answer, phase: "finished" }));
      revalidator.revalidate();
    },
    [chatId, workspaceId, navigate, revalidator, onRefused],
  );

  // The stored copy replaces the streamed one once it has caught up (a stopped answer may still be settling).
  const stored = live?.messageId ? storedStatus(live.messageId) : undefined;
  useEffect(() => {
    if (live?.phase !== "finished" || revalidator.state !== "idle") return;
    if ((stored && stored !== "streaming") || !live.messageId) return setLive(null);
    const retry = setTimeout(() => revalidator.revalidate(), 300);
    return () => clearTimeout(retry);
  }, [live, stored, revalidator]);

  const busy = live !== null && (live.phase === "waiting" || live.phase === "streaming");
  return {
    live,
    busy,
    start,
    stop: useCallback(() => abortRef.current?.abort(), []),
    retry: useCallback(() => live && void start(live.request, live.chatId), [live, start]),
    dismiss: useCallback(() => setLive(null), []),
  };
}
