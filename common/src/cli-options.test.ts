import { describe, expect, it } from "vitest";
import { parseCountList, parsePositiveInt } from "./cli-options.js";

describe("command-line option parsing", () => {
  it("reads comma-separated counts, dropping duplicates", () => {
    expect(parseCountList("1,2", "--threads")).toEqual([1, 2]);
    expect(parseCountList(" 8 , 1,8", "--batch")).toEqual([8, 1]);
  });

  it("names the option in the error for zero, fractions, blanks and words", () => {
    for (const bad of ["0", "1.5", "1,,2", "two"]) expect(() => parseCountList(bad, "--batch")).toThrow(/--batch/);
    expect(() => parsePositiveInt("-3", "--iterations")).toThrow(/--iterations/);
    expect(parsePositiveInt("20", "--iterations")).toBe(20);
  });
});
