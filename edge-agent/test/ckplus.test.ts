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
    const incidentEvents = events.flatMap((e) => (e.kind === "incident" ? [e.message] : []));
    // an incident is one id with start/update/end events (visit-incident lifecycle)
    const incidents = [...new Set(incidentEvents.map((m) => m.incidentId))];
    const visitIds = new Set(events.flatMap((e) => (e.kind === "visit" ? [e.message.visitId] : [])));
    const peak = Math.max(0, ...incidentEvents.map((m) => m.peak));
    process.stderr.write(
      `ckplus ${label}/${seq}: ${incidents.length} incident(s), ${visitIds.size} visit(s), peak ${peak.toFixed(2)}\n`,
    );
    return { incidents, visits: visitIds.size };
  }

  for (const { label, seq } of listSequences()) {
    const expected = RAISES_ONE.includes(label) ? 1 : RAISES_NONE.includes(label) ? 0 : undefined;
    if (expected === undefined) continue;
    // The two anger sequences of S055 and S111 read mostly as sad (apex P(dissatisfied) 0.22 / 0.31, under the
    // threshold): they are caught by the rise over the citizen's own first second (scoring/visit-baseline.ts).
    const name = `${label} ${seq} raises ${expected === 1 ? "exactly one incident" : "no incident"}`;
    it(name, async () => {
      const { incidents, visits } = await play(label, seq);
      expect(visits).toBe(1);
      expect(incidents).toHaveLength(expected);
    });
  }
});
