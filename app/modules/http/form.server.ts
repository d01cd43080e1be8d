// Form actions of pages: parse FormData with zod and turn a refusal into
// { error, fieldErrors } that the page shows beside the right field.
import { data } from "react-router";
import { z } from "zod";
import { HttpError } from "./errors";

export type FormFailure = { ok: false; error: string; fieldErrors: Record<string, string> };

/** The body of a form post; anything else (JSON, text, nothing) is a 415, not a crash. */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type))
    throw new HttpError(415, "Send the form as application/x-www-form-urlencoded or multipart/form-data");
  try {
    return await request.formData();
  } catch {
    throw new HttpError(400, "The form could not be read");
  }
}

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
