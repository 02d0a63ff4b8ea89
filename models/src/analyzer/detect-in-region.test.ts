import { describe, expect, it } from "vitest";
import type { DetectedFace, RgbImage } from "../types.js";
import { detectInRegion, detectionRect, TRACKED_FACE_PX } from "./detect-in-region.js";
import type { DetectOptions, FaceDetector } from "./face-detector.js";

const image: RgbImage = { width: 100, height: 50, data: new Uint8Array(100 * 50 * 3) };

/** Reports one face at (2, 3) of whatever image it is given, and records the sizes it saw. */
function fakeDetector(seen: number[][], options: (DetectOptions | undefined)[] = []): FaceDetector {
  return {
    id: "fake",
    async detect(input: RgbImage, detectOptions?: DetectOptions): Promise<DetectedFace[]> {
      seen.push([input.width, input.height]);
      options.push(detectOptions);
      return [{ box: { x: 2, y: 3, width: 10, height: 10 }, score: 0.9 }];
    },
    faceSquare: (box) => box,
    close: async () => undefined,
  };
}

describe("detection on a region of the frame", () => {
  it("searches only the region and returns faces in frame pixels", async () => {
    const seen: number[][] = [];
    const faces = await detectInRegion(fakeDetector(seen), image, { x: 40.5, y: 10, width: 30, height: 20 });
    expect(seen).toEqual([[31, 20]]);
    expect(faces[0]?.box).toEqual({ x: 42, y: 13, width: 10, height: 10 });
  });

  it("searches the whole frame when the region covers nearly all of it, or when there is none", async () => {
    const seen: number[][] = [];
    await detectInRegion(fakeDetector(seen), image, { x: -5, y: -5, width: 110, height: 58 });
    await detectInRegion(fakeDetector(seen), image);
    expect(seen).toEqual([
      [100, 50],
      [100, 50],
    ]);
  });

  it("clips the region to the frame and finds nothing in a region outside it", async () => {
    expect(detectionRect(image, { x: 90, y: 40, width: 30, height: 30 })).toEqual({
      x: 90,
      y: 40,
      width: 10,
      height: 10,
    });
    const seen: number[][] = [];
    expect(await detectInRegion(fakeDetector(seen), image, { x: 200, y: 0, width: 10, height: 10 })).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("around a tracked face of known height, searches the region shrunk to that face's working size, never enlarged", async () => {
    const frame: RgbImage = { width: 1000, height: 800, data: new Uint8Array(1000 * 800 * 3) };
    const seen: number[][] = [];
    const options: (DetectOptions | undefined)[] = [];
    const region = { x: 100, y: 100, width: 600, height: 600 };
    const faces = await detectInRegion(fakeDetector(seen, options), frame, region, 4 * TRACKED_FACE_PX);
    expect(seen).toEqual([[150, 150]]);
    expect(options).toEqual([{ maxScale: 1 }]);
    // the fake's face at (2, 3) 10×10 in the shrunk region is 4× that in frame pixels, offset by the region
    expect(faces[0]?.box).toEqual({ x: 108, y: 112, width: 40, height: 40 });
    // a face already about that small: the region is searched as it is
    await detectInRegion(fakeDetector(seen, options), frame, region, TRACKED_FACE_PX);
    expect(seen[1]).toEqual([600, 600]);
    expect(options[1]).toBeUndefined();
  });
});
