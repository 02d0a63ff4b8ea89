import type { FaceAnalyzer, RgbImage } from "@hailong/models";
import { decodeFrame } from "../camera/decode-frame.js";
import { AgentConfigSchema } from "../config/schema.js";
import { analyseFrame } from "../pipeline/analyse-frame.js";
import { createCounterEngine } from "../pipeline/counter-engine.js";
import type { BenchFrame } from "./bench-frames.js";

export interface BenchFigure {
  runner: string;
  resolution: string;
  framesPerSecond: number;
  cpuMsPerFrame: number;
  wallMsPerFrame: number;
  facesPerFrame: number;
  /** highest resident set size seen after any frame of the row, in the process that ran it */
  rssMb: number;
}

export const rssMb = (): number => Math.round(process.memoryUsage.rss() / 1024 / 1024);

/** Times decode + analyse (+ engine) per frame on the wall clock and in process CPU time (all threads). */
export async function timeRunner(
  runner: string,
  frame: BenchFrame,
  iterations: number,
  step: (image: RgbImage, ts: number) => Promise<number>,
): Promise<BenchFigure> {
  let peak = 0;
  const once = async (ts: number) => {
    const decoded = await decodeFrame(frame.jpeg);
    if (!decoded.ok) throw new Error(`bench frame ${frame.label} does not decode: ${decoded.reason}`);
    const faces = await step(decoded.image, ts);
    peak = Math.max(peak, rssMb());
    return faces;
  };
  for (let i = 0; i < 2; i++) await once(i * 100); // warm-up
  let faces = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) faces += await once(1000 + i * 100);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    runner,
    resolution: frame.label,
    framesPerSecond: Math.round((iterations * 1000 * 100) / wall) / 100,
    cpuMsPerFrame: Math.round((used.user + used.system) / 1000 / iterations),
    wallMsPerFrame: Math.round(wall / iterations),
    facesPerFrame: faces / iterations,
    rssMb: peak,
  };
}

/**
 * The agent's per-frame path, as createCounterPipeline runs it: decode -> analyseFrame (detect, ROI/min-size
 * filter, classify the counted faces) -> counter engine (tracking, scoring). Every frame is analysed.
 * faces/frame counts detections, counted or not.
 */
export async function benchAgent(
  label: string,
  analyzer: FaceAnalyzer,
  frames: readonly BenchFrame[],
  iterations: number,
): Promise<BenchFigure[]> {
  const config = AgentConfigSchema.parse({
    agentId: "bench",
    counters: [{ id: "bench", camera: { type: "folder", dir: "." } }],
  });
  const figures: BenchFigure[] = [];
  for (const frame of frames) {
    const engine = createCounterEngine({
      agentId: "bench",
      counter: config.counters[0] as (typeof config.counters)[number],
      scoreWindowMs: 10_000,
    });
    figures.push(
      await timeRunner(`hailong ${label}`, frame, iterations, async (image, ts) => {
        const analysed = await analyseFrame(analyzer, image, engine.tuning());
        engine.processFrame({ ts, width: image.width, height: image.height, ...analysed });
        return analysed.faces.length + analysed.outside.length;
      }),
    );
  }
  return figures;
}

export function formatFigure(f: BenchFigure): string {
  return (
    `${f.runner.padEnd(64)} ${f.resolution.padEnd(10)} ${f.framesPerSecond.toFixed(2).padStart(6)} frames/s  ` +
    `${String(f.cpuMsPerFrame).padStart(5)} CPU ms/frame  ${String(f.wallMsPerFrame).padStart(5)} wall ms/frame  ` +
    `faces/frame ${f.facesPerFrame.toFixed(2)}  RSS ${f.rssMb} MB`
  );
}
