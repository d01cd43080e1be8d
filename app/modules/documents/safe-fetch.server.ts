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

/**
 * The IPv4 address an IPv6 address carries, in every form that can lead to it:
 * IPv4-compatible ::a.b.c.d, IPv4-mapped ::ffff:a.b.c.d, SIIT ::ffff:0:a.b.c.d,
 * NAT64 64:ff9b::/96 (and the local-use 64:ff9b:1::/48), 6to4 2002:AABB:CCDD::/48
 * and Teredo 2001::/32 (its client address, stored inverted).
 */
function embeddedIPv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const zeros = (from: number, to: number) => p.slice(from, to).every((part) => part === 0);
  if (zeros(0, 5) && (p[5] === 0 || p[5] === 0xffff)) return v4(p[6]!, p[7]!);
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return v4(p[6]!, p[7]!);
  if (p[0] === 0x64 && p[1] === 0xff9b) return v4(p[6]!, p[7]!);
  if (p[0] === 0x2002) return v4(p[1]!, p[2]!);
  if (p[0] === 0x2001 && p[1] === 0) return v4(~p[6]! & 0xffff, ~p[7]! & 0xffff);
  return null;
}

function blockedIPv4Range(ip: ipaddr.IPv4): string | null {
  if (METADATA_ADDRESSES.has(ip.toString())) return "cloud metadata";
  const range = ip.range();
  return range === "unicast" ? null : range;
}

/** Why an address may not be fetched ("loopback", "private", …), or null when it is public. */
export function blockedAddressRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return "invalid";
  const ip = ipaddr.parse(address);
  if (ip.kind() === "ipv4") return blockedIPv4Range(ip as ipaddr.IPv4);
  const v6 = ip as ipaddr.IPv6;
  if (METADATA_ADDRESSES.has(v6.toNormalizedString()) || METADATA_ADDRESSES.has(v6.toString())) return "cloud metadata";
  const range = v6.range();
  if (range === "unspecified" || range === "loopback") return range;
  // 127.0.0.1 stays 127.0.0.1 in each IPv6 form that carries it.
  const carried = embeddedIPv4(v6);
  if (carried) {
    const carriedRange = blockedIPv4Range(carried);
    if (carriedRange) return carriedRange;
    // ::ffff:a.b.c.d is a.b.c.d itself; ::a.b.c.d is deprecated (since 2006) and no web server's address.
    if (range === "ipv4Mapped") return null;
    if (range === "unicast") return "deprecated IPv4-compatible";
  }
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

// A Map, so that a Content-Encoding such as "constructor" finds nothing.
const DECODERS = new Map<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress>([
  ["gzip", zlib.createGunzip],
  ["x-gzip", zlib.createGunzip],
  ["deflate", zlib.createInflate],
  ["br", zlib.createBrotliDecompress],
]);

/** The body, decompressed, refused as soon as it passes `maxBytes` (compressed or not). */
async function readLimited(response: http.IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new Refused(`The page is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MB.`);
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const encoding = (response.headers["content-encoding"] ?? "identity").toLowerCase();
  const decoder = DECODERS.get(encoding);
  if (encoding !== "identity" && !decoder) {
    response.destroy();
    throw new Refused(`The page is compressed as "${encoding}", which Cairn does not read.`);
  }
  const body: Readable = decoder ? response.pipe(decoder()) : response;
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
