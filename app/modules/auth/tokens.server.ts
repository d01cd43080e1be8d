import { createHash, randomBytes } from "node:crypto";

/** A URL-safe secret with 256 bits of entropy. */
export const randomToken = () => randomBytes(32).toString("base64url");

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
