import type { RgbImage } from "@hailong/models";
import type { SnapshotResult } from "@hailong/protocol";
import { type FaceFilter, uncountedReason } from "../tracking/roi.js";
import { loadSharp } from "../vision/load-sharp.js";
import type { ScoredFace } from "./counter-engine.js";
import { estimateFacePose } from "./face-pose.js";
import { privacyImage } from "./privacy-image.js";

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

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The overlay is read by a Vietnamese installer on the snapshot itself, so its words are Vietnamese. */
const LEVEL_LABELS = {
  very_satisfied: "Rất hài lòng",
  satisfied: "Hài lòng",
  neutral: "Bình thường",
  dissatisfied: "Không hài lòng",
} as const;

/**
 * Why a face the snapshot's whole-frame detection found is not scored, in the installer's words: the counter's
 * rule (uncountedReason) left it out, or none did — a face the counter's own search did not find (its ROI search
 * works at the detail minFaceSizePx needs and on the ROI only), so the installer knows to look at light or angle.
 */
export function unscoredReason(f: ScoredFace, width: number, height: number, filter: FaceFilter): string {
  switch (uncountedReason(f.face.box, width, height, filter)) {
    case "outside-roi":
      return "Ngoài vùng quan sát";
    case "too-small":
      return `Mặt quá nhỏ (dưới ${filter.minFaceSizePx} px)`;
    default:
      return "Quầy chưa nhận ra mặt này";
  }
}

function faceLabel(f: ScoredFace, width: number, height: number, filter: FaceFilter): string {
  if (!f.inRoi) return unscoredReason(f, width, height, filter);
  const unhappy = Math.round(f.dissatisfied * 100);
  return `${LEVEL_LABELS[f.level]} ${Math.round(f.score)} điểm · không hài lòng ${unhappy}%`;
}

/**
 * Boxes, ROI and labels drawn sharp over the snapshot. Landmark dots only on the privileged view: on the
 * privacy view five dots in a box would hand a detector the face layout the mosaic removed.
 */
export function overlaySvg(
  width: number,
  height: number,
  faces: readonly ScoredFace[],
  filter: FaceFilter,
  options: { landmarks: boolean } = { landmarks: true },
): string {
  const { roi } = filter;
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
    if (options.landmarks)
      for (const p of f.face.landmarks ?? [])
        parts.push(`<circle cx="${p.x}" cy="${p.y}" r="${stroke * 1.5}" fill="${colour}"/>`);
    parts.push(
      `<text x="${x}" y="${Math.max(font, y - stroke * 2)}" font-family="DejaVu Sans, sans-serif" font-size="${font}" fill="${colour}" stroke="#000" stroke-width="0.6">${esc(faceLabel(f, width, height, filter))}</text>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join("")}</svg>`;
}

/** Mean luma inside a face box, read from the unblurred frame before it is pixelated (backlight check). */
function faceLuma(image: RgbImage, face: ScoredFace): number {
  const { x, y, width, height } = face.face.box;
  const left = Math.max(0, Math.floor(x));
  const top = Math.max(0, Math.floor(y));
  const right = Math.min(image.width, Math.ceil(x + width));
  const bottom = Math.min(image.height, Math.ceil(y + height));
  let sum = 0;
  let n = 0;
  for (let row = top; row < bottom; row += 2) {
    for (let col = left; col < right; col += 2) {
      const i = (row * image.width + col) * 3;
      sum +=
        0.299 * (image.data[i] as number) +
        0.587 * (image.data[i + 1] as number) +
        0.114 * (image.data[i + 2] as number);
      n += 1;
    }
  }
  return n ? Math.round((sum / n) * 10) / 10 : 0;
}

export interface SnapshotInput {
  counterId: string;
  takenAt: number;
  image: RgbImage;
  faces: readonly ScoredFace[];
  /** the counter's rule for which faces count: its ROI is drawn, and an unscored face's label names the rule */
  filter: FaceFilter;
  showFaces: boolean;
  /** mosaic resolution of the privacy view; PRIVACY_BLOCKS_ACROSS unless a measurement tries others */
  blocksAcross?: number;
  /** blur over the mosaic, in blocks; PRIVACY_BLUR_BLOCKS unless a measurement tries others */
  blurBlocks?: number;
  /** false draws no boxes or labels (measurements of the mosaic alone) */
  overlay?: boolean;
}

/**
 * The annotated calibration JPEG, built in memory. Unless showFaces (a role allowed to see faces, audited by
 * the hub), the whole frame is pixelated first: privacy does not depend on the detector having found a face.
 */
export async function renderSnapshot(input: SnapshotInput): Promise<SnapshotResult> {
  const { image } = input;
  const sharp = await loadSharp();
  const raw = { width: image.width, height: image.height, channels: 3 as const };
  const base = input.showFaces ? image.data : await privacyImage(image, input.blocksAcross, input.blurBlocks);
  const overlay = overlaySvg(image.width, image.height, input.faces, input.filter, { landmarks: input.showFaces });
  const layers = input.overlay === false ? [] : [{ input: Buffer.from(overlay), left: 0, top: 0 }];
  const composed = await sharp(base, { raw }).composite(layers).removeAlpha().raw().toBuffer();
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
    sourceHeight: image.height,
    facesBlurred: !input.showFaces,
    jpegBase64: jpeg.toString("base64"),
    faces: input.faces.slice(0, 32).map((f) => snapshotFace(image, f, scale)),
    ...lumaStats(image),
  };
}

function snapshotFace(image: RgbImage, f: ScoredFace, scale: number): SnapshotResult["faces"][number] {
  const { box } = f.face;
  return {
    box: { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale },
    score: Math.min(1, Math.max(0, f.face.score)),
    ...(f.inRoi
      ? { inRoi: true, level: f.level, dissatisfied: Math.min(1, Math.max(0, f.dissatisfied)) }
      : // never classified: the wire's required fields get the neutral placeholders, flagged by inRoi false
        { inRoi: false, level: "neutral" as const, dissatisfied: 0 }),
    luma: faceLuma(image, f),
    ...estimateFacePose(f.face),
  };
}
