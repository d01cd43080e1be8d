// The app's API route table (read from app/routes.ts), and a real HTTP server
// that serves it through the same middleware chain as ./client, for clients
// that need a URL, such as the official `openai` SDK.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { matchRoutes } from "react-router";
import appRoutes from "~/routes";
import { dispatchRequest, type RouteModule } from "./client";

export type ApiRoute = { path: string; file: string };

type Entry = { path?: string; file: string; children?: Entry[] };

/** Every route under the API guard's layout, with its full path (e.g. `api/workspaces/:workspaceId`). */
export function apiRouteTable(): ApiRoute[] {
  const guard = (appRoutes as Entry[]).find((entry) => entry.file === "routes/api/guard.ts");
  if (!guard?.children) throw new Error("app/routes.ts has no API guard layout");
  return guard.children.map((entry) => ({ path: entry.path!, file: entry.file }));
}

export const loadRoute = (file: string): Promise<RouteModule> => import(path.resolve("app", file));

/** The route a path reaches, ranked as React Router ranks them, with its params. */
export function matchApiRoute(pathname: string): { route: ApiRoute; params: Record<string, string> } | null {
  const table = apiRouteTable();
  const matches = matchRoutes(
    table.map((route) => ({ id: route.file, path: route.path })),
    pathname,
  );
  const match = matches?.at(-1);
  if (!match) return null;
  return { route: table.find((r) => r.file === match.route.id)!, params: match.params as Record<string, string> };
}

/** Serves the API routes on 127.0.0.1 (a random port); a client going away aborts its request. */
export async function startApiServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const matched = matchApiRoute(url.pathname);
    if (!matched) return void res.writeHead(404).end();
    const gone = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) gone.abort();
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: gone.signal,
      duplex: "half",
    } as RequestInit);
    try {
      const response = await dispatchRequest(await loadRoute(matched.route.file), request, {
        params: matched.params,
        ip: req.socket.remoteAddress,
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      for await (const chunk of response.body) res.write(chunk);
      res.end();
    } catch {
      // A stream that ends in an error, as a real server would: the connection drops.
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
