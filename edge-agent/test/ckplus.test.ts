import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { FaceAnalyzer } from "@hailong/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentConfigSchema } from "../src/config/schema.js";
import { loadFaceAnalyzer } from "../src/vision/load-analyzer.js";
import { hasShared, playFolder, sharedDir } from "./fixtures.js";
import { memoisedAnalyzer } from "./memoised-analyzer.js";

const sequencesDir = path.join(sharedDir, "data/video/ckplus_sequences");
const RAISES_ONE = ["angry", "disgust"];
const RAISES_NONE = ["happy", "surprise", "fear", "sad"];
/**
 * Every model we have reads these two subjects' CK+ anger (lowered brows, pressed lips) as mostly sad/neutral.
 * P(dissatisfied) at the apex, YuNet with its FER2013 crop framing, 2026-11-22: default ensemble 0.19 / 0.31
 * (threshold 0.4; 0.14 / 0.28 with the earlier looser crop); its members: head over MobileFaceNet + face-api
 * 0.38 / 0.33, mini-Xception 0.00 / 0.28 (face-api's net alone, not in the ensemble: 0.93 / 0.60). So no
 * incident is raised. Adding face-api's net as a third member would catch both only at full weight, which costs
 * 4.4 points on FER2013-dev and reads the TV clip's sad frames as angry (its dissatisfied precision there
 * 0.50 vs 0.71): a CK+-only gain, not adopted (2026-11-22). Kept as expected failures so a better model turns
 * them red and they get promoted.
 */
const KNOWN_MODEL_MISSES = new Set(["angry/S055_004", "angry/S111_006"]);

function listSequences(): { label: string; seq: string }[] {
  if (!existsSync(sequencesDir)) return [];
  return readdirSync(sequencesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(path.join(sequencesDir, d.name)).map((seq) => ({ label: d.name, seq })));
}

describe.skipIf(!hasShared)("CK+ neutral→apex sequences through the folder source (apex held 4 s)", () => {
  let analyzer: FaceAnalyzer;
  const config = AgentConfigSchema.parse({
    agentId: "agent-ckplus",
    counters: [{ id: "ckplus", camera: { type: "folder", dir: "unused", realtime: false } }],
  });
  const counter = config.counters[0] as (typeof config.counters)[number];

  beforeAll(async () => {
    analyzer = memoisedAnalyzer(await loadFaceAnalyzer(config.models));
  });
  afterAll(async () => {
    await analyzer?.close();
  });

  async function play(label: string, seq: string) {
    const events = await playFolder(
      path.join(sequencesDir, label, seq),
      { fps: 10, holdLastMs: 4000 },
      { agentId: config.agentId, counter, publish: config.publish, analyzer },
    );
    // raised incidents: their start messages (updates and the end belong to the same incident)
    const incidents = events.filter((e) => e.kind === "incident" && e.message.phase === "start");
    const visitIds = new Set(events.flatMap((e) => (e.kind === "visit" ? [e.message.visitId] : [])));
    const peak = Math.max(0, ...incidents.map((e) => (e.kind === "incident" ? e.message.peak : 0)));
    process.stderr.write(
      `ckplus ${label}/${seq}: ${incidents.length} incident(s), ${visitIds.size} visit(s), peak ${peak.toFixed(2)}\n`,
    );
    return { incidents, visits: visitIds.size };
  }

  for (const { label, seq } of listSequences()) {
    const expected = RAISES_ONE.includes(label) ? 1 : RAISES_NONE.includes(label) ? 0 : undefined;
    if (expected === undefined) continue;
    const known = KNOWN_MODEL_MISSES.has(`${label}/${seq}`);
    const name = `${label} ${seq} raises ${expected === 1 ? "exactly one incident" : "no incident"}`;
    (known ? it.fails : it)(known ? `${name} (known model miss: read as sad)` : name, async () => {
      const { incidents, visits } = await play(label, seq);
      expect(visits).toBe(1);
      expect(incidents).toHaveLength(expected);
    });
  }
});
