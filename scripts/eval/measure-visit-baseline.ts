/**
 * Measures the per-visit baseline (edge-agent/src/scoring/visit-baseline.ts) over a grid of its settings on
 * CK+ neutral→apex sequences (10 fps, apex held 4 s, as edge-agent/test/ckplus.test.ts plays them), the TV clip
 * (10 fps; happy → sad → angry → surprise) and FER2013 onsets (a neutral crop 1 s, then the target held 4 s,
 * both placed on a frame, as edge-agent/test/fer2013-onsets.test.ts). Each distinct image is analysed once; the
 * timelines then run through the agent's own track scorer (smoothing, baseline, dwell). Prints JSON lines.
 *
 *   npx tsx scripts/eval/measure-visit-baseline.ts [--shared ../shared] [--detector ID --model ID...]
 *     [--threshold 0.35,0.4,0.45]   (incident thresholds to try; default: the agent's)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_DISSATISFIED_THRESHOLD, decodeImage, largestFace, placeOnFrame } from "@hailong/models";
import { AgentConfigSchema, type CounterConfig } from "../../edge-agent/src/config/schema.js";
import { createTrackScorer } from "../../edge-agent/src/scoring/track-scorer.js";
import type { VisitBaselineOptions } from "../../edge-agent/src/scoring/visit-baseline.js";
import { ANALYZER_ARGS, openAnalyzer } from "./analyzer-args.js";

const { values } = parseArgs({ options: { ...ANALYZER_ARGS, threshold: { type: "string" } } });
const shared = path.resolve(values.shared);
const analyzer = await openAnalyzer(values);
const [parsedCounter] = AgentConfigSchema.parse({
  agentId: "measure",
  counters: [{ id: "c", camera: { type: "folder", dir: "unused", realtime: false } }],
}).counters;
if (!parsedCounter) throw new Error("no counter");
const scoring: CounterConfig = parsedCounter;
const thresholds = values.threshold ? values.threshold.split(",").map(Number) : [DEFAULT_DISSATISFIED_THRESHOLD];
if (thresholds.some((t) => !(t > 0 && t < 1)))
  throw new Error(`--threshold: expected numbers in (0, 1), got ${values.threshold}`);

/** P(dissatisfied) of the largest face (0 when none: the pipeline would see no face). */
async function probability(input: string | Buffer): Promise<number> {
  const image = await decodeImage(input);
  const face = largestFace(await analyzer.detect(image));
  return face ? ((await analyzer.classify(image, [face]))[0]?.dissatisfied ?? 0) : 0;
}

interface Timeline {
  name: string;
  expected: "one" | "none";
  ps: number[];
}

/** Onsets (s) of the incidents a timeline (10 fps) raises through the agent's track scorer with these settings. */
function incidents(ps: readonly number[], baseline: VisitBaselineOptions, threshold: number): number[] {
  const scorer = createTrackScorer({
    emaHalfLifeMs: scoring.scoring.emaHalfLifeMs,
    levelHysteresis: scoring.scoring.hysteresis,
    incident: {
      threshold,
      dwellMs: scoring.tuning.dwellMs,
      hysteresis: scoring.scoring.incidentHysteresis,
      rearmMs: scoring.scoring.incidentRearmMs,
    },
    baseline,
  });
  const onsets: number[] = [];
  ps.forEach((p, i) => {
    const face = { box: { x: 0, y: 0, width: 1, height: 1 }, score: 1, expression: { neutral: 1 }, dissatisfied: p };
    const raised = scorer.observe(i * 100, face, 100, i >= scoring.visit.startFrames - 1).incident;
    if (raised) onsets.push(raised.onset / 1000);
  });
  return onsets;
}

const sorted = (dir: string) => readdirSync(dir).sort();

async function ckplus(): Promise<Timeline[]> {
  const root = path.join(shared, "data/video/ckplus_sequences");
  const out: Timeline[] = [];
  for (const label of sorted(root).filter((l) => !l.endsWith(".csv"))) {
    for (const seq of sorted(path.join(root, label))) {
      const frames = sorted(path.join(root, label, seq)).filter((f) => f.endsWith(".png"));
      const ps: number[] = [];
      for (const f of frames) ps.push(await probability(path.join(root, label, seq, f)));
      const apex = ps.at(-1) ?? 0;
      out.push({
        name: `ckplus ${label}/${seq}`,
        expected: ["angry", "disgust"].includes(label) ? "one" : "none",
        ps: [...ps, ...Array(40).fill(apex)],
      });
    }
  }
  return out;
}

async function tvClip(): Promise<Timeline[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "hailong-tvclip-"));
  try {
    const video = path.join(shared, "data/video/expressions_tv_clip_720x576.mp4");
    execFileSync("ffmpeg", ["-loglevel", "error", "-i", video, "-vf", "fps=10", path.join(dir, "%04d.png")]);
    const ps: number[] = [];
    for (const f of sorted(dir)) ps.push(await probability(path.join(dir, f)));
    return [{ name: "tv clip (angry 2.85–4.05 s)", expected: "one", ps }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ferOnsets(): Promise<Timeline[]> {
  const root = path.join(shared, "data/expressions");
  const first = (label: string) =>
    sorted(path.join(root, label))
      .filter((n) => n.startsWith("fer2013-"))
      .slice(0, 20)
      .map((n) => path.join(root, label, n));
  const leadIn = await probability(await placeOnFrame(first("neutral")[0] as string));
  const out: Timeline[] = [];
  for (const label of ["angry", "disgust", "happy", "surprise", "neutral"]) {
    for (const file of first(label)) {
      const p = await probability(await placeOnFrame(file));
      out.push({
        name: `fer2013 ${label}`,
        expected: ["angry", "disgust"].includes(label) ? "one" : "none",
        ps: [...Array(10).fill(leadIn), ...Array(40).fill(p)],
      });
    }
  }
  return out;
}

const sets: Record<string, Timeline[]> = { ckplus: await ckplus(), tvclip: await tvClip(), fer: await ferOnsets() };
await analyzer.close();
for (const [set, timelines] of Object.entries(sets)) {
  for (const t of timelines) {
    const peak = Math.max(...t.ps);
    process.stdout.write(`${JSON.stringify({ set, name: t.name, peakP: +peak.toFixed(3), openP: t.ps[0] })}\n`);
  }
}
const grid = thresholds.flatMap((threshold) =>
  [1000, 2000].flatMap((windowMs) =>
    [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5].flatMap((liftWeight) =>
      [0.02, 0.05, 0.1]
        .filter((floor) => liftWeight > 0 || floor === 0.05)
        .map((floor) => ({ threshold, baseline: { windowMs, liftWeight, floor } })),
    ),
  ),
);
for (const { threshold, baseline } of grid) {
  const row: Record<string, unknown> = { threshold, ...baseline };
  for (const [set, timelines] of Object.entries(sets)) {
    const counts = timelines.map((t) => {
      const onsets = incidents(t.ps, baseline, threshold);
      return { t, n: onsets.length, onsets };
    });
    const shouldRaise = counts.filter((c) => c.t.expected === "one");
    const shouldNot = counts.filter((c) => c.t.expected === "none");
    row[set] = {
      raisedExactlyOne: `${shouldRaise.filter((c) => c.n === 1).length}/${shouldRaise.length}`,
      quiet: `${shouldNot.filter((c) => c.n === 0).length}/${shouldNot.length}`,
      misses: shouldRaise.filter((c) => c.n !== 1).map((c) => `${c.t.name}:${c.n}`),
      ...(set === "tvclip" ? { onsetsS: counts.flatMap((c) => c.onsets) } : {}),
      falseAlarms: shouldNot.filter((c) => c.n !== 0).map((c) => c.t.name),
    };
  }
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
