// Reads a zip's central directory (names and declared sizes) without
// inflating anything, so a DOCX can be recognised and a zip bomb refused
// before a single byte is decompressed.
import { EXTRACTION_LIMITS } from "./limits";

/** One file of a zip as its directory declares it (sizes may lie; the extraction worker checks them). */
export type ZipEntry = { name: string; method: number; compressedSize: number; uncompressedSize: number; localHeaderOffset: number };

export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;

export function readZipDirectory(bytes: Uint8Array): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return { ok: false, reason: "the zip archive has no central directory (truncated or corrupt)" };
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff)
    return { ok: false, reason: "the zip archive uses ZIP64, which Word documents never need" };
  if (offset + size > end) return { ok: false, reason: "the zip archive's directory points outside the file (corrupt)" };

  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY)
      return { ok: false, reason: "the zip archive's directory is corrupt" };
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff)
      return { ok: false, reason: "the zip archive uses ZIP64, which Word documents never need" };
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** Refuses a zip whose declared contents would inflate past the extraction limits. */
export function checkZipBomb(entries: ZipEntry[], limits = EXTRACTION_LIMITS): string | null {
  if (entries.length > limits.maxZipEntries)
    return `the archive holds ${entries.length} files (more than ${limits.maxZipEntries}), which looks like a zip bomb`;
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    // Small entries may compress very well without harm; large ones at bomb ratios are refused.
    if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > entry.compressedSize * limits.maxZipEntryRatio)
      return `"${entry.name}" would inflate ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× (${mb(entry.uncompressedSize)}), which looks like a zip bomb`;
  }
  if (total > limits.maxZipUncompressedBytes)
    return `the archive would inflate to ${mb(total)} (more than ${mb(limits.maxZipUncompressedBytes)}), which looks like a zip bomb`;
  return null;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
