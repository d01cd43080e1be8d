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
  const reader = answer.events.getReader();

  if (wantsEvents) {
    const sse = (event: string, data: unknown) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          sse("meta", { chatId: answer.chatId, messageId: answer.messageId, modelId: answer.modelId, sources: answer.sources }),
        );
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const { type, ...data } = value;
        controller.enqueue(sse(type, data));
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(body, { headers: { ...headers, "Content-Type": "text/event-stream; charset=utf-8" } });
  }

  // Plain text has no place for a failure notice: a failed answer ends the
  // stream with an error, so the reader's read() rejects instead of seeing a
  // clean end (the stored message says what happened).
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Each pull must enqueue, close or fail: a pull that does none stalls the stream.
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const event: AnswerEvent = value;
        if (event.type === "delta") return controller.enqueue(encoder.encode(event.text));
        if (event.type === "error") return controller.error(new Error(event.error));
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return new Response(body, { headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}
