import { describe, expect, it } from "vitest";
import type { DetectedFace, RgbImage } from "../types.js";
import { DETECTION_PYRAMID } from "./face-detector.js";
import { detectWithPyramid } from "./pyramid-detect.js";

const image: RgbImage = { width: 400, height: 200, data: new Uint8Array(400 * 200 * 3).fill(200) };

describe("detectWithPyramid", () => {
  it("shrinks the image on each attempt, always padded to the full input, until a face is found", async () => {
    const seen: { width: number; height: number; lit: number }[] = [];
    const faces = await detectWithPyramid(image, 100, 80, async (canvas) => {
      // Count lit columns of the first row: the letterboxed image's width inside the padded canvas.
      let lit = 0;
      while (lit < canvas.width && (canvas.data[lit * 3] as number) > 0) lit++;
      seen.push({ width: canvas.width, height: canvas.height, lit });
      if (seen.length < 2) return [];
      return [{ box: { x: 10, y: 5, width: 20, height: 10 }, score: 0.8 }];
    });
    expect(seen).toEqual([
      { width: 100, height: 80, lit: 100 },
      { width: 100, height: 80, lit: 50 },
    ]);
    // At fill 0.5 the 400×200 image is letterboxed into 50×40 at scale 0.125: boxes map back ×8.
    expect(faces).toEqual([{ box: { x: 80, y: 40, width: 160, height: 80 }, score: 0.8 }]);
  });

  it("tries every fill and returns [] when no attempt finds a face", async () => {
    let calls = 0;
    const none = async (): Promise<DetectedFace[]> => {
      calls++;
      return [];
    };
    expect(await detectWithPyramid(image, 100, 80, none)).toEqual([]);
    expect(calls).toBe(DETECTION_PYRAMID.length);
  });
});
