import { readdir } from "node:fs/promises";
import path from "node:path";
import type { FaceAnalyzer } from "@hailong/models";
import sharp from "sharp";
import { decodeFrame } from "../camera/decode-frame.js";

export interface BenchFrame {
  label: string;
  width: number;
  height: number;
  /** the JPEG a camera would send */
  jpeg: Uint8Array;
}

export const RESOLUTIONS = [
  { label: "720p", width: 1280, height: 720 },
  { label: "1080p", width: 1920, height: 1080 },
] as const;

/**
 * In-memory 720p/1080p frames with exactly one face: the largest face of the first usable photo is cut out
 * and pasted (about a third of the frame high, like a citizen at a counter) onto a heavily blurred copy of
 * the photo, so no other face is detectable; plus the 720p background alone, with no face.
 */
export async function makeOneFaceFrames(dir: string, analyzer: FaceAnalyzer): Promise<BenchFrame[]> {
  const names = (await readdir(dir)).filter((n) => /\.(jpe?g|png)$/i.test(n)).sort();
  for (const name of names) {
    const decoded = await decodeFrame(await sharp(path.join(dir, name)).jpeg().toBuffer());
    if (!decoded.ok) continue;
    const faces = await analyzer.detect(decoded.image);
    const face = faces.sort((a, b) => b.box.height - a.box.height)[0];
    if (!face) continue;
    const { image } = decoded;
    const pad = 0.3;
    const left = Math.max(0, Math.round(face.box.x - face.box.width * pad));
    const top = Math.max(0, Math.round(face.box.y - face.box.height * pad));
    const crop = {
      left,
      top,
      width: Math.min(image.width - left, Math.round(face.box.width * (1 + 2 * pad))),
      height: Math.min(image.height - top, Math.round(face.box.height * (1 + 2 * pad))),
    };
    const raw = { width: image.width, height: image.height, channels: 3 as const };
    const frames: BenchFrame[] = [];
    for (const r of RESOLUTIONS) {
      const faceHeight = Math.round(r.height / 3);
      const cut = await sharp(image.data, { raw }).extract(crop).resize({ height: faceHeight }).jpeg().toBuffer();
      const blurred = () => sharp(image.data, { raw }).resize(r.width, r.height, { fit: "cover" }).blur(40);
      const background = blurred();
      const cutMeta = await sharp(cut).metadata();
      const jpeg = await background
        .composite([
          {
            input: cut,
            left: Math.round((r.width - (cutMeta.width ?? 0)) / 2),
            top: Math.round((r.height - faceHeight) / 2),
          },
        ])
        .jpeg({ quality: 85 })
        .toBuffer();
      frames.push({ label: r.label, width: r.width, height: r.height, jpeg: new Uint8Array(jpeg) });
      if (r === RESOLUTIONS[0]) {
        // The same background without the face: most frames of a counter's day, and the detector's worst
        // case (every pyramid attempt runs).
        const empty = await blurred().jpeg({ quality: 85 }).toBuffer();
        frames.push({ label: `${r.label} empty`, width: r.width, height: r.height, jpeg: new Uint8Array(empty) });
      }
    }
    return frames;
  }
  throw new Error(`no image with a detectable face in ${dir}`);
}
