import { countTokens } from "gpt-tokenizer/encoding/cl100k_base";
import { describe, expect, it } from "vitest";
import { chunkDocument, chunkDocumentInSlices } from "~/modules/documents/chunk.server";
import { assembleDocument, type TextBlock } from "~/modules/documents/extract.server";

const heading = (level: number, title: string): TextBlock => ({ kind: "heading", level, text: `${"#".repeat(level)} ${title}`, title });
const paragraph = (text: string, page?: number): TextBlock => ({ kind: "paragraph", text, ...(page ? { page } : {}) });

/** `count` distinct sentences of about 12 tokens each. */
function sentences(count: number, topic: string): string {
  return Array.from({ length: count }, (_, i) => `Sentence ${i + 1} about ${topic} explains one more detail of the subject.`).join(" ");
}

describe("chunkDocument", () => {
  it("gives chunks whose offsets frame exactly their text, within the token budget", () => {
    const document = assembleDocument("markdown", {
      blocks: [
        heading(1, "Guide"),
        paragraph(sentences(40, "setup")),
        paragraph(sentences(25, "usage")),
        heading(2, "Limits"),
        paragraph(sentences(30, "limits")),
      ],
    });
    const chunks = chunkDocument(document, { maxTokens: 120, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(5);
    chunks.forEach((chunk, i) => {
      expect(chunk.index).toBe(i);
      expect(document.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.text).toBe(chunk.text.trim());
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(120);
    });
    // Every character of the document's words is in some chunk.
    const covered = new Uint8Array(document.text.length);
    for (const c of chunks) covered.fill(1, c.start, c.end);
    for (let i = 0; i < document.text.length; i++) if (!/\s/.test(document.text[i]!)) expect(covered[i], `offset ${i}`).toBe(1);
  });

  it("overlaps consecutive chunks of a section by whole sentences, up to the overlap budget", () => {
    const document = assembleDocument("text", { blocks: [paragraph(sentences(60, "overlap"))] });
    const chunks = chunkDocument(document, { maxTokens: 100, overlapTokens: 30 });
    expect(chunks.length).toBeGreaterThan(3);
    for (let i = 1; i < chunks.length; i++) {
      const [previous, current] = [chunks[i - 1]!, chunks[i]!];
      expect(current.start).toBeGreaterThan(previous.start);
      expect(current.start).toBeLessThan(previous.end);
      const shared = document.text.slice(current.start, previous.end);
      expect(shared).toMatch(/^Sentence \d+ .*\.$/);
      expect(countTokens(shared)).toBeLessThanOrEqual(30);
    }
  });

  it("does not overlap when overlapTokens is 0, and chunks then tile the text", () => {
    const document = assembleDocument("text", { blocks: [paragraph(sentences(60, "tiling"))] });
    const chunks = chunkDocument(document, { maxTokens: 100, overlapTokens: 0 });
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBeGreaterThanOrEqual(chunks[i - 1]!.end);
    expect(chunks.map((c) => c.text).join(" ")).toBe(document.text);
  });

  it("starts a chunk at each heading and keeps the heading path", () => {
    const document = assembleDocument("markdown", {
      blocks: [
        heading(1, "Manual"),
        paragraph("Welcome to the manual."),
        heading(2, "Install"),
        paragraph("Run the installer."),
        heading(3, "On Linux"),
        paragraph("Use the package."),
        heading(2, "Use"),
        paragraph("Open the app."),
      ],
    });
    const chunks = chunkDocument(document, { maxTokens: 200, overlapTokens: 20 });
    expect(chunks.map((c) => [c.text, c.headingPath])).toEqual([
      ["# Manual\n\nWelcome to the manual.", ["Manual"]],
      ["## Install\n\nRun the installer.", ["Manual", "Install"]],
      ["### On Linux\n\nUse the package.", ["Manual", "Install", "On Linux"]],
      ["## Use\n\nOpen the app.", ["Manual", "Use"]],
    ]);
  });

  it("keeps a heading that has no text of its own with the section under it", () => {
    const document = assembleDocument("markdown", {
      blocks: [heading(1, "Guide"), heading(2, "Setup"), paragraph("Install it."), heading(2, "Use"), paragraph("Run it.")],
    });
    expect(chunkDocument(document).map((c) => [c.text, c.headingPath])).toEqual([
      ["# Guide\n\n## Setup\n\nInstall it.", ["Guide", "Setup"]],
      ["## Use\n\nRun it.", ["Guide", "Use"]],
    ]);
  });

  it("keeps each chunk on one page and records it", () => {
    const document = assembleDocument("pdf", {
      blocks: [
        paragraph(sentences(3, "page one"), 1),
        paragraph(sentences(3, "page one again"), 1),
        paragraph(sentences(2, "page two"), 2),
        paragraph(sentences(20, "page three"), 3),
      ],
      pageCount: 3,
    });
    const chunks = chunkDocument(document, { maxTokens: 80, overlapTokens: 10 });
    expect(chunks[0]!.page).toBe(1);
    expect(chunks.map((c) => c.page)).toEqual([...chunks.map((c) => c.page)].sort());
    expect(new Set(chunks.map((c) => c.page))).toEqual(new Set([1, 2, 3]));
    for (const chunk of chunks) expect(chunk.text).not.toMatch(new RegExp(`page (?!${["one", "two", "three"][chunk.page! - 1]})`));
  });

  it("prefers to end a chunk where a paragraph ends", () => {
    // Two paragraphs of ~70 tokens: a 100-token chunk holds one, not one and a half.
    const document = assembleDocument("text", {
      blocks: [paragraph(sentences(6, "first")), paragraph(sentences(6, "second")), paragraph(sentences(6, "third"))],
    });
    const chunks = chunkDocument(document, { maxTokens: 100, overlapTokens: 0 });
    expect(chunks.map((c) => c.text.match(/about (\w+)/)![1])).toEqual(["first", "second", "third"]);
    for (const chunk of chunks) expect(chunk.text.split(" about ").length - 1).toBe(6);
  });

  it("cuts a sentence longer than a chunk at spaces, keeping every word", () => {
    const words = Array.from({ length: 600 }, (_, i) => `word${i}`).join(" ");
    const document = assembleDocument("text", { blocks: [paragraph(words)] });
    const chunks = chunkDocument(document, { maxTokens: 64, overlapTokens: 8 });
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(countTokens(chunk.text)).toBeLessThanOrEqual(64);
    expect(chunks.map((c) => c.text).join(" ")).toBe(words);
  });

  it("counts special-token markers as plain text", () => {
    const document = assembleDocument("text", { blocks: [paragraph("Hostile <|endoftext|> text <|im_start|> here.")] });
    expect(chunkDocument(document)).toHaveLength(1);
  });

  it("chunks in slices with the same result, letting the event loop run in between", async () => {
    // One block of 300 sentences: a single section must still be sliced.
    const document = assembleDocument("text", { blocks: [paragraph(sentences(300, "slicing"))] });
    let done = false;
    let turnWhileChunking = false;
    setImmediate(() => (turnWhileChunking = !done));
    const sliced = await chunkDocumentInSlices(document, { sliceMs: 0 });
    done = true;
    expect(turnWhileChunking).toBe(true);
    expect(sliced).toEqual(chunkDocument(document));
  });

  it("is deterministic", () => {
    const document = assembleDocument("markdown", {
      blocks: [heading(1, "A"), paragraph(sentences(50, "determinism")), heading(2, "B"), paragraph(sentences(50, "repeat"))],
    });
    expect(chunkDocument(document)).toEqual(chunkDocument(document));
  });

  it("refuses sizes that cannot work", () => {
    const document = assembleDocument("text", { blocks: [paragraph("Short.")] });
    expect(() => chunkDocument(document, { maxTokens: 4 })).toThrow(RangeError);
    expect(() => chunkDocument(document, { maxTokens: 100, overlapTokens: 60 })).toThrow(RangeError);
  });
});
