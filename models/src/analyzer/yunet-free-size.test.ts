import { describe, expect, it } from "vitest";
import { withFreeYunetInputSize } from "./yunet-free-size.js";

const SHAPE_1_3_640_640 = [0x0a, 0x02, 0x08, 0x01, 0x0a, 0x02, 0x08, 0x03, 0x0a, 0x03, 0x08, 0x80, 0x05];
const LAST_DIM_640 = [0x0a, 0x03, 0x08, 0x80, 0x05];

describe("withFreeYunetInputSize", () => {
  it("turns the declared 640×640 input size into unknown height and width without changing the length", () => {
    const model = new Uint8Array([7, 7, ...SHAPE_1_3_640_640, ...LAST_DIM_640, 9]);
    const free = withFreeYunetInputSize(model);
    expect(free).toBeDefined();
    expect(free?.length).toBe(model.length);
    // Batch and channels stay; height and width become Dimension { denotation: "H" / "W" }.
    expect(Array.from(free?.subarray(2, 12) ?? [])).toEqual(SHAPE_1_3_640_640.slice(0, 10));
    expect(Array.from(free?.subarray(12, 20) ?? [])).toEqual([0x1a, 0x01, 0x48, 0x0a, 0x03, 0x1a, 0x01, 0x57]);
    expect(model[12]).toBe(0x08); // the input bytes are not modified
  });
  it("leaves a file without that input shape (or with it twice) alone", () => {
    expect(withFreeYunetInputSize(new Uint8Array([1, 2, 3]))).toBeUndefined();
    const twice = [...SHAPE_1_3_640_640, ...LAST_DIM_640];
    expect(withFreeYunetInputSize(new Uint8Array([...twice, ...twice]))).toBeUndefined();
  });
});
