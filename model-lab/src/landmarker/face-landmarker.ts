import type { Box, RgbImage } from "@hailong/models";
import { createOnnxSession, cropPixels, imageToTensor, resizeBilinear } from "@hailong/models/toolkit";
import {
  type Blendshapes,
  blendshapeInput,
  LANDMARKER_INPUT_SIZE,
  landmarkerSquare,
  meshToImage,
  namedBlendshapes,
  sigmoid,
} from "./landmarker-geometry.js";
import { type ResolvedLandmarker, resolveFaceLandmarker } from "./resolve-landmarker.js";

export interface FaceMeshResult {
  /** Probability that the crop holds a face (MediaPipe thresholds it at 0.5). */
  presence: number;
  /** 478 × (x, y, z) in image pixels. */
  mesh: Float32Array;
  /** The 52 scores by MediaPipe name (_neutral included). */
  blendshapes: Blendshapes;
}

export interface FaceLandmarker {
  /** Mesh and blendshapes of the face in `box` (a detector's box, image pixels). */
  analyse(image: RgbImage, box: Box): Promise<FaceMeshResult>;
  close(): Promise<void>;
}

export interface FaceLandmarkerOptions {
  threads?: number;
  modelsDir?: string;
  /** Already-resolved model files (default: resolveFaceLandmarker, converting on first use). */
  resolved?: ResolvedLandmarker;
}

const INPUT_LAYOUT = {
  layout: "NCHW",
  colorOrder: "RGB",
  normalisation: { scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
} as const;

/** Runs MediaPipe's landmark then blendshape graphs (converted to ONNX) on a square crop around a face. */
export async function createFaceLandmarker(options: FaceLandmarkerOptions = {}): Promise<FaceLandmarker> {
  const resolved =
    options.resolved ?? (await resolveFaceLandmarker(options.modelsDir ? { modelsDir: options.modelsDir } : {}));
  const { landmarks, blendshapes } = resolved.manifest;
  const threads = { threads: options.threads ?? 1 };
  const meshSession = await createOnnxSession(resolved.landmarksPath, threads);
  const shapeSession = await createOnnxSession(resolved.blendshapesPath, threads);
  const size = LANDMARKER_INPUT_SIZE;
  return {
    async analyse(image, box) {
      const square = landmarkerSquare(box);
      const crop = resizeBilinear(cropPixels(image, square.x, square.y, square.width, square.height), size, size);
      const meshOut = await meshSession.run({
        [landmarks.input]: { data: imageToTensor(crop, INPUT_LAYOUT), dims: landmarks.inputShape },
      });
      const mesh = meshToImage(meshOut[landmarks.landmarksOutput]?.data ?? [], square);
      const presence = sigmoid(meshOut[landmarks.presenceOutput]?.data[0] ?? Number.NEGATIVE_INFINITY);
      const shapeOut = await shapeSession.run({
        [blendshapes.input]: { data: blendshapeInput(mesh), dims: blendshapes.inputShape },
      });
      return { presence, mesh, blendshapes: namedBlendshapes(shapeOut[blendshapes.scoresOutput]?.data ?? []) };
    },
    async close() {
      await meshSession.close();
      await shapeSession.close();
    },
  };
}
