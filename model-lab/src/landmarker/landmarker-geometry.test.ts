import { describe, expect, it } from "vitest";
import {
  blendshapeInput,
  LANDMARKER_INPUT_SIZE,
  landmarkerSquare,
  meshToImage,
  namedBlendshapes,
} from "./landmarker-geometry.js";
import { BLENDSHAPE_NAMES, LANDMARK_SUBSET, MESH_POINTS } from "./mediapipe-constants.js";

describe("landmarker crop", () => {
  it("is a whole-pixel square 1.5× the longer side of the face box, centred on it", () => {
    expect(landmarkerSquare({ x: 100, y: 50, width: 80, height: 100 })).toEqual({
      x: 65,
      y: 25,
      width: 150,
      height: 150,
    });
  });

  it("may reach past the image edge (the crop fills it black) rather than shifting off the face", () => {
    const square = landmarkerSquare({ x: 0, y: 0, width: 40, height: 40 });
    expect(square).toEqual({ x: -10, y: -10, width: 60, height: 60 });
  });

  it("maps crop pixels back to image pixels, z scaled like x", () => {
    const mesh = new Float32Array(MESH_POINTS * 3);
    mesh.set([128, 64, -10], 0);
    const image = meshToImage(mesh, { x: 65, y: 25, width: 150, height: 150 }, LANDMARKER_INPUT_SIZE);
    expect(Array.from(image.slice(0, 3))).toEqual([65 + 75, 25 + 37.5, -10 * (150 / 256)].map(Math.fround));
  });
});

describe("blendshape input", () => {
  it("takes (x, y) of MediaPipe's 146-point subset in order, dropping z", () => {
    const mesh = Float32Array.from({ length: MESH_POINTS * 3 }, (_, k) => k);
    const input = blendshapeInput(mesh);
    expect(input.length).toBe(292);
    expect(Array.from(input.slice(0, 6))).toEqual([0, 1, 3, 4, 12, 13]);
    const last = LANDMARK_SUBSET[145] as number;
    expect(last).toBe(477);
    expect(Array.from(input.slice(290))).toEqual([last * 3, last * 3 + 1]);
  });

  it("uses 146 distinct mesh points, all inside the 478-point mesh", () => {
    expect(new Set(LANDMARK_SUBSET).size).toBe(146);
    expect(Math.max(...LANDMARK_SUBSET)).toBeLessThan(MESH_POINTS);
  });

  it("refuses a mesh of the wrong size", () => {
    expect(() => blendshapeInput(new Float32Array(468 * 3))).toThrow(/1434 mesh values/);
  });

  it("names the 52 scores in MediaPipe's order", () => {
    const named = namedBlendshapes(Float32Array.from({ length: 52 }, (_, k) => k / 100));
    expect(Object.keys(named)).toEqual([...BLENDSHAPE_NAMES]);
    expect(named.browDownLeft).toBeCloseTo(0.01);
    expect(named.noseSneerRight).toBeCloseTo(0.51);
  });
});
