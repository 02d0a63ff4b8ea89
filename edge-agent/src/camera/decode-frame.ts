import type { RgbImage } from "@hailong/models";
import { loadSharp } from "../vision/load-sharp.js";
import type { CapturedFrame } from "./types.js";

export type DecodeResult = { ok: true; image: RgbImage } | { ok: false; reason: string };

/**
 * Encoded frame -> RGB in memory (EXIF orientation applied), at most `width` wide: sharp then decodes a JPEG at
 * 1/2, 1/4 or 1/8 scale straight from its DCT (shrink-on-load) before the last resize, so a 1080p snapshot costs
 * little more than a small one. A corrupt frame is a result, not a throw.
 */
export async function decodeFrame(bytes: Uint8Array, width = 0): Promise<DecodeResult> {
  try {
    const sharp = await loadSharp();
    let pipeline = sharp(bytes, { failOn: "error" }).rotate();
    if (width > 0) pipeline = pipeline.resize({ width, withoutEnlargement: true });
    const { data, info } = await pipeline
      .removeAlpha()
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels === 3) return { ok: true, image: { width: info.width, height: info.height, data } };
    const rgb = new Uint8Array(info.width * info.height * 3);
    for (let p = 0; p < info.width * info.height; p++) {
      const v = data[p * info.channels] as number;
      rgb[p * 3] = v;
      rgb[p * 3 + 1] = v;
      rgb[p * 3 + 2] = v;
    }
    return { ok: true, image: { width: info.width, height: info.height, data: rgb } };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The frame's pixels: as delivered (ffmpeg, already at the analysis size) or decoded at most `width` wide. */
export async function frameImage(frame: CapturedFrame, width = 0): Promise<DecodeResult> {
  if (frame.image) return { ok: true, image: frame.image };
  return decodeFrame(frame.bytes, width);
}
