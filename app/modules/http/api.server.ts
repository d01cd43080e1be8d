// Helpers every API route uses: declare its methods, parse input with zod,
// answer JSON, and turn any thrown error into the shared error shape (never
// a stack trace).
import type { RouterContextProvider } from "react-router";
import { z } from "zod";
import { logError } from "~/modules/log/logger.server";
import { readBodyText } from "./body.server";
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

function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (!result.success) throw new HttpError(422, "Validation failed", issuesOf(result.error));
  return result.data;
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "Request body must be valid JSON");
  }
}

/** Parses a JSON body under the route's size limit: 413 too large, 400 if it is not JSON, 422 with issues if it does not fit. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  return parseWith(schema, parseJsonText(await readBodyText(request)));
}

/** A JSON body that may be left out entirely (POST with no body): as readJson, with an empty body read as `{}`. */
export async function readOptionalJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await readBodyText(request);
  return parseWith(schema, text.trim() ? parseJsonText(text) : {});
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
  logError(error, "unexpected error in an API route");
  return errorResponse(500, "Internal server error");
}

export type ApiArgs = { request: Request; params: Record<string, string | undefined>; context: Readonly<RouterContextProvider> };
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type MethodHandler<A> = (args: A) => Promise<Response> | Response;

type ErrorAnswers = { thrown: (error: unknown) => Response; methodNotAllowed: (allow: string) => Response };

/** Dispatches a request to the handler of its method; errors answer in the shape `errors` gives them. */
export function methodRoute<A extends ApiArgs>(handlers: Partial<Record<Method, MethodHandler<A>>>, errors: ErrorAnswers) {
  const allow = Object.keys(handlers).join(", ");
  const dispatch = async (args: A): Promise<Response> => {
    const method = args.request.method.toUpperCase();
    const handler = handlers[(method === "HEAD" ? "GET" : method) as Method];
    if (!handler) return errors.methodNotAllowed(allow);
    try {
      return await handler(args);
    } catch (error) {
      return errors.thrown(error);
    }
  };
  return dispatch;
}

/**
 * An API route from its methods: `export const loader = apiRoute({ GET, POST }); export const action = loader;`
 * (one handler serves both: React Router sends GET/HEAD to the loader, the rest to the action).
 * HEAD is GET without a body; any other method answers 405 with `Allow` in the
 * error shape; a thrown HttpError answers its status; anything else a bare 500.
 */
export function apiRoute<A extends ApiArgs>(handlers: Partial<Record<Method, MethodHandler<A>>>) {
  return methodRoute(handlers, {
    thrown: toErrorResponse,
    methodNotAllowed: (allow) => errorResponse(405, "Method not allowed", undefined, { Allow: allow }),
  });
}
