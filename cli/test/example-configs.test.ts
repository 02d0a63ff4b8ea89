import { fileURLToPath } from "node:url";
import { HubConfigSchema } from "@hailong/central-hub";
import { loadConfig } from "@hailong/common";
import { AgentConfigSchema } from "@hailong/edge-agent";
import { describe, expect, it } from "vitest";

const deploy = (name: string) => fileURLToPath(new URL(`../../deploy/${name}`, import.meta.url));

describe("example configs in deploy/", () => {
  it("the agent example validates against the agent schema", () => {
    const config = loadConfig({ file: deploy("agent.example.yaml"), schema: AgentConfigSchema, env: {} });
    expect(config.counters.map((c) => c.id)).toEqual(["tan-thuan-hotich-1", "tan-thuan-dat-dai-2"]);
  });

  it("the hub example validates against the hub schema", () => {
    const config = loadConfig({ file: deploy("hub.example.yaml"), schema: HubConfigSchema, env: {} });
    expect(config.http.port).toBe(8080);
  });
});
