// CORS for browser tools on the origins listed in CORS_ORIGINS. They call the
// API with a Bearer key; cookies stay same-origin, so credentials are never
// allowed cross-origin. Other origins get no CORS headers at all.
import { env } from "~/modules/config/env.server";

const EXPOSED = ["x-chat-id", "x-message-id", "x-request-id", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"];

/** The CORS headers for this request's Origin, or null when it is not listed. */
export function corsHeadersFor(request: Request): Record<string, string> | null {
  const origin = request.headers.get("Origin");
  if (!origin || !env().CORS_ORIGINS.includes(origin)) return null;
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Headers": "authorization, content-type",
    "Access-Control-Expose-Headers": EXPOSED.join(", "),
    Vary: "Origin",
  };
}

/** The answer to a preflight (OPTIONS): 204, with the CORS headers when the origin is listed. */
export function preflightResponse(request: Request): Response {
  const cors = corsHeadersFor(request);
  const headers: Record<string, string> = { Allow: "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS" };
  if (cors)
    Object.assign(headers, cors, { "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE", "Access-Control-Max-Age": "600" });
  return new Response(null, { status: 204, headers });
}
