import { describe, expect, it } from "vitest";
import { db } from "~/modules/db/database.server";

describe("the connection's kept statements", () => {
  it("prepares a SQL text once and gives it back returning objects, whatever its last user left it doing", () => {
    const client = db().$client;
    const text = "SELECT 1 AS one, 2 AS two";
    expect(client.prepare(text)).toBe(client.prepare(text));
    expect(client.prepare(text).raw(true).get()).toEqual([1, 2]);
    expect(client.prepare(text).get()).toEqual({ one: 1, two: 2 });
    expect(client.prepare(text).pluck(true).get()).toBe(1);
    expect(client.prepare(text).get()).toEqual({ one: 1, two: 2 });
  });
});
