// Is this node the LiteFS primary? LiteFS writes a `.primary` file (holding the
// primary's hostname) into its mount on replicas only. Without LiteFS, the
// single node is its own primary.
import fs from "node:fs";
import path from "node:path";

export function primaryHostname(litefsDir: string | undefined = process.env.LITEFS_DIR): string | null {
  if (!litefsDir) return null;
  try {
    return fs.readFileSync(path.join(litefsDir, ".primary"), "utf8").trim();
  } catch {
    return null;
  }
}

export function isPrimary(litefsDir: string | undefined = process.env.LITEFS_DIR): boolean {
  return primaryHostname(litefsDir) === null;
}
