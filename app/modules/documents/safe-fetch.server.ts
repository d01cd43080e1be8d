// Fetches a document from a URL a user gave, without letting that URL reach
// inside Cairn's network (SSRF). Every hop — the first request and each
// redirect — is checked the same way: http(s) only; the host name resolved
// once and every address it resolves to must be public unicast (no loopback,
// private, link-local, CGNAT, unspecified, multicast, reserved or cloud
// metadata addresses); the connection is then pinned to the checked address,
// so a DNS answer that changes between check and connect (rebinding) is never
// used. Size, total time and content type are limited as the bytes arrive.
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import ipaddr from "ipaddr.js";
import { env } from "~/modules/config/env.server";
import { FETCH_LIMITS } from "./limits";

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type FetchOptions = {
  /** DNS resolution; tests inject their own answers. */
  resolve?: Resolver;
  /** Host names or addresses exempt from the address check (FETCH_ALLOW_HOSTS), e.g. a loopback test server. */
  allowHosts?: string[];
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  contentTypes?: readonly string[];
  signal?: AbortSignal;
};

export type FetchResult = { ok: true; bytes: Uint8Array; contentType: string; url: string } | { ok: false; reason: string };

/** Addresses a public unicast range may still hold that must never be fetched. */
const METADATA_ADDRESSES = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "192.0.0.192", "fd00:ec2::254"]);

/** Why an address may not be fetched ("loopback", "private", …), or null when it is public. */
export function blockedAddressRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return "invalid";
  let ip = ipaddr.parse(address);
  // ::ffff:127.0.0.1 is 127.0.0.1.
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (METADATA_ADDRESSES.has(ip.toNormalizedString()) || METADATA_ADDRESSES.has(ip.toString())) return "cloud metadata";
  const range = ip.range();
  return range === "unicast" ? null : range;
}

const defaultResolver: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

class Refused extends Error {}

export async function fetchPublicDocument(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? FETCH_LIMITS.timeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    return await fetchFollowingRedirects(url, { ...options, signal });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    if (timeout.aborted) return { ok: false, reason: `The page took longer than ${Math.round(timeoutMs / 100) / 10} s to download.` };
    if (options.signal?.aborted) return { ok: false, reason: "The download was cancelled." };
    const code = (error as { code?: string }).code;
    return { ok: false, reason: `The page could not be downloaded (${code ?? (error instanceof Error ? error.message : String(error))}).` };
  }
}

async function fetchFollowingRedirects(url: string, options: FetchOptions & { signal: AbortSignal }): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? FETCH_LIMITS.maxRedirects;
  const allowHosts = new Set((options.allowHosts ?? env().FETCH_ALLOW_HOSTS).map((h) => h.toLowerCase()));
  let target = parseUrl(url);
  for (let redirects = 0; ; redirects++) {
    const pinned = await checkedAddress(target, options.resolve ?? defaultResolver, allowHosts);
    const response = await request(target, pinned, options.signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.destroy();
      if (redirects >= maxRedirects) throw new Refused(`The page redirected more than ${maxRedirects} times.`);
      target = parseUrl(location, target);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.destroy();
      throw new Refused(`The page answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ""}.`);
    }
    const contentType = (response.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    const allowed = options.contentTypes ?? FETCH_LIMITS.contentTypes;
    if (!allowed.includes(contentType)) {
      response.destroy();
      throw new Refused(
        `The page is ${contentType ? `of type ${contentType}` : "of no declared type"}, which Cairn does not import (it reads web pages, text, Markdown, CSV, PDF and DOCX).`,
      );
    }
    const bytes = await readLimited(response, options.maxBytes ?? FETCH_LIMITS.maxBytes);
    return { ok: true, bytes, contentType, url: target.href };
  }
}

function parseUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new Refused(`"${value}" is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Refused(`Only http and https links can be imported, not ${url.protocol.replace(/:$/, "")}.`);
  if (url.username || url.password) throw new Refused("Links with a user name or password are not imported.");
  return url;
}

/** The address to connect to, after checking every address the host resolves to. */
async function checkedAddress(url: URL, resolve: Resolver, allowHosts: Set<string>): Promise<ResolvedAddress> {
  const hostname = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(hostname)) addresses = [{ address: hostname, family: ipaddr.parse(hostname).kind() === "ipv6" ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch {
      throw new Refused(`The host ${hostname} could not be found.`);
    }
    if (addresses.length === 0) throw new Refused(`The host ${hostname} could not be found.`);
  }
  if (!allowHosts.has(hostname))
    for (const { address } of addresses) {
      const blocked = allowHosts.has(address.toLowerCase()) ? null : blockedAddressRange(address);
      if (blocked)
        throw new Refused(
          `${hostname === address ? address : `${hostname} (${address})`} is a ${blocked} address; Cairn only fetches public internet addresses.`,
        );
    }
  return addresses[0]!;
}

function request(url: URL, pinned: ResolvedAddress, signal: AbortSignal): Promise<http.IncomingMessage> {
  // Whatever the system resolver would say now, the socket goes to the address checked above.
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method: "GET",
      lookup,
      signal,
      // A fresh connection per hop: a pooled socket could belong to another address.
      agent: false,
      headers: {
        "user-agent": "CairnBot/1.0 (document import)",
        accept:
          "text/html,application/xhtml+xml,text/plain,text/markdown,text/csv,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document;q=0.9,*/*;q=0.1",
        "accept-encoding": "gzip, deflate, br",
      },
    });
    req.once("response", resolve);
    req.once("error", reject);
    req.end();
  });
}

/** The body, decompressed, refused as soon as it passes `maxBytes` (compressed or not). */
async function readLimited(response: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new Refused(`The page is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MB.`);
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const encoding = (response.headers["content-encoding"] ?? "identity").toLowerCase();
  const decoders: Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
    gzip: zlib.createGunzip,
    "x-gzip": zlib.createGunzip,
    deflate: zlib.createInflate,
    br: zlib.createBrotliDecompress,
  };
  if (encoding !== "identity" && !decoders[encoding]) {
    response.destroy();
    throw new Refused(`The page is compressed as "${encoding}", which Cairn does not read.`);
  }
  const body: Readable = encoding === "identity" ? response : response.pipe(decoders[encoding]!());
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } finally {
    response.destroy();
    if (body !== response) body.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks));
}
