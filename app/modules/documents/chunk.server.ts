// Splits an extracted document into chunks for embedding and search. Chunks
// follow the document's structure: a heading or a new page starts a new
// chunk, a chunk prefers to end where a paragraph ends, and only a sentence
// longer than a whole chunk is cut mid-way. Sizes are in cl100k tokens (what
// OpenAI's embedding models count); every sentence is tokenized once.
import { countTokens } from "gpt-tokenizer/encoding/cl100k_base";
import type { ExtractedDocument } from "./assemble.ts";
import { CHUNK_DEFAULTS } from "./limits.ts";

export type Chunk = {
  /** 0-based position in the document. */
  index: number;
  /** Exactly `document.text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** Tokens of the chunk's sentences, counted one by one (the exact count of `text` differs by a token or so). */
  tokenCount: number;
  /** 1-based page, for PDFs. */
  page?: number;
  /** Titles of the headings the chunk sits under, outermost first. */
  headingPath: string[];
};

export type ChunkOptions = { maxTokens?: number; overlapTokens?: number };

/** A sentence (or a cut of one) with its token count; `block` says which paragraph it is in. */
type Piece = { start: number; end: number; tokens: number; block: number };
/** Blocks (by index) under one heading path, on one page. */
type Section = { blocks: number[]; page?: number; headingPath: string[] };

// Text, including special-token markers such as <|endoftext|>, is counted as plain text.
const COUNT_OPTIONS = { disallowedSpecial: new Set<string>() };
const tokensOf = (text: string) => countTokens(text, COUNT_OPTIONS);

export function chunkDocument(document: Pick<ExtractedDocument, "text" | "blocks">, options: ChunkOptions = {}): Chunk[] {
  const chunks: Chunk[] = [];
  for (const section of chunksBySection(document, options)) chunks.push(...section);
  return chunks;
}

/**
 * The same chunks, computed a section at a time with pauses for the event
 * loop: tokenizing a large document takes seconds of CPU, which must not
 * stall the answers streaming on the same thread.
 */
export async function chunkDocumentInSlices(
  document: Pick<ExtractedDocument, "text" | "blocks">,
  options: ChunkOptions & { sliceMs?: number } = {},
): Promise<Chunk[]> {
  const sliceMs = options.sliceMs ?? 10;
  const chunks: Chunk[] = [];
  let sliceStarted = performance.now();
  for (const section of chunksBySection(document, options)) {
    chunks.push(...section);
    if (performance.now() - sliceStarted >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
  return chunks;
}

/** Yields each section's chunks, and empty lists between blocks where a caller may pause. */
function* chunksBySection(document: Pick<ExtractedDocument, "text" | "blocks">, options: ChunkOptions): Generator<Chunk[]> {
  const maxTokens = options.maxTokens ?? CHUNK_DEFAULTS.maxTokens;
  const overlapTokens = options.overlapTokens ?? CHUNK_DEFAULTS.overlapTokens;
  if (!(maxTokens >= 16)) throw new RangeError("maxTokens must be at least 16");
  if (!(overlapTokens >= 0 && overlapTokens < maxTokens / 2)) throw new RangeError("overlapTokens must be between 0 and half of maxTokens");

  let index = 0;
  for (const section of sectionsOf(document)) {
    const sectionPieces: Piece[] = [];
    for (const blockIndex of section.blocks) {
      const block = document.blocks[blockIndex]!;
      for (const piece of sentencesOf(document.text, block.start, block.end, maxTokens)) {
        sectionPieces.push({ ...piece, block: blockIndex });
        // A pause point every few sentences: one section, even one block, may be a whole book.
        if (sectionPieces.length % 64 === 0) yield [];
      }
    }
    const chunks: Chunk[] = [];
    for (const [first, last] of packSection(sectionPieces, maxTokens, overlapTokens)) {
      const pieces = sectionPieces.slice(first, last + 1);
      // Trim the whitespace a sentence starts with (and a cut may end with), so the offsets frame the words.
      let start = pieces[0]!.start;
      let end = pieces.at(-1)!.end;
      while (start < end && isSpace(document.text.charCodeAt(start))) start++;
      while (end > start && isSpace(document.text.charCodeAt(end - 1))) end--;
      if (start === end) continue;
      chunks.push({
        index: index++,
        text: document.text.slice(start, end),
        start,
        end,
        tokenCount: pieces.reduce((n, p) => n + p.tokens, 0),
        ...(section.page !== undefined ? { page: section.page } : {}),
        headingPath: section.headingPath,
      });
    }
    yield chunks;
  }
}

const isSpace = (code: number) => code === 32 || (code >= 9 && code <= 13) || code === 160;

/**
 * Runs of blocks under one heading and on one page; a heading opens its own
 * section, except right after another heading (a title over its first
 * subsection): the two stay together, under the deeper path.
 */
function sectionsOf(document: Pick<ExtractedDocument, "text" | "blocks">): Section[] {
  const sections: Section[] = [];
  const headings: { level: number; title: string }[] = [];
  let current: (Section & { body: boolean }) | undefined;
  document.blocks.forEach((block, blockIndex) => {
    if (block.kind === "heading") {
      const level = block.level ?? 1;
      while (headings.length && headings.at(-1)!.level >= level) headings.pop();
      headings.push({ level, title: block.title ?? document.text.slice(block.start, block.end) });
    }
    const samePage = current && block.page === current.page;
    if (block.kind === "heading" && samePage && !current!.body) current!.headingPath = headings.map((h) => h.title);
    else if (!current || !samePage || block.kind === "heading") {
      current = {
        blocks: [],
        body: false,
        headingPath: headings.map((h) => h.title),
        ...(block.page !== undefined ? { page: block.page } : {}),
      };
      sections.push(current);
    }
    if (block.kind === "paragraph") current!.body = true;
    current!.blocks.push(blockIndex);
  });
  return sections;
}

// A sentence ends after . ! ? (and closing quotes/brackets) followed by whitespace, or at a line break.
const SENTENCE_END = /[.!?…。！？]+["'”’)\]]*(?=\s)|\n/g;

/** A block's sentences, each with the whitespace before it, so they tile the block exactly. */
function* sentencesOf(text: string, start: number, end: number, maxTokens: number): Generator<Omit<Piece, "block">> {
  const block = text.slice(start, end);
  let from = 0;
  function* upTo(to: number): Generator<Omit<Piece, "block">> {
    if (to <= from) return;
    const tokens = tokensOf(block.slice(from, to));
    if (tokens <= maxTokens) yield { start: start + from, end: start + to, tokens };
    else yield* cutLongSentence(text, start + from, start + to, tokens, maxTokens);
    from = to;
  }
  for (const match of block.matchAll(SENTENCE_END)) yield* upTo(match.index + match[0].length);
  yield* upTo(block.length);
}

/** A sentence longer than a chunk (a table row, text without punctuation) cut at spaces into windows that fit. */
function cutLongSentence(text: string, start: number, end: number, tokens: number, maxTokens: number): Omit<Piece, "block">[] {
  const pieces: Omit<Piece, "block">[] = [];
  const charsPerToken = (end - start) / tokens;
  let from = start;
  while (from < end) {
    let window = Math.max(1, Math.floor(maxTokens * 0.9 * charsPerToken));
    for (;;) {
      let to = Math.min(end, from + window);
      if (to < end) {
        // Cut at the last space of the window's final fifth, if there is one.
        const space = text.lastIndexOf(" ", to);
        if (space > from + window * 0.8) to = space;
      }
      const count = tokensOf(text.slice(from, to));
      if (count <= maxTokens || window === 1) {
        pieces.push({ start: from, end: to, tokens: count });
        from = to;
        break;
      }
      window = Math.max(1, Math.floor(window * 0.8));
    }
  }
  return pieces;
}

/** Chooses each chunk's first and last piece: greedy, ending at a paragraph end when one is past half-way, with overlap. */
function packSection(pieces: Piece[], maxTokens: number, overlapTokens: number): [number, number][] {
  const ranges: [number, number][] = [];
  let first = 0;
  while (first < pieces.length) {
    let last = first;
    let size = pieces[first]!.tokens;
    while (last + 1 < pieces.length) {
      const next = pieces[last + 1]!;
      // Blocks are joined by a blank line: about one token.
      const cost = next.tokens + (next.block !== pieces[last]!.block ? 1 : 0);
      if (size + cost > maxTokens) break;
      size += cost;
      last++;
    }
    if (last + 1 < pieces.length && pieces[last + 1]!.block === pieces[last]!.block) {
      // Mid-paragraph: step back to the last paragraph end, if that keeps the chunk over half full.
      let tokens = size;
      for (let i = last; i > first; i--) {
        tokens -= pieces[i]!.tokens;
        if (pieces[i]!.block !== pieces[i - 1]!.block) {
          if (tokens >= maxTokens / 2) last = i - 1;
          break;
        }
      }
    }
    ranges.push([first, last]);
    if (last + 1 >= pieces.length) break;
    // The next chunk repeats the last sentences of this one, up to overlapTokens, always moves forward,
    // and leaves room for at least one new sentence.
    const room = Math.min(overlapTokens, maxTokens - pieces[last + 1]!.tokens - 1);
    let next = last + 1;
    let overlap = 0;
    while (next - 1 > first && overlap + pieces[next - 1]!.tokens <= room) overlap += pieces[--next]!.tokens;
    first = next;
  }
  return ranges;
}
