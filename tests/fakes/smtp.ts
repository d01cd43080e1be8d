// A loopback SMTP server that captures what Cairn sends, over real SMTP.
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type CapturedMail = { to: string; from: string; replyTo: string; subject: string; text: string };

export type Mailbox = {
  url: string;
  messages: CapturedMail[];
  /** Resolves with the first mail to `to` that arrives after `since` messages (waits for it if needed). */
  next(to: string, since?: number): Promise<CapturedMail>;
  /**
   * Keeps every mail sent from now on waiting for the server's final reply (a
   * slow SMTP server) until the returned function is called; the mails then arrive.
   */
  hold(): () => void;
  /** Resolves once the server holds a mail it has read but not yet accepted. */
  holding(): Promise<void>;
  /** Refuses the next mail with this SMTP reply code (4xx: try later, 5xx: never). */
  refuseNext(code: number): void;
  close(): Promise<void>;
};

export async function startSmtpCapture(port = 0): Promise<Mailbox> {
  const messages: CapturedMail[] = [];
  const waiters: Array<() => void> = [];
  const refusals: number[] = [];
  let gate: Promise<void> | undefined;
  let held = 0;
  const holdWaiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then(async (mail: ParsedMail) => {
          const refusal = refusals.shift();
          if (refusal) return callback(Object.assign(new Error(`refused by the test (${refusal})`), { responseCode: refusal }));
          if (gate) {
            held++;
            holdWaiters.splice(0).forEach((wake) => wake());
            await gate;
          }
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
          messages.push({
            to,
            from: mail.from?.text ?? "",
            replyTo: mail.replyTo?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
          });
          waiters.splice(0).forEach((wake) => wake());
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address() as AddressInfo;

  const find = (to: string, since: number) => messages.slice(since).find((m) => m.to.includes(to));
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    async next(to, since = 0) {
      for (;;) {
        const found = find(to, since);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    async holding() {
      while (held === 0) await new Promise<void>((resolve) => holdWaiters.push(resolve));
    },
    refuseNext(code) {
      refusals.push(code);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first Cairn link in a mail's text (activation or reset). */
export function linkIn(mail: CapturedMail): URL {
  const match = mail.text.match(/https?:\/\/\S+/);
  if (!match) throw new Error(`no link in mail "${mail.subject}"`);
  return new URL(match[0]);
}
