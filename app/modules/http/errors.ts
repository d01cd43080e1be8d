// The one error shape of Cairn's API: { error, issues? }.
export type ErrorIssue = { path: string; message: string };
export type ErrorBody = { error: string; issues?: ErrorIssue[] };

/** An error a client caused or may see; anything else is a 500 without details. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: HeadersInit,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, issues?: ErrorIssue[]) => new HttpError(400, message, issues);
export const unauthorized = (message = "Authentication required") => new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message = "Not found") => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);
