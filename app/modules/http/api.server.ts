// Helpers every API route uses: parse input with zod, answer JSON, and turn
// any thrown error into the shared error shape (never a stack trace).
import { z } from "zod";
import { HttpError, type ErrorBody, type ErrorIssue } from "./errors";

export function json(data: unknown, init?: number | ResponseInit) {
  return Response.json(data, typeof init === "number" ? { status: init } : init);
}

export function errorResponse(status: number, error: string, issues?: ErrorIssue[], headers?: HeadersInit) {
  const body: ErrorBody = issues?.length ? { error, issues } : { error };
  return Response.json(body, { status, headers });
}

export function issuesOf(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** Parses a JSON body: 400 if it is not JSON, 422 with issues if it does not fit. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new HttpError(400, "Request body must be valid JSON");
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new HttpError(422, "Validation failed", issuesOf(result.error));
  return result.data;
}

/** Parses query parameters: 422 with issues if they do not fit. */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw new HttpError(422, "Invalid query parameters", issuesOf(result.error));
  return result.data;
}

/** Parses route params (ids): a malformed id is a 404, as an unknown one is. */
export function readParams<S extends z.ZodType>(params: unknown, schema: S): z.infer<S> {
  const result = schema.safeParse(params);
  if (!result.success) throw new HttpError(404, "Not found");
  return result.data;
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof HttpError) return errorResponse(error.status, error.message, error.issues, error.headers);
  if (error instanceof Response) return error;
  console.error(error);
  return errorResponse(500, "Internal server error");
}

/** Wraps a loader or action of an API route so every failure answers the error shape. */
export function api<A extends { request: Request }>(handler: (args: A) => Promise<Response> | Response) {
  return async (args: A): Promise<Response> => {
    try {
      return await handler(args);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

/** For a resource route whose path exists but not for this method. */
export function methodNotAllowed(allow: string) {
  return () => errorResponse(405, "Method not allowed", undefined, { Allow: allow });
}
