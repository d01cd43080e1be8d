// An answer as HTTP: the spec's plain streamed text by default, or server-sent
// events (meta, delta, done, error) when the client asks for text/event-stream.
// Both carry x-chat-id and are never buffered or compressed on the way.
import type { Answer, AnswerEvent } from "./answer.server";

const encoder = new TextEncoder();

const STREAM_HEADERS = {
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

export function answerResponse(request: Request, answer: Answer): Response {
  const wantsEvents = request.headers.get("Accept")?.includes("text/event-stream") ?? false;
  const headers = { ...STREAM_HEADERS, "x-chat-id": answer.chatId, "x-message-id": answer.messageId };
  // The answer's events are written into the response body as they happen: one stream between the provider and the client.
  let stop: ((reason?: unknown) => void) | undefined;
  const cancel = (reason: unknown) => stop?.(reason);

  if (wantsEvents) {
    const sse = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          sse("meta", { chatId: answer.chatId, messageId: answer.messageId, modelId: answer.modelId, sources: answer.sources }),
        );
        stop = answer.listen(({ type, ...data }) => {
          controller.enqueue(sse(type, data));
          if (type !== "delta") controller.close();
        });
      },
      cancel,
    });
    return new Response(body, { headers: { ...headers, "Content-Type": "text/event-stream; charset=utf-8" } });
  }

  // Plain text has no place for a failure notice: a failed answer ends the
  // stream with an error, so the reader's read() rejects instead of seeing a
  // clean end (the stored message says what happened).
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = answer.listen((event: AnswerEvent) => {
        if (event.type === "delta") controller.enqueue(encoder.encode(event.text));
        else if (event.type === "error") controller.error(new Error(event.error));
        else controller.close();
      });
    },
    cancel,
  });
  return new Response(body, { headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}
