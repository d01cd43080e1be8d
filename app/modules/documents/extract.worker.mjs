// Extraction worker: turns one document's bytes into text blocks (headings
// and paragraphs, with page numbers for PDFs). It runs in a worker_threads
// worker with a memory limit and a timeout (extract.server.ts), so a hostile
// or broken file ends this thread, never the server. A worker that finished
// a document cleanly is reused for the next one (the parsers load once).
//
// Plain JavaScript on purpose: the server bundle (build/server/index.js) does
// not include it, and Node must be able to start it as-is in development, in
// tests and in production alike. It imports runtime dependencies, and the
// chunker (chunk.server.ts, assemble.ts, limits.ts), whose types Node strips.
//
// In:  messages { type: "pdf"|"docx"|"markdown"|"text"|"html"|"csv", bytes: Uint8Array, maxTextChars: number,
//                 zipEntries?: the DOCX's directory as zip-directory.server.ts read it,
//                 pdfEngine?: "pdfium"|"pdfjs" to use only that one, chunk?: also chunk the text }, one at a time
// Out: one message per document, { ok: true, blocks, title?, pageCount?, engine?, chunks?, retire? } or { ok: false, reason }
//      where a block is { kind: "heading"|"paragraph", text, title?, level?, page? }.
import { parentPort } from "node:worker_threads";
import zlib from "node:zlib";
import { runInBackground } from "./background-priority.mjs";

runInBackground();

class Refusal extends Error {}

const extractors = {
  pdf: extractPdf,
  docx: extractDocx,
  html: extractHtml,
  markdown: extractMarkdown,
  text: extractPlainText,
  csv: extractCsv,
};

function readableReason(error, type) {
  if (error instanceof Refusal) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  const name = error?.name ?? "";
  if (type === "pdf") {
    if (name === "PasswordException") return "The PDF is password-protected.";
    return `The PDF cannot be read (${message || name}); it may be corrupt.`;
  }
  if (type === "docx") return `The Word document cannot be read (${message}); it may be corrupt.`;
  return `The document cannot be read: ${message}`;
}

// ---- text formats ---------------------------------------------------------

function decodeText(bytes) {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8";
  try {
    // The decoder drops a byte-order mark.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/\r\n?/g, "\n");
  } catch {
    throw new Refusal(`The file is not valid ${encoding.toUpperCase()} text.`);
  }
}

function paragraphs(text, page) {
  return text
    .split(/\n[ \t]*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (page === undefined ? { kind: "paragraph", text: part } : { kind: "paragraph", text: part, page }));
}

function extractPlainText(bytes) {
  return { blocks: paragraphs(decodeText(bytes)) };
}

/** Headings (ATX and setext) and paragraphs; a fenced code block stays one block. */
function extractMarkdown(bytes) {
  const lines = decodeText(bytes).split("\n");
  const blocks = [];
  let pending = [];
  const flush = () => {
    const text = pending.join("\n").trim();
    if (text) blocks.push({ kind: "paragraph", text });
    pending = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^\s*(```|~~~)/);
    if (fence) {
      flush();
      const code = [line];
      while (++i < lines.length) {
        code.push(lines[i]);
        if (lines[i].trimStart().startsWith(fence[1])) break;
      }
      blocks.push({ kind: "paragraph", text: code.join("\n").trim() });
      continue;
    }
    const atx = line.match(/^\s{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/);
    if (atx) {
      flush();
      blocks.push({ kind: "heading", level: atx[1].length, text: line.trim(), title: atx[2] || line.trim() });
      continue;
    }
    const underline = lines[i + 1]?.match(/^\s{0,3}(=+|-+)\s*$/);
    if (underline && line.trim() && pending.length === 0) {
      blocks.push({
        kind: "heading",
        level: underline[1][0] === "=" ? 1 : 2,
        text: `${line.trim()}\n${lines[i + 1].trim()}`,
        title: line.trim(),
      });
      i++;
      continue;
    }
    if (line.trim() === "") flush();
    else pending.push(line);
  }
  flush();
  return { blocks };
}

/** Rows of a CSV (RFC 4180 quoting, `,` `;` or tab), each as "column: value; …" under the header's names. */
function extractCsv(bytes) {
  const text = decodeText(bytes);
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length]).sort((a, b) => b[1] - a[1])[0][0];
  const rows = parseCsv(text, delimiter).filter((row) => row.some((cell) => cell.trim() !== ""));
  if (rows.length === 0) return { blocks: [] };
  const header = rows[0].map((name, i) => name.trim() || `column ${i + 1}`);
  const blocks = [{ kind: "heading", level: 1, text: `Columns: ${header.join(", ")}`, title: "Table" }];
  for (const row of rows.slice(1)) {
    const cells = row
      .map((cell, i) => [header[i] ?? `column ${i + 1}`, cell.trim()])
      .filter(([, value]) => value !== "")
      .map(([name, value]) => `${name}: ${value}`);
    blocks.push({ kind: "paragraph", text: cells.join("; ") });
  }
  return { blocks };
}

/** RFC 4180 records: a sticky regex takes one field at a time (quoted, with "" for a quote, or bare). */
function parseCsv(text, delimiter) {
  const escaped = delimiter === "\t" ? "\\t" : delimiter;
  const field = new RegExp(`"((?:[^"]|"")*)"|([^"${escaped}\\n]*)`, "y");
  const rows = [];
  let row = [];
  let at = 0;
  while (at <= text.length) {
    field.lastIndex = at;
    const match = field.exec(text);
    let value = match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2];
    at = field.lastIndex;
    // A stray quote inside a bare field, or text after a closing quote: keep it, up to the next delimiter.
    if (at < text.length && text[at] !== delimiter && text[at] !== "\n") {
      let end = at;
      while (end < text.length && text[end] !== delimiter && text[end] !== "\n") end++;
      value += text.slice(at, end);
      at = end;
    }
    row.push(value);
    if (text[at] === delimiter) {
      at++;
      continue;
    }
    rows.push(row);
    row = [];
    at++;
  }
  return rows;
}

// ---- HTML and DOCX (both become HTML, then blocks) --------------------------

const SKIPPED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "NAV", "FORM", "BUTTON"]);
const LEAF_BLOCKS = new Set(["P", "PRE", "BLOCKQUOTE", "DT", "DD", "FIGCAPTION", "CAPTION", "ADDRESS"]);
const CONTAINERS = new Set([
  "HTML",
  "BODY",
  "MAIN",
  "ARTICLE",
  "SECTION",
  "DIV",
  "HEADER",
  "FOOTER",
  "ASIDE",
  "UL",
  "OL",
  "DL",
  "LI",
  "TABLE",
  "THEAD",
  "TBODY",
  "TFOOT",
  "FIGURE",
  "DETAILS",
  "SUMMARY",
  "CENTER",
  "FIELDSET",
]);
const collapse = (text) => text.replace(/\s+/g, " ").trim();

/** Walks an element tree into heading and paragraph blocks; inline runs between blocks become paragraphs. */
function htmlBlocks(root) {
  const blocks = [];
  let inline = "";
  const flush = () => {
    const text = collapse(inline);
    if (text) blocks.push({ kind: "paragraph", text });
    inline = "";
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        inline += child.textContent;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const tag = child.tagName.toUpperCase();
      if (SKIPPED.has(tag)) continue;
      const heading = tag.match(/^H([1-6])$/);
      if (heading) {
        flush();
        const text = collapse(child.textContent);
        if (text) blocks.push({ kind: "heading", level: Number(heading[1]), text, title: text });
      } else if (tag === "TR") {
        flush();
        const cells = [...child.children].map((cell) => collapse(cell.textContent)).filter(Boolean);
        if (cells.length) blocks.push({ kind: "paragraph", text: cells.join(" | ") });
      } else if (
        tag === "LI" &&
        ![...child.children].some((c) => CONTAINERS.has(c.tagName.toUpperCase()) || LEAF_BLOCKS.has(c.tagName.toUpperCase()))
      ) {
        flush();
        const text = collapse(child.textContent);
        if (text) blocks.push({ kind: "paragraph", text: `- ${text}` });
      } else if (tag === "PRE") {
        flush();
        const text = child.textContent.replace(/^\n+|\s+$/g, "");
        if (text.trim()) blocks.push({ kind: "paragraph", text });
      } else if (LEAF_BLOCKS.has(tag)) {
        flush();
        inline = child.textContent;
        flush();
      } else if (CONTAINERS.has(tag)) {
        flush();
        walk(child);
        flush();
      } else if (tag === "BR") inline += "\n";
      else inline += child.textContent;
    }
  };
  walk(root);
  flush();
  return blocks;
}

const MAX_NESTING = 512;
// Elements HTML never closes implicitly, so their open/close tags give a page's real nesting depth.
const EXPLICITLY_CLOSED =
  /<(\/?)(?:div|span|section|article|main|aside|table|ul|ol|blockquote|a|b|i|em|strong|font|center)\b[^>]*?(\/?)>/gi;

/** DOM building and Readability's tree walks grow far worse than linearly with depth; real pages nest a few dozen deep. */
function refuseDeepNesting(html) {
  let depth = 0;
  for (const [, closing, selfClosing] of html.matchAll(EXPLICITLY_CLOSED)) {
    if (selfClosing) continue;
    depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth > MAX_NESTING)
      throw new Refusal(`The page nests its elements more than ${MAX_NESTING} deep, which no real page does; it was not read.`);
  }
}

async function extractHtml(bytes) {
  const { parseHTML } = await import("linkedom");
  const { Readability } = await import("@mozilla/readability");
  const html = decodeText(bytes);
  refuseDeepNesting(html);
  const { document } = parseHTML(html);
  const pageTitle = collapse(document.querySelector("title")?.textContent ?? "");
  // Readability keeps the article and drops page chrome (menus, footers, ads).
  const article = new Readability(document, { charThreshold: 100 }).parse();
  let blocks;
  if (article?.content) {
    blocks = htmlBlocks(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body);
  } else {
    // Not article-shaped (a short page, a list): the whole body, chrome removed.
    const { document: whole } = parseHTML(html);
    for (const chrome of whole.querySelectorAll("header, footer, nav, aside, script, style")) chrome.remove();
    blocks = htmlBlocks(whole.body ?? whole.documentElement);
  }
  const title = collapse(article?.title ?? "") || pageTitle || undefined;
  if (title && !blocks.some((b) => b.kind === "heading" && b.title === title))
    blocks.unshift({ kind: "heading", level: 1, text: title, title });
  return { blocks, title };
}

/**
 * The zip's directory declared sizes within limits (checked before this
 * worker started); a bomb may lie about them. Each entry is inflated here
 * with its declared size as a hard cap, so memory stays bounded by what was
 * declared, before mammoth inflates anything without such a cap.
 */
function verifyDeclaredSizes(bytes, entries) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50)
      throw new Refusal("The Word document's zip structure is corrupt.");
    const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    let size;
    if (entry.method === 0) size = data.length;
    else if (entry.method === 8) {
      try {
        size = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) }).length;
      } catch (error) {
        if (error?.code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError)
          throw new Refusal(
            `The Word document was refused: "${entry.name}" inflates to more than the ${entry.uncompressedSize} bytes it declares, which is how zip bombs hide.`,
          );
        throw new Refusal(`The Word document's "${entry.name}" is corrupt (${error.message}).`);
      }
    } else throw new Refusal(`The Word document uses a zip compression method (${entry.method}) Word never writes.`);
    if (size !== entry.uncompressedSize)
      throw new Refusal(`The Word document's "${entry.name}" does not match its declared size; the file is corrupt.`);
  }
}

async function extractDocx(bytes, { zipEntries }) {
  verifyDeclaredSizes(bytes, zipEntries ?? []);
  const mammoth = (await import("mammoth")).default;
  const { parseHTML } = await import("linkedom");
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = htmlBlocks(document.body);
  const title = blocks.find((b) => b.kind === "heading")?.title;
  return { blocks, title };
}

// ---- PDF --------------------------------------------------------------------
// PDFium (compiled to WebAssembly) reads PDFs about twice as fast as pdf.js in
// a third of the memory (ADR 0009); pdf.js reads what PDFium cannot open.

const FPDF_ERR_PASSWORD = 4;
/** Past this much WebAssembly memory (which never shrinks) the worker is retired after its document. */
const PDFIUM_RETIRE_BYTES = 256 * 1024 * 1024;

let pdfium;
async function loadPdfium() {
  if (!pdfium) {
    const { init } = await import("@embedpdf/pdfium");
    const fs = await import("node:fs");
    const wasmBinary = fs.readFileSync(new URL(import.meta.resolve("@embedpdf/pdfium/pdfium.wasm")));
    pdfium = await init({ wasmBinary });
    pdfium.PDFiumExt_Init();
  }
  return pdfium;
}

/** PDFium's text: CRLF line ends, NUL/STX markers for soft hyphens and generated breaks. */
const cleanPdfText = (text) =>
  text
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex -- markers PDFium leaves in its text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    // Presentation-form ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ) become their letters, so "ﬁle" is found by "file".
    .replace(/[\ufb00-\ufb06]/g, (ligature) => ligature.normalize("NFKC"));

function readPdfiumString(module, length, read) {
  if (length <= 2) return "";
  const buffer = module.pdfium.wasmExports.malloc(length);
  try {
    read(buffer, length);
    return new TextDecoder("utf-16le").decode(module.pdfium.HEAPU8.subarray(buffer, buffer + length - 2));
  } finally {
    module.pdfium.wasmExports.free(buffer);
  }
}

/** Reads with PDFium; null when PDFium cannot open the file (pdf.js then tries). */
async function extractPdfWithPdfium(bytes) {
  const module = await loadPdfium();
  const { pdfium: heap } = module;
  const data = heap.wasmExports.malloc(bytes.length);
  heap.HEAPU8.set(bytes, data);
  const document = module.FPDF_LoadMemDocument(data, bytes.length, "");
  try {
    if (!document) {
      if (module.FPDF_GetLastError() === FPDF_ERR_PASSWORD) throw new Refusal("The PDF is password-protected.");
      return null;
    }
    const pageCount = module.FPDF_GetPageCount(document);
    const blocks = [];
    for (let index = 0; index < pageCount; index++) {
      const page = module.FPDF_LoadPage(document, index);
      if (!page) continue;
      const textPage = module.FPDFText_LoadPage(page);
      try {
        const chars = textPage ? module.FPDFText_CountChars(textPage) : 0;
        const text =
          chars > 0 ? readPdfiumString(module, (chars + 1) * 2, (buffer) => module.FPDFText_GetText(textPage, 0, chars, buffer)) : "";
        blocks.push(...paragraphs(cleanPdfText(text), index + 1));
      } finally {
        if (textPage) module.FPDFText_ClosePage(textPage);
        module.FPDF_ClosePage(page);
      }
    }
    const titleLength = module.FPDF_GetMetaText(document, "Title", 0, 0);
    const title = readPdfiumString(module, titleLength, (buffer, length) =>
      module.FPDF_GetMetaText(document, "Title", buffer, length),
    ).trim();
    return { blocks, pageCount, ...(title ? { title } : {}), engine: "pdfium" };
  } finally {
    if (document) module.FPDF_CloseDocument(document);
    heap.wasmExports.free(data);
  }
}

async function extractPdfWithPdfJs(bytes) {
  const { getDocumentProxy, extractText } = await import("unpdf");
  // No code generated from font programs (the path of CVE-2024-4367), no system fonts: only text is wanted.
  const pdf = await getDocumentProxy(bytes, { isEvalSupported: false, useSystemFonts: false });
  try {
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    const blocks = text.flatMap((pageText, index) => paragraphs(cleanPdfText(pageText), index + 1));
    const info = (await pdf.getMetadata().catch(() => null))?.info;
    const title = typeof info?.Title === "string" && info.Title.trim() ? info.Title.trim() : undefined;
    return { blocks, title, pageCount: totalPages, engine: "pdfjs" };
  } finally {
    // This worker reads the next document too: free this one's pages and objects.
    await pdf.loadingTask.destroy();
  }
}

/** PDFium first; pdf.js for a file PDFium cannot open or finds no text in (`engine` forces one, for the bench). */
async function extractPdf(bytes, { pdfEngine }) {
  if (pdfEngine === "pdfjs") return extractPdfWithPdfJs(bytes);
  let read = null;
  try {
    // PDFium copies the bytes into its own memory, so they are still whole for pdf.js below.
    read = await extractPdfWithPdfium(bytes);
  } catch (error) {
    if (error instanceof Refusal) throw error;
    // A trap inside PDFium may leave its memory inconsistent: the next PDF gets a fresh instance.
    pdfium = undefined;
    if (pdfEngine === "pdfium") throw error;
  }
  if (read && (read.blocks.length > 0 || pdfEngine === "pdfium")) return read;
  if (pdfEngine === "pdfium") throw new Refusal("PDFium cannot open this PDF.");
  return extractPdfWithPdfJs(bytes);
}

// ---- chunks -------------------------------------------------------------------

/** The server's own chunker on the text as the server assembles it, so offsets match. */
async function chunkHere(type, parsed) {
  const { assembleDocument } = await import("./assemble.ts");
  const { chunkDocument } = await import("./chunk.server.ts");
  return chunkDocument(assembleDocument(type, parsed));
}

// ---- main (last: the helpers above are `const`s it needs initialised) --------

// One document per message; the parsers stay loaded between documents.
parentPort.on("message", async (input) => {
  try {
    const { type, bytes, maxTextChars } = input;
    const result = await extractors[type](bytes, input);
    const blocks = result.blocks.filter((block) => block.text.trim() !== "");
    const chars = blocks.reduce((n, block) => n + block.text.length + 2, 0);
    if (blocks.length === 0)
      throw new Refusal(
        type === "pdf" ? "The PDF has no text layer (a scan?); Cairn does not read text from images." : "The document contains no text.",
      );
    if (chars > maxTextChars) throw new Refusal(`The document's text is too long (${chars} characters, at most ${maxTextChars}).`);
    // Chunking here keeps the tokenizer's seconds of CPU off the server's thread (ADR 0009).
    const chunks = input.chunk ? await chunkHere(type, { ...result, blocks }) : undefined;
    // A worker whose WebAssembly memory grew large is replaced rather than reused.
    const retire = (pdfium?.pdfium.HEAPU8.length ?? 0) > PDFIUM_RETIRE_BYTES;
    parentPort.postMessage({ ok: true, ...result, blocks, ...(chunks ? { chunks } : {}), ...(retire ? { retire } : {}) });
  } catch (error) {
    parentPort.postMessage({ ok: false, reason: readableReason(error, input?.type) });
  }
});
