import { z } from "zod";

const OnnxFileSchema = z
  .object({
    file: z.string().describe("ONNX file name, relative to the manifest"),
    bytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    input: z.string().describe("ONNX input name"),
    inputShape: z.array(z.number().int()).describe("fixed input dims"),
  })
  .strict();

/**
 * MediaPipe's face landmarker as two ONNX models converted from face_landmarker.task: a 478-point face mesh on a
 * square face crop, and 52 blendshape scores from 146 of those points.
 */
export const FaceLandmarkerManifestSchema = z
  .object({
    id: z.string().describe("model id, e.g. mediapipe-face-landmarker"),
    kind: z.literal("face-landmarker"),
    source: z
      .object({
        file: z.string().describe("the .task bundle the models were converted from"),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        converter: z.string().describe("converter version and build tag; a change re-converts"),
      })
      .strict(),
    licence: z.string(),
    landmarks: OnnxFileSchema.extend({
      landmarksOutput: z.string().describe("[1,1,1,1434]: 478 × (x, y, z) in crop pixels"),
      presenceOutput: z.string().describe("[1,1,1,1]: face-presence logit (sigmoid → probability)"),
    }).strict(),
    blendshapes: OnnxFileSchema.extend({
      scoresOutput: z.string().describe("[52]: scores in BLENDSHAPE_NAMES order"),
    }).strict(),
  })
  .strict();
export type FaceLandmarkerManifest = z.infer<typeof FaceLandmarkerManifestSchema>;
