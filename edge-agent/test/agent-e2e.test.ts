import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createSilentLogger } from "@hailong/common";
import { startAedesBroker, type TestBroker } from "@hailong/common/testing";
import { createTopics } from "@hailong/protocol";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { runAgentCommand } from "../src/main.js";
import { type Recorder, recordBroker, tempStateDir, uniqueNames } from "./agent-test-support.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const sharedDir = process.env.HAILONG_SHARED_DIR ?? path.resolve(repoRoot, "../shared");
const frames = path.join(sharedDir, "data/video/ckplus_sequences/angry/S055_004");

describe.skipIf(!existsSync(frames))("hailong agent end to end (real pipeline, real models, real broker)", () => {
  const state = tempStateDir();
  let broker: TestBroker | undefined;
  let recorder: Recorder | undefined;
  afterAll(async () => {
    await recorder?.close();
    await broker?.stop();
    state.cleanup();
  });

  it("turns a recorded CK+ sequence into a visit over MQTT, answers a snapshot, and goes offline on stop", async () => {
    broker = await startAedesBroker();
    const { base, agentId } = uniqueNames("e2e");
    const counterId = "q7-hotich-1";
    const configFile = path.join(state.dir, "agent.yaml");
    writeFileSync(
      configFile,
      [
        `agentId: ${agentId}`,
        `stateDir: ${path.join(state.dir, "state")}`,
        "mqtt:",
        `  url: ${broker.url}`,
        `  baseTopic: ${base}`,
        "publish: { scoreWindowMs: 1000, healthEveryMs: 1000 }",
        "counters:",
        `  - id: ${counterId}`,
        // Hold the last frame so the agent is still running when the snapshot request comes.
        `    camera: { type: folder, dir: ${frames}, fps: 10, holdLastMs: 4000 }`,
        "    visit: { startFrames: 2 }",
        "",
      ].join("\n"),
    );
    recorder = await recordBroker(broker.url, base, `${agentId}-hub`);
    const rec = recorder;
    let finish: () => void = () => undefined;
    const until = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const run = runAgentCommand({ configFile, env: {}, logger: createSilentLogger(), until });

    await rec.waitFor((r) => r.some((m) => m.kind === "visit" && m.message.kind === "start"), 60_000);
    const topics = createTopics(base);
    const txId = "txe2esnapshot001";
    const request = {
      v: 1,
      txId,
      ts: Date.now(),
      requestedBy: "test",
      action: "snapshot",
      counterId,
      showFaces: false,
    };
    await rec.client.publishAsync(topics.request(agentId, "snapshot"), JSON.stringify(request), { qos: 1 });
    await rec.waitFor((r) => r.some((m) => m.kind === "response" && m.message.txId === txId), 30_000);
    finish();
    expect(await run).toBe(0);
    await rec.waitFor((r) => r.some((m) => m.kind === "availability" && m.message.state === "offline"), 10_000);

    const info = rec.received.find((m) => m.kind === "info")?.message as {
      models: Array<{ id: string; sha256: string }>;
    };
    expect(info.models.length).toBeGreaterThanOrEqual(2);
    for (const model of info.models) {
      const manifest = [`models/downloaded/${model.id}.manifest.json`, `models/generated/${model.id}.manifest.json`]
        .map((p) => path.join(repoRoot, p))
        .find((p) => existsSync(p));
      if (manifest) expect(JSON.parse(readFileSync(manifest, "utf8")).sha256).toBe(model.sha256);
    }
    const visits = rec.received.filter((m) => m.kind === "visit").map((m) => m.message);
    expect(visits[0]).toMatchObject({ kind: "start", counterId, agentId });
    expect(visits.at(-1)).toMatchObject({ kind: "end" });
    expect(new Set(visits.map((v) => v.visitId)).size).toBe(1);
    const snapshot = rec.received.find((m) => m.kind === "response")?.message as {
      ok: boolean;
      result: { jpegBase64: string; width: number; height: number; facesBlurred: boolean };
    };
    expect(snapshot.ok).toBe(true);
    expect(snapshot.result.facesBlurred).toBe(true);
    const meta = await sharp(Buffer.from(snapshot.result.jpegBase64, "base64")).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", snapshot.result.width, snapshot.result.height]);
    expect(rec.rejected.filter((line) => !line.includes("/request/"))).toEqual([]);
    console.info("e2e figures", {
      visitEvents: visits.length,
      lastVisit: visits.at(-1),
      kinds: rec.received.map((m) => m.kind).join(","),
    });
  });
});
