// Errors of the OpenAI-compatible API (/v1) in OpenAI's own shape, so the
// official clients raise their usual exceptions: { error: { message, type, code } }.
import { HttpError } from "./errors";

const BY_STATUS: Record<number, { type: string; code: string | null }> = {
  400: { type: "invalid_request_error", code: null },
  401: { type: "invalid_request_error", code: "invalid_api_key" },
  402: { type: "insufficient_quota", code: "insufficient_quota" },
  403: { type: "invalid_request_error", code: "model_not_allowed" },
  404: { type: "invalid_request_error", code: "not_found" },
  405: { type: "invalid_request_error", code: "method_not_allowed" },
  413: { type: "invalid_request_error", code: "request_too_large" },
  422: { type: "invalid_request_error", code: null },
  429: { type: "rate_limit_exceeded", code: "rate_limit_exceeded" },
};

export function openAiErrorResponse(status: number, message: string, options: { code?: string; headers?: HeadersInit } = {}) {
  const kind = BY_STATUS[status] ?? { type: status >= 500 ? "server_error" : "invalid_request_error", code: null };
  // OpenAI answers malformed bodies with 400; Cairn's 422 (zod) becomes that.
  const wireStatus = status === 422 ? 400 : status;
  return Response.json(
    { error: { message, type: kind.type, param: null, code: options.code ?? kind.code } },
    { status: wireStatus, headers: options.headers },
  );
}

/** An HttpError (or anything) as an OpenAI-shaped answer. */
export function toOpenAiErrorResponse(error: unknown): Response | null {
  if (!(error instanceof HttpError)) return null;
  const details = error.issues?.length ? `: ${error.issues.map((i) => `${i.path || "body"} ${i.message}`).join("; ")}` : "";
  return openAiErrorResponse(error.status, `${error.message}${details}`, { headers: error.headers });
}
