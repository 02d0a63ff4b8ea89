import { z } from "zod";
import { ExpressionLabelSchema } from "../manifest.js";

export const HeadManifestSchema = z
  .object({
    id: z.string().regex(/^head-[a-z0-9._-]+$/),
    file: z.string().describe("ONNX file, relative to the manifest"),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    members: z
      .array(z.object({ modelId: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict())
      .min(1)
      .describe("expression models whose features feed the head, in order; their sha256 must match"),
    blocks: z.array(
      z
        .object({
          modelId: z.string(),
          kind: z.enum(["log-probabilities", "logits", "embedding"]),
          size: z.number().int(),
        })
        .strict(),
    ),
    flip: z.boolean().describe("features are averaged over the face and its mirror image"),
    labels: z.array(ExpressionLabelSchema),
    training: z
      .object({
        data: z.string().describe("what it was fitted on"),
        samples: z.number().int(),
        perClass: z.record(z.string(), z.number().int()),
        l2: z.number(),
        iterations: z.number().int(),
        learningRate: z.number().describe("Adam's peak step, cosine-annealed to 0").optional(),
        validationAccuracy: z.number().describe("on a deterministic 10 % split of the training data"),
      })
      .strict(),
  })
  .strict();
export type HeadManifest = z.infer<typeof HeadManifestSchema>;
