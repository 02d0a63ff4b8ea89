import { describe, expect, it } from "vitest";
import { backoffDelay, retryDelay } from "./backoff.js";

const policy = { baseMs: 1000, factor: 2, maxMs: 8000 };

describe("backoffDelay", () => {
  it("doubles per failed attempt up to the cap", () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, policy, 1))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });
  it("jitter stays between half the ceiling and the ceiling", () => {
    expect(backoffDelay(3, policy, 0)).toBe(2000);
    expect(backoffDelay(3, policy, 0.5)).toBe(3000);
    expect(backoffDelay(3, policy, 7)).toBe(4000);
  });
  it("a longer Retry-After wins but is capped", () => {
    expect(retryDelay(1, 5000, policy, 0)).toBe(5000);
    expect(retryDelay(1, 100, policy, 0)).toBe(500);
    expect(retryDelay(1, 3_600_000, policy, 0)).toBe(8000);
  });
});
