// A Cairn answer in OpenAI's Chat Completions wire format: one
// `chat.completion` object, or a stream of `chat.completion.chunk` events
// ending in `data: [DONE]` (with a usage chunk first when the client asked
// for `stream_options.include_usage`). Grounded answers add `sources`.
import type { MessageSource } from "#db/schema";
import type { Answer, AnswerEvent } from "~/modules/chat/answer.server";
import { OpenAiError } from "~/modules/http/openai-errors.server";

export type CompletionShape = {
  /** The model id as the client named it. */
  model: string;
  /** The output cap the answer ran under: reaching it means the answer was cut (`finish_reason: "length"`). */
  maxOutputTokens: number;
  /** Whether the request asked for grounding: then `sources` is in the answer, even when empty. */
  grounded: boolean;
};

type Done = Extract<AnswerEvent, { type: "done" }>;

const finishReason = (done: Done, shape: CompletionShape) => (done.outputTokens >= shape.maxOutputTokens ? "length" : "stop");

const usageOf = (done: Done) => ({
  prompt_tokens: done.inputTokens,
  completion_tokens: done.outputTokens,
  total_tokens: done.inputTokens + done.outputTokens,
});

const sourcesOf = (answer: Answer, shape: CompletionShape): { sources?: MessageSource[] } =>
  shape.grounded ? { sources: answer.sources } : {};

function identity(answer: Answer, shape: CompletionShape) {
  return { id: `chatcmpl-${answer.messageId}`, created: Math.floor(Date.now() / 1000), model: shape.model, system_fingerprint: null };
}

const headersOf = (answer: Answer) => ({ "x-chat-id": answer.chatId, "x-message-id": answer.messageId });

/** The whole answer as one `chat.completion`, once it has ended. */
export async function completionResponse(answer: Answer, shape: CompletionShape): Promise<Response> {
  const head = identity(answer, shape);
  let text = "";
  const done = await new Promise<Done>((resolve, reject) =>
    answer.listen((event) => {
      if (event.type === "delta") text += event.text;
      else if (event.type === "done") resolve(event);
      else reject(new OpenAiError(502, event.error));
    }),
  );
  return Response.json(
    {
      ...head,
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: text, refusal: null },
          logprobs: null,
          finish_reason: finishReason(done, shape),
        },
      ],
      usage: usageOf(done),
      ...sourcesOf(answer, shape),
    },
    { headers: headersOf(answer) },
  );
}

const encoder = new TextEncoder();
const event = (data: unknown) => encoder.encode(`data: ${JSON.stringify(data)}\n\n`);

/** The answer as server-sent `chat.completion.chunk` events, as they come. */
export function completionStream(answer: Answer, shape: CompletionShape & { includeUsage: boolean }): Response {
  const head = { ...identity(answer, shape), object: "chat.completion.chunk" };
  // With include_usage, every chunk carries `usage`: null until the last.
  const usageField = shape.includeUsage ? { usage: null } : {};
  const chunk = (delta: object, finish: string | null = null, extra: object = {}) =>
    event({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...usageField, ...extra });
  let stop: ((reason?: unknown) => void) | undefined;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(chunk({ role: "assistant", content: "" }, null, sourcesOf(answer, shape)));
      stop = answer.listen((value) => {
        if (value.type === "delta") return controller.enqueue(chunk({ content: value.text }));
        if (value.type === "done") {
          controller.enqueue(chunk({}, finishReason(value, shape)));
          if (shape.includeUsage) controller.enqueue(event({ ...head, choices: [], usage: usageOf(value) }));
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
        } else {
          // OpenAI's clients raise an error event found in the stream as an APIError.
          controller.enqueue(event({ error: { message: value.error, type: "server_error", param: null, code: null } }));
        }
        controller.close();
      });
    },
    cancel(reason) {
      stop?.(reason);
    },
  });
  return new Response(body, {
    headers: {
      ...headersOf(answer),
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}
