// The middleware of the root route, around every request React Router serves
// (pages, their .data requests, and the API): a request id on the answer and
// on every log line, one access-log line, a body whose declared length passes
// its route's limit refused before it is read, and the headers every answer
// carries (no caching of private answers, HSTS in production).
import { randomUUID } from "node:crypto";
import type { MiddlewareFunction } from "react-router";
import { env } from "~/modules/config/env.server";
import { logger, withRequestId } from "~/modules/log/logger.server";
import { errorResponse } from "./api.server";
import { assertDeclaredLength, bodyLimitFor } from "./body.server";
import { HttpError } from "./errors";
import { withHeaders } from "./headers.server";

// An incoming id (e.g. from a proxy) is kept when it looks like one; anything else is replaced.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  if (env().NODE_ENV === "production" && env().APP_URL.startsWith("https://"))
    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

export const requestMiddleware: MiddlewareFunction<Response> = async ({ request }, next) => {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  return withRequestId(requestId, async () => {
    const started = performance.now();
    const { pathname } = new URL(request.url);
    let response: Response;
    try {
      assertDeclaredLength(request, bodyLimitFor(pathname));
      response = await next();
    } catch (error) {
      // Only the body check throws here: React Router turns handler errors into responses.
      if (!(error instanceof HttpError)) throw error;
      response = errorResponse(error.status, error.message);
    }
    const headers: Record<string, string> = { "x-request-id": requestId, ...securityHeaders() };
    // Answers are private unless a route says otherwise (static assets never come here).
    if (!response.headers.has("Cache-Control")) headers["Cache-Control"] = "private, no-store";
    response = withHeaders(response, headers);
    logger().info(
      { method: request.method, path: pathname, status: response.status, ms: Math.round(performance.now() - started) },
      "request",
    );
    return response;
  });
};
