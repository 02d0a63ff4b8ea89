import { describe, expect, it } from "vitest";
import { intersectionOverUnion, nonMaxSuppression } from "./nms.js";

const face = (x: number, y: number, size: number, score: number) => ({
  box: { x, y, width: size, height: size },
  score,
});

describe("non-max suppression", () => {
  it("computes IoU of half-overlapping squares as 1/3", () => {
    expect(
      intersectionOverUnion({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 }),
    ).toBeCloseTo(1 / 3);
  });
  it("keeps the best of overlapping boxes and every separate face", () => {
    const kept = nonMaxSuppression([face(0, 0, 10, 0.8), face(1, 1, 10, 0.95), face(50, 50, 10, 0.7)], 0.3);
    expect(kept.map((f) => f.score)).toEqual([0.95, 0.7]);
  });
});
