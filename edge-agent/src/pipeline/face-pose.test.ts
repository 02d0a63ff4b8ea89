import type { DetectedFace } from "@hailong/models";
import { describe, expect, it } from "vitest";
import { estimateFacePose } from "./face-pose.js";

/** Five YuNet-order landmarks of a 100-px face; `noseX`/`noseY` move the nose tip. */
function face(noseX: number, noseY: number): DetectedFace {
  return {
    box: { x: 0, y: 0, width: 100, height: 120 },
    score: 0.9,
    landmarks: [
      { x: 30, y: 40 },
      { x: 70, y: 40 },
      { x: noseX, y: noseY },
      { x: 35, y: 90 },
      { x: 65, y: 90 },
    ],
  };
}

describe("head pose from five landmarks", () => {
  it("reads a face seen straight on as about 0°", () => {
    const pose = estimateFacePose(face(50, 67));
    expect(Math.abs(pose?.yawDeg ?? 99)).toBeLessThanOrEqual(1);
    expect(Math.abs(pose?.pitchDeg ?? 99)).toBeLessThanOrEqual(1);
  });

  it("a nose shifted sideways is a turned head; a nose near the mouth line is a face seen from above", () => {
    expect(estimateFacePose(face(62, 67))?.yawDeg).toBeGreaterThan(30);
    expect(estimateFacePose(face(38, 67))?.yawDeg).toBeLessThan(-30);
    expect(estimateFacePose(face(50, 82))?.pitchDeg).toBeGreaterThan(30);
  });

  it("gives nothing without landmarks", () => {
    expect(estimateFacePose({ box: { x: 0, y: 0, width: 10, height: 10 }, score: 1 })).toBeUndefined();
  });
});
