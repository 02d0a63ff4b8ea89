import type { Box } from "@hailong/models";
import { squareAround } from "@hailong/models/toolkit";
import { BLENDSHAPE_NAMES, type BlendshapeName, LANDMARK_SUBSET, MESH_POINTS } from "./mediapipe-constants.js";

/** Side of the landmark model's square input. */
export const LANDMARKER_INPUT_SIZE = 256;
/** MediaPipe's face_landmarks_detector_graph.cc enlarges the face rect 1.5× and squares it (square_long). */
export const LANDMARKER_CROP_SCALE = 1.5;

/** The square (whole pixels, may reach past the image: filled black) the mesh is computed on. */
export function landmarkerSquare(box: Box, scale = LANDMARKER_CROP_SCALE): Box {
  const s = squareAround(box, scale);
  const side = Math.max(1, Math.round(s.width));
  return { x: Math.round(s.x), y: Math.round(s.y), width: side, height: side };
}

/** Mesh points from crop pixels (x, y, z per point) to image pixels; z keeps its ratio to x. */
export function meshToImage(mesh: ArrayLike<number>, square: Box, size = LANDMARKER_INPUT_SIZE): Float32Array {
  if (mesh.length !== MESH_POINTS * 3) throw new Error(`expected ${MESH_POINTS * 3} mesh values, got ${mesh.length}`);
  const k = square.width / size;
  const out = new Float32Array(mesh.length);
  for (let p = 0; p < MESH_POINTS; p++) {
    out[p * 3] = square.x + (mesh[p * 3] as number) * k;
    out[p * 3 + 1] = square.y + (mesh[p * 3 + 1] as number) * k;
    out[p * 3 + 2] = (mesh[p * 3 + 2] as number) * k;
  }
  return out;
}

/** The blendshape model's [146, 2] input: (x, y) of LANDMARK_SUBSET, in that order. */
export function blendshapeInput(mesh: ArrayLike<number>): Float32Array {
  if (mesh.length !== MESH_POINTS * 3) throw new Error(`expected ${MESH_POINTS * 3} mesh values, got ${mesh.length}`);
  const out = new Float32Array(LANDMARK_SUBSET.length * 2);
  LANDMARK_SUBSET.forEach((point, k) => {
    out[k * 2] = mesh[point * 3] as number;
    out[k * 2 + 1] = mesh[point * 3 + 1] as number;
  });
  return out;
}

export type Blendshapes = Record<BlendshapeName, number>;

export function namedBlendshapes(scores: ArrayLike<number>): Blendshapes {
  if (scores.length !== BLENDSHAPE_NAMES.length) {
    throw new Error(`expected ${BLENDSHAPE_NAMES.length} blendshape scores, got ${scores.length}`);
  }
  return Object.fromEntries(BLENDSHAPE_NAMES.map((name, k) => [name, scores[k] as number])) as Blendshapes;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
