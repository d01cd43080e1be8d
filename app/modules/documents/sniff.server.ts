// Recognises a document by its bytes, never by its name: magic numbers for
// binary formats, then (for text) its shape. A file name or content type is
// only a hint that chooses between text types the content allows.
import { DOCUMENT_TYPE_LABELS, type DocumentType } from "./limits";
import { readZipDirectory } from "./zip-directory.server";

export type SniffResult = { ok: true; type: DocumentType } | { ok: false; reason: string };
export type TypeHint = { filename?: string; contentType?: string };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Binary formats people try to upload that Cairn does not read, named so the refusal is clear. */
const REFUSED_SIGNATURES: { name: string; signature: number[]; at?: number }[] = [
  { name: "a PNG image", signature: [0x89, 0x50, 0x4e, 0x47] },
  { name: "a JPEG image", signature: [0xff, 0xd8, 0xff] },
  { name: "a GIF image", signature: ascii("GIF8") },
  { name: "a legacy Office file (.doc/.xls/.ppt); save it as .docx", signature: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: "a gzip archive", signature: [0x1f, 0x8b] },
  { name: "a 7-Zip archive", signature: ascii("7z\xbc\xaf") },
  { name: "a RAR archive", signature: ascii("Rar!") },
  { name: "a Windows program", signature: ascii("MZ") },
  { name: "a Linux program", signature: ascii("\x7fELF") },
  { name: "a RIFF media file (WebP, WAV, AVI)", signature: ascii("RIFF") },
  { name: "an MP3 file", signature: ascii("ID3") },
  { name: "an MP4/MOV/HEIC media file", signature: ascii("ftyp"), at: 4 },
  { name: "an RTF document; save it as .docx or PDF", signature: ascii("{\\rtf") },
];

const SNIFF_BYTES = 64 * 1024;

export function sniffDocumentType(bytes: Uint8Array, hint: TypeHint = {}): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: "The file is empty." };

  // PDF readers accept the header anywhere in the first kilobyte.
  if (indexOf(bytes.subarray(0, 1024), ascii("%PDF-")) >= 0) return { ok: true, type: "pdf" };

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const directory = readZipDirectory(bytes);
    if (!directory.ok) return { ok: false, reason: `This zip file cannot be read: ${directory.reason}.` };
    if (directory.entries.some((e) => e.name === "word/document.xml")) return { ok: true, type: "docx" };
    return { ok: false, reason: "This is a zip archive but not a Word document (it has no word/document.xml)." };
  }

  for (const { name, signature, at } of REFUSED_SIGNATURES)
    if (startsWith(bytes, signature, at)) return { ok: false, reason: `This looks like ${name}, which Cairn cannot read. ${supported()}` };

  const text = decodePrefix(bytes.subarray(0, SNIFF_BYTES));
  if (text === null) return { ok: false, reason: `This file is neither text nor a document format Cairn knows. ${supported()}` };
  return { ok: true, type: textType(text, hintedType(hint)) };
}

function supported() {
  return `Supported: ${Object.values(DOCUMENT_TYPE_LABELS).join(", ")}.`;
}

function indexOf(haystack: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The text of a prefix, or null if it is not text (invalid UTF-8/16, or control bytes). */
function decodePrefix(prefix: Uint8Array): string | null {
  const encoding = startsWith(prefix, [0xff, 0xfe]) ? "utf-16le" : startsWith(prefix, [0xfe, 0xff]) ? "utf-16be" : "utf-8";
  let text: string;
  try {
    // `stream` tolerates a character cut in half at the end of the prefix.
    text = new TextDecoder(encoding, { fatal: true }).decode(prefix, { stream: true });
  } catch {
    return null;
  }
  // NUL and most C0 controls never appear in text documents.
  // eslint-disable-next-line no-control-regex -- looking for control characters is the point
  return /[\x00-\x08\x0e-\x1a\x1c-\x1f]/.test(text) ? null : text;
}

function hintedType(hint: TypeHint): DocumentType | undefined {
  const extension = hint.filename?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  const mime = hint.contentType?.toLowerCase().split(";")[0]?.trim();
  if (extension === "md" || extension === "markdown" || mime === "text/markdown" || mime === "text/x-markdown") return "markdown";
  if (extension === "csv" || extension === "tsv" || mime === "text/csv" || mime === "text/tab-separated-values") return "csv";
  if (extension === "txt" || mime === "text/plain") return "text";
  return undefined;
}

const HTML_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]/i;
const HTML_INSIDE = /<(?:html|body)[\s>]/i;

function textType(text: string, hinted: DocumentType | undefined): DocumentType {
  const body = text.replace(/^\ufeff/, "");
  if (HTML_START.test(body) || (body.trimStart().startsWith("<") && HTML_INSIDE.test(body.slice(0, 4096)))) return "html";
  if (hinted === "markdown" || hinted === "text") return hinted;
  if (looksLikeCsv(body, hinted === "csv" ? 2 : 3)) return "csv";
  return looksLikeMarkdown(body) ? "markdown" : "text";
}

/** Every one of the first records has the same, non-zero number of delimiters (quoted fields may span lines). */
function looksLikeCsv(text: string, minRecords: number): boolean {
  return [",", ";", "\t"].some((delimiter) => {
    const counts = delimiterCounts(text, delimiter, 20);
    return counts.length >= minRecords && counts[0]! > 0 && counts.every((c) => c === counts[0]);
  });
}

/** Delimiters per record of the first `records` complete records (a record cut off by the prefix's end is left out). */
function delimiterCounts(text: string, delimiter: string, records: number): number[] {
  const counts: number[] = [];
  let count = 0;
  let quoted = false;
  let blank = true;
  for (let i = 0; i < text.length && counts.length < records; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === delimiter) count++;
    else if (c === "\n") {
      if (!blank) counts.push(count);
      count = 0;
      blank = true;
      continue;
    }
    if (c !== "\r" && c !== " ") blank = false;
  }
  // The text's last record counts only if the text is whole, not a prefix.
  if (!blank && !quoted && text.length < SNIFF_BYTES && counts.length < records) counts.push(count);
  return counts;
}

function looksLikeMarkdown(text: string): boolean {
  if (/^#{1,6}[ \t]+\S/m.test(text) || /^(```|~~~)/m.test(text)) return true;
  const signals = [
    /^\s*[-*+][ \t]+\S/m, // bullet list
    /^\s*\d+\.[ \t]+\S/m, // numbered list
    /\[[^\]\n]+\]\([^)\s]+\)/, // link
    /^>[ \t]?\S/m, // quote
    /\*\*[^*\n]+\*\*|__[^_\n]+__/, // bold
    /^\|.*\|[ \t]*$/m, // table row
    /`[^`\n]+`/, // inline code
  ];
  return signals.filter((s) => s.test(text)).length >= 2;
}
