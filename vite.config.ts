import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
  "#db": fileURLToPath(new URL("./db", import.meta.url)),
};

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  resolve: { alias },
  // The dev server answers on PORT, so APP_URL's default (http://localhost:3000) is its origin.
  server: { port: Number(process.env.PORT ?? 3000), strictPort: true },
  // Native modules stay outside the server bundle.
  ssr: { external: ["better-sqlite3", "sqlite-vec"] },
});
