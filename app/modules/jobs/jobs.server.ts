// Durable background jobs in SQLite: queued work survives restarts, failures
// retry with exponential backoff, and one worker loop runs them on the primary
// (or the single node), checking before each job that this node still is it.
// Handlers are registered per kind by their modules.
//
// Fair turns: a job may name a lane (the workspace it serves); the worker takes
// the next due job of the lane it served least recently, so one workspace's
// long queue cannot starve the others. Jobs without a lane share one lane.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { jobs, type Job } from "#db/schema";
import { db, preparedQuery, transaction } from "~/modules/db/database.server";
import { logError } from "~/modules/log/logger.server";
import { isPrimary } from "~/modules/replication/primary.server";

export type { Job };

/** A failure that retrying cannot fix (a broken file, a deleted document). */
export class PermanentJobError extends Error {}

type Handler = (job: Job, control: { cancelled: () => boolean }) => Promise<void>;

/**
 * How each job of a batch ended, in the batch's order: `undefined` done, an
 * error to record (and retry), or DEFERRED: not started, back to the queue
 * without using a try (a handler that ran out of its turn).
 */
export type BatchOutcome = undefined | { error: unknown } | typeof DEFERRED;
export const DEFERRED = "deferred" as const;
type BatchHandler = (jobs: Job[], control: { cancelled: (job: Job) => boolean }) => Promise<BatchOutcome[]>;

const handlers = new Map<string, { run: BatchHandler; batchSize: number }>();

export function registerJobHandler(kind: string, handler: Handler) {
  handlers.set(kind, {
    batchSize: 1,
    run: async ([job], control) => {
      try {
        await handler(job!, { cancelled: () => control.cancelled(job!) });
        return [undefined];
      } catch (error) {
        return [{ error }];
      }
    },
  });
}

/**
 * A handler that takes up to `batchSize` due jobs of its kind from one lane at
 * once (documents of one workspace, embedded together).
 */
export function registerBatchJobHandler(kind: string, batchSize: number, handler: BatchHandler) {
  handlers.set(kind, { run: handler, batchSize });
}

/** Backoff after the nth failed attempt: 2 s, 4 s, 8 s … capped at 5 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** attempts);

/**
 * Queues a job (synchronous: call it inside the transaction that makes the
 * work necessary). Queued or running jobs for the same kind and key are
 * cancelled first, so the newest request is the one that runs.
 */
export function enqueueJob(
  kind: string,
  key: string,
  payload: Record<string, unknown> = {},
  options: { maxAttempts?: number; lane?: string | null } = {},
): Job {
  return transaction((tx) => {
    tx.update(jobs)
      .set({ status: "cancelled", updatedAt: new Date() })
      .where(and(eq(jobs.kind, kind), eq(jobs.key, key), inArray(jobs.status, ["queued", "running"])))
      .run();
    const job = tx
      .insert(jobs)
      .values({ kind, key, payload, lane: options.lane ?? null, runAt: new Date(), maxAttempts: options.maxAttempts ?? 5 })
      .returning()
      .get();
    queueMicrotask(wakeWorker);
    return job;
  });
}

export function cancelJobs(kind: string, key: string) {
  db()
    .update(jobs)
    .set({ status: "cancelled", updatedAt: new Date() })
    .where(and(eq(jobs.kind, kind), eq(jobs.key, key), inArray(jobs.status, ["queued", "running"])))
    .run();
}

/** Replaces what a job carries (e.g. a sent mail's text, which holds one-time links, by a summary). */
export function replaceJobPayload(id: number, payload: Record<string, unknown>) {
  db().update(jobs).set({ payload }).where(eq(jobs.id, id)).run();
}

export function latestJob(kind: string, key: string): Job | undefined {
  return db()
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.key, key)))
    .orderBy(sql`${jobs.id} desc`)
    .get();
}

/** When each lane was last served; a lane never served comes first. */
const laneLastServed = sql`(select max(served.claimed_at) from ${jobs} as served where served.lane is ${jobs.lane})`;

/**
 * Takes the next due job (of one of `kinds`, if given), from the lane served
 * least recently, and marks it running (one transaction, so two loops never
 * take the same job). A kind registered for batches takes more due jobs of the
 * same kind and lane along.
 */
export function claimNextJobs(now = new Date(), options: { alone?: boolean; kinds?: readonly string[] } = {}): Job[] {
  return transaction((tx) => {
    const next = tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.status, "queued"), lte(jobs.runAt, now), options.kinds ? inArray(jobs.kind, [...options.kinds]) : undefined))
      // Work outside any lane (mail: someone waits for it) first, then the lanes in turn.
      .orderBy(sql`${jobs.lane} is not null`, sql`${laneLastServed} asc nulls first`, asc(jobs.runAt), asc(jobs.id))
      .get();
    if (!next) return [];
    const batchSize = options.alone ? 1 : (handlers.get(next.kind)?.batchSize ?? 1);
    const companions =
      batchSize > 1
        ? tx
            .select()
            .from(jobs)
            .where(
              and(
                eq(jobs.status, "queued"),
                lte(jobs.runAt, now),
                eq(jobs.kind, next.kind),
                next.lane === null ? sql`${jobs.lane} is null` : eq(jobs.lane, next.lane),
                sql`${jobs.id} != ${next.id}`,
              ),
            )
            .orderBy(asc(jobs.runAt), asc(jobs.id))
            .limit(batchSize - 1)
            .all()
        : [];
    return [next, ...companions].map((job) =>
      tx
        .update(jobs)
        .set({ status: "running", attempts: job.attempts + 1, claimedAt: now, updatedAt: now })
        .where(eq(jobs.id, job.id))
        .returning()
        .get(),
    );
  });
}

/** The next due job alone, without batch companions. */
export const claimNextJob = (now = new Date()): Job | undefined => claimNextJobs(now, { alone: true })[0];

// Asked by a running job between its steps (ingestion: every slice of chunks it stores).
const jobStatusQuery = preparedQuery((database) =>
  database
    .select({ status: jobs.status })
    .from(jobs)
    .where(eq(jobs.id, sql.placeholder("id")))
    .prepare(),
);

function isCancelled(id: number): boolean {
  return jobStatusQuery().get({ id })?.status === "cancelled";
}

/** Records how a run ended; a failure is retried later unless it is permanent or attempts are used up. */
export function finishJob(job: Job, error?: unknown, now = new Date()) {
  const update = (values: Partial<Job>) =>
    db()
      .update(jobs)
      .set({ ...values, updatedAt: now })
      // A job cancelled while it ran stays cancelled.
      .where(and(eq(jobs.id, job.id), eq(jobs.status, "running")))
      .run();
  if (error === undefined) return update({ status: "done", lastError: null });
  const message = error instanceof Error ? error.message : String(error);
  const retry = !(error instanceof PermanentJobError) && job.attempts < job.maxAttempts;
  update(
    retry
      ? { status: "queued", lastError: message, runAt: new Date(now.getTime() + retryDelayMs(job.attempts)) }
      : { status: "failed", lastError: message },
  );
}

function requeue(job: Job) {
  db()
    .update(jobs)
    .set({ status: "queued", attempts: job.attempts - 1, updatedAt: new Date() })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running")))
    .run();
}

/** Jobs a crash left running go back to the queue (called once at start, on the primary). */
export function requeueInterruptedJobs(): number {
  return db().update(jobs).set({ status: "queued", updatedAt: new Date() }).where(eq(jobs.status, "running")).run().changes;
}

/**
 * Runs the next due job (with its batch companions) through its handler;
 * answers whether there was one (`now`: which are due; `kinds`: of which
 * kinds). Only the primary runs jobs: asked again before each one, since the
 * primary can move.
 */
export async function runNextJob(now = new Date(), kinds?: readonly string[]): Promise<boolean> {
  if (!isPrimary()) return false;
  const claimed = claimNextJobs(now, { kinds });
  if (claimed.length === 0) return false;
  const handler = handlers.get(claimed[0]!.kind);
  // A stopping worker asks the handler to stop at its next step; the job then waits for the next start.
  const stopping = () => worker?.stopped === true;
  let outcomes: BatchOutcome[];
  try {
    if (!handler) throw new PermanentJobError(`No handler for jobs of kind "${claimed[0]!.kind}"`);
    outcomes = await handler.run(claimed, { cancelled: (job) => stopping() || isCancelled(job.id) });
  } catch (error) {
    outcomes = claimed.map(() => ({ error }));
  }
  claimed.forEach((job, i) => {
    const outcome = outcomes[i];
    if (outcome === DEFERRED || (stopping() && outcome === undefined)) requeue(job);
    else finishJob(job, outcome?.error);
  });
  return true;
}

let worker: { timer?: NodeJS.Timeout; running: boolean; stopped: boolean; idle?: Promise<void>; kinds?: readonly string[] } | undefined;
function wakeWorker() {
  if (worker && !worker.running && !worker.stopped) {
    clearTimeout(worker.timer);
    worker.timer = setTimeout(loop, 0);
  }
}

async function loop() {
  if (!worker || worker.stopped || worker.running) return;
  worker.running = true;
  let finished!: () => void;
  worker.idle = new Promise((resolve) => (finished = resolve));
  try {
    while (!worker.stopped && (await runNextJob(new Date(), worker.kinds)));
  } catch (error) {
    logError(error, "job worker loop failed");
  } finally {
    worker.running = false;
    finished();
    if (!worker.stopped) worker.timer = setTimeout(loop, 1000);
  }
}

export type WorkerOptions = {
  /** Only jobs of these kinds (the tests' mail delivery); default: every kind. */
  kinds?: readonly string[];
  /**
   * Leave the database alone until this process queues its first job (tests,
   * whose files configure the environment after setup); default: start at once,
   * taking up jobs a previous process left.
   */
  waitForFirstJob?: boolean;
};

/** Starts the one worker loop of this process (primary only). */
export function startJobWorker(options: WorkerOptions = {}) {
  if (worker && !worker.stopped) return;
  worker = { running: false, stopped: false, kinds: options.kinds };
  if (options.waitForFirstJob) return;
  requeueInterruptedJobs();
  worker.timer = setTimeout(loop, 0);
}

/** Stops taking new jobs and waits for the running one to finish (SIGTERM, tests). */
export async function stopJobWorker() {
  if (!worker) return;
  worker.stopped = true;
  clearTimeout(worker.timer);
  await worker.idle;
  worker = undefined;
}
