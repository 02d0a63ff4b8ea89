import { describe, expect, it } from "vitest";
import { createTensorPool } from "./tensor-pool.js";

describe("tensor pool", () => {
  it("hands a returned buffer to the next run of the same size, never one still in use", () => {
    const pool = createTensorPool(1024);
    const a = pool.acquire(16);
    const b = pool.acquire(16);
    expect(b).not.toBe(a);
    pool.release(a);
    expect(pool.acquire(16)).toBe(a);
    expect(pool.acquire(16)).not.toBe(b);
  });
  it("keeps at most maxBytes, dropping the least recently returned sizes first", () => {
    const pool = createTensorPool(100 * 4);
    const small = pool.acquire(40);
    const large = pool.acquire(60);
    const other = pool.acquire(50);
    pool.release(small);
    pool.release(large);
    pool.release(other); // 150 values > 100: the 40s go first, then the 60s
    expect(pool.acquire(40)).not.toBe(small);
    expect(pool.acquire(60)).not.toBe(large);
    expect(pool.acquire(50)).toBe(other);
  });
});
