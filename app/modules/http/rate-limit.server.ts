// Rate limits (rate-limiter-flexible). The brute-force counters (log-in, mails,
// sign-ups, workspaces, invitations, contact) live in SQLite, so a restart does
// not reset them; where the database cannot be written (a LiteFS replica) a
// per-process counter stands in. The per-minute budgets every API call spends
// are counted in memory: a write transaction per call only to count it cost
// more than most calls' own work, and a restart resets at most a minute.
import { RateLimiterMemory, RateLimiterRes, RateLimiterSQLite, type IRateLimiterOptions } from "rate-limiter-flexible";
import { env } from "~/modules/config/env.server";
import { db } from "~/modules/db/database.server";
import { HttpError } from "./errors";

// Brute-force protection for sign-up, log-in and the mails anyone can trigger (the contact form's too).
const FIXED_POLICIES = {
  loginByIp: { points: 30, duration: 15 * 60 },
  // Failed attempts at one account from one address; a success clears them. Keyed by
  // both so a stranger cannot lock the owner out, while loginByIp bounds each address.
  loginFailuresByAccountAndAddress: { points: 5, duration: 15 * 60 },
  accountMailByIp: { points: 10, duration: 15 * 60 },
  // Ordinary use stays far below these (floors: 5 workspaces, 20 invitations an hour).
  workspacesByAccount: { points: 10, duration: 60 * 60 },
  invitationsByWorkspace: { points: 50, duration: 60 * 60 },
  // The public contact form: messages per client address per hour.
  contactByIp: { points: 5, duration: 60 * 60 },
} as const;

// Every API call, per key, person or client address; and the calls that reach a model.
// Sign-ups per client address are configurable too (a test suite signs up many people from one address).
const apiPolicies = () => ({
  apiCalls: { points: env().RATE_LIMIT_PER_MINUTE, duration: 60 },
  modelCalls: { points: env().RATE_LIMIT_MODEL_PER_MINUTE, duration: 60 },
  signupByIp: { points: env().RATE_LIMIT_SIGNUPS_PER_HOUR, duration: 60 * 60 },
});

export type RateLimitPolicy = keyof typeof FIXED_POLICIES | keyof ReturnType<typeof apiPolicies>;

const limiters = new Map<RateLimitPolicy, RateLimiterSQLite | RateLimiterMemory>();

function policyOptions(policy: RateLimitPolicy): { points: number; duration: number } {
  return policy in FIXED_POLICIES
    ? FIXED_POLICIES[policy as keyof typeof FIXED_POLICIES]
    : apiPolicies()[policy as keyof ReturnType<typeof apiPolicies>];
}

function limiter(policy: RateLimitPolicy) {
  let l = limiters.get(policy);
  if (!l) {
    const { points, duration } = policyOptions(policy);
    const options: IRateLimiterOptions = { keyPrefix: policy, points, duration };
    // A window of a minute or less is counted in memory (see the top of this file).
    l =
      duration <= 60
        ? new RateLimiterMemory(options)
        : new RateLimiterSQLite({
            storeClient: db().$client,
            storeType: "better-sqlite3",
            tableName: "rate_limits",
            tableCreated: true,
            insuranceLimiter: new RateLimiterMemory(options),
            ...options,
          });
    limiters.set(policy, l);
  }
  return l;
}

export type RateLimitState = { limit: number; remaining: number; resetSeconds: number };

const secondsUntil = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** The IETF draft headers a limited answer carries. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.resetSeconds),
  };
}

const tooMany = (policy: RateLimitPolicy, res: RateLimiterRes, message?: string) => {
  const seconds = secondsUntil(res);
  const what = policy === "apiCalls" || policy === "modelCalls" ? "requests" : "attempts";
  return new HttpError(429, message ?? `Too many ${what}. Try again in ${seconds} seconds.`, undefined, {
    "Retry-After": String(seconds),
    ...rateLimitHeaders({ limit: policyOptions(policy).points, remaining: 0, resetSeconds: seconds }),
  });
};

/** Counts one call; throws 429 with Retry-After once the policy's budget is spent. Returns what is left. */
export async function consumeRateLimit(policy: RateLimitPolicy, key: string, message?: string): Promise<RateLimitState> {
  try {
    const res = await limiter(policy).consume(key);
    return { limit: policyOptions(policy).points, remaining: res.remainingPoints, resetSeconds: secondsUntil(res) };
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(policy, error, message);
    throw error;
  }
}

/** Gives back one counted call (one that turned out not to be what the policy counts). */
export async function refundRateLimit(policy: RateLimitPolicy, key: string) {
  await limiter(policy).reward(key, 1);
}

export async function resetRateLimit(policy: RateLimitPolicy, key: string) {
  await limiter(policy).delete(key);
}
