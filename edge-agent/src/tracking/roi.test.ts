import { FULL_FRAME_ROI } from "@hailong/protocol";
import { describe, expect, it } from "vitest";
import { faceCentreInRoi, partitionCountedFaces, pointInPolygon } from "./roi.js";

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

  it("counts a face only when centred in the ROI and at least minFaceSizePx tall", () => {
    const citizen = { box: { x: 300, y: 300, width: 200, height: 200 } };
    const officer = { box: { x: 1500, y: 300, width: 200, height: 200 } };
    const queuing = { box: { x: 100, y: 100, width: 60, height: 60 } };
    const atLimit = { box: { x: 600, y: 600, width: 80, height: 80 } };
    const { counted, outside } = partitionCountedFaces([citizen, officer, queuing, atLimit], 1920, 1080, {
      roi: leftHalf,
      minFaceSizePx: 80,
    });
    expect(counted).toEqual([citizen, atLimit]);
    expect(outside).toEqual([officer, queuing]);
  });
});
