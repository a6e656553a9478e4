import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // Builds dist/ if a source changed, and finds PagerDuty's OpenAPI description once: tests
    // that need it skip (one line says so) or, under CI=true, the run fails.
    globalSetup: ["test/global-setup.ts"],
  },
});
