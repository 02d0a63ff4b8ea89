import type { RgbImage } from "@hailong/models";
import sharp from "sharp";

export type DecodeResult = { ok: true; image: RgbImage } | { ok: false; reason: string };

/** Encoded frame -> RGB in memory (EXIF orientation applied). A corrupt frame is a result, not a throw. */
export async function decodeFrame(bytes: Uint8Array): Promise<DecodeResult> {
  try {
    const { data, info } = await sharp(bytes, { failOn: "error" })
      .rotate()
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
