// Errors are logged once, with their request id and stack; a client's error
// (an HttpError: bad input, not found…) is answered and not logged as a failure.
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiRoute } from "~/modules/http/api.server";
import { HttpError } from "~/modules/http/errors";
import { withRequestId } from "~/modules/log/logger.server";

afterEach(() => vi.restoreAllMocks());

function captureLogs() {
  const lines: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

const args = (method = "GET") => ({ request: new Request("http://localhost:3000/api/x", { method }), params: {}, context: {} as never });

describe("error logging", () => {
  it("logs an unexpected failure once, with the request id and its stack, and answers a bare 500", async () => {
    const logs = captureLogs();
    const route = apiRoute({
      GET: () => {
        throw new Error("database on fire");
      },
    });
    const res = await withRequestId("req-test-0001", () => route(args()));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "Internal server error" });
    const output = logs.join("");
    expect(output.match(/database on fire/g)).toHaveLength(2); // the message and the stack's first line, in one entry
    expect(output).toContain("req-test-0001");
    expect(output).toMatch(/at .*logging\.test\.ts/);
  });

  it("answers a client's error without logging a failure or a stack", async () => {
    const logs = captureLogs();
    const route = apiRoute({
      GET: () => {
        throw new HttpError(422, "Validation failed", [{ path: "name", message: "Required" }]);
      },
    });
    const res = await withRequestId("req-test-0002", () => route(args()));
    expect(res.status).toBe(422);
    expect((await route(args("DELETE"))).status).toBe(405);
    expect(logs.join("")).toBe("");
  });
});
