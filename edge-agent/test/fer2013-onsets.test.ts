import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type AnalysedFace,
  type DetectedFace,
  decodeImage,
  type FaceAnalyzer,
  placeOnFrame,
  type RgbImage,
} from "@hailong/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentConfigSchema } from "../src/config/schema.js";
import { trackSearch } from "../src/pipeline/frame-analyser.js";
import { liftedProbability } from "../src/scoring/visit-baseline.js";
import { roiSearchBox } from "../src/tracking/roi.js";
import { loadFaceAnalyzer } from "../src/vision/load-analyzer.js";
import { hasShared, playFolder, sharedDir } from "./fixtures.js";
import { memoisedAnalyzer } from "./memoised-analyzer.js";

const expressionsDir = path.join(sharedDir, "data/expressions");
const RAISES_ONE = ["angry", "disgust"];
const RAISES_NONE = ["happy", "surprise", "neutral"];
/** First N FER2013 crops per class in file-name order: deterministic, not picked by outcome. */
const SAMPLE_PER_CLASS = 20;
const FPS = 10;
const LEAD_IN_MS = 1000;
const HOLD_MS = 4000;
// A 48×48 crop is too small for the detectors. Upscaled to 240 px (bicubic) on a 640×480 grey frame (placeOnFrame,
// what a counter camera could see), YuNet finds
// 1,913 of the 1,930 angry/disgust/happy/surprise/neutral dev crops (99.1 %) and all 100 sampled here; the 17
// misses are a text placeholder, faces lying sideways, profiles and a very dark crop (160–320 px finds 1–2 of them).
/**
 * Regression guards, a little below what was measured (threshold 0.4, dwell 2 s, the download default: YuNet +
 * fer-mobilefacenet-lab + head-faceapi-expression + emotion-minixception + fer-resnet-lab, YuNet's FER2013 crop
 * framing). 2026-12-05 with fer-resnet-lab added: 33/40 (angry 14/20, disgust 19/20) and 56/60 (happy 20/20,
 * surprise 18/20, neutral 18/20). Before it, 2026-12-04 with the per-visit baseline (scoring/visit-baseline.ts,
 * lift weight 0.85; the lead-in face is the opening second): angry+disgust 31/40 raised one incident (angry 13/20, disgust 18/20); happy+surprise+neutral
 * 54/60 raised none (happy 20/20, surprise 17/20, neutral 17/20); since the evening's ROI search at the smallest
 * counted face's scale and 2 classifications per second, 32/40 (angry 14/20) and 54/60. The previous default (head over the int8
 * MobileFaceNet, lift weight 0.75) gave 32/40 and 54/60; without the baseline (2026-11-22) 25/40 and 58/60. Here
 * the lead-in and the target are two different people, so a neutral target that merely reads higher than the
 * lead-in counts as a rise — harsher than a real visit, where the baseline is the citizen's own face. FER2013
 * labels are noisy (~65 % human agreement), so these are rates, not "every angry face"; the false-alarm side
 * matters more (each incident is an SMS).
 */
const MIN_DISSATISFIED_RAISED = 0.55;
const MIN_OTHERS_QUIET = 0.9;
/** held faces the pipeline's reads may miss (measured 2026-12-04: 1 of the 100, a surprise crop) */
const MAX_UNSEEN = 2;

interface Onset {
  label: string;
  file: string;
  /** P(dissatisfied) of the held frame, read as the pipeline's ROI search reads it, outside the pipeline */
  heldP: number;
  /** the same frame read as the pipeline reads it while tracking: detected around the lead-in face (else the ROI) */
  trackedP: number;
  incidents: number;
  visits: number;
}

function ferImages(label: string): string[] {
  const dir = path.join(expressionsDir, label);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith("fer2013-"))
    .sort()
    .map((name) => path.join(dir, name));
}

const share = (onsets: Onset[], ok: (o: Onset) => boolean) => onsets.filter(ok).length / onsets.length;

describe.skipIf(!hasShared)("FER2013 onsets through the folder source (neutral 1 s, then the face held 4 s)", () => {
  const config = AgentConfigSchema.parse({
    agentId: "agent-fer2013",
    counters: [{ id: "fer2013", camera: { type: "folder", dir: "unused", realtime: false } }],
  });
  const counter = config.counters[0] as (typeof config.counters)[number];
  const threshold = counter.tuning.dissatisfiedThreshold;
  const [leadInFile, ...neutralTargets] = ferImages("neutral");
  const samples = [...RAISES_ONE, ...RAISES_NONE].flatMap((label) =>
    (label === "neutral" ? neutralTargets : ferImages(label))
      .slice(0, SAMPLE_PER_CLASS)
      .map((file) => ({ label, file })),
  );
  let analyzer: FaceAnalyzer;
  let workDir: string;
  let leadInP: number;
  const onsets: Onset[] = [];

  let leadInFaces: DetectedFace[] = [];

  const roiBoxOf = (image: RgbImage) =>
    roiSearchBox(counter.tuning.roi, image.width, image.height, config.analysis.roiMargin);

  /** The faces of a frame as the pipeline's ROI search reads them: the ROI's box, at its smallest face's scale. */
  async function roiFaces(image: RgbImage): Promise<AnalysedFace[]> {
    const size = { smallest: counter.tuning.minFaceSizePx };
    return analyzer.classify(image, await analyzer.detect(image, roiBoxOf(image), size));
  }

  async function heldProbability(frame: Buffer): Promise<number> {
    const faces = await roiFaces(await decodeImage(new Uint8Array(frame)));
    return faces[0]?.dissatisfied ?? Number.NaN;
  }

  /**
   * Between its searches of the ROI the pipeline detects only around the tracked face, at the scale that face's
   * size allows: its box may differ a little. Where that search finds no face, the pipeline searches the ROI.
   */
  async function trackedProbability(frame: Buffer): Promise<number> {
    const image = await decodeImage(new Uint8Array(frame));
    const { region, size } = trackSearch(leadInFaces, roiBoxOf(image), config.analysis);
    const around = await analyzer.detect(image, region, size);
    const faces = around.length > 0 ? await analyzer.classify(image, around) : await roiFaces(image);
    return faces[0]?.dissatisfied ?? Number.NaN;
  }

  /** One folder per onset: the lead-in frame LEAD_IN_MS long, then the target once, held by the source. */
  async function play(index: number, label: string, file: string, leadIn: string): Promise<Onset> {
    const dir = path.join(workDir, String(index).padStart(3, "0"));
    await mkdir(dir);
    const leadFrames = (LEAD_IN_MS * FPS) / 1000;
    for (let i = 0; i < leadFrames; i++)
      await symlink(leadIn, path.join(dir, `frame-${String(i).padStart(4, "0")}.jpg`));
    const target = await placeOnFrame(file);
    await writeFile(path.join(dir, `frame-${String(leadFrames).padStart(4, "0")}.jpg`), target);
    const events = await playFolder(
      dir,
      { fps: FPS, holdLastMs: HOLD_MS },
      { agentId: config.agentId, counter, publish: config.publish, analyzer },
    );
    const visitIds = new Set(events.flatMap((e) => (e.kind === "visit" ? [e.message.visitId] : [])));
    // an incident is one id with start/update/end events (visit-incident lifecycle)
    const incidents = new Set(events.flatMap((e) => (e.kind === "incident" ? [e.message.incidentId] : []))).size;
    const [heldP, trackedP] = [await heldProbability(target), await trackedProbability(target)];
    return { label, file: path.basename(file), heldP, trackedP, incidents, visits: visitIds.size };
  }

  beforeAll(async () => {
    analyzer = memoisedAnalyzer(await loadFaceAnalyzer(config.models));
    workDir = await mkdtemp(path.join(tmpdir(), "hailong-fer2013-onsets-"));
    const leadIn = path.join(workDir, "lead-in.jpg");
    const leadInFrame = await placeOnFrame(leadInFile as string);
    await writeFile(leadIn, leadInFrame);
    leadInP = await heldProbability(leadInFrame);
    leadInFaces = await roiFaces(await decodeImage(new Uint8Array(leadInFrame)));
    for (const [i, { label, file }] of samples.entries()) onsets.push(await play(i, label, file, leadIn));
    for (const label of [...RAISES_ONE, ...RAISES_NONE]) {
      const of = onsets.filter((o) => o.label === label);
      const raised = of.filter((o) => o.incidents > 0).length;
      const above = of.filter((o) => o.heldP >= threshold).length;
      process.stderr.write(
        `fer2013 ${label}: ${raised}/${of.length} raised an incident, ${above} held P ≥ ${threshold}\n`,
      );
    }
  }, 180_000);
  afterAll(async () => {
    await analyzer?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("plays the full deterministic sample, and the lead-in face reads as not dissatisfied", () => {
    expect(samples).toHaveLength(SAMPLE_PER_CLASS * (RAISES_ONE.length + RAISES_NONE.length));
    expect(leadInP).toBeLessThan(threshold);
  });

  // The tracker matches by position only (no re-identification, by design), and the two crops stand for one
  // citizen whose expression changes: a new visit at the switch would restart the smoothing at the held value,
  // so the onset would not be tested as an onset.
  it("each onset is one visit: the upscaled face is detected and the switch keeps the track", () => {
    expect(onsets.filter((o) => o.visits !== 1)).toEqual([]);
  });

  it("no held face raises more than one incident", () => {
    expect(onsets.filter((o) => o.incidents > 1)).toEqual([]);
  });

  /**
   * The pipeline's incident agrees with the same analyzer's reading of the held frame. Below the threshold the
   * smoothed P (rising from the lead-in's) never reaches it: no incident. At or above `certainFrom` the time-based
   * EMA reaches the threshold with the dwell still to run within the hold, even when the new face is first read
   * one classification interval after it appears (the pipeline classifies a present face at classifyFps): one
   * incident. In between, whether the dwell completes before the input ends depends on frame timing, so either is
   * correct.
   */
  it("an onset raises an incident iff the held face's P(dissatisfied), lifted over the lead-in's, stays above the threshold", () => {
    // The incident detector sees P lifted by its rise over the visit's opening second (the lead-in face), which
    // grows with P: find the plain P at which the lifted signal reaches the threshold.
    const baseline = counter.scoring.visitBaseline;
    let [lo, hi] = [0, 1];
    for (let i = 0; i < 50; i++) {
      const mid = (lo + hi) / 2;
      if (liftedProbability(mid, leadInP, baseline) >= threshold) hi = mid;
      else lo = mid;
    }
    const raisesFrom = hi;
    const firstReadingMs = 1000 / config.analysis.classifyFps;
    const decay = 2 ** (-(HOLD_MS - firstReadingMs - counter.tuning.dwellMs) / counter.scoring.emaHalfLifeMs);
    const certainFrom = (raisesFrom - decay * leadInP) / (1 - decay);
    process.stderr.write(
      `fer2013 oracle: lead-in P ${leadInP.toFixed(3)}, raises from ${raisesFrom.toFixed(3)}, certain from ${certainFrom.toFixed(3)}\n`,
    );
    // The pipeline's boxes come from ROI searches and searches around the tracked face: its P lies between the two.
    const readings = (o: Onset) => [o.heldP, o.trackedP].filter(Number.isFinite);
    const disagreeing = onsets.filter((o) => {
      if (readings(o).length === 0) return false;
      const [low, high] = [Math.min(...readings(o)), Math.max(...readings(o))];
      return (high < raisesFrom && o.incidents !== 0) || (low >= certainFrom && o.incidents !== 1);
    });
    // A held face neither read finds is not classified: it must raise nothing. The ROI search at the scale of the
    // smallest counted face misses 1.1 % of these blurry upscaled crops that a search at the detector's fit finds
    // (scripts/eval/measure-roi-scale.ts); more than MAX_UNSEEN here means detection got worse.
    const unseen = onsets.filter((o) => readings(o).length === 0);
    process.stderr.write(`fer2013 held faces neither read finds: ${unseen.map((o) => o.file).join(", ") || "none"}\n`);
    expect(unseen.filter((o) => o.incidents !== 0)).toEqual([]);
    expect(unseen.length).toBeLessThanOrEqual(MAX_UNSEEN);
    expect(disagreeing).toEqual([]);
  });

  it(`angry and disgust onsets raise exactly one incident in at least ${Math.round(MIN_DISSATISFIED_RAISED * 100)} %`, () => {
    const dissatisfied = onsets.filter((o) => RAISES_ONE.includes(o.label));
    expect(share(dissatisfied, (o) => o.incidents === 1)).toBeGreaterThanOrEqual(MIN_DISSATISFIED_RAISED);
  });

  it(`happy, surprise and neutral onsets raise no incident in at least ${Math.round(MIN_OTHERS_QUIET * 100)} %`, () => {
    const others = onsets.filter((o) => RAISES_NONE.includes(o.label));
    expect(share(others, (o) => o.incidents === 0)).toBeGreaterThanOrEqual(MIN_OTHERS_QUIET);
  });
});
