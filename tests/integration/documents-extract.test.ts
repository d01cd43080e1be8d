// Extraction through the real worker, on real files made here.
import { afterAll, describe, expect, it } from "vitest";
import { chunkDocument } from "~/modules/documents/chunk.server";
import { extractDocument, extractionWorkerPath, stopExtractionWorkers, type ExtractedDocument } from "~/modules/documents/extract.server";
import { sniffDocumentType } from "~/modules/documents/sniff.server";
import { makeDocx, makeDocxLikeZip, makePdf, makeZip } from "../support/documents";

afterAll(stopExtractionWorkers);

const utf8 = (text: string) => new TextEncoder().encode(text);

async function extracted(bytes: Uint8Array, hint?: { filename?: string }): Promise<ExtractedDocument> {
  const result = await extractDocument(bytes, { hint });
  if (!result.ok) throw new Error(`expected success, got: ${result.reason}`);
  return result.document;
}

async function refused(bytes: Uint8Array, options: Parameters<typeof extractDocument>[1] = {}): Promise<string> {
  const result = await extractDocument(bytes, options);
  if (result.ok) throw new Error(`expected a refusal, got a ${result.document.type}`);
  return result.reason;
}

/** Each block's text, with heading levels and pages when present. */
const blockTexts = (doc: ExtractedDocument) =>
  doc.blocks.map((b) => `${b.kind === "heading" ? `h${b.level} ` : ""}${b.page ? `p${b.page} ` : ""}${doc.text.slice(b.start, b.end)}`);

describe("extractDocument: each type from a real file", () => {
  it("reads a multi-page PDF page by page", async () => {
    const pdf = await makePdf(
      [
        ["Annual report", "Revenue grew in the first quarter."],
        ["Costs fell in the second quarter."],
        ["The outlook for next year is stable."],
      ],
      "Annual report 2026",
    );
    const doc = await extracted(pdf, { filename: "report.txt" });
    expect(doc.type).toBe("pdf");
    expect(doc.pageCount).toBe(3);
    expect(doc.title).toBe("Annual report 2026");
    expect(blockTexts(doc)).toEqual([
      "p1 Annual report\nRevenue grew in the first quarter.",
      "p2 Costs fell in the second quarter.",
      "p3 The outlook for next year is stable.",
    ]);
    const chunks = chunkDocument(doc);
    expect(chunks.map((c) => c.page)).toEqual([1, 2, 3]);
    expect(chunks[1]!.text).toBe("Costs fell in the second quarter.");
  });

  it("reads a DOCX with its headings", async () => {
    const docx = await makeDocx([
      { heading: 1, text: "Handbook" },
      { text: "Welcome to the team." },
      { heading: 2, text: "Holidays" },
      { text: "Everyone gets 25 days." },
    ]);
    const doc = await extracted(docx, { filename: "handbook.pdf" });
    expect(doc.type).toBe("docx");
    expect(blockTexts(doc)).toEqual(["h1 Handbook", "Welcome to the team.", "h2 Holidays", "Everyone gets 25 days."]);
    expect(chunkDocument(doc).map((c) => c.headingPath)).toEqual([["Handbook"], ["Handbook", "Holidays"]]);
  });

  it("reads an HTML page's article, not its chrome, keeping headings", async () => {
    const body = (topic: string) => `<p>${`The ${topic} section explains how the product handles real workloads. `.repeat(8)}</p>`;
    const html = `<!doctype html><html><head><title>Scaling notes</title><script>var tracking = 1;</script></head><body>
      <header><nav><a href="/">Home</a><a href="/pricing">Pricing</a><a href="/login">Log in</a></nav></header>
      <main><article><h1>Scaling notes</h1>${body("introduction")}<h2>Caching</h2>${body("caching")}<ul><li>First point</li><li>Second point</li></ul></article></main>
      <footer>© 2026 Example Corp. All rights reserved. Cookie settings.</footer></body></html>`;
    const doc = await extracted(utf8(html));
    expect(doc.type).toBe("html");
    expect(doc.title).toBe("Scaling notes");
    const texts = blockTexts(doc);
    expect(texts[0]).toBe("h1 Scaling notes");
    expect(texts).toContain("h2 Caching");
    expect(texts).toContain("- First point");
    expect(doc.text).toContain("The caching section explains");
    for (const chrome of ["Pricing", "Log in", "All rights reserved", "tracking"]) expect(doc.text).not.toContain(chrome);
  });

  it("reads Markdown headings (ATX and setext), paragraphs and fenced code", async () => {
    const markdown =
      "# Title\n\nIntro paragraph\nwith two lines.\n\n## Code\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nSetext heading\n--------------\n\nLast words.\n";
    const doc = await extracted(utf8(markdown), { filename: "notes.md" });
    expect(doc.type).toBe("markdown");
    expect(blockTexts(doc)).toEqual([
      "h1 # Title",
      "Intro paragraph\nwith two lines.",
      "h2 ## Code",
      "```js\nconst a = 1;\n\nconst b = 2;\n```",
      "h2 Setext heading\n--------------",
      "Last words.",
    ]);
    expect(doc.blocks.filter((b) => b.kind === "heading").map((b) => b.title)).toEqual(["Title", "Code", "Setext heading"]);
  });

  it("reads plain text (UTF-8 and UTF-16) as paragraphs", async () => {
    const text = "First paragraph — with an em dash.\r\n\r\nSecond paragraph: café.\n";
    expect(blockTexts(await extracted(utf8(text)))).toEqual(["First paragraph — with an em dash.", "Second paragraph: café."]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    const doc = await extracted(utf16);
    expect(doc.type).toBe("text");
    expect(doc.text).toBe("First paragraph — with an em dash.\n\nSecond paragraph: café.");
  });

  it("reads a CSV into readable rows, quotes and all", async () => {
    const csv = 'name,city,note\nAlice,Paris,"likes ""quotes"", commas"\nBob,Berlin,\n"Carol","Lyon","two\nlines"\n';
    const doc = await extracted(utf8(csv));
    expect(doc.type).toBe("csv");
    expect(blockTexts(doc)).toEqual([
      "h1 Columns: name, city, note",
      'name: Alice; city: Paris; note: likes "quotes", commas',
      "name: Bob; city: Berlin",
      "name: Carol; city: Lyon; note: two\nlines",
    ]);
    // Semicolons, blank rows, and stray quotes kept as text rather than swallowing the rest of the file.
    const messy = await extracted(utf8('a;b;c\n1;"x""y";3\n\n7;bad"quote;9\n"q"tail;2;3\nlast;row;end'), { filename: "export.csv" });
    expect(blockTexts(messy).slice(1)).toEqual([
      'a: 1; b: x"y; c: 3',
      'a: 7; b: bad"quote; c: 9',
      "a: qtail; b: 2; c: 3",
      "a: last; b: row; c: end",
    ]);
  });
});

describe("sniffDocumentType", () => {
  it("goes by content, not by name", async () => {
    expect(sniffDocumentType(await makePdf([["x"]]), { filename: "a.docx" })).toEqual({ ok: true, type: "pdf" });
    expect(sniffDocumentType(utf8("<!DOCTYPE html><html><body>x</body></html>"), { filename: "a.pdf" })).toEqual({
      ok: true,
      type: "html",
    });
    expect(sniffDocumentType(utf8("# Heading\n\ntext"))).toEqual({ ok: true, type: "markdown" });
    expect(sniffDocumentType(utf8("Just a note, nothing more.\nAnother line."))).toEqual({ ok: true, type: "text" });
    expect(sniffDocumentType(utf8("a;b\n1;2\n3;4\n"))).toEqual({ ok: true, type: "csv" });
    // A name may choose between text types the content allows.
    expect(sniffDocumentType(utf8("plain words"), { filename: "x.md" })).toEqual({ ok: true, type: "markdown" });
    expect(sniffDocumentType(utf8("a,b\n1,2\n"), { filename: "x.csv" })).toEqual({ ok: true, type: "csv" });
  });

  it("names what it refuses", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(sniffDocumentType(png, { filename: "photo.pdf" })).toMatchObject({ ok: false, reason: expect.stringMatching(/PNG image/) });
    expect(sniffDocumentType(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toMatchObject({
      reason: expect.stringMatching(/legacy Office/),
    });
    expect(sniffDocumentType(new Uint8Array([0x00, 0x01, 0x02, 0xff, 0xfe, 0x80]))).toMatchObject({
      reason: expect.stringMatching(/neither text nor/),
    });
    expect(sniffDocumentType(makeZip([{ name: "a.txt", data: utf8("hi") }]))).toMatchObject({
      reason: expect.stringMatching(/not a Word document/),
    });
    expect(sniffDocumentType(new Uint8Array())).toMatchObject({ reason: "The file is empty." });
  });
});

describe("extractDocument: hostile and broken files fail cleanly", () => {
  it("refuses wrong magic bytes whatever the name says", async () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    expect(await refused(jpeg, { hint: { filename: "scan.pdf" } })).toMatch(/JPEG image, which Cairn cannot read/);
  });

  it("refuses a corrupt PDF with a reason", async () => {
    const pdf = await makePdf([["Some text that will be cut off."]]);
    const corrupt = new Uint8Array(pdf.subarray(0, 400));
    expect(await refused(corrupt)).toMatch(/^The PDF cannot be read \(.+\); it may be corrupt\.$/);
    expect(await refused(utf8("%PDF-1.7\nthis is not a pdf at all\n%%EOF"))).toMatch(/The PDF cannot be read/);
  });

  it("refuses a PDF without a text layer", async () => {
    expect(await refused(await makePdf([[], []]))).toMatch(/no text layer/);
  });

  it("refuses a DOCX zip bomb from its directory, before inflating it", async () => {
    const bomb = makeDocxLikeZip([{ name: "word/media/image1.png", data: new Uint8Array(64 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await refused(bomb)).toMatch(/would inflate \d+× \(64 MB\), which looks like a zip bomb/);
    const many = makeDocxLikeZip(Array.from({ length: 6000 }, (_, i) => ({ name: `word/f${i}.xml`, data: utf8("<a/>") })));
    expect(await refused(many)).toMatch(/holds 6002 files/);
  });

  it("refuses a DOCX bomb that lies about its sizes, in bounded memory", async () => {
    const liar = makeDocxLikeZip([{ name: "word/media/image1.png", data: new Uint8Array(256 * 1024 * 1024), declaredSize: 1000 }]);
    expect(await refused(liar)).toMatch(/inflates to more than the 1000 bytes it declares/);
  });

  it("refuses a corrupt DOCX", async () => {
    const docx = await makeDocx([{ text: "Hello" }]);
    const broken = new Uint8Array(docx);
    // Scribble over the first entry's compressed data; the directory at the end stays intact.
    broken.fill(0x41, 60, 400);
    expect(await refused(broken)).toMatch(/Word document/);
  });

  it("refuses an HTML page nested deeper than any real page", async () => {
    const deep = `<!doctype html><html><body>${"<div>".repeat(100_000)}deep${"</div>".repeat(100_000)}</body></html>`;
    expect(await refused(utf8(deep))).toBe("The page nests its elements more than 512 deep, which no real page does; it was not read.");
  });

  it("refuses an oversize file before reading it", async () => {
    expect(await refused(utf8("x".repeat(2000)), { maxBytes: 1000 })).toMatch(/too large \(0\.0 MB; at most 0\.0 MB\)/);
  });

  it("ends a worker that runs out of time or memory, and the server carries on", async () => {
    const pages = Array.from({ length: 30 }, (_, i) => [`Page ${i + 1} text.`]);
    const pdf = await makePdf(pages);
    expect(await refused(pdf, { timeoutMs: 1 })).toBe("Reading the file took longer than 1 ms and was stopped.");
    // 9 MB of HTML builds a DOM far larger than a 16 MB heap.
    const html = utf8(`<!doctype html><html><body>${"<div><p>Some words here and there.</p></div>".repeat(200_000)}</body></html>`);
    expect(await refused(html, { memoryLimitMb: 16 })).toBe("Reading the file needed more than 16 MB of memory and was stopped.");
    // A limit too small for V8 to start a heap at all is raised to a floor instead of aborting the process.
    expect(await refused(html, { memoryLimitMb: 1 })).toBe("Reading the file needed more than 16 MB of memory and was stopped.");
    // The same PDF is read fine afterwards.
    expect((await extracted(pdf)).pageCount).toBe(30);
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const pending = extractDocument(utf8("Some text."), { signal: controller.signal });
    controller.abort();
    expect(await pending).toEqual({ ok: false, reason: "Extraction was cancelled." });
  });
});

describe("the extraction worker's file", () => {
  it("is found beside the module in development and tests", () => {
    expect(extractionWorkerPath()).toMatch(/app\/modules\/documents\/extract\.worker\.mjs$/);
  });
});
