import sharp from "sharp";

/** What a counter camera could see of a small pre-cropped face: upscaled to 240 px, centred on a 640×480 frame. */
export const ON_FRAME = { facePx: 240, width: 640, height: 480 } as const;

/**
 * Places a face crop (file or bytes) on a neutral grey 640×480 frame, upscaled bicubically to 240 px, and returns
 * the frame as JPEG (quality 90). FER2013's 48×48 crops are too small for the detectors; on the frame they go
 * through detection and the detector's own crop framing, as a live face would.
 */
export async function placeOnFrame(input: string | Uint8Array): Promise<Buffer> {
  const { facePx, width, height } = ON_FRAME;
  const face = await sharp(input).resize(facePx, facePx, { kernel: "cubic" }).toColourspace("srgb").toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([{ input: face, left: (width - facePx) / 2, top: (height - facePx) / 2 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}
