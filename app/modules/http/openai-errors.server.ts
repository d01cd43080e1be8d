// Errors of the OpenAI-compatible API (/v1) in OpenAI's own shape, so the
// official clients raise their usual exceptions:
// { error: { message, type, param, code } }.
import { logError } from "~/modules/log/logger.server";
import { methodRoute, type ApiArgs, type Method, type MethodHandler } from "./api.server";
import { HttpError } from "./errors";

const BY_STATUS: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  402: { type: "insufficient_quota", code: "insufficient_quota" },
  403: { type: "invalid_request_error", code: "model_not_allowed" },
  404: { type: "invalid_request_error", code: "not_found" },
  405: { type: "invalid_request_error", code: "method_not_allowed" },
  409: { type: "invalid_request_error", code: "conflict" },
  413: { type: "invalid_request_error", code: "request_too_large" },
  422: { type: "invalid_request_error", code: null },
  429: { type: "rate_limit_exceeded", code: "rate_limit_exceeded" },
};

/** An error only the OpenAI-compatible API raises, with OpenAI's own `code` and `param`. */
export class OpenAiError extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly details: { code?: string; param?: string } = {},
  ) {
    super(status, message);
  }
}

export function openAiErrorResponse(
  status: number,
  message: string,
  options: { code?: string | null; param?: string | null; headers?: HeadersInit } = {},
) {
  const kind = BY_STATUS[status] ?? { type: status >= 500 ? "server_error" : "invalid_request_error", code: null };
  // OpenAI answers malformed bodies with 400; Cairn's 422 (zod) becomes that.
  const wireStatus = status === 422 ? 400 : status;
  return Response.json(
    { error: { message, type: kind.type, param: options.param ?? null, code: options.code ?? kind.code } },
    { status: wireStatus, headers: options.headers },
  );
}

/** Anything thrown while serving /v1, as an OpenAI-shaped answer (never a stack trace). */
export function toOpenAiErrorResponse(error: unknown): Response {
  if (error instanceof OpenAiError) return openAiErrorResponse(error.status, error.message, { ...error.details, headers: error.headers });
  if (error instanceof HttpError) {
    const issues = error.issues ?? [];
    const details = issues.length ? `: ${issues.map((i) => `${i.path || "body"} ${i.message}`).join("; ")}` : "";
    return openAiErrorResponse(error.status, `${error.message}${details}`, { param: issues[0]?.path || null, headers: error.headers });
  }
  if (error instanceof Response) return error;
  logError(error, "unexpected error in the OpenAI-compatible API");
  return openAiErrorResponse(500, "The server had an error while processing your request.");
}

/** A /v1 route from its methods, as apiRoute, with every error (405 included) in OpenAI's shape. */
export function openAiRoute<A extends ApiArgs>(handlers: Partial<Record<Method, MethodHandler<A>>>) {
  return methodRoute(handlers, {
    thrown: toOpenAiErrorResponse,
    methodNotAllowed: (allow) => openAiErrorResponse(405, "Method not allowed", { headers: { Allow: allow } }),
  });
}
