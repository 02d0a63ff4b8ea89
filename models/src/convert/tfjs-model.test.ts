import { describe, expect, it } from "vitest";
import { decodeWeights, halfToFloat } from "./tfjs-model.js";

describe("decodeWeights", () => {
  it("splits float32 and int32 weights in manifest order", () => {
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    view.setFloat32(0, 1.5, true);
    view.setFloat32(4, -2, true);
    view.setInt32(8, 7, true);
    view.setInt32(12, -1, true);
    const weights = decodeWeights(
      [
        {
          paths: ["a.bin"],
          weights: [
            { name: "w", shape: [2], dtype: "float32" },
            { name: "shape", shape: [2], dtype: "int32" },
          ],
        },
      ],
      bytes,
    );
    expect(Array.from(weights.get("w")?.values ?? [])).toEqual([1.5, -2]);
    expect(weights.get("shape")?.dtype).toBe("int32");
    expect(Array.from(weights.get("shape")?.values ?? [])).toEqual([7, -1]);
  });

  it("dequantizes uint8 weights as q·scale + min", () => {
    const weights = decodeWeights(
      [
        {
          paths: ["q.bin"],
          weights: [{ name: "q", shape: [3], dtype: "float32", quantization: { dtype: "uint8", scale: 0.5, min: -1 } }],
        },
      ],
      Uint8Array.from([0, 2, 255]),
    );
    expect(Array.from(weights.get("q")?.values ?? [])).toEqual([-1, 0, 126.5]);
  });

  it("decodes float16 weights", () => {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint16(0, 0x3c00, true); // 1
    new DataView(bytes.buffer).setUint16(2, 0xc100, true); // −2.5
    const weights = decodeWeights(
      [
        {
          paths: ["h.bin"],
          weights: [{ name: "h", shape: [2], dtype: "float32", quantization: { dtype: "float16" } }],
        },
      ],
      bytes,
    );
    expect(Array.from(weights.get("h")?.values ?? [])).toEqual([1, -2.5]);
  });

  it("refuses weight data that does not match the manifest", () => {
    const manifest = [{ paths: ["x.bin"], weights: [{ name: "x", shape: [2], dtype: "float32" as const }] }];
    expect(() => decodeWeights(manifest, new Uint8Array(4))).toThrow(/past the end/);
    expect(() => decodeWeights(manifest, new Uint8Array(12))).toThrow(/describes 8 bytes/);
  });
});

describe("halfToFloat", () => {
  it("handles normals, subnormals and infinities", () => {
    expect(halfToFloat(0x3555)).toBeCloseTo(0.333, 3);
    expect(halfToFloat(0x0001)).toBeCloseTo(2 ** -24, 30);
    expect(halfToFloat(0xfc00)).toBe(Number.NEGATIVE_INFINITY);
  });
});
