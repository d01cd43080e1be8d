import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // CAIRN_BUILD_DIR lets two builds (e.g. parallel e2e runs) live side by side.
  buildDirectory: process.env.CAIRN_BUILD_DIR ?? "build",
} satisfies Config;
