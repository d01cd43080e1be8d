// Calls route modules' loaders and actions with real Requests, the way React
// Router does, and keeps cookies between calls like a browser would.
import { randomInt } from "node:crypto";
import { RouterContextProvider, type MiddlewareFunction } from "react-router";
import { apiGuard, isOpenAiPath } from "~/modules/http/api-guard.server";
import { clientAddressContext } from "~/modules/http/client-address.server";
import { requestMiddleware } from "~/modules/http/request.server";

export const APP_ORIGIN = "http://localhost:3000";

type Handler = (args: any) => unknown;
export type RouteModule = { loader?: Handler; action?: Handler };

export type CallOptions = {
  method?: string;
  params?: Record<string, string>;
  /** A JSON body (objects) or a raw body (strings, FormData, a stream sent chunked). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Origin header; `null` sends none. Defaults to the app's own origin. */
  origin?: string | null;
  /** The client's network address (rate limits); a random one by default. */
  ip?: string;
  /** Aborting it is the client going away (a stopped stream). */
  signal?: AbortSignal;
};

const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

export async function callRoute(mod: RouteModule, path: string, options: CallOptions & { cookie?: string } = {}) {
  const method = options.method ?? (options.body === undefined ? "GET" : "POST");
  const headers = new Headers(options.headers);
  if (options.origin !== null && method !== "GET") headers.set("Origin", options.origin ?? APP_ORIGIN);
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: BodyInit | undefined;
  if (typeof options.body === "string" || options.body instanceof FormData || options.body instanceof ReadableStream) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("Content-Type", "application/json");
  }
  const request = new Request(new URL(path, APP_ORIGIN), { method, headers, body, signal: options.signal, duplex: "half" } as RequestInit);
  return dispatchRequest(mod, request, { params: options.params, ip: options.ip });
}

/** Runs a Request through the middleware chain React Router runs for its path, then the route module. */
export async function dispatchRequest(mod: RouteModule, request: Request, options: { params?: Record<string, string>; ip?: string } = {}) {
  const { method } = request;
  const context = new RouterContextProvider();
  context.set(clientAddressContext, options.ip ?? randomIp());
  const handler = method === "GET" || method === "HEAD" ? mod.loader : mod.action;
  if (!handler) throw new Error(`route module has no ${method === "GET" ? "loader" : "action"}`);
  const args = { request, params: options.params ?? {}, context, url: new URL(request.url) };
  // The middleware chain React Router runs for this path: the root's, then the API guard's.
  const { pathname } = new URL(request.url);
  const chain = pathname.startsWith("/api/") || isOpenAiPath(pathname) ? [requestMiddleware, apiGuard] : [requestMiddleware];
  return runChain(chain, args, async () => {
    try {
      return toResponse(await handler(args));
    } catch (thrown) {
      return toResponse(thrown);
    }
  });
}

async function runChain(chain: MiddlewareFunction<Response>[], args: any, handle: () => Promise<Response>): Promise<Response> {
  const [first, ...rest] = chain;
  if (!first) return handle();
  let downstream: Promise<Response> | undefined;
  const next = () => (downstream ??= runChain(rest, args, handle));
  try {
    return ((await first(args, next)) as Response | undefined) ?? (await next());
  } catch (thrown) {
    return toResponse(thrown);
  }
}

function toResponse(value: unknown): Response {
  if (value instanceof Response) return value;
  // data() results (DataWithResponseInit) carry their own status and headers.
  if (value && typeof value === "object" && (value as any).type === "DataWithResponseInit") {
    const { data, init } = value as { data: unknown; init?: ResponseInit };
    return Response.json(data, init ?? undefined);
  }
  if (value instanceof Error) throw value;
  return Response.json(value ?? null);
}

/** A browser-like client: remembers the cookies the app sets. */
export class Client {
  private jar = new Map<string, string>();

  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async call(mod: RouteModule, path: string, options: CallOptions = {}) {
    const response = await callRoute(mod, path, { ...options, cookie: this.cookie || undefined });
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      const expired = attributes.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      if (!value || expired) this.jar.delete(name!.trim());
      else this.jar.set(name!.trim(), value);
    }
    return response;
  }
}
