import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Both web UIs are one static bundle the hub serves at "/" (SPA fallback to index.html). */
export default defineConfig({
  root,
  base: "/",
  // @preact/preset-vite is not installed: esbuild's automatic JSX runtime pointed at preact does the same job.
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    target: "es2022",
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod ships /*#__PURE__*/ comments Rollup cannot place; harmless and not ours to fix.
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("node_modules")) return;
        warn(warning);
      },
    },
  },
  server: { proxy: { "/api": process.env.HAILONG_HUB_URL ?? "http://127.0.0.1:8080" } },
});
