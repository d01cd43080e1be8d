// A document's text as extraction assembles it: blocks joined by blank lines,
// with where each block lies. Plain TypeScript without runtime imports, so the
// extraction worker (plain Node, which strips the types) shares it with the server.
import type { DocumentType } from "./limits.ts";

export type PdfEngine = "pdfium" | "pdfjs";

/** A heading or paragraph; `start`/`end` are offsets into the document's `text`. */
export type ExtractedBlock = {
  kind: "heading" | "paragraph";
  start: number;
  end: number;
  /** Heading level (1–6) and its text without markup, for headings. */
  level?: number;
  title?: string;
  /** 1-based page, for PDFs. */
  page?: number;
};

/** The extracted text: blocks joined by blank lines, and where each block lies in it. */
export type ExtractedDocument = {
  type: DocumentType;
  text: string;
  blocks: ExtractedBlock[];
  title?: string;
  pageCount?: number;
  /** Which reader read a PDF. */
  engine?: PdfEngine;
};

/** A block as the worker sends it: its text rather than offsets. */
export type TextBlock = { kind: "heading" | "paragraph"; text: string; level?: number; title?: string; page?: number };
const BLOCK_SEPARATOR = "\n\n";

/** Joins blocks into a document's text (blank lines between them) and records where each lies. */
export function assembleDocument(
  type: DocumentType,
  parsed: { blocks: TextBlock[]; title?: string; pageCount?: number; engine?: PdfEngine },
): ExtractedDocument {
  const blocks: ExtractedBlock[] = [];
  const parts: string[] = [];
  let at = 0;
  for (const { text, ...rest } of parsed.blocks) {
    if (parts.length) at += BLOCK_SEPARATOR.length;
    blocks.push({ ...rest, start: at, end: at + text.length });
    parts.push(text);
    at += text.length;
  }
  return {
    type,
    text: parts.join(BLOCK_SEPARATOR),
    blocks,
    ...(parsed.title ? { title: parsed.title } : {}),
    ...(parsed.pageCount ? { pageCount: parsed.pageCount } : {}),
    ...(parsed.engine ? { engine: parsed.engine } : {}),
  };
}
