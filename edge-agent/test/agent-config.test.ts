import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, isHailongError } from "@hailong/common";
import { catchConfigError } from "@hailong/common/testing";
import { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { registerAgentCommands } from "../src/cli.js";
import { CONFIG_EXIT_CODE, loadAgentConfig, runAgentCommand } from "../src/main.js";
import { remoteConfigPath } from "../src/state/remote-config.js";
import { agentConfig, createFixturePipeline, startTestAgent, tempStateDir } from "./agent-test-support.js";

const state = tempStateDir();
afterAll(() => state.cleanup());

function writeConfig(name: string, text: string): string {
  const file = join(state.dir, name);
  writeFileSync(file, text);
  return file;
}

const VALID = `
agentId: agent-q7-01
counters:
  - id: q7-hotich-1
    camera: { type: folder, dir: /tmp/frames }
`;

describe("agent config file", () => {
  it("accepts a minimal file and fills the documented defaults", () => {
    const config = loadAgentConfig(writeConfig("ok.yaml", VALID), {});
    expect(config.outbox).toEqual({ quotaBytes: 256 * 1024 * 1024, inflightWindow: 64, flushOnStopMs: 5000 });
    expect(config.mqtt.url).toBe("mqtt://127.0.0.1:1883");
    expect(config.counters[0]?.tuning.dwellMs).toBe(2000);
  });

  it("names the file and the key path of a typo'd key", () => {
    const file = writeConfig("typo.yaml", `${VALID}mqtt:\n  urll: mqtt://hub:1883\n`);
    const error = catchConfigError(() => loadAgentConfig(file, {}));
    expect(error.file).toBe(file);
    expect(error.keyPath).toBe("mqtt.urll");
    expect(error.message).toContain("unknown key");
  });

  it("names the key path and the expectation when a number is a string", () => {
    const file = writeConfig("string.yaml", `${VALID}publish:\n  healthEveryMs: often\n`);
    const error = catchConfigError(() => loadAgentConfig(file, {}));
    expect(error.keyPath).toBe("publish.healthEveryMs");
    expect(error.message).toMatch(/expected number/i);
    expect(error.message).toContain('"often"');
  });

  it("names the index inside the counters list", () => {
    const file = writeConfig("counter.yaml", `${VALID}    tuning: { dwellMs: -5 }\n`);
    expect(catchConfigError(() => loadAgentConfig(file, {})).keyPath).toBe("counters.0.tuning.dwellMs");
  });

  it("says a missing file is missing", () => {
    const file = join(state.dir, "nope.yaml");
    const error = catchConfigError(() => loadAgentConfig(file, {}));
    expect(error.file).toBe(file);
    expect(error.message).toContain("file not found");
  });

  it("applies HAILONG_A__B environment overrides", () => {
    const config = loadAgentConfig(writeConfig("env.yaml", VALID), { HAILONG_MQTT__URL: "mqtt://hub.lan:1883" });
    expect(config.mqtt.url).toBe("mqtt://hub.lan:1883");
  });
});

describe("hailong agent --config", () => {
  it("exits 2 with one line naming the file and key path on an invalid config", async () => {
    const file = writeConfig("bad.yaml", `${VALID}outbox:\n  quotaBytes: lots\n`);
    const lines: string[] = [];
    const code = await runAgentCommand({ configFile: file, env: {}, stderr: { write: (t: string) => lines.push(t) } });
    expect(code).toBe(CONFIG_EXIT_CODE);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toContain("outbox.quotaBytes");
  });

  it("requires --config and leaves `agent replay --config` to the replay subcommand", async () => {
    const parse = async (argv: string[]) => {
      const program = new Command("hailong").exitOverride();
      registerAgentCommands(program);
      for (const sub of program.commands) sub.exitOverride();
      try {
        await program.parseAsync(argv, { from: "user" });
        return "ok";
      } catch (error) {
        return isHailongError(error) ? `${error.code}: ${error.message}` : String(error);
      }
    };
    expect(await parse(["agent"])).toMatch(/HAILONG_ERR_USAGE: agent: --config <file> is required/);
    expect(await parse(["agent", "--bogus"])).toMatch(/HAILONG_ERR_USAGE: agent: .*bogus/);
    // Reaches replay's own validation, so replay saw its own --config and our parser stayed out of it.
    expect(await parse(["agent", "replay", "--config", "x.yaml"])).toMatch(/HAILONG_ERR_USAGE: give exactly one of/);
  });
});

describe("persisted remote config", () => {
  it("a corrupt remote-config.json stops the start with a ConfigError naming that file and key", async () => {
    const stateDir = join(state.dir, "corrupt-state");
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(remoteConfigPath(stateDir), JSON.stringify({ configVersion: "two", counters: {}, updatedAt: 0 }));
    const config = agentConfig({
      agentId: "agent-corrupt",
      base: "hailong-test-corrupt",
      url: "mqtt://127.0.0.1:9",
      stateDir,
      counters: ["q7-hotich-1"],
    });
    const pipeline = createFixturePipeline("agent-corrupt", "q7-hotich-1");
    const agent = startTestAgent(config, [pipeline]);
    const error = await agent.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    await agent.stop();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).file).toBe(remoteConfigPath(stateDir));
    expect((error as ConfigError).keyPath).toBe("configVersion");
    expect(pipeline.started).toBe(false);
  });
});
