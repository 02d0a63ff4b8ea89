import { FULL_FRAME_ROI, type RoiPolygon } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { checkRoi, checkTuning, segmentsIntersect } from "./tuning-checks.js";

const tuning = (roi: RoiPolygon) => ({ roi, minFaceSizePx: 40, dissatisfiedThreshold: 0.5, dwellMs: 2000 });

describe("agent-side tuning checks", () => {
  it("accepts the full frame, a triangle and a concave polygon", () => {
    expect(checkRoi(FULL_FRAME_ROI)).toBeUndefined();
    expect(
      checkRoi([
        [0.1, 0.1],
        [0.9, 0.1],
        [0.5, 0.9],
      ]),
    ).toBeUndefined();
    const concave: RoiPolygon = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0.5, 0.4],
      [0, 1],
    ];
    expect(checkRoi(concave)).toBeUndefined();
  });

  it("rejects a bow-tie polygon as self-intersecting, naming the edges", () => {
    const bowTie: RoiPolygon = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ];
    const result = checkTuning(tuning(bowTie));
    expect(result).toEqual({ ok: false, path: "tuning.roi", message: expect.stringContaining("self-intersecting") });
    expect(checkRoi(bowTie)).toContain("edges 0-1 and 2-3 cross");
  });

  it("rejects collinear points and slivers as degenerate", () => {
    expect(
      checkRoi([
        [0, 0],
        [0.5, 0.5],
        [1, 1],
      ]),
    ).toMatch(/degenerate/);
    expect(
      checkRoi([
        [0, 0],
        [1, 0],
        [1, 0.001],
        [0, 0.001],
      ]),
    ).toMatch(/area .* below/);
  });

  it("rejects repeated points", () => {
    expect(
      checkRoi([
        [0, 0],
        [1, 0],
        [1, 0],
        [0, 1],
      ]),
    ).toMatch(/points 1 and 2 are equal/);
  });

  it("treats touching segments as intersecting", () => {
    expect(segmentsIntersect([0, 0], [1, 0], [0.5, 0], [0.5, 1])).toBe(true);
    expect(segmentsIntersect([0, 0], [1, 0], [0, 0.1], [1, 0.1])).toBe(false);
  });
});
