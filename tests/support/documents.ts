// Real documents made by the tests: PDFs with pdf-lib, DOCX with docx, and
// hand-built zips for the hostile cases (bombs whose directory tells the
// truth, and bombs that lie about their sizes).
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import zlib from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";

/** A PDF with one page per entry; each line of a page is drawn on its own line. */
export async function makePdf(pages: string[][], title?: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  if (title) pdf.setTitle(title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([612, 792]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 740 - i * 18, size: 12, font }));
  }
  return pdf.save();
}

export type DocxPart = { heading?: 1 | 2 | 3; text: string };

/** A Word document of headings and paragraphs. */
export async function makeDocx(parts: DocxPart[]): Promise<Uint8Array> {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  const doc = new Document({
    sections: [{ children: parts.map((p) => new Paragraph(p.heading ? { text: p.text, heading: levels[p.heading] } : { text: p.text })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export type ZipPart = { name: string; data: Uint8Array; /** What the directory claims; defaults to the truth. */ declaredSize?: number };

/** A zip (deflate) built byte by byte, so a test can make its directory lie. */
export function makeZip(parts: ZipPart[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const compressed = zlib.deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const crc = zlib.crc32(part.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const text = (s: string) => new Uint8Array(Buffer.from(s));
const WORD_XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Bomb</w:t></w:r></w:p></w:body></w:document>`;

/** The minimum a zip needs to be taken for a Word document, plus `extra` entries. */
export function makeDocxLikeZip(extra: ZipPart[]): Uint8Array {
  return makeZip([
    {
      name: "[Content_Types].xml",
      data: text(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    },
    { name: "word/document.xml", data: text(WORD_XML) },
    ...extra,
  ]);
}

export type RawPdfText = { x: number; y: number; text: string };

/**
 * A PDF written by hand, drawing each page's texts in the order given (so a
 * test chooses the content stream's order). Its Helvetica maps byte 1 to the
 * "fi" glyph and byte 2 to "fl"; with `ligatureCodePoints` its ToUnicode map
 * says they are U+FB01 and U+FB02, as fonts with ligatures do.
 */
export function makeRawPdf(pages: RawPdfText[][], options: { ligatureCodePoints?: boolean } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  const stream = (content: string) => `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;
  const escape = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const toUnicode = options.ligatureCodePoints
    ? add(
        stream(
          "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Ligatures def " +
            "1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <01> <FB01> <02> <FB02> endbfchar " +
            "endcmap CMapName currentdict /CMap defineresource pop end end",
        ),
      )
    : undefined;
  const font = add(
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >>${toUnicode ? ` /ToUnicode ${toUnicode} 0 R` : ""} >>`,
  );
  const contents = pages.map((texts) =>
    add(stream(texts.map(({ x, y, text }) => `BT /F1 12 Tf ${x} ${y} Td (${escape(text)}) Tj ET`).join("\n"))),
  );
  const pagesId = objects.length + pages.length + 1;
  const pageIds = contents.map((content) =>
    add(
      `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
    ),
  );
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`);
  const catalog = add(`<< /Type /Catalog /Pages ${pagesId} 0 R >>`);
  let pdf = "%PDF-1.4\n";
  const offsets = objects.map((body, i) => {
    const offset = Buffer.byteLength(pdf, "latin1");
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = Buffer.byteLength(pdf, "latin1");
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(pdf, "latin1"));
}
