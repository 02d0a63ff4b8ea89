import { defineConfig } from "drizzle-kit";

/** `npx drizzle-kit generate --config drizzle-sqlite.config.ts --name <what-changed>` from central-hub/. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema-sqlite.ts",
  out: "./drizzle/sqlite",
});
