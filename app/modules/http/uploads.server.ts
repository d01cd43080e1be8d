// Reading uploaded bytes as a stream, with the size limit enforced while
// reading: an oversize body is refused after at most `maxBytes` were read.
import {
  MaxFileSizeExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  isMultipartRequest,
  parseMultipartRequest,
} from "@remix-run/multipart-parser";
import { badRequest, HttpError } from "./errors";

export type UploadedFile = { filename: string; contentType: string | undefined; bytes: Uint8Array };

const tooLarge = (maxBytes: number) => badRequest(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`);

/** How a route words its refusals, when the defaults (400 for both) do not fit its contract. */
export type UploadRefusals = { tooLarge?: () => HttpError; noFile?: () => HttpError };

/** A multipart/form-data body: its one file (field `file`) and its text fields. */
export async function readUploadForm(
  request: Request,
  maxBytes: number,
  refusals: UploadRefusals = {},
): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  if (!isMultipartRequest(request)) throw badRequest("Send the file as multipart/form-data in a field named “file”.");
  const refuseTooLarge = refusals.tooLarge ?? (() => tooLarge(maxBytes));
  const declared = Number(request.headers.get("Content-Length"));
  // A little room for the multipart framing around the file.
  if (declared > maxBytes + 64 * 1024) throw refuseTooLarge();
  let file: UploadedFile | undefined;
  // No prototype: a field named "__proto__" or "constructor" is just a field.
  const fields: Record<string, string> = Object.create(null);
  try {
    for await (const part of parseMultipartRequest(request, { maxFileSize: maxBytes, maxTotalSize: maxBytes + 64 * 1024, maxParts: 20 })) {
      if (part.isFile && part.name === "file") {
        if (file) throw badRequest("Send one file per request.");
        file = { filename: part.filename ?? "document", contentType: part.mediaType || undefined, bytes: part.bytes };
      } else if (!part.isFile && part.name) fields[part.name] = part.text;
    }
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError || error instanceof MaxTotalSizeExceededError) throw refuseTooLarge();
    if (error instanceof MaxPartsExceededError) throw badRequest("Too many form fields.");
    if (error instanceof MultipartParseError) throw badRequest(`The form could not be read: ${error.message}`);
    throw error;
  }
  if (!file) throw refusals.noFile?.() ?? new HttpError(400, "No file was sent.", [{ path: "file", message: "Required" }]);
  return { file, fields };
}
