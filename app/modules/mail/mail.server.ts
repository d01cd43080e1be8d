// Outgoing mail. sendMail only queues a job: the request that causes a mail
// answers at once, whatever SMTP does (a slow server would otherwise tell an
// observer which addresses have accounts), and a failed delivery is retried
// with backoff by the job worker. Without SMTP_URL (development) each mail is
// printed to the server log, links included, so sign-up works with no setup.
import { randomUUID } from "node:crypto";
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { env } from "~/modules/config/env.server";
import { enqueueJob, PermanentJobError, registerJobHandler, replaceJobPayload, type Job } from "~/modules/jobs/jobs.server";
import { logger } from "~/modules/log/logger.server";

export const MAIL_JOB = "mail";
// Backoff 2 s, 4 s … capped at 5 minutes: about 13 minutes of retries before a mail is given up.
const MAIL_ATTEMPTS = 10;

const mailSchema = z.object({
  to: z.string().min(1),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  // An object keeps a name with commas or quotes intact (nodemailer encodes it).
  replyTo: z.union([z.string(), z.object({ name: z.string(), address: z.string() })]).optional(),
});
export type Mail = z.infer<typeof mailSchema>;

/** Queues a mail for delivery (synchronous; safe inside a transaction). */
export function sendMail(mail: Mail): void {
  enqueueJob(MAIL_JOB, randomUUID(), mailSchema.parse(mail), { maxAttempts: MAIL_ATTEMPTS });
}

let transport: { url: string; transporter: Transporter } | undefined;

function transporter(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

// SMTP answers 5xx when retrying cannot help (no such mailbox, refused sender).
const isPermanent = (error: unknown) => Number((error as { responseCode?: unknown })?.responseCode) >= 500;

async function deliverMail(job: Job) {
  const parsed = mailSchema.safeParse(job.payload);
  if (!parsed.success) throw new PermanentJobError("The queued mail could not be read");
  const mail = parsed.data;
  const { SMTP_URL, MAIL_FROM } = env();
  // A delivered or abandoned mail's text (one-time links) does not stay in the database.
  const forgetText = () => replaceJobPayload(job.id, { to: mail.to, subject: mail.subject });
  if (!SMTP_URL) {
    const replyTo = typeof mail.replyTo === "object" ? `${mail.replyTo.name} <${mail.replyTo.address}>` : mail.replyTo;
    logger().info(
      `mail (no SMTP_URL set, printed instead)\nTo: ${mail.to}${replyTo ? `\nReply-To: ${replyTo}` : ""}\nSubject: ${mail.subject}\n\n${mail.text}\n`,
    );
    return forgetText();
  }
  try {
    await transporter(SMTP_URL).sendMail({ from: MAIL_FROM, ...mail });
  } catch (error) {
    const permanent = isPermanent(error);
    const retrying = !permanent && job.attempts < job.maxAttempts;
    logger().warn({ err: error, jobId: job.id, attempt: job.attempts, retrying }, `could not send "${mail.subject}" to ${mail.to}`);
    if (!retrying) forgetText();
    throw permanent ? new PermanentJobError(error instanceof Error ? error.message : String(error)) : error;
  }
  forgetText();
}

/** The job worker delivers queued mail (called where the worker runs: the primary, the dev server, tests). */
export function registerMailDelivery() {
  registerJobHandler(MAIL_JOB, deliverMail);
}
