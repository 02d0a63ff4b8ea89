import { readFileSync } from "node:fs";
import { brokerKinds, type TestBroker } from "@hailong/common/testing";
import { createTopics, type RequestAction } from "@hailong/protocol";
import { validFixtures } from "@hailong/protocol/fixtures";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Agent } from "../src/mqtt/agent.js";
import { remoteConfigPath } from "../src/state/remote-config.js";
import {
  agentConfig,
  createFixturePipeline,
  type FixturePipeline,
  type Recorder,
  recordBroker,
  startTestAgent,
  tempStateDir,
  uniqueNames,
} from "./agent-test-support.js";

const COUNTER = "q7-hotich-1";
const GOOD_ROI = [
  [0.1, 0.2],
  [0.9, 0.2],
  [0.9, 1],
  [0.1, 1],
];

describe.each(brokerKinds())("hub requests through $name", ({ start }) => {
  let broker: TestBroker;
  let recorder: Recorder;
  let agent: Agent;
  let pipeline: FixturePipeline;
  const state = tempStateDir();
  const { base, agentId } = uniqueNames("req");
  const topics = createTopics(base);
  let tx = 0;

  const request = async (action: RequestAction, body: Record<string, unknown>) => {
    tx += 1;
    const txId = `tx${String(tx).padStart(14, "0")}`;
    const message = { v: 1, txId, ts: Date.now(), requestedBy: "test", action, ...body };
    await recorder.client.publishAsync(topics.request(agentId, action), JSON.stringify(message), { qos: 1 });
    return responseFor(txId);
  };

  const responseFor = async (txId: string) => {
    await recorder.waitFor((r) => r.some((m) => m.kind === "response" && m.message.txId === txId));
    return recorder.received.find((m) => m.kind === "response" && m.message.txId === txId)?.message;
  };

  const infos = () => recorder.received.filter((m) => m.kind === "info").map((m) => m.message);

  beforeAll(async () => {
    broker = await start();
    recorder = await recordBroker(broker.url, base, `${agentId}-hub`);
    pipeline = createFixturePipeline(agentId, COUNTER);
    agent = startTestAgent(agentConfig({ agentId, base, url: broker.url, stateDir: state.dir, counters: [COUNTER] }), [
      pipeline,
    ]);
    await agent.start();
    await recorder.waitFor((r) => r.some((m) => m.kind === "info"));
    // The agent subscribes after announcing itself; give the SUBACK a moment.
    await recorder.waitFor(() => agent.status().connected);
    await new Promise((resolve) => setTimeout(resolve, 200));
  });

  afterAll(async () => {
    await agent?.stop();
    await recorder?.close();
    await broker?.stop();
    state.cleanup();
  });

  it("applies a valid config push without restart, persists it, bumps the version and republishes info", async () => {
    const before = agent.status();
    const tuning = { roi: GOOD_ROI, minFaceSizePx: 48, dissatisfiedThreshold: 0.55, dwellMs: 2500 };
    const response = await request("config-push", { counterId: COUNTER, tuning });
    expect(response).toMatchObject({
      ok: true,
      result: { counterId: COUNTER, configVersion: before.configVersion + 1 },
    });
    const result = (response as { result: { configHash: string } }).result;
    expect(result.configHash).not.toBe(before.configHash);
    expect(pipeline.tunings.at(-1)).toEqual(tuning);
    const persisted = JSON.parse(readFileSync(remoteConfigPath(state.dir), "utf8"));
    expect(persisted).toMatchObject({ configVersion: before.configVersion + 1, counters: { [COUNTER]: tuning } });
    await recorder.waitFor(() => infos().some((i) => i.configVersion === 1));
    expect(infos().find((i) => i.configVersion === 1)?.configHash).toBe(result.configHash);
  });

  it("answers a redelivered config push (same txId) again without applying it twice", async () => {
    const before = agent.status();
    const applied = pipeline.tunings.length;
    const txId = "txredelivered001";
    const tuning = { roi: GOOD_ROI, minFaceSizePx: 48, dissatisfiedThreshold: 0.55, dwellMs: 2500 };
    const message = {
      v: 1,
      txId,
      ts: Date.now(),
      requestedBy: "test",
      action: "config-push",
      counterId: COUNTER,
      tuning,
    };
    for (let i = 0; i < 2; i++) {
      await recorder.client.publishAsync(topics.request(agentId, "config-push"), JSON.stringify(message), { qos: 1 });
    }
    await recorder.waitFor((r) => r.filter((m) => m.kind === "response" && m.message.txId === txId).length === 2);
    const answers = recorder.received.filter((m) => m.kind === "response" && m.message.txId === txId);
    expect(answers[0]?.message).toEqual(answers[1]?.message);
    expect(agent.status().configVersion).toBe(before.configVersion + 1);
    expect(pipeline.tunings).toHaveLength(applied + 1);
    expect(agent.status().requests.duplicates).toBe(before.requests.duplicates + 1);
  });

  it("rejects a self-intersecting ROI with a precise error and leaves the config unchanged", async () => {
    const before = agent.status();
    const applied = pipeline.tunings.length;
    const fileBefore = readFileSync(remoteConfigPath(state.dir), "utf8");
    const bowTie = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ];
    const tuning = { roi: bowTie, minFaceSizePx: 48, dissatisfiedThreshold: 0.5, dwellMs: 2000 };
    const response = await request("config-push", { counterId: COUNTER, tuning });
    expect(response).toMatchObject({ ok: false, error: { code: "HAILONG_ERR_CONFIG" } });
    expect((response as { error: { message: string } }).error.message).toBe(
      "tuning.roi: edges 0-1 and 2-3 cross (polygon is self-intersecting)",
    );
    expect(pipeline.tunings).toHaveLength(applied);
    expect(agent.status().configVersion).toBe(before.configVersion);
    expect(agent.status().configHash).toBe(before.configHash);
    expect(readFileSync(remoteConfigPath(state.dir), "utf8")).toBe(fileBefore);
  });

  it("answers a two-point ROI (rejected by the wire schema) with a config error naming tuning.roi", async () => {
    const tuning = { roi: GOOD_ROI.slice(0, 2), minFaceSizePx: 48, dissatisfiedThreshold: 0.5, dwellMs: 2000 };
    const response = await request("config-push", { counterId: COUNTER, tuning });
    expect(response).toMatchObject({ ok: false, error: { code: "HAILONG_ERR_CONFIG" } });
    expect((response as { error: { message: string } }).error.message).toMatch(/^tuning\.roi: /);
  });

  it("rejects a push for a counter this agent does not run", async () => {
    const tuning = { roi: GOOD_ROI, minFaceSizePx: 48, dissatisfiedThreshold: 0.5, dwellMs: 2000 };
    const response = await request("config-push", { counterId: "q1-other-9", tuning });
    expect(response).toMatchObject({
      ok: false,
      error: { code: "HAILONG_ERR_CONFIG", message: 'counterId: unknown counter "q1-other-9"' },
    });
  });

  it("returns a snapshot as a base64 JPEG that decodes, without writing it to disk", async () => {
    const response = await request("snapshot", { counterId: COUNTER, showFaces: false });
    expect(response).toMatchObject({ ok: true, result: { counterId: COUNTER, facesBlurred: true } });
    const jpeg = Buffer.from((response as { result: { jpegBase64: string } }).result.jpegBase64, "base64");
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([64, 48]);
  });

  it("returns stats with the running config version", async () => {
    const response = await request("stats", {});
    expect(response).toMatchObject({
      ok: true,
      result: { counters: [{ counterId: COUNTER, configVersion: agent.status().configVersion }] },
    });
  });

  it("quarantines invalid request payloads, answers when it can, and keeps serving", async () => {
    const quarantinedBefore = agent.status().requests.quarantined;
    await recorder.client.publishAsync(topics.request(agentId, "stats"), "{not json", { qos: 1 });
    const mismatch = validFixtures().find((f) => f.name === "request-stats");
    const wrongAction = { ...mismatch?.message, txId: "txmismatch000001" };
    await recorder.client.publishAsync(topics.request(agentId, "snapshot"), JSON.stringify(wrongAction), { qos: 1 });
    const answered = await responseFor("txmismatch000001");
    expect(answered).toMatchObject({ action: "snapshot", ok: false, error: { code: "HAILONG_ERR_PROTOCOL" } });
    const stats = await request("stats", { counterId: COUNTER });
    expect(stats).toMatchObject({ ok: true });
    expect(agent.status().requests.quarantined).toBe(quarantinedBefore + 2);
    // The recorder also hears the bad requests this test sent; everything the agent sent must decode.
    expect(recorder.rejected.filter((line) => !line.includes("/request/"))).toEqual([]);
  });

  it("loads the pushed config on the next start on top of the file config", async () => {
    const last = agent.status();
    await agent.stop();
    const infosBefore = infos().length;
    const restarted = createFixturePipeline(agentId, COUNTER);
    pipeline = restarted;
    agent = startTestAgent(agentConfig({ agentId, base, url: broker.url, stateDir: state.dir, counters: [COUNTER] }), [
      restarted,
    ]);
    await agent.start();
    // Applied before the pipeline starts, so the first frame already uses the pushed tuning.
    expect(restarted.tunings.at(-1)).toMatchObject({ minFaceSizePx: 48, dissatisfiedThreshold: 0.55, dwellMs: 2500 });
    expect(agent.status().configVersion).toBe(last.configVersion);
    expect(agent.status().configHash).toBe(last.configHash);
    await recorder.waitFor(() => infos().length > infosBefore);
    expect(infos().at(-1)).toMatchObject({ configVersion: last.configVersion, configHash: last.configHash });
  });
});
