// An answer as HTTP: the spec's plain streamed text by default, or server-sent
// events (meta, delta, done, error) when the client asks for text/event-stream.
// Both carry x-chat-id and are never buffered or compressed on the way.
import type { Answer, AnswerEvent } from "./answer.server";

const encoder = new TextEncoder();

const STREAM_HEADERS = {
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

/**
 * Where a body is written: the web stream of the Response, or, on Cairn's
 * production server, the Node response itself (scripts/react-router-handler.js
 * looks for WRITE_TO_NODE on the body and hands its sink over), which saves a
 * web stream and a promise per token on the way to the client.
 */
type BodySink = { write(text: string): void; end(): void; fail(error: Error): void };
const WRITE_TO_NODE = Symbol.for("cairn.writeToNode");

export function answerResponse(request: Request, answer: Answer): Response {
  const wantsEvents = request.headers.get("Accept")?.includes("text/event-stream") ?? false;
  const headers = {
    ...STREAM_HEADERS,
    "x-chat-id": answer.chatId,
    "x-message-id": answer.messageId,
    "Content-Type": wantsEvents ? "text/event-stream; charset=utf-8" : "text/plain; charset=utf-8",
  };
  // The answer is written by whichever asks first: the server's direct sink, or the web stream's first read.
  let stop: ((reason?: unknown) => void) | undefined;
  const writeTo = (sink: BodySink) => {
    if (stop) throw new Error("The answer is already being written");
    return (stop = wantsEvents ? writeEvents(answer, sink) : writeText(answer, sink));
  };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stop) return;
        writeTo({
          write: (text) => controller.enqueue(encoder.encode(text)),
          end: () => controller.close(),
          fail: (error) => controller.error(error),
        });
      },
      // The reader left, perhaps before reading at all: the answer stops.
      cancel: (reason) => (stop ?? answer.listen(() => {}))(reason),
    },
    { highWaterMark: 0 },
  );
  Object.defineProperty(body, WRITE_TO_NODE, { value: writeTo });
  return new Response(body, { headers });
}

function writeEvents(answer: Answer, sink: BodySink) {
  const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  sink.write(sse("meta", { chatId: answer.chatId, messageId: answer.messageId, modelId: answer.modelId, sources: answer.sources }));
  return answer.listen(({ type, ...data }) => {
    sink.write(sse(type, data));
    if (type !== "delta") sink.end();
  });
}

// Plain text has no place for a failure notice: a failed answer ends the
// stream with an error, so the reader's read() rejects instead of seeing a
// clean end (the stored message says what happened).
function writeText(answer: Answer, sink: BodySink) {
  return answer.listen((event: AnswerEvent) => {
    if (event.type === "delta") sink.write(event.text);
    else if (event.type === "error") sink.fail(new Error(event.error));
    else sink.end();
  });
}
