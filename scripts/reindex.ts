// npm run reindex — rebuilds every chunk's vector with the configured
// embedding model (EMBEDDING_MODEL / EMBEDDING_DIMENSIONS). Run it after
// changing either; the app keeps answering meanwhile (with BM25 for chunks
// not yet re-embedded). Under LiteFS, run it on the primary.
import { embeddingProviderFromEnv, stopLocalEmbeddings } from "~/modules/documents/embeddings.server";
import { closeDatabase } from "~/modules/db/database.server";
import { reindexAllChunks } from "~/modules/rag/reindex.server";

const provider = embeddingProviderFromEnv();
console.log(`Re-embedding every chunk with ${provider.id} (${provider.dimensions} dimensions)…`);
let last = 0;
const { total } = await reindexAllChunks(provider, (done, all) => {
  if (done === all || Date.now() - last > 2000) {
    last = Date.now();
    console.log(`  ${done} / ${all} chunks`);
  }
});
console.log(provider.dimensions === 0 ? "Embeddings are off (EMBEDDING_MODEL=none): search uses BM25 alone." : `Done: ${total} chunks.`);
await stopLocalEmbeddings();
closeDatabase();
