// Markdown, loaded when first needed: the renderer (react-markdown with GFM,
// and math and highlighting on demand) is a separate chunk, so the chat
// screen's first load stays small. The server renders it at once; while the
// browser fetches it, the server's HTML stays in place (or, for new text,
// the plain text shows).
import { Suspense } from "react";
import { onDemand } from "./on-demand";

const renderer = onDemand(() => import("./markdown-renderer"));
export const loadMarkdown = renderer.load;

function Rendered({ text }: { text: string }) {
  const { MarkdownRenderer } = renderer.read();
  return <MarkdownRenderer text={text} />;
}

/** An answer's markdown: GitHub flavour, math, highlighted code with copy buttons, no raw HTML. */
export function Markdown({ text }: { text: string }) {
  return (
    <Suspense fallback={<div className="markdown whitespace-pre-wrap">{text}</div>}>
      <Rendered text={text} />
    </Suspense>
  );
}
