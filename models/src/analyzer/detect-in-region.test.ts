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

  it("around a tracked face of known height, searches the region at that face's working size, never enlarged", async () => {
    const frame: RgbImage = { width: 1000, height: 800, data: new Uint8Array(1000 * 800 * 3) };
    const seen: number[][] = [];
    const options: (DetectOptions | undefined)[] = [];
    const region = { x: 100, y: 100, width: 600, height: 600 };
    const faces = await detectInRegion(fakeDetector(seen, options), frame, region, { tracked: 4 * TRACKED_FACE_PX });
    expect(seen).toEqual([[600, 600]]);
    expect(options).toEqual([{ maxScale: 0.25 }]);
    expect(faces[0]?.box).toEqual({ x: 102, y: 103, width: 10, height: 10 });
    // a face smaller than the working size: the region is searched as it is, not enlarged to the model input
    await detectInRegion(fakeDetector(seen, options), frame, region, { tracked: TRACKED_FACE_PX / 2 });
    expect(options[1]).toEqual({ maxScale: 1 });
  });

  it("for the smallest counted face, searches at the scale where the detector still finds it surely", async () => {
    const options: (DetectOptions | undefined)[] = [];
    const sure = { ...fakeDetector([], options), sureFacePx: 32 };
    await detectInRegion(sure, image, { x: 10, y: 10, width: 30, height: 20 }, { smallest: 40 });
    await detectInRegion(sure, image, undefined, { smallest: 16 });
    expect(options).toEqual([{ maxScale: 0.8 }, { maxScale: 2 }]);
    // a detector whose sure size is not measured keeps its own fit
    await detectInRegion(fakeDetector([], options), image, undefined, { smallest: 40 });
    expect(options[2]).toBeUndefined();
  });
});
