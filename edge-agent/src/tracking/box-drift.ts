import type { RgbImage } from "@hailong/models";
import type { FaceBox } from "./roi.js";

/** Samples per side of the grid laid over the box: 256 pixels compared, whatever the face size. */
const GRID = 16;

/**
 * The pixels drift is measured on: the green channel (0–255) on a grid over the box, and the frame size they
 * were read from. Kept instead of the frame, so a counter holds no frame buffer between classifications.
 */
export interface BoxSamples {
  width: number;
  height: number;
  green: Uint8Array;
}

/** Calls visit(i, offset of the green byte) for each grid point of the box, clamped inside a width×height frame. */
function forEachGridPoint(
  width: number,
  height: number,
  box: FaceBox,
  visit: (i: number, offset: number) => void,
): void {
  for (let gy = 0; gy < GRID; gy++) {
    const y = Math.min(height - 1, Math.max(0, Math.floor(box.y + ((gy + 0.5) * box.height) / GRID)));
    for (let gx = 0; gx < GRID; gx++) {
      const x = Math.min(width - 1, Math.max(0, Math.floor(box.x + ((gx + 0.5) * box.width) / GRID)));
      visit(gy * GRID + gx, (y * width + x) * 3 + 1);
    }
  }
}

export function sampleBox(image: RgbImage, box: FaceBox): BoxSamples {
  const green = new Uint8Array(GRID * GRID);
  forEachGridPoint(image.width, image.height, box, (i, offset) => {
    green[i] = image.data[offset] as number;
  });
  return { width: image.width, height: image.height, green };
}

/**
 * How much a face's pixels changed since they were sampled (same box): the mean absolute difference of the
 * green channel on the grid. A held face under camera noise stays low; a new face, a turned head or a changed
 * expression raise it. A frame of another size counts as fully changed.
 */
export function boxDrift(before: BoxSamples, after: RgbImage, box: FaceBox): number {
  if (before.width !== after.width || before.height !== after.height) return 255;
  let sum = 0;
  forEachGridPoint(after.width, after.height, box, (i, offset) => {
    sum += Math.abs((after.data[offset] as number) - (before.green[i] as number));
  });
  return sum / (GRID * GRID);
}
