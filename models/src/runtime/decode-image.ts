import { HailongError } from "@hailong/common";
import sharp from "sharp";
import type { RgbImage } from "../types.js";

/** Decodes a JPEG/PNG (file path or bytes) to 8-bit RGB, applying EXIF orientation; grayscale becomes RGB. */
export async function decodeImage(input: string | Uint8Array): Promise<RgbImage> {
  try {
    const { data, info } = await sharp(input)
      .rotate()
      .removeAlpha()
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels === 3) return { width: info.width, height: info.height, data: new Uint8Array(data) };
    const rgb = new Uint8Array(info.width * info.height * 3);
    for (let p = 0; p < info.width * info.height; p++) {
      for (let c = 0; c < 3; c++) rgb[p * 3 + c] = data[p * info.channels + Math.min(c, info.channels - 1)] as number;
    }
    return { width: info.width, height: info.height, data: rgb };
  } catch (error) {
    throw new HailongError(
      "HAILONG_ERR_MODEL",
      `could not decode image ${typeof input === "string" ? input : "(bytes)"}`,
      {
        cause: error,
      },
    );
  }
}
