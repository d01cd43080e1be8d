// Outgoing mail over SMTP_URL. Without SMTP_URL (development) each mail is
// printed to the server log, links included, so sign-up works with no setup.
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/modules/config/env.server";
import { logger } from "~/modules/log/logger.server";

export type Mail = { to: string; subject: string; text: string; html?: string };

let transport: Transporter | undefined;

export async function sendMail(mail: Mail): Promise<void> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    logger().info(`mail (no SMTP_URL set, printed instead)\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n`);
    return;
  }
  transport ??= nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: MAIL_FROM, ...mail });
}
