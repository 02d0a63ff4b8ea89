import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { applyEnvOverrides, loadConfig } from "./config.js";
import { catchConfigError } from "./testing/config-error.js";

const ExampleSchema = z
  .object({
    agentId: z.string().describe("agent id"),
    mqtt: z
      .object({
        url: z.string().default("mqtt://127.0.0.1:1883"),
        keepaliveS: z.number().int().default(30),
      })
      .strict()
      .default({ url: "mqtt://127.0.0.1:1883", keepaliveS: 30 }),
    counters: z.array(z.object({ id: z.string(), fps: z.number().positive().default(10) }).strict()).min(1),
  })
  .strict();

function writeConfig(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "hailong-config-"));
  const file = join(dir, "agent.yaml");
  writeFileSync(file, text);
  return file;
}

describe("loadConfig", () => {
  it("applies defaults to a minimal file", () => {
    const file = writeConfig("agentId: a1\ncounters:\n  - id: c1\n");
    const config = loadConfig({ file, schema: ExampleSchema, env: {} });
    expect(config).toEqual({
      agentId: "a1",
      mqtt: { url: "mqtt://127.0.0.1:1883", keepaliveS: 30 },
      counters: [{ id: "c1", fps: 10 }],
    });
  });

  it("names the file and key path of a typo'd key", () => {
    const file = writeConfig("agentId: a1\nmqtt:\n  ulr: mqtt://x\ncounters:\n  - id: c1\n");
    const error = catchConfigError(() => loadConfig({ file, schema: ExampleSchema, env: {} }));
    expect(error.code).toBe("HAILONG_ERR_CONFIG");
    expect(error.keyPath).toBe("mqtt.ulr");
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/mqtt\.ulr: unknown key/);
  });

  it("says what was expected when a string stands where a number belongs", () => {
    const file = writeConfig("agentId: a1\ncounters:\n  - id: c1\n    fps: fast\n");
    const error = catchConfigError(() => loadConfig({ file, schema: ExampleSchema, env: {} }));
    expect(error.keyPath).toBe("counters.0.fps");
    expect(error.message).toMatch(/expected number/i);
    expect(error.message).toContain('"fast"');
  });

  it("reports a missing file by name", () => {
    const error = catchConfigError(() =>
      loadConfig({ file: "/nonexistent/agent.yaml", schema: ExampleSchema, env: {} }),
    );
    expect(error.message).toBe("/nonexistent/agent.yaml: (root): cannot read config file: file not found");
  });

  it("reports invalid YAML with its position", () => {
    const file = writeConfig("agentId: [a1\n");
    const error = catchConfigError(() => loadConfig({ file, schema: ExampleSchema, env: {} }));
    expect(error.message).toMatch(/invalid YAML at line \d+, column \d+/);
  });

  it("lets HAILONG_A__B environment variables override nested keys, typed as YAML scalars", () => {
    const file = writeConfig("agentId: a1\ncounters:\n  - id: c1\n");
    const env = {
      HAILONG_MQTT__URL: "mqtt://broker:1884",
      HAILONG_MQTT__KEEPALIVE_S: "45",
      HAILONG_LOG_LEVEL: "debug",
    };
    const config = loadConfig({ file, schema: ExampleSchema, env });
    expect(config.mqtt).toEqual({ url: "mqtt://broker:1884", keepaliveS: 45 });
  });

  it("rejects an environment override with an invalid value, naming the key path", () => {
    const file = writeConfig("agentId: a1\ncounters:\n  - id: c1\n");
    const error = catchConfigError(() =>
      loadConfig({ file, schema: ExampleSchema, env: { HAILONG_MQTT__KEEPALIVE_S: "soon" } }),
    );
    expect(error.keyPath).toBe("mqtt.keepaliveS");
  });

  it("does not treat unrelated HAILONG_ variables as overrides", () => {
    expect(applyEnvOverrides({}, { HAILONG_TWILIO_AUTH_TOKEN: "secret", OTHER__X: "1" }, "HAILONG_")).toEqual({});
  });
});
