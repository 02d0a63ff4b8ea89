import { applyEnvOverrides, ConfigError, validateConfig } from "@hailong/common";
import { describe, expect, it } from "vitest";
import { HubConfigSchema } from "./schema.js";

describe("HubConfigSchema", () => {
  it("an empty file gives a working single-site hub: embedded broker, SQLite, dashboard on 8080", () => {
    const config = validateConfig(HubConfigSchema, {}, "hub.yaml");
    expect(config.mqtt.embedded.port).toBe(1883);
    expect(config.mqtt.url).toBeUndefined();
    expect(config.db.url).toBe("sqlite:var/hub.sqlite");
    expect(config.http.port).toBe(8080);
    expect(config.mqtt.batchMaxMessages).toBe(500);
  });

  it("environment overrides select PostgreSQL and a shared-subscription group", () => {
    const raw = applyEnvOverrides(
      {},
      { HAILONG_DB__URL: "postgres://hub@db:5432/hailong", HAILONG_MQTT__SHARED_GROUP: "hubs" },
      "HAILONG_",
    );
    const config = validateConfig(HubConfigSchema, raw, "(env)");
    expect(config.db.url).toBe("postgres://hub@db:5432/hailong");
    expect(config.mqtt.sharedGroup).toBe("hubs");
  });

  it("a misspelt key fails naming its path", () => {
    expect(() => validateConfig(HubConfigSchema, { mqtt: { baseTopc: "x" } }, "hub.yaml")).toThrow(ConfigError);
    expect(() => validateConfig(HubConfigSchema, { mqtt: { baseTopc: "x" } }, "hub.yaml")).toThrow(/mqtt\.baseTopc/);
    expect(() => validateConfig(HubConfigSchema, { db: { url: "mysql://x" } }, "hub.yaml")).toThrow(/db\.url/);
  });
});
