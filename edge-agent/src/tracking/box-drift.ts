import type { RgbImage } from "@hailong/models";
import type { FaceBox } from "./roi.js";

/** Samples per side of the grid laid over the box: 256 pixels compared, whatever the face size. */
const GRID = 16;

/**
 * How much a face's pixels changed between two frames: the mean absolute difference of the green channel
 * (0–255) on a grid over the box. A held face under camera noise stays low; a new face, a turned head or a
 * changed expression raise it. Frames of different sizes count as fully changed.
 */
export function boxDrift(before: RgbImage, after: RgbImage, box: FaceBox): number {
  if (before.width !== after.width || before.height !== after.height) return 255;
  let sum = 0;
  for (let gy = 0; gy < GRID; gy++) {
    const y = Math.min(after.height - 1, Math.max(0, Math.floor(box.y + ((gy + 0.5) * box.height) / GRID)));
    for (let gx = 0; gx < GRID; gx++) {
      const x = Math.min(after.width - 1, Math.max(0, Math.floor(box.x + ((gx + 0.5) * box.width) / GRID)));
      const i = (y * after.width + x) * 3 + 1;
      sum += Math.abs((after.data[i] as number) - (before.data[i] as number));
    }
  }
  return sum / (GRID * GRID);
}
