// For e2e runs: the SMTP capture server as its own process, plus a small HTTP
// inbox (GET /messages?to=…) so browser tests can read what Cairn sent.
import http from "node:http";
import { startSmtpCapture } from "./smtp";

const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);
const inboxPort = Number(process.env.E2E_INBOX_PORT ?? 2527);

const mailbox = await startSmtpCapture(smtpPort);
http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const to = url.searchParams.get("to") ?? "";
    const found = mailbox.messages.filter((m) => m.to.includes(to));
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ messages: found }));
  })
  .listen(inboxPort, "127.0.0.1", () => console.log(`mail capture: smtp ${smtpPort}, inbox http ${inboxPort}`));
