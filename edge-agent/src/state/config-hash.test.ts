import { describe, expect, it } from "vitest";
import { canonicalJson, configHash } from "./config-hash.js";

describe("config hash", () => {
  it("is independent of key order and sensitive to values", () => {
    const a = { b: 1, a: { y: [1, 2], x: "s" } };
    const b = { a: { x: "s", y: [1, 2] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(configHash(a)).toBe(configHash(b));
    expect(configHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(configHash({ ...a, b: 2 })).not.toBe(configHash(a));
    expect(configHash({ a: { y: [2, 1], x: "s" }, b: 1 })).not.toBe(configHash(a));
  });
});
