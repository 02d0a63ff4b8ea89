import { FULL_FRAME_ROI } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { faceCentreInRoi, pointInPolygon } from "./roi.js";

describe("ROI polygon", () => {
  const leftHalf: [number, number][] = [
    [0, 0],
    [0.5, 0],
    [0.5, 1],
    [0, 1],
  ];
  const triangle: [number, number][] = [
    [0, 0],
    [1, 0],
    [0, 1],
  ];

  it("contains points inside and rejects points outside", () => {
    expect(pointInPolygon(0.25, 0.5, leftHalf)).toBe(true);
    expect(pointInPolygon(0.75, 0.5, leftHalf)).toBe(false);
    expect(pointInPolygon(0.2, 0.2, triangle)).toBe(true);
    expect(pointInPolygon(0.6, 0.6, triangle)).toBe(false);
  });

  it("judges a face by its centre in relative coordinates, whatever the resolution", () => {
    const officerSide = { x: 1500, y: 300, width: 200, height: 200 };
    const citizenSide = { x: 300, y: 300, width: 200, height: 200 };
    expect(faceCentreInRoi(officerSide, 1920, 1080, leftHalf)).toBe(false);
    expect(faceCentreInRoi(citizenSide, 1920, 1080, leftHalf)).toBe(true);
    expect(faceCentreInRoi({ x: 150, y: 150, width: 100, height: 100 }, 960, 540, leftHalf)).toBe(true);
    expect(faceCentreInRoi(officerSide, 1920, 1080, FULL_FRAME_ROI)).toBe(true);
  });
});
