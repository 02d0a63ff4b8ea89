import { createRequire } from "node:module";
import path from "node:path";
import type { FaceAnalyzer, RgbImage } from "@hailong/models";
import { decodeFrame } from "../camera/decode-frame.js";
import { AgentConfigSchema } from "../config/schema.js";
import { createCounterEngine } from "../pipeline/counter-engine.js";
import { loadFaceAnalyzer } from "../vision/load-analyzer.js";
import { type BenchFrame, makeOneFaceFrames } from "./bench-frames.js";

export interface PipelineBenchOptions {
  /** photos to cut the face from (default: @vladmandic/face-api's demo samples) */
  frames?: string;
  iterations?: number;
  /** which model sets to run: the agent's auto choice, the npm-only offline set, or both */
  models?: "auto" | "offline" | "both";
  human?: boolean;
  threads?: number;
  out?: (line: string) => void;
}

export interface BenchFigure {
  runner: string;
  resolution: string;
  framesPerSecond: number;
  cpuMsPerFrame: number;
  wallMsPerFrame: number;
  facesPerFrame: number;
  rssMb: number;
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** Times decode + analyse (+ engine) per frame on the wall clock and in process CPU time (all threads). */
async function timeRunner(
  runner: string,
  frame: BenchFrame,
  iterations: number,
  step: (image: RgbImage, ts: number) => Promise<number>,
): Promise<BenchFigure> {
  const once = async (ts: number) => {
    const decoded = await decodeFrame(frame.jpeg);
    if (!decoded.ok) throw new Error(`bench frame ${frame.label} does not decode: ${decoded.reason}`);
    return step(decoded.image, ts);
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
    rssMb: rssMb(),
  };
}

function format(f: BenchFigure): string {
  return (
    `${f.runner.padEnd(64)} ${f.resolution.padEnd(6)} ${f.framesPerSecond.toFixed(2).padStart(6)} frames/s  ` +
    `${String(f.cpuMsPerFrame).padStart(5)} CPU ms/frame  ${String(f.wallMsPerFrame).padStart(5)} wall ms/frame  ` +
    `faces/frame ${f.facesPerFrame.toFixed(2)}  RSS ${f.rssMb} MB`
  );
}

async function benchAgent(
  label: string,
  analyzer: FaceAnalyzer,
  frames: BenchFrame[],
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
        const faces = await analyzer.analyze(image);
        engine.processFrame({ ts, width: image.width, height: image.height, faces });
        return faces.length;
      }),
    );
  }
  return figures;
}

/** `hailong bench pipeline`: frames/s and CPU ms per frame at 720p/1080p, hailong vs @vladmandic/human (wasm). */
export async function runPipelineBench(options: PipelineBenchOptions = {}): Promise<BenchFigure[]> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const iterations = options.iterations ?? 20;
  const require = createRequire(import.meta.url);
  const dir = options.frames ?? path.dirname(require.resolve("@vladmandic/face-api/demo/sample1.jpg"));
  const threads = options.threads ?? 1;
  const sets: { label: string; models: Parameters<typeof loadFaceAnalyzer>[0] }[] = [];
  const which = options.models ?? "both";
  if (which !== "offline") {
    sets.push({ label: "auto", models: { detector: "auto", expression: "auto", threads, flipTta: false } });
  }
  if (which !== "auto") {
    const offline = { detector: "blazeface-front", expression: "emotion-minixception", threads, flipTta: false };
    sets.push({ label: "offline", models: offline });
  }
  out(
    `pipeline bench: ${iterations} frames per row, decode (sharp) included, one face per frame; RSS at start ${rssMb()} MB`,
  );
  const figures: BenchFigure[] = [];
  // Every runner gets the same frames, cut with the best installed detector.
  const cutter = await loadFaceAnalyzer({ detector: "auto", expression: "auto", threads, flipTta: false });
  const frames = await makeOneFaceFrames(dir, cutter).finally(() => cutter.close());
  for (const frame of frames) {
    const f = await timeRunner("sharp JPEG decode only", frame, iterations, async () => 0);
    figures.push(f);
    out(format(f));
  }
  for (const set of sets) {
    const analyzer = await loadFaceAnalyzer(set.models);
    try {
      const ids = analyzer.modelIds;
      const label = [ids.detector, ids.expression, ...ids.extra].join("+");
      for (const f of await benchAgent(label, analyzer, frames, iterations)) {
        figures.push(f);
        out(format(f));
      }
    } finally {
      await analyzer.close();
    }
  }
  if (options.human !== false) {
    const { createHumanRunner } = await import("./human-runner.js");
    const human = await createHumanRunner();
    for (const frame of frames) {
      const f = await timeRunner(`@vladmandic/human ${human.version} (${human.backend})`, frame, iterations, (image) =>
        human.analyze(image),
      );
      figures.push(f);
      out(format(f));
    }
  }
  out(`process RSS at end ${rssMb()} MB (every runner above was loaded in this one process)`);
  return figures;
}
