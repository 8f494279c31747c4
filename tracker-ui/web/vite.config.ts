import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The build lands in the module's classes, under META-INF/resources, so the server jar serves it at /.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "../target/classes/META-INF/resources",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.tsx", "src/**/*.test.ts"],
    setupFiles: ["src/setupTests.ts"],
  },
});
