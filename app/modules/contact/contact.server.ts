// The public contact form: a visitor's message goes to the operators of this
// instance (CONTACT_EMAIL, else the admins) with Reply-To set to the visitor.
// Mail goes through the durable job queue (mail.server), so a slow or failing
// mail server never delays the answer and a failed delivery is retried.
import { operatorEmails } from "~/modules/admin/admin.server";
import { env } from "~/modules/config/env.server";
import { HttpError } from "~/modules/http/errors";
import { clientKey } from "~/modules/http/client-address.server";
import { consumeRateLimit } from "~/modules/http/rate-limit.server";
import { logger } from "~/modules/log/logger.server";
import { sendMail, type Mail } from "~/modules/mail/mail.server";
import { HONEYPOT_FIELD, type ContactMessage } from "./schemas";

/** Where contact messages go: CONTACT_EMAIL, else the admins (ADMIN_EMAILS, else the first account). */
export function contactRecipients(): string[] {
  const configured = env().CONTACT_EMAIL;
  return configured.length ? configured : operatorEmails();
}

function contactMail(message: ContactMessage, to: string[]): Mail {
  const about = message.subject ?? `a message from ${message.name}`;
  const text = [
    `${message.name} <${message.email}> wrote through the contact form of ${env().APP_URL}:`,
    ...(message.subject ? ["", `Subject: ${message.subject}`] : []),
    "",
    message.message,
    "",
    "--",
    `Reply to this mail to answer ${message.name}: the reply goes to ${message.email}.`,
  ].join("\n");
  return { to: to.join(", "), subject: `Contact form: ${about}`, text, replyTo: { name: message.name, address: message.email } };
}

/**
 * Queues a visitor's message for the operators: at most 5 an hour per client
 * address (429 after), 503 when the instance has nobody to send it to. A
 * filled honeypot is answered as if sent, and dropped.
 */
export async function sendContactMessage(message: ContactMessage, clientAddress: string): Promise<void> {
  const to = contactRecipients();
  if (to.length === 0) throw new HttpError(503, "This instance has no contact address yet: its operator must set CONTACT_EMAIL.");
  await consumeRateLimit(
    "contactByIp",
    clientKey(clientAddress),
    "This form takes 5 messages an hour from one network, and yours has sent them. Try again later.",
  );
  if (message[HONEYPOT_FIELD]?.trim()) {
    logger().info("contact: a message with the hidden field filled in was dropped (a bot, most likely)");
    return;
  }
  sendMail(contactMail(message, to));
}
