// Entry of the child process `hailong bench pipeline` runs each hailong model set in: only what the agent
// loads (no @vladmandic/human, no frame maker), so its RSS is the agent's. Frames arrive over IPC, never disk.
import type { BenchFrame } from "./bench-frames.js";
import { type BenchFigure, benchAgent, rssMb } from "./bench-timing.js";

export interface AgentBenchRequest {
  models: { detector: string; expression: string | string[]; threads: number; flipTta: boolean };
  frames: BenchFrame[];
  iterations: number;
}

export type AgentBenchReply =
  | { ok: true; label: string; rssAtStartMb: number; rssLoadedMb: number; figures: BenchFigure[] }
  | { ok: false; error: string };

async function run(request: AgentBenchRequest): Promise<AgentBenchReply> {
  const rssAtStartMb = rssMb();
  const { loadFaceAnalyzer } = await import("../vision/load-analyzer.js");
  const analyzer = await loadFaceAnalyzer(request.models);
  try {
    const ids = analyzer.modelIds;
    const label = [ids.detector, ids.expression, ...ids.extra].join("+");
    const rssLoadedMb = rssMb();
    const frames = request.frames.map((f) => ({ ...f, jpeg: new Uint8Array(f.jpeg) }));
    const figures = await benchAgent(label, analyzer, frames, request.iterations);
    return { ok: true, label, rssAtStartMb, rssLoadedMb, figures };
  } finally {
    await analyzer.close();
  }
}

process.once("message", (request: AgentBenchRequest) => {
  run(request)
    .catch(
      (error: unknown): AgentBenchReply => ({ ok: false, error: String(error instanceof Error ? error.stack : error) }),
    )
    .then((reply) => process.send?.(reply, () => process.disconnect()));
});
