// Math in answers (KaTeX), fetched only for answers that contain some.
import stylesheet from "katex/dist/katex.min.css?url";
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";

export { rehypeKatex, remarkMath, stylesheet };
