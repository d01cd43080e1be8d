// Page loaders and actions: a refusal from a module (an HttpError) becomes the
// error page with its status, e.g. the 404 page for another workspace's chat.
import { data } from "react-router";
import { z } from "zod";
import { HttpError } from "./errors";

export function forPage<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof HttpError) throw data(error.message, { status: error.status });
    throw error;
  }
}

/** A resource id from the address: anything that is not an id is "not found". */
export function pageId(value: string | undefined, what: string): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw data(`${what} not found`, { status: 404 });
  return parsed.data;
}
