import { readdir } from "node:fs/promises";
import path from "node:path";
import { type DetectedFace, decodeImage, type LoadedFaceAnalyzer, largestFace, placeOnFrame } from "@hailong/models";
import { ON_FRAME } from "@hailong/models/toolkit";

/** Where `placeOnFrame` puts a crop: its left/top corner and side on the frame, in pixels. */
export const CROP_ON_FRAME = {
  left: (ON_FRAME.width - ON_FRAME.facePx) / 2,
  top: (ON_FRAME.height - ON_FRAME.facePx) / 2,
  side: ON_FRAME.facePx,
};

/**
 * Every k-th FER2013-train crop of each class (up to `perClass`, in file-name order, so every script samples
 * the same crops), placed on a frame as `hailong eval --on-frame` does; yields the detector's largest face, or
 * undefined where it finds none.
 */
export async function* trainFacesOnFrame(
  train: string,
  perClass: number,
  analyzer: LoadedFaceAnalyzer,
): AsyncGenerator<DetectedFace | undefined> {
  for (const label of (await readdir(train)).sort()) {
    const files = (await readdir(path.join(train, label))).sort();
    const step = Math.max(1, Math.floor(files.length / perClass));
    for (let i = 0; i < files.length && i / step < perClass; i += step) {
      const file = path.join(train, label, files[i] as string);
      yield largestFace(await analyzer.detect(await decodeImage(await placeOnFrame(file))));
    }
  }
}
