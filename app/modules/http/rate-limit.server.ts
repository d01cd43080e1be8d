// Brute-force protection for sign-up, log-in and the mails anyone can trigger.
// Counters live in SQLite (rate-limiter-flexible), so they survive restarts.
import { RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import { db } from "~/modules/db/database.server";
import { HttpError } from "./errors";

const POLICIES = {
  loginByIp: { points: 30, duration: 15 * 60 },
  // Failed attempts per account, from anywhere; a success clears them.
  loginFailuresByAccount: { points: 5, duration: 15 * 60 },
  signupByIp: { points: 10, duration: 60 * 60 },
  accountMailByIp: { points: 10, duration: 15 * 60 },
} as const;
export type RateLimitPolicy = keyof typeof POLICIES;

const limiters = new Map<RateLimitPolicy, RateLimiterSQLite>();

function limiter(policy: RateLimitPolicy) {
  let l = limiters.get(policy);
  if (!l) {
    l = new RateLimiterSQLite({
      storeClient: db().$client,
      storeType: "better-sqlite3",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: policy,
      ...POLICIES[policy],
    });
    limiters.set(policy, l);
  }
  return l;
}

const tooMany = (res: RateLimiterRes) => {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new HttpError(429, `Too many attempts. Try again in ${seconds} seconds.`, undefined, {
    "Retry-After": String(seconds),
  });
};

/** Counts one attempt; throws 429 with Retry-After once the policy's budget is spent. */
export async function consumeRateLimit(policy: RateLimitPolicy, key: string) {
  try {
    await limiter(policy).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(error);
    throw error;
  }
}

/** Throws 429 if the budget is already spent, without counting this attempt. */
export async function checkRateLimit(policy: RateLimitPolicy, key: string) {
  const res = await limiter(policy).get(key);
  if (res && res.consumedPoints >= POLICIES[policy].points && res.msBeforeNext > 0) throw tooMany(res);
}

export async function resetRateLimit(policy: RateLimitPolicy, key: string) {
  await limiter(policy).delete(key);
}
