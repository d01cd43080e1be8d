// from-url fetching against a real loopback server: SSRF refusals (addresses,
// redirects into them, names resolving to them), limits, and pinning.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "~/modules/config/env.server";
import { blockedAddressRange, fetchPublicDocument, type Resolver } from "~/modules/documents/safe-fetch.server";

let server: http.Server;
let origin: string;
let port: number;
const ARTICLE = "<!doctype html><html><body><article><h1>Hello</h1><p>World.</p></article></body></html>";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const redirect = (to: string) => res.writeHead(302, { location: to }).end();
    switch (url.pathname) {
      case "/article":
        return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(ARTICLE);
      case "/gzip":
        return res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" }).end(zlib.gzipSync("compressed words"));
      case "/to-article":
        return redirect("/article");
      case "/to-private":
        return redirect("http://10.0.0.7/admin");
      case "/to-metadata":
        return redirect("http://169.254.169.254/latest/meta-data/");
      case "/to-intranet":
        return redirect(`http://intranet.example:${port}/article`);
      case "/to-file":
        return redirect("file:///etc/passwd");
      case "/loop":
        return redirect(`/loop?n=${Number(url.searchParams.get("n") ?? 0) + 1}`);
      case "/image":
        return res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(10));
      case "/declared-huge":
        return res.writeHead(200, { "content-type": "text/plain", "content-length": String(50 * 1024 * 1024) }).end("x");
      case "/endless":
        res.writeHead(200, { "content-type": "text/plain" });
        // Undeclared length: the limit must hold while reading.
        for (let i = 0; i < 64; i++) res.write(Buffer.alloc(64 * 1024, 120));
        return res.end();
      case "/gzip-bomb":
        return res
          .writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" })
          .end(zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024)));
      case "/slow":
        res.writeHead(200, { "content-type": "text/plain" });
        return res.write("first bytes, then nothing");
      case "/missing":
        return res.writeHead(404).end();
      default:
        return res.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** Loopback is open to these tests only through the allow-list, as FETCH_ALLOW_HOSTS would open it. */
const allowLoopback = { allowHosts: ["127.0.0.1"] };
const resolverFor =
  (answers: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

describe("blockedAddressRange", () => {
  it("blocks loopback, private, link-local, CGNAT, unspecified, multicast, reserved and metadata addresses", () => {
    const blocked: Record<string, string> = {
      "127.0.0.1": "loopback",
      "::1": "loopback",
      "10.1.2.3": "private",
      "172.16.0.1": "private",
      "192.168.1.1": "private",
      "fd12:3456::1": "uniqueLocal",
      "169.254.169.254": "cloud metadata",
      "169.254.1.1": "linkLocal",
      "fe80::1": "linkLocal",
      "100.64.0.1": "carrierGradeNat",
      "100.100.100.200": "cloud metadata",
      "0.0.0.0": "unspecified",
      "::": "unspecified",
      "224.0.0.1": "multicast",
      "ff02::1": "multicast",
      "::ffff:127.0.0.1": "loopback",
      "::ffff:10.0.0.1": "private",
      "fd00:ec2::254": "cloud metadata",
      "240.0.0.1": "reserved",
      "255.255.255.255": "broadcast",
    };
    for (const [address, range] of Object.entries(blocked)) expect(blockedAddressRange(address), address).toBe(range);
    for (const address of ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111"]) expect(blockedAddressRange(address), address).toBeNull();
  });
});

describe("blockedAddressRange: IPv6 forms of IPv4 addresses", () => {
  // Each form written for 127.0.0.1, 10.0.0.1, 192.168.1.1 and 169.254.169.254.
  const forms: Record<string, string[]> = {
    "IPv4-compatible": ["::127.0.0.1", "::7f00:1", "::a00:1", "::c0a8:101", "::a9fe:a9fe"],
    "IPv4-mapped": ["::ffff:7f00:1", "::ffff:a00:1", "::ffff:c0a8:101", "::ffff:a9fe:a9fe"],
    "SIIT (::ffff:0:0/96)": ["::ffff:0:7f00:1", "::ffff:0:a00:1", "::ffff:0:c0a8:101", "::ffff:0:a9fe:a9fe"],
    "NAT64 64:ff9b::/96": ["64:ff9b::7f00:1", "64:ff9b::10.0.0.1", "64:ff9b::c0a8:101", "64:ff9b::a9fe:a9fe"],
    "NAT64 local use 64:ff9b:1::/48": ["64:ff9b:1::7f00:1", "64:ff9b:1::a00:1"],
    "6to4 2002::/16": ["2002:7f00:1::", "2002:a00:1::1", "2002:c0a8:101::1", "2002:a9fe:a9fe::1"],
    "Teredo 2001::/32": ["2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:4136:e378:8000:63bf:f5ff:fffe", "2001:0:4136:e378::3f57:fefe"],
  };
  it.each(Object.entries(forms))("never counts %s forms of private or loopback addresses as public", (_form, addresses) => {
    for (const address of addresses) expect(blockedAddressRange(address), address).toMatch(/^(loopback|private|linkLocal|cloud metadata)$/);
  });

  it("names the range of the address inside, and keeps public addresses public", () => {
    expect(blockedAddressRange("::7f00:1")).toBe("loopback");
    expect(blockedAddressRange("64:ff9b::a9fe:a9fe")).toBe("cloud metadata");
    expect(blockedAddressRange("::ffff:8.8.8.8")).toBeNull();
    expect(blockedAddressRange("::808:808")).toBe("deprecated IPv4-compatible");
    expect(blockedAddressRange("2a00:1450:4001::200e")).toBeNull();
  });

  it("refuses a URL or a DNS answer with such an address", async () => {
    for (const url of ["http://[::127.0.0.1]/", "http://[::7f00:1]:8080/x", "http://[64:ff9b::a00:1]/", "http://[2002:c0a8:101::1]/"])
      expect(await fetchPublicDocument(url), url).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/is a (loopback|private) address; Cairn only fetches public internet addresses/),
      });
    const resolve = resolverFor({ "sneaky.example": ["2606:4700::1111", "::a9fe:a9fe"] });
    expect(await fetchPublicDocument("http://sneaky.example/", { resolve })).toEqual({
      ok: false,
      reason: "sneaky.example (::a9fe:a9fe) is a cloud metadata address; Cairn only fetches public internet addresses.",
    });
  });
});

describe("fetchPublicDocument", () => {
  it("fetches an allowed page, follows redirects, and decompresses", async () => {
    expect(await fetchPublicDocument(`${origin}/to-article`, allowLoopback)).toEqual({
      ok: true,
      bytes: new Uint8Array(Buffer.from(ARTICLE)),
      contentType: "text/html",
      url: `${origin}/article`,
    });
    const gzip = await fetchPublicDocument(`${origin}/gzip`, allowLoopback);
    expect(gzip.ok && Buffer.from(gzip.bytes).toString()).toBe("compressed words");
  });

  it("refuses loopback and private addresses without the allow-list", async () => {
    expect(await fetchPublicDocument(`${origin}/article`)).toEqual({
      ok: false,
      reason: "127.0.0.1 is a loopback address; Cairn only fetches public internet addresses.",
    });
    for (const url of [
      "http://10.0.0.1/",
      "http://[::1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:192.168.0.1]/",
      "http://0.0.0.0/",
    ])
      expect(await fetchPublicDocument(url), url).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/only fetches public internet addresses/),
      });
  });

  it("reads FETCH_ALLOW_HOSTS from the configuration", () => {
    expect(parseEnv({ FETCH_ALLOW_HOSTS: " 127.0.0.1, Localhost ,," }).FETCH_ALLOW_HOSTS).toEqual(["127.0.0.1", "localhost"]);
    expect(parseEnv({}).FETCH_ALLOW_HOSTS).toEqual([]);
  });

  it("re-checks every redirect: into a private address, cloud metadata, or a name resolving to one", async () => {
    expect(await fetchPublicDocument(`${origin}/to-private`, allowLoopback)).toEqual({
      ok: false,
      reason: "10.0.0.7 is a private address; Cairn only fetches public internet addresses.",
    });
    expect(await fetchPublicDocument(`${origin}/to-metadata`, allowLoopback)).toMatchObject({
      reason: expect.stringMatching(/169\.254\.169\.254 is a cloud metadata address/),
    });
    const resolve = resolverFor({ "intranet.example": ["192.168.10.20"] });
    expect(await fetchPublicDocument(`${origin}/to-intranet`, { ...allowLoopback, resolve })).toEqual({
      ok: false,
      reason: "intranet.example (192.168.10.20) is a private address; Cairn only fetches public internet addresses.",
    });
    expect(await fetchPublicDocument(`${origin}/to-file`, allowLoopback)).toEqual({
      ok: false,
      reason: "Only http and https links can be imported, not file.",
    });
  });

  it("refuses a name if any of its addresses is private", async () => {
    const resolve = resolverFor({ "mixed.example": ["93.184.215.14", "10.0.0.1"] });
    expect(await fetchPublicDocument("http://mixed.example/", { resolve })).toMatchObject({
      reason: expect.stringMatching(/mixed\.example \(10\.0\.0\.1\) is a private address/),
    });
    expect(await fetchPublicDocument("http://nowhere.example/", { resolve })).toEqual({
      ok: false,
      reason: "The host nowhere.example could not be found.",
    });
  });

  it("connects to the address it checked, resolving each name once per hop (no DNS rebinding)", async () => {
    let calls = 0;
    // A rebinding resolver: the checked answer first, a private one afterwards.
    const rebinding: Resolver = async () => (calls++ === 0 ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "10.0.0.1", family: 4 }]);
    const result = await fetchPublicDocument(`http://docs.example:${port}/article`, { ...allowLoopback, resolve: rebinding });
    // One lookup, and the connection used its answer: the system resolver would not know docs.example at all.
    expect(result).toMatchObject({ ok: true, url: `http://docs.example:${port}/article` });
    expect(calls).toBe(1);
    // A redirect is a new hop: the name is resolved and checked again, and now refused.
    calls = 0;
    expect(await fetchPublicDocument(`http://docs.example:${port}/to-article`, { ...allowLoopback, resolve: rebinding })).toEqual({
      ok: false,
      reason: "docs.example (10.0.0.1) is a private address; Cairn only fetches public internet addresses.",
    });
  });

  it("stops after 5 redirects", async () => {
    expect(await fetchPublicDocument(`${origin}/loop`, allowLoopback)).toEqual({
      ok: false,
      reason: "The page redirected more than 5 times.",
    });
  });

  it("enforces size while reading, whether declared, undeclared or compressed", async () => {
    const maxBytes = 1024 * 1024;
    expect(await fetchPublicDocument(`${origin}/declared-huge`, { ...allowLoopback, maxBytes })).toEqual({
      ok: false,
      reason: "The page is larger than 1.0 MB.",
    });
    expect(await fetchPublicDocument(`${origin}/endless`, { ...allowLoopback, maxBytes })).toEqual({
      ok: false,
      reason: "The page is larger than 1.0 MB.",
    });
    expect(await fetchPublicDocument(`${origin}/gzip-bomb`, { ...allowLoopback, maxBytes })).toEqual({
      ok: false,
      reason: "The page is larger than 1.0 MB.",
    });
  });

  it("refuses content types it does not import, and error statuses", async () => {
    expect(await fetchPublicDocument(`${origin}/image`, allowLoopback)).toMatchObject({
      reason: expect.stringMatching(/^The page is of type image\/png, which Cairn does not import/),
    });
    expect(await fetchPublicDocument(`${origin}/missing`, allowLoopback)).toEqual({
      ok: false,
      reason: "The page answered 404 Not Found.",
    });
  });

  it("gives up on a page that takes too long", async () => {
    expect(await fetchPublicDocument(`${origin}/slow`, { ...allowLoopback, timeoutMs: 300 })).toEqual({
      ok: false,
      reason: "The page took longer than 0.3 s to download.",
    });
  });

  it("refuses URLs that are not http(s) or not URLs", async () => {
    expect(await fetchPublicDocument("ftp://example.com/file.pdf")).toEqual({
      ok: false,
      reason: "Only http and https links can be imported, not ftp.",
    });
    expect(await fetchPublicDocument("not a url")).toEqual({ ok: false, reason: '"not a url" is not a valid URL.' });
    expect(await fetchPublicDocument("http://user:pw@example.com/")).toEqual({
      ok: false,
      reason: "Links with a user name or password are not imported.",
    });
  });
});
