import { z } from "zod";

/** The seven FER classes plus contempt (CK+/AffectNet); a model lists the subset it predicts, in output order. */
export const EXPRESSION_LABELS = [
  "angry",
  "disgust",
  "fear",
  "happy",
  "sad",
  "surprise",
  "neutral",
  "contempt",
] as const;
export const ExpressionLabelSchema = z.enum(EXPRESSION_LABELS);
export type ExpressionLabel = z.infer<typeof ExpressionLabelSchema>;

/** Labels whose union is "dissatisfied": the class every SMS rests on. */
export const DISSATISFIED_LABELS: readonly ExpressionLabel[] = ["angry", "disgust", "contempt"];

/** What a model is; it picks the adapter (the detectors' outputs need different decoders). */
export const ModelKindSchema = z.enum(["yunet-detector", "blazeface-detector", "expression"]);
export type ModelKind = z.infer<typeof ModelKindSchema>;
export type DetectorKind = Exclude<ModelKind, "expression">;

/** The coarser role each kind reports in the agent's `info` message (protocol ModelRef.kind). */
export const MODEL_KIND_ROLE: Readonly<Record<ModelKind, "face-detector" | "expression">> = {
  "yunet-detector": "face-detector",
  "blazeface-detector": "face-detector",
  expression: "expression",
};

export const NormalisationSchema = z
  .object({
    scale: z.number().describe("multiply raw 0..255 pixel values by this first"),
    mean: z.array(z.number()).describe("then subtract per channel (after scaling)"),
    std: z.array(z.number()).describe("then divide per channel"),
  })
  .strict();

export const ModelManifestSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/)
      .describe("stable model id, e.g. yunet-2023mar"),
    kind: ModelKindSchema,
    file: z.string().describe("ONNX file name, relative to the manifest"),
    bytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    source: z
      .object({
        kind: z.enum(["npm", "download", "trained"]),
        package: z.string().optional().describe("npm package@version the weights come from"),
        url: z.string().optional().describe("upstream download URL"),
        note: z.string().optional(),
      })
      .strict(),
    licence: z.string(),
    input: z
      .object({
        name: z.string(),
        shape: z.array(z.union([z.number().int(), z.string()])).describe("dims; strings are dynamic"),
        layout: z.enum(["NCHW", "NHWC"]),
        colorOrder: z.enum(["RGB", "BGR", "GRAY"]),
        normalisation: NormalisationSchema,
        alignment: z.enum(["none", "five-point-112"]).default("none"),
      })
      .strict(),
    outputs: z.array(z.string()).min(1),
    labels: z.array(ExpressionLabelSchema).optional().describe("expression models: class per output index"),
    outputActivation: z
      .enum(["softmax", "logits"])
      .optional()
      .describe("expression models: whether outputs are probabilities"),
  })
  .strict();
export type ModelManifest = z.infer<typeof ModelManifestSchema>;
