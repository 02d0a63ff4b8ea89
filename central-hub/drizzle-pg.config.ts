import { defineConfig } from "drizzle-kit";

/** `npx drizzle-kit generate --config drizzle-pg.config.ts --name <what-changed>` from central-hub/. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema-pg.ts",
  out: "./drizzle/pg",
});
