import { describe, expect, it } from "vitest";
import { addPoint, deletePoint, movePoint, nudgePoint, polygonArea, validateRoi } from "./roi-edit.js";

const square = [
  [0.1, 0.1],
  [0.9, 0.1],
  [0.9, 0.9],
  [0.1, 0.9],
] as const;

describe("ROI polygon editing", () => {
  it("appends the first three clicks, then bends the nearest edge", () => {
    let p = addPoint([], [0.1, 0.1]);
    p = addPoint(p, [0.9, 0.1]);
    p = addPoint(p, [0.9, 0.9]);
    expect(p).toEqual([
      [0.1, 0.1],
      [0.9, 0.1],
      [0.9, 0.9],
    ]);
    // Near the bottom edge of the square: inserted between (0.9,0.9) and (0.1,0.9).
    expect(addPoint(square, [0.5, 0.95])).toEqual([
      [0.1, 0.1],
      [0.9, 0.1],
      [0.9, 0.9],
      [0.5, 0.95],
      [0.1, 0.9],
    ]);
  });

  it("ignores a second click on an existing point and flags points dragged onto each other", () => {
    expect(addPoint(square, [0.902, 0.1])).toBe(square);
    expect(validateRoi(movePoint(square, 1, [0.1, 0.105]))).toBe("duplicate_point");
  });

  it("clamps dragged points into the image and rounds them", () => {
    expect(movePoint(square, 1, [1.4, -0.2])[1]).toEqual([1, 0]);
    expect(nudgePoint(square, 0, 0.012345, 0)[0]).toEqual([0.1123, 0.1]);
    expect(movePoint(square, 9, [0.5, 0.5])).toBe(square);
  });

  it("deletes points and refuses to save fewer than three", () => {
    const triangle = deletePoint(square, 3);
    expect(triangle).toHaveLength(3);
    expect(validateRoi(triangle)).toBeUndefined();
    expect(validateRoi(deletePoint(triangle, 0))).toBe("too_few_points");
  });

  it("rejects a bow-tie and a sliver", () => {
    expect(
      validateRoi([
        [0.1, 0.1],
        [0.9, 0.9],
        [0.9, 0.1],
        [0.1, 0.9],
      ]),
    ).toBe("self_intersecting");
    expect(
      validateRoi([
        [0.1, 0.1],
        [0.12, 0.1],
        [0.12, 0.12],
      ]),
    ).toBe("too_small");
    expect(polygonArea(square)).toBeCloseTo(0.64);
  });
});
