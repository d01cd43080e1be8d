// Every environment variable Cairn reads, parsed once at start-up. A bad value
// stops the process with one line naming the variable, instead of failing later.
import { z } from "zod";

const optional = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const optionalUrl = optional.pipe(z.url().optional());
const commaList = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean),
  );
const positiveInt = (fallback: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().default(fallback));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: optionalUrl,
    DATABASE_PATH: z.string().trim().min(1).default("./data/cairn.db"),
    SESSION_SECRET: optional,
    CRON_SECRET: optional,
    OPENAI_API_KEY: optional,
    OPENAI_BASE_URL: optionalUrl,
    ANTHROPIC_API_KEY: optional,
    ANTHROPIC_BASE_URL: optionalUrl,
    EMBEDDING_MODEL: optional,
    // Embeddings from another OpenAI-compatible server than chat (e.g. a local Ollama); default: OPENAI_*.
    EMBEDDING_BASE_URL: optionalUrl,
    EMBEDDING_API_KEY: optional,
    EMBEDDING_DIMENSIONS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
    STRIPE_SECRET_KEY: optional,
    STRIPE_WEBHOOK_SECRET: optional,
    STRIPE_API_BASE: optionalUrl,
    // Stripe price ids of what Cairn sells (billing/catalog.server.ts); the defaults are the stand-in's.
    STRIPE_PRICE_PRO: z.string().trim().min(1).default("price_cairn_pro_monthly"),
    STRIPE_PRICE_TOPUP_SMALL: z.string().trim().min(1).default("price_cairn_topup_5k"),
    STRIPE_PRICE_TOPUP_LARGE: z.string().trim().min(1).default("price_cairn_topup_25k"),
    // Comma-separated emails that get the admin role (besides the first account).
    ADMIN_EMAILS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    SMTP_URL: optional.pipe(
      z
        .string()
        .regex(/^smtps?:\/\/.+/, "must look like smtp://user:pass@host:port")
        .optional(),
    ),
    MAIL_FROM: z.string().trim().min(3).default("Cairn <no-reply@cairn.local>"),
    LITEFS_DIR: optional,
    // Browser origins (scheme://host[:port]) that may call the API with a Bearer key (CORS); never with cookies.
    CORS_ORIGINS: commaList.pipe(z.array(z.url().transform((u) => new URL(u).origin))),
    // Calls per minute per API key, user, or (anonymous) client address: all API calls, and those that reach a model.
    RATE_LIMIT_PER_MINUTE: positiveInt(300),
    RATE_LIMIT_MODEL_PER_MINUTE: positiveInt(30),
    // New accounts per client address per hour.
    RATE_LIMIT_SIGNUPS_PER_HOUR: positiveInt(10),
    TRANSCRIBE_MODEL: z.string().trim().min(1).default("gpt-4o-mini-transcribe"),
    // Where the public contact form's mails go; default: the admin emails.
    CONTACT_EMAIL: commaList.pipe(z.array(z.email())),
    // on: credits must cover each call; off: usage is metered but needs no balance. Default below.
    BILLING: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["on", "off"]).optional()),
    // Services answered by Cairn's offline stand-ins (tests/fakes), which `npm run dev` starts for
    // those without keys: openai, anthropic, stripe. The UI then says so plainly.
    STAND_INS: commaList.pipe(z.array(z.enum(["openai", "anthropic", "stripe"], "must list only openai, anthropic, stripe"))),
    // Comma-separated hosts or addresses that documents' from-url may fetch although they are
    // not public (e.g. 127.0.0.1 for tests). Empty: only public internet addresses.
    FETCH_ALLOW_HOSTS: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split(",")
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    // Production must not run on guessable defaults.
    if (!env.SESSION_SECRET) ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    else if (env.SESSION_SECRET.split(",").some((s) => s.trim().length < 32))
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "each comma-separated secret must be at least 32 characters",
      });
    if (!env.APP_URL) ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "is required in production" });
  });

export type Env = z.infer<typeof schema> & { APP_URL: string; sessionSecrets: string[]; BILLING: "on" | "off" };

const DEVELOPMENT_SESSION_SECRET = "cairn-development-secret-not-for-production";

export class InvalidEnvironmentError extends Error {}

/** Parses an environment; throws one readable line naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    throw new InvalidEnvironmentError(`Invalid configuration: ${name} ${issue.message}`);
  }
  const env = result.data;
  return {
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    // Production without Stripe has no way to buy credits: meter usage, require no balance.
    BILLING: env.BILLING ?? (env.NODE_ENV === "production" && !env.STRIPE_SECRET_KEY ? "off" : "on"),
    sessionSecrets: (env.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET)
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

let cached: Env | undefined;

/** The process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
