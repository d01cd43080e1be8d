// The one guard of the HTTP API (/api/* and /v1/*), run as middleware of the
// layout route that holds every API route, so no route can forget it:
// CORS, the caller (session cookie or Bearer API key), the same-origin check
// for cookie calls, and the rate limits. Bodies are bounded by the request
// middleware (declared length) and by the readers (while streaming).
import type { MiddlewareFunction, RouterContextProvider } from "react-router";
import { callerContext, resolveCaller, type Caller } from "~/modules/auth/caller.server";
import { assertSameOrigin } from "~/modules/auth/guard.server";
import { hasSessionCookie } from "~/modules/auth/session.server";
import { toErrorResponse } from "./api.server";
import { clientAddress, clientKey } from "./client-address.server";
import { corsHeadersFor, preflightResponse } from "./cors.server";
import { withHeaders } from "./headers.server";
import { toOpenAiErrorResponse } from "./openai-errors.server";
import { consumeRateLimit, rateLimitHeaders } from "./rate-limit.server";

// Routes that authenticate themselves: the cron secret and Stripe's signature (their Bearer is not an API key).
const OWN_AUTHENTICATION = [/^\/api\/cron\//, /^\/api\/webhooks\/stripe\/?$/, /^\/api\/subscriptions\/webhook\/?$/];

// Calls that reach a model, under the stricter RATE_LIMIT_MODEL_PER_MINUTE.
const MODEL_CALLS = [
  /^\/api\/chat\/?$/,
  /^\/api\/workspaces\/[^/]+\/chats\/[^/]+\/messages(\/regenerate)?\/?$/,
  /^\/api\/workspaces\/[^/]+\/translate\/?$/,
  /^\/api\/transcribe-audio\/?$/,
  /^\/v1\/chat\/completions\/?$/,
];

export const isOpenAiPath = (pathname: string) => pathname === "/v1" || pathname.startsWith("/v1/");

/** Whose budget a call spends: the key's, the person's, or (anonymous) the client address's. */
function rateLimitKey(caller: Caller | null, context: Readonly<RouterContextProvider>): string {
  if (caller?.apiKey) return `key:${caller.apiKey.id}`;
  if (caller) return `user:${caller.user.id}`;
  return `ip:${clientKey(clientAddress(context))}`;
}

/** The caller; a refused key still spends its client address's budget, so guessing keys is limited like any call. */
async function callerOf(request: Request, context: Readonly<RouterContextProvider>): Promise<Caller | null> {
  try {
    return await resolveCaller(request);
  } catch (error) {
    await consumeRateLimit("apiCalls", rateLimitKey(null, context));
    throw error;
  }
}

async function guard(request: Request, context: Readonly<RouterContextProvider>, pathname: string, next: () => Promise<Response>) {
  const caller = OWN_AUTHENTICATION.some((p) => p.test(pathname)) ? null : await callerOf(request, context);
  // Bearer calls carry no ambient credential a browser could forge; cookie calls must be same-origin.
  if (!caller?.apiKey) assertSameOrigin(request, { cookieAuthenticated: hasSessionCookie(request) });
  (context as RouterContextProvider).set(callerContext, caller);

  const key = rateLimitKey(caller, context);
  let budget = await consumeRateLimit("apiCalls", key);
  if (request.method === "POST" && MODEL_CALLS.some((p) => p.test(pathname))) budget = await consumeRateLimit("modelCalls", key);
  return withHeaders(await next(), rateLimitHeaders(budget));
}

export const apiGuard: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  if (request.method === "OPTIONS") return preflightResponse(request);
  const { pathname } = new URL(request.url);
  let response: Response;
  try {
    response = await guard(request, context, pathname, next);
  } catch (error) {
    response = isOpenAiPath(pathname) ? toOpenAiErrorResponse(error) : toErrorResponse(error);
  }
  const cors = corsHeadersFor(request);
  return cors ? withHeaders(response, cors) : response;
};
