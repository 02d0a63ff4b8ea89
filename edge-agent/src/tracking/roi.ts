import type { CounterTuning, RoiPolygon } from "@hailong/protocol";

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of a counter's tuning that decides which faces count. */
export type FaceFilter = Pick<CounterTuning, "roi" | "minFaceSizePx">;

/** Even-odd ray casting; points exactly on an edge may fall either side, which is fine for face centres. */
export function pointInPolygon(x: number, y: number, polygon: RoiPolygon): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i] as [number, number];
    const [xj, yj] = polygon[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A face counts for the counter when its box centre (relative to the image) lies inside the ROI polygon. */
export function faceCentreInRoi(box: FaceBox, imageWidth: number, imageHeight: number, roi: RoiPolygon): boolean {
  const cx = (box.x + box.width / 2) / imageWidth;
  const cy = (box.y + box.height / 2) / imageHeight;
  return pointInPolygon(cx, cy, roi);
}

/** Why a face does not belong to the counter's citizen: its centre is outside the ROI, or it is too small. */
export type UncountedReason = "outside-roi" | "too-small";

/**
 * The one rule for which detected faces belong to the counter's citizen: at least minFaceSizePx tall and
 * centred inside the ROI (undefined: the face counts). Only these are classified, tracked and scored; the rest
 * (the officer's side of the desk, people queuing behind) are never run through the expression models.
 */
export function uncountedReason(
  box: FaceBox,
  imageWidth: number,
  imageHeight: number,
  filter: FaceFilter,
): UncountedReason | undefined {
  if (!faceCentreInRoi(box, imageWidth, imageHeight, filter.roi)) return "outside-roi";
  if (box.height < filter.minFaceSizePx) return "too-small";
  return undefined;
}

/** The detected faces split by uncountedReason: the counted ones, and the rest. */
export function partitionCountedFaces<F extends { box: FaceBox }>(
  faces: readonly F[],
  imageWidth: number,
  imageHeight: number,
  filter: FaceFilter,
): { counted: F[]; outside: F[] } {
  const counted: F[] = [];
  const outside: F[] = [];
  for (const face of faces) {
    const counts = uncountedReason(face.box, imageWidth, imageHeight, filter) === undefined;
    (counts ? counted : outside).push(face);
  }
  return { counted, outside };
}

/**
 * Where the detector looks: the ROI polygon's bounding box in pixels, widened on every side by `margin` × the
 * frame height (a face counts by its centre, so a counted face can reach half its height beyond the ROI).
 */
export function roiSearchBox(roi: RoiPolygon, imageWidth: number, imageHeight: number, margin: number): FaceBox {
  const xs = roi.map(([x]) => x * imageWidth);
  const ys = roi.map(([, y]) => y * imageHeight);
  const pad = margin * imageHeight;
  const x = Math.min(...xs) - pad;
  const y = Math.min(...ys) - pad;
  return { x, y, width: Math.max(...xs) + pad - x, height: Math.max(...ys) + pad - y };
}
