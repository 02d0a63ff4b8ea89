import type { RgbImage } from "@hailong/models";
import { loadSharp } from "../vision/load-sharp.js";

/**
 * Blocks across the frame in the installer's privacy view. Chosen by `scripts/eval/measure-snapshot-privacy.ts`
 * (figures in docs/privacy.md): the coarsest mosaic at which the seat, the desk and the ROI are still readable,
 * and the finest at which YuNet at its most sensitive finds no face in any ../shared still or crowd-video frame.
 */
export const PRIVACY_BLOCKS_ACROSS = 24;

/** Gaussian blur sigma over the mosaic, in blocks (same measurement). */
export const PRIVACY_BLUR_BLOCKS = 1;

/**
 * The whole frame pixelated into `blocksAcross` blocks, then blurred over one block so the mosaic's edges
 * carry no detail either. It does not depend on what the detector found, so a missed face is hidden too.
 */
export async function privacyImage(
  image: RgbImage,
  blocksAcross = PRIVACY_BLOCKS_ACROSS,
  blurBlocks = PRIVACY_BLUR_BLOCKS,
): Promise<Buffer> {
  const sharp = await loadSharp();
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  const across = Math.max(1, Math.min(image.width, blocksAcross));
  const down = Math.max(1, Math.round((image.height / image.width) * across));
  const small = await sharp(image.data, { raw }).resize(across, down, { fit: "fill" }).raw().toBuffer();
  const block = image.width / across;
  return sharp(small, { raw: { width: across, height: down, channels: 3 } })
    .resize(image.width, image.height, { fit: "fill", kernel: "nearest" })
    .blur(Math.max(0.3, block * blurBlocks))
    .raw()
    .toBuffer();
}
