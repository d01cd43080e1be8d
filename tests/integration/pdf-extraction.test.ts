// PDFs are read with PDFium (WebAssembly), pdf.js reading what PDFium cannot
// open (ADR 0009): page numbers, reading order and ligatures on PDFs made here.
import { afterAll, describe, expect, it } from "vitest";
import { extractDocument, stopExtractionWorkers } from "~/modules/documents/extract.server";
import { makePdf, makeRawPdf } from "../support/documents";

afterAll(() => stopExtractionWorkers());

const read = async (bytes: Uint8Array, pdfEngine?: "pdfium" | "pdfjs") => {
  const result = await extractDocument(bytes, { hint: { filename: "file.pdf" }, pdfEngine });
  if (!result.ok) throw new Error(result.reason);
  return result.document;
};
const pageOf = (document: Awaited<ReturnType<typeof read>>, words: string) =>
  document.blocks.find((b) => document.text.slice(b.start, b.end).includes(words))?.page;

describe("PDF text with PDFium", () => {
  it("keeps each page's number, the lines' order and the title", async () => {
    const pdf = await makePdf(
      [
        ["Cairns mark mountain trails.", "They are piles of stones."],
        ["Glaciers carve valleys.", "Moraines are what they leave behind."],
        ["The third page is about huts."],
      ],
      "Trail notes",
    );
    const document = await read(pdf);
    expect(document.engine).toBe("pdfium");
    expect(document.pageCount).toBe(3);
    expect(document.title).toBe("Trail notes");
    expect(pageOf(document, "piles of stones")).toBe(1);
    expect(pageOf(document, "Moraines")).toBe(2);
    expect(pageOf(document, "huts")).toBe(3);
    expect(document.text.indexOf("Glaciers carve")).toBeLessThan(document.text.indexOf("Moraines are"));
    // Line ends as \n only: PDFium's \r\n would otherwise reach the chunks.
    expect(document.text).not.toContain("\r");
  });

  it("reads a two-column page column by column, as it is written", async () => {
    const pdf = makeRawPdf([
      [
        { x: 50, y: 740, text: "Left column starts here." },
        { x: 50, y: 720, text: "Left column ends here." },
        { x: 320, y: 740, text: "Right column starts here." },
        { x: 320, y: 720, text: "Right column ends here." },
      ],
    ]);
    const { text } = await read(pdf);
    const order = ["Left column starts", "Left column ends", "Right column starts", "Right column ends"].map((t) => text.indexOf(t));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("turns ligature glyphs into their letters, whether the font names them or maps them to U+FB01/FB02", async () => {
    const words = [{ x: 50, y: 740, text: "The of\u0001ce \u0002oor has a \u0001le cabinet." }];
    for (const ligatureCodePoints of [false, true]) {
      for (const engine of ["pdfium", "pdfjs"] as const) {
        const { text } = await read(makeRawPdf([words], { ligatureCodePoints }), engine);
        expect(text, `${engine}, ToUnicode ${ligatureCodePoints}`).toBe("The office floor has a file cabinet.");
      }
    }
  });

  it("hands a PDF that PDFium cannot open to pdf.js, whose reason then explains the refusal", async () => {
    const whole = Buffer.from(makeRawPdf([[{ x: 50, y: 740, text: "Only the header survives." }]])).toString("latin1");
    const broken = new Uint8Array(Buffer.from(whole.slice(0, whole.indexOf("xref")), "latin1"));
    const pdfiumAlone = await extractDocument(broken, { hint: { filename: "broken.pdf" }, pdfEngine: "pdfium" });
    expect(pdfiumAlone).toEqual({ ok: false, reason: "PDFium cannot open this PDF." });
    const withFallback = await extractDocument(broken, { hint: { filename: "broken.pdf" } });
    expect(withFallback.ok).toBe(false);
    expect(!withFallback.ok && withFallback.reason).toMatch(/^The PDF cannot be read \(Invalid PDF structure/);
  });

  it("reads the same text as pdf.js on an ordinary PDF", async () => {
    const pdf = await makePdf([["A first line of plain text.", "A second line."], ["Page two."]]);
    const [pdfium, pdfjs] = [await read(pdf, "pdfium"), await read(pdf, "pdfjs")];
    expect(pdfjs.engine).toBe("pdfjs");
    expect(pdfium.text).toBe(pdfjs.text);
    expect(pdfium.blocks.map((b) => b.page)).toEqual(pdfjs.blocks.map((b) => b.page));
  });
});
