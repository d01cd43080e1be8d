// Hybrid retrieval: nearest chunks by meaning (vector index) and by words
// (FTS5 BM25), fused by reciprocal rank, always inside one workspace and,
// when asked, inside chosen documents or knowledge bases. Only documents that
// are ready take part.
import { embeddingProviderFromEnv, type EmbeddingProvider } from "~/modules/documents/embeddings.server";
import { db } from "~/modules/db/database.server";
import { searchVectors, vectorIndexInfo } from "./vector-index.server";

/** Candidates each search contributes before fusion. */
const CANDIDATES = 30;
/** The usual reciprocal-rank-fusion constant: damps the weight of top ranks. */
const RRF_K = 60;

export type RetrievedChunk = {
  chunkId: number;
  documentId: string;
  filename: string;
  title: string;
  page: number | null;
  headingPath: string[];
  text: string;
  charStart: number;
  charEnd: number;
  /** Fused score (higher is better), with what each search said. */
  score: number;
  similarity: number | null;
  keywordRank: number | null;
};

export type RetrievalScope = { documentIds?: string[]; knowledgeBaseIds?: string[] };

/** A subquery of the chunk ids in scope: the workspace's ready documents, narrowed to the chosen ones. */
function chunkScope(workspaceId: string, scope: RetrievalScope) {
  const conditions = ["d.workspace_id = ?", "d.status = 'ready'"];
  const params: unknown[] = [workspaceId];
  const narrowing: string[] = [];
  if (scope.documentIds?.length) {
    narrowing.push("d.id IN (SELECT value FROM json_each(?))");
    params.push(JSON.stringify(scope.documentIds));
  }
  if (scope.knowledgeBaseIds?.length) {
    narrowing.push(
      "d.id IN (SELECT kd.document_id FROM knowledge_base_documents kd JOIN knowledge_bases kb ON kb.id = kd.knowledge_base_id WHERE kb.workspace_id = ? AND kb.id IN (SELECT value FROM json_each(?)))",
    );
    params.push(workspaceId, JSON.stringify(scope.knowledgeBaseIds));
  }
  if (narrowing.length) conditions.push(`(${narrowing.join(" OR ")})`);
  const sql = `SELECT c.id FROM chunks c JOIN documents d ON d.id = c.document_id WHERE ${conditions.join(" AND ")}`;
  return { sql, params, narrowed: narrowing.length > 0 };
}

// Words that match nearly every chunk: as keywords they only add noise to the fusion.
const STOPWORDS = new Set(
  (
    "a an and are as at be but by can do does for from get getting had has have how i if in into is it its my of on or our should so " +
    "that the their them then there these they this to up was we what when where which while who why will with you your"
  ).split(" "),
);

/** The question as an FTS5 query: its content words, any of them, each quoted (no query syntax from users). */
export function keywordQuery(question: string): string | null {
  const words = question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const content = words.filter((w) => w.length > 1 && !STOPWORDS.has(w));
  const chosen = (content.length ? content : words).slice(0, 32);
  if (!chosen.length) return null;
  return [...new Set(chosen)].map((w) => `"${w}"`).join(" OR ");
}

function keywordSearch(scope: { sql: string; params: unknown[] }, question: string, limit: number): number[] {
  const match = keywordQuery(question);
  if (!match) return [];
  const rows = db()
    .$client.prepare(
      `SELECT rowid AS id FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid IN (${scope.sql}) ORDER BY bm25(chunks_fts) LIMIT ?`,
    )
    .all(match, ...scope.params, limit) as { id: number }[];
  return rows.map((r) => r.id);
}

export async function retrieveChunks(
  workspaceId: string,
  question: string,
  options: RetrievalScope & { limit?: number; provider?: EmbeddingProvider; signal?: AbortSignal } = {},
): Promise<RetrievedChunk[]> {
  const limit = options.limit ?? 6;
  const scope = chunkScope(workspaceId, options);
  const provider = options.provider ?? embeddingProviderFromEnv();
  const index = vectorIndexInfo();
  // Vectors only when the index holds this provider's kind (else words alone, until re-indexed).
  const useVectors = provider.dimensions > 0 && index?.model === provider.id && index.dimensions === provider.dimensions;
  const [queryVector] = useVectors ? await provider.embed([question], { signal: options.signal }) : [];

  const vectorHits = queryVector
    ? onlyInScope(
        searchVectors(workspaceId, queryVector, {
          limit: CANDIDATES,
          scope: scope.narrowed ? { sql: scope.sql, params: scope.params, size: countIn(scope) } : undefined,
        }),
        scope,
      )
    : [];
  const keywordHits = keywordSearch(scope, question, CANDIDATES);

  const fused = new Map<number, { score: number; similarity: number | null; keywordRank: number | null }>();
  vectorHits.forEach((hit, rank) =>
    fused.set(hit.chunkId, { score: 1 / (RRF_K + rank + 1), similarity: hit.similarity, keywordRank: null }),
  );
  keywordHits.forEach((id, rank) => {
    const entry = fused.get(id) ?? { score: 0, similarity: null, keywordRank: null };
    fused.set(id, { ...entry, score: entry.score + 1 / (RRF_K + rank + 1), keywordRank: rank + 1 });
  });
  const best = [...fused.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, limit);
  if (best.length === 0) return [];

  const rows = db()
    .$client.prepare(
      `SELECT c.id, c.document_id AS documentId, d.filename, d.title, c.page, c.heading_path AS headingPath, c.text,
              c.char_start AS charStart, c.char_end AS charEnd
         FROM chunks c JOIN documents d ON d.id = c.document_id
        WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(best.map(([id]) => id))) as (Omit<
    RetrievedChunk,
    "chunkId" | "headingPath" | "score" | "similarity" | "keywordRank"
  > & {
    id: number;
    headingPath: string | null;
  })[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return best.flatMap(([id, scores]) => {
    const row = byId.get(id);
    if (!row) return [];
    const { id: _id, headingPath, ...rest } = row;
    return [{ chunkId: id, ...rest, headingPath: headingPath ? (JSON.parse(headingPath) as string[]) : [], ...scores }];
  });
}

function countIn(scope: { sql: string; params: unknown[] }): number {
  return (
    db()
      .$client.prepare(`SELECT count(*) AS n FROM (${scope.sql})`)
      .get(...scope.params) as { n: number }
  ).n;
}

/** Vector hits are by workspace already; this also drops chunks of documents not ready (being re-processed). */
function onlyInScope<T extends { chunkId: number }>(hits: T[], scope: { sql: string; params: unknown[] }): T[] {
  if (hits.length === 0) return hits;
  const kept = new Set(
    (
      db()
        .$client.prepare(`SELECT id FROM (${scope.sql}) WHERE id IN (SELECT value FROM json_each(?))`)
        .all(...scope.params, JSON.stringify(hits.map((h) => h.chunkId))) as { id: number }[]
    ).map((r) => r.id),
  );
  return hits.filter((h) => kept.has(h.chunkId));
}
