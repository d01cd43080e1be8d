// Markdown read as a person would say it: for chat titles and source
// excerpts, which are shown as plain text and must not show **, #, | or ```.
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

const BLOCKS = new Set(["paragraph", "heading", "blockquote", "listItem", "tableCell", "tableRow", "code", "thematicBreak", "html"]);

function collect(node: Nodes, out: string[]) {
  switch (node.type) {
    case "text":
    case "inlineCode":
      out.push(node.value);
      return;
    case "code":
      out.push(" ", node.value, " ");
      return;
    case "image":
      if (node.alt) out.push(node.alt);
      return;
    case "html":
      // Tags are markup; what they enclose arrives as separate text nodes.
      return;
    case "break":
      out.push(" ");
      return;
  }
  if ("children" in node) for (const child of node.children) collect(child as Nodes, out);
  if (BLOCKS.has(node.type)) out.push(" ");
}

// A character or line start markdown could read as markup. Text without any
// (most questions, so most chat titles) reads the same unparsed.
const MARKUP = /[\\`*_[\]<>#~|!&]|^[ \t]*(?:[-+=>]|\d+[.)])/m;

/** The text of some markdown, with its markup removed and its whitespace collapsed. */
export function plainText(markdown: string): string {
  if (!MARKUP.test(markdown)) return markdown.replace(/\s+/g, " ").trim();
  const out: string[] = [];
  collect(fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }), out);
  return out.join("").replace(/\s+/g, " ").trim();
}
