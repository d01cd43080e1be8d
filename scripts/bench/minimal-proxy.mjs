// The stream scenario's baseline: the least a server can do for /api/chat's
// wire job — take a question, ask the model for a streamed answer (OpenAI's
// server-sent events), and write its text deltas back as plain text. No auth,
// no database, no framework: node:http on both sides. Prints its origin.
import http from "node:http";

const upstream = new URL(process.env.UPSTREAM_URL); // …/v1 of the model
const apiKey = process.env.UPSTREAM_API_KEY;
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

const server = http.createServer((req, res) => {
  const body = [];
  req.on("data", (c) => body.push(c));
  req.on("end", () => {
    const { messages } = JSON.parse(Buffer.concat(body).toString());
    ask(JSON.stringify({ model: "gpt-4o-mini", stream: true, messages }), res);
  });
});

function ask(payload, res) {
  const out = http.request(
    `${upstream.href.replace(/\/$/, "")}/chat/completions`,
    { method: "POST", agent, headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` } },
    (answer) => {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" });
      let rest = "";
      answer.setEncoding("utf8");
      answer.on("data", (chunk) => {
        rest += chunk;
        const events = rest.split("\n\n");
        rest = events.pop();
        let text = "";
        for (const event of events) {
          const data = event.slice(event.indexOf("data: ") + 6);
          if (data === "[DONE]") continue;
          text += JSON.parse(data).choices?.[0]?.delta?.content ?? "";
        }
        if (text) res.write(text);
      });
      answer.on("end", () => res.end());
    },
  );
  // A kept-alive socket the model closed as it was reused: ask again on a new one (what any client must do).
  out.on("error", (error) => {
    if (out.reusedSocket && error.code === "ECONNRESET" && !res.headersSent) ask(payload, res);
    else res.destroy(error);
  });
  out.end(payload);
}
server.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on("SIGTERM", () => process.exit(0));
