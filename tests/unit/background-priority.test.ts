// Document workers lower their own thread's priority, never the server's.
import os from "node:os";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";

const moduleUrl = new URL("../../app/modules/documents/background-priority.mjs", import.meta.url).href;

describe("runInBackground", () => {
  it("lowers the calling worker thread's priority and leaves the process's main thread as it was", async () => {
    const before = os.getPriority();
    const worker = new Worker(
      `import("${moduleUrl}").then(({ runInBackground }) => {
         const os = require("node:os");
         const { parentPort } = require("node:worker_threads");
         const before = os.getPriority();
         runInBackground();
         parentPort.postMessage({ before, after: os.getPriority() });
       });`,
      { eval: true },
    );
    const seen = await new Promise<{ before: number; after: number }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(seen.before).toBe(before);
    expect(seen.after).toBe(Math.min(19, before + 10));
    expect(os.getPriority()).toBe(before);
  });
});
