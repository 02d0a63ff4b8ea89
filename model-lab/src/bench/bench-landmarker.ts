import type { Box } from "@hailong/models";
import { createFaceLandmarker } from "../landmarker/face-landmarker.js";
import { loadResized } from "./bench-input.js";
import type { BenchRow } from "./bench-report.js";
import { summariseTimings } from "./bench-stats.js";
import { timeSamples } from "./time-samples.js";

/** The bench photo is stretched to this size; the face box is its central half (a face of ~320 px). */
const FRAME = 640;
const BOX: Box = { x: FRAME / 4, y: FRAME / 4, width: FRAME / 2, height: FRAME / 2 };

/**
 * Times the whole per-face landmarker (crop 1.5× square, 256×256 mesh, 146-point blendshapes) per thread count.
 * One call = one face; figures to print, never to assert.
 */
export async function benchFaceLandmarker(options: {
  id: string;
  image: string;
  threads: readonly number[];
  iterations: number;
  modelsDir?: string;
}): Promise<BenchRow[]> {
  const frame = await loadResized(options.image, FRAME, FRAME);
  const rows: BenchRow[] = [];
  for (const threads of options.threads) {
    const landmarker = await createFaceLandmarker({
      threads,
      ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
    });
    try {
      const timings = await timeSamples(
        async () => {
          await landmarker.analyse(frame, BOX);
        },
        1,
        options.iterations,
      );
      rows.push({
        runtime: "onnxruntime-node",
        model: `${options.id} (crop+mesh+blendshapes)`,
        threads,
        batch: 1,
        batchLabel: "1",
        tensorBatch: 1,
        callsPerSample: 1,
        iterations: options.iterations,
        ...summariseTimings(timings.callMs, timings.sampleMs, 1),
      });
    } finally {
      await landmarker.close();
    }
  }
  return rows;
}
