import { convertTfjsGraphModel, nhwcToNchw } from "@hailong/models/toolkit";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConvertedPair, convertBoth, expectOutputsAgree } from "./converted-pair.js";
import { b64, createSyntheticGraph, ints } from "./synthetic-tfjs-graph.js";

/**
 * A small hand-built TF.js graph that exercises what the shipped models do not: an odd input size with
 * stride-2 SAME padding, uint8-quantized weights, depthwise multiplier 2, Relu6/LeakyRelu/Prelu fusions,
 * AvgPool with end padding, channel Pad, constant broadcasting, Mean with keep_dims, rank-4 and flattening
 * Reshapes, and Softmax over channels. Both runtimes must agree.
 */

function buildGraph() {
  const { constant, quantized, randomConst, op, placeholder, finish } = createSyntheticGraph();
  const conv = (
    padding: string,
    stride: number,
    fused: string[],
    numArgs: number,
    extra: Record<string, unknown> = {},
  ) => ({
    strides: ints(1, stride, stride, 1),
    dilations: ints(1, 1, 1, 1),
    padding: { s: b64(padding) },
    data_format: { s: b64("NHWC") },
    fused_ops: { list: { s: fused.map(b64) } },
    num_args: { i: String(numArgs) },
    explicit_paddings: { list: {} },
    epsilon: { f: 0 },
    ...extra,
  });

  placeholder("image", [1, 9, 9, 3]);
  const c1 = op(
    "c1",
    "_FusedConv2D",
    ["image", quantized("w1", [3, 3, 3, 4]), randomConst("b1", [4])],
    conv("SAME", 2, ["BiasAdd", "Relu6"], 1),
  );
  const dw = op("dw", "DepthwiseConv2dNative", [c1, randomConst("wdw", [3, 3, 4, 2])], {
    strides: ints(1, 2, 2, 1),
    dilations: ints(1, 1, 1, 1),
    padding: { s: b64("SAME") },
    data_format: { s: b64("NHWC") },
    explicit_paddings: { list: {} },
  });
  const c2 = op(
    "c2",
    "_FusedConv2D",
    [dw, randomConst("w2", [1, 1, 8, 6]), randomConst("b2", [6])],
    conv("VALID", 1, ["BiasAdd", "LeakyRelu"], 1, { leakyrelu_alpha: { f: 0.1 } }),
  );
  const c3 = op(
    "c3",
    "_FusedConv2D",
    [c2, randomConst("w3", [2, 2, 6, 6]), randomConst("b3", [6]), randomConst("a3", [6])],
    conv("SAME", 1, ["BiasAdd", "Prelu"], 2),
  );
  const pool = op("pool", "AvgPool", [c3], {
    ksize: ints(1, 2, 2, 1),
    strides: ints(1, 2, 2, 1),
    padding: { s: b64("SAME") },
    data_format: { s: b64("NHWC") },
  });
  const padded = op("padded", "Pad", [pool, constant("pads", [4, 2], [0, 0, 1, 0, 0, 1, 0, 2], "int32")], {
    Tpaddings: { type: "DT_INT32" },
  });
  const shifted = op("shifted", "AddV2", [padded, randomConst("shift", [8])]);
  const halved = op("halved", "Mul", [shifted, constant("half", [], [0.5])]);
  const mean = op("mean", "Mean", [halved, constant("axes", [2], [1, 2], "int32")], {
    keep_dims: { b: true },
    Tidx: { type: "DT_INT32" },
  });
  const column = op("column", "Reshape", [halved, constant("col_shape", [4], [1, 9, 8, 1], "int32")]);
  const colPool = op("col_pool", "MaxPool", [column], {
    ksize: ints(1, 3, 3, 1),
    strides: ints(1, 2, 2, 1),
    padding: { s: b64("SAME") },
    data_format: { s: b64("NHWC") },
  });
  op("flat_pool", "Reshape", [colPool, constant("flat_shape", [2], [1, -1], "int32")]);
  op("mean_probs", "Softmax", [op("mean_flat", "Reshape", [mean, constant("mean_shape", [2], [1, 8], "int32")])]);
  op("channel_probs", "Reshape", [op("c2_softmax", "Softmax", [c2]), constant("probs_shape", [2], [1, -1], "int32")]);

  return finish();
}

const OUTPUTS = ["flat_pool", "mean_probs", "channel_probs"];

describe("converter op coverage on a synthetic graph", () => {
  const { modelJson, weightData } = buildGraph();
  let pair: ConvertedPair | undefined;
  beforeAll(async () => {
    pair = await convertBoth({ modelJson, weightData }, OUTPUTS);
  });
  afterAll(() => pair?.close());

  it("matches TF.js on every output for several inputs", async () => {
    const shape = [1, 9, 9, 3];
    for (const seed of [1, 2, 3]) {
      const input = Float32Array.from({ length: 243 }, (_, k) => Math.sin(seed * 12.9898 + k * 78.233) * 2);
      const onnxInput = new ort.Tensor("float32", nhwcToNchw(input, shape), [1, 3, 9, 9]);
      await expectOutputsAgree(pair as ConvertedPair, {
        input,
        shape,
        onnxInput,
        relTolerance: 1e-4,
        label: `seed ${seed}`,
      });
    }
  });

  it("refuses ops it does not know instead of emitting a wrong graph", () => {
    const broken = structuredClone(modelJson);
    const node = broken.modelTopology.node.find((n) => n.name === "halved") as { op: string };
    node.op = "Cumsum";
    expect(() =>
      convertTfjsGraphModel({ modelJson: broken, weightData, outputs: [{ tf: "flat_pool", onnx: "out" }] }),
    ).toThrow(/Cumsum is not supported/);
  });
});
