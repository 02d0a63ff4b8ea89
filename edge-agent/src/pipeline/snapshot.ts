import type { RgbImage } from "@hailong/models";
import type { RoiPolygon, SnapshotResult } from "@hailong/protocol";
import sharp, { type OverlayOptions } from "sharp";
import type { ScoredFace } from "./counter-engine.js";

const MAX_SNAPSHOT_WIDTH = 1280;
const LEVEL_COLOURS = { very_satisfied: "#16a34a", satisfied: "#65a30d", neutral: "#eab308", dissatisfied: "#dc2626" };

/** Mean and standard deviation of luma (BT.601), sampled: the installer's exposure check. */
export function lumaStats(image: RgbImage): { brightness: number; contrast: number } {
  const step = Math.max(1, Math.floor((image.width * image.height) / 200_000));
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let p = 0; p < image.width * image.height; p += step) {
    const i = p * 3;
    const y =
      0.299 * (image.data[i] as number) + 0.587 * (image.data[i + 1] as number) + 0.114 * (image.data[i + 2] as number);
    sum += y;
    sumSq += y * y;
    n += 1;
  }
  const mean = n ? sum / n : 0;
  const variance = n ? Math.max(0, sumSq / n - mean * mean) : 0;
  return { brightness: Math.round(mean * 10) / 10, contrast: Math.round(Math.sqrt(variance) * 10) / 10 };
}

function clampRegion(face: ScoredFace, image: RgbImage) {
  const pad = 0.15;
  const { x, y, width, height } = face.face.box;
  const left = Math.max(0, Math.floor(x - width * pad));
  const top = Math.max(0, Math.floor(y - height * pad));
  const right = Math.min(image.width, Math.ceil(x + width * (1 + pad)));
  const bottom = Math.min(image.height, Math.ceil(y + height * (1 + pad)));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

/** Pixelates (8 blocks across) then blurs a face: irreversible at any zoom. */
async function blurredFace(image: RgbImage, region: ReturnType<typeof clampRegion>): Promise<OverlayOptions> {
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  const small = await sharp(image.data, { raw }).extract(region).resize(8, 8, { fit: "fill" }).raw().toBuffer();
  const input = await sharp(small, { raw: { width: 8, height: 8, channels: 3 } })
    .resize(region.width, region.height, { fit: "fill", kernel: "nearest" })
    .blur(Math.max(2, region.height / 12))
    .raw()
    .toBuffer();
  return {
    input,
    raw: { width: region.width, height: region.height, channels: 3 },
    left: region.left,
    top: region.top,
  };
}

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function overlaySvg(width: number, height: number, faces: readonly ScoredFace[], roi: RoiPolygon): string {
  const stroke = Math.max(2, Math.round(width / 400));
  const font = Math.max(12, Math.round(width / 70));
  const points = roi.map(([x, y]) => `${Math.round(x * width)},${Math.round(y * height)}`).join(" ");
  const parts = [
    `<polygon points="${points}" fill="none" stroke="#38bdf8" stroke-width="${stroke}" stroke-dasharray="${stroke * 4}"/>`,
  ];
  for (const f of faces) {
    const { x, y, width: w, height: h } = f.face.box;
    const colour = f.inRoi ? LEVEL_COLOURS[f.level] : "#9ca3af";
    parts.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="${colour}" stroke-width="${stroke}"/>`,
    );
    for (const p of f.face.landmarks ?? [])
      parts.push(`<circle cx="${p.x}" cy="${p.y}" r="${stroke * 1.5}" fill="${colour}"/>`);
    const label = f.inRoi
      ? `${f.level.replace("_", " ")} ${Math.round(f.score)} · dis ${f.dissatisfied.toFixed(2)}`
      : "outside ROI / too small";
    parts.push(
      `<text x="${x}" y="${Math.max(font, y - stroke * 2)}" font-family="sans-serif" font-size="${font}" fill="${colour}" stroke="#000" stroke-width="0.6">${esc(label)}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join("")}</svg>`;
}

export interface SnapshotInput {
  counterId: string;
  takenAt: number;
  image: RgbImage;
  faces: readonly ScoredFace[];
  roi: RoiPolygon;
  showFaces: boolean;
}

/** The annotated calibration JPEG, built in memory; faces are pixelated unless showFaces. */
export async function renderSnapshot(input: SnapshotInput): Promise<SnapshotResult> {
  const { image } = input;
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  const overlays: OverlayOptions[] = [];
  if (!input.showFaces) {
    for (const face of input.faces) overlays.push(await blurredFace(image, clampRegion(face, image)));
  }
  overlays.push({ input: Buffer.from(overlaySvg(image.width, image.height, input.faces, input.roi)), left: 0, top: 0 });
  const composed = await sharp(image.data, { raw }).composite(overlays).removeAlpha().raw().toBuffer();
  const scale = Math.min(1, MAX_SNAPSHOT_WIDTH / image.width);
  const jpeg = await sharp(composed, { raw })
    .resize(Math.round(image.width * scale))
    .jpeg({ quality: 80 })
    .toBuffer();
  return {
    counterId: input.counterId,
    takenAt: input.takenAt,
    width: Math.round(image.width * scale),
    height: Math.round(image.height * scale),
    facesBlurred: !input.showFaces,
    jpegBase64: jpeg.toString("base64"),
    faces: input.faces.slice(0, 32).map((f) => ({
      box: {
        x: f.face.box.x * scale,
        y: f.face.box.y * scale,
        width: f.face.box.width * scale,
        height: f.face.box.height * scale,
      },
      score: Math.min(1, Math.max(0, f.face.score)),
      ...(f.inRoi
        ? { inRoi: true, level: f.level, dissatisfied: Math.min(1, Math.max(0, f.dissatisfied)) }
        : // never classified: the wire's required fields get the neutral placeholders, flagged by inRoi false
          { inRoi: false, level: "neutral" as const, dissatisfied: 0 }),
    })),
    ...lumaStats(image),
  };
}
