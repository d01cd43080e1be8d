// What Cairn accepts as a document, in one place: the upload routes, the
// from-url fetcher, the extraction worker and the UI all read these.

/** Document types Cairn can read, recognised by their content (see sniff.server.ts). */
export const DOCUMENT_TYPES = ["pdf", "docx", "markdown", "text", "html", "csv"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A person-readable name per type, for messages and the UI. */
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  pdf: "PDF",
  docx: "Word document (.docx)",
  markdown: "Markdown",
  text: "plain text",
  html: "web page (HTML)",
  csv: "CSV table",
};

/** The MIME type Cairn stores and serves an original under. */
export const DOCUMENT_MIME_TYPES: Record<DocumentType, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  markdown: "text/markdown",
  text: "text/plain",
  html: "text/html",
  csv: "text/csv",
};

/** Largest original accepted, by upload or by URL. */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** Extraction limits: a file past these fails with a reason instead of using up the server. */
export const EXTRACTION_LIMITS = {
  /** Wall-clock time the worker may spend on one file. */
  timeoutMs: 60_000,
  /** V8 old-generation heap of the worker; exceeding it ends the worker, not the server. */
  memoryLimitMb: 512,
  /** DOCX (zip) guards, checked on the zip's directory before anything is inflated. */
  maxZipEntries: 5_000,
  maxZipUncompressedBytes: 200 * 1024 * 1024,
  /** Uncompressed/compressed ratio allowed for a large entry (XML compresses ~10×; bombs 1000×). */
  maxZipEntryRatio: 100,
  /** Extracted text longer than this is refused (about 10k pages of prose). */
  maxTextChars: 20_000_000,
} as const;

/** Limits of `from-url` fetches. */
export const FETCH_LIMITS = {
  maxBytes: MAX_DOCUMENT_BYTES,
  timeoutMs: 20_000,
  maxRedirects: 5,
  /** Content types a fetched page may have (parameters such as charset ignored). */
  contentTypes: [
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "text/x-markdown",
    "text/csv",
    "application/pdf",
    DOCUMENT_MIME_TYPES.docx,
  ],
} as const;

/** Chunk sizes in tokens (cl100k, what OpenAI's embedding models count). */
export const CHUNK_DEFAULTS = { maxTokens: 400, overlapTokens: 60 } as const;
