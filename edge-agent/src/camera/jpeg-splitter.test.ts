import { describe, expect, it } from "vitest";
import { createJpegSplitter } from "./jpeg-splitter.js";
import { createLatestFrameSlot } from "./latest-frame-slot.js";

/** SOI, an APP1 segment holding a whole thumbnail JPEG, SOS header, entropy data (0xFF stuffed), EOI. */
const thumbnail = [0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 9, 9, 0xff, 0xd9];
const jpeg = (body: number[]) =>
  Uint8Array.from([
    0xff,
    0xd8,
    0xff,
    0xe1,
    0x00,
    2 + thumbnail.length,
    ...thumbnail,
    0xff,
    0xda,
    0x00,
    0x03,
    0x01,
    ...body,
    0xff,
    0xd9,
  ]);
const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe("JPEG stream splitter", () => {
  it("cuts concatenated JPEGs, skips multipart boundaries and EXIF thumbnails, across arbitrary chunking", () => {
    const a = jpeg([1, 2, 0xff, 0x00, 3]);
    const b = jpeg([4, 5, 6]);
    const stream = concat(
      text("--frame\r\nContent-Type: image/jpeg\r\n\r\n"),
      a,
      text("\r\n--frame\r\nContent-Type: image/jpeg\r\n\r\n"),
      b,
      text("\r\n--fr"),
    );
    for (const size of [1, 2, 3, 7, stream.length]) {
      const splitter = createJpegSplitter();
      const out: Uint8Array[] = [];
      for (let i = 0; i < stream.length; i += size) out.push(...splitter.push(stream.slice(i, i + size)));
      expect(out).toEqual([a, b]);
    }
  });
});

describe("latest-frame slot", () => {
  it("keeps only the newest item and counts the ones it replaced", async () => {
    const slot = createLatestFrameSlot<number>();
    slot.put(1);
    slot.put(2);
    slot.put(3);
    expect(await slot.take()).toBe(3);
    expect(slot.dropped()).toBe(2);
    const waiting = slot.take();
    slot.put(4);
    expect(await waiting).toBe(4);
    slot.close();
    expect(await slot.take()).toBeUndefined();
  });

  it("a waiting take resolves undefined on abort", async () => {
    const slot = createLatestFrameSlot<number>();
    const controller = new AbortController();
    const waiting = slot.take(controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
  });
});
