import { defineConfig } from "vite";

// React's automatic JSX runtime through esbuild: no extra plug-in needed to build the app.
export default defineConfig({
  esbuild: { jsx: "automatic" },
  build: { outDir: "dist", assetsDir: "assets", sourcemap: false },
  server: {
    proxy: { "/api": "http://localhost:8000", "/healthz": "http://localhost:8000" },
  },
});
