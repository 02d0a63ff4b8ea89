import { describe, expect, it } from "vitest";
import { createBatcher } from "./batcher.js";

describe("batcher", () => {
  it("an urgent item flushes its batch without waiting out the delay, taking the waiting items along", async () => {
    const flushed: string[][] = [];
    const batcher = createBatcher<string>({
      maxItems: 100,
      maxDelayMs: 60_000, // far beyond the test timeout: only the urgent path can flush in time
      flush: async (items) => {
        flushed.push(items);
      },
    });
    const early = batcher.add("visit");
    await batcher.add("incident", { urgent: true });
    await early;
    expect(flushed).toEqual([["visit", "incident"]]);
  });

  it("an urgent item that arrives during a flush goes out right after it", async () => {
    const flushed: string[][] = [];
    let release = (): void => {
      // replaced by the gate's resolve below (Node 20 has no Promise.withResolvers)
    };
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batcher = createBatcher<string>({
      maxItems: 2,
      maxDelayMs: 60_000,
      flush: async (items) => {
        flushed.push(items);
        if (flushed.length === 1) await gate;
      },
    });
    const full = Promise.all([batcher.add("a"), batcher.add("b")]); // full batch: flushes at once, held by the gate
    const urgent = batcher.add("incident", { urgent: true });
    release();
    await full;
    await urgent;
    expect(flushed).toEqual([["a", "b"], ["incident"]]);
  });
});
