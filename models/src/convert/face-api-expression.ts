/**
 * face-api.js FaceExpressionNet (@vladmandic/face-api model/face_expression_model*). The package ships only
 * weights; the architecture lives in face-api's code, mirrored here as a TF.js graph so the generic converter
 * can turn it into ONNX:
 *
 * - src/faceFeatureExtractor/FaceFeatureExtractor.ts: input 112×112 RGB (0..255, padded to a centred square with
 *   zeros and resized bilinearly), minus mean RGB [122.782, 117.001, 104.298], divided by 255; then four
 *   denseBlock4 (dense0 with a plain 3×3 stride-2 conv first, dense1..3 with a separable stride-2 conv first),
 *   then avgPool 7×7 stride 2 'valid' → [1, 1, 1, 256];
 * - src/faceFeatureExtractor/denseBlock.ts denseBlock4:
 *     out1 = relu(conv0(x)); out2 = sep(out1, conv1); in3 = relu(out1 + out2); out3 = sep(in3, conv2);
 *     in4 = relu(out1 + (out2 + out3)); out4 = sep(in4, conv3); return relu(out1 + (out2 + (out3 + out4)))
 *   where sep = separableConv2d(…, 'same') + bias (no activation);
 * - src/faceProcessor/FaceProcessor.ts + common/fullyConnectedLayer.ts: flatten, matMul(fc/weights) + fc/bias;
 * - src/faceExpressionNet/FaceExpressionNet.ts: softmax; labels (FaceExpressions.ts) in order
 *   neutral, happy, sad, angry, fearful, disgusted, surprised.
 */
import type { TfjsGraphModelJson, TfNode, WeightEntry } from "./tfjs-model.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const ints = (...values: number[]) => ({ list: { i: values.map(String) } });
const dims = (shape: readonly number[]) => ({ dim: shape.map((d) => ({ size: String(d) })) });
const FLOAT = { type: "DT_FLOAT" };

export const FACE_API_INPUT_SIZE = 112;
export const FACE_API_MEAN_RGB = [122.782, 117.001, 104.298] as const;

function convAttrs(stride: number, padding: "SAME" | "VALID", fused?: string[]) {
  return {
    T: FLOAT,
    strides: ints(1, stride, stride, 1),
    dilations: ints(1, 1, 1, 1),
    padding: { s: b64(padding) },
    data_format: { s: b64("NHWC") },
    explicit_paddings: { list: {} },
    ...(fused ? { fused_ops: { list: { s: fused.map(b64) } }, num_args: { i: "1" }, epsilon: { f: 0 } } : {}),
  };
}

/** The graph under construction: the weights it may reference and the nodes emitted so far, in order. */
interface GraphBuild {
  weights: Map<string, WeightEntry>;
  nodes: TfNode[];
}

/** Emits a Const node for a shipped weight and returns its name. */
function weight(g: GraphBuild, name: string): string {
  const w = g.weights.get(name);
  if (!w) throw new Error(`face-api weights lack ${name}`);
  const type = w.dtype === "int32" ? "DT_INT32" : "DT_FLOAT";
  g.nodes.push({
    name,
    op: "Const",
    attr: { value: { tensor: { dtype: type, tensorShape: dims(w.shape) } }, dtype: { type } },
  });
  return name;
}

function op(g: GraphBuild, name: string, type: string, input: string[], attr: TfNode["attr"] = { T: FLOAT }): string {
  g.nodes.push({ name, op: type, input, attr });
  return name;
}

const relu = (g: GraphBuild, name: string, x: string) => op(g, name, "Relu", [x]);
const add = (g: GraphBuild, name: string, a: string, b: string) => op(g, name, "AddV2", [a, b]);

/** separableConv2d(x, dw, pw, stride, 'same') + bias, optionally followed by relu. */
function separable(g: GraphBuild, prefix: string, x: string, stride: number, activation: boolean): string {
  const dw = op(
    g,
    `${prefix}/depthwise`,
    "DepthwiseConv2dNative",
    [x, weight(g, `${prefix}/depthwise_filter`)],
    convAttrs(stride, "SAME"),
  );
  const fused = activation ? ["BiasAdd", "Relu"] : ["BiasAdd"];
  return op(
    g,
    prefix,
    "_FusedConv2D",
    [dw, weight(g, `${prefix}/pointwise_filter`), weight(g, `${prefix}/bias`)],
    convAttrs(1, "VALID", fused),
  );
}

function denseBlock4(g: GraphBuild, block: string, x: string, first: boolean): string {
  const out1 = first
    ? op(
        g,
        `${block}/conv0`,
        "_FusedConv2D",
        [x, weight(g, `${block}/conv0/filters`), weight(g, `${block}/conv0/bias`)],
        convAttrs(2, "SAME", ["BiasAdd", "Relu"]),
      )
    : separable(g, `${block}/conv0`, x, 2, true);
  const out2 = separable(g, `${block}/conv1`, out1, 1, false);
  const in3 = relu(g, `${block}/in3`, add(g, `${block}/sum3`, out1, out2));
  const out3 = separable(g, `${block}/conv2`, in3, 1, false);
  const in4 = relu(g, `${block}/in4`, add(g, `${block}/sum4`, out1, add(g, `${block}/sum4b`, out2, out3)));
  const out4 = separable(g, `${block}/conv3`, in4, 1, false);
  const sum = add(g, `${block}/sum5`, out1, add(g, `${block}/sum5b`, out2, add(g, `${block}/sum5c`, out3, out4)));
  return relu(g, `${block}/out`, sum);
}

/** avgPool 7×7 stride 2, flatten to [batch, 256] (by the extra `shape` weight), fully connected, softmax. */
function classifierHead(g: GraphBuild, features: string, shape: string): void {
  const pooled = op(g, "avgpool", "AvgPool", [features], {
    T: FLOAT,
    ksize: ints(1, 7, 7, 1),
    strides: ints(1, 2, 2, 1),
    padding: { s: b64("VALID") },
    data_format: { s: b64("NHWC") },
  });
  g.nodes.push({
    name: shape,
    op: "Const",
    attr: { value: { tensor: { dtype: "DT_INT32", tensorShape: dims([2]) } }, dtype: { type: "DT_INT32" } },
  });
  const flat = op(g, "flatten", "Reshape", [pooled, shape], { T: FLOAT, Tshape: { type: "DT_INT32" } });
  const logits = op(g, "fc/matmul", "MatMul", [flat, weight(g, "fc/weights")], {
    T: FLOAT,
    transpose_a: { b: false },
    transpose_b: { b: false },
  });
  op(g, "probabilities", "Softmax", [add(g, "fc/logits", logits, weight(g, "fc/bias"))]);
}

/** Builds a TF.js graph-model JSON for FaceExpressionNet over the weights of face_expression_model. */
export function buildFaceApiExpressionGraph(
  weightsManifest: TfjsGraphModelJson["weightsManifest"],
): TfjsGraphModelJson {
  const g: GraphBuild = {
    weights: new Map<string, WeightEntry>(weightsManifest.flatMap((m) => m.weights).map((w) => [w.name, w])),
    nodes: [],
  };
  g.nodes.push({
    name: "input",
    op: "Placeholder",
    // −1: any batch size (the converter names it "N"), so the counters' faces can share one run.
    attr: { dtype: FLOAT, shape: { shape: dims([-1, FACE_API_INPUT_SIZE, FACE_API_INPUT_SIZE, 3]) } },
  });
  let x = denseBlock4(g, "dense0", "input", true);
  for (const block of ["dense1", "dense2", "dense3"]) x = denseBlock4(g, block, x, false);
  const shape = "flatten/shape";
  classifierHead(g, x, shape);
  return {
    format: "graph-model",
    modelTopology: { node: g.nodes },
    // The flatten target [-1, 256] is appended after the face-api weights, so the shipped .bin is used unchanged.
    weightsManifest: [...weightsManifest, { paths: [], weights: [{ name: shape, shape: [2], dtype: "int32" }] }],
  };
}

/** The extra bytes `buildFaceApiExpressionGraph` expects after the shipped weights (the flatten target). */
export function faceApiExtraWeightBytes(): Uint8Array {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, -1, true);
  view.setInt32(4, 256, true);
  return bytes;
}
