import { describe, expect, it } from "vitest";
import type { DetectedFace, RgbImage } from "../types.js";
import { DETECTION_PYRAMID } from "./face-detector.js";
import { detectWithPyramid, squareTileOffsets } from "./pyramid-detect.js";

const image: RgbImage = { width: 400, height: 200, data: new Uint8Array(400 * 200 * 3).fill(200) };

describe("detectWithPyramid", () => {
  it("shrinks the image on each attempt until a face is found", async () => {
    const seen: { width: number; height: number }[] = [];
    const faces = await detectWithPyramid(image, 100, 80, async (shown) => {
      seen.push({ width: shown.width, height: shown.height });
      if (seen.length < 2) return [];
      return [{ box: { x: 10, y: 5, width: 20, height: 10 }, score: 0.8 }];
    });
    // Fill 1: 400×200 letterboxed into 100×80 is 100×50; fill 0.5: into 50×40 is 50×25 (padding is the detector's).
    expect(seen).toEqual([
      { width: 100, height: 50 },
      { width: 50, height: 25 },
    ]);
    // At fill 0.5 the scale is 0.125: boxes map back ×8.
    expect(faces).toEqual([{ box: { x: 80, y: 40, width: 160, height: 80 }, score: 0.8 }]);
  });
  it("with maxScale 1 does not enlarge a small image to the input: it is searched at its own size, then smaller", async () => {
    const seen: { width: number; height: number }[] = [];
    const faces = await detectWithPyramid(
      image,
      800,
      800,
      async (shown) => {
        seen.push({ width: shown.width, height: shown.height });
        return seen.length < 2 ? [] : [{ box: { x: 10, y: 5, width: 20, height: 10 }, score: 0.8 }];
      },
      { maxScale: 1 },
    );
    expect(seen).toEqual([
      { width: 400, height: 200 },
      { width: 200, height: 100 },
    ]);
    expect(faces).toEqual([{ box: { x: 20, y: 10, width: 40, height: 20 }, score: 0.8 }]);
  });
  it("tries every fill and returns [] when no attempt finds a face", async () => {
    let calls = 0;
    const none = async (): Promise<DetectedFace[]> => {
      calls++;
      return [];
    };
    expect(await detectWithPyramid(image, 100, 80, none)).toEqual([]);
    expect(calls).toBe(DETECTION_PYRAMID.length);
  });
  it("with square tiles, a face found in the right-hand tile maps back to the right of the frame", async () => {
    // A 400×200 frame whose right 200×200 square is lit: only the last tile sees light in its left column.
    const frame: RgbImage = { width: 400, height: 200, data: new Uint8Array(400 * 200 * 3) };
    for (let y = 0; y < 200; y++) frame.data.fill(255, (y * 400 + 200) * 3, (y * 400 + 400) * 3);
    const tiles: number[] = [];
    const faces = await detectWithPyramid(
      frame,
      100,
      100,
      async (tile) => {
        tiles.push(tile.width);
        if ((tile.data[0] as number) < 255) return [];
        return [{ box: { x: 10, y: 20, width: 30, height: 40 }, score: 0.9 }];
      },
      { squareTiles: true },
    );
    // The letterboxed frame (100×50) first, then tiles at x = 0, 100, 200 (side 200, overlapping by half),
    // each resized to the full 100×100 input.
    expect(tiles).toEqual([100, 100, 100, 100]);
    expect(faces).toEqual([{ box: { x: 220, y: 40, width: 60, height: 80 }, score: 0.9 }]);
  });
  it("with square tiles, a face found in the letterboxed frame is returned without looking at tiles", async () => {
    let calls = 0;
    const faces = await detectWithPyramid(
      image,
      100,
      100,
      async () => {
        calls++;
        return [{ box: { x: 10, y: 10, width: 10, height: 10 }, score: 0.7 }];
      },
      { squareTiles: true },
    );
    expect(calls).toBe(1);
    expect(faces[0]?.box).toEqual({ x: 40, y: 40, width: 40, height: 40 });
  });
  it("merges one face seen by two overlapping tiles into one", async () => {
    const faces = await detectWithPyramid(
      image,
      100,
      100,
      async (shown) => (shown.height < 100 ? [] : [{ box: { x: 40, y: 40, width: 20, height: 20 }, score: 0.9 }]),
      { squareTiles: true },
    );
    // Three tiles report a face at their centres (x = 80, 180, 280 in the frame, 40 px wide): no two overlap.
    expect(faces.map((f) => f.box.x).sort((a, b) => a - b)).toEqual([80, 180, 280]);
    const same = await detectWithPyramid(
      image,
      100,
      100,
      async (shown) => (shown.height < 100 ? [] : [{ box: { x: 0, y: 0, width: 100, height: 100 }, score: 0.5 }]),
      { squareTiles: true },
    );
    // Each tile reports itself (200×200): tiles 0–200 and 100–300 overlap by IoU 1/3 > 0.3, as do 100–300 and 200–400.
    expect(same).toHaveLength(2);
  });
});

describe("detectWithPyramid, tiles first on wide frames", () => {
  const record = (found: (shown: RgbImage, call: number) => DetectedFace[]) => {
    const shown: string[] = [];
    const detect = async (image: RgbImage) => {
      shown.push(`${image.width}x${image.height}`);
      return found(image, shown.length);
    };
    return { shown, detect };
  };
  const options = { squareTiles: true, tilesFirstFromAspect: 1.7 };

  it("searches the tiles of a frame at least that wide before the letterboxed frame", async () => {
    // 400×200 (aspect 2): tiles at x = 0, 100, 200 first; the second reports a face, so nothing else runs.
    const { shown, detect } = record((_, call) =>
      call === 2 ? [{ box: { x: 10, y: 20, width: 30, height: 40 }, score: 0.9 }] : [],
    );
    const faces = await detectWithPyramid(image, 100, 100, detect, options);
    expect(shown).toEqual(["100x100", "100x100", "100x100"]);
    expect(faces).toEqual([{ box: { x: 120, y: 40, width: 60, height: 80 }, score: 0.9 }]);
  });
  it("keeps the letterbox-first order for narrower frames (a 4:3 photo)", async () => {
    const photo: RgbImage = { width: 400, height: 300, data: new Uint8Array(400 * 300 * 3) };
    const { shown, detect } = record(() => [{ box: { x: 10, y: 10, width: 10, height: 10 }, score: 0.7 }]);
    await detectWithPyramid(photo, 100, 100, detect, options);
    expect(shown).toEqual(["100x75"]);
  });
  it("on a wide frame without a face: the tiles once, then every fill of the pyramid", async () => {
    const { shown, detect } = record(() => []);
    expect(await detectWithPyramid(image, 100, 100, detect, options)).toEqual([]);
    expect(shown).toEqual(["100x100", "100x100", "100x100", "100x50", "50x25", "30x15"]);
  });
});

describe("squareTileOffsets", () => {
  it("covers the long side with tiles overlapping by at least half a tile", () => {
    expect(squareTileOffsets(720, 720)).toEqual([0]);
    expect(squareTileOffsets(1280, 720)).toEqual([0, 280, 560]);
    expect(squareTileOffsets(640, 480)).toEqual([0, 160]);
  });
});
