import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isPrimary, primaryHostname } from "~/modules/replication/primary.server";

describe("isPrimary", () => {
  const dirs: string[] = [];
  const savedLitefsDir = process.env.LITEFS_DIR;

  function litefsDir() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-litefs-"));
    dirs.push(dir);
    return dir;
  }

  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    if (savedLitefsDir === undefined) delete process.env.LITEFS_DIR;
    else process.env.LITEFS_DIR = savedLitefsDir;
  });

  it("treats a node without LITEFS_DIR as the single primary", () => {
    delete process.env.LITEFS_DIR;
    expect(isPrimary()).toBe(true);
    expect(primaryHostname()).toBeNull();
    expect(isPrimary("")).toBe(true);
  });

  it("is primary when the LiteFS mount has no .primary file", () => {
    const dir = litefsDir();
    expect(isPrimary(dir)).toBe(true);
    expect(primaryHostname(dir)).toBeNull();
  });

  it("is a replica when .primary names another host", () => {
    const dir = litefsDir();
    fs.writeFileSync(path.join(dir, ".primary"), "host-2\n");
    expect(isPrimary(dir)).toBe(false);
    expect(primaryHostname(dir)).toBe("host-2");
  });

  it("reads LITEFS_DIR from the environment by default", () => {
    const dir = litefsDir();
    fs.writeFileSync(path.join(dir, ".primary"), "host-2\n");
    process.env.LITEFS_DIR = dir;
    expect(isPrimary()).toBe(false);
    expect(primaryHostname()).toBe("host-2");
  });
});
