import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConvertedPair, convertBoth, expectOutputsAgree } from "./converted-pair.js";
import { b64, createSyntheticGraph, ints } from "./synthetic-tfjs-graph.js";

/**
 * The ops MediaPipe's blendshape MLP-Mixer needs, in a hand-built TF.js graph: point normalisation (Mean, Sub,
 * SquaredDifference, Sum, Sqrt, Rsqrt, RealDiv), rank-4 Reshape, Transpose around 1×1 convolutions, ConcatV2
 * with a constant token, Prelu, Neg and StridedSlice with begin/end/shrink masks. Both runtimes must agree.
 */
function buildGraph() {
  const { constant, randomConst, op, placeholder, finish } = createSyntheticGraph(7);
  const i32 = (name: string, values: number[]) => constant(name, [values.length], values, "int32");
  const keep = { keep_dims: { b: true }, Tidx: { type: "DT_INT32" } };
  const points = placeholder("points", [1, 6, 2]);
  const mean = op("mean", "Mean", [points, i32("mean_axes", [-2])], keep);
  const centred = op("centred", "Sub", [points, mean]);
  const spread = op("spread", "Sum", [op("sq", "SquaredDifference", [points, mean]), i32("sum_axes", [-1])], keep);
  const scale = op("scale", "Rsqrt", [op("spread_eps", "AddV2", [spread, constant("eps", [], [1e-3])])]);
  const root = op("root", "Sqrt", [spread]);
  const scaled = op("scaled", "RealDiv", [
    op("scaled_up", "Mul", [centred, scale]),
    op("root_eps", "AddV2", [root, constant("one", [], [1])]),
  ]);
  const tokens = op("tokens", "Reshape", [scaled, i32("tokens_shape", [1, 1, 6, 2])]);
  const mixed = op("mixed_in", "Transpose", [tokens, i32("perm", [0, 1, 3, 2])]);
  const dense = op("dense", "_FusedConv2D", [mixed, randomConst("w", [1, 1, 6, 5]), randomConst("b", [5])], {
    strides: ints(1, 1, 1, 1),
    dilations: ints(1, 1, 1, 1),
    padding: { s: b64("VALID") },
    data_format: { s: b64("NHWC") },
    fused_ops: { list: { s: ["BiasAdd", "Relu"].map(b64) } },
    num_args: { i: "1" },
  });
  const back = op("back", "Transpose", [dense, i32("perm_back", [0, 1, 3, 2])]);
  const joined = op("joined", "ConcatV2", [randomConst("token", [1, 1, 1, 2]), back, i32("concat_axis", [-2])], {
    N: { i: "2" },
  });
  const negated = op("negated", "Neg", [op("prelu", "Prelu", [joined, randomConst("alpha", [2])])]);
  const masks = (begin: number, end: number, shrink = 0) => ({
    begin_mask: { i: String(begin) },
    end_mask: { i: String(end) },
    ellipsis_mask: { i: "0" },
    new_axis_mask: { i: "0" },
    shrink_axis_mask: { i: String(shrink) },
    Index: { type: "DT_INT32" },
  });
  const strides = i32("strides", [1, 1, 1, 1]);
  const window = op(
    "window",
    "StridedSlice",
    [negated, i32("b0", [0, 0, 1, 0]), i32("e0", [0, 0, 4, 0]), strides],
    masks(11, 11),
  );
  op("picked", "StridedSlice", [window, i32("b1", [0, 0, 0, 0]), i32("e1", [0, 0, 1, 0]), strides], masks(15, 11, 4));
  op("flat", "Reshape", [negated, i32("flat_shape", [1, 12])]);
  op("swapped", "Transpose", [window, i32("perm_swap", [0, 2, 3, 1])]);
  return finish();
}

const OUTPUTS = ["flat", "picked", "swapped"];

describe("converter shape ops on a synthetic MLP-Mixer graph", () => {
  let pair: ConvertedPair | undefined;
  beforeAll(async () => {
    pair = await convertBoth(buildGraph(), OUTPUTS);
  });
  afterAll(() => pair?.close());

  it("matches TF.js on every output, in TF's shapes, for several inputs", async () => {
    const both = pair as ConvertedPair;
    for (const seed of [1, 2, 3]) {
      const input = Float32Array.from({ length: 12 }, (_, k) => Math.sin(seed * 12.9898 + k * 78.233) * 40);
      const onnxInput = new ort.Tensor("float32", input, [1, 6, 2]);
      await expectOutputsAgree(both, { input, shape: [1, 6, 2], onnxInput, relTolerance: 1e-5, label: `seed ${seed}` });
    }
    expect(result(both.session, "picked")).toEqual([1, 1, 2]);
    expect(result(both.session, "swapped")).toEqual([1, 3, 2, 1]);
  });
});

function result(session: ort.InferenceSession, name: string): readonly (number | string)[] {
  const meta = session.outputMetadata.find((m) => m.name === name);
  return meta && "shape" in meta ? meta.shape : [];
}
