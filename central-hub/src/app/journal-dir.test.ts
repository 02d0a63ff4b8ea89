import path from "node:path";
import { describe, expect, it } from "vitest";
import { HubConfigSchema } from "../config/schema.js";
import { journalDir } from "./create-hub.js";

describe("ingest journal folder", () => {
  const config = (input: object) => HubConfigSchema.parse(input);
  it("sits beside the SQLite file, one per MQTT client id (hubs sharing a folder would replay each other's)", () => {
    expect(journalDir(config({ db: { url: "sqlite:/var/lib/hailong/hub.sqlite" }, mqtt: { clientId: "hub-a" } }))).toBe(
      path.join("/var/lib/hailong", "ingest-journal-hub-a"),
    );
  });
  it("goes under var/ with PostgreSQL or an in-memory database, and where the config says otherwise", () => {
    expect(journalDir(config({ db: { url: "postgres://127.0.0.1:5432/test" } }))).toBe(
      path.join("var", "ingest-journal-hailong-hub"),
    );
    expect(journalDir(config({ db: { url: "sqlite::memory:" } }))).toBe(path.join("var", "ingest-journal-hailong-hub"));
    expect(journalDir(config({ mqtt: { journalDir: "/data/journal" } }))).toBe("/data/journal");
  });
});
