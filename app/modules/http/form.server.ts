// Form actions of pages: parse FormData with zod and turn a refusal into
// { error, fieldErrors } that the page shows beside the right field.
import { data } from "react-router";
import { z } from "zod";
import { readBodyBytes } from "./body.server";
import { HttpError } from "./errors";

export type FormFailure = { ok: false; error: string; fieldErrors: Record<string, string> };

export function parseForm<S extends z.ZodType>(form: FormData, schema: S): z.infer<S> {
  const result = schema.safeParse(Object.fromEntries(form));
  if (!result.success)
    throw new HttpError(
      422,
      "Please correct the highlighted fields",
      result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return result.data;
}

/** Runs a page action; an HttpError becomes a FormFailure with its status, anything else is rethrown. */
export async function formAction<T>(run: () => Promise<T>) {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const fieldErrors = Object.fromEntries((error.issues ?? []).map((i) => [i.path, i.message]));
    const failure: FormFailure = { ok: false, error: error.message, fieldErrors };
    return data(failure, { status: error.status, headers: error.headers });
  }
}

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * A page form's fields, read under the body limit (413): a body that is not a
 * form answers 415, a form that cannot be parsed 400 — never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!FORM_TYPES.test(type)) throw new HttpError(415, "Send this as a form (application/x-www-form-urlencoded or multipart/form-data).");
  const bytes = await readBodyBytes(request);
  try {
    return await new Response(bytes, { headers: { "Content-Type": type } }).formData();
  } catch {
    throw new HttpError(400, "The form could not be read.");
  }
}
