import { describe, expect, it } from "vitest";
import { parseEnv } from "~/modules/config/env.server";

describe("configuration", () => {
  it("needs nothing in development", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, APP_URL: "http://localhost:3000", DATABASE_PATH: "./data/cairn.db" });
    expect(env.sessionSecrets).toHaveLength(1);
  });

  it("stops a production start without SESSION_SECRET, naming the variable in one line", () => {
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "https://cairn.example" })).toThrow(
      "Invalid configuration: SESSION_SECRET is required in production",
    );
  });

  it("refuses a short production secret and a missing APP_URL", () => {
    const secret = "s".repeat(32);
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "https://x.example", SESSION_SECRET: `${secret},short` })).toThrow(
      /SESSION_SECRET each comma-separated secret must be at least 32 characters/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret })).toThrow(/APP_URL is required in production/);
  });

  it("names the bad variable for malformed values", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/^Invalid configuration: PORT /);
    expect(() => parseEnv({ APP_URL: "not a url" })).toThrow(/^Invalid configuration: APP_URL /);
    expect(() => parseEnv({ SMTP_URL: "mail.example.com" })).toThrow(/^Invalid configuration: SMTP_URL must look like/);
    expect(() => parseEnv({ EMBEDDING_DIMENSIONS: "-3" })).toThrow(/^Invalid configuration: EMBEDDING_DIMENSIONS /);
    expect(() => parseEnv({ STAND_INS: "openai,paypal" })).toThrow(
      /^Invalid configuration: STAND_INS must list only openai, anthropic, stripe/,
    );
  });

  it("reads which services are offline stand-ins from STAND_INS, none by default", () => {
    expect(parseEnv({}).STAND_INS).toEqual([]);
    expect(parseEnv({ STAND_INS: "openai, stripe" }).STAND_INS).toEqual(["openai", "stripe"]);
  });

  it("splits rotated session secrets, newest first, and trims APP_URL", () => {
    const env = parseEnv({ SESSION_SECRET: "new-secret, old-secret", APP_URL: "https://cairn.example/" });
    expect(env.sessionSecrets).toEqual(["new-secret", "old-secret"]);
    expect(env.APP_URL).toBe("https://cairn.example");
  });
});
