import { createRequire } from "node:module";
import path from "node:path";
import type { ModelManifest, RgbImage } from "@hailong/models";
import { imageToTensor, type TensorLayout } from "@hailong/models/toolkit";
import sharp from "sharp";

const require = createRequire(import.meta.url);

/** face-api's demo photo: a real face, shipped with an installed dependency, so the bench needs no shared data. */
export function defaultBenchImage(): string {
  return path.join(path.dirname(require.resolve("@vladmandic/face-api/package.json")), "demo/sample1.jpg");
}

/** Decodes an image with sharp and stretches it to width×height (RGB, EXIF-rotated). */
export async function loadResized(file: string, width: number, height: number): Promise<RgbImage> {
  const { data, info } = await sharp(file)
    .rotate()
    .removeAlpha()
    .toColourspace("srgb")
    .resize(width, height, { fit: "fill" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after removeAlpha, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

/** The image as a batch of `batch` identical tensors laid out as `spec` says; the first dimension is the batch. */
export function batchTensor(image: RgbImage, spec: TensorLayout, batch: number): Float32Array {
  const one = imageToTensor(image, spec);
  const out = new Float32Array(one.length * batch);
  for (let b = 0; b < batch; b++) out.set(one, b * one.length);
  return out;
}

/** Input height and width of a model with static spatial dims. */
export function modelInputSize(manifest: ModelManifest): { width: number; height: number; channels: number } {
  const shape = manifest.input.shape;
  const nchw = manifest.input.layout === "NCHW";
  const [c, h, w] = nchw ? [shape[1], shape[2], shape[3]] : [shape[3], shape[1], shape[2]];
  if (typeof h !== "number" || typeof w !== "number" || typeof c !== "number") {
    throw new Error(`${manifest.id}: bench needs static channel/height/width dims, got ${JSON.stringify(shape)}`);
  }
  return { width: w, height: h, channels: c };
}
