import { describe, expect, it } from "vitest";
import { decodeYunet, YUNET_STRIDES, type YunetStrideOutput } from "./yunet-decode.js";

/** Empty heads for a 64×64 input with one active cell, to check the arithmetic by hand. */
function heads(active: {
  stride: 8 | 16 | 32;
  index: number;
  cls: number;
  obj: number;
  bbox: number[];
  kps: number[];
}) {
  const out = {} as Record<8 | 16 | 32, YunetStrideOutput>;
  for (const s of YUNET_STRIDES) {
    const n = (64 / s) * (64 / s);
    const h = {
      cls: new Float32Array(n),
      obj: new Float32Array(n),
      bbox: new Float32Array(n * 4),
      kps: new Float32Array(n * 10),
    };
    if (s === active.stride) {
      h.cls[active.index] = active.cls;
      h.obj[active.index] = active.obj;
      h.bbox.set(active.bbox, active.index * 4);
      h.kps.set(active.kps, active.index * 10);
    }
    out[s] = h;
  }
  return out;
}

describe("YuNet decoding", () => {
  it("decodes one cell as OpenCV FaceDetectorYN does", () => {
    // stride 16 on 64 px: 4 columns; index 6 -> row 1, col 2.
    const out = heads({
      stride: 16,
      index: 6,
      cls: 0.81,
      obj: 1,
      bbox: [0.5, 0.25, Math.log(2), 0],
      kps: [0, 0, 1, 0, 0.5, 0.5, 0, 1, 1, 1],
    });
    const faces = decodeYunet(out, { inputWidth: 64, inputHeight: 64, scoreThreshold: 0.5, nmsThreshold: 0.3 });
    expect(faces).toHaveLength(1);
    const f = faces[0];
    expect(f?.score).toBeCloseTo(0.9); // sqrt(0.81 · 1)
    // cx = (2 + 0.5)·16 = 40, cy = (1 + 0.25)·16 = 20, w = 2·16 = 32, h = 16
    expect(f?.box.x).toBeCloseTo(24, 4);
    expect(f?.box.y).toBeCloseTo(12, 4);
    expect(f?.box.width).toBeCloseTo(32, 4);
    expect(f?.box.height).toBeCloseTo(16, 4);
    expect(f?.landmarks?.[0]).toEqual({ x: 32, y: 16 });
    expect(f?.landmarks?.[4]).toEqual({ x: 48, y: 32 });
  });
  it("drops cells below the score threshold and clamps cls/obj to [0, 1]", () => {
    const out = heads({ stride: 8, index: 0, cls: 1.7, obj: 0.2, bbox: [0, 0, 0, 0], kps: new Array(10).fill(0) });
    const faces = decodeYunet(out, { inputWidth: 64, inputHeight: 64, scoreThreshold: 0.5, nmsThreshold: 0.3 });
    expect(faces).toHaveLength(0); // sqrt(1 · 0.2) = 0.447
  });
});
