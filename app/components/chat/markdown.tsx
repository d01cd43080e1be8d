import { useRef, useState } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";

/** Copies text and says so for two seconds. */
export function CopyButton({ text, label = "Copy", className = "" }: { text: () => string; label?: string; className?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={`rounded-md px-2 py-1 text-xs font-medium text-stone-600 hover:bg-stone-200 ${className}`}
      onClick={async () => {
        await navigator.clipboard.writeText(text());
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      }}
    >
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}

function CodeBlock({ children, node: _node, ...props }: React.ComponentProps<"pre"> & { node?: unknown }) {
  const pre = useRef<HTMLPreElement>(null);
  const language = /language-(\w+)/.exec(
    ((children as React.ReactElement<{ className?: string }> | undefined)?.props?.className as string | undefined) ?? "",
  )?.[1];
  return (
    <div className="group relative my-3 overflow-hidden rounded-lg border border-stone-200 bg-stone-50">
      <div className="flex items-center justify-between border-b border-stone-200 px-3 py-1 text-xs text-stone-500">
        <span>{language ?? "code"}</span>
        <CopyButton text={() => pre.current?.innerText ?? ""} label="Copy code" />
      </div>
      <pre ref={pre} {...props} className="overflow-x-auto p-3 text-[0.8125rem] leading-relaxed">
        {children}
      </pre>
    </div>
  );
}

const components: Components = {
  pre: CodeBlock,
  // Cairn's own links (citations) open in place; others in a new tab.
  a: ({ node: _node, ...props }) =>
    props.href?.startsWith("/") ? <a {...props} /> : <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
};

/** An answer's markdown: GitHub flavour, highlighted code with copy buttons, no raw HTML. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeHighlight]} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
