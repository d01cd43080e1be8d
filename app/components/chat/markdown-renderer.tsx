// The markdown renderer itself (loaded by markdown.tsx when first needed).
import { useEffect, useRef, useState } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CopyButton } from "./copy-button";
import { highlightCode, languageOf } from "./highlight";
import { onDemand } from "./on-demand";

const math = onDemand(() => import("./markdown-math"));

// Code is left alone; elsewhere \( \) and \[ \] become $ $ and $$ $$, and a
// single-dollar span counts as math only as Pandoc reads it (no space inside
// its ends, no digit after it), so "$5 and $10" stays money.
const CODE = /(```[\s\S]*?(?:```|$)|`[^`\n]*`)/;
const INLINE_DOLLAR = /(?<![\\$\w])\$(?=[^\s$])([^$\n]+?)(?<=[^\s\\])\$(?![\d\w$])/g;
const MATH = /\$\$[\s\S]+?\$\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\]/;

function withMathMarkers(text: string): string {
  return text
    .split(CODE)
    .map((part, i) =>
      i % 2
        ? part
        : part
            // A line that is only $$…$$ is display math, which remark-math wants on lines of its own.
            .replace(/(^|\n)[ \t]*\$\$([^\n]+?)\$\$[ \t]*(?=\n|$)/g, (_, start: string, tex: string) => `${start}$$\n${tex.trim()}\n$$`)
            .replace(/\\\[([\s\S]+?)\\\]/g, (_, tex: string) => `\n$$\n${tex.trim()}\n$$\n`)
            .replace(/\\\(([\s\S]+?)\\\)/g, (_, tex: string) => `$$${tex.trim()}$$`)
            .replace(INLINE_DOLLAR, (_, tex: string) => `$$${tex}$$`),
    )
    .join("");
}

const hasMath = (text: string) =>
  text.split(CODE).some((part, i) => i % 2 === 0 && (MATH.test(part) || new RegExp(INLINE_DOLLAR.source).test(part)));

type HastNode = { type: string; value?: string; tagName?: string; properties?: { className?: unknown }; children?: HastNode[] };
const textOf = (node: HastNode | undefined): string =>
  node?.type === "text" ? (node.value ?? "") : (node?.children ?? []).map(textOf).join("");

function CodeBlock({ node }: { node?: HastNode }) {
  const code = node?.children?.find((child) => child.tagName === "code");
  const classes = code?.properties?.className;
  const tag = (Array.isArray(classes) ? classes : [])
    .map(String)
    .find((c) => c.startsWith("language-"))
    ?.slice("language-".length);
  const text = textOf(code).replace(/\n$/, "");
  const [highlighted, setHighlighted] = useState<{ text: string; html: string } | null>(null);
  const pre = useRef<HTMLPreElement>(null);

  // Highlighted once the block stops changing for a moment (an answer may still be streaming into it).
  useEffect(() => {
    if (!languageOf(tag)) return;
    let current = true;
    const wait = setTimeout(() => {
      void highlightCode(text, tag).then((html) => {
        if (current && html !== null) setHighlighted({ text, html });
      });
    }, 150);
    return () => {
      current = false;
      clearTimeout(wait);
    };
  }, [text, tag]);

  const html = highlighted?.text === text ? highlighted.html : null;
  return (
    <div className="group relative my-3 overflow-hidden rounded-lg border border-stone-200 bg-stone-50">
      <div className="flex items-center justify-between border-b border-stone-200 px-3 py-1 text-xs text-stone-500">
        <span>{tag ?? "code"}</span>
        <CopyButton text={() => text} label="Copy code" />
      </div>
      <pre ref={pre} className="overflow-x-auto p-3 text-[0.8125rem] leading-relaxed">
        {html ? (
          <code className={`hljs language-${tag}`} dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <code className={tag ? `language-${tag}` : undefined}>{text}</code>
        )}
      </pre>
    </div>
  );
}

const components: Components = {
  pre: CodeBlock as Components["pre"],
  // Cairn's own links (citations) open in place; others in a new tab.
  a: ({ node: _node, ...props }) =>
    props.href?.startsWith("/") ? <a {...props} /> : <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
};

export function MarkdownRenderer({ text }: { text: string }) {
  const plugins = hasMath(text) ? math.read() : undefined;
  return (
    <div className="markdown">
      {plugins && <link rel="stylesheet" href={plugins.stylesheet} precedence="katex" />}
      <ReactMarkdown
        remarkPlugins={plugins ? [remarkGfm, [plugins.remarkMath, { singleDollarTextMath: false }]] : [remarkGfm]}
        rehypePlugins={plugins ? [[plugins.rehypeKatex, { throwOnError: false, strict: false }]] : []}
        components={components}
      >
        {plugins ? withMathMarkers(text) : text}
      </ReactMarkdown>
    </div>
  );
}
