import type { RoiPolygon } from "@hailong/protocol";

export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

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
