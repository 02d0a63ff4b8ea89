import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { createLatestFrameSlot } from "./latest-frame-slot.js";

describe("latest frame slot", () => {
  it("keeps only the newest unread item and counts the ones it replaced", async () => {
    const slot = createLatestFrameSlot<number>();
    slot.put(1);
    slot.put(2);
    expect(await slot.take()).toBe(2);
    expect(slot.dropped()).toBe(1);
  });

  it("hands each replaced, unread item to onDrop (a recycled frame buffer goes back at once)", async () => {
    const dropped: number[] = [];
    const slot = createLatestFrameSlot<number>((item) => dropped.push(item));
    slot.put(1);
    slot.put(2);
    slot.put(3);
    expect(await slot.take()).toBe(3);
    slot.put(4);
    expect(dropped).toEqual([1, 2]);
  });

  it("leaves no abort listener behind on a long-running camera's signal, however many frames it waits for", async () => {
    const slot = createLatestFrameSlot<number>();
    const camera = new AbortController();
    for (let frame = 0; frame < 50; frame++) {
      const next = slot.take(camera.signal);
      slot.put(frame);
      expect(await next).toBe(frame);
    }
    expect(getEventListeners(camera.signal, "abort")).toHaveLength(0);
  });

  it("a wait ends with nothing when the camera stops", async () => {
    const slot = createLatestFrameSlot<number>();
    const camera = new AbortController();
    const next = slot.take(camera.signal);
    camera.abort();
    expect(await next).toBeUndefined();
  });
});
