// Finds a worker script of this folder at run time. Workers are plain .mjs
// files that Node starts as they are, outside any bundle.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Under vitest and tsx this module runs from its source file, so the worker
 * sits beside it. In the production build it is bundled into
 * build/server/index.js and `import.meta.url` points there; the worker is then
 * read from the source tree beside the build (../../app/…), or under the
 * working directory (the app root, where `npm start` runs). The Dockerfile
 * copies the workers into the image for this. `name` is a variable, so Vite
 * leaves these `new URL`s alone rather than emitting them as assets.
 */
export function workerFile(name: string): string {
  const candidates = [
    fileURLToPath(new URL(`./${name}`, import.meta.url)),
    fileURLToPath(new URL(`../../app/modules/documents/${name}`, import.meta.url)),
    path.resolve(process.cwd(), "app/modules/documents", name),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`The worker ${name} is missing; looked in ${candidates.join(" and ")}`);
  return found;
}
