import { defineConfig } from "vitest/config";

const packages = "{protocol,common,cli,models,model-lab,edge-agent,central-hub,dashboards}";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [`${packages}/src/**/*.test.ts`],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: [`${packages}/test/**/*.test.ts`],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests start brokers, databases and models: run files one at a time on a 2-core box.
          fileParallelism: false,
        },
      },
    ],
  },
});
