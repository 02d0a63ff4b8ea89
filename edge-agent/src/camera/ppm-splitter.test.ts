import { describe, expect, it } from "vitest";
import { createPpmSplitter } from "./ppm-splitter.js";

const ppm = (width: number, height: number, fill: number) =>
  Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`), Buffer.alloc(width * height * 3, fill)]);

describe("PPM stream splitter", () => {
  it("cuts concatenated rgb24 frames of any size, across arbitrary chunking", () => {
    const stream = Buffer.concat([ppm(4, 2, 7), ppm(3, 5, 9), ppm(12, 10, 1)]);
    for (const size of [1, 2, 5, 13, 64, stream.length]) {
      const splitter = createPpmSplitter();
      const out = [];
      for (let i = 0; i < stream.length; i += size) out.push(...splitter.push(stream.subarray(i, i + size)));
      expect(out.map((f) => [f.width, f.height, f.data.length, f.data[0]])).toEqual([
        [4, 2, 24, 7],
        [3, 5, 45, 9],
        [12, 10, 360, 1],
      ]);
    }
  });

  it("refuses a stream that is not 8-bit binary PPM", () => {
    expect(() => createPpmSplitter().push(Buffer.from("P5\n4 2\n255\n"))).toThrow(/P6/);
    expect(() => createPpmSplitter().push(Buffer.from("P6\n4 2\n65535\n"))).toThrow(/max value/);
  });
});
