// Is this node the LiteFS primary? LiteFS writes a `.primary` file (holding the
// primary's hostname) into its mount on replicas only. Without LiteFS, the
// single node is its own primary.
//
// Synchronous on purpose: a tiny read from the local FUSE mount, called at
// start-up and before each worker tick. The primary can change at run time, so
// ask again each time instead of caching the answer.
import fs from "node:fs";
import path from "node:path";

/** The primary's hostname when this node is a LiteFS replica; null on the primary or a single node. */
export function primaryHostname(litefsDir: string | undefined = process.env.LITEFS_DIR): string | null {
  if (!litefsDir) return null;
  try {
    return fs.readFileSync(path.join(litefsDir, ".primary"), "utf8").trim();
  } catch {
    // No `.primary`: this node is the primary (or, briefly, a replica that has
    // lost its primary; its writes then fail as read-only, which is safe).
    return null;
  }
}

/** True on the node that may write: the LiteFS primary, or the only node when LITEFS_DIR is unset. */
export function isPrimary(litefsDir: string | undefined = process.env.LITEFS_DIR): boolean {
  return primaryHostname(litefsDir) === null;
}
