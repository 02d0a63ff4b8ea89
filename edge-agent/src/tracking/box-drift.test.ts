import type { RgbImage } from "@hailong/models";
import { describe, expect, it } from "vitest";
import { boxDrift, sampleBox } from "./box-drift.js";

const frame = (fill: (x: number, y: number) => number): RgbImage => {
  const data = new Uint8Array(40 * 30 * 3);
  for (let y = 0; y < 30; y++)
    for (let x = 0; x < 40; x++) data.fill(fill(x, y), (y * 40 + x) * 3, (y * 40 + x) * 3 + 3);
  return { width: 40, height: 30, data };
};

describe("box drift", () => {
  const box = { x: 10, y: 5, width: 16, height: 16 };
  it("is zero for the same pixels and measures a change inside the box only", () => {
    const a = frame(() => 100);
    expect(boxDrift(sampleBox(a, box), a, box)).toBe(0);
    expect(
      boxDrift(
        sampleBox(a, box),
        frame((x) => (x >= 30 ? 0 : 100)),
        box,
      ),
    ).toBe(0);
    expect(
      boxDrift(
        sampleBox(a, box),
        frame(() => 130),
        box,
      ),
    ).toBe(30);
    expect(
      boxDrift(
        sampleBox(a, box),
        frame((x) => (x < 18 ? 140 : 100)),
        box,
      ),
    ).toBe(20);
  });

  it("counts a resized frame as fully changed", () => {
    const a = frame(() => 100);
    expect(boxDrift(sampleBox(a, box), { width: 20, height: 30, data: a.data }, box)).toBe(255);
  });
});
