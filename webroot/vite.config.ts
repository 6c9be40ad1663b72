import { defineConfig } from "vite";

// React's automatic JSX runtime through esbuild: no extra plug-in needed to build the app.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    sourcemap: false,
    // pdf.js is one lazy chunk of its own (the review page), large by nature.
    chunkSizeWarningLimit: 1300,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router ships "use client" directives for server components; a browser bundle ignores them.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE" && warning.message.includes("use client")) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { "/api": "http://localhost:8000", "/healthz": "http://localhost:8000" },
  },
  test: { include: ["src/**/*.test.ts"] },
});
