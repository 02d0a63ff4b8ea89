import sharp from "sharp";

/** What a counter camera could see of a small pre-cropped face: upscaled to 240 px, centred on a 640×480 frame. */
export const ON_FRAME = { facePx: 240, width: 640, height: 480 } as const;

/**
 * Places a face crop (file or bytes) on a neutral grey 640×480 frame, scaled bicubically to fit 240×240 (a
 * square crop fills it; others keep their aspect ratio), centred, and returns the frame as JPEG (quality 90).
 * FER2013's 48×48 crops are too small for the detectors; on the frame they go through detection and the
 * detector's own crop framing, as a live face would.
 */
export async function placeOnFrame(input: string | Uint8Array): Promise<Buffer> {
  const { facePx, width, height } = ON_FRAME;
  const { data: face, info } = await sharp(input)
    .rotate()
    .resize(facePx, facePx, { kernel: "cubic", fit: "inside" })
    .toColourspace("srgb")
    .toBuffer({ resolveWithObject: true });
  return sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([
      { input: face, left: Math.round((width - info.width) / 2), top: Math.round((height - info.height) / 2) },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
}
