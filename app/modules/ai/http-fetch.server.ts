// The fetch the model SDKs stream completions through: node:http(s) with
// keep-alive, whose response body is one plain ReadableStream fed by the
// socket's data events. Node's own fetch (undici) costs several times more
// CPU per streamed chunk, and a chat answer is hundreds of small chunks.
// Only what the SDKs send for a completion is supported: a string body.
import http from "node:http";
import https from "node:https";

const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

// Statuses whose responses have no body (the Response constructor refuses one).
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

export function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  const signal = init.signal ?? undefined;
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return Promise.reject(new TypeError(`fetch: ${url.protocol} is not supported`));
  if (init.body != null && typeof init.body !== "string") return Promise.reject(new TypeError("fetch: only a string body is supported"));

  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const transport = url.protocol === "https:" ? https : http;
    const send = () => {
      const request = transport.request(url, {
        method: init.method ?? "GET",
        headers: Object.fromEntries(new Headers(init.headers)),
        agent: agents[url.protocol as keyof typeof agents],
      });
      const onAbort = () => request.destroy(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      let answered = false;
      request.on("error", (error: NodeJS.ErrnoException) => {
        signal?.removeEventListener("abort", onAbort);
        // After the answer's head, a failure is the body's (it errors its reader).
        if (answered) return;
        // A kept-alive socket the provider closed just as it was reused: the request never
        // reached it, so it is sent again on another socket (stale ones leave the pool as they fail).
        if (request.reusedSocket && error.code === "ECONNRESET" && !signal?.aborted) return send();
        // Before the answer's head: a failed fetch, as the SDKs expect (their connection error).
        reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause: error }));
      });
      request.once("response", (incoming) => {
        answered = true;
        try {
          resolve(toResponse(incoming, request, signal, onAbort));
        } catch (error) {
          // A head the Fetch API cannot represent (a status outside 200-599, a malformed header):
          // a failed fetch, as Node's own would be, never an exception inside the HTTP parser.
          signal?.removeEventListener("abort", onAbort);
          request.destroy();
          reject(new TypeError("fetch failed", { cause: error }));
        }
      });
      request.end(init.body ?? undefined);
    };
    send();
  });
}

// Bodies nobody has started to read, by their response: takeBody claims one as
// Node's stream, or the web stream's first read claims it for itself.
const unclaimed = new WeakMap<Response, http.IncomingMessage>();

/**
 * The response's body as Node's own stream, for a reader that handles each
 * network read as it comes (the chat's per-token path: no web stream and no
 * promise per chunk). Undefined once the body is being read, or if it is not
 * httpFetch's. The taker reads it to its end or destroys it; an abort of the
 * request's signal still destroys it.
 */
export function takeBody(response: Response): http.IncomingMessage | undefined {
  const incoming = unclaimed.get(response);
  unclaimed.delete(response);
  return incoming;
}

function toResponse(incoming: http.IncomingMessage, request: http.ClientRequest, signal: AbortSignal | undefined, onAbort: () => void) {
  const headers = new Headers();
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  const status = incoming.statusCode ?? 200;
  // Checked before the body takes the socket's data: new Response refuses other statuses.
  if (status < 200 || status > 599) throw new RangeError(`the upstream answered status ${status}`);
  const done = () => signal?.removeEventListener("abort", onAbort);
  if (NULL_BODY.has(status)) {
    done();
    incoming.resume();
    return new Response(null, { status, statusText: incoming.statusMessage, headers });
  }
  incoming.on("error", () => {}); // reported by "close"
  incoming.once("close", done);
  let read = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!read) {
          read = true;
          // Still unclaimed, it is this stream's from now on.
          if (!unclaimed.delete(response)) return controller.error(new TypeError("the body was taken as a Node stream"));
          readInto(controller, incoming, signal);
        }
        incoming.resume();
      },
      cancel(reason) {
        done();
        request.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    // Nothing is read until someone asks: a body taken with takeBody never feeds this stream.
    { highWaterMark: 0 },
  );
  const response = new Response(body, { status, statusText: incoming.statusMessage, headers });
  unclaimed.set(response, incoming);
  return response;
}

function readInto(controller: ReadableStreamDefaultController<Uint8Array>, incoming: http.IncomingMessage, signal?: AbortSignal) {
  // A body cut short (the provider's connection dropped, or an abort): the reader's read() rejects.
  const cutShort = () => controller.error(signal?.aborted ? signal.reason : new TypeError("terminated"));
  if (incoming.destroyed) return cutShort();
  let open = true;
  incoming.on("data", (chunk: Buffer) => {
    controller.enqueue(chunk);
    // Backpressure: the socket waits while the reader is behind.
    if ((controller.desiredSize ?? 1) <= 0) incoming.pause();
  });
  incoming.once("end", () => {
    open = false;
    controller.close();
  });
  incoming.once("close", () => {
    if (open) cutShort();
  });
}
