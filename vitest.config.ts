// Test runner settings: one process without per-file isolation keeps the suite fast on 2 cores.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    isolate: false,
    pool: "threads",
    testTimeout: 60_000,
  },
});
