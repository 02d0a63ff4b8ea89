/** A point in image pixels. */
export interface Point {
  x: number;
  y: number;
}

/** Pixels around `at` move by `by`, fading with a Gaussian of radius `radius`. */
export interface WarpControl {
  at: Point;
  by: Point;
  radius: number;
}

/**
 * Smooth local warp of an interleaved RGB image (backward mapping, nearest sample): each output pixel reads the
 * source pixel its displaced position came from. Enough to lower a brow or a mouth corner by a few pixels.
 */
export function warpImage(
  rgb: Uint8Array,
  width: number,
  height: number,
  controls: readonly WarpControl[],
): Uint8Array {
  const out = new Uint8Array(rgb.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sx = x;
      let sy = y;
      for (const c of controls) {
        const dx = x - (c.at.x + c.by.x);
        const dy = y - (c.at.y + c.by.y);
        const weight = Math.exp(-(dx * dx + dy * dy) / (2 * c.radius * c.radius));
        sx -= c.by.x * weight;
        sy -= c.by.y * weight;
      }
      const from = (clamp(Math.round(sy), height) * width + clamp(Math.round(sx), width)) * 3;
      const to = (y * width + x) * 3;
      out[to] = rgb[from] as number;
      out[to + 1] = rgb[from + 1] as number;
      out[to + 2] = rgb[from + 2] as number;
    }
  }
  return out;
}

const clamp = (v: number, size: number) => Math.min(size - 1, Math.max(0, v));

/** The five landmarks a face detector gives: the subject's right eye, left eye, nose tip, mouth corners. */
export interface FiveLandmarks {
  rightEye: Point;
  leftEye: Point;
  mouthRight: Point;
  mouthLeft: Point;
}

/**
 * Controls that turn a calm face into an irritated one: inner brow ends pulled down and together, mouth corners
 * pulled down. `strength` is the brow drop as a share of the distance between the eyes.
 */
export function irritationControls(face: FiveLandmarks, strength: number): WarpControl[] {
  const eyes = Math.hypot(face.leftEye.x - face.rightEye.x, face.leftEye.y - face.rightEye.y);
  const drop = eyes * strength;
  const innerBrow = (eye: Point, other: Point): WarpControl => {
    const inward = Math.sign(other.x - eye.x);
    return {
      at: { x: eye.x + inward * eyes * 0.2, y: eye.y - eyes * 0.35 },
      by: { x: inward * drop * 0.5, y: drop },
      radius: eyes * 0.22,
    };
  };
  const corner = (at: Point): WarpControl => ({ at, by: { x: 0, y: drop * 0.8 }, radius: eyes * 0.18 });
  return [
    innerBrow(face.rightEye, face.leftEye),
    innerBrow(face.leftEye, face.rightEye),
    corner(face.mouthRight),
    corner(face.mouthLeft),
  ];
}
