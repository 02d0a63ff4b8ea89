import type { RoiPolygon } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import type { ScoredFace } from "./counter-engine.js";
import { unscoredReason } from "./snapshot.js";

const LEFT_HALF: RoiPolygon = [
  [0, 0],
  [0.5, 0],
  [0.5, 1],
  [0, 1],
];
const filter = { roi: LEFT_HALF, minFaceSizePx: 40 };
const face = (x: number, height: number): ScoredFace => ({
  face: { box: { x, y: 100, width: height, height }, score: 0.9 },
  inRoi: false,
});

describe("the label of a face the snapshot shows but the counter does not score", () => {
  it("says which rule left it out: outside the region, too small, or not found by the counter's own search", () => {
    expect(unscoredReason(face(500, 80), 640, 480, filter)).toBe("Ngoài vùng quan sát");
    expect(unscoredReason(face(100, 30), 640, 480, filter)).toBe("Mặt quá nhỏ (dưới 40 px)");
    expect(unscoredReason(face(100, 80), 640, 480, filter)).toBe("Quầy chưa nhận ra mặt này");
  });
});
